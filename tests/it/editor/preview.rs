//! The editor's form helpers, live preview, problems beside their field,
//! the bar on preview pages and the language of the interface.

use super::{BASE, edit_form, json, post, set};
use crate::serve::Server;
use crate::util::SiteTest;

#[test]
fn the_number_is_checked_by_the_builds_own_parser() {
    let server = Server::start(SiteTest::new("minimal"), &[]);
    let j = |n: &str| {
        json(&server.get(&format!(
            "{BASE}kiem-so?so={}",
            percent_encoding::utf8_percent_encode(n, percent_encoding::NON_ALPHANUMERIC)
        )))
    };
    assert_eq!(j("1141/UBND-KSTTHC")["ok"], true);
    assert_eq!(j("12/2023/QĐ-UBND")["kind"], "Quyết định");
    let bad = j("42/2022/NĐCP");
    assert_eq!(bad["ok"], false);
    assert_eq!(bad["suggestion"], "42/2022/NĐ-CP");
    assert!(
        bad["message"].as_str().is_some_and(|m| m.starts_with(
            "số ký hiệu `42/2022/NĐCP` chưa viết đúng thể thức theo Nghị định 30/2020/NĐ-CP"
        )),
        "the build's warning, in Vietnamese: {bad}"
    );
    assert!(
        bad["message_en"]
            .as_str()
            .is_some_and(|m| m.contains("is not written as Decree 30/2020")),
        "{bad}"
    );
}

#[test]
fn tags_are_offered_and_a_differently_written_one_is_pointed_out() {
    let site = SiteTest::new("minimal").file(
        "content/tin-tuc/hoa.md",
        "---\ntitle: \"Hòa giải\"\ndate: 2024-01-01\ntags: [hòa giải cơ sở]\n---\nx\n",
    );
    let server = Server::start(site, &[]);
    let j = json(&server.get(&format!(
        "{BASE}the?q=ho%C3%A0%20gi%E1%BA%A3i%20c%C6%A1%20s%E1%BB%9F"
    )));
    assert_eq!(j["variants"][0], "hòa giải cơ sở", "{j}");
    let j = json(&server.get(&format!("{BASE}the?q=hoa")));
    assert_eq!(j["suggestions"][0], "hòa giải cơ sở", "{j}");
}

