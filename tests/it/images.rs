//! Photos (issue 9): derivatives with the right sizes, no metadata in any
//! published image, originals private unless asked, figure/srcset markup, the
//! disk cache, `resize_image` in a theme, and bad images as located errors.
//! Test photos are made here with real EXIF (orientation, GPS) and XMP.

use crate::util::{Run, SiteTest};
use std::io::Cursor;

#[path = "photo_gen.rs"]
pub mod photo_gen;

const ARTICLE: &str = "content/tin-tuc/hoi-nghi/index.md";

/// A bundle article with a lead photo (stored sideways, EXIF orientation 6),
/// a captioned body photo, an uncaptioned one inside text, a PNG with alpha,
/// an external image and a PDF attachment.
fn photo_site() -> SiteTest {
    SiteTest::new("minimal")
        .file(
            ARTICLE,
            "---\ntitle: \"Hội nghị có ảnh\"\ndate: 2024-03-01T08:00:00+07:00\ncategory: \"Tin ảnh\"\nimage: anh-dai-dien.jpg\nimage_alt: \"Quang cảnh hội nghị\"\nimage_caption: \"Các đại biểu dự hội nghị.\"\nimage_credit: \"Nguyễn Văn A\"\nimage_focus: \"30% 40%\"\n---\nĐoạn mở đầu.\n\n![Đại biểu phát biểu](than-bai.jpg \"Đại biểu phát biểu tại hội nghị.\")\n\nTrong dòng ![biểu tượng](logo.png) có ảnh, và ![ảnh ngoài](https://example.com/a.jpg).\n\nTải [tài liệu](tai-lieu.pdf).\n",
        )
        .bytes(
            "content/tin-tuc/hoi-nghi/anh-dai-dien.jpg",
            &photo_gen::jpeg(1000, 750, 6, true),
        )
        .bytes(
            "content/tin-tuc/hoi-nghi/than-bai.jpg",
            &photo_gen::jpeg(800, 600, 1, true),
        )
        .bytes(
            "content/tin-tuc/hoi-nghi/logo.png",
            &photo_gen::png_rgba(300, 200),
        )
        .bytes("content/tin-tuc/hoi-nghi/tai-lieu.pdf", b"%PDF-1.4\n%%EOF\n")
}

/// `(url, width descriptor)` pairs of every `srcset` in `html`.
fn srcsets(html: &str) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    for part in html.split("srcset=\"").skip(1) {
        let set = &part[..part.find('"').unwrap()];
        for item in set.split(", ") {
            let (url, w) = item.rsplit_once(' ').unwrap();
            out.push((url.to_string(), w.trim_end_matches('w').parse().unwrap()));
        }
    }
    out
}

fn dims(run: &Run, url: &str) -> (u32, u32) {
    let rel = url.trim_start_matches('/');
    let img = image::load_from_memory(&std::fs::read(run.out_path(rel)).unwrap())
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    (img.width(), img.height())
}

/// EXIF fields of an image file, as a real EXIF parser reads them (empty when there is none).
fn exif_tags(bytes: &[u8]) -> Vec<exif::Tag> {
    match exif::Reader::new().read_from_container(&mut Cursor::new(bytes)) {
        Ok(e) => e.fields().map(|f| f.tag).collect(),
        Err(_) => Vec::new(),
    }
}

fn is_image(path: &str) -> bool {
    let p = path.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".webp"]
        .iter()
        .any(|e| p.ends_with(e))
}

/// Published image files that carry GPS in EXIF or an XMP packet.
fn images_with_location(run: &Run) -> Vec<String> {
    run.files()
        .into_iter()
        .filter(|(p, _)| is_image(p))
        .filter(|(_, bytes)| {
            let tags = exif_tags(bytes);
            tags.iter()
                .any(|t| t.context() == exif::Context::Gps || *t == exif::Tag::GPSInfoIFDPointer)
                || bytes.windows(26).any(|w| w == b"http://ns.adobe.com/xap/1")
        })
        .map(|(p, _)| p)
        .collect()
}

