//! What a news portal publishes: taxonomies in Vietnamese order with merged
//! spellings, term pages and feeds, view counts from analytics, and widgets.

use crate::util::{SiteTest, main_part, pos};
use unicode_normalization::UnicodeNormalization;

/// An article with front matter lines `extra` (YAML) added.
fn post(title: &str, date: &str, extra: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: {date}\n{extra}\n---\nNội dung của bài {title}.\n")
}

/// The text between `start` and the next `end` after it.
#[track_caller]
fn between<'a>(hay: &'a str, start: &str, end: &str) -> &'a str {
    let s = pos(hay, start);
    let rest = &hay[s..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// Term names of a term-list page, in order.
fn term_names(html: &str) -> Vec<String> {
    let list = between(html, "<ul class=\"terms", "</ul>");
    list.split("<li><a href=\"")
        .skip(1)
        .map(|li| {
            let name = &li[li.find("\">").unwrap() + 2..];
            name[..name.find(" <span").unwrap()].to_string()
        })
        .collect()
}

#[test]
fn term_lists_in_vietnamese_dictionary_order() {
    let tags = [
        "bạ",
        "bá",
        "ba",
        "bã",
        "bả",
        "bà",
        "Đầu tư",
        "dân số",
        "Ăn uống",
        "an ninh",
        "Ấn phẩm",
        "xây dựng",
    ];
    let yaml = format!(
        "category: \"Chỉ đạo điều hành\"\ntags: [{}]",
        tags.iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let run = SiteTest::new("minimal")
        .file("content/tin-tuc/a.md", &post("A", "2023-02-01", &yaml))
        .build(&[]);
    run.assert_success();
    assert_eq!(
        term_names(&run.file("tu-khoa/index.html")),
        [
            "an ninh",
            "Ăn uống",
            "Ấn phẩm",
            "ba",
            "bà",
            "bả",
            "bã",
            "bá",
            "bạ",
            "dân số",
            "Đầu tư",
            "giới thiệu",
            "xây dựng"
        ]
    );
    assert_eq!(
        term_names(&run.file("chuyen-muc/index.html")),
        ["Chỉ đạo điều hành", "Lịch công tác"]
    );
    run.assert_file_contains(
        "chuyen-muc/chi-dao-dieu-hanh/index.html",
        "<h1 class=\"listing-header__title\">Chỉ đạo điều hành</h1>",
    );
}

#[test]
fn spellings_differing_in_case_form_or_tone_placement_are_one_term() {
    let nfd_old: String = "HOÀ BÌNH".nfd().collect();
    let run = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/a.md",
            &post(
                "A",
                "2023-02-01",
                "tags: [\"hòa bình\", \"Thuỷ lợi\"]\ncategory: \"Khoa học\"",
            ),
        )
        .file(
            "content/tin-tuc/b.md",
            &post(
                "B",
                "2023-02-02",
                "tags: [\"Hoà bình\", \"thủy lợi\"]\ncategory: \"khoa học\"",
            ),
        )
        .file(
            "content/tin-tuc/c.md",
            &post(
                "C",
                "2023-02-03",
                &format!("tags: [\"{nfd_old}\", \"hòa bình\"]"),
            ),
        )
        .file(
            "content/tin-tuc/d.md",
            &post("D", "2023-02-04", "tags: [\"hòa bình\"]"),
        )
        .build(&[]);
    run.assert_success();
    let list = run.file("tu-khoa/index.html");
    // One page per term, the most used spelling shown, each article counted once.
    assert_eq!(list.matches("/tu-khoa/hoa-binh/").count(), 1, "{list}");
    assert_eq!(list.matches("/tu-khoa/thuy-loi/").count(), 1, "{list}");
    assert!(
        list.contains("hòa bình <span class=\"count\">(4)</span>"),
        "{list}"
    );
    assert!(list.contains("<span class=\"count\">(2)</span>"), "{list}");
    let term = run.file("tu-khoa/hoa-binh/index.html");
    for t in ["A", "B", "C", "D"] {
        assert!(term.contains(&format!(">{t}</a>")), "{t} missing\n{term}");
    }
    // Same spelling count: the first seen (newest article first) wins.
    run.assert_file_contains("chuyen-muc/index.html", "khoa học <span");
}

#[test]
fn different_words_with_one_slug_keep_apart_with_a_warning() {
    let run = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/a.md",
            &post("A", "2023-02-02", "tags: [\"Hoa chất\"]"),
        )
        .file(
            "content/tin-tuc/b.md",
            &post("B", "2023-02-01", "tags: [\"an toàn\", \"Hóa chất\"]"),
        )
        .build(&[]);
    // Dictionary order decides who keeps the plain slug: Hoa < Hóa.
    run.assert_success()
        .stderr_contains(
            "content/tin-tuc/b.md:4:20: warning: `Hóa chất` and `Hoa chất` are different words",
        )
        .stderr_contains("/tu-khoa/hoa-chat-2/");
    let plain = run.file("tu-khoa/hoa-chat/index.html");
    let plain = main_part(&plain);
    assert!(
        plain.contains(">A</a>") && !plain.contains(">B</a>"),
        "{plain}"
    );
    let second = run.file("tu-khoa/hoa-chat-2/index.html");
    assert!(main_part(&second).contains(">B</a>"));
    assert_eq!(
        term_names(&run.file("tu-khoa/index.html")),
        ["an toàn", "giới thiệu", "Hoa chất", "Hóa chất"]
    );
}

