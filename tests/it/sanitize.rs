//! Safe HTML by default (docs/check.md, "Raw HTML and unsafe URLs"): raw
//! HTML is sanitized with located `unsafe-html` warnings, dangerous URLs are
//! `unsafe-link` errors in `build` and `check`, embeds only from
//! `embed_hosts`, feeds carry no script, `unsafe_html: true` opts out.

use crate::util::{SiteTest, article};

const DATE: &str = "2023-01-11T09:00:00+07:00";

/// `(location, severity)` of every diagnostic line of `build`'s stderr
/// containing `needle`.
fn lines_with<'a>(stderr: &'a str, needle: &str) -> Vec<&'a str> {
    stderr.lines().filter(|l| l.contains(needle)).collect()
}

/// The findings of `check --format json` with `code`: (path:line:col, severity).
fn check_json(site: &SiteTest, code: &str) -> Vec<(String, String)> {
    let run = site.run(&["check", "--format", "json"]);
    run.stdout()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|f| f["code"] == code)
        .map(|f| {
            (
                format!("{}:{}:{}", f["path"].as_str().unwrap(), f["line"], f["col"]),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const PASTED: &str = "Đoạn mở đầu.\n\n<script>alert('x')</script>\n\n<p style=\"color:red\" onclick=\"steal()\">Dán từ Word <img src=\"https://cdn.example.vn/anh.png\" alt=\"ảnh\" onerror=\"alert(2)\"></p>\n\n<iframe src=\"https://evil.example/x\"></iframe>\n\n<form action=\"/gui\"><input name=\"q\"></form><object data=\"a.swf\"></object>\n\n<style>body{display:none}</style>\n";

#[test]
fn pasted_script_handlers_and_frames_are_removed_with_located_warnings() {
    let site =
        SiteTest::new("minimal").file("content/tin-tuc/dan.md", &article("Dán", DATE, PASTED));
    let run = site.build(&[]);
    run.assert_success();
    let page = run.file("tin-tuc/dan/index.html");
    let body = &page[crate::util::pos(&page, "<div class=\"content\">")
        ..crate::util::pos(&page, "<footer class=\"article__footer\">")];
    for bad in [
        "alert",
        "steal",
        "onerror",
        "onclick",
        "color:red",
        "evil.example",
        "<iframe",
        "<form",
        "<object",
        "display:none",
    ] {
        assert!(!body.contains(bad), "{bad} published:\n{body}");
    }
    assert!(
        body.contains("Dán từ Word") && body.contains("alt=\"ảnh\""),
        "{body}"
    );
    let err = run.stderr();
    // File:line:col of each thing removed (the body starts on line 5).
    for at in [
        "content/tin-tuc/dan.md:7:1: warning: unsafe HTML removed: `<script>`",
        "content/tin-tuc/dan.md:9:4: warning: unsafe HTML removed: attribute `style`",
        "content/tin-tuc/dan.md:9:22: warning: unsafe HTML removed: attribute `onclick`",
        "content/tin-tuc/dan.md:9:104: warning: unsafe HTML removed: attribute `onerror`",
        "content/tin-tuc/dan.md:11:1: warning: unsafe HTML removed: `<iframe>` from `evil.example`",
        "content/tin-tuc/dan.md:13:1: warning: unsafe HTML removed: `<form>`",
        "content/tin-tuc/dan.md:13:44: warning: unsafe HTML removed: `<object>`",
        "content/tin-tuc/dan.md:15:1: warning: unsafe HTML removed: `<style>`",
    ] {
        assert!(err.contains(at), "missing {at:?} in\n{err}");
    }
    // check reports the same, with its code.
    let found = check_json(&site, "unsafe-html");
    assert_eq!(
        found.len(),
        lines_with(&err, "unsafe HTML removed").len(),
        "{found:?}\n{err}"
    );
    assert!(
        found.contains(&("content/tin-tuc/dan.md:7:1".into(), "warning".into())),
        "{found:?}"
    );
    assert!(found.iter().all(|(_, s)| s == "warning"));
}

#[test]
fn dangerous_urls_are_errors_naming_file_line_and_column() {
    let body = "Bấm [đây](javascript:alert(1)) hoặc <JavaScript:alert(2)>.\n\n![ảnh](data:image/svg+xml;base64,PHN2Zz4=)\n\n<a href=\"vbscript:msgbox(1)\">vb</a> <a href=\"&#106;avascript:x\">mã</a>\n\n<img src=\"data:text/html,hi\" alt=\"x\">\n\n![chấm](data:image/png;base64,iVBORw0KGgo=)\n";
    let site =
        SiteTest::new("minimal").file("content/tin-tuc/nguy.md", &article("Nguy", DATE, body));
    let run = site.build(&[]);
    run.assert_failure();
    let err = run.stderr();
    let want = [
        "content/tin-tuc/nguy.md:5:5",
        "content/tin-tuc/nguy.md:5:37",
        "content/tin-tuc/nguy.md:7:1",
        "content/tin-tuc/nguy.md:9:10",
        "content/tin-tuc/nguy.md:9:46",
        "content/tin-tuc/nguy.md:11:11",
    ];
    let got = lines_with(&err, ": error: unsafe link");
    assert_eq!(got.len(), want.len(), "{err}");
    for at in want {
        assert!(
            err.contains(&format!("{at}: error: unsafe link")),
            "missing {at} in\n{err}"
        );
    }
    assert!(
        !err.contains("`data:image/png"),
        "a PNG data image is allowed:\n{err}"
    );
    assert!(
        !site.path("public").exists(),
        "a failed build writes nothing"
    );
    let mut found: Vec<String> = check_json(&site, "unsafe-link")
        .into_iter()
        .map(|(at, sev)| {
            assert_eq!(sev, "error");
            at
        })
        .collect();
    found.sort();
    let mut want = want.to_vec();
    want.sort();
    assert_eq!(found, want, "check reports the same places");
}

#[test]
fn news_markup_is_kept_and_iframes_only_from_listed_hosts() {
    let body = "<table><tr><th colspan=\"2\">Đơn vị</th></tr><tr><td rowspan=\"2\">Sở</td><td>1</td></tr></table>\n\n<figure><img src=\"https://cdn.example.vn/a.jpg\" alt=\"Hội nghị\" width=\"800\" height=\"450\" srcset=\"https://cdn.example.vn/a.jpg 1x\"><figcaption>Chú thích</figcaption></figure>\n\n<details><summary>Chi tiết</summary>Nội dung</details>\n\n<p><abbr title=\"Ủy ban nhân dân\">UBND</abbr> H<sub>2</sub>O m<sup>2</sup> <mark>mới</mark><br>dòng</p>\n\n<iframe src=\"https://www.youtube-nocookie.com/embed/abc\" width=\"560\" height=\"315\" title=\"Video\" allowfullscreen onload=\"x()\"></iframe>\n\n<iframe src=\"https://other.example/embed\"></iframe>\n";
    let site =
        SiteTest::new("minimal").file("content/tin-tuc/bang.md", &article("Bảng", DATE, body));
    let cfg = site.read("config.yaml") + "embed_hosts: [\"www.youtube-nocookie.com\"]\n";
    site.write("config.yaml", cfg);
    let run = site.build(&[]);
    run.assert_success();
    let page = run.file("tin-tuc/bang/index.html");
    for good in [
        "<th colspan=\"2\">",
        "<td rowspan=\"2\">",
        "<figcaption>Chú thích</figcaption>",
        "srcset=\"https://cdn.example.vn/a.jpg 1x\"",
        "<details><summary>Chi tiết</summary>",
        "<abbr title=\"Ủy ban nhân dân\">",
        "<sub>2</sub>",
        "<sup>2</sup>",
        "<mark>mới</mark>",
        "src=\"https://www.youtube-nocookie.com/embed/abc\"",
        "sandbox=\"allow-scripts allow-same-origin allow-popups allow-presentation\"",
        "loading=\"lazy\"",
        "referrerpolicy=\"strict-origin-when-cross-origin\"",
    ] {
        assert!(
            page.contains(good),
            "{good} missing:\n{}",
            crate::util::main_part(&page)
        );
    }
    assert_eq!(page.matches("<iframe").count(), 1, "{page}");
    assert!(
        !page.contains("other.example") && !page.contains("onload"),
        "{page}"
    );
    run.stderr_contains("`<iframe>` from `other.example`");
    // Without embed_hosts, no iframe at all.
    site.write(
        "config.yaml",
        site.read("config.yaml")
            .replace("embed_hosts: [\"www.youtube-nocookie.com\"]\n", ""),
    );
    let run = site.build(&[]);
    run.assert_success();
    assert!(!run.file("tin-tuc/bang/index.html").contains("<iframe"));
}

#[test]
fn feeds_carry_no_script() {
    let md = "---\ntitle: \"Tin\"\ndate: 2023-01-11T09:00:00+07:00\ncategory: \"Tin\"\nsummary: \"<script>alert(1)</script> & tóm tắt\"\n---\n<script>alert(2)</script>\n\nNội dung.\n";
    let site = SiteTest::new("minimal").file("content/tin-tuc/tin.md", md);
    let run = site.build(&[]);
    run.assert_success();
    for feed in [
        "rss.xml",
        "tin-tuc/rss.xml",
        "chuyen-muc/tin/rss.xml",
        "atom.xml",
    ] {
        let xml = run.file(feed);
        // XML-unescaped once (what a feed reader gets), the text must not
        // parse as a script element.
        let doc = roxmltree::Document::parse(&xml).unwrap();
        for n in doc.descendants().filter(|n| n.has_tag_name("description")) {
            // What a feed reader parses as HTML.
            let html = n.text().unwrap_or("");
            assert!(!html.contains("<script"), "{feed}: {html:?}");
        }
        assert!(!xml.contains("alert(2)"), "{feed}");
    }
    let rss = run.file("rss.xml");
    assert!(
        rss.contains("&amp;lt;script&gt;alert(1)&amp;lt;/script&gt; &amp;amp; tóm tắt"),
        "{rss}"
    );
    // Atom summaries are text: escaped once, as before.
    assert!(
        run.file("atom.xml")
            .contains("<summary>&lt;script&gt;alert(1)&lt;/script&gt; &amp; tóm tắt</summary>")
    );
}

#[test]
fn unsafe_html_true_publishes_as_written_and_only_warns() {
    let body = "<script>window.dem = 1;</script>\n\n<p style=\"color:red\">đỏ</p>\n\n[cũ](javascript:void(0))\n";
    let site = SiteTest::new("minimal").file(
        "content/tin-tuc/tin-cay.md",
        &article("Tin cậy", DATE, body),
    );
    let cfg = site.read("config.yaml") + "unsafe_html: true\n";
    site.write("config.yaml", cfg);
    let run = site.build(&[]);
    run.assert_success();
    let page = run.file("tin-tuc/tin-cay/index.html");
    assert!(page.contains("<script>window.dem = 1;</script>"), "{page}");
    assert!(page.contains("<p style=\"color:red\">đỏ</p>"), "{page}");
    assert!(page.contains("href=\"javascript:void(0)\""), "{page}");
    let err = run.stderr();
    assert!(
        err.contains("content/tin-tuc/tin-cay.md:9:1: warning: unsafe link"),
        "{err}"
    );
    assert!(!err.contains("unsafe HTML removed"), "{err}");
    assert_eq!(
        check_json(&site, "unsafe-link"),
        [(
            "content/tin-tuc/tin-cay.md:9:1".to_string(),
            "warning".to_string()
        )]
    );
}
