//! `build` and `check` agree (docs/check.md): over a set of problem sites,
//! the errors `bantin build` prints and those `bantin check --format json`
//! reports are the same set — each with its file, line, column and message —
//! and the build fails exactly when check finds an error.

use crate::util::{SiteTest, article};
use std::collections::BTreeSet;

/// `location: message` of every error `build` printed.
fn build_errors(site: &SiteTest, args: &[&str]) -> (bool, BTreeSet<String>) {
    let run = site.build(args);
    let errors = run
        .stderr()
        .lines()
        .filter_map(|l| l.split_once(": error: "))
        .map(|(at, m)| format!("{at}: {m}"))
        .collect();
    (run.out.status.success(), errors)
}

/// The same of every error `check --format json` found, and its codes.
fn check_errors(site: &SiteTest) -> (BTreeSet<String>, BTreeSet<String>) {
    let run = site.run(&["check", "--format", "json"]);
    let mut errors = BTreeSet::new();
    let mut codes = BTreeSet::new();
    for line in run.stdout().lines() {
        let f: serde_json::Value = serde_json::from_str(line).unwrap();
        if f["severity"] != "error" {
            continue;
        }
        let mut at = f["path"].as_str().unwrap().to_string();
        for key in ["line", "col"] {
            if let Some(n) = f[key].as_u64() {
                at.push_str(&format!(":{n}"));
            }
        }
        errors.insert(format!("{at}: {}", f["message"].as_str().unwrap()));
        codes.insert(f["code"].as_str().unwrap().to_string());
    }
    (errors, codes)
}

/// Build and check `site`; both must report the same errors. Returns check's codes.
#[track_caller]
fn agree(name: &str, site: &SiteTest) -> BTreeSet<String> {
    let (built, from_build) = build_errors(site, &[]);
    let (from_check, codes) = check_errors(site);
    assert_eq!(
        from_build, from_check,
        "{name}: build and check disagree\nbuild:\n{from_build:#?}\ncheck:\n{from_check:#?}"
    );
    assert_eq!(built, from_check.is_empty(), "{name}: exit code of build");
    if !built {
        assert!(
            !site.path("public").exists(),
            "{name}: a failed build wrote"
        );
    }
    codes
}

fn with(site: SiteTest, files: &[(&str, &str)]) -> SiteTest {
    files.iter().fold(site, |s, (p, t)| s.file(p, t))
}

const NOW: &str = "2023-01-11T09:00:00+07:00";

#[test]
fn build_and_check_report_the_same_errors_on_every_problem_site() {
    let cases: Vec<(&str, SiteTest, &[&str])> = vec![
        ("clean", SiteTest::new("minimal"), &[]),
        (
            "every kind of problem",
            SiteTest::new("check-problems"),
            &[
                "broken-link",
                "broken-anchor",
                "build-error",
                "missing-attachment",
                "missing-category",
                "missing-image",
                "missing-summary",
                "unknown-key",
                "unsafe-link",
            ],
        ),
        (
            "links to drafts, future and deleted articles",
            with(
                SiteTest::new("minimal"),
                &[
                    (
                        "content/tin-tuc/mai.md",
                        &article("Ngày mai", "2099-01-01T08:00:00+07:00", "Sắp đăng."),
                    ),
                    (
                        "content/tin-tuc/nhap.md",
                        "---\ntitle: \"Nháp\"\ndate: 2023-01-02\ndraft: true\n---\nNháp.\n",
                    ),
                    (
                        "content/tin-tuc/dan.md",
                        &article(
                            "Dẫn",
                            NOW,
                            "Xem [mai](mai.md), [nháp](nhap.md) và [đã xóa](da-xoa.md).",
                        ),
                    ),
                    (
                        "content/tin-tuc/dan-url.md",
                        &article(
                            "Dẫn URL",
                            NOW,
                            "Xem [mai nữa](/tin-tuc/mai/), [đã xóa](/tin-tuc/da-xoa/) và [mục](#khong-co).",
                        ),
                    ),
                ],
            ),
            &["broken-link", "broken-anchor"],
        ),
        (
            "unsafe links and raw HTML",
            with(
                SiteTest::new("minimal"),
                &[(
                    "content/tin-tuc/nguy.md",
                    &article(
                        "Nguy",
                        NOW,
                        "[a](javascript:x) <a href=\"vbscript:y\">b</a>\n\n<script>z()</script>\n\n<img src=\"data:text/html,x\" alt=\"x\" onerror=\"w()\">",
                    ),
                )],
            ),
            &["unsafe-link"],
        ),
        (
            "a link the theme makes",
            with(
                SiteTest::new("minimal"),
                &[(
                    "themes/default/templates/404.html",
                    "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>404</title></head><body><a href=\"/khong-co-trang/\">Về</a> <a href=\"#khong-co\">mục</a></body></html>\n",
                )],
            ),
            &["broken-link", "broken-anchor"],
        ),
        (
            "a bad front matter beside broken links",
            with(
                SiteTest::new("minimal"),
                &[
                    (
                        "content/tin-tuc/hong.md",
                        "---\ntitle: \"Hỏng\"\ndate: 31/02/2023\n---\nx\n",
                    ),
                    (
                        "content/tin-tuc/lien-ket.md",
                        &article("Liên kết", NOW, "[x](/khong-co/) ![ảnh](/anh-khong-co.png)"),
                    ),
                ],
            ),
            &["build-error", "broken-link", "missing-image"],
        ),
    ];
    for (name, site, want) in &cases {
        let codes = agree(name, site);
        let want: BTreeSet<String> = want.iter().map(|c| c.to_string()).collect();
        assert_eq!(codes, want, "{name}: codes");
    }
}

/// With `--drafts --future` the left-out articles are published, so links
/// to them are fine; without, they are errors that name why.
#[test]
fn a_link_to_a_left_out_article_is_an_error_unless_the_build_includes_it() {
    let site = with(
        SiteTest::new("minimal"),
        &[
            (
                "content/tin-tuc/mai.md",
                &article("Ngày mai", "2099-01-01T08:00:00+07:00", "Sắp đăng."),
            ),
            (
                "content/tin-tuc/nhap.md",
                "---\ntitle: \"Nháp\"\ndate: 2023-01-02\ndraft: true\n---\nNháp.\n",
            ),
            (
                "content/tin-tuc/dan.md",
                &article("Dẫn", NOW, "Xem [mai](mai.md) và [nháp](nhap.md)."),
            ),
            // A page with a link to nothing is not made, so the URL link
            // is read back from a page of its own.
            (
                "content/tin-tuc/dan-url.md",
                &article("Dẫn URL", NOW, "Xem [mai nữa](/tin-tuc/mai/)."),
            ),
        ],
    );
    let (ok, errors) = build_errors(&site, &[]);
    assert!(!ok);
    let all: Vec<&String> = errors.iter().collect();
    assert_eq!(errors.len(), 3, "{all:#?}");
    assert!(all.iter().any(|e| e.starts_with("content/tin-tuc/dan.md:5:5: link to an article this build does not publish: `mai.md` (content/tin-tuc/mai.md is dated in the future (01/01/2099 08:00))")), "{all:#?}");
    assert!(
        all.iter()
            .any(|e| e.contains("content/tin-tuc/nhap.md is a draft")),
        "{all:#?}"
    );
    assert!(
        all.iter().any(|e| e
            .starts_with("content/tin-tuc/dan-url.md:5:5: link leads nowhere: `/tin-tuc/mai/`")),
        "{all:#?}"
    );
    let (ok, errors) = build_errors(&site, &["--drafts", "--future"]);
    assert!(ok, "{errors:#?}");
}
