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
pub mod share;

use crate::error::Diagnostic;
use crate::output::Copy;
use crate::site::links::{LinkTable, Resolved, encode_path};
use crate::site::{Article, Site};
use derive::{Focus, Format, Op, Params};
use pulldown_cmark::{Event, Tag};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

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

/// Run the image stage over the model: check lead images (alt text, focal
/// point), make every derivative, and note them in `site.images`. An
/// article's `image` becomes the URL of its resized copy. Returns the problems found.
pub fn process(
    site: &Site,
    root: &Path,
    theme: &crate::theme::Theme,
) -> (Arc<Images>, Vec<Diagnostic>) {
    let mut images = Images::new(site, root);
    let (brand, mut problems) = share::Brand::resolve(site, theme, root);
    images.brand = brand;
    let mut jobs: BTreeMap<String, Job> = BTreeMap::new();
    let mut svgs: Vec<SvgJob> = Vec::new();
    // Plain links to photos: (photo, file, line, column).
    let mut links_to_photos = Vec::new();
    // Photos the bodies show or link to, found in parallel; a site without
    // photos has none to find.
    let has_photos = images
        .assets
        .keys()
        .any(|rel| Format::from_path(rel).is_some());
    let refs: Vec<Vec<(bool, String, usize, usize)>> = if has_photos {
        site.articles
            .par_iter()
            .map(|a| {
                body_refs(a)
                    .into_iter()
                    .filter_map(|(is_image, dest, offset)| {
                        let rel = images.local_source(&site.links, &a.dir, &dest)?;
                        let (l, c) = body_line_col(a, offset);
                        Some((is_image, rel, l, c))
                    })
                    .collect()
            })
            .collect()
    } else {
        Vec::new()
    };
    for (i, a) in site.articles.iter().enumerate() {
        lead_job(&images, a, &mut jobs, &mut svgs, &mut problems);
        for (is_image, rel, l, c) in refs.get(i).into_iter().flatten().cloned() {
            if !is_image {
                links_to_photos.push((rel, a.shown.clone(), l, c));
                continue;
            }
            let job = jobs.entry(rel).or_default();
            job.display = true;
            job.places.push((a.shown.clone(), l, c));
        }
    }
    if !images.publish_originals {
        for (rel, shown, l, c) in links_to_photos {
            if jobs.contains_key(&rel) {
                problems.push(
                    Diagnostic::warning(
                        shown,
                        format!("this links to the original photo content/{rel}, which is not published (photos are published only as resized copies without their metadata)"),
                    )
                    .at(l, c)
                    .with_hint("show the photo with `![…](…)` instead, or set `publish_originals: true` in config.yaml"),
                );
            }
        }
    }
    let results: Vec<(String, Result<Done, Vec<Diagnostic>>)> = jobs
        .into_par_iter()
        .map(|(rel, job)| {
            let r = images.run_job(&rel, &job).map_err(|msg| {
                job.places
                    .iter()
                    .map(|(path, l, c)| {
                        Diagnostic::error(path, format!("content/{rel}: {msg}")).at(*l, *c)
                    })
                    .collect()
            });
            (rel, r)
        })
        .collect();
    let svg_results: Vec<Result<(usize, Variant), Diagnostic>> =
        svgs.par_iter().map(|job| images.svg_share(job)).collect();
    for r in svg_results {
        match r {
            Ok((id, v)) => {
                images.svg_shares.insert(id, v);
            }
            Err(d) => problems.push(d),
        }
    }
    for (rel, r) in results {
        match r {
            Ok(done) => {
                if let Some(p) = done.picture {
                    images.pictures.insert(rel, p);
                }
                images.leads.extend(done.leads);
            }
            Err(mut e) => problems.append(&mut e),
        }
    }
    (Arc::new(images), problems)
}

/// The derivatives made for one source.
struct Done {
    picture: Option<Picture>,
    leads: Vec<(usize, LeadImage)>,
}

/// Line and column of a front matter key (the first line of the block when absent).
fn key_at(a: &Article, key: &str) -> (usize, usize) {
    let yaml = &a.text[a.split.yaml.0..a.split.yaml.1];
    let (l, c) = crate::config::locate_key(yaml, key);
    (a.split.yaml_line + l - 1, c)
}

/// An SVG cover to rasterize into its article's share image.
struct SvgJob {
    id: usize,
    rel: String,
    focus: Focus,
    /// The `image:` line: file, line, column.
    place: (PathBuf, usize, usize),
}

