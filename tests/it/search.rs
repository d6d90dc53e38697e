//! The build emits the search index and the `/tim-kiem/` page.

use crate::util::{SiteTest, article};

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("valid JSON")
}

#[test]
fn build_emits_search_page_and_index() {
    let run = SiteTest::new("search").build(&[]);
    run.assert_success()
        .assert_file_contains("tim-kiem/index.html", "id=\"search-q\"")
        .assert_file_contains("tim-kiem/index.html", "data-index=\"/tin-tuc-ttt/search/\"")
        .assert_file_contains(
            "tim-kiem/index.html",
            "<option value=\"thong-bao\">Thông báo</option>",
        )
        .assert_file_contains(
            "tim-kiem/index.html",
            "<option value=\"cai-cach-hanh-chinh\">Cải cách hành chính</option>",
        );
    run.assert_file_contains(
        "tim-kiem/index.html",
        &format!(
            "src=\"/tin-tuc-ttt/{}\"",
            crate::assets::hashed(&run, "js/search.js")
        ),
    );
    // The header box on every page is a plain GET form to the search page.
    for page in [
        "index.html",
        "tin-tuc/hoa-binh/index.html",
        "tim-kiem/index.html",
    ] {
        run.assert_file_contains(
            page,
            "<form class=\"site-search\" role=\"search\" action=\"/tin-tuc-ttt/tim-kiem/\" method=\"get\">",
        )
        .assert_file_contains(page, "name=\"q\"");
    }

    let meta = json(&run.file("search/meta.json"));
    assert_eq!(meta["count"], 10);
    let shards = meta["shards"].as_u64().unwrap();
    assert!(shards >= 1);
    assert_eq!(meta["rules"]["letters"]["đ"], "d");
    assert_eq!(meta["sections"][0]["name"], "tin-tuc");
    // Documents are newest first; years are runs of them.
    let years = meta["years"].as_array().unwrap();
    assert_eq!(years[0][0], 2025);
    assert_eq!(years.last().unwrap()[0], 2020);

    // Every key is in the shard its hash names.
    let mut keys = 0;
    for n in 0..shards {
        let shard = json(&run.file(&format!("search/t/{n}.json")));
        for key in shard.as_object().unwrap().keys() {
            assert_eq!(
                u64::from(bantin::search::fold::hash(key)) % shards,
                n,
                "{key}"
            );
            keys += 1;
        }
    }
    assert!(keys > 50);
    // Find a key the way the browser does.
    let lookup = |key: &str| {
        let n = u64::from(bantin::search::fold::hash(key)) % shards;
        json(&run.file(&format!("search/t/{n}.json")))[key].clone()
    };
    // Words: folded key → exact forms; tone placement does not split forms.
    let hoa = lookup("hoa");
    assert!(hoa.get("hoa2").is_some(), "{hoa}");
    assert!(
        hoa.get("hòa").is_none() && hoa.get("hoà").is_none(),
        "{hoa}"
    );
    let duong = lookup("duong");
    for form in ["đương2", "dương", "đương"] {
        assert!(duong.get(form).is_some(), "{form} in {duong}");
    }
    // Parts of a document number and their pairs (for the whole number).
    assert!(lookup("kstthc").is_object());
    assert!(lookup("1141 ubnd").is_array());
    assert!(lookup("ubnd kstthc").is_array());
    // The NFD article is indexed like NFC.
    assert!(lookup("dak").get("đăk1").is_some());

    // One document file per article, with what a result shows.
    let per_file = meta["docs_per_file"].as_u64().unwrap() as usize;
    let docs: Vec<serde_json::Value> = (0..10usize.div_ceil(per_file))
        .flat_map(|i| {
            let file = json(&run.file(&format!("search/doc/{i}.json")));
            let group = file.as_array().unwrap().clone();
            assert!(group.len() <= per_file);
            group
        })
        .collect();
    assert_eq!(docs.len(), 10, "every document in order, a few per file");
    let doc = docs
        .iter()
        .find(|d| d["u"].as_str().unwrap().ends_with("/cai-cach-hanh-chinh/"))
        .expect("a document for the article");
    assert_eq!(doc["t"], "Đẩy mạnh cải cách hành chính năm 2023");
    assert_eq!(doc["u"], "/tin-tuc-ttt/tin-tuc/cai-cach-hanh-chinh/");
    assert_eq!(doc["s"], "Tin tức");
    assert_eq!(doc["c"], "Cải cách hành chính");
    assert!(doc["d"].as_str().unwrap().starts_with("Thứ Tư, 15-02-2023"));
    assert!(doc["x"].as_str().unwrap().contains("1141/UBND-KSTTHC"));
}

