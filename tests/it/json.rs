//! Machine-readable output (docs/json.md): `index.json` beside each article
//! and each listing page, their fields and URLs, pagination, the schemas in
//! docs/schemas/ (every generated `.json` validates), `json: false`.

use crate::util::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const BASE: &str = "https://example.gov.vn/tin-tuc-ttt/";

/// The schemas of docs/schemas/, by file stem, each checked against the
/// 2020-12 meta-schema first.
fn schemas() -> BTreeMap<String, jsonschema::Validator> {
    let dir = repo_root().join("docs/schemas");
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let Some(stem) = name.strip_suffix(".schema.json") else {
            continue;
        };
        let schema: Value = serde_json::from_slice(&std::fs::read(&path).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        if let Err(e) = jsonschema::draft202012::meta::validate(&schema) {
            panic!("{name} is not a valid 2020-12 schema: {e}");
        }
        let v = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        out.insert(stem.to_string(), v);
    }
    out
}

/// Which schema an output file must follow, from its path alone.
/// `sections`: the sample's section folders (their `index.json` are listings).
fn schema_for(rel: &str, sections: &[String]) -> &'static str {
    let parts: Vec<&str> = rel.split('/').collect();
    let paged = |rest: &[&str]| {
        matches!(rest, ["index.json"])
            || matches!(rest, ["trang", n, "index.json"] if n.parse::<usize>().is_ok())
    };
    match parts.as_slice() {
        ["van-ban", "index.json"] => "registry",
        ["search", "meta.json"] => "search-meta",
        ["search", "t", _] => "search-shard",
        ["search", "doc", _] => "search-docs",
        ["chuyen-muc" | "tu-khoa", _, rest @ ..] if paged(rest) => "listing",
        [s, rest @ ..] if sections.iter().any(|x| x == s) && paged(rest) => "listing",
        [.., "index.json"] => "article",
        _ => panic!("{rel}: a JSON file no schema describes"),
    }
}

/// Validate every `.json` of a built site; returns how many files followed each schema.
fn validate_all(public: &Path, sections: &[String]) -> BTreeMap<&'static str, usize> {
    let schemas = schemas();
    let mut counts = BTreeMap::new();
    for (rel, bytes) in snapshot_dir(public) {
        if !rel.ends_with(".json") {
            continue;
        }
        let value: Value =
            serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{rel}: not JSON: {e}"));
        let name = schema_for(&rel, sections);
        let errors: Vec<String> = schemas[name]
            .iter_errors(&value)
            .map(|e| format!("  {} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{rel} does not follow {name}.schema.json:\n{}",
            errors.join("\n")
        );
        *counts.entry(name).or_insert(0) += 1;
    }
    counts
}

/// Every absolute URL of the site found in a JSON value is a file of the
/// output (a page URL ending in `/` is its `index.html`).
fn assert_urls_resolve(public: &Path, rel: &str, v: &Value) {
    match v {
        Value::String(s) if s.starts_with(BASE) => {
            let path = &s[BASE.len()..];
            let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
            let file = if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.into_owned()
            };
            assert!(
                public.join(&file).is_file(),
                "{rel}: {s} is not a file of the site ({file})"
            );
        }
        Value::String(s) => assert!(
            !s.starts_with("https://example.gov.vn/") || s.starts_with(BASE),
            "{rel}: {s} is outside the base URL's path"
        ),
        Value::Array(a) => a.iter().for_each(|x| assert_urls_resolve(public, rel, x)),
        Value::Object(m) => m.values().for_each(|x| assert_urls_resolve(public, rel, x)),
        _ => {}
    }
}

