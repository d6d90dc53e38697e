//! What a build publishes: bundles and attachments, sections, drafts and
//! future articles, ordering and pagination.

use crate::util::*;

#[test]
fn bundle_page_and_attachment() {
    let r = SiteTest::new("bundle").build(&[]);
    r.assert_success();
    r.assert_file_contains("tin-tuc/bai-a/index.html", "Bài A có văn bản đính kèm");
    let pdf = std::fs::read(r.out_path("tin-tuc/bai-a/cv.pdf")).unwrap();
    assert_eq!(
        pdf,
        std::fs::read(fixture_dir("bundle").join("content/tin-tuc/bai-a/cv.pdf")).unwrap()
    );
}

#[test]
fn markdown_link_to_attachment_is_rewritten() {
    let r = SiteTest::new("bundle").build(&[]);
    r.assert_success();
    r.assert_file_contains(
        "tin-tuc/bai-a/index.html",
        "<a href=\"/tin-tuc/bai-a/cv.pdf\">xem tại đây",
    );
    // dispatch.file becomes a download link too.
    let page = r.file("tin-tuc/bai-a/index.html");
    assert!(
        attr_values(&page, "href")
            .iter()
            .filter(|h| **h == "/tin-tuc/bai-a/cv.pdf")
            .count()
            >= 2,
        "{page}"
    );
}

#[test]
fn markdown_links_to_other_articles_are_rewritten() {
    let r = SiteTest::new("bundle").build(&[]);
    r.assert_success();
    r.assert_file_contains("tin-tuc/c/index.html", "href=\"/thong-bao/b/#chi-tiet\"");
    r.assert_file_contains("tin-tuc/bai-a/index.html", "href=\"/thong-bao/b/\"");
    r.assert_file_lacks("tin-tuc/c/index.html", ".md");
}

#[test]
fn files_outside_bundles_are_copied_to_their_place() {
    let r = SiteTest::new("bundle").build(&[]);
    r.assert_success();
    r.assert_file("files/qd-12.pdf")
        .assert_file("tin-tuc/phu-luc.docx");
    r.assert_file_contains("tin-tuc/c/index.html", "href=\"/tin-tuc/phu-luc.docx\"");
    r.assert_file_contains("tin-tuc/c/index.html", "href=\"/files/qd-12.pdf\"");
}

#[test]
fn draft_bundle_attachments_are_not_published() {
    let r = SiteTest::new("bundle").build(&[]);
    r.assert_success();
    r.assert_no_file("tin-tuc/nhap/index.html")
        .assert_no_file("tin-tuc/nhap/tep-nhap.pdf");
    assert!(
        !r.files().keys().any(|k| k.contains("tep-nhap")),
        "draft attachment published: {:?}",
        r.files().keys()
    );

    let r = SiteTest::new("bundle").build(&["--drafts"]);
    r.assert_success();
    r.assert_file("tin-tuc/nhap/index.html")
        .assert_file("tin-tuc/nhap/tep-nhap.pdf");
}

#[test]
fn section_title_and_description_from_index_md() {
    let r = SiteTest::new("minimal").build(&[]);
    r.assert_success();
    r.assert_file_contains("tin-tuc/index.html", "Tin tức - Sự kiện");
    r.assert_file_contains("tin-tuc/index.html", "Tin hoạt động của cơ quan, đơn vị");
    r.assert_file_contains("thong-bao/index.html", "Thông báo chính thức");
}

#[test]
fn section_weight_orders_the_navigation() {
    // thong-bao has weight 1, tin-tuc weight 2; then thong-bao gets weight 3 and must move after
    // tin-tuc (by title alone "Thông…" would sort before "Tin…").
    let site = SiteTest::new("minimal");
    let r = site.build(&[]);
    r.assert_success();
    let page = r.file("404.html");
    assert!(
        pos(&page, "href=\"/thong-bao/\"") < pos(&page, "href=\"/tin-tuc/\""),
        "weight 1 first:\n{page}"
    );

    let site = site.file(
        "content/thong-bao/_index.md",
        "---\ntitle: \"Thông báo chính thức\"\nweight: 3\n---\n",
    );
    let r = site.build(&[]);
    r.assert_success();
    let page = r.file("404.html");
    assert!(
        pos(&page, "href=\"/tin-tuc/\"") < pos(&page, "href=\"/thong-bao/\""),
        "weight 2 before 3:\n{page}"
    );
}

