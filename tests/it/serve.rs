//! `bantin serve` over HTTP: the real binary on a free port over a temp copy
//! of a fixture, spoken to with plain HTTP/1.1 over a `TcpStream` (so that
//! request paths go out exactly as written, `..` and all).

use crate::util::{BIN, SiteTest, article};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a change may take to show up (generous: CI machines are slow).
pub const PATIENCE: Duration = Duration::from_secs(20);

/// A running `bantin serve`, stopped when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT/…` as the server printed it.
    pub url: String,
    pub port: u16,
    out: Arc<Mutex<String>>,
    pub site: SiteTest,
}

/// An HTTP response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Server {
    /// `bantin --root <site> serve --port <free> <args>`, once it listens.
    pub fn start(site: SiteTest, args: &[&str]) -> Server {
        Server::start_on(site, free_port(), args)
    }

    pub fn start_on(site: SiteTest, port: u16, args: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .current_dir(site.root())
            .arg("--root")
            .arg(site.root())
            .args(["serve", "--port", &port.to_string()])
            .args(args)
            .env("NO_COLOR", "1")
            // English: the tests read its wording.
            .env("BANTIN_LANG", "en")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start bantin serve");
        let out = Arc::new(Mutex::new(String::new()));
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let out = out.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let mut o = out.lock().unwrap();
                    o.push_str(&line);
                    o.push('\n');
                }
            });
        }
        let mut server = Server {
            child,
            url: String::new(),
            port: 0,
            out,
            site,
        };
        let started = Instant::now();
        loop {
            let text = server.output();
            // English, or Vietnamese when a test passes `--lang vi`.
            let listening = ["Serving at ", "Bản xem trước đang chạy tại "];
            if let Some(rest) = listening.iter().find_map(|l| text.split(l).nth(1)) {
                server.url = rest.split_whitespace().next().unwrap().to_string();
                let hostport = server.url.trim_start_matches("http://");
                let hostport = hostport.split('/').next().unwrap();
                server.port = hostport.rsplit(':').next().unwrap().parse().unwrap();
                return server;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("bantin serve exited ({status}):\n{text}");
            }
            // The first build of a site with photos takes a while on a busy machine.
            assert!(
                started.elapsed() < 4 * PATIENCE,
                "bantin serve did not start:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Everything the server printed so far (stdout and stderr).
    pub fn output(&self) -> String {
        self.out.lock().unwrap().clone()
    }

    /// `GET path` (sent as written).
    pub fn get(&self, path: &str) -> Response {
        request(self.port, "GET", path)
    }

    /// `GET path` until `ok` holds, or panic after [`PATIENCE`].
    #[track_caller]
    pub fn wait_for(&self, path: &str, what: &str, ok: impl Fn(&Response) -> bool) -> Response {
        let started = Instant::now();
        loop {
            let r = self.get(path);
            if ok(&r) {
                return r;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "{path}: {what} did not happen; last response {} \n{}\n--- server ---\n{}",
                r.status,
                r.text(),
                self.output()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Wait until the server printed `needle`.
    #[track_caller]
    pub fn wait_output(&self, needle: &str) -> String {
        let started = Instant::now();
        loop {
            let text = self.output();
            if text.contains(needle) {
                return text;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "server never printed {needle:?}:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request with `Connection: close`; the raw response parsed.
pub fn request(port: u16, method: &str, path: &str) -> Response {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read response");
    parse_response(&raw)
}

/// A raw HTTP/1.1 response, parsed.
pub fn parse_response(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

#[test]
fn serves_files_with_their_types_folders_and_the_404_page() {
    let site = SiteTest::new("bundle")
        .bytes("content/tin-tuc/anh.webp", b"RIFF\0\0\0\0WEBPVP8 ")
        .file("content/tin-tuc/ghi chú.txt", "xin chào");
    let server = Server::start(site, &[]);

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.text().contains("/__bantin/live.js"), "{}", home.text());
    assert_eq!(server.get("/__bantin/live.js").status, 200);

    for (path, mime) in [
        ("/tin-tuc/bai-a/cv.pdf", "application/pdf"),
        (
            "/tin-tuc/phu-luc.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("/tin-tuc/anh.webp", "image/webp"),
        ("/css/style.css", "text/css; charset=utf-8"),
        ("/tin-tuc/ghi%20ch%C3%BA.txt", "text/plain; charset=utf-8"),
        ("/tin-tuc/bai-a/", "text/html; charset=utf-8"),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(mime), "{path}");
    }
    let pdf = server.get("/tin-tuc/bai-a/cv.pdf");
    assert_eq!(
        pdf.body,
        std::fs::read(server.site.path("content/tin-tuc/bai-a/cv.pdf")).unwrap(),
        "attachments are served as they are, without a script"
    );
    assert!(
        server
            .get("/rss.xml")
            .header("content-type")
            .unwrap()
            .contains("xml")
    );

    let folder = server.get("/tin-tuc/bai-a");
    assert_eq!(folder.status, 308);
    assert_eq!(folder.header("location"), Some("/tin-tuc/bai-a/"));

    let missing = server.get("/khong-co-trang-nay/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.text().contains("Không tìm thấy trang"),
        "{}",
        missing.text()
    );
    assert!(missing.text().contains("data-status=\"404\""));

    assert!(
        !server.site.path("public").exists(),
        "serve must not write public/"
    );
    assert!(server.output().contains("public/ is not touched"));
}

#[test]
fn serves_under_the_base_url_path_with_links_to_itself() {
    let site = SiteTest::new("minimal").file(
        "config.yaml",
        "title: \"Trang tin\"\nbase_url: \"https://example.gov.vn/tin-tuc-ttt/\"\n",
    );
    let server = Server::start(site, &[]);
    assert!(server.url.ends_with("/tin-tuc-ttt/"), "{}", server.url);
    let root = server.get("/");
    assert_eq!(root.status, 308);
    assert_eq!(root.header("location"), Some("/tin-tuc-ttt/"));
    let home = server.get("/tin-tuc-ttt/");
    assert_eq!(home.status, 200);
    let text = home.text();
    assert!(text.contains("href=\"/tin-tuc-ttt/tin-tuc/"), "{text}");
    assert!(
        !text.contains("example.gov.vn"),
        "preview links lead to the preview: {text}"
    );
    assert_eq!(server.get("/tin-tuc-ttt/tin-tuc/").status, 200);
    assert_eq!(server.get("/tin-tuc/").status, 404);
}

#[test]
fn refuses_paths_leading_outside_the_site() {
    let site = SiteTest::new("minimal");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("bi-mat.txt"), "BÍ MẬT").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("bi-mat.txt"),
        site.path("content/tin-tuc/bi-mat.txt"),
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), site.path("content/ngoai")).unwrap();
    let server = Server::start(site, &[]);
    assert_eq!(server.get("/tin-tuc/").status, 200);
    for path in [
        "/tin-tuc/../tin-tuc/",
        "/../config.yaml",
        "/tin-tuc/%2e%2e/%2e%2e/config.yaml",
        "/tin-tuc/%2E%2E/",
        "/tin-tuc%2f",
        "/tin-tuc%2Findex.html",
        "/tin-tuc%5cindex.html",
        "/%5c..%5cconfig.yaml",
        "/etc/passwd",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "/tin-tuc/bi-mat.txt",
        "/ngoai/bi-mat.txt",
        "/config.yaml",
        "/content/tin-tuc/chao-mung.md",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}: {}", r.text());
        assert!(!r.text().contains("BÍ MẬT"), "{path}");
    }
    // A raw backslash is not even a valid request target.
    let r = server.get("/tin-tuc\\..\\..\\config.yaml");
    assert!(r.status == 404 || r.status == 400, "{}", r.status);
    assert!(!r.text().contains("title:"));
}

#[test]
fn takes_the_next_port_when_the_port_is_taken() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let server = Server::start_on(SiteTest::new("minimal"), port, &[]);
    assert_ne!(server.port, port);
    assert!(
        server.output().contains(&format!("port {port} is in use")),
        "{}",
        server.output()
    );
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn warns_when_bound_beyond_loopback() {
    let server = Server::start(SiteTest::new("minimal"), &["--bind", "0.0.0.0"]);
    assert!(
        server.output().contains("other machines on the network"),
        "{}",
        server.output()
    );
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn edits_show_up_and_editor_files_are_never_published() {
    let server = Server::start(SiteTest::new("minimal"), &[]);
    let site = &server.site;
    let listing = server.get("/tin-tuc/").text();
    assert!(listing.contains("chao-mung"), "{listing}");

    // An editor's temporary and backup files: no rebuild, never served.
    for name in [
        ".chao-mung.md.swp",
        "chao-mung.md~",
        "4913",
        "~$cv.docx",
        ".#chao-mung.md",
    ] {
        site.write(&format!("content/tin-tuc/{name}"), "rác");
    }
    std::thread::sleep(Duration::from_millis(400));
    assert!(!server.output().contains("rebuilt"), "{}", server.output());
    for name in ["chao-mung.md~", "4913", "~$cv.docx"] {
        let url = format!("/tin-tuc/{}", name.replace('$', "%24"));
        assert_eq!(server.get(&url).status, 404, "{name}");
    }

    // An edit saved the way many editors do: a temporary file renamed over the original.
    let text = site.read("content/tin-tuc/chao-mung.md");
    let edited = text + "\nĐoạn mới viết thêm.\n";
    site.write("content/tin-tuc/.chao-mung.md.tmp4913", edited);
    std::fs::rename(
        site.path("content/tin-tuc/.chao-mung.md.tmp4913"),
        site.path("content/tin-tuc/chao-mung.md"),
    )
    .unwrap();
    server.wait_for("/tin-tuc/chao-mung/", "the edit", |r| {
        r.text().contains("Đoạn mới viết thêm.")
    });
    server.wait_output("rebuilt in ");

    // A new article, then deleted: it leaves the listing.
    site.write(
        "content/tin-tuc/bai-moi.md",
        article("Bài mới toanh", "2024-05-01", "Nội dung."),
    );
    server.wait_for("/tin-tuc/", "the new article", |r| {
        r.text().contains("Bài mới toanh")
    });
    assert_eq!(server.get("/tin-tuc/bai-moi/").status, 200);
    site.remove("content/tin-tuc/bai-moi.md");
    server.wait_for("/tin-tuc/", "the deletion", |r| {
        !r.text().contains("Bài mới toanh")
    });
    assert_eq!(server.get("/tin-tuc/bai-moi/").status, 404);

    // A renamed folder (a new section) is picked up.
    std::fs::rename(
        site.path("content/thong-bao"),
        site.path("content/thong-bao-moi"),
    )
    .unwrap();
    server.wait_for("/thong-bao-moi/", "the renamed folder", |r| r.status == 200);
    assert_eq!(server.get("/thong-bao/").status, 404);
    assert!(!site.path("public").exists());
}

#[test]
fn a_broken_file_keeps_the_last_good_site_and_is_reported() {
    let server = Server::start(SiteTest::new("minimal"), &[]);
    let site = &server.site;
    let good = site.read("content/tin-tuc/chao-mung.md");
    site.write(
        "content/tin-tuc/chao-mung.md",
        good.replacen("title: \"", "title: \"<b>Hỏng ", 1)
            .replacen("\"\n", "\n", 1),
    );
    let out = server.wait_output("error");
    assert!(out.contains("content/tin-tuc/chao-mung.md:"), "{out}");
    assert!(out.contains("last good site"), "{out}");
    let page = server.get("/tin-tuc/chao-mung/");
    assert_eq!(page.status, 200, "the last good site is still served");
    assert!(!page.text().contains("Hỏng"));

    site.write(
        "content/tin-tuc/chao-mung.md",
        good.replacen("title: \"", "title: \"Đã sửa ", 1),
    );
    server.wait_for("/tin-tuc/chao-mung/", "the fix", |r| {
        r.text().contains("Đã sửa")
    });
    assert_eq!(server.get("/").status, 200, "the server is still up");
}

#[test]
fn starts_on_a_broken_site_and_serves_it_once_fixed() {
    let server = Server::start(SiteTest::new("bad-yaml"), &[]);
    let out = server.wait_output("content/tin-tuc/loi-yaml.md:3:");
    assert!(out.contains("last good site"), "{out}");
    let nothing = server.get("/");
    assert_eq!(nothing.status, 404);
    assert!(
        nothing.text().contains("/__bantin/live.js"),
        "the page can still show the errors: {}",
        nothing.text()
    );
    server.site.write(
        "content/tin-tuc/loi-yaml.md",
        "---\ntitle: \"Bài đã sửa\"\nsummary: \"Kết quả: đạt yêu cầu\"\ndate: 2023-02-15\n---\nNội dung.\n",
    );
    server.wait_for("/tin-tuc/loi-yaml/", "the fix", |r| {
        r.status == 200 && r.text().contains("Bài đã sửa")
    });
}

/// A body edit below the summary is a quick rebuild: the page shows it, then
/// the search index (computed after the reload) finds the new word.
#[test]
fn a_body_edit_reaches_the_page_then_the_search_index() {
    let server = Server::start(SiteTest::new("minimal"), &[]);
    let site = &server.site;
    let docs = |word: &str| {
        let meta = server.get("/search/meta.json").text();
        let meta: serde_json::Value = serde_json::from_str(&meta).unwrap();
        let files = meta["count"]
            .as_u64()
            .unwrap()
            .div_ceil(meta["docs_per_file"].as_u64().unwrap());
        (0..files).any(|i| {
            server
                .get(&format!("/search/doc/{i}.json"))
                .text()
                .contains(word)
        })
    };
    assert!(docs("Phòng Truyền thông"), "the first build has its index");
    assert!(!docs("Zyxwvut"));

    let text = site.read("content/tin-tuc/chao-mung.md");
    site.write("content/tin-tuc/chao-mung.md", text + "\nĐoạn Zyxwvut.\n");
    server.wait_for("/tin-tuc/chao-mung/", "the edit", |r| {
        r.text().contains("Zyxwvut")
    });
    let out = server.wait_output("rebuilt in ");
    assert!(out.contains("; quick)"), "{out}");
    let started = Instant::now();
    while !docs("Zyxwvut") {
        assert!(
            started.elapsed() < PATIENCE,
            "the search index never had the edit"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
