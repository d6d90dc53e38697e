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
        let mut edits = Vec::with_capacity(paths.len());
        for path in paths {
            let doc = crate::load::parse_document(&self.opts.root, path)?.ok()?;
            let id = *last.by_source.get(&doc.rel)?;
            let a = &last.site.articles[id];
            let same_front =
                doc.split == a.split && doc.text[..doc.split.body] == a.text[..a.split.body];
            let same_summary = doc.front.summary.is_some()
                || crate::site::first_paragraph(doc.body()) == a.summary;
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
        let checked = started.elapsed();
        let t = Instant::now();
        if last.views.is_none() {
            last.views = Some(Views::new(&last.site, &last.photos));
        }
        let views_time = t.elapsed();
        let t = Instant::now();
        let mut outputs = Vec::with_capacity(edits.len());
        let mut json_outputs = Vec::new();
        let mut applied = Vec::with_capacity(edits.len());
        for (id, text) in edits {
            applied.push((id, text.clone()));
            last.site.articles[id].text = text;
            let views = last.views.as_ref().expect("built above");
            match crate::render::render_article(
                &last.site,
                &last.photos,
                &last.templates,
                views,
                &last.site.articles[id],
            ) {
                Ok(o) => outputs.push(o),
                Err(_) => {
                    // The model is patched already: forget it until a rebuild.
                    self.last = None;
                    return None;
                }
            }
        }
        // Each edited article's `index.json` (its text) changes with its page.
        if last.site.config.json {
            let lookup = crate::render::json::Lookup::new(&last.site, &last.photos);
            for (id, _) in &applied {
                let a = &last.site.articles[*id];
                json_outputs.push(crate::render::json::article(&last.site, &lookup, a));
            }
        }
        let total_pages = self.render.stats().rendered + self.render.stats().reused;
        self.quick_stats = Some(RebuildStats {
            files_parsed: paths.len(),
            files_reused: 0,
            render: RenderStats {
                rendered: outputs.len(),
                reused: total_pages.saturating_sub(outputs.len()),
                bodies_rendered: outputs.len(),
                bodies_reused: 0,
                rendered_paths: outputs.iter().map(|o| o.path.clone()).collect(),
            },
            quick: true,
        });
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
mod tests {
    use super::*;
    use crate::build::{Silent, plan};
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                copy_dir(&e.path(), &to.join(e.file_name()));
            } else {
                std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
            }
        }
    }

    /// Every output: generated bytes, and copies by source path.
    fn outputs(p: &Plan) -> BTreeMap<String, Result<Vec<u8>, PathBuf>> {
        let mut out = BTreeMap::new();
        for o in &p.rendered.outputs {
            assert!(out.insert(o.path.clone(), Ok(o.bytes.clone())).is_none());
        }
        for c in &p.rendered.copies {
            assert!(out.insert(c.to.clone(), Err(c.from.clone())).is_none());
        }
        out
    }

    struct Fixture {
        dir: tempfile::TempDir,
        session: Session,
    }

    impl Fixture {
        fn new() -> Fixture {
            let dir = tempfile::tempdir().unwrap();
            let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bundle");
            copy_dir(&fixture, dir.path());
            let opts = BuildOptions {
                root: dir.path().to_path_buf(),
                base_url: Some("http://127.0.0.1:1111/xem-truoc/".into()),
                now: Some(
                    chrono::DateTime::parse_from_rfc3339("2024-06-01T00:00:00+07:00").unwrap(),
                ),
                ..Default::default()
            };
            Fixture {
                session: Session::new(opts),
                dir,
            }
        }

        fn path(&self, rel: &str) -> PathBuf {
            self.dir.path().join(rel)
        }

        fn write(&mut self, rel: &str, text: &str) {
            let p = self.path(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, text).unwrap();
            self.session.changed(&p);
        }

        fn edit(&mut self, rel: &str, from: &str, to: &str) {
            let text = std::fs::read_to_string(self.path(rel)).unwrap();
            assert!(text.contains(from), "{rel} lacks {from:?}");
            self.write(rel, &text.replacen(from, to, 1));
        }

        /// Rebuild incrementally, check it equals a full build, return the stats.
        #[track_caller]
        fn rebuild(&mut self, step: &str) -> RebuildStats {
            let incremental = self
                .session
                .plan(&Silent)
                .unwrap_or_else(|e| panic!("{step}: {e:?}"));
            let full = plan(self.session.options(), &Silent).unwrap();
            let (a, b) = (outputs(&incremental), outputs(&full));
            assert_eq!(
                a.keys().collect::<Vec<_>>(),
                b.keys().collect::<Vec<_>>(),
                "{step}: other files"
            );
            for (path, bytes) in &a {
                assert!(
                    bytes == &b[path],
                    "{step}: {path} differs from a full build"
                );
            }
            self.session.stats()
        }
    }

    /// Every page of the repository's sample site (which uses every template
    /// and context key the default theme has) is reused when nothing changed:
    /// a context key the page fingerprint does not know would silently turn
    /// reuse off for the pages that carry it.
    #[test]
    fn sample_site_rebuilds_nothing_when_nothing_changed() {
        let opts = BuildOptions {
            root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
            ..Default::default()
        };
        let mut session = Session::new(opts);
        session.plan(&Silent).unwrap();
        let first = session.stats();
        assert!(first.render.rendered > 50, "{first:?}");
        session.plan(&Silent).unwrap();
        let again = session.stats();
        assert_eq!(again.files_parsed, 0);
        assert_eq!(
            again.render.rendered, 0,
            "pages rendered again: {:?}",
            again.render.rendered_paths
        );
    }

    fn rendered(s: &RebuildStats, path: &str) -> bool {
        s.render.rendered_paths.iter().any(|p| p == path)
    }

    #[test]
    fn incremental_rebuilds_equal_full_builds() {
        let mut f = Fixture::new();
        let first = f.rebuild("first build");
        assert_eq!(first.render.reused, 0);
        assert!(first.files_parsed >= 3);

        let again = f.rebuild("nothing changed");
        assert_eq!(
            again.render.rendered, 0,
            "{:?}",
            again.render.rendered_paths
        );
        assert_eq!(again.files_parsed, 0);

        // A body edit below the summary: the article, not the others (every
        // page's "Tin mới" widget carries the cards, summary included, so an
        // edit of the first paragraph would change them all).
        f.edit(
            "content/tin-tuc/c.md",
            "(../files/qd-12.pdf).",
            "(../files/qd-12.pdf).\n\nĐoạn mới thêm.",
        );
        let s = f.rebuild("edit body");
        assert_eq!(s.files_parsed, 1);
        assert!(rendered(&s, "tin-tuc/c/index.html"));
        assert!(!rendered(&s, "tin-tuc/bai-a/index.html"));
        assert!(!rendered(&s, "thong-bao/b/index.html"));
        assert_eq!(s.render.bodies_rendered, 1);

        f.edit(
            "content/tin-tuc/c.md",
            "Bài C liên kết",
            "Bài C đã sửa tiêu đề",
        );
        let s = f.rebuild("edit title");
        // The title shows in the "Tin mới" widget of every page, so every
        // page is rendered again, but no Markdown body is.
        assert!(
            s.render
                .rendered_paths
                .contains(&"thong-bao/b/index.html".to_string())
        );
        assert_eq!(s.render.bodies_rendered, 0);

        f.write(
            "content/tin-tuc/moi.md",
            "---\ntitle: \"Bài mới\"\ndate: 2023-03-01\ntags: [\"họp báo\"]\n---\nXem [bài C](c.md).\n",
        );
        f.rebuild("add article");

        std::fs::rename(
            f.path("content/tin-tuc/c.md"),
            f.path("content/tin-tuc/c-moi.md"),
        )
        .unwrap();
        f.write(
            "content/tin-tuc/moi.md",
            "---\ntitle: \"Bài mới\"\ndate: 2023-03-01\ntags: [\"họp báo\"]\n---\nXem [bài C](c-moi.md).\n",
        );
        let (old, new) = (
            f.path("content/tin-tuc/c.md"),
            f.path("content/tin-tuc/c-moi.md"),
        );
        f.session.changed(&old);
        f.session.changed(&new);
        f.rebuild("rename");

        std::fs::remove_file(f.path("content/tin-tuc/moi.md")).unwrap();
        let gone = f.path("content/tin-tuc/moi.md");
        f.session.changed(&gone);
        f.rebuild("delete article");

        f.edit(
            "content/thong-bao/b.md",
            "date: 2023-02-10",
            "date: 2023-02-10\ntags: [\"lịch\"]",
        );
        let s = f.rebuild("add tag");
        assert!(rendered(&s, "tu-khoa/lich/index.html"));

        let card =
            crate::theme::Theme::load(Path::new("/nonexistent"), "default", crate::vi::Lang::Vi)
                .unwrap()
                .templates
                .into_iter()
                .find(|t| t.name == "partials/breadcrumb.html")
                .unwrap();
        f.write(
            "themes/default/templates/partials/breadcrumb.html",
            &format!("{}<!-- sửa -->", card.source),
        );
        let s = f.rebuild("template edit");
        assert!(rendered(&s, "tin-tuc/c-moi/index.html"));
        assert!(!rendered(&s, "robots.txt"));

        f.write(
            "themes/default/static/css/extra.css",
            "body { color: red }\n",
        );
        let s = f.rebuild("static file");
        assert_eq!(s.render.rendered, 0);

        f.edit(
            "config.yaml",
            "Trang tin thử nghiệm",
            "Trang tin đã đổi tên",
        );
        let s = f.rebuild("config edit");
        assert_eq!(
            s.render.reused, 0,
            "every page shows the title: {:?}",
            s.render
        );
    }

    /// Output paths whose bytes differ between two plans (or that only one has).
    fn differing(a: &Plan, b: &Plan) -> Vec<String> {
        let (a, b) = (outputs(a), outputs(b));
        let mut paths: Vec<String> = a
            .keys()
            .chain(b.keys())
            .filter(|p| a.get(*p) != b.get(*p))
            .cloned()
            .collect();
        paths.sort();
        paths.dedup();
        paths
    }

    /// A quick rebuild's pages equal a full build's, no other page of the
    /// full build changed (the search index aside, which the search job
    /// makes equal too), and edits other pages see are declined.
    #[test]
    fn quick_rebuilds_equal_full_builds() {
        let mut f = Fixture::new();
        let mut before = f.session.plan(&Silent).unwrap();
        let opts = f.session.options().clone();
        // A snapshot taken before the edits, brought up to date by each.
        let mut job = f.session.search_job().unwrap();
        let quick = |f: &mut Fixture, rel: &str, from: &str, to: &str| {
            f.edit(rel, from, to);
            let path = f.path(rel);
            let q = f.session.quick(&[path]);
            (q, plan(&opts, &Silent).unwrap())
        };

        // Below the summary (the first paragraph), twice in a row, in two files.
        for (rel, from, to) in [
            (
                "content/thong-bao/b.md",
                "Nội dung thông báo B.",
                "Nội dung thông báo B.\n\nĐoạn mới *thêm*.",
            ),
            (
                "content/thong-bao/b.md",
                "Đoạn mới",
                "## Mục mới\n\nĐoạn mới",
            ),
            (
                "content/tin-tuc/c.md",
                "(../files/qd-12.pdf).",
                "(../files/qd-12.pdf).\n\nXem lại [bài A](bai-a/index.md).",
            ),
        ] {
            let (q, full) = quick(&mut f, rel, from, to);
            let q = q.unwrap_or_else(|| panic!("{rel}: {to:?} is a quick edit"));
            job.apply(q.edits.clone());
            assert_eq!(f.session.stats().render.rendered, 1);
            let expected = outputs(&full);
            let mut paths = Vec::new();
            for o in &q.outputs {
                assert!(
                    expected[&o.path] == Ok(o.bytes.clone()),
                    "{rel}: {} differs from a full build",
                    o.path
                );
                paths.push(o.path.clone());
            }
            let changed: Vec<String> = differing(&before, &full)
                .into_iter()
                .filter(|p| !p.starts_with("search/"))
                .collect();
            assert_eq!(changed, paths, "{rel}: other pages changed");
            let search: BTreeMap<String, Vec<u8>> =
                job.run().into_iter().map(|o| (o.path, o.bytes)).collect();
            let fresh: BTreeMap<String, Vec<u8>> = f
                .session
                .search_job()
                .unwrap()
                .run()
                .into_iter()
                .map(|o| (o.path, o.bytes))
                .collect();
            assert!(search == fresh, "{rel}: the updated snapshot differs");
            for (path, bytes) in &expected {
                if path.starts_with("search/") {
                    assert!(Ok(&search[path]) == bytes.as_ref(), "{path}");
                }
            }
            assert_eq!(
                search.len(),
                expected.keys().filter(|p| p.starts_with("search/")).count()
            );
            before = full;
        }
        // A rebuild after quick ones is still a full build's equal.
        f.rebuild("after quick rebuilds");

        // Edits that show elsewhere: the summary (the first paragraph feeds
        // every card), the front matter, a new link to a file.
        for (rel, from, to) in [
            (
                "content/thong-bao/b.md",
                "Nội dung thông báo B.",
                "Nội dung B.",
            ),
            ("content/tin-tuc/c.md", "Bài C liên kết", "Bài C mới"),
            (
                "content/thong-bao/b.md",
                "Đoạn mới",
                "[Tệp](../tin-tuc/phu-luc.docx). Đoạn mới",
            ),
        ] {
            let (q, _) = quick(&mut f, rel, from, to);
            assert!(q.is_none(), "{rel}: {to:?} is not a quick edit");
            f.rebuild(to);
        }
    }

    #[test]
    fn a_broken_file_fails_then_recovers() {
        let mut f = Fixture::new();
        f.rebuild("first build");
        f.edit(
            "content/thong-bao/b.md",
            "title: \"Thông báo B\"",
            "title: \"Thông báo B",
        );
        let e = f.session.plan(&Silent).err().expect("a broken file fails");
        assert!(e.0[0].path.ends_with("b.md"), "{e:?}");
        f.edit(
            "content/thong-bao/b.md",
            "title: \"Thông báo B",
            "title: \"Thông báo B đã sửa\"",
        );
        f.rebuild("fixed");
    }
}