#[test]
fn test_photos_really_carry_gps() {
    // The fixtures must carry what the build has to strip, or the tests below prove nothing.
    let jpeg = photo_gen::jpeg(64, 48, 6, true);
    let tags = exif_tags(&jpeg);
    assert!(tags.contains(&exif::Tag::GPSLatitude), "{tags:?}");
    assert!(tags.contains(&exif::Tag::Orientation), "{tags:?}");
    assert!(exif_tags(&photo_gen::png_rgba(10, 10)).contains(&exif::Tag::GPSLongitude));
}

#[test]
fn derivatives_markup_and_privacy() {
    let site = photo_site();
    let run = site.build(&[]);
    run.assert_success();
    let page = run.file("tin-tuc/hoi-nghi/index.html");

    // Lead image: a figure with caption and credit, not lazy, WebP source and JPEG srcset.
    let lead = &page[page.find("<figure class=\"article__image\">").unwrap()..];
    let lead = &lead[..lead.find("</figure>").unwrap()];
    assert!(lead.contains("<source type=\"image/webp\""), "{lead}");
    assert!(lead.contains("Các đại biểu dự hội nghị."), "{lead}");
    assert!(lead.contains("Ảnh: Nguyễn Văn A"), "{lead}");
    assert!(!lead.contains("loading=\"lazy\""), "{lead}");
    assert!(lead.contains("decoding=\"async\""), "{lead}");
    // Stored 750×1000 with orientation 6: published upright, 1000×750, sky on top.
    let lead_sets = srcsets(lead);
    assert!(!lead_sets.is_empty());
    for (url, w) in &lead_sets {
        let (dw, dh) = dims(&run, url);
        assert_eq!(dw, *w, "{url}");
        assert_eq!(dh, (dw * 3 + 2) / 4, "{url}: upright 4:3 expected");
    }
    let upright = image::load_from_memory(
        &std::fs::read(run.out_path(lead_sets[0].0.trim_start_matches('/'))).unwrap(),
    )
    .unwrap()
    .to_rgb8();
    let (top, bottom) = (upright.get_pixel(40, 5).0, upright.get_pixel(40, 350).0);
    assert!(
        top[2] > top[1] && top[2] > 150,
        "sky (blue) on top: {top:?}"
    );
    assert!(bottom[1] > bottom[2], "land (green) below: {bottom:?}");
    let widths: Vec<u32> = lead_sets.iter().map(|(_, w)| *w).collect();
    assert_eq!(widths, [480, 960, 1000, 480, 960, 1000], "never upscaled");
    assert!(lead_sets.iter().any(|(u, _)| u.ends_with(".webp")));
    assert!(lead_sets.iter().any(|(u, _)| u.ends_with(".jpg")));

    // og:image: an absolute URL of a 1200:630 crop (smaller here: the photo is 1000 wide).
    let og = page
        .split("<meta property=\"og:image\" content=\"")
        .nth(1)
        .unwrap();
    let og = &og[..og.find('"').unwrap()];
    let og_path = og.strip_prefix("https://example.gov.vn").unwrap();
    assert_eq!(dims(&run, og_path), (1000, 525));

    // Body image with a title: a figure (not inside a paragraph), lazy, with width/height.
    let fig = &page[page.find("<figure class=\"figure\">").expect(&page)..];
    let fig = &fig[..fig.find("</figure>").unwrap()];
    assert!(
        fig.contains("<figcaption>Đại biểu phát biểu tại hội nghị.</figcaption>"),
        "{fig}"
    );
    assert!(fig.contains("alt=\"Đại biểu phát biểu\""), "{fig}");
    assert!(
        fig.contains("width=\"800\" height=\"600\""),
        "800 px photo: its own width is the widest: {fig}"
    );
    assert!(fig.contains("loading=\"lazy\" decoding=\"async\""), "{fig}");
    assert!(
        !page.contains("<p><figure"),
        "a figure cannot sit in a paragraph"
    );
    // Inline PNG: a picture with its WebP source, inside the paragraph; the external image is untouched.
    assert!(
        page.contains("Trong dòng <picture><source type=\"image/webp\""),
        "{page}"
    );
    assert!(
        page.contains("<img src=\"https://example.com/a.jpg\" alt=\"ảnh ngoài\""),
        "{page}"
    );
    for (url, w) in srcsets(fig) {
        assert_eq!(dims(&run, &url), (w, w * 3 / 4), "{url}");
    }

    // Thumbnails in listings: cropped to 3:2.
    let home = run.file("index.html");
    let thumb = &home[home.find("card__thumb").expect(&home)..];
    let thumb = &thumb[..thumb.find("</div>").unwrap()];
    let thumbs = srcsets(thumb);
    assert_eq!(
        thumbs.iter().map(|(_, w)| *w).collect::<Vec<_>>(),
        [320, 640, 960, 320, 640, 960]
    );
    for (url, w) in &thumbs {
        assert_eq!(dims(&run, url), (*w, w * 2 / 3), "{url}");
    }

    // Privacy: no published image carries GPS or XMP; originals are not published; other files are.
    let located = images_with_location(&run);
    assert!(located.is_empty(), "published with location: {located:?}");
    // The article's photos (the theme's icons aside).
    let published: Vec<String> = run
        .files()
        .into_keys()
        .filter(|p| is_image(p) && p.starts_with("tin-tuc/"))
        .collect();
    assert_eq!(published.len(), 19, "{published:?}");
    for p in &published {
        let tags = exif_tags(&run.files()[p]);
        assert!(tags.is_empty(), "{p} carries EXIF {tags:?}");
    }
    run.assert_no_file("tin-tuc/hoi-nghi/anh-dai-dien.jpg")
        .assert_no_file("tin-tuc/hoi-nghi/than-bai.jpg")
        .assert_no_file("tin-tuc/hoi-nghi/logo.png")
        .assert_file("tin-tuc/hoi-nghi/tai-lieu.pdf");
    // The PNG keeps its transparency.
    let png = srcsets(&page[page.find("Trong dòng").unwrap()..])
        .into_iter()
        .find(|(u, _)| u.ends_with(".png"))
        .unwrap();
    let img = image::load_from_memory(
        &std::fs::read(run.out_path(png.0.trim_start_matches('/'))).unwrap(),
    )
    .unwrap();
    assert!(img.color().has_alpha());
    assert_eq!(img.to_rgba8().get_pixel(0, 0).0[3], 0);
}

