//! The image stage proper (stage 2½, between the model and rendering): find
//! the photos each article uses — its lead image and the images and links in
//! its body — collect one [`Job`] per photo, run the jobs in parallel and
//! gather their [`Picture`]s and [`LeadImage`]s into [`Images`]. Making the
//! files themselves is the disk cache's work ([`super::disk`]); SVG covers go
//! to [`super::svg`].

use super::derive::{Focus, Format, Op, Params};
use super::svg::SvgJob;
use super::{
    CONTENT_SIZES, Failure, Images, Job, LeadImage, OG_SIZE, Picture, THUMB_RATIO, THUMB_SIZES,
    THUMB_WIDTHS, Variant, disk::Batch, picture, share, widths,
};
use crate::error::Diagnostic;
use crate::site::{Article, Site};
use pulldown_cmark::{Event, Tag};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    let refs = find_body_refs(&images, site);
    let planned = plan(&images, site, &refs, &mut problems);
    if !images.publish_originals {
        warn_links_to_originals(&planned, &mut problems);
    }
    run(&mut images, planned, &mut problems);
    (Arc::new(images), problems)
}

/// A photo an article's body shows (`true`) or links to (`false`), by its
/// content path, with the line and column where it is written.
type BodyRef = (bool, String, usize, usize);

/// What the stage will do, gathered from every article.
struct Plan {
    /// One job per photo, by content path.
    jobs: BTreeMap<String, Job>,
    /// SVG covers to rasterize.
    svgs: Vec<SvgJob>,
    /// Plain links to photos: (photo, file, line, column).
    links_to_photos: Vec<(String, PathBuf, usize, usize)>,
}

/// The photos each article's body shows or links to, found in parallel (by
/// article index); a site without photos has none to find.
fn find_body_refs(images: &Images, site: &Site) -> Vec<Vec<BodyRef>> {
    let has_photos = images
        .assets
        .keys()
        .any(|rel| Format::from_path(rel).is_some());
    if !has_photos {
        return Vec::new();
    }
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
}

/// One job per photo (lead images and body images), the SVG covers, and the
/// plain links to photos, in article order.
fn plan(
    images: &Images,
    site: &Site,
    refs: &[Vec<BodyRef>],
    problems: &mut Vec<Diagnostic>,
) -> Plan {
    let mut plan = Plan {
        jobs: BTreeMap::new(),
        svgs: Vec::new(),
        links_to_photos: Vec::new(),
    };
    for (i, a) in site.articles.iter().enumerate() {
        lead_job(images, a, &mut plan.jobs, &mut plan.svgs, problems);
        for (is_image, rel, l, c) in refs.get(i).into_iter().flatten().cloned() {
            if !is_image {
                plan.links_to_photos.push((rel, a.shown.clone(), l, c));
                continue;
            }
            let job = plan.jobs.entry(rel).or_default();
            job.display = true;
            job.places.push((a.shown.clone(), l, c));
        }
    }
    plan
}

/// A warning for each link to a photo whose original is not published.
fn warn_links_to_originals(plan: &Plan, problems: &mut Vec<Diagnostic>) {
    for (rel, shown, l, c) in &plan.links_to_photos {
        if plan.jobs.contains_key(rel) {
            problems.push(
                crate::problem!(Warning, shown, "link-to-original-photo", path = rel).at(*l, *c),
            );
        }
    }
}

