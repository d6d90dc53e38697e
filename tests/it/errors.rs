//! Content errors: located `path:line:col: error: …`, a hint, exit code 1,
//! all of them in one run.

use crate::util::*;

#[test]
fn duplicate_urls_name_both_files() {
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/hoi-nghi.md",
            &article("Hội nghị A", "2023-02-15", "x"),
        )
        .file(
            "content/tin-tuc/2023-02-15-hoi-nghi.md",
            &article("Hội nghị B", "2023-02-15", "x"),
        )
        .build(&[]);
    r.assert_failure();
    r.stderr_contains("content/tin-tuc/hoi-nghi.md")
        .stderr_contains("content/tin-tuc/2023-02-15-hoi-nghi.md");
    r.stderr_contains("/tin-tuc/hoi-nghi/")
        .stderr_contains("error:")
        .stderr_contains("hint:");
}

#[test]
fn slug_clashing_with_another_file_is_an_error() {
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/a.md",
            "---\ntitle: \"A\"\ndate: 2023-02-15\nslug: chao-mung\n---\nx\n",
        )
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/a.md")
        .stderr_contains("content/tin-tuc/chao-mung.md");
}

#[test]
fn bad_yaml_is_located_from_the_top_of_the_file() {
    let r = SiteTest::new("bad-yaml").build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/loi-yaml.md:3:");
}

#[test]
fn unclosed_quote_is_located_where_it_opens() {
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/a.md",
            "---\ntitle: \"Bài có lỗi\"\nsummary: \"Chưa đóng ngoặc kép\n---\nNội dung.\n",
        )
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/a.md:3:");
}

#[test]
fn unclosed_quote_is_an_error_in_the_file() {
    // What works today whatever the line: the file is named and the build fails.
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/a.md",
            "---\ntitle: \"Bài có lỗi\"\nsummary: \"Chưa đóng ngoặc kép\n---\nNội dung.\n",
        )
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/a.md:")
        .stderr_contains("error:");
}

#[test]
fn unknown_key_suggests_the_closest() {
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/a.md",
            "---\ndate: 2023-02-15\ntittle: \"Hội nghị\"\n---\nx\n",
        )
        .build(&[]);
    r.assert_failure();
    r.stderr_contains("content/tin-tuc/a.md:3:1: error: unknown key `tittle`");
    r.stderr_contains("  hint: did you mean `title`?");
}

#[test]
fn unknown_key_in_dispatch_suggests_the_closest() {
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/a.md",
            "---\ntitle: A\ndate: 2023-02-15\ndispatch:\n  nunber: \"1/UBND\"\n---\nx\n",
        )
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/a.md:5:")
        .stderr_contains("did you mean `number`?");
}

#[test]
fn wrong_date_is_located() {
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/a.md",
            "---\ntitle: \"A\"\nviews: 3\ndate: 31/02/2023\n---\nx\n",
        )
        .build(&[]);
    r.assert_failure();
    r.stderr_contains("content/tin-tuc/a.md:4:")
        .stderr_contains("expected a date")
        .stderr_contains("31/02/2023");
}

#[test]
fn wrong_type_is_located() {
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/a.md",
            "---\ntitle: \"A\"\ndate: 2023-02-15\nviews: nhiều\n---\nx\n",
        )
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/a.md:4:");
}

#[test]
fn missing_date_in_a_section() {
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/a.md",
            "---\ntitle: \"Không có ngày\"\n---\nx\n",
        )
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/a.md:2:")
        .stderr_contains("`date`")
        .stderr_contains("hint:");
}

#[test]
fn missing_title() {
    let r = SiteTest::new("minimal")
        .file("content/tin-tuc/a.md", "---\ndate: 2023-02-15\n---\nx\n")
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/a.md:")
        .stderr_contains("title");
}

#[test]
fn missing_dispatch_attachment_is_located() {
    let text = "---\ntitle: \"A\"\ndate: 2023-02-15\ndispatch:\n  number: \"1/UBND\"\n  file: \"khong-co.pdf\"\n---\nx\n";
    let r = SiteTest::new("minimal")
        .file("content/tin-tuc/a.md", text)
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/a.md:6:")
        .stderr_contains("khong-co.pdf");
}

