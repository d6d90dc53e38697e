//! Share pictures: what `og:image`, `twitter:image` and structured data show
//! for a page. The site's own picture and the publisher's logo ([`Brand`],
//! from `share_image:` / `logo:` in config.yaml or the theme's
//! `static/images/share-card.png` and `static/images/emblem.png`), and the
//! rasterizing of SVG covers into a 1200×630 share image with resvg
//! ([`rasterize`]): social networks do not show SVG.

use super::Failure;
use super::derive::{self, Focus, Format};
use crate::error::Diagnostic;
use crate::site::Site;
use crate::theme::{StaticSource, Theme};
use serde::Serialize;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The theme's share card, used when `share_image:` is not set.
pub const DEFAULT_SHARE: &str = "images/share-card.png";
/// The theme's emblem, used as the publisher's logo when `logo:` is not set.
pub const DEFAULT_LOGO: &str = "images/emblem.png";
/// Bumped when the rasterized SVG share images change, so old cache entries are not reused.
pub const SVG_VERSION: u32 = 1;

/// A picture as share cards and structured data name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShareImage {
    /// Absolute URL.
    pub url: String,
    /// Known for published files, unknown for external URLs.
    pub width: Option<u32>,
    /// Height in pixels; known when `width` is.
    pub height: Option<u32>,
    /// `image/png`, `image/jpeg`, `image/webp` (unknown for external URLs).
    #[serde(rename = "type")]
    pub mime: Option<&'static str>,
}

/// The site-wide pictures.
#[derive(Debug, Clone, Default)]
pub struct Brand {
    /// `og:image` of pages without a picture of their own.
    pub share: Option<ShareImage>,
    /// The publisher's logo (structured data).
    pub logo: Option<ShareImage>,
    /// Output paths of the files above that come from `content/`: published
    /// even when they are photos whose originals are otherwise kept private.
    pub files: Vec<String>,
}

impl Brand {
    /// Resolve `share_image:` and `logo:` against the theme's static files and
    /// the files published from `content/`; a value naming no such picture is
    /// an error at its line of config.yaml.
    pub fn resolve(site: &Site, theme: &Theme, root: &Path) -> (Brand, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut files = Vec::new();
        let mut one = |key: &str, value: Option<&str>, default: &str| {
            let found = match value {
                None if theme.statics.contains_key(default) => resolve(site, theme, default),
                None => return None,
                Some(v) => resolve(site, theme, v),
            };
            if let Some(v) = value
                && found.is_ok()
                && !theme.statics.contains_key(v.trim_start_matches('/'))
            {
                files.push(v.trim_start_matches('/').to_string());
            }
            found
                .map_err(|failure| {
                    let text =
                        std::fs::read_to_string(root.join("config.yaml")).unwrap_or_default();
                    let (l, c) = crate::config::locate_key(&text, key);
                    let at = format!("`{key}`");
                    problems.push(failure.problem("config.yaml", &at).at(l, c));
                })
                .ok()
        };
        let share = one(
            "share_image",
            site.config.share_image.as_deref(),
            DEFAULT_SHARE,
        );
        let logo = one("logo", site.config.logo.as_deref(), DEFAULT_LOGO);
        (Brand { share, logo, files }, problems)
    }
}

/// A published picture named by its path in the output (or an absolute URL).
fn resolve(site: &Site, theme: &Theme, value: &str) -> Result<ShareImage, Failure> {
    let base = &site.config.base;
    if value.starts_with("https://") || value.starts_with("http://") {
        return Ok(ShareImage {
            url: value.to_string(),
            width: None,
            height: None,
            mime: None,
        });
    }
    let path = value.trim_start_matches('/');
    let format = Format::from_path(path)
        .ok_or_else(|| Failure::new("share-not-a-picture").arg("value", value))?;
    let bytes = match theme.statics.get(path) {
        Some(StaticSource::Embedded(b)) => Ok(b.to_vec()),
        Some(StaticSource::Disk(p)) => std::fs::read(p),
        None => match site.assets.iter().find(|a| a.output == path) {
            Some(a) => std::fs::read(&a.source),
            None => {
                return Err(Failure::new("share-no-file").arg("path", path));
            }
        },
    }
    .map_err(|e| unreadable(path, e))?;
    let (width, height) = image::ImageReader::new(std::io::Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| unreadable(path, e))?
        .into_dimensions()
        .map_err(|e| {
            Failure::new("share-not-readable")
                .arg("path", path)
                .detail(e)
        })?;
    Ok(ShareImage {
        url: base.absolute(&format!(
            "{}{}",
            base.root,
            crate::site::links::encode_path(path)
        )),
        width: Some(width),
        height: Some(height),
        mime: Some(format.mime()),
    })
}

/// `cannot read `{path}`: …`.
fn unreadable(path: &str, e: impl std::fmt::Display) -> Failure {
    Failure::new("share-unreadable").arg("path", path).detail(e)
}

