//! Regenerates the default theme's raster images from their SVG sources in
//! `tools/theme-art/`, with the same renderer (resvg) the build uses for SVG
//! covers:
//!
//! - `emblem.svg` → `themes/default/static/images/emblem.png` (512×512, the
//!   publisher's logo in structured data);
//! - `share-card.svg` → `themes/default/static/images/share-card.png`
//!   (1200×630, `og:image` of pages without a picture of their own).
//!
//! Run from the repository root: `cargo run --example theme_images`. Text is
//! drawn with the system's fonts (the sources name DejaVu and Liberation,
//! which cover Vietnamese); commit the PNG files it writes.

use resvg::{tiny_skia, usvg};
use std::path::Path;

const JOBS: [(&str, &str); 2] = [
    ("emblem.svg", "emblem.png"),
    ("share-card.svg", "share-card.png"),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let art = root.join("tools/theme-art");
    let out = root.join("themes/default/static/images");
    std::fs::create_dir_all(&out)?;
    let mut opt = usvg::Options::default();
    opt.fontdb_mut().load_system_fonts();
    for (svg, png) in JOBS {
        let data = std::fs::read(art.join(svg))?;
        let tree = usvg::Tree::from_data(&data, &opt)?;
        let size = tree.size().to_int_size();
        let mut pixmap =
            tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("empty picture")?;
        resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
        // Through `image` (straight alpha, smaller files than tiny-skia's encoder).
        let rgba =
            image::RgbaImage::from_raw(size.width(), size.height(), pixmap.take_demultiplied())
                .ok_or("unexpected pixel buffer")?;
        let opaque = rgba.pixels().all(|p| p.0[3] == 255);
        let img = if opaque {
            image::DynamicImage::ImageRgb8(image::DynamicImage::ImageRgba8(rgba).to_rgb8())
        } else {
            image::DynamicImage::ImageRgba8(rgba)
        };
        let mut bytes = Vec::new();
        image::codecs::png::PngEncoder::new_with_quality(
            &mut bytes,
            image::codecs::png::CompressionType::Best,
            image::codecs::png::FilterType::Adaptive,
        )
        .write_image(
            img.as_bytes(),
            img.width(),
            img.height(),
            img.color().into(),
        )?;
        std::fs::write(out.join(png), &bytes)?;
        println!(
            "{png}: {}×{}, {} bytes",
            size.width(),
            size.height(),
            bytes.len()
        );
    }
    Ok(())
}

use image::ImageEncoder;
