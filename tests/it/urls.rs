//! Links and escaping: a base URL with a path reaches every link; user text is escaped.

use crate::util::*;

const EVIL: &str = r#"<script>alert(1)</script> & "Hội nghị""#;

fn evil_site() -> SiteTest {
    let text = format!(
        "---\ntitle: '{EVIL}'\ndate: 2023-02-15T08:46:50+07:00\ncategory: '<b>Chuyên mục</b>'\ntags: ['<i>thẻ</i>']\n---\nNội dung an toàn.\n"
    );
    SiteTest::new("minimal").file("content/tin-tuc/doc-hai.md", &text)
}

#[test]
fn title_is_never_output_raw() {
    let r = evil_site().build(&[]);
    r.assert_success();
    for (path, text) in r.texts(&[".html", ".xml", ".txt"]) {
        assert!(!text.contains("<script>alert"), "raw <script> in {path}");
        assert!(
            !text.contains("alert(1)</script>"),
            "raw </script> in {path}"
        );
        assert!(
            !text.contains("<b>Chuyên mục</b>") && !text.contains("<i>thẻ</i>"),
            "raw markup in {path}"
        );
        assert!(
            !text.contains(r#""Hội nghị""#) || path.ends_with(".txt"),
            "raw quotes in {path}"
        );
    }
}

#[test]
fn title_appears_escaped_everywhere_it_is_shown() {
    let r = evil_site().build(&[]);
    r.assert_success();
    for f in [
        "tin-tuc/doc-hai/index.html",
        "tin-tuc/index.html",
        "index.html",
        "rss.xml",
        "tin-tuc/rss.xml",
    ] {
        r.assert_file_contains(f, "&lt;script&gt;alert(1)&lt;");
        r.assert_file_contains(f, " &amp; ");
    }
    r.assert_file_contains("sitemap.xml", "https://example.gov.vn/tin-tuc/doc-hai/");
}

/// Every root-relative `href`/`src` in every HTML file of the output.
fn root_relative_links(r: &Run) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, html) in r.texts(&[".html"]) {
        for attr in ["href", "src"] {
            for v in attr_values(&html, attr) {
                if v.starts_with('/') && !v.starts_with("//") {
                    out.push((path.clone(), v.to_string()));
                }
            }
        }
    }
    out
}

fn assert_links_under(r: &Run, prefix: &str) {
    let links = root_relative_links(r);
    assert!(links.len() > 50, "too few links found: {links:?}");
    let bad: Vec<_> = links
        .iter()
        .filter(|(_, l)| !l.starts_with(prefix))
        .collect();
    assert!(bad.is_empty(), "links without {prefix}: {bad:#?}");
    for (f, needle) in [
        (
            "rss.xml",
            "<link>https://example.gov.vn/tin-tuc-ttt/tin-tuc/bai-a/</link>",
        ),
        ("rss.xml", "https://example.gov.vn/tin-tuc-ttt/rss.xml"),
        (
            "tin-tuc/rss.xml",
            "<link>https://example.gov.vn/tin-tuc-ttt/tin-tuc/bai-a/</link>",
        ),
        (
            "sitemap.xml",
            "<loc>https://example.gov.vn/tin-tuc-ttt/tin-tuc/bai-a/</loc>",
        ),
        (
            "sitemap.xml",
            "<loc>https://example.gov.vn/tin-tuc-ttt/</loc>",
        ),
        (
            "robots.txt",
            "https://example.gov.vn/tin-tuc-ttt/sitemap.xml",
        ),
        (
            "tin-tuc/bai-a/index.html",
            "href=\"/tin-tuc-ttt/tin-tuc/bai-a/cv.pdf\"",
        ),
        (
            "tin-tuc/c/index.html",
            "href=\"/tin-tuc-ttt/thong-bao/b/#chi-tiet\"",
        ),
        ("index.html", "/tin-tuc-ttt/css/style."),
    ] {
        r.assert_file_contains(f, needle);
    }
    for f in ["rss.xml", "sitemap.xml"] {
        r.assert_file_lacks(f, "https://example.gov.vn/tin-tuc/");
    }
    // Files stay at the top of the output folder; the path is the server's business.
    r.assert_file("tin-tuc/bai-a/index.html")
        .assert_no_file("tin-tuc-ttt/index.html");
}

#[test]
fn base_url_with_path_prefixes_every_link() {
    let site = SiteTest::new("bundle");
    let cfg = site.read("config.yaml").replace(
        "https://example.gov.vn/",
        "https://example.gov.vn/tin-tuc-ttt/",
    );
    let r = site.file("config.yaml", &cfg).build(&[]);
    r.assert_success();
    assert_links_under(&r, "/tin-tuc-ttt/");
}

#[test]
fn base_url_flag_prefixes_every_link() {
    let r = SiteTest::new("bundle").build(&["--base-url", "https://example.gov.vn/tin-tuc-ttt/"]);
    r.assert_success();
    assert_links_under(&r, "/tin-tuc-ttt/");
}

#[test]
fn base_url_flag_without_trailing_slash() {
    let r = SiteTest::new("bundle").build(&["--base-url", "https://example.gov.vn/tin-tuc-ttt"]);
    r.assert_success();
    assert_links_under(&r, "/tin-tuc-ttt/");
}

#[test]
fn plain_base_url_links_are_root_relative() {
    let r = SiteTest::new("bundle").build(&[]);
    r.assert_success();
    let links = root_relative_links(&r);
    assert!(links.iter().all(|(_, l)| !l.starts_with("/tin-tuc-ttt/")));
    assert!(
        links.iter().any(|(_, l)| l == "/tin-tuc/bai-a/"),
        "{links:?}"
    );
}

#[test]
fn bad_base_url_flag_is_an_error() {
    let r = SiteTest::new("minimal").build(&["--base-url", "example.gov.vn"]);
    r.assert_failure()
        .stderr_contains("--base-url")
        .stderr_contains("error:");
}