#[test]
fn a_plain_link_to_a_private_original_is_a_warning() {
    let site = photo_site();
    let text = site.read(ARTICLE) + "\nTải [ảnh gốc](than-bai.jpg).\n";
    site.write(ARTICLE, text);
    // The link leads nowhere on the published site: an error, in build as
    // in check (tests/it/agree.rs); the warning says why.
    site.build(&[])
        .assert_failure()
        .stderr_contains("content/tin-tuc/hoi-nghi/index.md:19:5: warning: this links to the original photo content/tin-tuc/hoi-nghi/than-bai.jpg, which is not published")
        .stderr_contains("content/tin-tuc/hoi-nghi/index.md:19:5: error: link leads nowhere");
    let config = site.read("config.yaml") + "publish_originals: true\n";
    site.write("config.yaml", config);
    let run = site.build(&[]);
    run.assert_success();
    assert!(!run.stderr().contains("warning"), "{}", run.stderr());
}

#[test]
fn originals_are_published_when_asked() {
    let site = photo_site();
    let config = site.read("config.yaml") + "publish_originals: true\n";
    site.write("config.yaml", config);
    let run = site.build(&[]);
    run.assert_success()
        .assert_file("tin-tuc/hoi-nghi/anh-dai-dien.jpg")
        .assert_file("tin-tuc/hoi-nghi/than-bai.jpg");
    // As the user asked: the originals keep their metadata, the derivatives do not.
    let located = images_with_location(&run);
    assert_eq!(located.len(), 3, "{located:?}");
}

/// `(photos, decoded, encoded, from cache)` from `build --timings`.
fn image_work(run: &Run) -> (usize, usize, usize, usize) {
    let err = run.stderr();
    let line = err
        .lines()
        .find(|l| l.trim_start().starts_with("images:"))
        .unwrap_or_else(|| panic!("{err}"));
    let n: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|s| s.parse().ok())
        .collect();
    (n[0], n[1], n[2], n[3])
}

