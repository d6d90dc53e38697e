//! Incremental rebuilds: a [`Session`] runs the same pipeline as
//! [`crate::build::plan`] again and again over one site, keeping what it
//! parsed and rendered ([`crate::load::cache`], [`crate::render::cache`]) so
//! that an edit re-parses only the changed files and re-renders only the pages
//! whose inputs changed. Every result equals a full build byte for byte.
//!
//! Two shortcuts keep one article's edit cheap on a large site:
//! - [`Session::quick`]: when only article bodies changed, and in ways no
//!   other page sees (same front matter, same summary, no citation of the
//!   documents registry, the same photos), the session patches the model it
//!   kept from the last rebuild and renders just those articles' pages —
//!   without walking `content/` or building the model again. Anything else
//!   declines, and the caller runs a rebuild ([`Session::rebuild_pages`]).
//! - The search index depends on every article, so a rebuild may leave it
//!   out ([`Session::rebuild_pages`]) and compute it afterwards from a
//!   snapshot of the model ([`Session::search_job`]), which quick rebuilds
//!   bring up to date with their edits ([`SearchJob::apply`]) instead of
//!   copying the model again.
//!
//! `bantin serve` drives it; nothing here knows about serving or live reload.

use crate::build::{BuildOptions, Plan, Progress, Timings, plan_pages, plan_with};
use crate::error::{Diagnostic, Errors};
use crate::load::cache::LoadCache;
use crate::output::Output;
use crate::render::Rendered;
use crate::render::cache::{RenderCache, RenderStats};
use crate::render::templates::Templates;
use crate::render::views::Views;
use crate::site::links::Resolved;
use crate::site::{ArticleId, Site};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// One site, rebuilt on demand.
pub struct Session {
    opts: BuildOptions,
    load: LoadCache,
    render: RenderCache,
    /// The model of the last successful rebuild, for [`Session::quick`].
    last: Option<Last>,
    /// What the last quick rebuild did (`None` after a full one).
    quick_stats: Option<RebuildStats>,
}

/// What quick rebuilds start from: the last rebuild's model, patched by the
/// quick rebuilds since.
struct Last {
    site: Site,
    /// The photo stage's result of that rebuild.
    photos: Arc<crate::images::Images>,
    templates: Arc<Templates>,
    /// Built on the first quick rebuild (or by [`Session::prepare`]).
    views: Option<Views>,
    /// Article by source path (relative to `content/`).
    by_source: HashMap<String, ArticleId>,
}

/// What the last rebuild did.
#[derive(Debug, Clone, Default)]
pub struct RebuildStats {
    /// Markdown files parsed, and reused unchanged.
    pub files_parsed: usize,
    /// Markdown files taken from the load cache unchanged.
    pub files_reused: usize,
    /// What the render cache did: pages and bodies rendered or reused.
    pub render: RenderStats,
    /// Whether it was a quick rebuild ([`Session::quick`]).
    pub quick: bool,
}

/// A rebuild's outputs without the search index (see [`Session::rebuild_pages`]).
pub struct Pages {
    /// Every output and copy of the site but the search index.
    pub rendered: Rendered,
    /// The URL path the site lives under (`/` or `/tin-tuc-ttt/`).
    pub root: String,
    /// Wall time per stage.
    pub timings: Timings,
    /// Problems that did not stop the rebuild.
    pub warnings: Vec<Diagnostic>,
}

/// The result of a quick rebuild: the pages of the edited articles.
pub struct Quick {
    /// Every output that may have changed (the search index aside).
    pub outputs: Vec<Output>,
    /// Wall time per step of the quick rebuild.
    pub timings: Timings,
    /// How the model changed: the new text of each edited article.
    pub edits: Edits,
}

/// The articles a quick rebuild changed, with their new text.
#[derive(Debug, Clone, Default)]
pub struct Edits(Vec<(ArticleId, String)>);

/// The search index of one state of the site, to compute when convenient.
pub struct SearchJob {
    site: Box<Site>,
}

impl SearchJob {
    /// The `search/` outputs, as a full build makes them.
    pub fn run(&self) -> Vec<Output> {
        crate::search::outputs(&self.site).0
    }

    /// Bring the snapshot up to date with a quick rebuild made after it was
    /// taken (the quick rebuilds since must be applied in their order).
    pub fn apply(&mut self, edits: Edits) {
        for (id, text) in edits.0 {
            self.site.articles[id].text = text;
        }
    }
}

