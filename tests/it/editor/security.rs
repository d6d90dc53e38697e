//! The editor's security layer over HTTP: one test per refusal (cross-site
//! post, missing or wrong token, wrong `Host`, traversal in a file name,
//! oversized body, non-loopback bind), each checking that nothing was written.

use super::{BASE, edit_form, encode, http, new_form, post, set, snapshot_dir};
use crate::serve::Server;
use crate::util::SiteTest;
use std::collections::BTreeMap;

fn nothing_written(server: &Server, before: &BTreeMap<String, Vec<u8>>) {
    assert_eq!(
        &snapshot_dir(server.site.root()),
        before,
        "nothing may be written"
    );
}

fn changed_seed(server: &Server) -> Vec<(String, String)> {
    let mut fields = edit_form(server, "tin-tuc/chao-mung.md");
    set(&mut fields, "title", "Bị sửa trái phép");
    fields
}

#[test]
fn a_cross_site_form_post_is_refused() {
    let server = Server::start(SiteTest::new("minimal"), &[]);
    let before = snapshot_dir(server.site.root());
    let fields = changed_seed(&server);
    for origin in ["http://evil.example", "null", "http://127.0.0.1:1"] {
        let r = http(
            server.port,
            "POST",
            &format!("{BASE}luu"),
            &[
                ("Origin", origin.into()),
                ("Content-Type", "application/x-www-form-urlencoded".into()),
            ],
            &encode(&fields),
        );
        assert_eq!(r.status, 403, "{origin}: {}", r.text());
    }
    // Without Origin at all.
    let r = http(
        server.port,
        "POST",
        &format!("{BASE}luu"),
        &[("Content-Type", "application/x-www-form-urlencoded".into())],
        &encode(&fields),
    );
    assert_eq!(r.status, 403);
    nothing_written(&server, &before);
}

#[test]
fn a_post_without_the_right_token_is_refused() {
    let server = Server::start(SiteTest::new("minimal"), &[]);
    let before = snapshot_dir(server.site.root());
    let mut fields = changed_seed(&server);
    set(&mut fields, "_token", "0000");
    assert_eq!(post(&server, "luu", &fields).status, 403);
    fields.retain(|(k, _)| k != "_token");
    assert_eq!(post(&server, "luu", &fields).status, 403);
    nothing_written(&server, &before);
}

#[test]
fn a_wrong_host_is_refused() {
    let server = Server::start(SiteTest::new("minimal"), &[]);
    let before = snapshot_dir(server.site.root());
    let fields = changed_seed(&server);
    let port = server.port;
    for host in [
        format!("evil.example:{port}"),
        format!("127.0.0.1:{}", port + 1),
        "localhost".into(),
    ] {
        let r = http(port, "GET", BASE, &[("Host", host.clone())], b"");
        assert_eq!(r.status, 421, "GET with Host {host}");
        let r = http(
            port,
            "POST",
            &format!("{BASE}luu"),
            &[
                ("Host", host.clone()),
                ("Origin", format!("http://{host}")),
                ("Content-Type", "application/x-www-form-urlencoded".into()),
            ],
            &encode(&fields),
        );
        assert_eq!(r.status, 421, "POST with Host {host}");
    }
    assert_eq!(
        http(
            port,
            "GET",
            BASE,
            &[("Host", format!("localhost:{port}"))],
            b""
        )
        .status,
        200
    );
    nothing_written(&server, &before);
}

#[test]
fn a_traversal_in_a_file_name_is_refused() {
    let server = Server::start(SiteTest::new("minimal"), &[]);
    server.site.write("outside.md", "---\ntitle: X\n---\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink(server.site.root(), server.site.path("content/tin-tuc/ra")).unwrap();
    let before = snapshot_dir(server.site.root());
    let fields = changed_seed(&server);
    for rel in [
        "../outside.md",
        "tin-tuc/../../outside.md",
        "/etc/passwd.md",
        "tin-tuc/ra/outside.md",
        "tin-tuc\\..\\..\\outside.md",
        "tin-tuc/con.md",
        "tin-tuc/a\0.md",
        "../config.yaml",
    ] {
        let mut f = fields.clone();
        set(&mut f, "rel", rel);
        let r = post(&server, "luu", &f);
        assert_eq!(r.status, 400, "{rel:?}: {}", r.text());
        let r = post(&server, "xoa", &f);
        assert_eq!(r.status, 400, "{rel:?}");
        let enc = percent_encoding::utf8_percent_encode(rel, percent_encoding::NON_ALPHANUMERIC);
        assert_eq!(
            server.get(&format!("{BASE}sua?tep={enc}")).status,
            400,
            "{rel:?}"
        );
    }
    // A new article whose slug tries to climb out.
    let mut f = new_form(&server);
    set(&mut f, "section", "../..");
    set(&mut f, "title", "Thoát");
    assert_eq!(post(&server, "luu", &f).status, 400);
    nothing_written(&server, &before);
}

#[test]
fn an_oversized_body_is_refused() {
    let server = Server::start(SiteTest::new("minimal"), &[]);
    let before = snapshot_dir(server.site.root());
    let mut fields = changed_seed(&server);
    set(&mut fields, "body", &"a".repeat(3 * 1024 * 1024));
    let r = post(&server, "luu", &fields);
    assert_eq!(
        r.status,
        413,
        "{}",
        String::from_utf8_lossy(&r.body[..r.body.len().min(200)])
    );
    nothing_written(&server, &before);
}

#[test]
fn no_editor_flag_and_non_loopback_binds_turn_the_editor_off() {
    let server = Server::start(SiteTest::new("minimal"), &["--no-editor"]);
    assert_eq!(server.get(BASE).status, 404);
    assert!(!server.get("/").text().contains("bar.js"));
    let open = Server::start(SiteTest::new("minimal"), &["--bind", "0.0.0.0"]);
    open.wait_output("the editor (Soạn bài) is off");
    assert_eq!(open.get(BASE).status, 404);
}

#[test]
fn editor_pages_cannot_be_framed_by_another_site() {
    let server = Server::start(SiteTest::new("minimal"), &[]);
    for path in [
        BASE.to_string(),
        format!("{BASE}moi"),
        format!("{BASE}sua?tep=tin-tuc%2Fchao-mung.md"),
    ] {
        let r = server.get(&path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("x-frame-options"), Some("DENY"), "{path}");
        assert_eq!(
            r.header("content-security-policy"),
            Some("frame-ancestors 'none'"),
            "{path}"
        );
    }
}