fn drafts_site() -> SiteTest {
    SiteTest::new("minimal")
        .file(
            "content/tin-tuc/nhap.md",
            "---\ntitle: \"Bản nháp chưa duyệt\"\ndate: 2023-02-15\ndraft: true\n---\nx\n",
        )
        .file(
            "content/tin-tuc/tuong-lai.md",
            &article("Bài hẹn giờ đăng", "2999-01-01T08:00:00+07:00", "x"),
        )
}

/// Files where a published article shows up.
const LISTINGS: [&str; 5] = [
    "index.html",
    "tin-tuc/index.html",
    "rss.xml",
    "tin-tuc/rss.xml",
    "sitemap.xml",
];

#[test]
fn drafts_and_future_articles_are_left_out() {
    let r = drafts_site().build(&[]);
    r.assert_success();
    r.assert_no_file("tin-tuc/nhap/index.html")
        .assert_no_file("tin-tuc/tuong-lai/index.html");
    for f in LISTINGS {
        r.assert_file_lacks(f, "nhap")
            .assert_file_lacks(f, "tuong-lai");
        r.assert_file_lacks(f, "Bản nháp chưa duyệt")
            .assert_file_lacks(f, "Bài hẹn giờ đăng");
    }
    // The fixture's own article is still there.
    r.assert_file_contains("tin-tuc/index.html", "Chào mừng đến với trang tin");
}

#[test]
fn drafts_flag_publishes_drafts_only() {
    let r = drafts_site().build(&["--drafts"]);
    r.assert_success();
    r.assert_file_contains("tin-tuc/nhap/index.html", "Bản nháp chưa duyệt");
    r.assert_file_contains("tin-tuc/index.html", "Bản nháp chưa duyệt");
    r.assert_file_contains("sitemap.xml", "https://example.gov.vn/tin-tuc/nhap/");
    r.assert_no_file("tin-tuc/tuong-lai/index.html");
}

#[test]
fn future_flag_publishes_future_articles() {
    let r = drafts_site().build(&["--future"]);
    r.assert_success();
    r.assert_file_contains("tin-tuc/tuong-lai/index.html", "Bài hẹn giờ đăng");
    r.assert_file_contains("rss.xml", "https://example.gov.vn/tin-tuc/tuong-lai/");
    r.assert_no_file("tin-tuc/nhap/index.html");
}

#[test]
fn section_lists_pinned_first_then_newest_first() {
    let r = SiteTest::new("paging").build(&[]);
    r.assert_success();
    let p1 = r.file("tin-tuc/index.html");
    let main = main_part(&p1);
    assert!(
        pos(main, "Bài số 1") < pos(main, "Bài số 5"),
        "pinned first:\n{main}"
    );
    assert!(
        !main.contains("Bài số 4") && !main.contains("Bài số 3"),
        "paginate: 2\n{main}"
    );
    let p2 = r.file("tin-tuc/trang/2/index.html");
    let main = main_part(&p2);
    assert!(
        pos(main, "Bài số 4") < pos(main, "Bài số 3"),
        "newest first:\n{main}"
    );
    assert!(
        !main.contains("Bài số 5") && !main.contains("Bài số 2"),
        "{main}"
    );
    let p3 = r.file("tin-tuc/trang/3/index.html");
    assert!(main_part(&p3).contains("Bài số 2"));
}

#[test]
fn pagination_pages_exist_and_no_more() {
    let r = SiteTest::new("paging").build(&[]);
    r.assert_success();
    r.assert_file("tin-tuc/index.html")
        .assert_file("tin-tuc/trang/2/index.html")
        .assert_file("tin-tuc/trang/3/index.html");
    r.assert_no_file("tin-tuc/trang/4/index.html")
        .assert_no_file("tin-tuc/trang/1/index.html");
    r.assert_file_contains("tin-tuc/index.html", "href=\"/tin-tuc/trang/2/\"");
}

#[test]
fn summary_line_counts_articles_and_attachments() {
    let r = SiteTest::new("bundle").build(&[]);
    r.assert_success();
    let out = r.stdout();
    assert!(out.starts_with("Built 3 articles, "), "{out}");
    assert!(out.contains(" 3 attachments in "), "{out}");
    assert!(out.contains(" s → "), "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
}
