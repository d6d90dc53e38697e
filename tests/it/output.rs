//! The output folder: atomic replacement, refusals, feeds, sitemap, theme files.

use crate::util::*;

#[test]
fn failed_build_leaves_previous_output_byte_for_byte() {
    let site = SiteTest::new("bundle");
    site.build(&[]).assert_success();
    let before = snapshot_dir(&site.path("public"));
    assert!(before.len() > 10 && before.contains_key("tin-tuc/bai-a/cv.pdf"));

    // A new good article and a broken one: nothing of either may appear.
    site.write(
        "content/tin-tuc/moi.md",
        article("Bài mới", "2023-03-01", "x"),
    );
    site.write(
        "content/tin-tuc/c.md",
        "---\ntitle: \"C\"\ndate: 2023-02-16\n---\n[x](khong-co.pdf)\n",
    );
    site.build(&[]).assert_failure();
    let after = snapshot_dir(&site.path("public"));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    assert!(before == after, "output bytes changed after a failed build");

    // Nor is anything left behind beside it.
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".bantin"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn failed_load_leaves_previous_output_byte_for_byte() {
    let site = SiteTest::new("minimal");
    site.build(&[]).assert_success();
    let before = snapshot_dir(&site.path("public"));
    site.write(
        "content/tin-tuc/chao-mung.md",
        "---\ntitle: \"Chào\"\ndate: 2023-13-45\n---\n",
    );
    site.build(&[]).assert_failure();
    assert!(
        before == snapshot_dir(&site.path("public")),
        "output changed after a failed build"
    );
}

#[test]
fn rebuild_replaces_the_previous_output() {
    let site = SiteTest::new("minimal");
    site.build(&[]).assert_success();
    assert!(site.path("public/tin-tuc/chao-mung/index.html").is_file());
    site.remove("content/tin-tuc/chao-mung.md");
    site.write(
        "content/tin-tuc/moi.md",
        article("Bài mới", "2023-03-01", "x"),
    );
    let r = site.build(&[]);
    r.assert_success();
    r.assert_no_file("tin-tuc/chao-mung/index.html")
        .assert_file("tin-tuc/moi/index.html");
}

#[test]
fn rebuild_touches_only_files_whose_bytes_changed() {
    let site = SiteTest::new("minimal");
    let first = site.build(&[]);
    first.assert_success();
    let css = format!("public/{}", crate::assets::hashed(&first, "css/style.css"));
    let css = css.as_str();
    let mtime = |rel: &str| {
        std::fs::metadata(site.path(rel))
            .and_then(|m| m.modified())
            .unwrap()
    };
    let page = "public/thong-bao/lich-lam-viec/index.html";
    let edited = "public/tin-tuc/chao-mung/index.html";
    let before = (mtime(css), mtime(page), mtime(edited));
    // Things a person left behind, and a path that changes kind: a folder
    // made by hand where the build has a file.
    site.write("public/cu/index.html", "old page");
    site.remove("public/tu-khoa/index.html");
    std::fs::create_dir_all(site.path("public/tu-khoa/index.html/x")).unwrap();
    site.write("public/tin-tuc/chao-mung/index.html.bak", "x");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let text = site.read("content/tin-tuc/chao-mung.md");
    site.write("content/tin-tuc/chao-mung.md", text + "\nMột câu mới.\n");

    let r = site.build(&["--timings"]);
    r.assert_success();
    // The edited article and the pages that show its text changed; the
    // theme's files and an unrelated article were not touched.
    assert_eq!(mtime(css), before.0);
    assert_eq!(mtime(page), before.1);
    assert_ne!(mtime(edited), before.2);
    assert!(
        r.file("tin-tuc/chao-mung/index.html")
            .contains("Một câu mới.")
    );
    // Files bantin did not write are kept and named; the site's own file wins
    // over the hand-made folder, and that is named too.
    assert_eq!(r.file("cu/index.html"), "old page");
    r.assert_file("tin-tuc/chao-mung/index.html.bak");
    assert!(site.path("public/tu-khoa/index.html").is_file());
    r.stderr_contains("note: kept 2 files")
        .stderr_contains("  cu/index.html\n")
        .stderr_contains("  tin-tuc/chao-mung/index.html.bak\n")
        .stderr_contains("note: replaced 1 file")
        .stderr_contains("  tu-khoa/index.html\n");
    assert!(
        r.stderr().contains("unchanged, 0 removed"),
        "{}",
        r.stderr()
    );

    // --clean removes them, naming each; the result is the same as a build
    // into an empty folder.
    let r = site.build(&["--clean", "--timings"]);
    r.assert_success()
        .stderr_contains("note: removed 2 files")
        .stderr_contains("  cu/index.html\n");
    assert!(
        r.stderr().contains("unchanged, 2 removed"),
        "{}",
        r.stderr()
    );
    assert!(!site.path("public/cu").exists());
    let fresh = tempfile::tempdir().unwrap();
    let clean = site.build_into(&fresh.path().join("p"), &[]);
    clean.assert_success();
    assert_eq!(r.files(), clean.files());
}

#[test]
fn output_flag_writes_elsewhere() {
    let site = SiteTest::new("minimal");
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("ban-dung");
    let r = site.build_into(&dest, &[]);
    r.assert_success()
        .stdout_contains(&dest.display().to_string());
    r.assert_file("tin-tuc/chao-mung/index.html");
    assert!(!site.path("public").exists());
    // An earlier build folder is replaced fine.
    site.remove("content/tin-tuc/chao-mung.md");
    let r = site.build_into(&dest, &[]);
    r.assert_success();
    r.assert_no_file("tin-tuc/chao-mung/index.html")
        .assert_file("thong-bao/lich-lam-viec/index.html");
}

#[test]
fn relative_output_is_relative_to_the_working_folder() {
    let site = SiteTest::new("minimal");
    // Run from the site folder: `dist` is the site's dist/.
    site.build(&["--output", "dist"]).assert_success();
    assert!(site.path("dist/tin-tuc/chao-mung/index.html").is_file());
    site.build(&["--output", "dist"]).assert_success();
    // Run from elsewhere: `ban-in` is there, not in the site.
    let cwd = tempfile::tempdir().unwrap();
    let o = bantin_in(cwd.path(), site.root(), &["build", "--output", "ban-in"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        cwd.path()
            .join("ban-in/tin-tuc/chao-mung/index.html")
            .is_file()
    );
    assert!(!site.path("ban-in").exists());
}

#[test]
fn output_refuses_the_site_root() {
    let site = SiteTest::new("minimal");
    // Even if the site folder looked like an earlier build, it is never replaced.
    site.write(".bantin-build", "");
    let r = site.build_into(site.root(), &[]);
    r.assert_failure().stderr_contains("error:");
    assert!(
        site.path("content/tin-tuc/chao-mung.md").is_file() && site.path("config.yaml").is_file()
    );
    site.build(&["--output", "."]).assert_failure();
}

#[test]
fn output_refuses_content() {
    let site = SiteTest::new("minimal");
    site.write("content/.bantin-build", "");
    let before = snapshot_dir(&site.path("content"));
    site.build(&["--output", "content"])
        .assert_failure()
        .stderr_contains("content");
    site.build(&["--output", "content/tin-tuc"])
        .assert_failure();
    site.build_into(&site.path("content/tin-tuc/moi"), &[])
        .assert_failure()
        .stderr_contains("content");
    assert!(
        before == snapshot_dir(&site.path("content")),
        "content/ changed"
    );
}

#[test]
fn output_refuses_a_folder_bantin_did_not_build() {
    let site = SiteTest::new("minimal");
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("quan-trong.docx"), "giữ lại").unwrap();
    let r = site.build_into(out.path(), &[]);
    r.assert_failure()
        .stderr_contains("error:")
        .stderr_contains("hint:");
    assert_eq!(
        std::fs::read_to_string(out.path().join("quan-trong.docx")).unwrap(),
        "giữ lại"
    );
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);
}