fn lead_job(
    images: &Images,
    a: &Article,
    jobs: &mut BTreeMap<String, Job>,
    svgs: &mut Vec<SvgJob>,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(url) = &a.image else {
        return;
    };
    let (line, col) = key_at(a, "image");
    if a.image_alt.as_deref().is_none_or(|s| s.trim().is_empty()) {
        problems.push(
            Diagnostic::error(
                &a.shown,
                "missing `image_alt`: a lead image needs a text alternative",
            )
            .at(line, col)
            .with_hint(
                "add `image_alt: \"…\"` saying what the photo shows, for readers who cannot see it",
            ),
        );
    }
    let focus = match &a.image_focus {
        None => Focus::default(),
        Some(s) => match Focus::parse(s) {
            Ok(f) => f,
            Err(msg) => {
                let (l, c) = key_at(a, "image_focus");
                problems.push(Diagnostic::error(&a.shown, msg).at(l, c));
                Focus::default()
            }
        },
    };
    let path = url.split(['#', '?']).next().unwrap_or(url);
    if let Some(rel) = images.by_url.get(path)
        && Format::from_path(rel).is_some()
    {
        let job = jobs.entry(rel.clone()).or_default();
        job.leads.push((a.id, focus));
        job.places.push((a.shown.clone(), line, col));
    } else if let Some(rel) = images.by_url.get(path)
        && rel.to_ascii_lowercase().ends_with(".svg")
    {
        svgs.push(SvgJob {
            id: a.id,
            rel: rel.clone(),
            focus,
            place: (a.shown.clone(), line, col),
        });
    }
}

/// Every image and link in an article's body: whether it is an image,
/// destination as written, byte offset in the body.
fn body_refs(a: &Article) -> Vec<(bool, String, usize)> {
    pulldown_cmark::Parser::new_ext(a.body(), crate::markdown::options())
        .into_offset_iter()
        .filter_map(|(ev, range)| match ev {
            Event::Start(Tag::Image { dest_url, .. }) => {
                Some((true, dest_url.to_string(), range.start))
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                Some((false, dest_url.to_string(), range.start))
            }
            _ => None,
        })
        .collect()
}