#[test]
fn term_pages_are_paginated() {
    let site = SiteTest::new("minimal").file(
        "config.yaml",
        "title: \"T\"\nbase_url: \"https://example.gov.vn/\"\npaginate: 2\n",
    );
    for i in 1..=5 {
        site.write(
            &format!("content/tin-tuc/bai-{i}.md"),
            post(
                &format!("Bài {i}"),
                &format!("2023-03-0{i}"),
                "category: \"Chỉ đạo điều hành\"",
            ),
        );
    }
    let run = site.build(&[]);
    run.assert_success()
        .assert_file_contains("chuyen-muc/chi-dao-dieu-hanh/index.html", "Bài 5")
        .assert_file_contains(
            "chuyen-muc/chi-dao-dieu-hanh/index.html",
            "href=\"/chuyen-muc/chi-dao-dieu-hanh/trang/2/\"",
        )
        .assert_file_contains("chuyen-muc/chi-dao-dieu-hanh/trang/2/index.html", "Bài 3")
        .assert_file_contains("chuyen-muc/chi-dao-dieu-hanh/trang/3/index.html", "Bài 1")
        .assert_no_file("chuyen-muc/chi-dao-dieu-hanh/trang/4/index.html")
        .assert_file_contains(
            "chuyen-muc/index.html",
            "Chỉ đạo điều hành <span class=\"count\">(5)</span>",
        );
    // The last page lists only the oldest article (the sidebar lists the newest).
    let last = run.file("chuyen-muc/chi-dao-dieu-hanh/trang/3/index.html");
    let main = main_part(&last);
    assert!(main.contains("Bài 1") && !main.contains("Bài 5"), "{main}");
    assert!(main.contains("Trang 3/3"), "{main}");
}

/// Parse `xml` with a real XML parser, panicking with the text when it is not well-formed.
#[track_caller]
fn parse(xml: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not XML: {e}\n{xml}"))
}

fn child<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    n.children().find(|c| c.tag_name().name() == name)
}

#[track_caller]
fn text<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> &'a str {
    child(n, name)
        .and_then(|c| c.text())
        .unwrap_or_else(|| panic!("no <{name}> in <{}>", n.tag_name().name()))
}

