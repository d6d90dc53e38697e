//! The render memo of incremental rebuilds (`bantin serve`): a page is
//! rendered again only when something it reads changed.
//!
//! Each render job gets a fingerprint of everything its output depends on —
//! the template context handed to Tera (hashed structurally, map order
//! ignored), the page's URL and output path, and the sources of the template
//! with every template it names (`extends`, `include`) plus the theme
//! strings. A job whose fingerprint equals the one of the previous render
//! reuses that output. A Markdown body is reused when its text, file and the
//! link table (where relative links lead) are unchanged. The result is the
//! same, byte for byte, as rendering everything (tested in `session`).

use super::markdown::{self, TocEntry};
use super::templates::Templates;
use super::views::Views;
use crate::error::Diagnostic;
use crate::images::Images;
use crate::site::{Article, Site};
use crate::theme::Theme;
use crate::vi::Lang;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
// Fast 64-bit hashing of page inputs (megabytes per rebuild).
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tera::{Context, Value};
use xxhash_rust::xxh3::Xxh3Default as DefaultHasher;

mod fingerprint;

use fingerprint::{
    Known, hash_strings, hash_value, identity, links_fingerprint, shared_hashes,
    template_fingerprints,
};

/// Context keys the fingerprint covers. A context holding any other key is
/// rendered every time (correct, only slower) — add new keys here.
const CONTEXT_KEYS: &[&str] = &[
    "site",
    "current_url",
    "lang",
    "highlighted",
    "page",
    "section",
    "paginator",
    "taxonomy",
    "term",
    "feed",
    "latest_by_section",
    "latest",
    "entries",
    "sitemaps",
    "widgets",
    "related",
    "registry",
    "filter",
    "record",
    "content",
    "articles",
    "about",
];

/// A rendered Markdown body kept for reuse.
struct Body {
    html: String,
    toc: Vec<TocEntry>,
}

/// A page kept for reuse: fingerprint, article key, bytes.
type Kept = (u64, Option<u64>, Arc<Vec<u8>>);

/// What the last render did.
#[derive(Debug, Default, Clone)]
pub struct RenderStats {
    /// Pages rendered through templates.
    pub rendered: usize,
    /// Pages whose previous output was reused.
    pub reused: usize,
    /// Markdown bodies rendered and reused.
    pub bodies_rendered: usize,
    /// Markdown bodies taken from the cache instead of rendered.
    pub bodies_reused: usize,
    /// Output paths of the pages rendered, sorted.
    pub rendered_paths: Vec<String>,
}

/// Outputs, bodies and compiled templates of earlier renders.
#[derive(Default)]
pub struct RenderCache {
    templates: Option<(u64, Arc<Templates>)>,
    /// Output path → its last output.
    pages: HashMap<String, Kept>,
    bodies: HashMap<u64, Arc<Body>>,
    stats: RenderStats,
}

impl RenderCache {
    /// An empty cache: the first render with it renders every page.
    pub fn new() -> RenderCache {
        RenderCache::default()
    }

    /// What the last render did.
    pub fn stats(&self) -> &RenderStats {
        &self.stats
    }

    /// Forget everything.
    pub fn clear(&mut self) {
        *self = RenderCache::default();
    }

    /// The templates the last render used (with that render's images registered).
    pub fn last_templates(&self) -> Option<Arc<Templates>> {
        self.templates.as_ref().map(|(_, t)| t.clone())
    }

    /// The compiled templates of `theme`, compiled again only when a template or string changed.
    pub(super) fn templates(
        cache: Option<&mut RenderCache>,
        theme: &Theme,
        lang: Lang,
    ) -> Result<Arc<Templates>, Vec<Diagnostic>> {
        let mut h = DefaultHasher::new();
        for t in &theme.templates {
            (&t.name, &t.source, &t.shown).hash(&mut h);
        }
        hash_strings(theme, &mut h);
        lang.code().hash(&mut h);
        let key = h.finish();
        match cache {
            Some(c) => match &c.templates {
                Some((k, t)) if *k == key => Ok(t.clone()),
                _ => {
                    let t = Arc::new(Templates::new(theme, lang)?);
                    c.templates = Some((key, t.clone()));
                    Ok(t)
                }
            },
            None => Ok(Arc::new(Templates::new(theme, lang)?)),
        }
    }

    /// Keep what `memo` rendered and used; drop what this render no longer produces.
    pub(super) fn commit(&mut self, fresh: Fresh, paths: &HashSet<&str>) {
        let Fresh {
            pages,
            rekeyed,
            bodies,
            used_bodies,
            reused,
            bodies_reused,
        } = fresh;
        self.pages.retain(|p, _| paths.contains(p.as_str()));
        let mut rendered_paths: Vec<String> = pages.iter().map(|(p, ..)| p.clone()).collect();
        rendered_paths.sort();
        let used: HashSet<u64> = used_bodies.into_iter().collect();
        self.bodies.retain(|k, _| used.contains(k));
        self.stats = RenderStats {
            rendered: rendered_paths.len(),
            reused,
            bodies_rendered: bodies.len(),
            bodies_reused,
            rendered_paths,
        };
        for (path, quick) in rekeyed {
            if let Some(entry) = self.pages.get_mut(&path) {
                entry.1 = quick;
            }
        }
        for (path, fp, quick, bytes) in pages {
            if let Some(fp) = fp {
                self.pages.insert(path, (fp, quick, bytes));
            }
        }
        self.bodies.extend(bodies);
    }
}

