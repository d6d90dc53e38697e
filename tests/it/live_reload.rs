//! Live reload end to end: headless Chromium (tests/browser/live-reload.js)
//! against a running `bantin serve`, while this test's script edits the files.

use crate::serve::Server;
use crate::util::{SiteTest, repo_root, run_browser_script};

#[test]
fn pages_follow_edits_css_swaps_and_errors_in_chromium() {
    let body: String = (1..=80)
        .map(|i| format!("Đoạn {i}: nội dung dài để trang cuộn được.\n\n"))
        .collect();
    let css = std::fs::read_to_string(repo_root().join("themes/default/static/css/style.css"))
        .expect("default stylesheet");
    let site = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/chao-mung.md",
            &format!(
                "---\ntitle: \"Chào mừng\"\ndate: 2023-01-10T09:00:00+07:00\n---\nPhiên bản một.\n\n{body}"
            ),
        )
        .file("themes/default/static/css/style.css", &css);
    let server = Server::start(site, &[]);
    let url = format!("{}tin-tuc/chao-mung/", server.url);
    let article = server.site.path("content/tin-tuc/chao-mung.md");
    let stylesheet = server.site.path("themes/default/static/css/style.css");
    let out = run_browser_script(
        "live-reload.js",
        &[
            &url,
            article.to_str().unwrap(),
            stylesheet.to_str().unwrap(),
        ],
    );
    println!("{out}");
    assert!(
        out.contains("ok - fixing the file removes the overlay"),
        "{out}"
    );
    assert!(!server.site.path("public").exists());
}