/// Run every job and SVG cover in parallel and note the results in `images`.
fn run(images: &mut Images, plan: Plan, problems: &mut Vec<Diagnostic>) {
    let results: Vec<(String, Result<Done, Vec<Diagnostic>>)> = plan
        .jobs
        .into_par_iter()
        .map(|(rel, job)| {
            let r = images.run_job(&rel, &job).map_err(|failure| {
                let at = format!("content/{rel}");
                job.places
                    .iter()
                    .map(|(path, l, c)| failure.clone().problem(path, &at).at(*l, *c))
                    .collect()
            });
            (rel, r)
        })
        .collect();
    let svg_results: Vec<Result<(usize, Variant), Diagnostic>> = plan
        .svgs
        .par_iter()
        .map(|job| images.svg_share(job))
        .collect();
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
        problems.push(crate::problem!(Error, &a.shown, "lead-image-without-alt").at(line, col));
    }
    let focus = match &a.image_focus {
        None => Focus::default(),
        Some(s) => Focus::parse(s).unwrap_or_else(|| {
            let (l, c) = key_at(a, "image_focus");
            problems.push(crate::problem!(Error, &a.shown, "bad-image-focus", value = s).at(l, c));
            Focus::default()
        }),
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

impl Images {
    fn run_job(&self, rel: &str, job: &Job) -> Result<Done, Failure> {
        let src = self.source(rel)?;
        let format = src.format;
        let mut batch = Batch::new(self, &src)?;
        let (sw, _) = batch.dims()?;
        let (main, alt) = with_webp(format, &widths(sw), |w, f| Params {
            op: Op::Fit,
            width: w,
            height: 0,
            format: f,
            focus: Focus::default(),
        });
        let mut all: Vec<Params> = main.iter().chain(&alt).copied().collect();
        let leads: Vec<(usize, LeadParams)> = job
            .leads
            .iter()
            .map(|(id, focus)| (*id, LeadParams::new(*focus, format)))
            .collect();
        for (_, l) in &leads {
            all.extend(l.thumb.iter().chain(&l.thumb_webp).copied());
            all.push(l.og);
        }
        let made = batch.make(&all)?;
        let get = |ps: &[Params]| variants(&made, ps);
        let image = picture(&get(&main), &get(&alt), CONTENT_SIZES);
        let mut done = Done {
            picture: None,
            leads: Vec::new(),
        };
        for (id, l) in leads {
            let mut og = get(&[l.og]).remove(0);
            if let Some(base) = &self.base {
                og.url = base.absolute(&og.url);
            }
            done.leads.push((
                id,
                LeadImage {
                    image: image.clone(),
                    thumb: picture(&get(&l.thumb), &get(&l.thumb_webp), THUMB_SIZES),
                    og,
                    focus: l.focus.css(),
                },
            ));
        }
        if job.display {
            done.picture = Some(image);
        }
        Ok(done)
    }
}

/// The derivatives a lead image adds to its photo's: thumbnails and the share image.
struct LeadParams {
    focus: Focus,
    /// Thumbnails in the photo's format, and in WebP (none when it is WebP).
    thumb: Vec<Params>,
    thumb_webp: Vec<Params>,
    /// The `og:image` crop: PNG for a PNG photo, JPEG otherwise.
    og: Params,
}

impl LeadParams {
    fn new(focus: Focus, format: Format) -> LeadParams {
        let fill = |w: u32, h: u32, format: Format| Params {
            op: Op::Fill,
            width: w,
            height: h,
            format,
            focus,
        };
        let thumb_h = |w: u32| w * THUMB_RATIO.1 / THUMB_RATIO.0;
        let (thumb, thumb_webp) = with_webp(format, &THUMB_WIDTHS, |w, f| fill(w, thumb_h(w), f));
        let og_format = if format == Format::Png {
            Format::Png
        } else {
            Format::Jpeg
        };
        LeadParams {
            focus,
            thumb,
            thumb_webp,
            og: fill(OG_SIZE.0, OG_SIZE.1, og_format),
        }
    }
}

/// The derivatives at `widths` in the photo's `format`, and the same in WebP
/// unless the photo is WebP already.
fn with_webp(
    format: Format,
    widths: &[u32],
    params: impl Fn(u32, Format) -> Params,
) -> (Vec<Params>, Vec<Params>) {
    let main = widths.iter().map(|w| params(*w, format)).collect();
    let alt = if format != Format::WebP {
        widths.iter().map(|w| params(*w, Format::WebP)).collect()
    } else {
        Vec::new()
    };
    (main, alt)
}

/// The variants made for `ps`, in order; a small source gives equal sizes for
/// several widths: keep one.
fn variants(made: &[(Params, Variant)], ps: &[Params]) -> Vec<Variant> {
    let mut vs: Vec<Variant> = ps
        .iter()
        .filter_map(|p| made.iter().find(|(q, _)| q == p).map(|(_, v)| v.clone()))
        .collect();
    vs.dedup_by_key(|v| v.width);
    vs
}