/// Checks the RSS 2.0 essentials and returns the item titles.
#[track_caller]
fn check_rss(xml: &str, self_url: &str) -> Vec<String> {
    let doc = parse(xml);
    let rss = doc.root_element();
    assert_eq!(rss.tag_name().name(), "rss");
    assert_eq!(rss.attribute("version"), Some("2.0"));
    let channel = child(rss, "channel").expect("channel");
    assert!(!text(channel, "title").is_empty());
    assert!(text(channel, "link").starts_with("https://"));
    assert!(!text(channel, "description").is_empty());
    let atom_self = channel
        .children()
        .find(|c| c.tag_name().name() == "link" && c.attribute("rel") == Some("self"))
        .expect("atom:link rel=self");
    assert_eq!(atom_self.attribute("href"), Some(self_url));
    let mut titles = Vec::new();
    for item in channel.children().filter(|c| c.has_tag_name("item")) {
        let link = text(item, "link");
        assert!(link.starts_with("https://example.gov.vn/"), "{link}");
        let date = text(item, "pubDate");
        assert!(date.ends_with(" +0700"), "{date}");
        chrono::DateTime::parse_from_rfc2822(date).unwrap_or_else(|e| panic!("{date}: {e}"));
        assert!(!text(item, "description").is_empty());
        titles.push(text(item, "title").to_string());
    }
    titles
}

#[test]
fn rss_per_category_section_and_site_and_atom_parse() {
    let run = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/a.md",
            &post(
                "Hội nghị <A> & 'B'",
                "2023-02-01 08:46:50",
                "category: \"Chỉ đạo điều hành\"\nsummary: \"Tóm tắt & <chú ý>\"",
            ),
        )
        .file(
            "content/thong-bao/b.md",
            &post(
                "Thông báo B",
                "2023-02-02T14:00:00+00:00",
                "category: \"Chỉ đạo điều hành\"",
            ),
        )
        .build(&[]);
    run.assert_success();
    let cat = check_rss(
        &run.file("chuyen-muc/chi-dao-dieu-hanh/rss.xml"),
        "https://example.gov.vn/chuyen-muc/chi-dao-dieu-hanh/rss.xml",
    );
    assert_eq!(cat, ["Thông báo B", "Hội nghị <A> & 'B'"]);
    let doc = run.file("chuyen-muc/chi-dao-dieu-hanh/rss.xml");
    let doc = parse(&doc);
    let first = doc.descendants().find(|n| n.has_tag_name("item")).unwrap();
    // A date written in UTC is shown in the site's time zone.
    assert_eq!(text(first, "pubDate"), "Thu, 2 Feb 2023 21:00:00 +0700");
    let second = doc
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .nth(1)
        .unwrap();
    // An RSS description is HTML to feed readers: the plain-text summary
    // is escaped as HTML inside it (docs/check.md).
    assert_eq!(text(second, "description"), "Tóm tắt &amp; &lt;chú ý>");
    assert_eq!(
        check_rss(&run.file("rss.xml"), "https://example.gov.vn/rss.xml").len(),
        4
    );
    assert_eq!(
        check_rss(
            &run.file("tin-tuc/rss.xml"),
            "https://example.gov.vn/tin-tuc/rss.xml"
        )
        .len(),
        2
    );
    // Tags have pages but no feeds.
    run.assert_no_file("tu-khoa/gioi-thieu/rss.xml");

    let atom = run.file("atom.xml");
    let doc = parse(&atom);
    let feed = doc.root_element();
    assert!(
        feed.has_tag_name(("http://www.w3.org/2005/Atom", "feed")),
        "{atom}"
    );
    assert_eq!(text(feed, "id"), "https://example.gov.vn/");
    assert!(!text(feed, "title").is_empty());
    chrono::DateTime::parse_from_rfc3339(text(feed, "updated")).unwrap();
    assert_eq!(
        text(child(feed, "author").unwrap(), "name"),
        "Phòng Truyền thông"
    );
    let link = |rel: &str| {
        feed.children()
            .find(|c| c.has_tag_name("link") && c.attribute("rel") == Some(rel))
            .and_then(|c| c.attribute("href"))
    };
    assert_eq!(link("self"), Some("https://example.gov.vn/atom.xml"));
    assert_eq!(link("alternate"), Some("https://example.gov.vn/"));
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 4);
    for e in &entries {
        assert!(text(*e, "id").starts_with("https://example.gov.vn/"));
        assert!(!text(*e, "title").is_empty());
        chrono::DateTime::parse_from_rfc3339(text(*e, "updated")).unwrap();
    }
    assert_eq!(text(entries[0], "title"), "Thông báo B");

    // Heads point at the feeds.
    run.assert_file_contains("index.html", "type=\"application/atom+xml\"")
        .assert_file_contains("index.html", "href=\"/atom.xml\"")
        .assert_file_contains(
            "chuyen-muc/chi-dao-dieu-hanh/index.html",
            "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Chuyên mục: Chỉ đạo điều hành\" href=\"/chuyen-muc/chi-dao-dieu-hanh/rss.xml\">",
        )
        .assert_file_contains("tin-tuc/a/index.html", "href=\"/chuyen-muc/chi-dao-dieu-hanh/rss.xml\"")
        .assert_file_contains("tin-tuc/a/index.html", "href=\"/tin-tuc/rss.xml\"");
}

