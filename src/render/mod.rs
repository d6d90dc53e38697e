//! Stage 3 — render: the model becomes outputs (HTML, XML, text), in
//! parallel, writing nothing. Markdown and highlighting in [`markdown`],
//! templates and filters in [`templates`], the serializable views templates
//! see in [`views`].

pub mod cache;
pub mod feeds;
pub mod highlight;
pub mod json;
pub mod jsonld;
pub mod manifest;
pub mod markdown;
mod page;
pub mod photos;
pub mod registry;
pub mod sanitize;
pub mod templates;
pub mod views;
pub mod widgets;

use crate::error::{Diagnostic, Errors};
use crate::images::Images;
pub use crate::output::{Copy, Output};
use crate::site::pages::{self, Page, SITEMAP_LIMIT, sitemap_parts};
use crate::site::{Article, Site};
use crate::theme::{StaticSource, Theme};
use rayon::prelude::*;
use std::sync::Arc;
use std::time::Duration;
use templates::Templates;
use tera::{Context, Value};
use views::Views;

/// Everything a build writes.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Generated files: pages, feeds, sitemaps, JSON files and the theme's
    /// built-in static files.
    pub outputs: Vec<Output>,
    /// Files published as they are: attachments, the theme's static files on
    /// disk (and photo derivatives, once [`crate::images::Images::publish`] adds them).
    pub copies: Vec<Copy>,
    /// Pages rendered from templates (articles included).
    pub pages: usize,
    /// Time spent in Markdown + highlighting, and in templates (summed over threads).
    pub markdown_time: Duration,
    /// Time spent in templates, summed over threads.
    pub template_time: Duration,
}

const FEED_ITEMS: usize = 50;
const HOME_PER_SECTION: usize = 6;
const HOME_LATEST: usize = 10;

/// Everything render reads, complete before it starts: the model, the
/// theme, and the photo stage's result.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    /// The model (with the documents registry).
    pub site: &'a Site,
    /// Templates and static files.
    pub theme: &'a Theme,
    /// Derivatives of photos, the site's share picture and logo.
    pub photos: &'a Arc<Images>,
}

/// Render the whole site. Each generated file goes to `sink` as soon as it
/// is rendered: `sink` returns it to keep it in [`Rendered::outputs`], or
/// takes it (a build writes it out at once, so the site is never held in
/// memory whole). Pages that fail are left out and their problems returned
/// beside what rendered, with the warnings of the pages that did render
/// (so one run reports everything); only a theme whose templates do not
/// compile stops it. `cache` reuses the pages and bodies whose inputs did not
/// change since the render that filled it (see [`cache`]).
pub fn render_into(
    input: &Input<'_>,
    progress: &(dyn Fn(usize) + Sync),
    mut cache: Option<&mut cache::RenderCache>,
    sink: &(dyn Fn(Output) -> Option<Output> + Sync),
) -> Result<(Rendered, Vec<Diagnostic>), Errors> {
    let Input {
        site,
        theme,
        photos,
    } = *input;
    let templates =
        cache::RenderCache::templates(cache.as_deref_mut(), theme, site.config.language)
            .map_err(Errors)?;
    templates.register_images(photos.clone());
    templates.new_build();
    let templates: &Templates = &templates;
    let views = Views::new(site, photos);
    let memo = cache::Memo::new(cache.as_deref(), theme, site, photos, &views);
    let jobs = pages::all(site);
    let md_nanos = std::sync::atomic::AtomicU64::new(0);
    let tpl_nanos = std::sync::atomic::AtomicU64::new(0);
    let renderer = page::PageRenderer {
        site,
        templates,
        views: &views,
        memo: &memo,
        md_nanos: &md_nanos,
        tpl_nanos: &tpl_nanos,
    };
    let results: Vec<Done> = jobs
        .par_iter()
        .map(|job| {
            let r = renderer.render(*job);
            progress(1);
            r.map(|o| (o.path.clone(), sink(o)))
        })
        .collect();
    let mut errors = memo.take_warnings();
    let fresh = memo.into_fresh();
    let (mut rendered, mut paths) = gather(results, &mut errors);
    if let Some(c) = cache {
        c.commit(fresh, &paths.iter().map(String::as_str).collect());
    }
    render_json(site, photos, sink, &mut rendered, &mut paths);
    render_files(site, theme, sink, &mut rendered, &mut paths);
    errors.extend(replaced_pages(site, &paths, &rendered));
    for a in &site.assets {
        rendered.copies.push(Copy {
            from: a.source.clone(),
            to: a.output.clone(),
        });
    }
    rendered.markdown_time = Duration::from_nanos(md_nanos.into_inner());
    rendered.template_time = Duration::from_nanos(tpl_nanos.into_inner());
    Ok((rendered, errors))
}