#[test]
fn output_accepts_an_empty_folder() {
    let site = SiteTest::new("minimal");
    let out = tempfile::tempdir().unwrap();
    site.build_into(out.path(), &[])
        .assert_success()
        .assert_file("index.html");
}

#[test]
fn site_rss_is_rss2_with_absolute_links_and_rfc822_dates() {
    let r = SiteTest::new("bundle").build(&[]);
    r.assert_success();
    let rss = r.file("rss.xml");
    assert!(rss.starts_with("<?xml"), "{rss}");
    assert!(rss.contains("<rss version=\"2.0\""), "{rss}");
    assert!(
        rss.contains("<link>https://example.gov.vn/tin-tuc/bai-a/</link>"),
        "{rss}"
    );
    assert!(
        rss.contains("<pubDate>Wed, 15 Feb 2023 08:46:50 +0700</pubDate>"),
        "{rss}"
    );
    assert!(
        rss.contains("<pubDate>Fri, 10 Feb 2023 00:00:00 +0700</pubDate>"),
        "{rss}"
    );
    for link in rss.split("<link>").skip(1) {
        assert!(
            link.starts_with("https://example.gov.vn/"),
            "relative link in rss: {link}"
        );
    }
    // Newest first.
    assert!(
        pos(&rss, "Bài C liên kết") < pos(&rss, "Bài A có văn bản")
            && pos(&rss, "Bài A có văn bản") < pos(&rss, "Thông báo B")
    );
}