#[test]
fn warm_cache_does_no_image_work() {
    let site = photo_site();
    let first = site.build(&["--timings"]);
    first.assert_success();
    let (photos, decoded, encoded, _) = image_work(&first);
    assert_eq!((photos, decoded), (3, 3));
    assert_eq!(encoded, 19);
    assert!(site.path(".bantin-cache/images").is_dir());
    assert_eq!(site.read(".bantin-cache/.gitignore"), "*\n");

    let second = site.build(&["--timings"]);
    second.assert_success();
    assert_eq!(image_work(&second), (3, 0, 0, encoded));
    assert_eq!(
        first.file("tin-tuc/hoi-nghi/index.html"),
        second.file("tin-tuc/hoi-nghi/index.html")
    );

    // A changed photo is processed again; the others still come from the cache.
    site.write(
        "content/tin-tuc/hoi-nghi/than-bai.jpg",
        photo_gen::jpeg(640, 480, 1, false),
    );
    let third = site.build(&["--timings"]);
    third.assert_success();
    let (_, decoded, encoded, reused) = image_work(&third);
    assert_eq!(decoded, 1);
    assert!(encoded > 0 && reused > 0, "{encoded} {reused}");
    third.assert_file_contains(
        "tin-tuc/hoi-nghi/index.html",
        "width=\"640\" height=\"480\"",
    );
}

#[test]
fn missing_alt_is_an_error_at_the_image_line() {
    let run = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/anh.md",
            "---\ntitle: Ảnh\ndate: 2024-03-01\nimage: anh.jpg\n---\nThân bài.\n",
        )
        .bytes(
            "content/tin-tuc/anh.jpg",
            &photo_gen::jpeg(64, 48, 1, false),
        )
        .build(&[]);
    run.assert_failure()
        .stderr_contains("content/tin-tuc/anh.md:4:1: error: missing `image_alt`");
}

#[test]
fn bad_focus_is_located() {
    let run = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/anh.md",
            "---\ntitle: Ảnh\ndate: 2024-03-01\nimage: anh.jpg\nimage_alt: Ảnh\nimage_focus: giữa\n---\n",
        )
        .bytes("content/tin-tuc/anh.jpg", &photo_gen::jpeg(64, 48, 1, false))
        .build(&[]);
    run.assert_failure()
        .stderr_contains("content/tin-tuc/anh.md:6:1: error: expected a focal point");
}

#[test]
fn bad_images_are_located_errors_not_panics() {
    let good = photo_gen::jpeg(400, 300, 1, true);
    // A JPEG whose header claims 12000 × 10000 pixels (120 MP): refused before decoding.
    let mut huge = photo_gen::jpeg(16, 16, 1, false);
    let sof = huge.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    huge[sof + 5..sof + 7].copy_from_slice(&10000u16.to_be_bytes());
    huge[sof + 7..sof + 9].copy_from_slice(&12000u16.to_be_bytes());
    let run = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/anh.md",
            "---\ntitle: Ảnh\ndate: 2024-03-01\nimage: hong.jpg\nimage_alt: Ảnh hỏng\n---\nMở đầu.\n\n![cắt cụt](cat-cut.jpg)\n\n![không phải ảnh](van-ban.png \"Chú thích\")\n\n![quá lớn](qua-lon.jpg)\n\n![không có](khong-co.jpg)\n",
        )
        .bytes("content/tin-tuc/hong.jpg", b"\xFF\xD8\xFF\xE0 this is not really a JPEG at all")
        .bytes("content/tin-tuc/cat-cut.jpg", &good[..good.len() / 2])
        .bytes("content/tin-tuc/van-ban.png", "Đây là văn bản, không phải ảnh.".as_bytes())
        .bytes("content/tin-tuc/qua-lon.jpg", &huge)
        .build(&[]);
    run.assert_failure();
    let err = run.stderr();
    assert!(!err.contains("panicked"), "{err}");
    for needle in [
        "content/tin-tuc/anh.md:4:1: error: content/tin-tuc/hong.jpg: ",
        "content/tin-tuc/anh.md:9:1: error: content/tin-tuc/cat-cut.jpg: ",
        "content/tin-tuc/anh.md:11:1: error: content/tin-tuc/van-ban.png: not an image",
        "content/tin-tuc/anh.md:13:1: error: content/tin-tuc/qua-lon.jpg: the photo is too large to process: 12000 × 10000 pixels",
        "content/tin-tuc/anh.md:15:1: error: image target not found: `khong-co.jpg`",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in\n{err}");
    }
}

