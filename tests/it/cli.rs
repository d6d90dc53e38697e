//! `init`, `new`, `--quiet`, colours.

use crate::util::*;

#[test]
fn init_then_build() {
    let t = SiteTest::empty();
    let r = t.run(&["init", "trang-moi"]);
    r.assert_success().stdout_contains("trang-moi");
    let site = t.path("trang-moi");
    assert!(site.join("config.yaml").is_file() && site.join("content").is_dir());
    let out = bantin(&site, &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let articles: Vec<_> = snapshot_dir(&site.join("public"))
        .into_keys()
        .filter(|k| k.ends_with("/index.html") && k.split('/').count() == 3)
        .collect();
    assert!(
        articles.iter().any(|k| k.starts_with("tin-tuc/")),
        "{articles:?}"
    );
    assert!(site.join("public/index.html").is_file() && site.join("public/rss.xml").is_file());
}

#[test]
fn init_in_root_folder() {
    let t = SiteTest::empty();
    t.run(&["init"]).assert_success();
    assert!(t.path("config.yaml").is_file());
    t.build(&[]).assert_success();
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let t = SiteTest::empty();
    t.write("ghi-chu.txt", "của tôi");
    let r = t.run(&["init"]);
    r.assert_failure().stderr_contains("error:");
    assert_eq!(t.read("ghi-chu.txt"), "của tôi");
    assert!(!t.path("config.yaml").exists());
}

#[test]
fn new_names_the_file_after_the_title() {
    let site = SiteTest::new("minimal");
    let r = site.run(&["new", "Hội nghị tổng kết năm 2024"]);
    r.assert_success()
        .stdout_contains("hoi-nghi-tong-ket-nam-2024.md");
    let text = site.read("content/tin-tuc/hoi-nghi-tong-ket-nam-2024.md");
    assert!(text.starts_with("---\n"), "{text}");
    assert!(
        text.contains("title: \"Hội nghị tổng kết năm 2024\""),
        "{text}"
    );
    let date = text
        .lines()
        .find_map(|l| l.strip_prefix("date: "))
        .unwrap_or_else(|| panic!("no date:\n{text}"));
    assert!(
        date.ends_with("+07:00") && date.len() == "2024-03-05T14:30:00+07:00".len(),
        "{date}"
    );
    // The new article builds (its date is now, so it is not in the future).
    site.build(&[])
        .assert_success()
        .assert_file("tin-tuc/hoi-nghi-tong-ket-nam-2024/index.html");
}

#[test]
fn new_never_overwrites() {
    let site = SiteTest::new("minimal");
    site.run(&["new", "Hội nghị tổng kết năm 2024"])
        .assert_success();
    let path = "content/tin-tuc/hoi-nghi-tong-ket-nam-2024.md";
    site.write(path, "đã sửa");
    site.run(&["new", "Hội nghị tổng kết năm 2024"])
        .assert_failure()
        .stderr_contains("hoi-nghi-tong-ket-nam-2024.md");
    assert_eq!(site.read(path), "đã sửa");
}

#[test]
fn new_with_section_and_slug() {
    let site = SiteTest::new("minimal");
    site.run(&[
        "new",
        "Thông báo nghỉ lễ",
        "--section",
        "thong-bao",
        "--slug",
        "nghi-le-30-4",
    ])
    .assert_success();
    assert!(
        site.read("content/thong-bao/nghi-le-30-4.md")
            .contains("Thông báo nghỉ lễ")
    );
}

#[test]
fn quiet_prints_nothing_on_success() {
    let site = SiteTest::new("minimal");
    let r = site.run(&["--quiet", "build"]);
    r.assert_success();
    assert!(
        r.out.stdout.is_empty() && r.out.stderr.is_empty(),
        "stdout {:?} stderr {:?}",
        r.stdout(),
        r.stderr()
    );
    let r = site.run(&["build", "-q"]);
    r.assert_success();
    assert!(r.out.stdout.is_empty() && r.out.stderr.is_empty());
}

#[test]
fn quiet_still_prints_errors() {
    let r = SiteTest::new("bad-yaml").run(&["--quiet", "build"]);
    r.assert_failure().stderr_contains("error:");
}

#[test]
fn no_color_means_no_escape_codes() {
    let site = SiteTest::new("minimal");
    let ok = site.build(&["--timings"]);
    ok.assert_success();
    let bad = SiteTest::new("bad-yaml").build(&[]);
    bad.assert_failure();
    for out in [
        &ok.out.stdout,
        &ok.out.stderr,
        &bad.out.stdout,
        &bad.out.stderr,
    ] {
        assert!(
            !String::from_utf8_lossy(out).contains("\x1b["),
            "escape codes in {:?}",
            String::from_utf8_lossy(out)
        );
    }
}

#[test]
fn error_format_is_path_line_col() {
    let r = SiteTest::new("bad-yaml").build(&[]);
    r.assert_failure();
    let first = r.stderr().lines().next().unwrap().to_string();
    assert!(
        first.starts_with("content/tin-tuc/loi-yaml.md:3:") && first.contains(": error: "),
        "{first}"
    );
}

#[test]
fn not_a_site_is_an_error() {
    let t = SiteTest::empty();
    t.build(&[]).assert_failure().stderr_contains("config.yaml");
}
