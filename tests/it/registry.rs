//! The documents registry (`/van-ban/`): records from `dispatch:` blocks and
//! `content/van-ban/`, the table and its filter pages, record pages,
//! citations turned into links, conflicts, missing files, malformed numbers.

use crate::util::*;

const ARTICLE: &str = "tin-tuc/bai-1141/index.html";

fn built() -> Run {
    let r = SiteTest::new("registry").build(&[]);
    r.assert_success();
    r
}

/// The record numbers in the table of a listing page, in order.
fn table_numbers(html: &str) -> Vec<String> {
    let table = &html[pos(html, "<tbody>")..pos(html, "</tbody>")];
    table
        .split("<th scope=\"row\">")
        .skip(1)
        .map(|cell| {
            let a = &cell[pos(cell, "\">") + 2..pos(cell, "</a>")];
            a.replace("&amp;", "&")
        })
        .collect()
}

#[test]
fn listing_is_an_accessible_table_newest_first_and_paginated() {
    let r = built();
    let html = r.file("van-ban/index.html");
    let main = main_part(&html);
    assert!(
        main.contains("<caption id=\"registry-caption\">Danh sách văn bản"),
        "{main}"
    );
    for col in [
        "Số ký hiệu",
        "Ngày ban hành",
        "Trích yếu",
        "Cơ quan ban hành",
        "Loại",
        "Tình trạng",
    ] {
        assert!(
            main.contains(&format!("<th scope=\"col\">{col}</th>")),
            "{col}"
        );
    }
    // paginate: 2 in content/van-ban/_index.md → 6 records on 3 pages, newest first.
    let mut all = table_numbers(&html);
    assert_eq!(all, ["2231/SNV-CCHC&PC", "12/2023/QĐ-UBND"]);
    all.extend(table_numbers(&r.file("van-ban/trang/2/index.html")));
    all.extend(table_numbers(&r.file("van-ban/trang/3/index.html")));
    assert_eq!(
        all,
        [
            "2231/SNV-CCHC&PC",
            "12/2023/QĐ-UBND",
            "1141/UBND-KSTTHC",
            "385/BNV-CCHC",
            "39-CT/TW",
            "30c/NQ-CP"
        ]
    );
    r.assert_no_file("van-ban/trang/4/index.html");
    r.assert_file_contains(
        "van-ban/trang/2/index.html",
        "<link rel=\"prev\" href=\"/van-ban/\">",
    );
    // Row cells: date, kind derived from the number, status as the portal writes it.
    r.assert_file_contains(
        "van-ban/index.html",
        "<time datetime=\"2023-03-20\">20/03/2023</time>",
    )
    .assert_file_contains("van-ban/trang/3/index.html", "<td>Chỉ thị</td>")
    .assert_file_contains(
        "van-ban/trang/3/index.html",
        "status--het-hieu-luc\">Hết hiệu lực<",
    );
    // In the main navigation, and the script that filters without reloading.
    r.assert_file_contains("index.html", "<a href=\"/van-ban/\">Văn bản</a>")
        .assert_file_contains(
            "van-ban/index.html",
            &format!(
                "<script src=\"/{}\" defer>",
                crate::assets::hashed(&r, "js/van-ban.js")
            ),
        );
    crate::assets::hashed(&r, "css/registry.css");
}