#[test]
fn feeds_under_a_base_url_with_a_path() {
    let run =
        SiteTest::new("minimal").build(&["--base-url", "https://example.gov.vn/tin-tuc-ttt/"]);
    run.assert_success();
    let doc = run.file("chuyen-muc/lich-cong-tac/rss.xml");
    let doc = parse(&doc);
    let item = doc.descendants().find(|n| n.has_tag_name("item")).unwrap();
    assert_eq!(
        text(item, "link"),
        "https://example.gov.vn/tin-tuc-ttt/thong-bao/lich-lam-viec/"
    );
    let atom = run.file("atom.xml");
    assert!(
        atom.contains("href=\"https://example.gov.vn/tin-tuc-ttt/atom.xml\""),
        "{atom}"
    );
    run.assert_file_contains("index.html", "href=\"/tin-tuc-ttt/atom.xml\"");
}

/// The dateline of an article page (where its count is shown).
fn dateline(html: &str) -> &str {
    between(html, "<p class=\"dateline\">", "</p>")
}

#[test]
fn views_csv_overrides_front_matter_with_base_path_and_file_paths() {
    let csv = "\u{feff}path,views\r\n/tin-tuc-ttt/tin-tuc/a/,1234\r\n/tin-tuc-ttt/tin-tuc/b,\"2.500\"\r\n\"tin-tuc/c.md\",99\r\n/tin-tuc-ttt/tin-tuc/e/index.html,3\r\n/tin-tuc-ttt/tin-tuc/e/?utm_source=zalo,4\r\n";
    let run = SiteTest::new("minimal")
        .file(
            "config.yaml",
            "title: \"T\"\nbase_url: \"https://example.gov.vn/tin-tuc-ttt/\"\n",
        )
        .file("content/tin-tuc/a.md", &post("A", "2023-02-01", "views: 5"))
        .file("content/tin-tuc/b.md", &post("B", "2023-02-02", ""))
        .file("content/tin-tuc/c.md", &post("C", "2023-02-03", "views: 7"))
        .file("content/tin-tuc/d.md", &post("D", "2023-02-04", ""))
        .file("content/tin-tuc/e.md", &post("E", "2023-02-05", "views: 0"))
        .file("data/views.csv", csv)
        .build(&[]);
    run.assert_success();
    assert!(dateline(&run.file("tin-tuc/a/index.html")).contains("1.234 lượt xem"));
    assert!(dateline(&run.file("tin-tuc/b/index.html")).contains("2.500 lượt xem"));
    let c = run.file("tin-tuc/c/index.html");
    assert!(dateline(&c).contains("99 lượt xem"), "{}", dateline(&c));
    // Rows naming one article add up.
    assert!(dateline(&run.file("tin-tuc/e/index.html")).contains(" 7 lượt xem"));
    // No count anywhere: nothing shown, never "0 lượt xem".
    let d = run.file("tin-tuc/d/index.html");
    assert!(!dateline(&d).contains("lượt xem"), "{}", dateline(&d));
    for (path, text) in run.texts(&[".html"]) {
        assert!(!text.contains(">0 lượt xem"), "{path}");
    }
    // Listings show the counts too; the card of D has none.
    let listing = run.file("tin-tuc/index.html");
    let card_d = between(&listing, ">D</a>", "</article>");
    assert!(!card_d.contains("lượt xem"), "{card_d}");
    let card_a = between(&listing, ">A</a>", "</article>");
    assert!(card_a.contains("1.234 lượt xem"), "{card_a}");
    // Most read follows the file: B (2.500), A (1.234), C (99), E (7).
    let sidebar = run.file("tin-tuc/d/index.html");
    let most = between(&sidebar, "id=\"w-most-read\"", "</ol>");
    let order: Vec<usize> = [">B</a>", ">A</a>", ">C</a>", ">E</a>"]
        .iter()
        .map(|t| pos(most, t))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{most}");
    assert!(!most.contains(">D</a>"), "{most}");
}

