//! Make the default theme's favicon set from its SVG emblem
//! (`themes/default/static/favicon.svg`): PNGs of 32, 180 (Apple touch
//! icon, on a square background since iOS rounds the corners itself), 192
//! and 512 pixels, and `favicon.ico` holding 16, 32 and 48. The generated
//! files are committed; run again after editing the SVG:
//!
//!     cargo run --example make_icons

use std::path::Path;

/// Output file, edge in pixels, and whether the corners stay rounded.
const PNGS: [(&str, u32, bool); 4] = [
    ("favicon-32.png", 32, true),
    ("apple-touch-icon.png", 180, false),
    ("icon-192.png", 192, true),
    ("icon-512.png", 512, true),
];
const ICO_SIZES: [u32; 3] = [16, 32, 48];

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
    let svg = std::fs::read_to_string(dir.join("favicon.svg")).expect("read favicon.svg");
    for (name, size, rounded) in PNGS {
        let source = if rounded {
            svg.clone()
        } else {
            svg.replacen("rx=\"12\"", "rx=\"0\"", 1)
        };
        let png = rasterize(&source, size)
            .encode_png()
            .expect("encode the PNG");
        std::fs::write(dir.join(name), &png).expect("write the PNG");
        println!("{name}: {size}×{size}, {} bytes", png.len());
    }
    let mut icon = ico::IconDir::new(ico::ResourceType::Icon);
    for size in ICO_SIZES {
        let pixmap = rasterize(&svg, size);
        let image = ico::IconImage::from_rgba_data(size, size, unpremultiplied(&pixmap));
        icon.add_entry(ico::IconDirEntry::encode(&image).expect("encode an ICO entry"));
    }
    let mut bytes = Vec::new();
    icon.write(&mut bytes).expect("write the ICO");
    std::fs::write(dir.join("favicon.ico"), &bytes).expect("write favicon.ico");
    println!("favicon.ico: {ICO_SIZES:?}, {} bytes", bytes.len());
}

/// The SVG drawn on a `size`×`size` canvas.
fn rasterize(svg: &str, size: u32) -> resvg::tiny_skia::Pixmap {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default())
        .expect("parse favicon.svg");
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size, size).expect("a canvas");
    let scale = size as f32 / tree.size().width();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
}

/// RGBA with straight alpha, as ICO entries hold it (tiny-skia premultiplies).
fn unpremultiplied(pixmap: &resvg::tiny_skia::Pixmap) -> Vec<u8> {
    pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect()
}