#[test]
fn the_preview_is_the_page_the_build_makes_and_problems_sit_beside_their_field() {
    let server = Server::start(SiteTest::new("minimal"), &["--drafts", "--future"]);
    let fields = edit_form(&server, "tin-tuc/chao-mung.md");
    let r = post(&server, "xem-truoc", &fields);
    assert_eq!(r.status, 200);
    let j = json(&r);
    let served = server.get("/tin-tuc/chao-mung/").text();
    // The served page is the build's output with serve's two scripts before `</body>`.
    let start = served.find("<script src=\"/__bantin/live.js\"").unwrap();
    let end = served.rfind("</body>").unwrap();
    let built = format!("{}{}", &served[..start], &served[end..]);
    assert_eq!(
        j["html"].as_str().unwrap(),
        built,
        "the preview is the page the build makes"
    );
    // A bad date: the problem goes beside the date field; the last good page stays (no HTML).
    let mut bad = fields.clone();
    set(&mut bad, "date", "2023-02-30");
    let j = json(&post(&server, "xem-truoc", &bad));
    assert!(j["html"].is_null());
    assert_eq!(j["problems"][0]["field"], "date", "{j}");
    assert_eq!(j["problems"][0]["label"], "Lỗi");
    let (message, english) = (
        j["problems"][0]["message"].as_str().unwrap(),
        j["problems"][0]["message_en"].as_str().unwrap(),
    );
    assert!(
        english.contains("expected a date"),
        "the build's own English text: {j}"
    );
    assert!(
        message != english && message.contains("ngày"),
        "the build's problem, told in Vietnamese from the catalog: {j}"
    );
    // A body problem names its line in the body.
    let mut body = fields.clone();
    set(
        &mut body,
        "body",
        "Dòng một.\n\n[liên kết hỏng](khong-co-bai-nay.md)\n",
    );
    let j = json(&post(&server, "xem-truoc", &body));
    let p = j["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["field"] == "body")
        .unwrap_or_else(|| panic!("{j}"));
    assert_eq!(p["body_line"], 3, "{j}");
    assert_eq!(p["code"], "broken-link", "the build's own code: {j}");
    // Saving it is refused unless it is a draft, which may be saved with errors.
    assert_eq!(post(&server, "luu", &bad).status, 422);
    set(&mut bad, "draft", "on");
    assert_eq!(post(&server, "luu", &bad).status, 200);
    assert!(
        server
            .site
            .read("content/tin-tuc/chao-mung.md")
            .contains("draft: true")
    );
}

#[test]
fn preview_pages_carry_the_bar_with_a_link_to_edit_the_article() {
    let server = Server::start(SiteTest::new("minimal"), &[]);
    let page = server.get("/tin-tuc/chao-mung/").text();
    assert!(page.contains("/__bantin/soan-bai/tai/bar.js\" data-edit=\"/__bantin/soan-bai/sua?tep=tin%2Dtuc%2Fchao%2Dmung%2Emd\" data-label=\"Sửa bài này\""), "{page}");
    let home = server.get("/").text();
    assert!(
        home.contains("bar.js\" data-edit=\"\""),
        "no article on the home page"
    );
    let js = server.get(&format!("{BASE}tai/editor.js"));
    assert_eq!(js.status, 200);
    assert!(
        js.header("content-type")
            .unwrap()
            .starts_with("text/javascript")
    );
}

#[test]
fn typing_in_the_body_previews_quickly_and_the_same_as_a_full_run() {
    let server = Server::start(SiteTest::new("minimal"), &[]);
    let fields = edit_form(&server, "tin-tuc/chao-mung.md");
    let first = json(&post(&server, "xem-truoc", &fields));
    assert_eq!(first["quick"], false, "the first preview runs in full");
    let mut typed = fields.clone();
    set(
        &mut typed,
        "body",
        "Trang tin của Phòng Truyền thông.\n\n## Mục mới gõ\n\nThêm **chữ**.\n",
    );
    let quick = json(&post(&server, "xem-truoc", &typed));
    assert_eq!(quick["quick"], true, "only the body changed: {quick}");
    assert!(quick["html"].as_str().unwrap().contains("Mục mới gõ"));
    // A new first paragraph is a new summary, which other parts of the page show: a full run.
    let mut lead = fields.clone();
    set(&mut lead, "body", "Đoạn đầu khác.\n");
    let j = json(&post(&server, "xem-truoc", &lead));
    assert_eq!(j["quick"], false);
    assert!(
        j["html"]
            .as_str()
            .unwrap()
            .contains("<p class=\"lead\">Đoạn đầu khác.</p>")
    );
    // The same text after another front matter: a full run, the same page.
    let mut other = fields.clone();
    set(&mut other, "author", "Người khác");
    assert_eq!(json(&post(&server, "xem-truoc", &other))["quick"], false);
    let full = json(&post(&server, "xem-truoc", &typed));
    assert_eq!(full["quick"], false);
    assert_eq!(
        full["html"], quick["html"],
        "the quick preview is the full run's page"
    );
}

#[test]
fn the_editor_speaks_english_on_an_english_site() {
    let site = SiteTest::new("minimal");
    let config = site
        .read("config.yaml")
        .replace("language: vi", "language: en");
    site.write("config.yaml", &config);
    let server = Server::start(site, &[]);
    let page = server.get(BASE).text();
    assert!(
        page.contains("<html lang=\"en\">") && page.contains(">Articles</h1>"),
        "{page}"
    );
    let form = server
        .get(&format!("{BASE}sua?tep=tin-tuc%2Fchao-mung.md"))
        .text();
    assert!(
        form.contains(">Title</label>") && form.contains(">Save</button>"),
        "{form}"
    );
    let vi = Server::start(SiteTest::new("minimal"), &[]);
    assert!(vi.get(BASE).text().contains(">Danh sách bài</h1>"));
}