#[test]
fn filter_pages_by_kind_issuer_year_and_field() {
    let r = built();
    let kinds = r.file("van-ban/loai/cong-van/index.html");
    assert_eq!(
        table_numbers(&kinds),
        ["2231/SNV-CCHC&PC", "1141/UBND-KSTTHC"]
    );
    assert_eq!(
        table_numbers(&r.file("van-ban/loai/cong-van/trang/2/index.html")),
        ["385/BNV-CCHC"]
    );
    assert!(
        kinds.contains("<a href=\"/van-ban/loai/cong-van/\" aria-current=\"page\">Công văn</a>")
    );
    assert_eq!(
        table_numbers(&r.file("van-ban/co-quan/bo-noi-vu/index.html")),
        ["385/BNV-CCHC"]
    );
    assert_eq!(
        table_numbers(&r.file("van-ban/nam/2019/index.html")),
        ["39-CT/TW"]
    );
    assert_eq!(
        table_numbers(&r.file("van-ban/linh-vuc/cai-cach-hanh-chinh/index.html")),
        ["12/2023/QĐ-UBND", "385/BNV-CCHC"]
    );
    assert_eq!(
        table_numbers(&r.file("van-ban/linh-vuc/cai-cach-hanh-chinh/trang/2/index.html")),
        ["30c/NQ-CP"]
    );
    r.assert_no_file("van-ban/nam/2019/trang/2/index.html");
    // Kinds from the number when not given: QĐ → Quyết định, NQ → Nghị quyết.
    r.assert_file("van-ban/loai/quyet-dinh/index.html")
        .assert_file("van-ban/loai/nghi-quyet/index.html")
        .assert_file("van-ban/loai/chi-thi/index.html");
    // The no-JS filter nav is on every listing page; the JS form starts hidden.
    r.assert_file_contains(
        "van-ban/nam/2023/index.html",
        "<a href=\"/van-ban/co-quan/so-noi-vu/\">Sở Nội vụ</a>",
    )
    .assert_file_contains(
        "van-ban/index.html",
        "<form class=\"registry-search\" id=\"registry-search\" hidden",
    );
}

#[test]
fn record_page_has_every_field_downloads_and_citing_articles() {
    let r = built();
    let html = r.file("van-ban/385-bnv-cchc/index.html");
    let main = main_part(&html);
    for needle in [
        "<h1 class=\"record__title\">Công văn số 385/BNV-CCHC</h1>",
        "<dd>385/BNV-CCHC</dd>",
        "<a href=\"/van-ban/co-quan/bo-noi-vu/\">Bộ Nội vụ</a>",
        "<dd>Thứ trưởng</dd>",
        "<time datetime=\"2023-02-06\">06/02/2023</time>",
        "<a href=\"/van-ban/linh-vuc/cai-cach-hanh-chinh/\">Cải cách hành chính</a>",
        // `còn hiệu lực` is shown as the known status is written.
        ">Còn hiệu lực</span>",
        "href=\"/van-ban/cv-385.pdf\" download",
        "(PDF, 37 B)",
        // The body of the record file, with its own citation linked.
        "<a href=\"/van-ban/1141-ubnd-kstthc/\">Công văn số 1141/UBND-KSTTHC</a>",
        // Cited in the body of the 1141 announcement.
        "<a href=\"/tin-tuc/bai-1141/\">Tham gia điều tra xã hội học</a>",
    ] {
        assert!(main.contains(needle), "{needle}\n{main}");
    }
    r.assert_file("van-ban/cv-385.pdf");
    // Several files, with spaces in a name.
    r.assert_file_contains(
        "van-ban/12-2023-qd-ubnd/index.html",
        "href=\"/van-ban/phu-luc%20qd-12.docx\"",
    )
    .assert_file_contains("van-ban/12-2023-qd-ubnd/index.html", "(DOCX, 14 B)")
    .assert_file_contains(
        "van-ban/12-2023-qd-ubnd/index.html",
        "<time datetime=\"2023-04-01\">01/04/2023</time>",
    );
    // A record from an article's dispatch block lists that article.
    r.assert_file_contains(
        "van-ban/1141-ubnd-kstthc/index.html",
        "<a href=\"/tin-tuc/bai-1141/\">",
    )
    .assert_file_contains(
        "van-ban/1141-ubnd-kstthc/index.html",
        "href=\"/tin-tuc/bai-1141/cv-1141.pdf\" download",
    );
    // The article's dispatch block links to the record page.
    r.assert_file_contains(
        ARTICLE,
        "<a href=\"/van-ban/1141-ubnd-kstthc/\">Xem trang văn bản",
    );
}

#[test]
fn same_number_with_complementary_fields_is_one_record_cited_by_both() {
    let r = built();
    // content/tin-tuc/qd-12.md carries 12/2023/QĐ-UBND with the same issuer only.
    let html = r.file("van-ban/12-2023-qd-ubnd/index.html");
    assert!(html.contains("<a href=\"/tin-tuc/qd-12/\">"), "{html}");
    assert!(
        html.contains("<a href=\"/tin-tuc/bai-1141/\">"),
        "cited in the body of bai-1141"
    );
    assert!(
        html.contains("Ban hành Quy chế tổ chức"),
        "fields from the record file"
    );
    // The article shows the merged record's download.
    r.assert_file_contains(
        "tin-tuc/qd-12/index.html",
        "<a href=\"/van-ban/12-2023-qd-ubnd/\">Quyết định số 12/2023/QĐ-UBND</a>",
    );
}