#[test]
fn markdown_link_to_missing_file_is_located() {
    let text =
        "---\ntitle: \"A\"\ndate: 2023-02-15\n---\nĐoạn một.\n\nXem [văn bản](khong-co.pdf) nhé.\n";
    let r = SiteTest::new("minimal")
        .file("content/tin-tuc/a.md", text)
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/a.md:7:5: error:")
        .stderr_contains("khong-co.pdf")
        .stderr_contains("hint:");
}

#[test]
fn missing_image_is_located() {
    let text =
        "---\ntitle: \"A\"\ndate: 2023-02-15\nimage: \"anh.jpg\"\n---\n![ảnh](anh-khac.png)\n";
    let r = SiteTest::new("minimal")
        .file("content/tin-tuc/a.md", text)
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/a.md:4:")
        .stderr_contains("anh.jpg");
}

#[test]
fn every_broken_file_is_reported_in_one_run() {
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/a.md",
            "---\ntitle: \"A\"\ndate: hôm qua\n---\nx\n",
        )
        .file(
            "content/tin-tuc/b.md",
            "---\ntittle: \"B\"\ndate: 2023-02-15\n---\nx\n",
        )
        .file(
            "content/thong-bao/c.md",
            "---\ntitle: \"C\"\ndate: 2023-02-15\n",
        )
        .bytes("content/thong-bao/e.md", b"---\ntitle: \"E\xff\"\n---\n")
        .build(&[]);
    r.assert_failure();
    for f in [
        "tin-tuc/a.md:3:",
        "tin-tuc/b.md:2:",
        "thong-bao/c.md:1:",
        "thong-bao/e.md:2:",
    ] {
        r.stderr_contains(&format!("content/{f}"));
    }
    r.stderr_contains("4 errors");
}

#[test]
fn every_model_error_is_reported_in_one_run() {
    let r = SiteTest::new("minimal")
        .file("content/tin-tuc/a.md", "---\ntitle: \"A\"\n---\nx\n")
        .file("content/tin-tuc/b.md", "---\ntitle: \"B\"\ndate: 2023-02-15\ndispatch:\n  number: \"1\"\n  file: thieu.pdf\n---\nx\n")
        .file("content/thong-bao/lich-lam-viec-2.md", "---\ntitle: \"C\"\ndate: 2023-02-15\nslug: lich-lam-viec\n---\nx\n")
        .build(&[]);
    r.assert_failure();
    r.stderr_contains("content/tin-tuc/a.md:")
        .stderr_contains("content/tin-tuc/b.md:6:")
        .stderr_contains("content/thong-bao/lich-lam-viec-2.md");
    r.stderr_contains("3 errors");
}

#[test]
fn every_broken_link_is_reported_in_one_run() {
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/a.md",
            "---\ntitle: \"A\"\ndate: 2023-02-15\n---\n[x](thieu-1.pdf)\n\n![y](thieu-2.png)\n",
        )
        .file(
            "content/thong-bao/b.md",
            "---\ntitle: \"B\"\ndate: 2023-02-15\n---\n[z](../tin-tuc/khong-co.md)\n",
        )
        .build(&[]);
    r.assert_failure();
    r.stderr_contains("content/tin-tuc/a.md:5:1:")
        .stderr_contains("content/tin-tuc/a.md:7:1:")
        .stderr_contains("content/thong-bao/b.md:5:1:");
    r.stderr_contains("3 errors");
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let r = SiteTest::new("minimal")
        .bytes(
            "content/tin-tuc/a.md",
            b"---\ntitle: \"Th\xf4ng b\xe1o\"\n---\n",
        )
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/a.md:2:11: error:")
        .stderr_contains("byte offset 14")
        .stderr_contains("UTF-8");
}

#[test]
fn front_matter_never_closed() {
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/a.md",
            "---\ntitle: \"A\"\ndate: 2023-02-15\nNội dung.\n",
        )
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/a.md:1:1: error:")
        .stderr_contains("never closed")
        .stderr_contains("hint:");
}

