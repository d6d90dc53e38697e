//! Share cards and structured data (issue 18, point 2): `og:locale`,
//! `twitter:card`, `og:image` with the site's fallback, SVG covers rasterized
//! into a 1200×630 share image, and JSON-LD (`NewsArticle`, the publisher,
//! `WebSite` with its search action, `BreadcrumbList`) read back with
//! serde_json from the built pages.

use crate::util::{Run, SiteTest, article};
use serde_json::Value;

const ARTICLE: &str = "content/tin-tuc/hoi-nghi/index.md";
const PAGE: &str = "tin-tuc/hoi-nghi/index.html";

/// Every JSON-LD block of a page, parsed. A block that a title broke out of
/// (an unescaped `</script>`) would not parse.
fn json_lds(html: &str) -> Vec<Value> {
    const OPEN: &str = "<script type=\"application/ld+json\">";
    html.split(OPEN)
        .skip(1)
        .map(|rest| {
            let json = &rest[..rest.find("</script>").expect("closed script")];
            serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"))
        })
        .collect()
}

/// The block whose `@type` is `kind`.
fn ld_of(html: &str, kind: &str) -> Value {
    json_lds(html)
        .into_iter()
        .find(|v| v["@type"] == kind)
        .unwrap_or_else(|| panic!("no {kind} JSON-LD in\n{html}"))
}

/// `content` of `<meta property|name="key">` (the first one).
fn meta(html: &str, key: &str) -> Option<String> {
    for attr in ["property", "name"] {
        let needle = format!("<meta {attr}=\"{key}\" content=\"");
        if let Some(i) = html.find(&needle) {
            let rest = &html[i + needle.len()..];
            return Some(rest[..rest.find('"').unwrap()].to_string());
        }
    }
    None
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut out),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    out
}

fn decode(run: &Run, url: &str, origin: &str) -> image::DynamicImage {
    let rel = url
        .strip_prefix(origin)
        .unwrap_or(url)
        .trim_start_matches('/');
    image::load_from_memory(&std::fs::read(run.out_path(rel)).unwrap())
        .unwrap_or_else(|e| panic!("{url}: {e}"))
}

/// A title with a quote, `</script>` and more than 110 characters.
const HOSTILE_TITLE: &str = "Thông báo \\\"khẩn\\\" </script><script>alert(1)</script> về việc tổ chức hội nghị tổng kết công tác cải cách hành chính năm 2024 của tỉnh";

fn hostile_site() -> SiteTest {
    SiteTest::new("minimal").file(
        ARTICLE,
        &format!(
            "---\ntitle: \"{HOSTILE_TITLE}\"\ndate: 2024-03-01T08:00:00+07:00\nupdated: 2024-03-02 10:30\nauthor: \"Nguyễn Văn A\"\nsummary: \"Tóm tắt <b>&</b> \\\"trích dẫn\\\"\"\ntags: [\"cải cách hành chính\"]\n---\nNội dung.\n"
        ),
    )
}

