//! Input as press staff really save it: BOM, CRLF, NFD, odd file names, date forms.

use crate::util::*;

const NFD_TITLE: &str = "Tho\u{302}ng ba\u{301}o ca\u{309}i ca\u{301}ch ha\u{300}nh chi\u{301}nh"; // "Thông báo cải cách hành chính"
const NFC_TITLE: &str = "Thông báo cải cách hành chính";

#[test]
fn bom_and_crlf_file_builds() {
    let text = "\u{FEFF}---\r\ntitle: \"Thông báo có BOM\"\r\ndate: 2023-02-15\r\n---\r\nDòng đầu tiên.\r\n\r\n**Đậm nét**\r\n";
    let r = SiteTest::new("minimal")
        .bytes("content/tin-tuc/bom-crlf.md", text.as_bytes())
        .build(&[]);
    r.assert_success();
    let page = r.file("tin-tuc/bom-crlf/index.html");
    assert!(
        page.contains("<h1 class=\"article__title\">Thông báo có BOM</h1>")
            || page.contains(">Thông báo có BOM<"),
        "{page}"
    );
    assert!(page.contains("<strong>Đậm nét</strong>"), "{page}");
    assert!(
        !page.contains('\u{FEFF}') && !page.contains('\r'),
        "BOM or CR leaked into the page"
    );
}

#[test]
fn nfd_title_is_output_as_nfc() {
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/nfd.md",
            &article(
                NFD_TITLE,
                "2023-02-15",
                "Ho\u{323}\u{302}i nghi\u{323} to\u{302}\u{309}ng ke\u{302}\u{301}t.",
            ),
        )
        .build(&[]);
    r.assert_success();
    let page = r.file("tin-tuc/nfd/index.html");
    assert!(page.contains(NFC_TITLE), "title not NFC:\n{page}");
    assert!(page.contains("Hội nghị tổng kết."), "body not NFC");
    for (path, text) in r.texts(&[".html", ".xml"]) {
        assert!(!text.contains(NFD_TITLE), "NFD text in {path}");
        assert!(
            !text.contains('\u{302}') && !text.contains('\u{301}'),
            "combining marks in {path}"
        );
    }
}

#[test]
fn nfd_and_nfc_tags_are_one_term() {
    let nfd_tag = "ca\u{309}i ca\u{301}ch ha\u{300}nh chi\u{301}nh";
    let r = SiteTest::new("minimal")
        .file("content/tin-tuc/mot.md", "---\ntitle: \"Bài viết NFC\"\ndate: 2023-02-15\ntags: [\"cải cách hành chính\"]\n---\nA.\n")
        .file("content/tin-tuc/hai.md", &format!("---\ntitle: \"Bài viết NFD\"\ndate: 2023-02-16\ntags: [\"{nfd_tag}\"]\n---\nB.\n"))
        .build(&[]);
    r.assert_success();
    r.assert_file_contains("tu-khoa/cai-cach-hanh-chinh/index.html", "Bài viết NFC");
    r.assert_file_contains("tu-khoa/cai-cach-hanh-chinh/index.html", "Bài viết NFD");
    let terms: Vec<String> = r
        .files()
        .keys()
        .filter(|p| {
            p.starts_with("tu-khoa/") && p.ends_with("/index.html") && p.split('/').count() == 3
        })
        .cloned()
        .collect();
    // "giới thiệu" from the fixture plus one merged term.
    assert_eq!(
        terms,
        [
            "tu-khoa/cai-cach-hanh-chinh/index.html",
            "tu-khoa/gioi-thieu/index.html"
        ]
    );
    r.assert_file_lacks("tin-tuc/hai/index.html", nfd_tag);
    r.assert_file_contains("tin-tuc/hai/index.html", "cải cách hành chính");
}

#[test]
fn file_name_with_spaces_and_diacritics() {
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/Thông báo tuyển dụng 2024.md",
            &article("Thông báo tuyển dụng viên chức", "2024-01-02", "Nội dung."),
        )
        .build(&[]);
    r.assert_success();
    r.assert_file_contains(
        "tin-tuc/thong-bao-tuyen-dung-2024/index.html",
        "Thông báo tuyển dụng viên chức",
    );
    r.assert_file_contains(
        "tin-tuc/index.html",
        "href=\"/tin-tuc/thong-bao-tuyen-dung-2024/\"",
    );
}

#[test]
fn nfd_file_name_gives_the_same_slug() {
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/Ho\u{323}\u{302}i nghi\u{323} đo\u{302}\u{301}i thoa\u{323}i.md",
            &article("Hội nghị đối thoại", "2024-01-02", "x"),
        )
        .build(&[]);
    r.assert_success();
    r.assert_file_contains(
        "tin-tuc/hoi-nghi-doi-thoai/index.html",
        "Hội nghị đối thoại",
    );
}

#[test]
fn date_prefix_is_dropped_from_slug() {
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/2023-02-15-hoi-nghi.md",
            &article("Hội nghị", "2023-02-15", "x"),
        )
        .build(&[]);
    r.assert_success();
    r.assert_file("tin-tuc/hoi-nghi/index.html");
    r.assert_no_file("tin-tuc/2023-02-15-hoi-nghi/index.html");
}

