//! The driver: config → load → model → render → write, with timings.
//! [`plan`] stops before writing, for callers that keep the site in memory.

use crate::config::Config;
use crate::error::{Diagnostic, Errors};
use crate::images::Images;
use crate::load::cache::LoadCache;
use crate::render::Rendered;
use crate::render::cache::RenderCache;
use crate::site::{ModelOptions, Site};
use crate::theme::Theme;
use chrono::{DateTime, FixedOffset};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What `bantin build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (holding config.yaml and content/).
    pub root: PathBuf,
    /// Output folder; `public/` in the site when not given. Relative paths are
    /// relative to `root` (the binary makes `--output` absolute first).
    pub output: Option<PathBuf>,
    /// Publish articles marked `draft: true` too (`--drafts`).
    pub drafts: bool,
    /// Publish articles dated after [`BuildOptions::now`] too (`--future`).
    pub future: bool,
    /// Overrides `base_url` from config.yaml.
    pub base_url: Option<String>,
    /// "Now" for the future-date rule; the clock when not given.
    pub now: Option<DateTime<FixedOffset>>,
    /// Keep the theme's stylesheets and scripts under their own names
    /// instead of content-hashed ones (`bantin serve`: an edited stylesheet
    /// is then swapped into open pages without reloading them).
    pub plain_asset_names: bool,
    /// Remove files in the output that bantin did not write (`--clean`);
    /// otherwise they are kept and named in [`BuildReport::foreign`].
    pub clean: bool,
}

/// Told how far rendering has got (the binary shows it on a terminal).
pub trait Progress: Sync {
    /// Rendering begins; `_pages` is the number of articles (the other files
    /// rendered from templates, listings, feeds and sitemaps, come on top).
    fn start(&self, _pages: usize) {}
    /// `_n` more files (an article, a listing, a feed, …) have been rendered;
    /// called from the rendering threads.
    fn advance(&self, _n: usize) {}
    /// Rendering is over (called once, after the last [`Progress::advance`]).
    fn finish(&self) {}
}

/// No progress display.
pub struct Silent;
impl Progress for Silent {}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Articles and standalone pages published.
    pub articles: usize,
    /// Files rendered from templates: pages (articles, listings, the registry's),
    /// feeds, sitemaps, `robots.txt`.
    pub pages: usize,
    /// Files of `content/` other than Markdown that the site publishes
    /// (attachments, photos), counted before photos give way to their derivatives.
    pub attachments: usize,
    /// Drafts and future articles left out.
    pub skipped: usize,
    /// The output folder written, as [`BuildOptions::output_dir`] resolved it.
    pub output: PathBuf,
    /// Wall time of the whole build, up to the last file written.
    pub elapsed: Duration,
    /// Wall time per stage (and summed thread time for markdown/templates).
    pub timings: Timings,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Image work done (decodes and encodes are 0 when every derivative came from the cache).
    pub images: crate::images::Stats,
    /// Files written, left unchanged and removed in the output folder.
    pub written: crate::write::WriteStats,
    /// Files in the output that bantin did not write: kept, or removed by `--clean`.
    pub foreign: crate::write::Foreign,
    /// Leftovers of an interrupted build, found and removed.
    pub leftovers: Vec<PathBuf>,
}

impl BuildOptions {
    /// The output folder: `output` as given when absolute, else joined to `root`;
    /// `root/public` when no output was given.
    pub fn output_dir(&self) -> PathBuf {
        match &self.output {
            Some(p) if p.is_absolute() => p.clone(),
            Some(p) => self.root.join(p),
            None => self.root.join("public"),
        }
    }
}

/// A site rendered in memory.
pub struct Plan {
    /// The model.
    pub site: Site,
    /// The photo stage's result (derivatives are among `rendered.copies`).
    pub photos: Arc<Images>,
    /// Every output and copy.
    pub rendered: Rendered,
    /// Wall time per stage.
    pub timings: Timings,
    /// Problems that did not stop the build (with [`plan_lenient`], all of them).
    pub warnings: Vec<Diagnostic>,
}

/// Wall time per stage, in pipeline order.
pub type Timings = Vec<(&'static str, Duration)>;

/// Where the driver reads the site from.
pub enum Sources<'a> {
    /// The site folder of `opts`, reusing what did not change since the
    /// last load with `cache` (the incremental rebuilds of
    /// [`crate::session::Session`]).
    Folder(&'a BuildOptions, Option<&'a LoadCache>),
    /// The site folder, with an article's text not saved yet in place of its
    /// file (or as a new file): the editor's preview ([`crate::draft`]).
    Draft(
        &'a BuildOptions,
        Option<&'a LoadCache>,
        Box<crate::load::Document>,
    ),
    /// A config.yaml's text and content files `(path under content/, bytes)`
    /// held in memory, with the built-in theme (fuzzing, property tests:
    /// nothing is read from or written to disk).
    Memory {
        /// The text of config.yaml.
        config: &'a [u8],
        /// The content files.
        files: Vec<(String, Vec<u8>)>,
        /// "Now" for the future-date rule.
        now: DateTime<FixedOffset>,
    },
}

/// Config, theme, content and model, then render — everything but writing.
pub fn plan(opts: &BuildOptions, progress: &dyn Progress) -> Result<Plan, Errors> {
    plan_with(opts, progress, None)
}

/// [`plan`] reusing what did not change since the last call with the same
/// caches (the incremental rebuilds of [`crate::session::Session`]).
pub fn plan_with(
    opts: &BuildOptions,
    progress: &dyn Progress,
    caches: Option<(&LoadCache, &mut RenderCache)>,
) -> Result<Plan, Errors> {
    let mut plan = plan_pages(opts, progress, caches)?;
    add_search(&mut plan);
    Ok(plan)
}

/// The search index files of `plan.site` added to its outputs (the last
/// stage of [`plan_with`]).
pub fn add_search(plan: &mut Plan) {
    let t = Instant::now();
    let (search_outputs, search_stats) = crate::search::outputs(&plan.site);
    plan.rendered.outputs.extend(search_outputs);
    plan.timings.push(("search index", t.elapsed()));
    plan.timings.extend(search_stats.timings);
    plan.timings
        .push(("  search: cpu, all threads", search_stats.cpu));
}

/// [`plan_with`] without the search index ([`add_search`]): every output
/// but `search/`. Any error stops it.
pub fn plan_pages(
    opts: &BuildOptions,
    progress: &dyn Progress,
    caches: Option<(&LoadCache, &mut RenderCache)>,
) -> Result<Plan, Errors> {
    let (load_cache, render_cache) = caches.unzip();
    let plan = plan_lenient(Sources::Folder(opts, load_cache), progress, render_cache)?;
    if has_errors(&plan.warnings) {
        return Err(Errors(plan.warnings).sorted());
    }
    Ok(plan)
}

/// Every stage up to render, each going as far as it can: the pages in error
/// are left out and every problem, errors included, is in
/// [`Plan::warnings`] (so that one run reports everything: `bantin check`).
/// Only a site that cannot be read at all (config, theme, content folder)
/// or a theme whose templates do not compile is an `Err`.
pub fn plan_lenient(
    sources: Sources<'_>,
    progress: &dyn Progress,
    render_cache: Option<&mut RenderCache>,
) -> Result<Plan, Errors> {
    let Prepared {
        site,
        theme,
        photos,
        mut timings,
        mut problems,
    } = prepare(sources)?;
    let t = Instant::now();
    progress.start(site.articles.len());
    let input = crate::render::Input {
        site: &site,
        theme: &theme,
        photos: &photos,
    };
    let rendered =
        crate::render::render_into(&input, &|n| progress.advance(n), render_cache, &Some);
    progress.finish();
    timings.push(("render", t.elapsed()));
    let (mut rendered, more) = rendered
        .inspect_err(|e| problems.extend(e.0.clone()))
        .map_err(|_| Errors(std::mem::take(&mut problems)).sorted())?;
    problems.extend(more);
    photos.publish(&mut rendered.copies);
    timings.push(("  markdown+highlight (cpu)", rendered.markdown_time));
    timings.push(("  templates (cpu)", rendered.template_time));
    Ok(Plan {
        site,
        photos,
        rendered,
        timings,
        warnings: problems,
    })
}

/// What render needs, each stage's value complete: the model, the theme
/// and the photo stage's result.
struct Prepared {
    site: Site,
    theme: Theme,
    photos: Arc<Images>,
    timings: Timings,
    /// Every problem so far (the stages go on past errors).
    problems: Vec<Diagnostic>,
}

/// The settings and the content, read from `sources`.
struct Read {
    config: Config,
    theme: Theme,
    content: crate::load::Content,
    now: DateTime<FixedOffset>,
    model: (bool, bool),
    root: PathBuf,
}

/// Config and theme, then the content (stages 0 and 1).
fn read(
    sources: Sources<'_>,
    timings: &mut Timings,
    problems: &mut Vec<Diagnostic>,
) -> Result<Read, Errors> {
    let t = Instant::now();
    let (config, theme, root) = match &sources {
        Sources::Folder(opts, _) | Sources::Draft(opts, _, _) => {
            let mut config = Config::load(&opts.root)?;
            if let Some(url) = &opts.base_url {
                config.base =
                    crate::config::BaseUrl::parse(url).map_err(|bad| bad.problem("--base-url"))?;
            }
            let mut theme = Theme::load(&opts.root, &config.theme, config.language)?;
            if !opts.plain_asset_names {
                theme.fingerprint_assets().map_err(Errors::one)?;
            }
            (config, theme, opts.root.clone())
        }
        Sources::Memory { config, .. } => {
            let shown = std::path::Path::new("config.yaml");
            let config = Config::parse(&crate::text::decode(config, shown)?, shown)?;
            // No site folder: a theme other than the built-in one is not found.
            let root = PathBuf::from("/nonexistent-bantin-site");
            let theme = Theme::load(&root, &config.theme, config.language)?;
            (config, theme, root)
        }
    };
    timings.push(("config+theme", t.elapsed()));
    let t = Instant::now();
    let clock = || chrono::Utc::now().with_timezone(&config.timezone);
    let (content, now, model) = match sources {
        Sources::Folder(opts, cache) => {
            let (content, more) = crate::load::load_with(&opts.root, cache)?;
            problems.extend(more);
            (
                content,
                opts.now.unwrap_or_else(clock),
                (opts.drafts, opts.future),
            )
        }
        Sources::Draft(opts, cache, draft) => {
            let (mut content, more) = crate::load::load_with(&opts.root, cache)?;
            problems.extend(more.into_iter().filter(|p| p.path != draft.shown));
            match content.documents.iter().position(|d| d.rel == draft.rel) {
                Some(i) => content.documents[i] = *draft,
                None => content.documents.push(*draft),
            }
            (
                content,
                opts.now.unwrap_or_else(clock),
                (opts.drafts, opts.future),
            )
        }
        Sources::Memory { files, now, .. } => {
            let (content, more) = crate::load::load_memory(files);
            problems.extend(more);
            (content, now, (false, false))
        }
    };
    timings.push(("load", t.elapsed()));
    Ok(Read {
        config,
        theme,
        content,
        now,
        model,
        root,
    })
}

/// Config, theme, load, model and photos, each going as far as it can.
fn prepare(sources: Sources<'_>) -> Result<Prepared, Errors> {
    let mut timings = Vec::new();
    let mut problems = Vec::new();
    let read = read(sources, &mut timings, &mut problems)?;
    let t = Instant::now();
    // Leniently: the articles in error are left out and the rest rendered
    // (not written), so that a build reports what `bantin check` reports.
    let (site, model_problems) = crate::site::build(
        read.content,
        read.config,
        &ModelOptions {
            drafts: read.model.0,
            future: read.model.1,
            now: read.now,
        },
    );
    timings.push(("model", t.elapsed()));
    problems.extend(model_problems);
    let t = Instant::now();
    let (photos, photo_problems) = crate::images::process(&site, &read.root, &read.theme);
    problems.extend(photo_problems);
    timings.push(("images", t.elapsed()));
    Ok(Prepared {
        site,
        theme: read.theme,
        photos,
        timings,
        problems,
    })
}

/// The model, theme and photos with `draft` in place of its file, and the
/// problems found (the editor's preview, [`crate::draft`]).
pub(crate) fn prepare_draft(
    opts: &BuildOptions,
    cache: Option<&LoadCache>,
    draft: crate::load::Document,
) -> Result<(Site, Theme, Arc<Images>, Vec<Diagnostic>), Errors> {
    let p = prepare(Sources::Draft(opts, cache, Box::new(draft)))?;
    Ok((p.site, p.theme, p.photos, p.problems))
}

fn has_errors(problems: &[Diagnostic]) -> bool {
    problems
        .iter()
        .any(|p| p.severity == crate::error::Severity::Error)
}

/// Build the site into its output folder. Pages are written as they are
/// rendered (see [`crate::write::Writer`]), while the search index is built
/// beside them; a failed build leaves the previous output as it was.
pub fn build(opts: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport, Errors> {
    let started = Instant::now();
    let output = opts.output_dir();
    crate::write::check_output(&opts.root, &output, opts.clean).map_err(Errors::one)?;
    let Prepared {
        site,
        theme,
        photos,
        mut timings,
        mut problems,
    } = prepare(Sources::Folder(opts, None))?;
    let write_opts = crate::write::WriteOptions {
        compress: site.config.compress,
        clean: opts.clean,
    };
    let writer = crate::write::Writer::open(&opts.root, &output, write_opts)?;
    // Render even when earlier stages failed, so one run reports every
    // problem; the pages are then not written.
    let doomed = has_errors(&problems);
    let t = Instant::now();
    progress.start(site.articles.len());
    let (rendered, search, back) = render_and_read_back(&site, &theme, &photos, progress, &|o| {
        if !doomed {
            writer.put(o);
        }
    });
    progress.finish();
    timings.push(("render+search (wall)", t.elapsed()));
    let mut rendered = match rendered {
        Ok((rendered, errors)) => {
            problems.extend(errors);
            rendered
        }
        Err(e) => {
            problems.extend(e.0);
            Rendered::default()
        }
    };
    photos.publish(&mut rendered.copies);
    let t_verify = Instant::now();
    problems.extend(back.verify(&site, &photos, &rendered));
    timings.push(("verify links", t_verify.elapsed()));
    if has_errors(&problems) {
        writer.abandon();
        return Err(Errors(problems).sorted());
    }
    timings.push(("  markdown+highlight (cpu)", rendered.markdown_time));
    timings.push(("  templates (cpu)", rendered.template_time));
    let (search_stats, search_time) = search;
    timings.push(("  search index (wall)", search_time));
    // Its steps' wall times; not its CPU time, which would count the render
    // running beside it.
    timings.extend(search_stats.timings);
    let t = Instant::now();
    let published = writer.finish(&rendered.copies)?;
    timings.push(("write (rest)", t.elapsed()));
    problems.extend(published.warnings);
    Ok(BuildReport {
        articles: site.articles.len(),
        pages: rendered.pages,
        attachments: site.assets.len(),
        skipped: site.skipped,
        output,
        elapsed: started.elapsed(),
        timings,
        warnings: problems,
        images: photos.stats(),
        written: published.stats,
        foreign: published.foreign,
        leftovers: published.leftovers,
    })
}

/// The paths of every output the render stage handed out, and each HTML
/// page read back as it went out, for the links check `bantin check`
/// shares ([`crate::verify::verify`]).
#[derive(Default)]
struct ReadBack {
    paths: Vec<String>,
    scans: Vec<(String, crate::verify::pages::Scan)>,
}

impl ReadBack {
    /// Links, anchors and files of the published pages, checked.
    fn verify(self, site: &Site, photos: &Images, rendered: &Rendered) -> Vec<Diagnostic> {
        let (names, scans): (Vec<String>, Vec<_>) = self.scans.into_iter().unzip();
        let pages: std::collections::HashMap<&str, crate::verify::pages::Scan> =
            names.iter().map(String::as_str).zip(scans).collect();
        let mut files: std::collections::HashSet<&str> =
            self.paths.iter().map(String::as_str).collect();
        files.extend(rendered.copies.iter().map(|c| c.to.as_str()));
        crate::verify::verify(site, photos, &pages, files)
    }
}

/// What [`crate::render::render_into`] returns.
type RenderResult = Result<(Rendered, Vec<Diagnostic>), Errors>;

/// Render every page and build the search index side by side; each output
/// is read back, then handed to `put`.
fn render_and_read_back(
    site: &Site,
    theme: &Theme,
    photos: &Arc<Images>,
    progress: &dyn Progress,
    put: &(dyn Fn(crate::output::Output) + Sync),
) -> (RenderResult, (crate::search::Stats, Duration), ReadBack) {
    let back = std::sync::Mutex::new(ReadBack::default());
    let sink = |o: crate::output::Output| {
        let scan = o
            .path
            .ends_with(".html")
            .then(|| crate::verify::pages::scan(&o.bytes));
        {
            let mut back = back.lock().expect("not poisoned");
            if let Some(scan) = scan {
                back.scans.push((o.path.clone(), scan));
            }
            back.paths.push(o.path.clone());
        }
        put(o);
        None
    };
    let (rendered, search) = rayon::join(
        || {
            let input = crate::render::Input {
                site,
                theme,
                photos,
            };
            crate::render::render_into(&input, &|n| progress.advance(n), None, &sink)
        },
        || {
            let t = Instant::now();
            let (_, stats) = crate::search::outputs_into(site, &sink);
            (stats, t.elapsed())
        },
    );
    (rendered, search, back.into_inner().expect("not poisoned"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::path::Path;

    fn files_in(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap();
                let rel = rel.to_string_lossy().replace('\\', "/");
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect()
    }

    /// The streaming build writes exactly what the in-memory plan holds, into
    /// a new folder and again over its own previous output.
    #[test]
    fn streamed_build_equals_the_plan() {
        for fixture in ["bundle", "registry", "search"] {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(fixture);
            let out = tempfile::tempdir().unwrap();
            let opts = BuildOptions {
                root: root.clone(),
                output: Some(out.path().join("public")),
                now: Some(
                    chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00+07:00").unwrap(),
                ),
                ..Default::default()
            };
            let plan = plan(&opts, &Silent).unwrap();
            let mut want: BTreeMap<String, Vec<u8>> = plan
                .rendered
                .outputs
                .iter()
                .map(|o| (o.path.clone(), o.bytes.clone()))
                .collect();
            for c in &plan.rendered.copies {
                want.insert(c.to.clone(), std::fs::read(&c.from).unwrap());
            }
            let first = build(&opts, &Silent).unwrap();
            let mut got = files_in(&out.path().join("public"));
            // Leave out the precompressed siblings (checked in tests/it/publish.rs).
            got.retain(|k, _| want.contains_key(k) || !(k.ends_with(".gz") || k.ends_with(".br")));
            assert_eq!(
                got.keys().collect::<Vec<_>>(),
                want.keys().collect::<Vec<_>>(),
                "{fixture}"
            );
            assert!(got == want, "{fixture}: bytes differ");
            assert!(!got.contains_key(crate::write::LEGACY_MARKER));
            assert_eq!(first.written.written, want.len());
            let again = build(&opts, &Silent).unwrap();
            assert_eq!(again.written.written, 0, "{fixture}");
            assert_eq!(again.written.unchanged, want.len(), "{fixture}");
        }
    }
}