#[test]
fn news_article_json_ld_survives_quotes_and_script_tags_and_cuts_long_headlines() {
    let run = hostile_site().build(&[]);
    run.assert_success();
    let html = run.file(PAGE);
    // The title's `</script>` never reaches the page raw.
    assert_eq!(html.matches("<script>alert(1)").count(), 0, "{html}");
    let ld = ld_of(&html, "NewsArticle");
    assert_eq!(ld["@context"], "https://schema.org");
    let title = HOSTILE_TITLE.replace("\\\"", "\"");
    assert!(title.chars().count() > 110);
    let headline = ld["headline"].as_str().unwrap();
    assert!(headline.chars().count() <= 110, "{headline}");
    let stem = headline
        .strip_suffix('…')
        .expect("cut headlines end with …");
    assert!(title.starts_with(stem), "{headline}");
    assert!(
        headline.contains("\"khẩn\" </script><script>alert(1)</script>"),
        "{headline}"
    );
    // Cut at a word: what follows in the title is a space.
    assert!(title[stem.len()..].starts_with(' '), "{headline}");
    assert_eq!(ld["description"], "Tóm tắt <b>&</b> \"trích dẫn\"");
    assert_eq!(ld["datePublished"], "2024-03-01T08:00:00+07:00");
    assert_eq!(ld["dateModified"], "2024-03-02T10:30:00+07:00");
    assert_eq!(ld["author"][0]["@type"], "Person");
    assert_eq!(ld["author"][0]["name"], "Nguyễn Văn A");
    let publisher = &ld["publisher"];
    assert_eq!(publisher["@type"], "GovernmentOrganization");
    assert_eq!(publisher["name"], "Phòng Truyền thông");
    assert_eq!(publisher["url"], "https://example.gov.vn/");
    assert_eq!(
        publisher["logo"]["url"],
        "https://example.gov.vn/images/emblem.png"
    );
    assert_eq!(publisher["logo"]["width"], 512);
    let logo = decode(
        &run,
        "https://example.gov.vn/images/emblem.png",
        "https://example.gov.vn",
    );
    assert_eq!((logo.width(), logo.height()), (512, 512));
    let permalink = "https://example.gov.vn/tin-tuc/hoi-nghi/";
    assert_eq!(ld["mainEntityOfPage"]["@id"], permalink);
    assert_eq!(ld["url"], permalink);
    assert_eq!(ld["inLanguage"], "vi");
    assert_eq!(ld["keywords"][0], "cải cách hành chính");
    // No picture of its own: the site's share card.
    assert_eq!(
        ld["image"][0]["url"],
        "https://example.gov.vn/images/share-card.png"
    );
    // The JSON text itself carries no `<` (escaped as \u003c).
    let raw = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .unwrap();
    let raw = &raw[..raw.find("</script>").unwrap()];
    assert!(
        !raw.contains('<') && raw.contains("\\u003c/script\\u003e"),
        "{raw}"
    );
}

