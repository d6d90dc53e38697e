//! The repository's own sample site builds, with the seed announcement.

use crate::util::*;

#[test]
fn sample_site_builds() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let out_arg = dest.to_str().unwrap();
    let o = bantin_in(out.path(), &repo_root(), &["build", "--output", out_arg]);
    let r = Run {
        out: o,
        public: dest.clone(),
        _site: None,
    };
    r.assert_success();
    assert!(r.articles_built() >= 16, "{}", r.stdout());
    let page = "chi-dao-dieu-hanh/tham-gia-dieu-tra-xa-hoi-hoc-chi-so-cai-cach-hanh-chinh-nam-2022/index.html";
    r.assert_file_contains(page, "1141/UBND-KSTTHC");
    let html = r.file(page);
    let pdf: Vec<_> = attr_values(&html, "href")
        .into_iter()
        .filter(|h| h.ends_with(".pdf"))
        .collect();
    assert!(!pdf.is_empty(), "no PDF link in the seed article");
    for h in pdf {
        let rel = h.strip_prefix('/').unwrap();
        assert!(r.has_file(rel), "linked PDF {h} not in the output");
    }
    for f in [
        "index.html",
        "rss.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "favicon.ico",
        "manifest.webmanifest",
    ] {
        r.assert_file(f);
    }
    crate::assets::hashed(&r, "css/style.css");
}

#[test]
fn sample_site_with_base_path_prefixes_every_link() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let o = bantin_in(
        out.path(),
        &repo_root(),
        &[
            "build",
            "--output",
            dest.to_str().unwrap(),
            "--base-url",
            "https://example.gov.vn/tin-tuc-ttt/",
        ],
    );
    let r = Run {
        out: o,
        public: dest.clone(),
        _site: None,
    };
    r.assert_success();
    let mut bad = Vec::new();
    let mut n = 0;
    for (path, html) in r.texts(&[".html"]) {
        for attr in ["href", "src"] {
            for v in attr_values(&html, attr) {
                if v.starts_with('/') && !v.starts_with("//") {
                    n += 1;
                    if !v.starts_with("/tin-tuc-ttt/") {
                        bad.push(format!("{path}: {v}"));
                    }
                }
            }
        }
    }
    assert!(n > 500, "only {n} links found");
    assert!(bad.is_empty(), "{bad:#?}");
    r.assert_file_lacks("rss.xml", "https://example.gov.vn/tin-tuc/")
        .assert_file_lacks("sitemap.xml", "https://example.gov.vn/tin-tuc/");
}

/// Bug: `/van-ban/index.json` listed each record's filter terms from a hash
/// map, so two builds of the same site differed. Builds must be reproducible
/// (the incremental rebuilds of `serve` are checked against full builds).
#[test]
fn two_builds_of_the_sample_site_are_byte_identical() {
    let repo = repo_root();
    let out = tempfile::tempdir().unwrap();
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    for dir in [&a, &b] {
        let run = bantin(
            &repo,
            &["--quiet", "build", "--output", dir.to_str().unwrap()],
        );
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let (a, b) = (snapshot_dir(&a), snapshot_dir(&b));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
}