/// The fonts SVG text is drawn with: the system's, loaded once per process
/// and only when an SVG is rasterized.
/// Also the family of text that names none (a browser's default: serif).
fn fonts() -> (Arc<resvg::usvg::fontdb::Database>, String) {
    type Fonts = (Arc<resvg::usvg::fontdb::Database>, String);
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = resvg::usvg::fontdb::Database::new();
            db.load_system_fonts();
            // fontdb maps the generic families to Windows fonts (Arial, Times
            // New Roman): map them to the first one installed that has
            // Vietnamese letters.
            let installed = |names: &[&'static str]| {
                names.iter().copied().find(|n| {
                    db.faces()
                        .any(|f| f.families.iter().any(|(family, _)| family == n))
                })
            };
            let sans = installed(&["Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial"]);
            let serif = installed(&[
                "Noto Serif",
                "DejaVu Serif",
                "Liberation Serif",
                "Times New Roman",
            ]);
            let mono = installed(&["Noto Sans Mono", "DejaVu Sans Mono", "Liberation Mono"]);
            if let Some(f) = sans {
                db.set_sans_serif_family(f);
            }
            if let Some(f) = serif {
                db.set_serif_family(f);
            }
            if let Some(f) = mono {
                db.set_monospace_family(f);
            }
            (Arc::new(db), serif.unwrap_or("Times New Roman").to_string())
        })
        .clone()
}

/// Draw an SVG at `width`×`height` on white, scaled to cover the whole frame
/// and cropped around `focus` (as photos are for their share image).
/// `dir` is where relative references inside the SVG are looked up.
pub fn rasterize(
    svg: &[u8],
    dir: &Path,
    (width, height): (u32, u32),
    focus: Focus,
) -> Result<image::DynamicImage, Failure> {
    use resvg::{tiny_skia, usvg};
    let (fontdb, font_family) = fonts();
    let opt = usvg::Options {
        resources_dir: Some(dir.to_path_buf()),
        fontdb,
        font_family,
        ..Default::default()
    };
    let tree =
        usvg::Tree::from_data(svg, &opt).map_err(|e| Failure::new("svg-unreadable").detail(e))?;
    let size = tree.size();
    let (sw, sh) = (f64::from(size.width()), f64::from(size.height()));
    let (w, h) = (f64::from(width), f64::from(height));
    let scale = (w / sw).max(h / sh);
    let tx = -(sw * scale - w) * focus.x;
    let ty = -(sh * scale - h) * focus.y;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| Failure::new("svg-cannot-draw").arg("size", format!("{width}×{height}")))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let transform =
        tiny_skia::Transform::from_row(scale as f32, 0.0, 0.0, scale as f32, tx as f32, ty as f32);
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    // Opaque on white: the premultiplied pixels are the plain ones.
    let rgba = image::RgbaImage::from_raw(width, height, pixmap.take())
        .ok_or_else(|| Failure::new("svg-wrong-size"))?;
    let rgb = image::DynamicImage::ImageRgba8(rgba).to_rgb8();
    Ok(image::DynamicImage::ImageRgb8(rgb))
}

/// [`rasterize`], encoded as PNG.
pub fn rasterize_png(
    svg: &[u8],
    dir: &Path,
    size: (u32, u32),
    focus: Focus,
) -> Result<Vec<u8>, Failure> {
    derive::encode(&rasterize(svg, dir, size, focus)?, Format::Png)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><rect width="100" height="100" fill="#ff0000"/><rect x="100" width="100" height="100" fill="#0000ff"/></svg>"##;

    #[test]
    fn svg_covers_the_frame_left_red_right_blue() {
        let img = rasterize(
            SVG.as_bytes(),
            Path::new("."),
            (1200, 630),
            Focus::default(),
        )
        .unwrap()
        .to_rgb8();
        assert_eq!(img.dimensions(), (1200, 630));
        // Scaled ×6.3 to cover the height, centred: red to x = 600, blue after.
        assert_eq!(img.get_pixel(10, 10).0, [255, 0, 0]);
        assert_eq!(img.get_pixel(1190, 620).0, [0, 0, 255]);
    }

    #[test]
    fn focus_moves_the_crop() {
        // Focus on the left edge: the left 1200 px of the 1260 px wide drawing.
        let left = Focus { x: 0.0, y: 0.5 };
        let img = rasterize(SVG.as_bytes(), Path::new("."), (1200, 630), left)
            .unwrap()
            .to_rgb8();
        assert_eq!(img.get_pixel(625, 300).0, [255, 0, 0]);
        let right = Focus { x: 1.0, y: 0.5 };
        let img = rasterize(SVG.as_bytes(), Path::new("."), (1200, 630), right)
            .unwrap()
            .to_rgb8();
        assert_eq!(img.get_pixel(575, 300).0, [0, 0, 255]);
    }

    #[test]
    fn transparent_svg_is_drawn_on_white() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#;
        let img = rasterize(svg.as_bytes(), Path::new("."), (120, 63), Focus::default())
            .unwrap()
            .to_rgb8();
        assert_eq!(img.get_pixel(60, 30).0, [255, 255, 255]);
    }

    #[test]
    fn broken_svg_is_a_sentence() {
        let e = rasterize(b"<svg", Path::new("."), (120, 63), Focus::default()).unwrap_err();
        assert!(e.to_string().starts_with("cannot read the SVG"), "{e}");
    }
}