#[test]
fn citations_become_links_but_not_in_code_links_or_headings() {
    let r = built();
    let html = r.file(ARTICLE);
    let content =
        &html[pos(&html, "<div class=\"content\">")..pos(&html, "<section class=\"dispatch\"")];
    for link in [
        "<a href=\"/van-ban/1141-ubnd-kstthc/\">Công văn số 1141/UBND-KSTTHC</a>",
        "<a href=\"/van-ban/385-bnv-cchc/\">Công văn số 385/BNV-CCHC</a> ngày 06/02/2023 của Bộ Nội vụ",
        "<a href=\"/van-ban/12-2023-qd-ubnd/\">Quyết định 12/2023/QĐ-UBND</a>",
        "<a href=\"/van-ban/39-ct-tw/\">Chỉ thị 39-CT/TW</a>",
    ] {
        assert!(content.contains(link), "{link}\n{content}");
    }
    assert!(
        content.contains(
            "<h2 id=\"thuc-hien-cong-van-385-bnv-cchc\">Thực hiện Công văn 385/BNV-CCHC</h2>"
        ),
        "{content}"
    );
    assert!(content.contains("<code>385/BNV-CCHC</code>"), "{content}");
    assert!(
        content.contains("<a href=\"https://vanban.chinhphu.vn/\">Công văn 385/BNV-CCHC</a>"),
        "{content}"
    );
    assert!(content.contains("<code>385/BNV-CCHC\n</code>"), "{content}");
    // Several in one paragraph, `&` in a number, a Party resolution with a letter.
    r.assert_file_contains(
        "tin-tuc/qd-12/index.html",
        "<a href=\"/van-ban/30c-nq-cp/\">Nghị quyết 30c/NQ-CP</a> và <a href=\"/van-ban/2231-snv-cchc-pc/\">Công văn 2231/SNV-CCHC&amp;PC</a>",
    );
    // Dates, times and numbers the registry does not hold stay text.
    let other = r.file("tin-tuc/khong-lien-quan/index.html");
    assert!(
        !other.contains("/van-ban/0") && !other.contains("999/ABC-XYZ</a>"),
        "{other}"
    );
}

#[test]
fn vague_link_to_a_record_gets_the_document_number_in_its_name() {
    let r = built();
    r.assert_file_contains(
        ARTICLE,
        "<a href=\"/tin-tuc/bai-1141/cv-1141.pdf\">xem tại đây<span class=\"visually-hidden\"> (Công văn số 1141/UBND-KSTTHC, PDF 29 B)</span></a>",
    )
    .assert_file_contains(
        ARTICLE,
        "<a href=\"/van-ban/385-bnv-cchc/\">tại đây<span class=\"visually-hidden\"> (Công văn số 385/BNV-CCHC)</span></a>",
    )
    // A vague link elsewhere is not ours to name.
    .assert_file_contains(ARTICLE, "<a href=\"https://chinhphu.vn/\">đây</a>");
}

#[test]
fn same_number_with_different_fields_names_both_files_and_lines() {
    let r = SiteTest::new("registry")
        .file(
            "content/tin-tuc/sai.md",
            "---\ntitle: \"Sai\"\ndate: 2023-03-01\ndispatch:\n  number: \"385/BNV-CCHC\"\n  issuer: \"Bộ Tư pháp\"\n---\nx\n",
        )
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/tin-tuc/sai.md:6:3: error: document 385/BNV-CCHC is described differently in two files: `issuer` is \"Bộ Tư pháp\" here but \"Bộ Nội vụ\" in content/van-ban/385-BNV-CCHC.md:6")
        .stderr_contains("hint: one number is one document");
    r.assert_no_file("index.html");
}