#[test]
fn section_rss_lists_only_that_section() {
    let r = SiteTest::new("bundle").build(&[]);
    r.assert_success();
    r.assert_file_contains("tin-tuc/rss.xml", "<rss version=\"2.0\"");
    r.assert_file_contains("tin-tuc/rss.xml", "https://example.gov.vn/tin-tuc/c/");
    r.assert_file_lacks("tin-tuc/rss.xml", "https://example.gov.vn/thong-bao/b/");
    r.assert_file_contains("thong-bao/rss.xml", "https://example.gov.vn/thong-bao/b/");
}

#[test]
fn sitemap_lists_articles() {
    let r = SiteTest::new("bundle").build(&[]);
    r.assert_success();
    let sm = r.file("sitemap.xml");
    assert!(
        sm.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"),
        "{sm}"
    );
    for u in [
        "",
        "tin-tuc/",
        "tin-tuc/bai-a/",
        "tin-tuc/c/",
        "thong-bao/b/",
    ] {
        assert!(
            sm.contains(&format!("<loc>https://example.gov.vn/{u}</loc>")),
            "{u} missing\n{sm}"
        );
    }
    assert!(!sm.contains("nhap"), "draft in sitemap");
}

#[test]
fn robots_txt_points_to_the_sitemap() {
    let r = SiteTest::new("minimal").build(&[]);
    r.assert_success()
        .assert_file_contains("robots.txt", "Sitemap: https://example.gov.vn/sitemap.xml");
}

#[test]
fn not_found_page_and_theme_css() {
    let r = SiteTest::new("minimal").build(&[]);
    r.assert_success();
    r.assert_file_contains("404.html", "<html");
    let style = crate::assets::hashed(&r, "css/style.css");
    let css = r.file(&style);
    assert!(css.len() > 100 && css.contains('{'), "css looks empty");
    r.assert_file_contains("index.html", &format!("href=\"/{style}\""));
}

#[test]
fn taxonomy_pages() {
    let r = SiteTest::new("minimal").build(&[]);
    r.assert_success();
    r.assert_file_contains("tu-khoa/index.html", "href=\"/tu-khoa/gioi-thieu/\"");
    r.assert_file_contains(
        "tu-khoa/gioi-thieu/index.html",
        "Chào mừng đến với trang tin",
    );
    r.assert_file_contains(
        "chuyen-muc/index.html",
        "href=\"/chuyen-muc/lich-cong-tac/\"",
    );
    r.assert_file_contains(
        "chuyen-muc/lich-cong-tac/index.html",
        "Lịch làm việc tuần 2",
    );
}

#[test]
fn theme_override_replaces_one_template_only() {
    let r = SiteTest::new("minimal")
        .file("themes/default/templates/404.html", "<!DOCTYPE html><title>Riêng</title><p>Trang riêng: không tìm thấy {{ site.title }}</p>\n")
        .build(&[]);
    r.assert_success();
    assert_eq!(
        r.file("404.html"),
        "<!DOCTYPE html><title>Riêng</title><p>Trang riêng: không tìm thấy Trang tin thử nghiệm</p>\n"
    );
    // Everything else still comes from the embedded theme.
    let style = crate::assets::hashed(&r, "css/style.css");
    r.assert_file_contains("index.html", &format!("href=\"/{style}\""))
        .assert_file_lacks("index.html", "Trang riêng");
    r.assert_file_contains(
        "tin-tuc/chao-mung/index.html",
        "Chào mừng đến với trang tin",
    );
}

#[test]
fn theme_override_of_a_static_file() {
    let r = SiteTest::new("minimal")
        .file(
            "themes/default/static/css/style.css",
            "body { color: red }\n",
        )
        .build(&[]);
    r.assert_success();
    assert_eq!(
        r.file(&crate::assets::hashed(&r, "css/style.css")),
        "body { color: red }\n"
    );
    crate::assets::hashed(&r, "css/print.css");
}

#[test]
fn article_main_snapshot() {
    let r = SiteTest::new("snapshot").build(&[]);
    r.assert_success();
    let page = r.file("tin-tuc/hoi-nghi-chuyen-doi-so/index.html");
    insta::assert_snapshot!("article_main", main_part(&page));
}