#[test]
fn fifty_megapixel_photo_is_processed_within_bounds() {
    // 8200 × 6100 = 50 MP, within the 64 MP bound (a flat colour, so that making it is quick).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lon.jpg");
    let buf = vec![120u8; 8200 * 6100 * 3];
    image::save_buffer_with_format(
        &path,
        &buf,
        8200,
        6100,
        image::ExtendedColorType::Rgb8,
        image::ImageFormat::Jpeg,
    )
    .unwrap();
    let run = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/lon.md",
            "---\ntitle: Ảnh lớn\ndate: 2024-03-01\n---\n![ảnh 50 MP](lon.jpg \"Ảnh 50 megapixel.\")\n",
        )
        .bytes("content/tin-tuc/lon.jpg", &std::fs::read(&path).unwrap())
        .build(&[]);
    run.assert_success()
        .assert_file_contains("tin-tuc/lon/index.html", "1600w")
        .assert_no_file("tin-tuc/lon.jpg");
}

#[test]
fn resize_image_in_a_theme_override() {
    let site = photo_site();
    let config = site.read("config.yaml") + "theme: anh\n";
    site.write("config.yaml", config);
    site.write(
        "themes/anh/templates/partials/sidebar.html",
        "<aside>{% set a = resize_image(path=\"tin-tuc/hoi-nghi/than-bai.jpg\", width=200, height=200, op=\"fill\", format=\"webp\") %}<img class=\"sq\" src=\"{{ a.url }}\" width=\"{{ a.width }}\" height=\"{{ a.height }}\" alt=\"\">{% if page is defined and page.title == \"Hội nghị có ảnh\" %}{% set b = resize_image(path=\"than-bai.jpg\", width=100) %}<img class=\"rel\" src=\"{{ b.url }}\" width=\"{{ b.width }}\" height=\"{{ b.height }}\" alt=\"\">{% endif %}</aside>",
    );
    let run = site.build(&[]);
    run.assert_success();
    let page = run.file("tin-tuc/hoi-nghi/index.html");
    let src = |class: &str| {
        let s =
            &page[page.find(&format!("class=\"{class}\" src=\"")).unwrap() + class.len() + 14..];
        s[..s.find('"').unwrap()].to_string()
    };
    let sq = src("sq");
    assert!(sq.ends_with(".webp"), "{sq}");
    assert!(page.contains("width=\"200\" height=\"200\""), "{page}");
    assert_eq!(dims(&run, &sq), (200, 200));
    // Relative to the page being rendered: 100 wide, ratio kept.
    let rel = src("rel");
    assert_eq!(dims(&run, &rel), (100, 75));
    assert!(images_with_location(&run).is_empty());
    // A bad call names the template and line.
    site.write(
        "themes/anh/templates/partials/sidebar.html",
        "<aside>\n{% set x = resize_image(path=\"khong-co.jpg\", width=10) %}{{ x.url }}</aside>",
    );
    site.build(&[])
        .assert_failure()
        .stderr_contains("themes/anh/templates/partials/sidebar.html:2")
        .stderr_contains("resize_image: no file `khong-co.jpg`");
}

#[test]
fn sample_photos_look_right_on_a_phone() {
    // The sample site in headless Chromium at 390×844 (2×): pictures load, WebP
    // copies sharp enough for the screen, nothing stretched or too wide;
    // screenshots for a look (kept in the temp folder).
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let run = crate::util::bantin_in(
        out.path(),
        &crate::util::repo_root(),
        &["--quiet", "build", "--output", public.to_str().unwrap()],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let shot = out.path().join("phone.png");
    let report = crate::util::run_browser_script(
        "images.js",
        &[public.to_str().unwrap(), shot.to_str().unwrap()],
    );
    assert!(
        report.contains("ok - home: no sideways scrolling"),
        "{report}"
    );
    let png = image::open(&shot).unwrap();
    assert_eq!((png.width(), png.height()), (780, 1688));
}
