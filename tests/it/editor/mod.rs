//! Soạn bài, the editor inside `bantin serve`: the real binary over a temp
//! site, spoken to over HTTP as a browser would (the form fields the page
//! holds, posted back with the page's token and `Origin`). Each refusal of
//! the security layer has its own test, which also checks nothing was written.

use crate::serve::{PATIENCE, Response, Server};
use crate::util::{SiteTest, bantin, copy_dir, repo_root};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;

mod browser;
mod preview;
mod security;

const BASE: &str = "/__bantin/soan-bai/";

/// The repository's sample site in a temp folder.
pub fn sample_site() -> SiteTest {
    let site = SiteTest::empty();
    for dir in ["content", "data", "themes"] {
        let from = repo_root().join(dir);
        if from.is_dir() {
            copy_dir(&from, &site.path(dir));
        }
    }
    std::fs::copy(repo_root().join("config.yaml"), site.path("config.yaml")).unwrap();
    site
}

/// Every file under `dir` (symlinks not followed) with its bytes.
pub fn snapshot_dir(dir: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// One raw HTTP/1.1 request with the given extra headers and body.
pub fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> Response {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: 127.0.0.1:{port}\r\n"));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    crate::serve::parse_response(&raw)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// The fields a browser would submit from the form `id` of `html`:
/// enabled inputs (ticked boxes only), textareas and selects.
pub fn form_fields(html: &str, id: &str) -> Vec<(String, String)> {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no form {id}"));
    let html = &html[start..start + html[start..].find("</form>").unwrap()];
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let end = rest.find('>').unwrap();
        let tag = &rest[..end];
        let name = attr(tag, "name").map(unescape);
        if let (Some(name), false) = (name, tag.contains(" disabled")) {
            if tag.starts_with("<input") {
                let checkbox = attr(tag, "type") == Some("checkbox");
                if !checkbox || tag.contains(" checked") {
                    let v = attr(tag, "value")
                        .map(unescape)
                        .unwrap_or_else(|| if checkbox { "on".into() } else { String::new() });
                    out.push((name, v));
                }
            } else if tag.starts_with("<textarea") {
                let close = rest.find("</textarea>").unwrap();
                out.push((name, unescape(&rest[end + 1..close])));
            } else if tag.starts_with("<select") {
                let close = rest.find("</select>").unwrap();
                let opts = &rest[end..close];
                let v = opts
                    .split("<option")
                    .find(|o| o.contains(" selected"))
                    .and_then(|o| attr(o, "value"))
                    .unwrap_or("");
                out.push((name, unescape(v)));
            }
        }
        rest = &rest[1..];
    }
    out
}

/// URL-encoded form body.
pub fn encode(fields: &[(String, String)]) -> Vec<u8> {
    let enc = |s: &str| {
        percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
    };
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

pub fn set(fields: &mut Vec<(String, String)>, name: &str, value: &str) {
    fields.retain(|(k, _)| k != name);
    fields.push((name.into(), value.into()));
}

pub fn get_field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// Post `fields` as the page's own script does (same Origin, JSON answer).
pub fn post(server: &Server, path: &str, fields: &[(String, String)]) -> Response {
    let origin = format!("http://127.0.0.1:{}", server.port);
    http(
        server.port,
        "POST",
        &format!("{BASE}{path}"),
        &[
            ("Origin", origin),
            ("Content-Type", "application/x-www-form-urlencoded".into()),
            ("Accept", "application/json".into()),
        ],
        &encode(fields),
    )
}

pub fn json(r: &Response) -> serde_json::Value {
    serde_json::from_slice(&r.body)
        .unwrap_or_else(|_| panic!("not JSON ({}): {}", r.status, r.text()))
}

/// The form of the edit page of `rel`.
pub fn edit_form(server: &Server, rel: &str) -> Vec<(String, String)> {
    let page = server.get(&format!(
        "{BASE}sua?tep={}",
        percent_encoding::utf8_percent_encode(rel, percent_encoding::NON_ALPHANUMERIC)
    ));
    assert_eq!(page.status, 200, "{rel}: {}", page.text());
    form_fields(&page.text(), "article-form")
}

pub fn new_form(server: &Server) -> Vec<(String, String)> {
    let page = server.get(&format!("{BASE}moi"));
    assert_eq!(page.status, 200);
    form_fields(&page.text(), "article-form")
}

fn article_files(site: &SiteTest) -> Vec<String> {
    let content = site.path("content");
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(&content)
        .into_iter()
        .map(Result::unwrap)
    {
        let rel = e
            .path()
            .strip_prefix(&content)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with(".md") && !rel.ends_with("_index.md") && !rel.starts_with("van-ban/") {
            out.push(rel);
        }
    }
    out.sort();
    out
}

#[test]
fn opening_and_saving_every_sample_article_unchanged_leaves_it_byte_identical() {
    let server = Server::start(sample_site(), &[]);
    let before = snapshot_dir(&server.site.path("content"));
    let files = article_files(&server.site);
    assert!(files.len() >= 16, "{files:?}");
    for rel in &files {
        let fields = edit_form(&server, rel);
        let r = post(&server, "luu", &fields);
        assert_eq!(r.status, 200, "{rel}: {}", r.text());
        assert_eq!(json(&r)["written"], false, "{rel}");
    }
    assert_eq!(snapshot_dir(&server.site.path("content")), before);
}

/// The front matter of a file as the loader's YAML reads it.
fn front(text: &str) -> serde_json::Value {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let end = text[4..].find("\n---").unwrap() + 4;
    serde_yaml::from_str(&text[4..end]).unwrap()
}

#[test]
fn a_changed_title_rewrites_the_front_matter_and_keeps_every_other_value_on_every_sample_article() {
    let server = Server::start(sample_site(), &["--drafts", "--future"]);
    for rel in article_files(&server.site) {
        let path = server.site.path(&format!("content/{rel}"));
        let before = std::fs::read_to_string(&path).unwrap();
        let mut fields = edit_form(&server, &rel);
        let title = format!("{} (sửa: \"lần 2\" #1)", get_field(&fields, "title"));
        set(&mut fields, "title", &title);
        let r = post(&server, "luu", &fields);
        assert_eq!(r.status, 200, "{rel}: {}", r.text());
        let after = std::fs::read_to_string(&path).unwrap();
        // Saved text is NFC (one sample file is written decomposed).
        let nfc = |s: &str| unicode_normalization::UnicodeNormalization::nfc(s).collect::<String>();
        let before = nfc(&before);
        let (mut a, b) = (front(&before), front(&after));
        a["title"] = serde_json::Value::String(nfc(&title));
        assert_eq!(a, b, "{rel}:\n{after}");
        let body = |t: &str| t[t[4..].find("\n---").unwrap() + 8..].to_string();
        assert_eq!(
            body(&after),
            body(&before),
            "{rel}: the body is kept byte for byte"
        );
        assert_eq!(
            after.contains("\r\n"),
            before.contains("\r\n"),
            "{rel}: line ends kept"
        );
    }
    // The site still builds with every edited file.
    let out = server.site.root().join("public-check");
    let o = bantin(
        server.site.root(),
        &[
            "build",
            "--drafts",
            "--future",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

const CRLF_ARTICLE: &str = "\u{feff}---\r\ntitle: \"Lịch làm việc\"\r\ndate: 15/02/2023 08:46\r\ncategory: Thông báo\r\ntags: [hòa giải, cơ sở]\r\n---\r\nDòng một.\r\n\r\nDòng hai.\r\n";

#[test]
fn editing_keeps_the_files_bom_and_crlf_and_writes_the_body_as_typed() {
    let site = SiteTest::new("minimal").file("content/thong-bao/crlf.md", CRLF_ARTICLE);
    let server = Server::start(site, &[]);
    let mut fields = edit_form(&server, "thong-bao/crlf.md");
    assert_eq!(get_field(&fields, "date"), "2023-02-15T08:46:00");
    assert_eq!(get_field(&fields, "tags"), "hòa giải, cơ sở");
    // A browser sends a textarea's lines with CRLF.
    set(
        &mut fields,
        "body",
        "Dòng một.\r\n\r\nDòng hai đã sửa: **đậm**   \r\n  thụt lề\r\n",
    );
    set(&mut fields, "summary", "Tóm tắt: có dấu hai chấm");
    let r = post(&server, "luu", &fields);
    assert_eq!(r.status, 200, "{}", r.text());
    let bytes = std::fs::read(server.site.path("content/thong-bao/crlf.md")).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with("\u{feff}---\r\n"), "{text:?}");
    assert!(
        text.ends_with("---\r\nDòng một.\r\n\r\nDòng hai đã sửa: **đậm**   \r\n  thụt lề\r\n"),
        "{text:?}"
    );
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "only CRLF line ends: {text:?}"
    );
    assert!(
        text.contains("summary: \"Tóm tắt: có dấu hai chấm\"\r\n"),
        "{text:?}"
    );
    assert!(
        text.contains("date: 15/02/2023 08:46\r\n"),
        "an unchanged date keeps its form: {text:?}"
    );
}

#[test]
fn a_file_changed_on_disk_since_it_was_opened_is_not_overwritten() {
    let server = Server::start(SiteTest::new("minimal"), &[]);
    let rel = "tin-tuc/chao-mung.md";
    let mut fields = edit_form(&server, rel);
    let other = "---\ntitle: \"Sửa ở nơi khác\"\ndate: 2024-01-01\n---\nBản của người khác.\n";
    server.site.write(&format!("content/{rel}"), other);
    set(&mut fields, "title", "Bản của tôi");
    let r = post(&server, "luu", &fields);
    assert_eq!(r.status, 409, "{}", r.text());
    let j = json(&r);
    assert_eq!(j["disk"], other);
    assert!(j["mine"].as_str().unwrap().contains("Bản của tôi"), "{j}");
    assert_eq!(server.site.read(&format!("content/{rel}")), other);
}

#[test]
fn a_new_article_is_named_from_its_title_and_never_replaces_a_file() {
    let server = Server::start(SiteTest::new("minimal"), &[]);
    let mut fields = new_form(&server);
    assert!(
        get_field(&fields, "date").starts_with("20"),
        "the date defaults to now: {fields:?}"
    );
    assert_eq!(
        get_field(&fields, "author"),
        "Phòng Truyền thông",
        "default_author"
    );
    set(&mut fields, "section", "tin-tuc");
    set(&mut fields, "title", "Hội nghị Chào mừng");
    set(&mut fields, "body", "Nội dung.");
    let r = post(&server, "luu", &fields);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(json(&r)["rel"], "tin-tuc/hoi-nghi-chao-mung.md");
    let first = server.site.read("content/tin-tuc/hoi-nghi-chao-mung.md");
    assert!(
        first.starts_with("---\ntitle: Hội nghị Chào mừng\n"),
        "{first}"
    );
    set(&mut fields, "body", "Bài khác cùng tên.");
    let again = post(&server, "luu", &fields);
    assert_eq!(again.status, 409, "{}", again.text());
    assert_eq!(
        server.site.read("content/tin-tuc/hoi-nghi-chao-mung.md"),
        first
    );
    // The name `bantin new` gives the same title.
    let o = bantin(
        server.site.root(),
        &["new", "Hội nghị Chào mừng", "--section", "thong-bao"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        server
            .site
            .path("content/thong-bao/hoi-nghi-chao-mung.md")
            .is_file()
    );
}

#[test]
fn an_article_with_a_dispatch_block_is_saved_and_built() {
    let server = Server::start(SiteTest::new("minimal"), &[]);
    let mut fields = new_form(&server);
    for (k, v) in [
        ("section", "thong-bao"),
        ("title", "Triển khai Công văn 1141"),
        ("category", "Cải cách hành chính"),
        ("tags", "hành chính, khảo sát"),
        ("dispatch.number", "1141/UBND-KSTTHC"),
        ("dispatch.kind", "Công văn"),
        ("dispatch.issued", "2023-02-15"),
        ("dispatch.issuer", "UBND tỉnh"),
        ("dispatch.subject", "V/v khảo sát"),
        ("body", "Nội dung công văn."),
    ] {
        set(&mut fields, k, v);
    }
    let r = post(&server, "luu", &fields);
    assert_eq!(r.status, 200, "{}", r.text());
    let text = server
        .site
        .read("content/thong-bao/trien-khai-cong-van-1141.md");
    assert!(
        text.contains(
            "dispatch:\n  number: 1141/UBND-KSTTHC\n  kind: Công văn\n  issued: 2023-02-15\n"
        ),
        "{text}"
    );
    let run = server.site.build(&[]);
    run.assert_success();
    run.assert_file_contains(
        "thong-bao/trien-khai-cong-van-1141/index.html",
        "1141/UBND-KSTTHC",
    );
}

#[test]
fn delete_moves_the_file_to_the_trash() {
    let server = Server::start(SiteTest::new("minimal"), &[]);
    let rel = "tin-tuc/chao-mung.md";
    let before = server.site.read(&format!("content/{rel}"));
    let fields = edit_form(&server, rel);
    let page = server.get(&format!("{BASE}sua?tep=tin-tuc%2Fchao-mung.md"));
    let trash = form_fields(&page.text(), "trash-form");
    assert_eq!(get_field(&trash, "base"), get_field(&fields, "base"));
    let r = post(&server, "xoa", &trash);
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(!server.site.path(&format!("content/{rel}")).exists());
    let trashed: Vec<_> = walkdir::WalkDir::new(server.site.path(".bantin-trash"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .collect();
    assert_eq!(trashed.len(), 1);
    assert!(trashed[0].path().ends_with("content/tin-tuc/chao-mung.md"));
    assert_eq!(std::fs::read_to_string(trashed[0].path()).unwrap(), before);
}

#[test]
fn dashboard_lists_newest_first_and_filters_by_section_category_state_and_text() {
    let mut site = SiteTest::new("minimal");
    for i in 0..120 {
        let draft = if i % 10 == 0 { "draft: true\n" } else { "" };
        let cat = if i % 3 == 0 {
            "Chuyển đổi số"
        } else {
            "Văn hóa"
        };
        site = site.file(&format!("content/tin-tuc/bai-{i:03}.md"), &format!("---\ntitle: \"Bài số {i:03}\"\ndate: 2024-01-01T00:00:00+07:00\ncategory: \"{cat}\"\n{draft}---\nx\n").replace("2024-01-01T00", &format!("2024-{:02}-{:02}T00", 1 + i / 28, 1 + i % 28)));
    }
    site = site.file(
        "content/thong-bao/tuong-lai.md",
        "---\ntitle: \"Lịch họp năm sau\"\ndate: 2099-01-01\n---\nx\n",
    );
    let server = Server::start(site, &[]);
    let rows = |q: &str| {
        let t = server.get(&format!("{BASE}?{q}")).text();
        let count: usize = t
            .split("<p id=\"count\" role=\"status\">")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        (count, t.matches("<tr data-state").count(), t)
    };
    let (all, shown, t) = rows("");
    assert_eq!(all, 123);
    assert_eq!(shown, 50, "paginated");
    assert!(
        t.find("Lịch họp năm sau").unwrap() < t.find("Bài số 119").unwrap(),
        "newest first"
    );
    assert!(t.find("Bài số 119").unwrap() < t.find("Bài số 118").unwrap());
    assert_eq!(rows("trang=3").1, 23);
    assert_eq!(rows("trang-thai=nhap").0, 12);
    assert_eq!(rows("trang-thai=hen-gio").0, 1);
    assert_eq!(rows("muc=thong-bao").0, 2);
    assert_eq!(
        rows("chuyen-muc=Chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91").0,
        40
    );
    assert_eq!(rows("q=lich+hop").0, 1, "text without diacritics");
    assert_eq!(rows("q=b%C3%A0i+s%E1%BB%91+007").0, 1);
}

#[test]
fn files_that_are_not_articles_are_not_opened() {
    let server = Server::start(sample_site(), &[]);
    assert_eq!(
        server
            .get(&format!("{BASE}sua?tep=van-ban%2F385-BNV-CCHC.md"))
            .status,
        400
    );
    assert_eq!(
        server
            .get(&format!("{BASE}sua?tep=tin-tuc%2F_index.md"))
            .status,
        400
    );
}

#[test]
fn a_plain_form_post_without_the_script_saves_and_returns_to_the_editor() {
    let server = Server::start(SiteTest::new("minimal"), &[]);
    let mut fields = edit_form(&server, "tin-tuc/chao-mung.md");
    set(&mut fields, "title", "Sửa không cần JavaScript");
    let r = http(
        server.port,
        "POST",
        &format!("{BASE}luu"),
        &[
            ("Origin", format!("http://127.0.0.1:{}", server.port)),
            ("Content-Type", "application/x-www-form-urlencoded".into()),
        ],
        &encode(&fields),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(
        r.header("location"),
        Some("/__bantin/soan-bai/sua?tep=tin%2Dtuc%2Fchao%2Dmung%2Emd&da-luu=1")
    );
    assert!(
        server
            .site
            .read("content/tin-tuc/chao-mung.md")
            .contains("title: Sửa không cần JavaScript\n")
    );
    let page = server.get(r.header("location").unwrap()).text();
    assert!(page.contains("Đã lưu."), "the editor says it was saved");
}

#[test]
fn a_broken_file_is_listed_first_and_opens_with_its_problem_beside_the_field() {
    let server = Server::start(SiteTest::new("minimal"), &[]);
    let rel = "thong-bao/lich-lam-viec.md";
    let text = server.site.read(&format!("content/{rel}"));
    let broken = text.replacen("date: ", "date: 2023-02-30 #", 1);
    server.site.write(&format!("content/{rel}"), &broken);
    server.wait_output("keeps showing the last good site");
    let page = server.wait_for(BASE, "the broken file listed", |r| {
        r.text().contains("data-state=\"loi\"")
    });
    let page = page.text();
    let line = page
        .split("lich-lam-viec.md</a><p class=\"problems\">")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .unwrap_or_else(|| panic!("no problem under the title: {page}"));
    assert!(
        line.starts_with("content/thong-bao/lich-lam-viec.md:") && line.contains(": lỗi: "),
        "the build's problem line, in Vietnamese: {line}"
    );
    assert!(
        !line.contains("expected a date"),
        "not the English text: {line}"
    );
    assert!(
        page.find("data-state=\"loi\"").unwrap() < page.find("data-state=\"da-dang\"").unwrap(),
        "first"
    );
    assert!(
        page.contains("<option value=\"tin-tuc\">"),
        "the sections stay while the site is broken"
    );
    // It opens; the preview puts the problem beside the date and saving as a draft works.
    let mut fields = edit_form(&server, rel);
    let j = json(&post(&server, "xem-truoc", &fields));
    assert_eq!(j["problems"][0]["field"], "date", "{j}");
    set(&mut fields, "date", "2023-02-28T08:00:00");
    let r = post(&server, "luu", &fields);
    assert_eq!(r.status, 200, "{}", r.text());
    server.wait_for(BASE, "the fixed file listed as published", |r| {
        !r.text().contains("data-state=\"loi\"")
    });
}

#[test]
fn a_file_whose_front_matter_cannot_be_read_is_edited_as_plain_text() {
    let rel = "thong-bao/hong.md";
    let broken = "---\r\ntitle: \"Chưa đóng ngoặc\r\ndate: 2024-01-01\r\n---\r\nNội dung.\r\n";
    let site = SiteTest::new("minimal").file(&format!("content/{rel}"), broken);
    let server = Server::start(site, &[]);
    let page = server.get(&format!("{BASE}sua?tep=thong-bao%2Fhong.md"));
    assert_eq!(page.status, 200, "{}", page.text());
    let mut fields = form_fields(&page.text(), "article-form");
    assert_eq!(get_field(&fields, "raw"), "1");
    assert_eq!(
        get_field(&fields, "body"),
        broken.replace("\r\n", "\n"),
        "the whole file, as text"
    );
    let j = json(&post(&server, "xem-truoc", &fields));
    assert!(j["html"].is_null());
    assert_eq!(j["problems"][0]["line"], 2, "{j}");
    let fixed = "---\ntitle: \"Đã đóng ngoặc\"\ndate: 2024-01-01\n---\nNội dung.\n";
    set(&mut fields, "body", fixed);
    let r = post(&server, "luu", &fields);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        server.site.read(&format!("content/{rel}")),
        fixed.replace('\n', "\r\n"),
        "its line ends kept"
    );
    // Once it reads, the form opens again.
    assert!(
        edit_form(&server, rel)
            .iter()
            .any(|(k, v)| k == "title" && v == "Đã đóng ngoặc")
    );
}
