//! One page of the site: the model declares it ([`Page`]: its URL and output
//! path, `site::pages`); here it gets its template and context, is rendered
//! through Tera, or is reused from the render cache when its inputs did not
//! change.

use super::cache::Memo;
use super::templates::Templates;
use super::views::{self, Views};
use super::{
    HOME_LATEST, HOME_PER_SECTION, base_context, feeds, has_highlighted_code, markdown, sitemap,
    sitemap_entries, sitemap_range, sitemap_values,
};
use crate::error::Diagnostic;
use crate::output::Output;
use crate::site::pages::{Page, SITEMAP_LIMIT};
use crate::site::{Article, Site};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;
use tera::{Context, Value};

/// What rendering any page of one render needs.
pub(super) struct PageRenderer<'a> {
    pub site: &'a Site,
    pub templates: &'a Templates,
    pub views: &'a Views,
    pub memo: &'a Memo<'a>,
    /// Time in Markdown and highlighting, summed over threads (ns).
    pub md_nanos: &'a AtomicU64,
    /// Time in templates, summed over threads (ns).
    pub tpl_nanos: &'a AtomicU64,
}

/// A page's template and context, and what the cache knows of it.
struct Made<'t> {
    template: &'t str,
    ctx: Context,
    /// The article page's cache key (none: not reusable unrendered).
    article_key: Option<u64>,
    /// The cache says the article page did not change.
    unchanged: bool,
}

impl<'t> Made<'t> {
    fn plain(template: &'t str, ctx: Context) -> Made<'t> {
        Made {
            template,
            ctx,
            article_key: None,
            unchanged: false,
        }
    }
}

impl<'a> PageRenderer<'a> {
    /// The bytes of `page` at its output path.
    pub fn render(&self, page: Page) -> Result<Output, Vec<Diagnostic>> {
        let (url, path) = (page.url(self.site), page.output(self.site));
        let made = match page {
            Page::Article(id) => match self.article(&self.site.articles[id])? {
                Ok(made) => made,
                Err(reused) => return Ok(reused),
            },
            other => self.generated(other, &url)?,
        };
        self.finish(made, url, path)
    }

    /// An article's page: its body rendered (or its page reused whole,
    /// `Err`); a link that leads nowhere stays as written and the page is
    /// made all the same, so that what is read back from it — anchors, alt
    /// text — is found in the same run (a build with errors writes nothing).
    fn article(&self, a: &'a Article) -> Result<Result<Made<'a>, Output>, Vec<Diagnostic>> {
        let (site, views, memo) = (self.site, self.views, self.memo);
        let started = Instant::now();
        let src = markdown::Source::of(a);
        let template = a.template.as_deref().unwrap_or("article.html");
        let mut article_key = memo.article_key(site, views, a, template, &src);
        let unchanged = memo.article_unchanged(&a.output, article_key);
        // Debug builds render the context anyway, to check the key below.
        if unchanged
            && !cfg!(debug_assertions)
            && let Some(bytes) = memo.reuse_article(&a.output, &src)
        {
            return Ok(Err(Output {
                path: a.output.clone(),
                bytes,
            }));
        }
        let html = memo.markdown(&src, site);
        self.md_nanos
            .fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
        if !html.problems.is_empty() || !html.sanitized.is_empty() {
            // Not reused unrendered next time: its findings are told again.
            article_key = None;
            memo.warn(html.problems);
            memo.warn(html.sanitized);
        }
        if !self.templates.has(template) {
            let (l, c) = crate::load::frontmatter::locate_value(&a.text, &a.split, template);
            let d = crate::problem!(Error, &a.shown, "template-not-found", template = template);
            return Err(vec![d.at(l, c)]);
        }
        let mut ctx = base_context(site, views, &a.url);
        ctx.insert("highlighted", &has_highlighted_code(&html.html));
        ctx.insert_value("page", views.page(site, a, &html.html, &html.toc));
        let section = a
            .section
            .map(|s| views.sections[s].clone())
            .unwrap_or_else(Value::none);
        ctx.insert_value("section", section);
        ctx.insert_value("related", views.widgets.related(site, a, &views.cards));
        Ok(Ok(Made {
            template,
            ctx,
            article_key,
            unchanged,
        }))
    }

    /// The template and context of a generated page at `url`.
    fn generated(&self, page: Page, url: &str) -> Result<Made<'a>, Vec<Diagnostic>> {
        let (site, views) = (self.site, self.views);
        let root = site.config.base.root.as_str();
        let (template, ctx) = match page {
            Page::Article(_) => unreachable!("articles are rendered by `article`"),
            Page::Home => ("index.html", self.home()),
            Page::Section { section, n } => ("section.html", self.section(section, n, url)),
            Page::Taxonomy(kind) => {
                let mut ctx = base_context(site, views, url);
                ctx.insert_value("taxonomy", views.taxonomies[kind.name()].clone());
                ("taxonomy.html", ctx)
            }
            Page::Term { kind, term, n } => ("term.html", self.term(kind, term, n, url)),
            Page::SectionFeed(i) => ("rss.xml", feeds::listing_feed(site, views, Some(i), url)),
            Page::SiteFeed => ("rss.xml", feeds::listing_feed(site, views, None, url)),
            Page::CategoryFeed(t) => ("rss.xml", feeds::term_feed(site, views, t, url)),
            Page::Atom => ("atom.xml", feeds::atom(site, views, url)),
            Page::Sitemap => sitemap(site, views),
            Page::SitemapPart(k) => {
                let mut ctx = base_context(site, views, root);
                let entries = sitemap_entries(site);
                let part = &entries[sitemap_range(k, entries.len(), SITEMAP_LIMIT)];
                ctx.insert_value("entries", sitemap_values(site, part));
                ("sitemap.xml", ctx)
            }
            Page::Robots => ("robots.txt", base_context(site, views, root)),
            Page::NotFound => ("404.html", base_context(site, views, root)),
            Page::Registry(p) => {
                super::registry::context(site, views, p, url, |url| base_context(site, views, url))?
            }
            Page::Search => {
                let mut ctx = base_context(site, views, url);
                ctx.insert_value("taxonomy", views.taxonomies["categories"].clone());
                ("search.html", ctx)
            }
        };
        Ok(Made::plain(template, ctx))
    }

