//! Reader tools on an article (share links, copy link, share sheet, text
//! size) and the Lighthouse-level quality of the sample site (no layout
//! shift on the search page, the four Lighthouse categories at 95 or more).
//! The browser parts run tests/browser/reader.js and tests/browser/lighthouse.js
//! in headless Chromium against the sample site built under a base path and
//! served over HTTP on 127.0.0.1 by a small static server started here.

use crate::util::{SiteTest, attr_values, bantin, repo_root, run_browser_script};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

const ARTICLE: &str = "tin-tuc/chao-mung/index.html";

/// The `href` of the `<a>` whose class list holds `class`.
fn link_with_class<'a>(html: &'a str, class: &str) -> &'a str {
    let at = html
        .find(&format!("class=\"share__link {class}\""))
        .unwrap_or_else(|| panic!("no share link {class} in\n{html}"));
    let tag = &html[at..at + html[at..].find('>').unwrap()];
    attr_values(tag, "href")[0]
}

#[test]
fn share_links_carry_the_percent_encoded_permalink_under_a_base_path() {
    let r = SiteTest::new("minimal").build(&["--base-url", "https://example.gov.vn/tin-tuc-ttt/"]);
    r.assert_success();
    let page = r.file(ARTICLE);
    let encoded = "https%3A%2F%2Fexample.gov.vn%2Ftin-tuc-ttt%2Ftin-tuc%2Fchao-mung%2F";
    assert_eq!(
        link_with_class(&page, "share__link--facebook"),
        format!("https://www.facebook.com/sharer/sharer.php?u={encoded}")
    );
    assert_eq!(
        link_with_class(&page, "share__link--zalo"),
        format!("https://sp.zalo.me/share_to_zalo?url={encoded}")
    );
    // Both open a new tab without giving it this page, and say so to screen readers.
    let share = &page[page.find("<section class=\"share\"").unwrap()..];
    let share = &share[..share.find("</section>").unwrap()];
    assert_eq!(
        share
            .matches("target=\"_blank\" rel=\"noopener noreferrer\"")
            .count(),
        2
    );
    assert_eq!(share.matches("(mở trong thẻ mới)").count(), 2);
    assert!(share.contains("Chia sẻ lên </span>Facebook"), "{share}");
    assert!(share.contains("Chia sẻ qua </span>Zalo"), "{share}");
    // The copy button gets the permalink itself; the script is under the base path.
    assert!(share.contains("data-url=\"https://example.gov.vn/tin-tuc-ttt/tin-tuc/chao-mung/\""));
    let script = attr_values(&page, "src")
        .into_iter()
        .find(|s| s.contains("/js/reader"))
        .unwrap_or_else(|| panic!("no js/reader script in\n{page}"));
    let file = script
        .strip_prefix("/tin-tuc-ttt/")
        .unwrap_or_else(|| panic!("{script} is not under the base path"));
    r.assert_file(file);
}

#[test]
fn an_article_page_loads_nothing_from_another_site() {
    let r = SiteTest::new("minimal").build(&[]);
    r.assert_success();
    let page = r.file(ARTICLE);
    // Anything the browser fetches by itself: scripts, stylesheets, images, frames.
    for attr in ["src", "srcset", "poster", "data"] {
        for v in attr_values(&page, attr) {
            assert!(
                !v.contains("://") && !v.starts_with("//"),
                "{attr}=\"{v}\" leaves the site in\n{page}"
            );
        }
    }
    for tag in page.split("<link ").skip(1) {
        let tag = &tag[..tag.find('>').unwrap()];
        if tag.contains("rel=\"canonical\"") || tag.contains("rel=\"alternate\"") {
            continue;
        }
        let href = attr_values(&format!(" {tag}"), "href")[0].to_string();
        assert!(
            !href.contains("://") && !href.starts_with("//"),
            "<link {tag}> leaves the site"
        );
    }
    assert!(!page.contains("<iframe"), "{page}");
}

#[test]
fn reader_tools_speak_english_on_an_english_site() {
    let site = SiteTest::new("minimal");
    let config = site
        .read("config.yaml")
        .replace("language: vi", "language: en");
    let r = site.file("config.yaml", &config).build(&[]);
    r.assert_success();
    for s in [
        "Share this article",
        "Share on </span>Facebook",
        "Share on </span>Zalo",
        "(opens in a new tab)",
        "Copy link",
        "data-copied=\"Link copied.\"",
        "Share with another app",
        ">Text size</span>",
        "Larger text",
        "Smaller text",
        "Default text size",
    ] {
        r.assert_file_contains(ARTICLE, s);
    }
    r.assert_file_lacks(ARTICLE, "Chia sẻ");
}

#[test]
fn print_stylesheet_hides_the_reader_tools_and_resets_the_text_size() {
    let r = SiteTest::new("minimal").build(&[]);
    r.assert_success();
    let print = r.file(&crate::assets::hashed(&r, "css/print.css"));
    let rule = print
        .lines()
        .find(|l| l.contains("display: none !important") && l.contains(".text-size"))
        .unwrap_or_else(|| panic!("no rule hiding .text-size in print.css\n{print}"));
    assert!(rule.contains(".share"), "{rule}");
    assert!(print.contains("--text-size: 1 !important"), "{print}");
    // The print button was already hidden on paper with the other tools.
    assert!(print.contains(".print-button"), "{print}");
}