/// A rendered page's path, and the page itself when the sink kept it.
type Done = Result<(String, Option<Output>), Vec<Diagnostic>>;

/// The pages that rendered, their paths, and the problems of those that did not.
fn gather(results: Vec<Done>, errors: &mut Vec<Diagnostic>) -> (Rendered, Vec<String>) {
    let mut paths: Vec<String> = Vec::with_capacity(results.len());
    let mut rendered = Rendered {
        pages: results.len(),
        ..Default::default()
    };
    for r in results {
        match r {
            Ok((path, kept)) => {
                paths.push(path);
                rendered.outputs.extend(kept);
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    (rendered, paths)
}

/// Machine-readable files (`index.json` beside articles and listings), in parallel too.
fn render_json(
    site: &Site,
    photos: &Arc<Images>,
    sink: &(dyn Fn(Output) -> Option<Output> + Sync),
    rendered: &mut Rendered,
    paths: &mut Vec<String>,
) {
    let lookup = json::Lookup::new(site, photos);
    let json_done: Vec<(String, Option<Output>)> = pages::with_json(site)
        .par_iter()
        .map(|page| {
            let o = json::render(site, &lookup, *page);
            (o.path.clone(), sink(o))
        })
        .collect();
    for (path, kept) in json_done {
        paths.push(path);
        rendered.outputs.extend(kept);
    }
}

/// The registry's data files, the web manifest and the theme's static files.
fn render_files(
    site: &Site,
    theme: &Theme,
    sink: &(dyn Fn(Output) -> Option<Output> + Sync),
    rendered: &mut Rendered,
    paths: &mut Vec<String>,
) {
    let mut more = crate::render::registry::data(site);
    more.push(manifest::manifest(site, theme));
    for (path, src) in &theme.statics {
        match src {
            StaticSource::Embedded(bytes) => more.push(Output {
                path: path.clone(),
                bytes: bytes.to_vec(),
            }),
            StaticSource::Disk(from) => rendered.copies.push(Copy {
                from: from.clone(),
                to: path.clone(),
            }),
        }
    }
    for o in more {
        paths.push(o.path.clone());
        rendered.outputs.extend(sink(o));
    }
}

/// A content file must not replace a generated page, feed or theme file.
fn replaced_pages(site: &Site, paths: &[String], rendered: &Rendered) -> Vec<Diagnostic> {
    let generated: std::collections::HashSet<&str> = paths.iter().map(String::as_str).collect();
    let theme_files: std::collections::HashSet<&str> =
        rendered.copies.iter().map(|c| c.to.as_str()).collect();
    let article_pages: std::collections::HashMap<&str, &Article> = site
        .articles
        .iter()
        .map(|a| (a.output.as_str(), a))
        .collect();
    let mut clashes = Vec::new();
    for a in &site.assets {
        if generated.contains(a.output.as_str()) || theme_files.contains(a.output.as_str()) {
            clashes.push(match article_pages.get(a.output.as_str()) {
                Some(article) => crate::problem!(
                    Error,
                    &a.shown,
                    "file-would-replace-page",
                    article = &article.shown,
                    output = &a.output
                ),
                None => crate::problem!(
                    Error,
                    &a.shown,
                    "file-would-replace-generated",
                    output = &a.output
                ),
            });
        }
    }
    clashes
}

/// The page of one article, rendered as [`render_into`] renders it, with the
/// views and templates of a render of the same site (for quick rebuilds:
/// see `Session::quick`).
pub fn render_article(
    site: &Site,
    photos: &Images,
    templates: &Templates,
    views: &Views,
    a: &Article,
) -> Result<Output, Vec<Diagnostic>> {
    render_article_checked(site, photos, templates, views, a).map(|(page, _)| page)
}

/// [`render_article`], with the problems found in the article's body (the
/// page is rendered all the same): the editor's preview ([`crate::draft`]).
pub fn render_article_checked(
    site: &Site,
    photos: &Images,
    templates: &Templates,
    views: &Views,
    a: &Article,
) -> Result<(Output, Vec<Diagnostic>), Vec<Diagnostic>> {
    let memo = cache::Memo::plain(photos);
    let nanos = std::sync::atomic::AtomicU64::new(0);
    templates.new_build();
    let renderer = page::PageRenderer {
        site,
        templates,
        views,
        memo: &memo,
        md_nanos: &nanos,
        tpl_nanos: &nanos,
    };
    match renderer.render(Page::Article(a.id)) {
        Ok(page) => Ok((page, memo.take_warnings())),
        Err(mut e) => {
            e.extend(memo.take_warnings());
            Err(e)
        }
    }
}

fn base_context(site: &Site, views: &Views, current_url: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert_value("site", views.site.clone());
    ctx.insert("current_url", current_url);
    ctx.insert("lang", site.config.language.code());
    ctx.insert_value("widgets", views.widgets.value.clone());
    // Whether the page shows highlighted code (and so needs `css/syntax.css`).
    ctx.insert("highlighted", &false);
    ctx
}

/// Whether a rendered body holds code the highlighter coloured.
fn has_highlighted_code(html: &str) -> bool {
    memchr::memmem::find(html.as_bytes(), b"<span class=\"hl-").is_some()
}

/// 0 when `len` URLs fit one sitemap, else the number of parts.
/// `sitemap.xml`: every URL, or (above [`SITEMAP_LIMIT`]) an index of its parts.
fn sitemap(site: &Site, views: &Views) -> (&'static str, Context) {
    let root = site.config.base.root.as_str();
    let mut ctx = base_context(site, views, root);
    let entries = sitemap_entries(site);
    let parts = sitemap_parts(entries.len(), SITEMAP_LIMIT);
    if parts == 0 {
        ctx.insert_value("entries", sitemap_values(site, &entries));
        return ("sitemap.xml", ctx);
    }
    let index = (1..=parts)
        .map(|k| {
            let part = &entries[sitemap_range(k, entries.len(), SITEMAP_LIMIT)];
            // RFC 3339 dates of one offset sort in time order.
            let newest = part.iter().filter_map(|e| e.1.as_deref()).max();
            sitemap_value(site, &format!("{root}sitemap-{k}.xml"), newest)
        })
        .collect::<Vec<_>>();
    ctx.insert_value("sitemaps", Value::from(index));
    ("sitemap-index.xml", ctx)
}

/// The entries of part `k` (1-based).
fn sitemap_range(k: usize, len: usize, limit: usize) -> std::ops::Range<usize> {
    ((k - 1) * limit).min(len)..(k * limit).min(len)
}

/// Sitemap entries as the templates see them: `[{permalink, lastmod}]`.
fn sitemap_values(site: &Site, entries: &[(String, Option<String>)]) -> Value {
    let values = entries
        .iter()
        .map(|(url, lastmod)| sitemap_value(site, url, lastmod.as_deref()))
        .collect::<Vec<_>>();
    Value::from(values)
}

fn sitemap_value(site: &Site, url: &str, lastmod: Option<&str>) -> Value {
    views::map([
        ("permalink", site.config.base.absolute(url).into()),
        (
            "lastmod",
            lastmod.map(Value::from).unwrap_or_else(Value::none),
        ),
    ])
}

/// Every URL of the sitemap with its last change (RFC 3339), if known.
fn sitemap_entries(site: &Site) -> Vec<(String, Option<String>)> {
    let entry = |url: &str, lastmod: Option<String>| (url.to_string(), lastmod);
    let newest = site
        .articles
        .first()
        .and_then(|a| a.updated.or(a.date))
        .map(|d| d.to_rfc3339());
    let mut out = vec![entry(&site.config.base.root, newest)];
    for s in &site.sections {
        let lastmod = s
            .articles
            .iter()
            .filter_map(|i| site.articles[*i].date)
            .max()
            .map(|d| d.to_rfc3339());
        out.push(entry(&s.url, lastmod));
    }
    for a in &site.articles {
        out.push(entry(&a.url, a.updated.or(a.date).map(|d| d.to_rfc3339())));
    }
    for tax in [&site.categories, &site.tags] {
        out.push(entry(&tax.url, None));
        for t in &tax.terms {
            out.push(entry(&t.url, None));
        }
    }
    for (url, lastmod) in crate::render::registry::sitemap(site) {
        out.push(entry(&url, lastmod));
    }
    debug_assert_eq!(
        out.len(),
        pages::sitemap_len(site),
        "site::pages counts the sitemap"
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_splits_above_the_limit_into_parts_that_cover_every_url() {
        assert_eq!(sitemap_parts(0, 3), 0);
        assert_eq!(sitemap_parts(3, 3), 0);
        assert_eq!(sitemap_parts(4, 3), 2);
        assert_eq!(sitemap_parts(9, 3), 3);
        assert_eq!(sitemap_parts(50_001, SITEMAP_LIMIT), 2);
        for len in [4, 6, 7, 100_001] {
            let parts = sitemap_parts(len, 3.max(len / 3));
            let limit = 3.max(len / 3);
            let covered: Vec<usize> = (1..=parts)
                .flat_map(|k| sitemap_range(k, len, limit))
                .collect();
            assert_eq!(covered, (0..len).collect::<Vec<_>>());
            assert!((1..=parts).all(|k| sitemap_range(k, len, limit).len() <= limit));
        }
    }
}