#[test]
fn search_page_follows_the_site_language() {
    SiteTest::new("minimal")
        .file(
            "config.yaml",
            "title: \"T\"\nbase_url: \"https://example.org/\"\nlanguage: en\n",
        )
        .build(&[])
        .assert_success()
        .assert_file_contains("tim-kiem/index.html", "Newest first")
        .assert_file_contains("index.html", ">Search</button>");
}

#[test]
fn empty_site_still_has_a_search_index() {
    let site = SiteTest::new("minimal");
    let run = site.build(&["--drafts"]);
    run.assert_success()
        .assert_file("search/meta.json")
        .assert_file("search/t/0.json");
}

#[test]
fn a_page_cannot_take_the_search_url() {
    SiteTest::new("minimal")
        .file(
            "content/tim-kiem.md",
            &article("Tìm kiếm", "2024-01-01", "x"),
        )
        .build(&[])
        .assert_failure()
        .stderr_contains("content/tim-kiem.md")
        .stderr_contains("/tim-kiem/ (search page)");
}

#[test]
fn index_is_reproducible_and_its_version_follows_any_change() {
    let site = SiteTest::new("search");
    let search_files = |run: &crate::util::Run| -> Vec<(String, Vec<u8>)> {
        run.files()
            .into_iter()
            .filter(|(p, _)| p.starts_with("search/"))
            .collect()
    };
    let first = site.build(&[]);
    first.assert_success();
    let a = search_files(&first);
    let second = site.build(&[]);
    second.assert_success();
    assert!(a == search_files(&second), "two builds give the same index");
    let version = |run: &crate::util::Run| json(&run.file("search/meta.json"))["version"].clone();
    let before = version(&second);
    // Only a URL changes (the words stay the same): the version must change
    // too, or a browser could mix old document files with new shards.
    let text = site.read("content/tin-tuc/hoa-binh.md");
    site.write(
        "content/tin-tuc/hoa-binh.md",
        text.replacen("---\n", "---\nslug: hoa-giai\n", 1),
    );
    let third = site.build(&[]);
    third.assert_success();
    assert_ne!(version(&third), before);
}

#[test]
fn search_false_leaves_the_search_out_and_removes_an_old_index() {
    let site = SiteTest::new("search");
    site.build(&[])
        .assert_success()
        .assert_file("search/meta.json")
        .assert_file("tim-kiem/index.html");
    let config = site.read("config.yaml") + "search: false\n";
    site.write("config.yaml", config);
    let run = site.build(&[]);
    run.assert_success()
        .assert_no_file("search/meta.json")
        .assert_no_file("tim-kiem/index.html")
        .assert_file("tin-tuc/hoa-binh/index.html");
    assert!(
        !run.files().keys().any(|p| p.starts_with("search/")),
        "the old index is removed"
    );
    for page in ["index.html", "tin-tuc/hoa-binh/index.html"] {
        run.assert_file_lacks(page, "site-search")
            .assert_file_lacks(page, "tim-kiem");
    }
    // A typo is still an error that names the key.
    site.write(
        "config.yaml",
        site.read("config.yaml")
            .replace("search: false", "serch: false"),
    );
    site.build(&[]).assert_failure().stderr_contains("serch");
}