#[test]
fn front_matter_missing() {
    let r = SiteTest::new("minimal")
        .file("content/tin-tuc/a.md", "Chỉ có nội dung.\n")
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/a.md:1:1: error:")
        .stderr_contains("---");
}

#[test]
fn unknown_config_key_suggests_the_closest() {
    let site = SiteTest::new("minimal");
    let cfg = site
        .read("config.yaml")
        .replace("paginate: 20", "paginte: 20");
    let r = site.file("config.yaml", &cfg).build(&[]);
    r.assert_failure()
        .stderr_contains("config.yaml:6:1: error: unknown key `paginte`")
        .stderr_contains("did you mean `paginate`?");
}

#[test]
fn bad_config_values_are_located() {
    let site = SiteTest::new("minimal");
    let cfg = site
        .read("config.yaml")
        .replace("timezone: \"+07:00\"", "timezone: \"Hanoi\"");
    let r = site.file("config.yaml", &cfg).build(&[]);
    r.assert_failure()
        .stderr_contains("config.yaml:4:")
        .stderr_contains("+07:00");
}

#[test]
fn missing_config_is_an_error_with_a_hint() {
    let site = SiteTest::new("minimal");
    site.remove("config.yaml");
    site.build(&[])
        .assert_failure()
        .stderr_contains("config.yaml")
        .stderr_contains("hint:");
}

#[test]
fn error_output_snapshot() {
    let site = SiteTest::new("bad-yaml");
    let r = site.build(&[]);
    r.assert_failure();
    let stderr = r
        .stderr()
        .replace(&site.root().display().to_string(), "[ROOT]");
    insta::assert_snapshot!("bad_yaml_stderr", stderr);
    assert!(r.stdout().is_empty(), "{}", r.stdout());
}

#[test]
fn file_names_differing_only_in_case_or_diacritics_clash() {
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/Hội Nghị.md",
            &article("A", "2023-02-15", "x"),
        )
        .file(
            "content/tin-tuc/hoi-nghi.md",
            &article("B", "2023-02-15", "x"),
        )
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/Hội Nghị.md")
        .stderr_contains("content/tin-tuc/hoi-nghi.md");
}

#[test]
fn attachment_clashing_with_an_article_page_is_an_error() {
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/hoi-nghi.md",
            &article("Hội nghị", "2023-02-15", "x"),
        )
        .file(
            "content/tin-tuc/hoi-nghi/index.html",
            "<p>tệp tải lên</p>\n",
        )
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/hoi-nghi.md")
        .stderr_contains("content/tin-tuc/hoi-nghi/index.html");
}

#[test]
fn attachment_clashing_with_a_generated_file_is_an_error() {
    let r = SiteTest::new("minimal")
        .file("content/tin-tuc/rss.xml", "<rss/>\n")
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/rss.xml");
}

#[cfg(unix)]
#[test]
fn symlink_in_content_is_warned_about() {
    let site = SiteTest::new("minimal");
    std::os::unix::fs::symlink(
        site.path("config.yaml"),
        site.path("content/tin-tuc/lien-ket.pdf"),
    )
    .unwrap();
    let r = site.build(&[]);
    r.assert_success()
        .stderr_contains("content/tin-tuc/lien-ket.pdf")
        .stderr_contains("warning");
}

#[test]
fn errors_from_every_stage_are_reported_in_one_run() {
    // A front-matter error (load), a missing date (model) and a missing link target (render).
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/a.md",
            "---\ntitle: \"A\"\ndate: hôm qua\n---\nx\n",
        )
        .file("content/tin-tuc/d.md", "---\ntitle: \"D\"\n---\nx\n")
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/a.md:3:")
        .stderr_contains("content/tin-tuc/d.md:2:");
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/a.md",
            "---\ntitle: \"A\"\ndate: hôm qua\n---\nx\n",
        )
        .file(
            "content/thong-bao/c.md",
            "---\ntitle: \"C\"\ndate: 2023-02-15\n---\n[x](khong-co.pdf)\n",
        )
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/a.md:3:")
        .stderr_contains("content/thong-bao/c.md:5:1:");
}