    /// The home page: the newest of each section, and the newest overall.
    fn home(&self) -> Context {
        let (site, views) = (self.site, self.views);
        let mut ctx = base_context(site, views, &site.config.base.root);
        let by_section: Vec<Value> = site
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.articles.is_empty())
            .map(|(i, s)| {
                let n = s.articles.len().min(HOME_PER_SECTION);
                views::map([
                    ("section", views.sections[i].clone()),
                    ("articles", views.cards(&s.articles[..n])),
                ])
            })
            .collect();
        ctx.insert_value("latest_by_section", Value::from(by_section));
        let latest: Vec<usize> = site
            .articles
            .iter()
            .filter(|a| a.section.is_some())
            .take(HOME_LATEST)
            .map(|a| a.id)
            .collect();
        ctx.insert_value("latest", views.cards(&latest));
        ctx
    }

    /// Page `n` of section `i`'s listing.
    fn section(&self, i: usize, n: usize, url: &str) -> Context {
        let (site, views) = (self.site, self.views);
        let s = &site.sections[i];
        let mut ctx = base_context(site, views, url);
        ctx.insert_value("section", views.sections[i].clone());
        ctx.insert_value(
            "paginator",
            views::paginator(views, &s.articles, s.paginate, n, &s.url),
        );
        ctx
    }

    /// Page `n` of one term's listing.
    fn term(&self, kind: crate::site::TaxonomyKind, t: usize, n: usize, url: &str) -> Context {
        let (site, views) = (self.site, self.views);
        let term = &site.taxonomy(kind).terms[t];
        let mut ctx = base_context(site, views, url);
        ctx.insert_value("taxonomy", views.taxonomies[kind.name()].clone());
        ctx.insert_value("term", views.term(site, term));
        ctx.insert_value(
            "paginator",
            views::paginator(views, &term.articles, site.config.paginate, n, &term.url),
        );
        ctx
    }

    /// The page through its template, or from the cache when its context's
    /// fingerprint is the one of the last render.
    fn finish(&self, made: Made<'_>, url: String, path: String) -> Result<Output, Vec<Diagnostic>> {
        let memo = self.memo;
        let fingerprint = memo.fingerprint(made.template, &url, &path, &made.ctx);
        if let Some(bytes) = memo.reuse(&path, fingerprint, made.article_key) {
            return Ok(Output { path, bytes });
        }
        debug_assert!(
            !made.unchanged,
            "{path}: the article key missed a change of its page's context (render/cache.rs)"
        );
        let started = Instant::now();
        let html = self
            .templates
            .render(made.template, &made.ctx, &url)
            .map_err(|e| vec![e])?;
        self.tpl_nanos
            .fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
        memo.rendered(&path, fingerprint, made.article_key, &html);
        Ok(Output { path, bytes: html })
    }
}