#[test]
fn views_json_overrides_front_matter() {
    SiteTest::new("minimal")
        .file("content/tin-tuc/a.md", &post("A", "2023-02-01", "views: 5"))
        .file(
            "data/views.json",
            "{\n  \"/tin-tuc/a/\": 4321,\n  \"thong-bao/lich-lam-viec.md\": 12\n}\n",
        )
        .build(&[])
        .assert_success()
        .assert_file_contains("tin-tuc/a/index.html", "4.321 lượt xem")
        .assert_file_contains("thong-bao/lich-lam-viec/index.html", "12 lượt xem");
}

#[test]
fn malformed_views_rows_are_errors_with_line_and_column() {
    let run = SiteTest::new("minimal")
        .file(
            "data/views.csv",
            "path,views\n/tin-tuc/chao-mung/,12\n/thong-bao/lich-lam-viec/,mười hai\n/tin-tuc/chao-mung/\n",
        )
        .build(&[]);
    run.assert_failure()
        .stderr_contains("data/views.csv:3:27: error: expected a view count")
        .stderr_contains("`mười hai`")
        .stderr_contains("data/views.csv:4:1: error: expected 2 fields");
    assert!(
        !run.out_path("index.html").exists(),
        "a failed build writes nothing"
    );
}

#[test]
fn views_for_unknown_paths_are_warnings() {
    let run = SiteTest::new("minimal")
        .file(
            "config.yaml",
            "title: \"T\"\nbase_url: \"https://example.gov.vn/tin-tuc-ttt/\"\n",
        )
        .file(
            "data/views.csv",
            "path,views\n/tin-tuc-ttt/tin-tuc/da-xoa/,50\n/tin-tuc/chao-mung/,9\n/tin-tuc-ttt/tin-tuc/chao-mung/,8\n",
        )
        .build(&[]);
    run.assert_success()
        .stderr_contains("data/views.csv:2:1: warning: no published article has the path `/tin-tuc-ttt/tin-tuc/da-xoa/`")
        .stderr_contains("data/views.csv:3:1: warning")
        .stderr_contains("did you mean `/tin-tuc-ttt/tin-tuc/chao-mung/`?")
        .assert_file_contains("tin-tuc/chao-mung/index.html", "8 lượt xem");
}

