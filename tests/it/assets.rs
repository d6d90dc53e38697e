//! What the theme publishes for browsers and servers: stylesheets and
//! scripts under content-hashed names (cacheable for a year), `syntax.css`
//! only where code is highlighted, the favicon set and the web manifest
//! under the site's root.

use crate::util::{Run, SiteTest, attr_values};

/// The published name of the theme file `logical` (`css/style.css` →
/// `css/style.3f2a9c1e.css`): exactly one file of that stem with an
/// eight-digit hex hash must exist.
#[track_caller]
pub fn hashed(r: &Run, logical: &str) -> String {
    let (stem, ext) = logical
        .rsplit_once('.')
        .expect("a file name with an extension");
    let found: Vec<String> = r
        .files()
        .into_keys()
        .filter(|p| {
            p.strip_prefix(&format!("{stem}."))
                .and_then(|rest| rest.strip_suffix(&format!(".{ext}")))
                .is_some_and(|h| h.len() == 8 && h.bytes().all(|b| b.is_ascii_hexdigit()))
        })
        .collect();
    assert_eq!(found.len(), 1, "one hashed {logical} expected: {found:?}");
    found.into_iter().next().unwrap()
}

#[test]
fn stylesheets_and_scripts_have_hashed_names_that_every_page_uses() {
    let r = SiteTest::new("registry")
        .file(
            "config.yaml",
            &SiteTest::new("registry").read("config.yaml").replace(
                "https://example.gov.vn/",
                "https://example.gov.vn/tin-tuc-ttt/",
            ),
        )
        .build(&[]);
    r.assert_success();
    let files = r.files();
    for logical in [
        "css/style.css",
        "css/print.css",
        "css/syntax.css",
        "css/registry.css",
        "js/search.js",
        "js/van-ban.js",
    ] {
        let published = hashed(&r, logical);
        r.assert_no_file(logical);
        let hash = published.rsplit('.').nth(1).unwrap();
        let want = blake3::hash(&files[&published]).to_hex();
        assert!(
            want.starts_with(hash),
            "{published}: not the hash of its bytes"
        );
    }
    // Every stylesheet and script a page names exists.
    let mut named = 0;
    for (path, html) in r.texts(&[".html"]) {
        for url in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
            .filter(|u| u.ends_with(".css") || u.ends_with(".js"))
        {
            let rel = url
                .strip_prefix("/tin-tuc-ttt/")
                .unwrap_or_else(|| panic!("{path}: {url} outside the site's root"));
            assert!(files.contains_key(rel), "{path}: {url} is not published");
            named += 1;
        }
    }
    assert!(named > 20, "only {named} stylesheet and script links");
    let style = hashed(&r, "css/style.css");
    r.assert_file_contains("index.html", &format!("href=\"/tin-tuc-ttt/{style}\""))
        .assert_file_contains(
            "van-ban/index.html",
            &format!("src=\"/tin-tuc-ttt/{}\"", hashed(&r, "js/van-ban.js")),
        )
        .assert_file_contains(
            "van-ban/index.html",
            &format!("href=\"/tin-tuc-ttt/{}\"", hashed(&r, "css/registry.css")),
        )
        .assert_file_contains(
            "index.html",
            &format!(
                "href=\"/tin-tuc-ttt/{}\" media=\"print\"",
                hashed(&r, "css/print.css")
            ),
        );
}

#[test]
fn a_theme_override_of_a_stylesheet_gets_a_new_name() {
    let plain = SiteTest::new("minimal").build(&[]);
    plain.assert_success();
    let r = SiteTest::new("minimal")
        .file(
            "themes/default/static/css/style.css",
            "body { color: red }\n",
        )
        .build(&[]);
    r.assert_success();
    let (before, after) = (hashed(&plain, "css/style.css"), hashed(&r, "css/style.css"));
    assert_ne!(before, after);
    assert_eq!(r.file(&after), "body { color: red }\n");
    r.assert_file_contains("index.html", &format!("href=\"/{after}\""));
    // The files not overridden keep their names.
    assert_eq!(hashed(&plain, "css/print.css"), hashed(&r, "css/print.css"));
}

#[test]
fn an_unknown_asset_is_an_error_naming_the_template() {
    let r = SiteTest::new("minimal")
        .file(
            "themes/default/templates/404.html",
            "<link href=\"{{ asset_url(path='css/nope.css') }}\">",
        )
        .build(&[]);
    r.assert_failure()
        .stderr_contains("themes/default/templates/404.html")
        .stderr_contains("no stylesheet or script `css/nope.css`");
}

#[test]
fn syntax_css_is_linked_only_from_pages_with_highlighted_code() {
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/ma-nguon.md",
            "---\ntitle: \"Mã nguồn\"\ndate: 2023-01-12T09:00:00+07:00\n---\n```rust\nfn main() {}\n```\n",
        )
        .file(
            "content/tin-tuc/khong-ma.md",
            "---\ntitle: \"Không tô màu\"\ndate: 2023-01-13T09:00:00+07:00\n---\n```\nchữ thường\n```\n",
        )
        .build(&[]);
    r.assert_success();
    let syntax = hashed(&r, "css/syntax.css");
    let linking: Vec<String> = r
        .texts(&[".html"])
        .into_iter()
        .filter(|(_, html)| html.contains(&syntax))
        .map(|(p, _)| p)
        .collect();
    assert_eq!(linking, ["tin-tuc/ma-nguon/index.html"]);
}

