//! Stage 2½ — images: between the model and rendering, every photo used as a
//! lead image (`image:` in front matter) or in a body (`![alt](photo.jpg)`)
//! gets its derivatives — resized copies in WebP and in its own format, a
//! cropped thumbnail and a 1200×630 social-media image — made in parallel,
//! without metadata (EXIF, XMP, GPS), and kept in an on-disk cache
//! (`<site>/.bantin-cache/images/`, keyed by content hash and parameters) so
//! that a rebuild with unchanged photos decodes and encodes nothing.
//!
//! [`process`] returns its own result, [`Images`], which the driver hands to
//! render beside the model (`render::Input::photos`); the render stage reads it: the
//! Markdown renderer asks
//! [`BodyImages`](crate::render::photos::BodyImages) for
//! `<picture>`/`<figure>` markup, views hand [`LeadImage`] to templates, and
//! the Tera function `resize_image`
//! ([`register`](crate::render::photos::register)) makes more derivatives on
//! demand with the same cache. After rendering, [`Images::publish`] adds the
//! derivatives to the files to write and drops the originals they were made from (unless
//! `publish_originals: true`). An SVG cover gets a rasterized 1200×630 share
//! image ([`share`]), and the site's share picture and logo are resolved
//! here too. docs/images.md describes it for users.

pub mod derive;
mod disk;
mod failure;
mod on_demand;
pub mod share;
mod stage;
mod svg;

pub use failure::Failure;
pub use stage::process;

use crate::output::Copy;
use crate::site::Site;
use crate::site::links::{LinkTable, Resolved, encode_path};
use derive::{Focus, Format};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Widths of the resized copies of a photo (never wider than the photo itself).
pub const WIDTHS: [u32; 3] = [480, 960, 1600];
/// The `src` of an `<img>` is the widest copy up to this width.
pub const FALLBACK_WIDTH: u32 = 960;
/// Widths of the cropped thumbnails in listings (960: full width on a 2× phone screen).
pub const THUMB_WIDTHS: [u32; 3] = [320, 640, 960];
/// Ratio of the thumbnails (width : height).
pub const THUMB_RATIO: (u32, u32) = (3, 2);
/// Size of the `og:image` derivative.
pub const OG_SIZE: (u32, u32) = (1200, 630);
/// `sizes` of images in the article column (default theme layout).
pub const CONTENT_SIZES: &str = "(min-width: 62em) 44rem, 100vw";
/// `sizes` of listing thumbnails (default theme layout).
pub const THUMB_SIZES: &str = "(max-width: 40em) 100vw, 11rem";
/// The cache folder, relative to the site root.
pub const CACHE_DIR: &str = ".bantin-cache/images";

/// How much image work a build did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Source photos used (lead, body and template images).
    pub sources: usize,
    /// Photos decoded (only when a derivative was missing from the cache).
    pub decoded: usize,
    /// Derivatives encoded.
    pub encoded: usize,
    /// Derivatives taken from the cache.
    pub reused: usize,
}

/// One resized copy, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct Variant {
    /// Root-relative, percent-encoded URL of the published derivative
    /// (absolute for the `og:image` one).
    pub url: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// A responsive image: an `<img>` (`src`, `width`, `height`, `srcset` in the
/// source's format) and, unless the source is WebP, a WebP `srcset` for a `<source>`.
#[derive(Debug, Clone, Serialize)]
pub struct Picture {
    /// URL of the `<img>` fallback: the widest copy up to [`FALLBACK_WIDTH`].
    pub src: String,
    /// Width in pixels of the fallback, for the `<img>`'s `width` attribute.
    pub width: u32,
    /// Height in pixels of the fallback, for the `<img>`'s `height` attribute.
    pub height: u32,
    /// Every copy in the source's format: `/a-480x320-….jpg 480w, …`.
    pub srcset: String,
    /// The WebP copies, as `srcset`; `None` when the source is WebP itself.
    pub webp_srcset: Option<String>,
    /// The `sizes` attribute: [`CONTENT_SIZES`] or [`THUMB_SIZES`].
    pub sizes: &'static str,
}

/// A lead image (`image:` in front matter) as templates get it in `card.picture`.
#[derive(Debug, Clone, Serialize)]
pub struct LeadImage {
    /// The full image for the article page.
    pub image: Picture,
    /// Cropped to [`THUMB_RATIO`] around the focal point, for listings.
    pub thumb: Picture,
    /// 1200×630 (or smaller, never upscaled) crop for `og:image`; `url` is absolute.
    pub og: Variant,
    /// The focal point, CSS style (`"50% 50%"`).
    pub focus: String,
}

