//! Hostile and strange input: whatever is in `content/`, the binary answers
//! with a located message and an exit code — never a panic, a stack
//! overflow, an abort or a hang. Big inputs are generated here, not committed.

use crate::util::{SiteTest, article};
use std::process::Output;
use std::time::{Duration, Instant};

/// The process ended by itself (no signal: no SIGSEGV from a stack
/// overflow, no SIGABRT) and did not panic.
#[track_caller]
fn assert_no_crash(out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.code().is_some(),
        "killed by a signal: {:?}\n{stderr}",
        out.status
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("overflow"), "{stderr}");
}

#[test]
fn twenty_megabyte_article() {
    let para = "Hội nghị tổng kết công tác năm của Ủy ban nhân dân tỉnh, với **chữ đậm** và [liên kết](/).\n\n";
    let body = para.repeat(20 * 1024 * 1024 / para.len() + 1);
    let site = SiteTest::new("minimal").file(
        "content/tin-tuc/rat-dai.md",
        &article("Bài rất dài", "2023-01-11T09:00:00+07:00", &body),
    );
    let started = Instant::now();
    let run = site.build(&[]);
    assert_no_crash(&run.out);
    run.assert_success();
    assert!(run.file("tin-tuc/rat-dai/index.html").len() > 20_000_000);
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn ten_thousand_files_in_one_folder() {
    // Every file is walked, decoded and parsed; 100 are published (the
    // others are drafts) so that the test stays quick on a debug build.
    let site = SiteTest::new("minimal");
    for i in 0..10_000 {
        let draft = if i % 100 == 0 { "" } else { "draft: true\n" };
        site.write(
            &format!("content/tin-tuc/bai-{i:05}.md"),
            format!("---\ntitle: \"Bài {i}\"\ndate: 2023-01-11T09:00:00+07:00\n{draft}---\nNội dung {i}.\n"),
        );
    }
    let run = site.build(&[]);
    assert_no_crash(&run.out);
    run.assert_success()
        .stdout_contains("9,900 drafts/future left out");
    run.assert_file("tin-tuc/bai-09900/index.html");
}

#[test]
fn deeply_nested_lists_and_blockquotes() {
    let depth = 20_000;
    let mut body = ">".repeat(depth) + " trích dẫn\n\n";
    body += &("- ".repeat(depth) + "mục\n\n");
    body += &("1. ".repeat(depth) + "mục\n\n");
    body += &("> - ".repeat(depth) + "mục\n\n");
    body += &(0..1000)
        .map(|i| format!("{}- mục {i}\n", "  ".repeat(i)))
        .collect::<String>();
    body += &("\n".to_string() + &"[".repeat(depth) + &"]".repeat(depth) + "\n\n");
    body += &"*".repeat(depth);
    let site = SiteTest::new("minimal").file(
        "content/tin-tuc/long.md",
        &article("Lồng nhau", "2023-01-11T09:00:00+07:00", &body),
    );
    let run = site.build(&[]);
    assert_no_crash(&run.out);
    run.assert_success()
        .assert_file_contains("tin-tuc/long/index.html", "<blockquote>");
    let check = site.run(&["check"]);
    assert_no_crash(&check.out);
    check.assert_success();
}

#[test]
fn deeply_nested_yaml_is_an_error() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let site = SiteTest::new("minimal").file(
        "content/tin-tuc/sau.md",
        &format!("---\ntitle: \"Sâu\"\ndate: 2023-01-11T09:00:00+07:00\nextra: {deep}\n---\nx\n"),
    );
    let run = site.build(&[]);
    assert_no_crash(&run.out);
    run.assert_failure()
        .stderr_contains("content/tin-tuc/sau.md:4:");
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let site = SiteTest::new("minimal").bytes(
        "content/tin-tuc/hong.md",
        b"---\ntitle: \"B\xe1i\"\ndate: 2023-01-11T09:00:00+07:00\n---\nx\n",
    );
    let run = site.build(&[]);
    assert_no_crash(&run.out);
    run.assert_failure().stderr_contains(
        "content/tin-tuc/hong.md:2:10: error: the file is not valid UTF-8 (byte offset 13)",
    );
}

#[test]
fn empty_file() {
    let site = SiteTest::new("minimal").file("content/tin-tuc/rong.md", "");
    let run = site.build(&[]);
    assert_no_crash(&run.out);
    run.assert_failure()
        .stderr_contains("content/tin-tuc/rong.md:1:1: error: expected front matter");
}