#[test]
fn favicons_and_manifest_are_linked_under_the_base_path() {
    let site = SiteTest::new("minimal");
    let cfg = site.read("config.yaml").replace(
        "https://example.gov.vn/",
        "https://example.gov.vn/tin-tuc-ttt/",
    );
    let r = site
        .file(
            "config.yaml",
            &cfg.replace("\"Trang tin thử nghiệm\"", "'Trang \"tin\" thử nghiệm'"),
        )
        .build(&[]);
    r.assert_success();
    for (path, html) in r.texts(&[".html"]) {
        for needle in [
            "<link rel=\"icon\" href=\"/tin-tuc-ttt/favicon.ico\"",
            "<link rel=\"icon\" href=\"/tin-tuc-ttt/favicon.svg\" type=\"image/svg+xml\">",
            "<link rel=\"apple-touch-icon\" href=\"/tin-tuc-ttt/apple-touch-icon.png\">",
            "<link rel=\"manifest\" href=\"/tin-tuc-ttt/manifest.webmanifest\">",
        ] {
            assert!(html.contains(needle), "{path} lacks {needle}");
        }
    }
    let files = r.files();
    assert!(
        files["favicon.ico"].starts_with(&[0, 0, 1, 0]),
        "favicon.ico is an ICO"
    );
    for (png, side) in [
        ("favicon-32.png", 32),
        ("apple-touch-icon.png", 180),
        ("icon-192.png", 192),
        ("icon-512.png", 512),
    ] {
        let img = image::load_from_memory(&files[png]).expect(png);
        assert_eq!((img.width(), img.height()), (side, side), "{png}");
    }
    let m: serde_json::Value =
        serde_json::from_slice(&files["manifest.webmanifest"]).expect("the manifest is JSON");
    assert_eq!(m["name"], "Trang \"tin\" thử nghiệm");
    assert_eq!(m["short_name"], "Trang \"tin\" thử nghiệm");
    assert_eq!(m["start_url"], "/tin-tuc-ttt/");
    assert_eq!(m["scope"], "/tin-tuc-ttt/");
    assert_eq!(m["lang"], "vi");
    assert!(m["theme_color"].as_str().unwrap().starts_with('#'));
    let icons = m["icons"].as_array().unwrap();
    assert!(icons.iter().any(|i| i["sizes"] == "512x512"));
    for icon in icons {
        let rel = icon["src"]
            .as_str()
            .unwrap()
            .strip_prefix("/tin-tuc-ttt/")
            .unwrap();
        assert!(
            files.contains_key(rel),
            "the manifest names {rel}, not published"
        );
    }
}

#[test]
fn identical_derivatives_are_published_once() {
    // A 3:2 photo: its 960 px wide copy and its 960×640 listing thumbnail
    // come out byte for byte the same.
    let r = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/anh/index.md",
            "---\ntitle: \"Tin ảnh\"\ndate: 2024-03-01T08:00:00+07:00\nimage: anh.jpg\nimage_alt: \"Quang cảnh\"\n---\nĐoạn mở đầu.\n\n![Quang cảnh](anh.jpg)\n",
        )
        .bytes("content/tin-tuc/anh/anh.jpg", &crate::images::photo_gen::jpeg(1440, 960, 1, false))
        .build(&[]);
    r.assert_success();
    let images: Vec<(String, Vec<u8>)> = r
        .files()
        .into_iter()
        .filter(|(p, _)| p.starts_with("tin-tuc/anh-") || p.starts_with("tin-tuc/anh/anh-"))
        .collect();
    assert!(
        images.len() >= 6,
        "{:?}",
        images.iter().map(|i| &i.0).collect::<Vec<_>>()
    );
    let mut seen: std::collections::HashMap<&[u8], &str> = Default::default();
    for (path, bytes) in &images {
        if let Some(other) = seen.insert(bytes, path) {
            panic!("{path} and {other} have the same bytes");
        }
    }
    // The listing's thumbnail and the article's photo name the one file.
    let jpeg_960 = |html: &str| -> Vec<String> {
        html.split(['"', ' ', ','])
            .filter(|s| s.contains("-960x640-") && s.ends_with(".jpg"))
            .map(str::to_string)
            .collect()
    };
    let listed = jpeg_960(&r.file("tin-tuc/index.html"));
    let shown = jpeg_960(&r.file("tin-tuc/anh/index.html"));
    assert!(
        !listed.is_empty() && !shown.is_empty(),
        "{listed:?} {shown:?}"
    );
    assert!(
        listed.iter().all(|u| shown.contains(u)),
        "{listed:?} {shown:?}"
    );
}