/// A source photo under `content/`.
struct Source {
    rel: String,
    path: PathBuf,
    /// Where the original would be published (derivatives go next to it).
    output: String,
    format: Format,
}

/// What the build asks of one source photo.
#[derive(Default)]
struct Job {
    display: bool,
    leads: Vec<(usize, Focus)>,
    /// Where the photo is used: file, line, column.
    places: Vec<(PathBuf, usize, usize)>,
}

/// The image stage's result and the shared, thread-safe state of on-demand processing.
#[derive(Default)]
pub struct Images {
    cache_dir: PathBuf,
    base: Option<crate::config::BaseUrl>,
    publish_originals: bool,
    /// Content path → (file on disk, output path) of every published content file.
    assets: HashMap<String, (PathBuf, String)>,
    /// URL of an original → its content path.
    by_url: HashMap<String, String>,
    /// Article URL → its folder under `content/` (`resize_image` paths relative to the page).
    page_dirs: HashMap<String, String>,
    /// Body images by content path.
    pictures: HashMap<String, Picture>,
    /// Lead images by article id.
    leads: HashMap<usize, LeadImage>,
    /// Share images rasterized from SVG covers, by article id (`url` absolute).
    svg_shares: HashMap<usize, Variant>,
    /// The site's share picture and the publisher's logo.
    brand: share::Brand,
    /// Content hash by content path.
    hashes: Mutex<HashMap<String, String>>,
    /// `resize_image` results by cache key.
    on_demand: Mutex<HashMap<String, Variant>>,
    /// Output path → cache file of every derivative to publish.
    produced: Mutex<BTreeMap<String, PathBuf>>,
    /// Sources whose originals are not published.
    used: Mutex<HashSet<PathBuf>>,
    decoded: AtomicUsize,
    encoded: AtomicUsize,
    reused: AtomicUsize,
}

