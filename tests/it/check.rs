//! `bantin check`: the sample site is clean; a fixture with one of each
//! problem reports each once at the right line; JSON lines; --strict;
//! --external against a real local HTTP server (200, 404, too slow) with its cache.

use crate::util::{SiteTest, article, repo_root};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// `path:line:col` and the code of every finding, from the human output.
fn located(stdout: &str) -> Vec<(String, String)> {
    stdout
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .map(|l| {
            let at = l.split(": ").next().unwrap().to_string();
            let code = l
                .rsplit_once('[')
                .unwrap()
                .1
                .trim_end_matches(']')
                .to_string();
            (at, code)
        })
        .collect()
}

#[test]
fn sample_site_is_clean() {
    let out = crate::util::bantin(&repo_root(), &["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("No problems found"), "{text}");
}

#[test]
fn every_kind_of_problem_once_at_its_line() {
    let site = SiteTest::new("check-problems");
    let run = site.run(&["check"]);
    run.assert_failure();
    let mut got = located(&run.stdout());
    got.sort();
    let mut want: Vec<(String, String)> = [
        ("content/tin-tuc/cong-van.md:8:10", "missing-attachment"),
        ("content/tin-tuc/hong.md:7:5", "broken-link"),
        ("content/tin-tuc/hong.md:9:1", "missing-image"),
        ("content/tin-tuc/loi.md:11:10", "broken-link"),
        ("content/tin-tuc/loi.md:13:5", "broken-anchor"),
        ("content/tin-tuc/loi.md:13:34", "broken-anchor"),
        // anh.png is not a real PNG: the photo stage says so now that
        // check (like build) goes on past the model's errors.
        ("content/tin-tuc/loi.md:15:1", "build-error"),
        ("content/tin-tuc/loi.md:15:1", "missing-alt"),
        ("content/tin-tuc/loi.md:17:6", "unsafe-link"),
        ("content/tin-tuc/loi.md:17:40", "unsafe-link"),
        ("content/tin-tuc/loi.md:19:10", "unsafe-link"),
        ("content/tin-tuc/sai-khoa.md:5:1", "unknown-key"),
        (
            "content/tin-tuc/thieu-chuyen-muc.md:2:1",
            "missing-category",
        ),
        ("content/tin-tuc/thieu-tom-tat.md:2:1", "missing-summary"),
        ("content/tin-tuc/trung-1.md:2:1", "duplicate-title"),
    ]
    .iter()
    .map(|(a, c)| (a.to_string(), c.to_string()))
    .collect();
    want.sort();
    assert_eq!(got, want, "{}", run.stdout());
    let out = run.stdout();
    assert!(
        out.contains("anchor `#sai-muc` not found on /thong-bao/lich/"),
        "{out}"
    );
    assert!(out.contains("hint: did you mean `category`?"), "{out}");
    assert!(out.contains("13 errors, 2 warnings"), "{out}");
    // Valid links and anchors (lich.md#thoi-gian, #mo-dau, /) are not reported.
    assert!(!out.contains("#thoi-gian"), "{out}");
    assert!(!out.contains("#mo-dau"), "{out}");
    // Nothing written.
    assert!(!site.path("public").exists());
}

#[test]
fn json_lines_with_summary() {
    let site = SiteTest::new("check-problems");
    let run = site.run(&["check", "--format", "json"]);
    run.assert_failure();
    let lines: Vec<serde_json::Value> = run
        .stdout()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let (summary, findings) = lines.split_last().unwrap();
    assert_eq!(findings.len(), 15);
    assert_eq!(summary["summary"]["errors"], 13);
    assert_eq!(summary["summary"]["warnings"], 2);
    let anchor = findings
        .iter()
        .find(|f| f["code"] == "broken-anchor")
        .unwrap();
    assert_eq!(anchor["severity"], "error");
    assert_eq!(anchor["path"], "content/tin-tuc/loi.md");
    assert_eq!(anchor["line"], 13);
    assert_eq!(anchor["col"], 5);
    assert!(
        anchor["message"]
            .as_str()
            .unwrap()
            .contains("#muc-khong-co")
    );
    assert!(anchor["hint"].is_string());
}

#[test]
fn warnings_fail_only_when_strict() {
    let site = SiteTest::new("minimal").file(
        "content/tin-tuc/anh.md",
        &article("Ảnh", "2023-01-11T09:00:00+07:00", "![](anh.png)"),
    );
    // A real 2×2 PNG: photos are decoded and resized by the build.
    site.write("content/tin-tuc/anh.png", b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02\x00\x00\x00\x02\x08\x02\x00\x00\x00\xfd\xd4\x9a\x73\x00\x00\x00\x11\x49\x44\x41\x54\x78\x9c\x63\xf8\xcf\xc0\x00\x44\x60\xe2\x3f\x03\x00\x1d\xf0\x03\xfd\xa0\x33\x09\x89\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82");
    let run = site.run(&["check"]);
    run.assert_success().stdout_contains("0 errors, 1 warning");
    site.run(&["check", "--strict"])
        .assert_failure()
        .stdout_contains("content/tin-tuc/anh.md:5:1: warning: image");
}

#[test]
fn a_site_that_cannot_load_is_reported_not_crashed() {
    let site = SiteTest::new("minimal").file("config.yaml", "title: T\nbase_url: nowhere\n");
    site.run(&["check"])
        .assert_failure()
        .stdout_contains("config.yaml:2:1: error:");
}

/// A real HTTP/1.1 server on 127.0.0.1: `/ok` 200, `/gone` 404, `/slow`
/// answers after 30 s. Counts requests per path, and the most requests it
/// had in progress at once.
struct Server {
    port: u16,
    hits: Arc<[AtomicUsize; 3]>,
    most_at_once: Arc<AtomicUsize>,
}

fn serve() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let hits: Arc<[AtomicUsize; 3]> = Arc::new(Default::default());
    let most_at_once = Arc::new(AtomicUsize::new(0));
    let active = Arc::new(AtomicUsize::new(0));
    let (h, most) = (hits.clone(), most_at_once.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let (h, most, active) = (h.clone(), most.clone(), active.clone());
            std::thread::spawn(move || {
                let now = active.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                reader.read_line(&mut request).unwrap_or(0);
                let mut line = String::new();
                while reader.read_line(&mut line).unwrap_or(0) > 2 {
                    line.clear();
                }
                let path = request.split(' ').nth(1).unwrap_or("");
                let status = match path {
                    "/ok" => {
                        h[0].fetch_add(1, Ordering::SeqCst);
                        "200 OK"
                    }
                    "/slow" => {
                        h[2].fetch_add(1, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_secs(30));
                        "200 OK"
                    }
                    _ => {
                        h[1].fetch_add(1, Ordering::SeqCst);
                        "404 Not Found"
                    }
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
                active.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    Server {
        port,
        hits,
        most_at_once,
    }
}

#[test]
fn external_links_with_timeout_and_cache() {
    let server = serve();
    let p = server.port;
    let body = format!(
        "[tốt](http://127.0.0.1:{p}/ok)\n\n[mất](http://127.0.0.1:{p}/gone)\n\n[chậm](http://127.0.0.1:{p}/slow)\n"
    );
    let site = SiteTest::new("minimal").file(
        "content/tin-tuc/ngoai.md",
        &article("Liên kết ngoài", "2023-01-11T09:00:00+07:00", &body),
    );
    // Off by default: no request at all.
    site.run(&["check"]).assert_success();
    assert_eq!(server.hits[0].load(Ordering::SeqCst), 0);

    let started = std::time::Instant::now();
    let run = site.run(&["check", "--external", "--timeout", "1"]);
    run.assert_failure();
    let out = run.stdout();
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "the timeout was not applied: {:?}",
        started.elapsed()
    );
    assert!(
        out.contains(&format!(
            "content/tin-tuc/ngoai.md:7:1: error: external link answers 404: http://127.0.0.1:{p}/gone"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("content/tin-tuc/ngoai.md:9:1: warning: external link failed (no answer within the timeout): http://127.0.0.1:{p}/slow")),
        "{out}"
    );
    assert!(!out.contains("/ok"), "{out}");
    assert_eq!(server.hits[0].load(Ordering::SeqCst), 1);
    // One host: one request at a time.
    assert_eq!(server.most_at_once.load(Ordering::SeqCst), 1);
    let cache = site.read(".bantin-cache/links.json");
    assert!(
        cache.contains(&format!("http://127.0.0.1:{p}/ok")),
        "{cache}"
    );
    assert!(!cache.contains("/gone"), "{cache}");

    // Second run: the working link comes from the cache, failures are asked again.
    site.run(&["check", "--external", "--timeout", "1"])
        .assert_failure();
    assert_eq!(server.hits[0].load(Ordering::SeqCst), 1);
    assert!(server.hits[1].load(Ordering::SeqCst) >= 2);
}

#[test]
fn each_occurrence_is_reported_at_its_own_line() {
    let body = "[a](/khong-co/)\n\n<img src=\"/khong-co.png\">\n\n[b](/khong-co/)\n";
    let site = SiteTest::new("minimal").file(
        "content/tin-tuc/hai-lan.md",
        &article("Hai lần", "2023-01-11T09:00:00+07:00", body),
    );
    let run = site.run(&["check"]);
    run.assert_failure();
    let got = located(&run.stdout());
    assert_eq!(
        got,
        [
            ("content/tin-tuc/hai-lan.md:5:1", "broken-link"),
            ("content/tin-tuc/hai-lan.md:7:11", "missing-alt"),
            ("content/tin-tuc/hai-lan.md:7:11", "missing-image"),
            ("content/tin-tuc/hai-lan.md:9:1", "broken-link"),
        ]
        .map(|(a, c)| (a.to_string(), c.to_string())),
        "{}",
        run.stdout()
    );
}

/// One pass finds everything: a page with a link to a missing file is still
/// read back, so its broken anchor and its image without alt text are
/// reported in the same run, by check and by build alike.
#[test]
fn a_missing_file_does_not_hide_the_pages_other_problems() {
    let body = "Xem [tệp](khong-co.pdf) và [mục](#khong-co-muc).\n\n![](anh.jpg)\n\n## Mục thật";
    let site = SiteTest::empty()
        .file(
            "config.yaml",
            "title: \"Trang tin\"\nbase_url: \"https://example.gov.vn/\"\n",
        )
        .file(
            "content/tin-tuc/bai-mot.md",
            &article("Bài một", "2024-01-02", body),
        )
        .bytes(
            "content/tin-tuc/anh.jpg",
            &crate::images::photo_gen::jpeg(640, 480, 1, false),
        );
    let run = site.run(&["check"]);
    run.assert_failure();
    let mut got = located(&run.stdout());
    got.sort();
    let want: Vec<(String, String)> = [
        ("content/tin-tuc/bai-mot.md:5:28", "broken-anchor"),
        ("content/tin-tuc/bai-mot.md:5:5", "broken-link"),
        ("content/tin-tuc/bai-mot.md:7:1", "missing-alt"),
    ]
    .iter()
    .map(|(a, c)| (a.to_string(), c.to_string()))
    .collect();
    assert_eq!(got, want, "{}", run.stdout());
    // The build stops on the same two errors and tells the warning, in one run too.
    let build = site.build(&[]);
    build.assert_failure();
    let err = build.stderr() + &build.stdout();
    assert!(
        err.contains("bai-mot.md:5:5: error: link target not found"),
        "{err}"
    );
    assert!(
        err.contains("bai-mot.md:5:28: error: anchor `#khong-co-muc` not found"),
        "{err}"
    );
    assert!(
        err.contains("bai-mot.md:7:1: warning: image `/tin-tuc/anh.jpg` has no alt text"),
        "{err}"
    );
}