/// A page rendered by this render: output path, fingerprint, article key, bytes.
type FreshPage = (String, Option<u64>, Option<u64>, Arc<Vec<u8>>);

/// What one render produced fresh, for [`RenderCache::commit`].
pub(super) struct Fresh {
    pages: Vec<FreshPage>,
    /// Pages reused by fingerprint whose article key changed: (path, new key).
    rekeyed: Vec<(String, Option<u64>)>,
    bodies: Vec<(u64, Arc<Body>)>,
    used_bodies: Vec<u64>,
    reused: usize,
    bodies_reused: usize,
}

/// The cache as one render reads it (shared by the render threads).
pub(super) struct Memo<'a> {
    cache: Option<&'a RenderCache>,
    /// Template name → fingerprint of it and everything it names.
    template_fps: HashMap<String, u64>,
    links_fp: u64,
    /// Hashes of the values every page shares (the site, cards, sections,
    /// taxonomies), by address: hashed once per render, not once per page.
    shared: Known,
    pages: Mutex<Vec<FreshPage>>,
    rekeyed: Mutex<Vec<(String, Option<u64>)>>,
    bodies: Mutex<Vec<(u64, Arc<Body>)>>,
    used_bodies: Mutex<Vec<u64>>,
    reused: AtomicUsize,
    bodies_reused: AtomicUsize,
    /// Warnings of the bodies rendered (raw HTML the sanitizer removed).
    warnings: Mutex<Vec<crate::error::Diagnostic>>,
    /// The photo stage's result, for body images (none: images as written).
    photos: Option<&'a Images>,
}

impl<'a> Memo<'a> {
    /// Keep `w` to report beside the render's errors.
    pub(super) fn warn(&self, w: impl IntoIterator<Item = crate::error::Diagnostic>) {
        self.warnings.lock().expect("not poisoned").extend(w);
    }

    /// The warnings kept so far.
    pub(super) fn take_warnings(&self) -> Vec<crate::error::Diagnostic> {
        std::mem::take(&mut *self.warnings.lock().expect("not poisoned"))
    }

