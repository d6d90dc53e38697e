//! Search end to end in headless Chromium (tests/browser/search.js): the
//! fixture site `tests/fixtures/search` is built with a base URL that has a
//! path and served over HTTP by a small static server started here.

use crate::util::{SiteTest, run_browser_script};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

/// A static file server on 127.0.0.1 for `dir`, on a thread; returns its port.
/// GET only; `/x/` serves `x/index.html`; query strings are ignored.
pub fn serve_dir(dir: &Path) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let dir = dir.to_path_buf();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || handle(stream, &dir));
        }
    });
    port
}

fn handle(mut stream: TcpStream, dir: &Path) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    // Skip the headers.
    let mut line = String::new();
    while reader.read_line(&mut line).map(|n| n > 2).unwrap_or(false) {
        line.clear();
    }
    let target = first.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split('?').next().unwrap_or("/");
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut file: PathBuf = dir.join(path.trim_start_matches('/'));
    if path.ends_with('/') {
        file.push("index.html");
    }
    let (status, body) = match std::fs::read(&file) {
        Ok(b) if !path.contains("..") => ("200 OK", b),
        _ => ("404 Not Found", b"not found".to_vec()),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

#[test]
fn search_page_finds_vietnamese_queries_in_chromium() {
    let site = SiteTest::new("search");
    let served = tempfile::tempdir().unwrap();
    // base_url is https://example.gov.vn/tin-tuc-ttt/: serve the output there.
    let public = served.path().join("tin-tuc-ttt");
    site.build_into(&public, &[]).assert_success();
    let port = serve_dir(served.path());
    let base = format!("http://127.0.0.1:{port}/tin-tuc-ttt/");
    let out = run_browser_script("search.js", &["fixture", &base, public.to_str().unwrap()]);
    assert!(out.contains("ok - newest first toggle"), "{out}");
}

#[test]
fn search_script_folds_like_the_rust_build() {
    let site = SiteTest::new("search");
    let run = site.build(&[]);
    run.assert_success();
    let meta = run.out_path("search/meta.json");
    let out = run_browser_script("search_vectors.js", &[meta.to_str().unwrap()]);
    assert!(out.contains("ok - fold and exact agree with Rust"), "{out}");
}

#[test]
fn sample_site_search_answers_typical_queries() {
    let served = tempfile::tempdir().unwrap();
    let public = served.path().join("public");
    let repo = crate::util::repo_root();
    let build = crate::util::bantin(
        &repo,
        &["--quiet", "build", "--output", public.to_str().unwrap()],
    );
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let port = serve_dir(&public);
    let base = format!("http://127.0.0.1:{port}/");
    let out = run_browser_script(
        "search.js",
        &[
            "bench",
            &base,
            public.to_str().unwrap(),
            "cai cach hanh chinh",
            "1141",
            "kstthc",
            "Dak Lak",
            "\"chuyển đổi số\"",
        ],
    );
    assert!(
        out.contains("ok - a first query fetches at most 300 KB"),
        "{out}"
    );
}