fn body_line_col(a: &Article, offset: usize) -> (usize, usize) {
    crate::markdown::line_col(&a.text[a.split.body..], a.split.body_line, offset)
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

    /// Rasterize an SVG cover into its 1200×630 PNG share image (or find it in the cache).
    fn svg_share(&self, job: &SvgJob) -> Result<(usize, Variant), Diagnostic> {
        let fail = |msg: String| {
            let (path, l, c) = &job.place;
            Diagnostic::error(path, format!("content/{}: {msg}", job.rel)).at(*l, *c)
        };
        let (path, output) = self
            .assets
            .get(&job.rel)
            .ok_or_else(|| fail("image not found".into()))?;
        let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read the image: {e}")))?;
        let params = Params {
            op: Op::Fill,
            width: OG_SIZE.0,
            height: OG_SIZE.1,
            format: Format::Png,
            focus: job.focus,
        };
        let hash = &blake3::hash(&bytes).to_hex()[..32];
        let key = format!("{hash}-svg{}-{}", share::SVG_VERSION, params.key());
        let cache = self.cache_dir.join(&key);
        if cache.is_file() {
            self.reused.fetch_add(1, Ordering::Relaxed);
        } else {
            let dir = path.parent().unwrap_or(Path::new("."));
            let png = share::rasterize_png(&bytes, dir, OG_SIZE, job.focus).map_err(fail)?;
            self.encoded.fetch_add(1, Ordering::Relaxed);
            write_cache(&self.cache_dir, &cache, &png).map_err(fail)?;
        }
        let stem = output.rsplit_once('.').map_or(output.as_str(), |(s, _)| s);
        let short = &blake3::hash(key.as_bytes()).to_hex()[..8];
        let out = format!("{stem}-{}x{}-{short}.png", OG_SIZE.0, OG_SIZE.1);
        let root = self.base.as_ref().map_or("/", |b| b.root.as_str());
        let url = format!("{root}{}", encode_path(&out));
        lock(&self.produced).insert(out, cache);
        let url = match &self.base {
            Some(b) => b.absolute(&url),
            None => url,
        };
        Ok((
            job.id,
            Variant {
                url,
                width: OG_SIZE.0,
                height: OG_SIZE.1,
            },
        ))
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
            copies
                .retain(|c| !used.contains(&c.from) || self.brand.files.contains(&c.to));
        }
        for (to, from) in lock(&self.produced).iter() {
            copies.push(Copy {
                from: from.clone(),
                to: to.clone(),
            });
        }
    }

    fn source(&self, rel: &str) -> Result<Source, String> {
        let (path, output) = self
            .assets
            .get(rel)
            .ok_or_else(|| format!("image not found: content/{rel}"))?;
        let format = Format::from_path(rel)
            .ok_or_else(|| format!("expected a JPEG, PNG or WebP photo, found `{rel}`"))?;
        Ok(Source {
            rel: rel.to_string(),
            path: path.clone(),
            output: output.clone(),
            format,
        })
    }

    /// The content hash of a source (read once per build).
    fn hash(&self, src: &Source) -> Result<String, String> {
        if let Some(h) = lock(&self.hashes).get(&src.rel) {
            return Ok(h.clone());
        }
        let bytes = std::fs::read(&src.path).map_err(|e| format!("cannot read the image: {e}"))?;
        let h = blake3::hash(&bytes).to_hex()[..32].to_string();
        lock(&self.hashes).insert(src.rel.clone(), h.clone());
        Ok(h)
    }

    fn run_job(&self, rel: &str, job: &Job) -> Result<Done, String> {
        let src = self.source(rel)?;
        let format = src.format;
        let mut done = Done {
            picture: None,
            leads: Vec::new(),
        };
        let mut batch = Batch::new(self, &src)?;
        let (sw, _) = batch.dims()?;
        let widths = widths(sw);
        let fit = |w: u32, format: Format| Params {
            op: Op::Fit,
            width: w,
            height: 0,
            format,
            focus: Focus::default(),
        };
        let webp = format != Format::WebP;
        let main: Vec<Params> = widths.iter().map(|w| fit(*w, format)).collect();
        let alt: Vec<Params> = if webp {
            widths.iter().map(|w| fit(*w, Format::WebP)).collect()
        } else {
            Vec::new()
        };
        let mut all: Vec<Params> = main.iter().chain(&alt).copied().collect();
        let mut lead_params = Vec::new();
        for (id, focus) in &job.leads {
            let fill = |w: u32, h: u32, format: Format| Params {
                op: Op::Fill,
                width: w,
                height: h,
                format,
                focus: *focus,
            };
            let thumb_h = |w: u32| w * THUMB_RATIO.1 / THUMB_RATIO.0;
            let tmain: Vec<Params> = THUMB_WIDTHS
                .iter()
                .map(|w| fill(*w, thumb_h(*w), format))
                .collect();
            let talt: Vec<Params> = if webp {
                THUMB_WIDTHS
                    .iter()
                    .map(|w| fill(*w, thumb_h(*w), Format::WebP))
                    .collect()
            } else {
                Vec::new()
            };
            let og_format = if format == Format::Png {
                Format::Png
            } else {
                Format::Jpeg
            };
            let og = fill(OG_SIZE.0, OG_SIZE.1, og_format);
            all.extend(tmain.iter().chain(&talt).copied());
            all.push(og);
            lead_params.push((*id, *focus, tmain, talt, og));
        }
        let made = batch.make(&all)?;
        let get = |ps: &[Params]| -> Vec<Variant> {
            let mut vs: Vec<Variant> = ps
                .iter()
                .filter_map(|p| made.iter().find(|(q, _)| q == p).map(|(_, v)| v.clone()))
                .collect();
            // A small source gives equal sizes for several widths: keep one.
            vs.dedup_by_key(|v| v.width);
            vs
        };
        let image = picture(&get(&main), &get(&alt), CONTENT_SIZES);
        for (id, focus, tmain, talt, og) in lead_params {
            let mut og = get(&[og]).remove(0);
            if let Some(base) = &self.base {
                og.url = base.absolute(&og.url);
            }
            done.leads.push((
                id,
                LeadImage {
                    image: image.clone(),
                    thumb: picture(&get(&tmain), &get(&talt), THUMB_SIZES),
                    og,
                    focus: focus.css(),
                },
            ));
        }
        if job.display {
            done.picture = Some(image);
        }
        Ok(done)
    }

    /// `resize_image` for templates: `path` relative to the page being rendered
    /// (when it is an article) or to `content/`.
    pub fn resize_for_template(
        &self,
        path: &str,
        page_url: Option<&str>,
        op: Op,
        width: u32,
        height: u32,
        format: Option<Format>,
    ) -> Result<Variant, String> {
        let mut tried = Vec::new();
        let page_dir = page_url.and_then(|u| self.page_dirs.get(u));
        let candidates = page_dir
            .map(|d| join_rel(d, path))
            .into_iter()
            .chain([join_rel("", path)]);
        let mut found = None;
        for c in candidates.flatten() {
            if self.assets.contains_key(&c) {
                found = Some(c);
                break;
            }
            tried.push(format!("content/{c}"));
        }
        let rel = found.ok_or_else(|| {
            format!(
                "resize_image: no file `{path}` (looked for {})",
                tried.join(" and ")
            )
        })?;
        let src = self.source(&rel)?;
        let params = Params {
            op,
            width,
            height,
            format: format.unwrap_or(src.format),
            focus: Focus::default(),
        };
        let key = format!("{}-{}", self.hash(&src)?, params.key());
        if let Some(v) = lock(&self.on_demand).get(&key) {
            return Ok(v.clone());
        }
        let mut batch = Batch::new(self, &src)?;
        let v = batch
            .make(&[params])
            .map_err(|e| format!("resize_image: content/{rel}: {e}"))?
            .remove(0)
            .1;
        lock(&self.on_demand).insert(key, v.clone());
        Ok(v)
    }
}