#[test]
fn malformed_spelling_of_a_known_number_is_the_same_record() {
    // `385/BNV–CCHC` (en dash) is 385/BNV-CCHC: fields must agree, and it warns.
    let r = SiteTest::new("registry")
        .file(
            "content/tin-tuc/gach.md",
            "---\ntitle: \"Gạch\"\ndate: 2023-03-01\ndispatch:\n  number: \"385/BNV–CCHC\"\n  kind: \"Quyết định\"\n---\nx\n",
        )
        .build(&[]);
    r.assert_failure()
        .stderr_contains(
            "content/tin-tuc/gach.md:6:3: error: document 385/BNV–CCHC is described differently",
        )
        .stderr_contains("content/tin-tuc/gach.md:5:3: warning: document number `385/BNV–CCHC`");
}

#[test]
fn missing_attachment_is_an_error_with_file_and_line() {
    let r = SiteTest::new("registry")
        .file(
            "content/van-ban/thieu.md",
            "---\ndispatch:\n  number: \"7/UBND-VP\"\n  files:\n    - \"../van-ban/cv-385.pdf\"\n    - \"khong-co.pdf\"\n---\n",
        )
        .build(&[]);
    r.assert_failure().stderr_contains(
        "content/van-ban/thieu.md:6:8: error: attachment not found: content/van-ban/khong-co.pdf",
    );
}

#[test]
fn malformed_numbers_warn_with_the_likely_number() {
    let cases = [
        ("a", "42/2022/NĐCP", "42/2022/NĐ-CP"),
        ("b", "42/2022/NÐ-CP", "42/2022/NĐ-CP"),
        ("c", "1141 / UBND-KSTTHC", "1141/UBND-KSTTHC"),
        ("d", "12/2023/qđ-ubnd", "12/2023/QĐ-UBND"),
        ("e", "05\\TTr-SNV", "05/TTr-SNV"),
    ];
    let mut t = SiteTest::new("minimal");
    for (name, number, _) in cases {
        let number = number.replace('\\', "\\\\");
        t = t.file(
            &format!("content/van-ban/{name}.md"),
            &format!("---\ndispatch:\n  number: \"{number}\"\n---\n"),
        );
    }
    let r = t.build(&[]);
    r.assert_success();
    for (name, written, meant) in cases {
        r.stderr_contains(&format!(
            "content/van-ban/{name}.md:3:3: warning: document number `{written}` is not written as Decree 30/2020 shapes it"
        ))
        .stderr_contains(&format!("did you mean `{meant}`?"));
    }
    r.stderr_contains("U+00D0");
    // Displayed as written, at the address of the intended number.
    r.assert_file_contains("van-ban/42-2022-nd-cp/index.html", "NĐCP")
        .assert_file_contains("van-ban/05-ttr-snv/index.html", "<dd>05\\TTr-SNV</dd>");
}

#[test]
fn two_spellings_of_one_number_are_one_record() {
    let r = SiteTest::new("minimal")
        .file(
            "content/van-ban/a.md",
            "---\ndispatch:\n  number: \"42/2022/NĐCP\"\n  issuer: \"Chính phủ\"\n---\n",
        )
        .file(
            "content/van-ban/b.md",
            "---\ndispatch:\n  number: \"42/2022/NĐ-CP\"\n---\n",
        )
        .build(&[]);
    r.assert_success();
    // The well-formed spelling is shown.
    r.assert_file_contains(
        "van-ban/42-2022-nd-cp/index.html",
        "Nghị định số 42/2022/NĐ-CP</h1>",
    )
    .assert_file_contains("van-ban/42-2022-nd-cp/index.html", "Chính phủ");
}

#[test]
fn malformed_citation_of_a_record_is_linked_and_warned() {
    let r = SiteTest::new("registry")
        .file(
            "content/tin-tuc/nham.md",
            "---\ntitle: \"Nhầm\"\ndate: 2023-03-01\n---\nĐoạn một.\n\nTheo Quyết định 12/2023/QÐ-UBND của tỉnh.\n",
        )
        .build(&[]);
    r.assert_success()
        .stderr_contains("content/tin-tuc/nham.md:7:17: warning: citation `12/2023/QÐ-UBND`")
        .stderr_contains("hint: write `12/2023/QĐ-UBND`");
    r.assert_file_contains(
        "tin-tuc/nham/index.html",
        "<a href=\"/van-ban/12-2023-qd-ubnd/\">Quyết định 12/2023/QÐ-UBND</a>",
    );
}