impl Session {
    /// A session over the site `opts` names, with empty caches; nothing is
    /// read until the first rebuild.
    pub fn new(opts: BuildOptions) -> Session {
        Session {
            opts,
            load: LoadCache::new(),
            render: RenderCache::new(),
            last: None,
            quick_stats: None,
        }
    }

    /// The options rebuilds run with.
    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// Change the options (e.g. the preview's base URL); pages re-render as needed.
    pub fn options_mut(&mut self) -> &mut BuildOptions {
        &mut self.opts
    }

    /// A file or folder changed on disk (written, created, renamed, deleted).
    pub fn changed(&mut self, path: &Path) {
        self.load.invalidate(path);
    }

    /// Forget everything: the next rebuild is a full one.
    pub fn reset(&mut self) {
        self.load.clear();
        self.render.clear();
        self.last = None;
    }

    /// Run the pipeline, reusing what did not change.
    pub fn plan(&mut self, progress: &dyn Progress) -> Result<Plan, Errors> {
        self.last = None;
        self.quick_stats = None;
        self.load.start();
        let plan = plan_with(&self.opts, progress, Some((&self.load, &mut self.render)))?;
        self.keep(plan.site.clone(), plan.photos.clone());
        Ok(plan)
    }

    /// [`Session::plan`] without the search index (every other output);
    /// the session keeps the model for [`Session::quick`] and
    /// [`Session::search_job`].
    pub fn rebuild_pages(&mut self, progress: &dyn Progress) -> Result<Pages, Errors> {
        self.last = None;
        self.quick_stats = None;
        self.load.start();
        let plan = plan_pages(&self.opts, progress, Some((&self.load, &mut self.render)))?;
        let root = plan.site.config.base.root.clone();
        self.keep(plan.site, plan.photos);
        Ok(Pages {
            rendered: plan.rendered,
            root,
            timings: plan.timings,
            warnings: plan.warnings,
        })
    }

    fn keep(&mut self, site: Site, photos: Arc<crate::images::Images>) {
        self.last = self.render.last_templates().map(|templates| Last {
            by_source: site
                .articles
                .iter()
                .map(|a| (a.source.clone(), a.id))
                .collect(),
            site,
            photos,
            templates,
            views: None,
        });
    }

    /// Get ready for [`Session::quick`] (what its first call would do), so
    /// that the next edit does not wait for it.
    pub fn prepare(&mut self) {
        if let Some(last) = &mut self.last
            && last.views.is_none()
        {
            last.views = Some(Views::new(&last.site, &last.photos));
        }
    }

    /// The search index of the site as the last rebuild or quick rebuild left it.
    pub fn search_job(&self) -> Option<SearchJob> {
        self.last.as_ref().map(|l| SearchJob {
            site: Box::new(l.site.clone()),
        })
    }

    /// Rebuild after `paths` changed, if they are article files whose edits
    /// only their own pages (and the search index) show: the front matter is
    /// the same, the summary taken from the body too, the body cites no
    /// document of the registry (before or after) and shows the same local
    /// photos and files. Then the kept model is patched and only these
    /// articles' pages are rendered; the outputs equal a full build's byte for
    /// byte. `None` means: run a rebuild (which also reports what went wrong
    /// when a page of the edit does not render). The paths must also have
    /// been given to [`Session::changed`].
    pub fn quick(&mut self, paths: &[PathBuf]) -> Option<Quick> {
        let started = Instant::now();
        let last = self.last.as_mut()?;
        if paths.is_empty() {
            return None;
        }
        let edits = quick_edits(last, &self.opts.root, paths)?;
        let checked = started.elapsed();
        let t = Instant::now();
        if last.views.is_none() {
            last.views = Some(Views::new(&last.site, &last.photos));
        }
        let views_time = t.elapsed();
        let t = Instant::now();
        let Some((mut outputs, applied)) = render_edits(last, edits) else {
            // The model is patched already: forget it until a rebuild.
            self.last = None;
            return None;
        };
        let mut json_outputs = edited_json(last, &applied);
        self.quick_stats = Some(quick_stats(&self.render, paths.len(), &outputs));
        outputs.append(&mut json_outputs);
        Some(Quick {
            outputs,
            edits: Edits(applied),
            timings: vec![
                ("quick: read+check", checked),
                ("quick: views", views_time),
                ("quick: render", t.elapsed()),
            ],
        })
    }

    /// The model of the last successful rebuild (patched by quick rebuilds since).
    pub fn site(&self) -> Option<&Site> {
        self.last.as_ref().map(|l| &l.site)
    }

    /// Each article file the last rebuild parsed, drafts and future ones included.
    pub fn for_each_document(&self, f: &mut dyn FnMut(&crate::load::Document)) {
        self.load.for_each_document(f);
    }