    pub(super) fn new(
        cache: Option<&'a RenderCache>,
        theme: &Theme,
        site: &Site,
        photos: &'a Images,
        views: &Views,
    ) -> Memo<'a> {
        match cache {
            Some(_) => Memo {
                cache,
                photos: Some(photos),
                template_fps: template_fingerprints(theme, site.config.language),
                links_fp: links_fingerprint(&site.links, &site.registry.index)
                    ^ photos.fingerprint(),
                shared: shared_hashes(views),
                ..Memo::none()
            },
            None => Memo::plain(photos),
        }
    }

    /// The body of `src`, reused when its text, place and the link table are unchanged.
    pub(super) fn markdown(&self, src: &markdown::Source<'_>, site: &Site) -> markdown::Html {
        let render = || {
            markdown::render_full(
                src,
                &site.links,
                &site.registry.index,
                self.photos,
                super::sanitize::Policy::of(&site.config),
            )
        };
        let Some(cache) = self.cache else {
            return render();
        };
        let key = self.body_key(src);
        if let Some(b) = cache.bodies.get(&key) {
            self.used_bodies.lock().expect("not poisoned").push(key);
            self.bodies_reused.fetch_add(1, Ordering::Relaxed);
            return markdown::Html {
                html: b.html.clone(),
                toc: b.toc.clone(),
                problems: Vec::new(),
                sanitized: Vec::new(),
            };
        }
        let html = render();
        if html.problems.is_empty() && html.sanitized.is_empty() {
            self.bodies.lock().expect("not poisoned").push((
                key,
                Arc::new(Body {
                    html: html.html.clone(),
                    toc: html.toc.clone(),
                }),
            ));
        }
        html
    }

    /// What a body's HTML depends on: its text, its place, where links lead.
    fn body_key(&self, src: &markdown::Source<'_>) -> u64 {
        let mut h = DefaultHasher::new();
        (
            &src.text[src.body_start..],
            src.body_line,
            src.shown,
            src.dir,
            self.links_fp,
        )
            .hash(&mut h);
        h.finish()
    }

    /// A cheap key for an article's page, computed without building its
    /// context: the inputs of that context as `render_job` and
    /// [`Views::page`] make it — the article's card, its body (text, place,
    /// links), `extra`, the site and section views, URL, output and template.
    /// Whoever adds to an article page's context adds its inputs here; debug
    /// builds check every hit against the full fingerprint.
    pub(super) fn article_key(
        &self,
        site: &Site,
        views: &Views,
        a: &Article,
        template: &str,
        src: &markdown::Source<'_>,
    ) -> Option<u64> {
        self.cache?;
        let known = |v: &Value| identity(v).and_then(|id| self.shared.get(&id)).copied();
        let section = match a.section {
            Some(s) => Some(known(views.sections.get(s)?)?),
            None => None,
        };
        let mut h = DefaultHasher::new();
        (
            template,
            self.template_fps.get(template)?,
            &a.url,
            &a.output,
            known(views.cards.get(a.id)?)?,
            known(&views.site)?,
            section,
            self.body_key(src),
            serde_json::to_string(&a.extra).ok()?,
        )
            .hash(&mut h);
        // The widgets every page shows, and this article's related cards.
        hash_value(&views.widgets.value, &mut h, &self.shared);
        for id in crate::render::widgets::related(site, a.id, crate::render::widgets::RELATED_LEN) {
            known(views.cards.get(id)?)?.hash(&mut h);
        }
        Some(h.finish())
    }

    /// Whether `path` was rendered before from the same article key.
    pub(super) fn article_unchanged(&self, path: &str, quick: Option<u64>) -> bool {
        let (Some(quick), Some(cache)) = (quick, self.cache) else {
            return false;
        };
        cache
            .pages
            .get(path)
            .is_some_and(|(_, old, _)| *old == Some(quick))
    }

    /// Fingerprint of a page; `None` without a cache or for a context with keys it does not know.
    pub(super) fn fingerprint(
        &self,
        template: &str,
        url: &str,
        path: &str,
        ctx: &Context,
    ) -> Option<u64> {
        self.cache?;
        let mut rest = ctx.clone();
        let mut h = DefaultHasher::new();
        (template, self.template_fps.get(template)?, url, path).hash(&mut h);
        for key in CONTEXT_KEYS {
            match rest.remove(key) {
                Some(v) => {
                    key.hash(&mut h);
                    hash_value(&v, &mut h, &self.shared);
                }
                None => 0u8.hash(&mut h),
            }
        }
        (rest == Context::new()).then(|| h.finish())
    }

    /// The previous output of `path` (an article page found unchanged by
    /// [`Memo::article_unchanged`]); its body stays cached too.
    pub(super) fn reuse_article(&self, path: &str, src: &markdown::Source<'_>) -> Option<Vec<u8>> {
        let (_, _, bytes) = self.cache?.pages.get(path)?;
        self.reused.fetch_add(1, Ordering::Relaxed);
        self.used_bodies
            .lock()
            .expect("not poisoned")
            .push(self.body_key(src));
        Some(bytes.as_ref().clone())
    }

    /// The previous output of `path` if its fingerprint is `fp` (`quick`: its article key now).
    pub(super) fn reuse(&self, path: &str, fp: Option<u64>, quick: Option<u64>) -> Option<Vec<u8>> {
        let fp = fp?;
        let (old, old_quick, bytes) = self.cache?.pages.get(path)?;
        (*old == fp).then(|| {
            self.reused.fetch_add(1, Ordering::Relaxed);
            if *old_quick != quick {
                self.rekeyed
                    .lock()
                    .expect("not poisoned")
                    .push((path.to_string(), quick));
            }
            bytes.as_ref().clone()
        })
    }

    /// Remember a freshly rendered page.
    pub(super) fn rendered(&self, path: &str, fp: Option<u64>, quick: Option<u64>, bytes: &[u8]) {
        if self.cache.is_some() {
            self.pages.lock().expect("not poisoned").push((
                path.to_string(),
                fp,
                quick,
                Arc::new(bytes.to_vec()),
            ));
        }
    }

    /// A memo that reuses nothing (renders as a build without cache does).
    pub(super) fn plain(photos: &'a Images) -> Memo<'a> {
        Memo {
            photos: Some(photos),
            ..Memo::none()
        }
    }

    fn none() -> Memo<'a> {
        Memo {
            cache: None,
            photos: None,
            template_fps: HashMap::new(),
            links_fp: 0,
            shared: Known::new(),
            pages: Mutex::default(),
            rekeyed: Mutex::default(),
            bodies: Mutex::default(),
            used_bodies: Mutex::default(),
            reused: AtomicUsize::new(0),
            bodies_reused: AtomicUsize::new(0),
            warnings: Mutex::default(),
        }
    }

    pub(super) fn into_fresh(self) -> Fresh {
        Fresh {
            pages: self.pages.into_inner().expect("not poisoned"),
            rekeyed: self.rekeyed.into_inner().expect("not poisoned"),
            bodies: self.bodies.into_inner().expect("not poisoned"),
            used_bodies: self.used_bodies.into_inner().expect("not poisoned"),
            reused: self.reused.into_inner(),
            bodies_reused: self.bodies_reused.into_inner(),
        }
    }
}