// ---------- In the browser ----------

/// A static file server on 127.0.0.1 for `dir` on threads: `/x/` serves
/// `x/index.html`, a query string is ignored, the content type follows the
/// extension (UTF-8 for text), and `x.gz` is sent for `x` when it exists and
/// the browser accepts gzip (as nginx's `gzip_static` does).
fn serve_static(dir: &Path) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let dir = dir.to_path_buf();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || answer(stream, &dir));
        }
    });
    port
}

fn answer(mut stream: TcpStream, dir: &Path) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let mut gzip = false;
    let mut line = String::new();
    while reader.read_line(&mut line).map(|n| n > 2).unwrap_or(false) {
        let l = line.to_ascii_lowercase();
        gzip |= l.starts_with("accept-encoding:") && l.contains("gzip");
        line.clear();
    }
    let target = first.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split('?').next().unwrap_or("/");
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut file: PathBuf = dir.join(path.trim_start_matches('/'));
    if path.ends_with('/') {
        file.push("index.html");
    }
    let kind = mime_guess::from_path(&file).first_or_octet_stream();
    let kind = match kind.type_() {
        mime_guess::mime::TEXT => format!("{kind}; charset=utf-8"),
        _ if kind.subtype() == "json" => format!("{kind}; charset=utf-8"),
        _ => kind.to_string(),
    };
    let gz = PathBuf::from(format!("{}.gz", file.display()));
    let (body, encoding) = match std::fs::read(&gz) {
        Ok(b) if gzip => (Ok(b), "Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n"),
        _ => (std::fs::read(&file), ""),
    };
    let (status, body) = match body {
        Ok(b) if !path.contains("..") && file.is_file() => ("200 OK", b),
        _ => ("404 Not Found", b"not found".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\n{encoding}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// The sample site (the repository's `content/`) built with the base URL
/// `http://127.0.0.1:<port>/tin-tuc-ttt/` and served there. Returns the
/// folder (kept alive by the caller) and that base URL.
fn serve_sample_site() -> (tempfile::TempDir, String) {
    let served = tempfile::tempdir().unwrap();
    let public = served.path().join("tin-tuc-ttt");
    let port = serve_static(served.path());
    let base = format!("http://127.0.0.1:{port}/tin-tuc-ttt/");
    let out = bantin(
        &repo_root(),
        &[
            "--quiet",
            "build",
            "--output",
            public.to_str().unwrap(),
            "--base-url",
            &base,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (served, base)
}

#[test]
fn reader_tools_work_in_chromium_and_the_search_page_does_not_shift() {
    let (_served, base) = serve_sample_site();
    let out = run_browser_script(
        "reader.js",
        &[
            &base,
            "tin-tuc/dich-vu-cong-truc-tuyen-toan-trinh-2024/",
            "tin-tuc/ke-hoach-chuyen-doi-so-2024/",
            "tim-kiem/?q=c%E1%BA%A3i+c%C3%A1ch+h%C3%A0nh+ch%C3%ADnh",
        ],
    );
    println!("{out}");
    assert!(
        out.contains("ok - no layout shift on the search page"),
        "{out}"
    );
}

/// Lighthouse's four categories on the home page, an article and the search
/// page with a query (its index loading), each at 95 or more. The search page
/// is `noindex` on purpose: its SEO score is taken without that one audit.
#[test]
fn lighthouse_scores() {
    let (_served, base) = serve_sample_site();
    let pages = [
        ("home", String::new()),
        (
            "article",
            "tin-tuc/dich-vu-cong-truc-tuyen-toan-trinh-2024/".to_string(),
        ),
        (
            "search",
            "tim-kiem/?q=c%E1%BA%A3i+c%C3%A1ch+h%C3%A0nh+ch%C3%ADnh".to_string(),
        ),
    ];
    let urls: Vec<String> = pages.iter().map(|(_, p)| format!("{base}{p}")).collect();
    let args: Vec<&str> = urls.iter().map(String::as_str).collect();
    let out = run_browser_script("lighthouse.js", &args);
    println!("{out}");
    let result = out
        .lines()
        .find_map(|l| l.strip_prefix("RESULT "))
        .unwrap_or_else(|| panic!("no RESULT line from lighthouse.js:\n{out}"));
    let scores: serde_json::Value = serde_json::from_str(result).unwrap();
    for ((name, _), url) in pages.iter().zip(&urls) {
        let got = &scores[url.as_str()];
        for category in ["performance", "accessibility", "best-practices", "seo"] {
            let key = if *name == "search" && category == "seo" {
                "seo-without-noindex"
            } else {
                category
            };
            let score = got[key]
                .as_f64()
                .unwrap_or_else(|| panic!("no {key} score for {url}: {got}"));
            assert!(
                score >= 0.95,
                "{name} page {url}: Lighthouse {key} {score} < 0.95\n{out}"
            );
        }
    }
}