#[test]
fn record_files_are_not_news_articles() {
    let r = built();
    assert_eq!(r.articles_built(), 3, "{}", r.stdout());
    r.assert_file_lacks("rss.xml", "/van-ban/")
        .assert_file_lacks("tin-tuc/index.html", "Chương trình tổng thể")
        .assert_file_lacks("index.html", "Ban Chấp hành Trung ương")
        .assert_no_file("van-ban/385-BNV-CCHC/index.html");
    // They are in the sitemap, with the listing and the filters.
    for url in [
        "https://example.gov.vn/van-ban/",
        "https://example.gov.vn/van-ban/385-bnv-cchc/",
        "https://example.gov.vn/van-ban/loai/cong-van/",
        "https://example.gov.vn/van-ban/nam/2023/",
    ] {
        r.assert_file_contains("sitemap.xml", &format!("<loc>{url}</loc>"));
    }
    // Their own feed, newest first.
    let feed = r.file("van-ban/rss.xml");
    assert!(
        pos(&feed, "2231/SNV-CCHC&amp;PC") < pos(&feed, "30c/NQ-CP"),
        "{feed}"
    );
}

#[test]
fn index_json_holds_every_record() {
    let r = built();
    let json: serde_json::Value = serde_json::from_str(&r.file("van-ban/index.json")).unwrap();
    let records = json["records"].as_array().unwrap();
    assert_eq!(records.len(), 6);
    let r385 = records
        .iter()
        .find(|r| r["number"] == "385/BNV-CCHC")
        .unwrap();
    assert_eq!(r385["url"], "/van-ban/385-bnv-cchc/");
    assert_eq!(r385["issuer"], "Bộ Nội vụ");
    assert_eq!(r385["issued"], "2023-02-06");
    assert_eq!(r385["terms"]["kind"]["slug"], "cong-van");
    assert_eq!(r385["files"][0]["type"], "PDF");
    assert_eq!(r385["article_count"], 1);
}

#[test]
fn every_registry_url_respects_a_base_url_with_a_path() {
    let r = SiteTest::new("registry").build(&["--base-url", "https://example.gov.vn/tin-tuc-ttt/"]);
    r.assert_success();
    let mut n = 0;
    for (path, html) in r.texts(&[".html"]) {
        for v in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
        {
            if v.starts_with('/') {
                n += 1;
                assert!(v.starts_with("/tin-tuc-ttt/"), "{path}: {v}");
            }
        }
    }
    assert!(n > 200, "{n}");
    r.assert_file_contains(
        ARTICLE,
        "<a href=\"/tin-tuc-ttt/van-ban/385-bnv-cchc/\">Công văn số 385/BNV-CCHC</a>",
    )
    .assert_file_contains(
        "van-ban/index.html",
        "data-json=\"/tin-tuc-ttt/van-ban/index.json\"",
    )
    .assert_file_contains(
        "van-ban/index.json",
        "\"url\":\"/tin-tuc-ttt/van-ban/385-bnv-cchc/\"",
    )
    .assert_file_contains(
        "sitemap.xml",
        "<loc>https://example.gov.vn/tin-tuc-ttt/van-ban/385-bnv-cchc/</loc>",
    );
}

#[test]
fn unknown_key_in_a_record_file_explains_the_folder() {
    let r = SiteTest::new("registry")
        .file(
            "content/van-ban/x.md",
            "---\ntitle: \"X\"\ndispatch:\n  number: \"1/UBND\"\n---\n",
        )
        .build(&[]);
    r.assert_failure()
        .stderr_contains("content/van-ban/x.md:2:1: error: unknown key `title`")
        .stderr_contains("content/van-ban/ holds documents only");
}

#[test]
fn draft_record_is_left_out() {
    let r = SiteTest::new("registry")
        .file(
            "content/van-ban/nhap.md",
            "---\ndraft: true\ndispatch:\n  number: \"9/UBND-VP\"\n---\n",
        )
        .build(&[]);
    r.assert_success()
        .assert_no_file("van-ban/9-ubnd-vp/index.html");
}