/// `dir/path` normalized (NFC), `None` when it climbs out of `content/`.
fn join_rel(dir: &str, path: &str) -> Option<String> {
    crate::site::links::join(dir, &crate::vi::nfc(path))
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

/// The derivatives of one source, made with at most one decode.
struct Batch<'a> {
    images: &'a Images,
    src: &'a Source,
    hash: String,
    decoded: Option<image::DynamicImage>,
    /// The photo scaled down once to the widest standard width, and that scale:
    /// smaller derivatives are made from it rather than from the full photo.
    work: Option<(image::DynamicImage, f64)>,
}

impl<'a> Batch<'a> {
    fn new(images: &'a Images, src: &'a Source) -> Result<Batch<'a>, String> {
        let hash = images.hash(src)?;
        Ok(Batch {
            images,
            src,
            hash,
            decoded: None,
            work: None,
        })
    }

    fn meta_path(&self) -> PathBuf {
        self.images.cache_dir.join(format!("{}.size", self.hash))
    }

    fn decode(&mut self) -> Result<&image::DynamicImage, String> {
        if self.decoded.is_none() {
            let bytes =
                std::fs::read(&self.src.path).map_err(|e| format!("cannot read the image: {e}"))?;
            let img = derive::decode(&bytes)?;
            self.images.decoded.fetch_add(1, Ordering::Relaxed);
            let size = format!("{} {}\n", img.width(), img.height());
            write_cache(&self.images.cache_dir, &self.meta_path(), size.as_bytes())?;
            self.decoded = Some(img);
        }
        Ok(self.decoded.as_ref().expect("decoded"))
    }

    /// Width and height of the upright photo: from the cache, or by decoding it.
    fn dims(&mut self) -> Result<(u32, u32), String> {
        if let Ok(s) = std::fs::read_to_string(self.meta_path())
            && let Some((w, h)) = s.trim().split_once(' ')
            && let (Ok(w), Ok(h)) = (w.parse(), h.parse())
        {
            return Ok((w, h));
        }
        let img = self.decode()?;
        Ok((img.width(), img.height()))
    }

    /// Make (or find in the cache) each derivative; note it for publishing.
    fn make(&mut self, wanted: &[Params]) -> Result<Vec<(Params, Variant)>, String> {
        let (sw, sh) = self.dims()?;
        let images = self.images;
        let stem = self
            .src
            .output
            .rsplit_once('.')
            .map_or(self.src.output.as_str(), |(s, _)| s)
            .to_string();
        let planned: Vec<(Params, derive::Geometry, PathBuf)> = wanted
            .iter()
            .map(|p| {
                let key = format!("{}-{}", self.hash, p.key());
                let geo = derive::geometry(sw, sh, p);
                (*p, geo, images.cache_dir.join(key))
            })
            .collect();
        let missing: Vec<&(Params, derive::Geometry, PathBuf)> =
            planned.iter().filter(|(_, _, c)| !c.is_file()).collect();
        images
            .reused
            .fetch_add(planned.len() - missing.len(), Ordering::Relaxed);
        if !missing.is_empty() {
            self.decode()?;
            let widest = *WIDTHS.last().expect("widths");
            if self.work.is_none() && sw > widest {
                let full = self.decoded.as_ref().expect("decoded");
                let geo = derive::geometry(
                    sw,
                    sh,
                    &Params {
                        op: Op::Fit,
                        width: widest,
                        height: 0,
                        format: Format::Png,
                        focus: Focus::default(),
                    },
                );
                let scale = f64::from(geo.width) / f64::from(sw);
                self.work = Some((derive::resize(full, &geo)?, scale));
            }
            let (full, work) = (self.decoded.as_ref().expect("decoded"), self.work.as_ref());
            missing.par_iter().try_for_each(|(p, geo, cache)| {
                let resized = match work {
                    // Only when the working copy has enough pixels for this derivative.
                    Some((img, s)) if geo.crop.2 * s >= f64::from(geo.width) - 0.5 => {
                        let (l, t, w, h) = geo.crop;
                        let (ww, wh) = (f64::from(img.width()), f64::from(img.height()));
                        let (l, t) = ((l * s).min(ww - 1.0), (t * s).min(wh - 1.0));
                        let scaled = derive::Geometry {
                            crop: (l, t, (w * s).min(ww - l), (h * s).min(wh - t)),
                            ..*geo
                        };
                        derive::resize(img, &scaled)?
                    }
                    _ => derive::resize(full, geo)?,
                };
                let bytes = derive::encode(&resized, p.format)?;
                images.encoded.fetch_add(1, Ordering::Relaxed);
                write_cache(
                    &images.cache_dir,
                    &digest_path(cache),
                    digest(&bytes).as_bytes(),
                )?;
                write_cache(&images.cache_dir, cache, &bytes)
            })?;
        }
        lock(&images.used).insert(self.src.path.clone());
        let root = images.base.as_ref().map_or("/", |b| b.root.as_str());
        let mut produced = lock(&images.produced);
        planned
            .into_iter()
            .map(|(p, geo, cache)| {
                // Named by its bytes: two derivatives that came out the same
                // (a 3:2 photo's 960 px copy and its 960×640 thumbnail) are
                // published once, and both references point to that file.
                let output = format!(
                    "{stem}-{}x{}-{}.{}",
                    geo.width,
                    geo.height,
                    cached_digest(&images.cache_dir, &cache)?,
                    p.format.ext()
                );
                let url = format!("{root}{}", encode_path(&output));
                produced.insert(output, cache);
                Ok((
                    p,
                    Variant {
                        url,
                        width: geo.width,
                        height: geo.height,
                    },
                ))
            })
            .collect()
    }
}