#[test]
fn widgets_on_every_page_and_related_on_articles() {
    let run = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/a.md",
            &post(
                "Bài A",
                "2023-02-01",
                "views: 10\ncategory: \"Kinh tế\"\ntags: [\"du lịch\", \"cà phê\"]",
            ),
        )
        .file(
            "content/tin-tuc/b.md",
            &post(
                "Bài B",
                "2023-02-02",
                "views: 300\ntags: [\"du lịch\", \"cà phê\"]",
            ),
        )
        .file(
            "content/tin-tuc/c.md",
            &post("Bài C", "2023-02-03", "category: \"Kinh tế\""),
        )
        .file(
            "content/tin-tuc/d.md",
            &post("Bài D", "2023-02-04", "views: 20\ntags: [\"du lịch\"]"),
        )
        .file(
            "content/tin-tuc/e.md",
            &post("Bài E", "2023-02-05", "tags: [\"khác\"]"),
        )
        .build(&[]);
    run.assert_success();
    for page in [
        "index.html",
        "tin-tuc/index.html",
        "tin-tuc/a/index.html",
        "chuyen-muc/index.html",
        "tu-khoa/du-lich/index.html",
        "404.html",
    ] {
        let html = run.file(page);
        let latest = between(&html, "id=\"w-latest\"", "</ul>");
        assert!(
            pos(latest, "Bài E") < pos(latest, "Bài D"),
            "{page}: {latest}"
        );
        let most = between(&html, "id=\"w-most-read\"", "</ol>");
        assert!(pos(most, "Bài B") < pos(most, "Bài D"), "{page}: {most}");
        assert!(most.contains("300 lượt xem"), "{page}");
        assert!(
            !most.contains("Bài C"),
            "{page}: an article without a count is not ranked"
        );
    }
    // A: B shares two tags (4), D one tag (2), C the category (1); E nothing.
    let a = run.file("tin-tuc/a/index.html");
    let related = between(&a, "id=\"w-related\"", "</ul>");
    assert!(pos(related, "Bài B") < pos(related, "Bài D"), "{related}");
    assert!(pos(related, "Bài D") < pos(related, "Bài C"), "{related}");
    assert!(
        !related.contains("Bài E") && !related.contains("Bài A"),
        "{related}"
    );
    // Nothing related: no empty block.
    run.assert_file_lacks("tin-tuc/e/index.html", "id=\"w-related\"");
    run.assert_file_lacks("tin-tuc/index.html", "id=\"w-related\"");
}

#[test]
fn a_theme_can_drop_or_move_a_widget() {
    SiteTest::new("minimal")
        .file(
            "config.yaml",
            "title: \"T\"\nbase_url: \"https://example.gov.vn/\"\ntheme: gon\n",
        )
        .file("themes/gon/templates/partials/widget-most-read.html", "")
        .file(
            "content/tin-tuc/a.md",
            &post("Bài A", "2023-02-01", "views: 10"),
        )
        .build(&[])
        .assert_success()
        .assert_file_lacks("tin-tuc/a/index.html", "w-most-read")
        .assert_file_contains("tin-tuc/a/index.html", "id=\"w-latest\"");
}

#[test]
fn sample_site_shows_counts_from_its_views_file() {
    let out = tempfile::tempdir().unwrap();
    let run = crate::util::SiteTest::empty();
    crate::util::copy_dir(
        &crate::util::repo_root().join("content"),
        &run.path("content"),
    );
    crate::util::copy_dir(&crate::util::repo_root().join("data"), &run.path("data"));
    std::fs::copy(
        crate::util::repo_root().join("config.yaml"),
        run.path("config.yaml"),
    )
    .unwrap();
    let built = run.build_into(out.path(), &[]);
    built.assert_success();
    assert!(!built.stderr().contains("warning"), "{}", built.stderr());
    // 5128 in data/views.csv plus the 37 of the row naming its content file.
    built.assert_file_contains(
        "thong-bao/thong-bao-tuyen-dung-vien-chuc-2024/index.html",
        "5.165 lượt xem",
    );
    built.assert_file_contains("atom.xml", "<feed xmlns=\"http://www.w3.org/2005/Atom\"");
}