#[test]
fn site_without_documents_has_no_registry() {
    let r = SiteTest::new("minimal").build(&[]);
    r.assert_success()
        .assert_no_file("van-ban/index.html")
        .assert_file_lacks("index.html", "/van-ban/");
}

#[test]
fn sample_site_registry_holds_the_seed_and_the_ministry_dispatch() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let o = bantin_in(
        out.path(),
        &repo_root(),
        &["build", "--output", dest.to_str().unwrap()],
    );
    let r = Run {
        out: o,
        public: dest,
        _site: None,
    };
    r.assert_success();
    let seed = "chi-dao-dieu-hanh/tham-gia-dieu-tra-xa-hoi-hoc-chi-so-cai-cach-hanh-chinh-nam-2022/index.html";
    r.assert_file_contains(
        seed,
        "<a href=\"/van-ban/385-bnv-cchc/\">Công văn số 385/BNV-CCHC</a>",
    )
    .assert_file_contains(
        seed,
        "<a href=\"/van-ban/1141-ubnd-kstthc/\">Công văn số 1141/UBND-KSTTHC</a>",
    );
    let list = r.file("van-ban/index.html");
    assert!(
        list.contains(">1141/UBND-KSTTHC</a>") && list.contains(">385/BNV-CCHC</a>"),
        "{list}"
    );
    r.assert_file_contains("van-ban/385-bnv-cchc/index.html", "Bộ Nội vụ")
        .assert_file_contains(
            "van-ban/385-bnv-cchc/index.html",
            "/chi-dao-dieu-hanh/tham-gia-dieu-tra-xa-hoi-hoc-chi-so-cai-cach-hanh-chinh-nam-2022/",
        )
        .assert_file("van-ban/cv-385-BNV-CCHC.pdf");
    assert!(
        !r.stderr().contains("warning"),
        "the sample site builds without warnings: {}",
        r.stderr()
    );
}

#[test]
fn script_filters_every_record_in_a_real_browser() {
    let r = built();
    let out = run_browser_script("registry-filter.js", &[r.public.to_str().unwrap()]);
    assert!(out.contains("ok - year page + kind: one record"), "{out}");
}

#[test]
fn registry_false_keeps_dispatches_on_articles_without_record_pages() {
    let site = SiteTest::new("registry");
    let on = site.build(&[]);
    on.assert_success()
        .assert_file("van-ban/index.html")
        .assert_file_contains(ARTICLE, "dispatch__record");
    let before = on.files();
    let config = site.read("config.yaml") + "registry: false\n";
    site.write("config.yaml", config);
    // Files written only for the registry would be lost: errors, naming each,
    // and the previous output stays as it was.
    site.build(&[])
        .assert_failure()
        .stderr_contains("content/van-ban/385-BNV-CCHC.md:1:1: error: this file is for the documents registry, which config.yaml turns off (`registry: false`)")
        .stderr_contains("content/van-ban/_index.md:1:1: error:");
    assert!(on.files() == before, "a failed build changed the output");

    for f in [
        "_index.md",
        "30c-NQ-CP.md",
        "2231-SNV.md",
        "12-2023-QD-UBND.md",
        "39-CT-TW.md",
        "385-BNV-CCHC.md",
    ] {
        site.remove(&format!("content/van-ban/{f}"));
    }
    let text = site.read("content/tin-tuc/bai-1141/index.md").replace(
        " Trang văn bản [tại đây](../../van-ban/385-BNV-CCHC.md).",
        "",
    );
    site.write("content/tin-tuc/bai-1141/index.md", text);
    let off = site.build(&[]);
    off.assert_success()
        .assert_no_file("van-ban/index.html")
        .assert_file_contains(ARTICLE, "1141/UBND-KSTTHC")
        .assert_file_contains(ARTICLE, "class=\"dispatch\"")
        .assert_file_lacks(ARTICLE, "dispatch__record")
        .assert_file_lacks(ARTICLE, "/van-ban/")
        .assert_file_lacks("index.html", "/van-ban/");
    assert!(
        !off.files()
            .keys()
            .any(|p| p.starts_with("van-ban/") && p.ends_with(".html")),
        "no record page is left"
    );
}