#[test]
fn slug_override() {
    let text = "---\ntitle: \"Tiêu đề đã sửa lại\"\ndate: 2023-02-15\nslug: \"Đường dẫn cố định\"\n---\nx\n";
    let r = SiteTest::new("minimal")
        .file("content/tin-tuc/ten-tep.md", text)
        .build(&[]);
    r.assert_success();
    r.assert_file_contains("tin-tuc/duong-dan-co-dinh/index.html", "Tiêu đề đã sửa lại");
    r.assert_no_file("tin-tuc/ten-tep/index.html");
}

/// Build one article dated `date` and return its page.
fn page_with_date(date: &str, config_extra: Option<&str>) -> (Run, String) {
    let mut site = SiteTest::new("minimal").file(
        "content/tin-tuc/ngay.md",
        &format!("---\ntitle: \"Ngày\"\ndate: {date}\n---\nx\n"),
    );
    if let Some(tz) = config_extra {
        let cfg = site.read("config.yaml").replace("timezone: \"+07:00\"", tz);
        site = site.file("config.yaml", &cfg);
    }
    let r = site.build(&[]);
    r.assert_success();
    let page = r.file("tin-tuc/ngay/index.html");
    (r, page)
}

#[test]
fn dateline_from_rfc3339_with_offset() {
    let (_, page) = page_with_date("2023-02-15T08:46:50+07:00", None);
    assert!(page.contains("Thứ Tư, 15-02-2023 / 8:46:50 Sáng"), "{page}");
    assert!(
        page.contains("datetime=\"2023-02-15T08:46:50+07:00\""),
        "{page}"
    );
}

#[test]
fn dateline_from_utc_is_shown_in_site_timezone() {
    let (_, page) = page_with_date("2023-02-15T01:46:50Z", None);
    assert!(page.contains("Thứ Tư, 15-02-2023 / 8:46:50 Sáng"), "{page}");
    assert!(
        page.contains("datetime=\"2023-02-15T08:46:50+07:00\""),
        "{page}"
    );
}

#[test]
fn date_only() {
    let (_, page) = page_with_date("2023-02-15", None);
    assert!(
        page.contains("datetime=\"2023-02-15T00:00:00+07:00\""),
        "{page}"
    );
    assert!(page.contains("Thứ Tư, 15-02-2023 / "), "{page}");
}

#[test]
fn date_with_space_and_minutes() {
    let (_, page) = page_with_date("2023-02-15 08:46", None);
    assert!(
        page.contains("datetime=\"2023-02-15T08:46:00+07:00\""),
        "{page}"
    );
    assert!(page.contains("Thứ Tư, 15-02-2023 / 8:46:00 Sáng"), "{page}");
}

#[test]
fn vietnamese_day_first_date() {
    let (_, page) = page_with_date("15/02/2023 08:46:50", None);
    assert!(
        page.contains("datetime=\"2023-02-15T08:46:50+07:00\""),
        "{page}"
    );
    assert!(page.contains("Thứ Tư, 15-02-2023 / 8:46:50 Sáng"), "{page}");
}

#[test]
fn afternoon_dateline() {
    let (_, page) = page_with_date("\"19/02/2023 14:05:09\"", None);
    assert!(
        page.contains("Chủ Nhật, 19-02-2023 / 2:05:09 Chiều"),
        "{page}"
    );
}

#[test]
fn timezone_applies_to_dates_without_offset() {
    let (r, page) = page_with_date("2023-02-15 08:46", Some("timezone: \"+00:00\""));
    assert!(
        page.contains("datetime=\"2023-02-15T08:46:00+00:00\""),
        "{page}"
    );
    assert!(page.contains("Thứ Tư, 15-02-2023 / 8:46:00 Sáng"), "{page}");
    r.assert_file_contains(
        "rss.xml",
        "<pubDate>Wed, 15 Feb 2023 08:46:00 +0000</pubDate>",
    );

    let (r, _) = page_with_date("2023-02-15 08:46", None);
    r.assert_file_contains(
        "rss.xml",
        "<pubDate>Wed, 15 Feb 2023 08:46:00 +0700</pubDate>",
    );
}

#[test]
fn timezone_does_not_move_dates_with_offset_only_shows_them() {
    // Written with +07:00; a +00:00 site shows the same instant in its own zone.
    let (_, page) = page_with_date("2023-02-15T08:46:50+07:00", Some("timezone: \"+00:00\""));
    assert!(
        page.contains("datetime=\"2023-02-15T01:46:50+00:00\""),
        "{page}"
    );
}

#[test]
fn english_site_dates() {
    let site = SiteTest::new("minimal");
    let cfg = site
        .read("config.yaml")
        .replace("language: vi", "language: en");
    let r = site
        .file("config.yaml", &cfg)
        .file(
            "content/tin-tuc/a.md",
            &article("A", "2023-02-15T08:46:50+07:00", "x"),
        )
        .build(&[]);
    r.assert_success();
    r.assert_file_contains("tin-tuc/a/index.html", "Wednesday, 15-02-2023 / 8:46:50 AM");
    r.assert_file_contains("tin-tuc/a/index.html", "lang=\"en\"");
}

#[test]
fn page_outside_sections_needs_no_date() {
    let r = SiteTest::new("minimal")
        .file(
            "content/gioi-thieu.md",
            "---\ntitle: \"Giới thiệu\"\n---\nVề chúng tôi.\n",
        )
        .build(&[]);
    r.assert_success()
        .assert_file_contains("gioi-thieu/index.html", "Về chúng tôi.");
}
