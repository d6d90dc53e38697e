//! Messages in the writer's language (issue 21): which language bantin
//! talks — `--lang`, then `BANTIN_LANG`, then the site's `language`, then the
//! system locale, else English — and that the structure (`path:line:col:
//! lỗi: …`, `  gợi ý: …`, `[code]`) and the JSON codes hold in both.
//! Every message of both catalogs is in src/i18n/snapshots/.

use crate::util::{BIN, SiteTest};
use std::process::{Command, Output};

/// Run bantin with only the language variables given in `env` (none of the
/// machine's own `LANG`, `LC_*` or `BANTIN_LANG`).
fn run(site: &SiteTest, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(site.root())
        .arg("--root")
        .arg(site.root())
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    for var in ["BANTIN_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    cmd.output().expect("run bantin")
}

fn text(out: &[u8]) -> String {
    String::from_utf8(out.to_vec()).expect("UTF-8")
}

/// The minimal (Vietnamese) site with a misspelt key.
fn misspelt(language: Option<&str>) -> SiteTest {
    let site = SiteTest::new("minimal").file(
        "content/tin-tuc/sai.md",
        "---\ntittle: \"Hội nghị\"\ndate: 2023-02-15\n---\nx\n",
    );
    if let Some(lang) = language {
        let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
        site.write(
            "config.yaml",
            config.replace("language: vi", &format!("language: {lang}")),
        );
    }
    site
}

#[test]
fn a_vietnamese_site_talks_vietnamese_whatever_the_locale() {
    let out = run(&misspelt(None), &[("LANG", "en_US.UTF-8")], &["build"]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("content/tin-tuc/sai.md:2:1: lỗi: khóa `tittle` không hợp lệ"),
        "{err}"
    );
    assert!(
        err.contains("\n  gợi ý: có phải định viết `title`?"),
        "{err}"
    );
    assert!(!err.contains("error:") && !err.contains("hint:"), "{err}");
}

#[test]
fn lang_en_overrides_the_site_before_or_after_the_command() {
    for args in [&["--lang", "en", "build"][..], &["build", "--lang=en"]] {
        let err = text(&run(&misspelt(None), &[("BANTIN_LANG", "vi")], args).stderr);
        assert!(
            err.contains("content/tin-tuc/sai.md:2:1: error: unknown key `tittle`"),
            "{args:?}: {err}"
        );
        assert!(err.contains("\n  hint: "), "{err}");
    }
}

#[test]
fn bantin_lang_overrides_the_sites_language() {
    let en = misspelt(Some("en"));
    let err = text(&run(&en, &[("LANG", "vi_VN.UTF-8")], &["build"]).stderr);
    assert!(
        err.contains("sai.md:2:1: error: unknown key"),
        "the site's `en` before LANG: {err}"
    );
    let err = text(&run(&en, &[("BANTIN_LANG", "vi")], &["build"]).stderr);
    assert!(
        err.contains("sai.md:2:1: lỗi: khóa `tittle` không hợp lệ"),
        "{err}"
    );
    let err = text(&run(&en, &[("BANTIN_LANG", "fr")], &["build"]).stderr);
    assert!(
        err.contains("warning: BANTIN_LANG=fr is neither `vi` nor `en`; ignored"),
        "{err}"
    );
    assert!(err.contains("sai.md:2:1: error: unknown key"), "{err}");
}

#[test]
fn init_outside_a_site_follows_the_system_locale() {
    let site = SiteTest::empty();
    let out = run(&site, &[("LANG", "vi_VN.UTF-8")], &["init", "moi"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.starts_with("Đã tạo trang tin mới trong thư mục "),
        "{said}"
    );
    assert!(said.contains("Bước tiếp theo: cd "), "{said}");
    let out = run(&site, &[("LANG", "C.UTF-8")], &["init", "moi-2"]);
    assert!(
        text(&out.stdout).starts_with("Created a new site in "),
        "{}",
        text(&out.stdout)
    );
    let out = run(
        &site,
        &[("LC_ALL", "en_US.UTF-8"), ("LANG", "vi_VN.UTF-8")],
        &["init", "moi-3"],
    );
    assert!(
        text(&out.stdout).starts_with("Created a new site in "),
        "LC_ALL first"
    );
    let out = run(&site, &[], &["init", "moi-4"]);
    assert!(
        text(&out.stdout).starts_with("Created a new site in "),
        "English when unknown"
    );
}

#[test]
fn build_and_new_speak_vietnamese_with_vietnamese_numbers() {
    let site = SiteTest::new("minimal");
    let out = run(
        &site,
        &[],
        &["new", "Hội nghị triển khai nhiệm vụ năm 2024"],
    );
    let said = text(&out.stdout);
    assert!(said.starts_with("Đã tạo "), "{said}");
    let out = run(&site, &[], &["build"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.starts_with("Đã dựng 3 bài viết, "), "{said}");
    let secs = said.split(" trong ").nth(1).unwrap_or_default();
    assert!(
        secs.chars().nth(1) == Some(',') && secs.contains(" giây → "),
        "decimal comma: {said}"
    );
}

#[test]
fn check_keeps_its_structure_and_codes_in_both_languages() {
    let site = SiteTest::new("check-problems");
    let vi = text(&run(&site, &[("BANTIN_LANG", "vi")], &["check"]).stdout);
    let en = text(&run(&site, &[("BANTIN_LANG", "en")], &["check"]).stdout);
    assert_eq!(vi.lines().count(), en.lines().count(), "{vi}\n{en}");
    for (v, e) in vi.lines().zip(en.lines()) {
        if let Some(code) = e
            .strip_suffix(']')
            .and_then(|l| l.rsplit_once(" ["))
            .map(|(_, c)| c)
        {
            assert!(v.ends_with(&format!(" [{code}]")), "{v} / {e}");
            let at = e
                .split(": error: ")
                .next()
                .unwrap()
                .split(": warning: ")
                .next()
                .unwrap();
            assert!(
                v.starts_with(&format!("{at}: lỗi: "))
                    || v.starts_with(&format!("{at}: cảnh báo: ")),
                "{v}"
            );
        }
        if e.starts_with("  hint: ") {
            assert!(v.starts_with("  gợi ý: "), "{v}");
        }
    }
    assert!(
        vi.contains("bài viết chưa có `summary:` (tóm tắt)"),
        "translated by code: {vi}"
    );
    assert!(
        en.contains("the article has no `summary:` (this site requires one)"),
        "{en}"
    );
    let last = vi.lines().last().unwrap();
    assert!(
        last.contains(" lỗi, ") && last.contains(" cảnh báo (đã kiểm tra "),
        "{last}"
    );
}

#[test]
fn check_json_carries_the_code_and_both_messages() {
    let site = SiteTest::new("check-problems");
    let out = text(
        &run(
            &site,
            &[("BANTIN_LANG", "vi")],
            &["check", "--format", "json"],
        )
        .stdout,
    );
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let findings = &lines[..lines.len() - 1];
    assert!(!findings.is_empty());
    for f in findings {
        assert!(f["code"].as_str().is_some_and(|c| !c.is_empty()), "{f}");
        assert!(f["message_en"].is_string(), "{f}");
        assert_eq!(
            f["severity"]
                .as_str()
                .map(|s| s == "error" || s == "warning"),
            Some(true),
            "{f}"
        );
    }
    let summary = findings
        .iter()
        .find(|f| f["code"] == "missing-summary")
        .expect("missing-summary");
    assert_eq!(
        summary["message_en"],
        "the article has no `summary:` (this site requires one)"
    );
    assert!(
        summary["message"]
            .as_str()
            .unwrap()
            .starts_with("bài viết chưa có `summary:`"),
        "{summary}"
    );
    let broken = findings
        .iter()
        .find(|f| f["code"] == "broken-link")
        .expect("broken-link");
    assert!(
        broken["message"]
            .as_str()
            .unwrap()
            .starts_with("không tìm thấy đích của liên kết"),
        "{broken}"
    );
    assert!(
        broken["message_en"]
            .as_str()
            .unwrap()
            .starts_with("link target not found"),
        "{broken}"
    );
}

#[test]
fn help_is_in_the_chosen_language() {
    let site = SiteTest::empty();
    let out = text(&run(&site, &[("LANG", "vi_VN.UTF-8")], &["--help"]).stdout);
    assert!(
        out.contains("Cách dùng: bantin [OPTIONS] <COMMAND>"),
        "{out}"
    );
    assert!(out.contains("Lệnh:") && out.contains("Tùy chọn:"), "{out}");
    assert!(out.contains("Dựng trang vào thư mục public/"), "{out}");
    let out = text(&run(&site, &[("LANG", "vi_VN.UTF-8")], &["serve", "--help"]).stdout);
    assert!(out.contains("[mặc định: 1111]"), "{out}");
    let out = text(&run(&site, &[], &["check", "--help"]).stdout);
    assert!(out.contains("Usage: bantin check [OPTIONS]"), "{out}");
    assert!(out.contains("[possible values: human, json]"), "{out}");
}

/// The first `build-error` event of serve's live-reload stream (its JSON).
fn first_build_error(port: u16) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    write!(
        s,
        "GET /__bantin/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    let mut got = Vec::new();
    let mut buf = [0; 4096];
    loop {
        let n = s.read(&mut buf).expect("read events");
        assert!(n > 0, "stream ended: {}", String::from_utf8_lossy(&got));
        got.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&got);
        if let Some(at) = text.find("event: build-error\ndata: ")
            && let Some(data) = text[at..].lines().nth(1)
            && text[at..].contains("\n\n")
        {
            return data.trim_start_matches("data: ").to_string();
        }
    }
}

#[test]
fn serve_talks_and_shows_its_overlay_in_the_chosen_language() {
    use crate::serve::{Server, free_port};
    let port = free_port();
    let server = Server::start_on(SiteTest::new("minimal"), port, &["--lang", "vi"]);
    server.wait_output("Bản xem trước đang chạy tại http://");
    let said = server.wait_output("Đã dựng ");
    assert!(
        said.contains("(trong bộ nhớ, không ghi vào public/)"),
        "{said}"
    );
    server.site.write(
        "content/tin-tuc/chao-mung.md",
        "---\ntittle: \"x\"\ndate: 2023-02-15\n---\nx\n",
    );
    let said = server.wait_output("bản xem trước vẫn hiển thị phiên bản đúng gần nhất");
    assert!(
        said.contains("chao-mung.md:2:1: lỗi: khóa `tittle` không hợp lệ"),
        "{said}"
    );
    let json: serde_json::Value = serde_json::from_str(&first_build_error(port)).expect("JSON");
    assert_eq!(
        json["overlay"]["heading"],
        "Lỗi khi dựng trang — đang hiển thị phiên bản đúng gần nhất"
    );
    assert_eq!(json["overlay"]["hint"], "gợi ý:");
    let error = &json["errors"][0];
    assert_eq!(
        (&error["severity"], &error["label"]),
        (&"error".into(), &"lỗi".into())
    );
    assert_eq!(
        error["message"], "khóa `tittle` không hợp lệ",
        "the problem itself in Vietnamese too: {error}"
    );
    assert!(
        error["hint"].as_str().is_some_and(|h| h.contains("title")),
        "{error}"
    );
}

#[test]
fn clap_errors_keep_their_frame_in_the_chosen_language() {
    let site = SiteTest::empty();
    let out = run(&site, &[("LANG", "vi_VN.UTF-8")], &["biuld"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("lỗi: unrecognized subcommand 'biuld'"),
        "{err}"
    );
    assert!(
        err.contains("\n  gợi ý: ") && err.contains("\nCách dùng: bantin "),
        "{err}"
    );
    assert!(err.contains("Xem hướng dẫn đầy đủ: '--help'."), "{err}");
    let err = text(&run(&site, &[], &["build", "--nope"]).stderr);
    assert!(
        err.starts_with("error: unexpected argument '--nope' found"),
        "{err}"
    );
    assert!(err.contains("For more information, try '--help'."), "{err}");
}