#[test]
fn front_matter_never_closed() {
    let site = SiteTest::new("minimal").file(
        "content/tin-tuc/mo.md",
        "---\ntitle: \"Mở\"\ndate: 2023-01-11T09:00:00+07:00\nNội dung không có dòng đóng.\n",
    );
    let run = site.build(&[]);
    assert_no_crash(&run.out);
    run.assert_failure()
        .stderr_contains("content/tin-tuc/mo.md:1:1: error: front matter is never closed");
}

#[test]
fn billion_laughs_is_rejected_quickly() {
    let mut yaml = String::from(
        "extra:\n  a0: &a0 [\"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\"]\n",
    );
    for i in 1..10 {
        let p = format!("*a{}", i - 1);
        yaml.push_str(&format!("  a{i}: &a{i} [{}]\n", [p.as_str(); 9].join(", ")));
    }
    let site = SiteTest::new("minimal").file(
        "content/tin-tuc/cuoi.md",
        &format!("---\ntitle: \"Cười\"\ndate: 2023-01-11T09:00:00+07:00\n{yaml}---\nx\n"),
    );
    let started = Instant::now();
    let run = site.build(&[]);
    assert_no_crash(&run.out);
    run.assert_failure()
        .stderr_contains("content/tin-tuc/cuoi.md:2:1: error: repetition limit exceeded")
        .stderr_contains("hint: YAML aliases");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_not_followed() {
    let site = SiteTest::new("minimal");
    std::os::unix::fs::symlink("..", site.path("content/tin-tuc/vong")).unwrap();
    std::os::unix::fs::symlink("vong2", site.path("content/tin-tuc/vong1")).unwrap();
    std::os::unix::fs::symlink("vong1", site.path("content/tin-tuc/vong2")).unwrap();
    let run = site.build(&[]);
    assert_no_crash(&run.out);
    run.assert_success()
        .stderr_contains("content/tin-tuc/vong: warning: symbolic link not followed")
        .stderr_contains("content/tin-tuc/vong1: warning: symbolic link not followed");
}

#[cfg(unix)]
#[test]
fn symlink_outside_the_site_is_reported_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("mat-khau.md"),
        "---\ntitle: BÍ MẬT\n---\nBÍ MẬT\n",
    )
    .unwrap();
    let site = SiteTest::new("minimal");
    std::os::unix::fs::symlink(
        outside.path().join("mat-khau.md"),
        site.path("content/tin-tuc/mat-khau.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path("content/ngoai")).unwrap();
    let run = site.build(&[]);
    assert_no_crash(&run.out);
    run.assert_success()
        .stderr_contains("content/tin-tuc/mat-khau.md: warning: symbolic link not followed");
    assert!(!run.has_file("tin-tuc/mat-khau/index.html"));
    for (path, text) in run.texts(&["html", "xml", "json", "txt"]) {
        assert!(!text.contains("BÍ MẬT"), "{path}");
    }
    site.run(&["check"]).assert_success().stdout_contains(
        "content/tin-tuc/mat-khau.md: warning: symbolic link not followed [symlink]",
    );
}

#[cfg(target_os = "linux")]
#[test]
fn non_utf8_file_names() {
    use std::os::unix::ffi::OsStrExt;
    let site = SiteTest::new("minimal");
    let name = std::ffi::OsStr::from_bytes(b"b\xe0i.md");
    std::fs::write(
        site.path("content/tin-tuc").join(name),
        article("Tên lạ", "2023-01-11T09:00:00+07:00", "x"),
    )
    .unwrap();
    let run = site.build(&[]);
    assert_no_crash(&run.out);
    run.assert_failure()
        .stderr_contains("content/tin-tuc/b\u{FFFD}i.md: error: file name is not valid Unicode");
}

#[test]
fn template_that_includes_itself() {
    let site = SiteTest::new("minimal").file(
        "themes/default/templates/404.html",
        "<p>\n{% include \"404.html\" %}\n",
    );
    let run = site.build(&[]);
    assert_no_crash(&run.out);
    run.assert_failure().stderr_contains(
        "themes/default/templates/404.html:2:1: error: template error: Circular include",
    );
}

#[test]
fn component_that_recurses_forever() {
    let site = SiteTest::new("minimal").file(
        "themes/default/templates/404.html",
        "<p>\n{% component Loop(n: string) %}{{ <Loop n={n} /> }}{% endcomponent Loop %}\n{{ <Loop n=\"a\" /> }}\n",
    );
    let run = site.build(&[]);
    assert_no_crash(&run.out);
    run.assert_failure().stderr_contains(
        "themes/default/templates/404.html:2:1: error: template error: Maximum render recursion depth",
    );
}