    /// The problem of each Markdown file the last rebuild could not parse.
    pub fn for_each_failed(&self, f: &mut dyn FnMut(&Diagnostic)) {
        self.load.for_each_failed(f);
    }

    /// What the last rebuild did.
    pub fn stats(&self) -> RebuildStats {
        if let Some(q) = &self.quick_stats {
            return q.clone();
        }
        let (files_parsed, files_reused) = self.load.counts();
        RebuildStats {
            files_parsed,
            files_reused,
            render: self.render.stats().clone(),
            quick: false,
        }
    }
}

/// The edits of a quick rebuild, by article: `None` when a path is not an
/// article the last rebuild had, or its edit shows on other pages (see [`Session::quick`]).
fn quick_edits(last: &Last, root: &Path, paths: &[PathBuf]) -> Option<Vec<(ArticleId, String)>> {
    let mut edits = Vec::with_capacity(paths.len());
    for path in paths {
        let doc = crate::load::parse_document(root, path)?.ok()?;
        let id = *last.by_source.get(&doc.rel)?;
        let a = &last.site.articles[id];
        let same_front =
            doc.split == a.split && doc.text[..doc.split.body] == a.text[..a.split.body];
        let same_summary =
            doc.front.summary.is_some() || crate::site::first_paragraph(doc.body()) == a.summary;
        let registry = &last.site.registry;
        if !same_front
            || !same_summary
            || registry.may_cite(a.body())
            || registry.may_cite(doc.body())
            || local_refs(&last.site, &a.dir, a.body())
                != local_refs(&last.site, &a.dir, doc.body())
        {
            return None;
        }
        edits.push((id, doc.text));
    }
    Some(edits)
}

/// Patch the kept model with `edits` and render the edited articles' pages:
/// the outputs and the edits applied, or `None` when a page does not render.
fn render_edits(
    last: &mut Last,
    edits: Vec<(ArticleId, String)>,
) -> Option<(Vec<Output>, Vec<(ArticleId, String)>)> {
    let mut outputs = Vec::with_capacity(edits.len());
    let mut applied = Vec::with_capacity(edits.len());
    for (id, text) in edits {
        applied.push((id, text.clone()));
        last.site.articles[id].text = text;
        let views = last.views.as_ref().expect("built before");
        let o = crate::render::render_article(
            &last.site,
            &last.photos,
            &last.templates,
            views,
            &last.site.articles[id],
        )
        .ok()?;
        outputs.push(o);
    }
    Some((outputs, applied))
}

/// Each edited article's `index.json` (its text), which changes with its page.
fn edited_json(last: &Last, applied: &[(ArticleId, String)]) -> Vec<Output> {
    let mut json_outputs = Vec::new();
    if last.site.config.json {
        let lookup = crate::render::json::Lookup::new(&last.site, &last.photos);
        for (id, _) in applied {
            let a = &last.site.articles[*id];
            json_outputs.push(crate::render::json::article(&last.site, &lookup, a));
        }
    }
    json_outputs
}

/// What a quick rebuild did: `files` parsed, `outputs` rendered, every other
/// page of the last rebuild reused.
fn quick_stats(render: &RenderCache, files: usize, outputs: &[Output]) -> RebuildStats {
    let total_pages = render.stats().rendered + render.stats().reused;
    RebuildStats {
        files_parsed: files,
        files_reused: 0,
        render: RenderStats {
            rendered: outputs.len(),
            reused: total_pages.saturating_sub(outputs.len()),
            bodies_rendered: outputs.len(),
            bodies_reused: 0,
            rendered_paths: outputs.iter().map(|o| o.path.clone()).collect(),
        },
        quick: true,
    }
}

/// The images and links of a Markdown body that lead to files of the site
/// (not to pages, which end in `/`), as written: what the image stage reads
/// of a body. Two bodies with the same list need the same photo derivatives.
pub(crate) fn local_refs(site: &Site, dir: &str, body: &str) -> Vec<(bool, String)> {
    use pulldown_cmark::{Event, Parser, Tag};
    Parser::new_ext(body, crate::markdown::options())
        .filter_map(|ev| {
            let (image, dest) = match ev {
                Event::Start(Tag::Image { dest_url, .. }) => (true, dest_url),
                Event::Start(Tag::Link { dest_url, .. }) => (false, dest_url),
                _ => return None,
            };
            match site.links.resolve(dir, &dest) {
                Resolved::Url(u) if !u.split(['#', '?']).next().unwrap_or(&u).ends_with('/') => {
                    Some((image, dest.to_string()))
                }
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