#[test]
fn breadcrumb_list_follows_the_breadcrumbs_under_a_base_path() {
    let run = hostile_site().build(&["--base-url", "https://tinh.gov.vn/tin-tuc-ttt/"]);
    run.assert_success();
    let html = run.file(PAGE);
    let crumbs = ld_of(&html, "BreadcrumbList");
    let items = crumbs["itemListElement"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{crumbs}");
    assert_eq!(items[0]["position"], 1);
    assert_eq!(items[0]["name"], "Trang chủ");
    assert_eq!(items[0]["item"], "https://tinh.gov.vn/tin-tuc-ttt/");
    assert_eq!(items[1]["position"], 2);
    assert_eq!(items[1]["item"], "https://tinh.gov.vn/tin-tuc-ttt/tin-tuc/");
    let article = ld_of(&html, "NewsArticle");
    assert_eq!(
        article["mainEntityOfPage"]["@id"],
        "https://tinh.gov.vn/tin-tuc-ttt/tin-tuc/hoi-nghi/"
    );
    // A section listing and a term page show breadcrumbs too.
    for page in [
        "tin-tuc/index.html",
        "tu-khoa/cai-cach-hanh-chinh/index.html",
    ] {
        let crumbs = ld_of(&run.file(page), "BreadcrumbList");
        let n = crumbs["itemListElement"].as_array().unwrap().len();
        assert!(n >= 2, "{page}: {crumbs}");
    }
    // The home page has no breadcrumbs, so no BreadcrumbList.
    let home = run.file("index.html");
    assert!(
        json_lds(&home)
            .iter()
            .all(|v| v["@type"] != "BreadcrumbList")
    );
}

#[test]
fn home_page_has_the_organization_and_the_website_with_its_search_action() {
    let run = SiteTest::new("minimal").build(&["--base-url", "https://tinh.gov.vn/tin-tuc-ttt/"]);
    run.assert_success();
    let ld = json_lds(&run.file("index.html"));
    assert_eq!(ld.len(), 1, "{ld:?}");
    let graph = ld[0]["@graph"].as_array().unwrap();
    let org = graph
        .iter()
        .find(|v| v["@type"] == "GovernmentOrganization")
        .unwrap();
    assert_eq!(org["@id"], "https://tinh.gov.vn/tin-tuc-ttt/#organization");
    assert_eq!(
        org["logo"]["url"],
        "https://tinh.gov.vn/tin-tuc-ttt/images/emblem.png"
    );
    let site = graph.iter().find(|v| v["@type"] == "WebSite").unwrap();
    assert_eq!(site["url"], "https://tinh.gov.vn/tin-tuc-ttt/");
    assert_eq!(site["name"], "Trang tin thử nghiệm");
    assert_eq!(site["inLanguage"], "vi");
    assert_eq!(site["publisher"]["@id"], org["@id"]);
    let action = &site["potentialAction"];
    assert_eq!(action["@type"], "SearchAction");
    assert_eq!(
        action["target"]["urlTemplate"],
        "https://tinh.gov.vn/tin-tuc-ttt/tim-kiem/?q={search_term_string}"
    );
    assert_eq!(action["query-input"], "required name=search_term_string");
    // Article pages name the same organization and website.
    let page = ld_of(&run.file("tin-tuc/chao-mung/index.html"), "NewsArticle");
    assert_eq!(page["publisher"]["@id"], org["@id"]);
    assert_eq!(page["isPartOf"]["@id"], site["@id"]);
    // The default author is the office: an organization.
    assert_eq!(page["author"][0]["@type"], "Organization");
}

#[test]
fn search_false_leaves_out_the_search_action() {
    let t = SiteTest::new("minimal");
    let config = t.read("config.yaml") + "search: false\n";
    let run = t.file("config.yaml", &config).build(&[]);
    run.assert_success();
    let ld = json_lds(&run.file("index.html"));
    let site = ld[0]["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["@type"] == "WebSite")
        .unwrap()
        .clone();
    assert!(site.get("potentialAction").is_none(), "{site}");
}

#[test]
fn og_locale_follows_the_site_language() {
    let run = SiteTest::new("minimal").build(&[]);
    run.assert_success();
    for page in [
        "index.html",
        "tin-tuc/index.html",
        "tin-tuc/chao-mung/index.html",
    ] {
        assert_eq!(
            meta(&run.file(page), "og:locale").as_deref(),
            Some("vi_VN"),
            "{page}"
        );
    }
    let t = SiteTest::new("minimal");
    let config = t
        .read("config.yaml")
        .replace("language: vi", "language: en");
    let run = t.file("config.yaml", &config).build(&[]);
    run.assert_success();
    let html = run.file("tin-tuc/chao-mung/index.html");
    assert_eq!(meta(&html, "og:locale").as_deref(), Some("en_US"));
    assert_eq!(ld_of(&html, "NewsArticle")["inLanguage"], "en");
    assert_eq!(
        ld_of(&html, "BreadcrumbList")["itemListElement"][0]["name"],
        "Home"
    );
}

#[test]
fn twitter_card_is_large_with_a_picture_and_small_with_the_site_fallback() {
    let run = SiteTest::new("minimal")
        .file(
            ARTICLE,
            "---\ntitle: \"Có ảnh\"\ndate: 2024-03-01T08:00:00+07:00\nimage: anh.jpg\nimage_alt: \"Quang cảnh\"\n---\nNội dung.\n",
        )
        .bytes("content/tin-tuc/hoi-nghi/anh.jpg", &jpeg(1600, 1000))
        .build(&[]);
    run.assert_success();
    let html = run.file(PAGE);
    assert_eq!(
        meta(&html, "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    let og = meta(&html, "og:image").unwrap();
    assert!(
        og.starts_with("https://example.gov.vn/tin-tuc/hoi-nghi/anh-1200x630-"),
        "{og}"
    );
    assert_eq!(meta(&html, "og:image:width").as_deref(), Some("1200"));
    assert_eq!(meta(&html, "og:image:height").as_deref(), Some("630"));
    assert_eq!(meta(&html, "og:image:alt").as_deref(), Some("Quang cảnh"));
    assert_eq!(meta(&html, "og:image:type").as_deref(), Some("image/jpeg"));
    assert_eq!(html.matches("property=\"og:image\"").count(), 1);
    assert_eq!(ld_of(&html, "NewsArticle")["image"][0]["url"], og.as_str());

    // Without a picture: the small card and the theme's share card.
    for page in [
        "tin-tuc/chao-mung/index.html",
        "index.html",
        "tin-tuc/index.html",
    ] {
        let html = run.file(page);
        assert_eq!(
            meta(&html, "twitter:card").as_deref(),
            Some("summary"),
            "{page}"
        );
        let og = meta(&html, "og:image").unwrap();
        assert_eq!(og, "https://example.gov.vn/images/share-card.png", "{page}");
        assert_eq!(meta(&html, "og:image:width").as_deref(), Some("1200"));
        assert_eq!(meta(&html, "og:image:height").as_deref(), Some("630"));
        assert_eq!(
            meta(&html, "og:image:alt").as_deref(),
            Some("Trang tin thử nghiệm")
        );
    }
    let card = decode(
        &run,
        "https://example.gov.vn/images/share-card.png",
        "https://example.gov.vn",
    );
    assert_eq!((card.width(), card.height()), (1200, 630));
}

#[test]
fn share_image_in_config_replaces_the_theme_card() {
    let t = SiteTest::new("minimal");
    let config = t.read("config.yaml") + "share_image: anh/the-chia-se.jpg\n";
    let run = t
        .file("config.yaml", &config)
        .bytes("content/anh/the-chia-se.jpg", &jpeg(800, 420))
        .build(&[]);
    run.assert_success();
    let html = run.file("tin-tuc/chao-mung/index.html");
    assert_eq!(
        meta(&html, "og:image").as_deref(),
        Some("https://example.gov.vn/anh/the-chia-se.jpg")
    );
    assert_eq!(meta(&html, "og:image:width").as_deref(), Some("800"));
    assert_eq!(meta(&html, "og:image:height").as_deref(), Some("420"));
    assert!(run.has_file("anh/the-chia-se.jpg"));
    assert_eq!(
        ld_of(&html, "NewsArticle")["image"][0]["url"],
        "https://example.gov.vn/anh/the-chia-se.jpg"
    );
}

#[test]
fn share_image_that_is_also_a_lead_photo_is_published() {
    // Originals of processed photos stay private, but not the one named as the site's picture.
    let t = SiteTest::new("minimal");
    let config = t.read("config.yaml") + "share_image: tin-tuc/hoi-nghi/anh.jpg\n";
    let run = t
        .file("config.yaml", &config)
        .file(
            ARTICLE,
            "---\ntitle: \"Có ảnh\"\ndate: 2024-03-01T08:00:00+07:00\nimage: anh.jpg\nimage_alt: \"Quang cảnh\"\n---\nNội dung.\n",
        )
        .bytes("content/tin-tuc/hoi-nghi/anh.jpg", &jpeg(1300, 700))
        .build(&[]);
    run.assert_success();
    let html = run.file("tin-tuc/chao-mung/index.html");
    let og = meta(&html, "og:image").unwrap();
    assert_eq!(og, "https://example.gov.vn/tin-tuc/hoi-nghi/anh.jpg");
    let img = decode(&run, &og, "https://example.gov.vn");
    assert_eq!((img.width(), img.height()), (1300, 700));
}

#[test]
fn share_image_naming_no_picture_is_a_located_error() {
    let t = SiteTest::new("minimal");
    let config = t.read("config.yaml");
    let line = config.lines().count() + 1;
    let run = t
        .file(
            "config.yaml",
            &(config.clone() + "share_image: anh/khong-co.png\n"),
        )
        .build(&[]);
    run.assert_failure()
        .stderr_contains(&format!("config.yaml:{line}:1"))
        .stderr_contains("no file `anh/khong-co.png`");
    let t = SiteTest::new("minimal");
    let run = t
        .file("config.yaml", &(config + "logo: images/logo.svg\n"))
        .file(
            "content/images/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        )
        .build(&[]);
    run.assert_failure()
        .stderr_contains("expected a PNG, JPEG or WebP picture");
}

#[test]
fn svg_cover_gets_a_raster_share_image_of_1200_by_630() {
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450" viewBox="0 0 800 450"><rect width="800" height="450" fill="#1e7b34"/><text x="400" y="240" font-family="sans-serif" font-size="60" fill="#ffffff" text-anchor="middle">Lễ hội</text></svg>"##;
    let run = SiteTest::new("minimal")
        .file(
            ARTICLE,
            "---\ntitle: \"Ảnh SVG\"\ndate: 2024-03-01T08:00:00+07:00\nimage: bia.svg\nimage_alt: \"Bìa lễ hội\"\n---\nNội dung.\n",
        )
        .file("content/tin-tuc/hoi-nghi/bia.svg", svg)
        .build(&[]);
    run.assert_success();
    let html = run.file(PAGE);
    let og = meta(&html, "og:image").unwrap();
    assert!(
        og.starts_with("https://example.gov.vn/tin-tuc/hoi-nghi/bia-1200x630-")
            && og.ends_with(".png"),
        "{og}"
    );
    assert_eq!(meta(&html, "og:image:type").as_deref(), Some("image/png"));
    assert_eq!(
        meta(&html, "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    let img = decode(&run, &og, "https://example.gov.vn").to_rgb8();
    assert_eq!(img.dimensions(), (1200, 630));
    assert_eq!(img.get_pixel(20, 20).0, [0x1e, 0x7b, 0x34]);
    // The text is drawn: some white pixels in the middle.
    let white = (300..900)
        .flat_map(|x| (250..380).map(move |y| (x, y)))
        .filter(|(x, y)| img.get_pixel(*x, *y).0 == [255, 255, 255])
        .count();
    assert!(white > 500, "{white} white pixels: no text drawn");
    // The page still shows the SVG itself, which is published as it is.
    assert!(html.contains("src=\"/tin-tuc/hoi-nghi/bia.svg\""), "{html}");
    assert!(run.has_file("tin-tuc/hoi-nghi/bia.svg"));
    assert_eq!(ld_of(&html, "NewsArticle")["image"][0]["url"], og.as_str());
}

#[test]
fn a_broken_svg_cover_is_a_located_error() {
    let run = SiteTest::new("minimal")
        .file(
            ARTICLE,
            "---\ntitle: \"Ảnh SVG hỏng\"\ndate: 2024-03-01T08:00:00+07:00\nimage: bia.svg\nimage_alt: \"Bìa\"\n---\nNội dung.\n",
        )
        .file("content/tin-tuc/hoi-nghi/bia.svg", "<svg xmlns=")
        .build(&[]);
    run.assert_failure()
        .stderr_contains("content/tin-tuc/hoi-nghi/index.md:4:")
        .stderr_contains("bia.svg: cannot read the SVG");
}

#[test]
fn an_undated_page_is_a_web_page() {
    let run = SiteTest::new("minimal")
        .file(
            "content/gioi-thieu.md",
            "---\ntitle: \"Giới thiệu\"\n---\nVề chúng tôi.\n",
        )
        .file(
            "content/tin-tuc/moi.md",
            &article("Mới", "2024-01-01T08:00:00+07:00", "x"),
        )
        .build(&[]);
    run.assert_success();
    let ld = ld_of(&run.file("gioi-thieu/index.html"), "WebPage");
    assert_eq!(ld["headline"], "Giới thiệu");
    assert!(ld.get("datePublished").is_none(), "{ld}");
}