fn json(run: &Run, rel: &str) -> Value {
    serde_json::from_str(&run.file(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The registry fixture's article about dispatch 1141, with every field,
/// an unlinked file in its bundle and a photo in its body.
fn full_article() -> SiteTest {
    let photo =
        std::fs::read(repo_root().join("content/tin-tuc/ky-thi-tot-nghiep-thpt-nam-2024.jpg"))
            .unwrap();
    SiteTest::new("registry")
        .file(
            "content/tin-tuc/bai-1141/index.md",
            r#"---
title: "Tham gia điều tra xã hội học"
date: 2023-02-15T08:46:50+07:00
updated: 2023-02-16 09:00
author: "Nguyễn Văn An"
category: "Cải cách hành chính"
tags: ["điều tra xã hội học", "PAR Index"]
summary: "UBND tỉnh ban hành Công văn số 1141/UBND-KSTTHC."
views: 276
pinned: true
dispatch:
  number: "1141/UBND-KSTTHC"
  kind: "Công văn"
  issued: 2023-02-15
  effective: 2023-03-01
  issuer: "UBND tỉnh Đắk Lắk"
  signer: "Phó Chủ tịch UBND tỉnh"
  subject: "V/v thực hiện Công văn số 385/BNV-CCHC"
  file: "cv-1141.pdf"
---
Ngày 15/02/2023, UBND tỉnh ban hành **Công văn** số 1141/UBND-KSTTHC.

![Quang cảnh điểm thi](anh.jpg)

Chi tiết [xem tại đây](cv-1141.pdf). Trang văn bản [tại đây](../../van-ban/385-BNV-CCHC.md).
"#,
        )
        .bytes("content/tin-tuc/bai-1141/anh.jpg", &photo)
        .file("content/tin-tuc/bai-1141/phu luc.docx", "PK fake docx")
}

#[test]
fn article_json_carries_metadata_dispatch_photos_attachments_and_text() {
    let site = full_article();
    let run = site.build(&["--base-url", BASE]);
    run.assert_success();
    let rel = "tin-tuc/bai-1141/index.json";
    let a = json(&run, rel);
    let page = format!("{BASE}tin-tuc/bai-1141/");
    assert_eq!(a["title"], "Tham gia điều tra xã hội học");
    assert_eq!(a["url"], page.as_str());
    assert_eq!(a["json_url"], format!("{page}index.json").as_str());
    assert_eq!(a["language"], "vi");
    assert_eq!(a["date"], "2023-02-15T08:46:50+07:00");
    assert_eq!(a["updated"], "2023-02-16T09:00:00+07:00");
    assert_eq!(a["author"], "Nguyễn Văn An");
    assert_eq!(a["section"]["name"], "tin-tuc");
    assert_eq!(a["section"]["url"], format!("{BASE}tin-tuc/").as_str());
    assert_eq!(
        a["section"]["json_url"],
        format!("{BASE}tin-tuc/index.json").as_str()
    );
    assert_eq!(a["category"]["name"], "Cải cách hành chính");
    assert_eq!(
        a["category"]["json_url"],
        format!("{BASE}chuyen-muc/cai-cach-hanh-chinh/index.json").as_str()
    );
    let tags: Vec<&str> = a["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["slug"].as_str().unwrap())
        .collect();
    assert_eq!(tags, ["dieu-tra-xa-hoi-hoc", "par-index"]);
    assert_eq!(
        a["summary"],
        "UBND tỉnh ban hành Công văn số 1141/UBND-KSTTHC."
    );
    assert_eq!(a["views"], 276);
    assert_eq!(a["pinned"], true);

    let d = &a["dispatch"];
    assert_eq!(d["number"], "1141/UBND-KSTTHC");
    assert_eq!(d["kind"], "Công văn");
    assert_eq!(d["issued"], "2023-02-15");
    assert_eq!(d["effective"], "2023-03-01");
    assert_eq!(d["issuer"], "UBND tỉnh Đắk Lắk");
    assert_eq!(d["signer"], "Phó Chủ tịch UBND tỉnh");
    assert_eq!(d["subject"], "V/v thực hiện Công văn số 385/BNV-CCHC");
    let pdf = format!("{page}cv-1141.pdf");
    assert_eq!(d["file"], pdf.as_str());
    assert_eq!(d["files"][0]["url"], pdf.as_str());
    assert_eq!(d["files"][0]["type"], "PDF");
    let size = std::fs::metadata(site.path("content/tin-tuc/bai-1141/cv-1141.pdf"))
        .unwrap()
        .len();
    assert_eq!(d["files"][0]["size"], size);
    let record = d["record_url"]
        .as_str()
        .expect("the registry holds the dispatch");
    assert!(record.starts_with(&format!("{BASE}van-ban/")), "{record}");

    // The dispatch's file, then the bundle's other file (never the photo).
    let files: Vec<(&str, &str)> = a["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["url"].as_str().unwrap(), f["name"].as_str().unwrap()))
        .collect();
    let docx = format!("{page}phu%20luc.docx");
    assert_eq!(
        files,
        [
            (pdf.as_str(), "cv-1141.pdf"),
            (docx.as_str(), "phu luc.docx")
        ]
    );
    assert_eq!(a["attachments"][1]["type"], "DOCX");

    let photos = a["photos"].as_array().unwrap();
    assert_eq!(photos.len(), 1, "{photos:?}");
    let p = &photos[0];
    assert_eq!(p["alt"], "Quang cảnh điểm thi");
    assert_eq!(p["lead"], false);
    let url = p["url"].as_str().unwrap();
    assert!(
        url.starts_with(&format!("{page}anh-")) && url.ends_with(".jpg"),
        "{url}"
    );
    assert!(p["width"].as_u64().unwrap() > 0 && p["height"].as_u64().unwrap() > 0);
    // The photo's URL is the one the HTML page shows.
    let html = run.file("tin-tuc/bai-1141/index.html");
    let shown = &url["https://example.gov.vn".len()..];
    assert!(html.contains(shown), "{shown} is not on the page");

    let text = a["text"].as_str().unwrap();
    assert!(
        text.starts_with("Ngày 15/02/2023, UBND tỉnh ban hành Công văn số 1141/UBND-KSTTHC.\n"),
        "{text}"
    );
    assert!(text.contains("Chi tiết xem tại đây."), "{text}");
    assert!(
        !text.contains("**") && !text.contains("cv-1141.pdf") && !text.contains("]("),
        "{text}"
    );

    assert_urls_resolve(&run.public, rel, &a);
}

#[test]
fn article_json_keeps_its_key_order() {
    let run = SiteTest::new("registry").build(&[]);
    run.assert_success();
    let raw = run.file("tin-tuc/bai-1141/index.json");
    let keys = [
        "title",
        "url",
        "json_url",
        "language",
        "date",
        "updated",
        "author",
        "section",
        "category",
        "tags",
        "summary",
        "views",
        "pinned",
        "dispatch",
        "photos",
        "attachments",
        "text",
    ];
    assert!(raw.starts_with("{\"title\":"), "{raw}");
    let at: Vec<usize> = keys
        .iter()
        .map(|k| {
            raw.find(&format!("\"{k}\":"))
                .unwrap_or_else(|| panic!("no {k} in {raw}"))
        })
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "keys out of order: {raw}"
    );
}

#[test]
fn section_and_category_json_are_paginated_like_the_html() {
    let site = SiteTest::new("paging");
    for n in 1..=5 {
        let rel = format!("content/tin-tuc/bai-{n}.md");
        let text = site
            .read(&rel)
            .replacen("---\n", "---\ncategory: \"Thông báo\"\n", 1);
        site.write(&rel, text);
    }
    let run = site.build(&["--base-url", BASE]);
    run.assert_success();
    for (listing, kind) in [
        ("tin-tuc/", "section"),
        ("chuyen-muc/thong-bao/", "category"),
    ] {
        let url = |n: usize| match n {
            1 => format!("{BASE}{listing}"),
            n => format!("{BASE}{listing}trang/{n}/"),
        };
        let mut seen = Vec::new();
        for n in 1..=3 {
            let rel = match n {
                1 => format!("{listing}index.json"),
                n => format!("{listing}trang/{n}/index.json"),
            };
            // Beside the HTML page of the same URL.
            run.assert_file(&rel.replace("index.json", "index.html"));
            let l = json(&run, &rel);
            assert_eq!(l["kind"], kind);
            assert_eq!(l["url"], url(n).as_str());
            assert_eq!(l["json_url"], format!("{}index.json", url(n)).as_str());
            let p = &l["pagination"];
            assert_eq!(p["page"], n);
            assert_eq!(p["per_page"], 2);
            assert_eq!(p["total_pages"], 3);
            assert_eq!(p["total_items"], 5);
            assert_eq!(p["first"], format!("{}index.json", url(1)).as_str());
            assert_eq!(p["last"], format!("{}index.json", url(3)).as_str());
            let prev = (n > 1).then(|| format!("{}index.json", url(n - 1)));
            let next = (n < 3).then(|| format!("{}index.json", url(n + 1)));
            assert_eq!(p["prev"].as_str(), prev.as_deref(), "{rel}");
            assert_eq!(p["next"].as_str(), next.as_deref(), "{rel}");
            let items = l["items"].as_array().unwrap();
            assert_eq!(items.len(), if n < 3 { 2 } else { 1 }, "{rel}");
            // The same articles, in the same order, as the HTML page links to.
            let page_html = run.file(&rel.replace("index.json", "index.html"));
            let html = main_part(&page_html);
            let mut last = 0;
            for it in items {
                let page = it["url"].as_str().unwrap();
                assert_eq!(it["json_url"], format!("{page}index.json").as_str());
                let href = &page["https://example.gov.vn".len()..];
                let at = html
                    .find(&format!("href=\"{href}\""))
                    .unwrap_or_else(|| panic!("{rel}: {href} not on the HTML page"));
                assert!(at >= last, "{rel}: order differs from the HTML page");
                last = at;
                seen.push(it["title"].as_str().unwrap().to_string());
            }
            assert_urls_resolve(&run.public, &rel, &l);
        }
        assert_eq!(seen.len(), 5);
        if kind == "section" {
            // Pinned first, then newest first, as the HTML listing.
            assert_eq!(
                seen,
                ["Bài số 1", "Bài số 5", "Bài số 4", "Bài số 3", "Bài số 2"]
            );
        }
        run.assert_no_file(&format!("{listing}trang/4/index.json"));
    }
    let sections = vec!["tin-tuc".to_string()];
    let counts = validate_all(&run.public, &sections);
    // Three pages of the section, three of the category; no tag.
    assert_eq!(counts["listing"], 6, "{counts:?}");
    assert_eq!(counts["article"], 5, "{counts:?}");
}

#[test]
fn every_json_file_of_the_sample_site_follows_its_schema() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let o = bantin_in(
        out.path(),
        &repo_root(),
        &[
            "build",
            "--output",
            dest.to_str().unwrap(),
            "--base-url",
            BASE,
        ],
    );
    let run = Run {
        out: o,
        public: dest.clone(),
        _site: None,
    };
    run.assert_success();
    let sections: Vec<String> = std::fs::read_dir(repo_root().join("content"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir() && e.file_name() != "van-ban")
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    let counts = validate_all(&dest, &sections);
    for name in [
        "article",
        "listing",
        "registry",
        "search-meta",
        "search-shard",
        "search-docs",
    ] {
        assert!(
            counts.get(name).copied().unwrap_or(0) > 0,
            "no {name} file: {counts:?}"
        );
    }
    // One article file per article page, each beside its page, every URL in it a file of the site.
    assert_eq!(counts["article"], run.articles_built(), "{counts:?}");
    for (rel, _) in run.files() {
        if rel.ends_with("index.json") && schema_for(&rel, &sections) != "registry" {
            assert!(
                dest.join(rel.replace("index.json", "index.html")).is_file(),
                "{rel} has no page"
            );
            assert_urls_resolve(&dest, &rel, &json(&run, &rel));
        }
    }
}

#[test]
fn every_json_file_of_a_fixture_follows_its_schema_and_a_broken_one_does_not() {
    let run = full_article().build(&["--base-url", BASE]);
    run.assert_success();
    let counts = validate_all(&run.public, &["tin-tuc".to_string()]);
    assert_eq!(counts["article"], run.articles_built(), "{counts:?}");
    assert!(
        counts["listing"] > 0 && counts["registry"] == 1,
        "{counts:?}"
    );
    // The schemas are not vacuous: each of these edits breaks the article file.
    let schemas = schemas();
    let good = json(&run, "tin-tuc/bai-1141/index.json");
    assert!(schemas["article"].is_valid(&good));
    let broken: [(&str, fn(&mut Value)); 5] = [
        ("a key missing", |v| {
            v.as_object_mut().unwrap().remove("text");
        }),
        ("a key added", |v| {
            v["generated"] = "2026-01-01T00:00:00Z".into();
        }),
        ("a date without offset", |v| {
            v["date"] = "2023-02-15T08:46:50".into()
        }),
        ("a relative URL", |v| {
            v["url"] = "/tin-tuc-ttt/tin-tuc/bai-1141/".into()
        }),
        ("views below zero", |v| v["views"] = (-1).into()),
    ];
    for (what, edit) in broken {
        let mut v = good.clone();
        edit(&mut v);
        assert!(!schemas["article"].is_valid(&v), "{what} still validates");
    }
}

#[test]
fn json_is_identical_on_a_rebuild_and_off_leaves_every_other_file_as_it_was() {
    let site = full_article();
    let on = site.build_into(&site.path("on"), &["--base-url", BASE]);
    on.assert_success();
    let again = site.build_into(&site.path("again"), &["--base-url", BASE]);
    again.assert_success();
    assert!(
        on.files() == again.files(),
        "two builds of the same content differ"
    );

    site.write("config.yaml", site.read("config.yaml") + "json: false\n");
    let off = site.build_into(&site.path("off"), &["--base-url", BASE]);
    off.assert_success();
    let without_json: BTreeMap<String, Vec<u8>> = on
        .files()
        .into_iter()
        .filter(|(p, _)| {
            // index.json and its .gz/.br siblings
            let p = p.trim_end_matches(".gz").trim_end_matches(".br");
            !p.ends_with("index.json") || p == "van-ban/index.json"
        })
        .collect();
    assert!(on.files().len() > without_json.len() + 5);
    let off_files = off.files();
    assert_eq!(
        off_files.keys().collect::<Vec<_>>(),
        without_json.keys().collect::<Vec<_>>()
    );
    for (p, bytes) in &without_json {
        assert!(&off_files[p] == bytes, "{p} changed with json: false");
    }
    // Turned off over a build that had them: they are removed.
    let over = site.build_into(&site.path("on"), &["--base-url", BASE]);
    over.assert_success();
    over.assert_no_file("tin-tuc/bai-1141/index.json")
        .assert_no_file("tin-tuc/index.json")
        .assert_file("van-ban/index.json");
    assert!(over.files() == off_files);
}

#[test]
fn a_content_file_where_a_json_file_goes_is_an_error_unless_json_is_off() {
    let site = SiteTest::new("minimal").file("content/tin-tuc/index.json", "{}");
    site.build(&[])
        .assert_failure()
        .stderr_contains("content/tin-tuc/index.json")
        .stderr_contains("(/tin-tuc/index.json)");
    site.write("config.yaml", site.read("config.yaml") + "json: false\n");
    let run = site.build(&[]);
    run.assert_success();
    assert_eq!(run.file("tin-tuc/index.json"), "{}");
}