impl std::fmt::Debug for Images {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Images")
            .field("pictures", &self.pictures.len())
            .field("leads", &self.leads.len())
            .field("stats", &self.stats())
            .finish()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn srcset(vs: &[Variant]) -> String {
    vs.iter()
        .map(|v| format!("{} {}w", v.url, v.width))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `<img>` fallback: the widest variant up to [`FALLBACK_WIDTH`] (or the narrowest).
fn fallback(vs: &[Variant]) -> &Variant {
    vs.iter()
        .rev()
        .find(|v| v.width <= FALLBACK_WIDTH)
        .unwrap_or(&vs[0])
}

fn picture(main: &[Variant], webp: &[Variant], sizes: &'static str) -> Picture {
    let f = fallback(main);
    Picture {
        src: f.url.clone(),
        width: f.width,
        height: f.height,
        srcset: srcset(main),
        webp_srcset: (!webp.is_empty()).then(|| srcset(webp)),
        sizes,
    }
}

impl Images {
    fn new(site: &Site, root: &Path) -> Images {
        let base = &site.config.base;
        let mut assets = HashMap::new();
        let mut by_url = HashMap::new();
        for a in &site.assets {
            let shown = a.shown.to_string_lossy();
            let rel = shown.strip_prefix("content/").unwrap_or(&shown).to_string();
            by_url.insert(
                format!("{}{}", base.root, encode_path(&a.output)),
                rel.clone(),
            );
            assets.insert(rel, (a.source.clone(), a.output.clone()));
        }
        Images {
            cache_dir: root.join(CACHE_DIR),
            base: Some(base.clone()),
            publish_originals: site.config.publish_originals,
            assets,
            by_url,
            page_dirs: site
                .articles
                .iter()
                .map(|a| (a.url.clone(), a.dir.clone()))
                .collect(),
            ..Default::default()
        }
    }

    /// The content path of a processable photo written `dest` in folder `dir`.
    fn local_source(&self, links: &LinkTable, dir: &str, dest: &str) -> Option<String> {
        match links.resolve(dir, dest) {
            Resolved::Url(u) => {
                let path = u.split(['#', '?']).next().unwrap_or(&u);
                let rel = self.by_url.get(path)?;
                Format::from_path(rel).map(|_| rel.clone())
            }
            _ => None,
        }
    }

    /// The responsive image for a body image written `dest` in folder `dir`.
    pub fn body_picture(&self, links: &LinkTable, dir: &str, dest: &str) -> Option<&Picture> {
        if self.pictures.is_empty() {
            return None;
        }
        self.pictures.get(&self.local_source(links, dir, dest)?)
    }

    /// The lead image of an article.
    pub fn lead(&self, id: usize) -> Option<&LeadImage> {
        self.leads.get(&id)
    }

    /// The share picture of an article (`og:image`): the 1200×630 crop of its
    /// photo, or the rasterized SVG cover; `url` is absolute.
    pub fn share(&self, id: usize) -> Option<share::ShareImage> {
        let v = self
            .leads
            .get(&id)
            .map(|l| &l.og)
            .or_else(|| self.svg_shares.get(&id))?;
        Some(share::ShareImage {
            url: v.url.clone(),
            width: Some(v.width),
            height: Some(v.height),
            mime: Format::from_path(&v.url).map(Format::mime),
        })
    }

    /// The site's share picture and the publisher's logo.
    pub fn brand(&self) -> &share::Brand {
        &self.brand
    }

    /// What the build did so far.
    pub fn stats(&self) -> Stats {
        Stats {
            sources: lock(&self.used).len(),
            decoded: self.decoded.load(Ordering::Relaxed),
            encoded: self.encoded.load(Ordering::Relaxed),
            reused: self.reused.load(Ordering::Relaxed),
        }
    }

    /// Add every derivative to the files to copy into the output; drop the
    /// originals they were made from unless `publish_originals: true`.
    pub fn publish(&self, copies: &mut Vec<Copy>) {
        if !self.publish_originals {
            let used = lock(&self.used);
            copies.retain(|c| !used.contains(&c.from) || self.brand.files.contains(&c.to));
        }
        for (to, from) in lock(&self.produced).iter() {
            copies.push(Copy {
                from: from.clone(),
                to: to.clone(),
            });
        }
    }

    fn source(&self, rel: &str) -> Result<Source, Failure> {
        let (path, output) = self
            .assets
            .get(rel)
            .ok_or_else(|| Failure::new("photo-not-found").arg("path", rel))?;
        let format = Format::from_path(rel)
            .ok_or_else(|| Failure::new("photo-not-a-photo").arg("path", rel))?;
        Ok(Source {
            rel: rel.to_string(),
            path: path.clone(),
            output: output.clone(),
            format,
        })
    }

    /// The content hash of a source (read once per build).
    fn hash(&self, src: &Source) -> Result<String, Failure> {
        if let Some(h) = lock(&self.hashes).get(&src.rel) {
            return Ok(h.clone());
        }
        let bytes = std::fs::read(&src.path).map_err(unreadable)?;
        let h = blake3::hash(&bytes).to_hex()[..32].to_string();
        lock(&self.hashes).insert(src.rel.clone(), h.clone());
        Ok(h)
    }
}

/// `cannot read the image: …`.
fn unreadable(e: std::io::Error) -> Failure {
    Failure::new("photo-unreadable").detail(e)
}

/// Widths for a photo `sw` pixels wide: the standard ones below it, and its own
/// width when narrower than the widest standard one.
pub fn widths(sw: u32) -> Vec<u32> {
    let max = *WIDTHS.last().expect("widths");
    let mut ws: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < sw).collect();
    ws.push(sw.min(max));
    ws.dedup();
    ws
}

impl Images {
    /// A hash of every body image's published form, for caches of rendered
    /// Markdown: a changed photo gets new derivative URLs.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut entries: Vec<(&String, &Picture)> = self.pictures.iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for (rel, p) in entries {
            (rel, &p.src, p.width, p.height, &p.srcset, &p.webp_srcset).hash(&mut h);
        }
        h.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_never_upscaled() {
        assert_eq!(widths(4000), vec![480, 960, 1600]);
        assert_eq!(widths(1200), vec![480, 960, 1200]);
        assert_eq!(widths(960), vec![480, 960]);
        assert_eq!(widths(300), vec![300]);
    }

    #[test]
    fn fallback_is_widest_up_to_960() {
        let v = |w| Variant {
            url: format!("/{w}"),
            width: w,
            height: w,
        };
        assert_eq!(fallback(&[v(480), v(960), v(1600)]).width, 960);
        assert_eq!(fallback(&[v(1200)]).width, 1200);
        assert_eq!(srcset(&[v(480), v(960)]), "/480 480w, /960 960w");
    }
}