/// The short content hash that names a derivative (8 hex digits of BLAKE3).
fn digest(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..8].to_string()
}

/// Where the cache keeps the [`digest`] of the derivative cached at `cache`.
fn digest_path(cache: &Path) -> PathBuf {
    let mut name = cache.as_os_str().to_owned();
    name.push(".b3");
    PathBuf::from(name)
}

/// The [`digest`] of a cached derivative: kept beside it, or computed (and
/// kept) when a cache made by an older bantin lacks it.
fn cached_digest(dir: &Path, cache: &Path) -> Result<String, String> {
    let kept = digest_path(cache);
    if let Ok(d) = std::fs::read_to_string(&kept)
        && d.len() == 8
        && d.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return Ok(d);
    }
    let bytes = std::fs::read(cache)
        .map_err(|e| format!("cannot read the image cache {}: {e}", cache.display()))?;
    let d = digest(&bytes);
    write_cache(dir, &kept, d.as_bytes())?;
    Ok(d)
}

/// Write a cache file atomically (another thread or build may be writing the same one).
fn write_cache(dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let fail = |e: std::io::Error| format!("cannot write the image cache {}: {e}", dir.display());
    if !dir.is_dir() {
        std::fs::create_dir_all(dir).map_err(fail)?;
        // Keep the cache out of version control.
        if let Some(top) = dir.parent() {
            let _ = std::fs::write(top.join(".gitignore"), "*\n");
        }
    }
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
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

    #[test]
    fn join_rel_normalizes() {
        assert_eq!(
            join_rel("tin-tuc/bai", "anh.jpg").unwrap(),
            "tin-tuc/bai/anh.jpg"
        );
        assert_eq!(
            join_rel("tin-tuc/bai", "../x/./a.png").unwrap(),
            "tin-tuc/x/a.png"
        );
        assert_eq!(join_rel("", "../a.png"), None);
    }

}
