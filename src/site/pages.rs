//! Every page a build generates, declared once, in the model: its kind
//! ([`Page`]), its URL and its output path ([`Page::url`], [`Page::output`]),
//! the list of all of them ([`all`]), and the URLs the model reserves before
//! it places articles ([`reserved`]), so that no article can take a
//! generated page's address. Render only gives each page a template and a
//! context (`render::render_job`); a new page type is a variant here, its
//! arm there, its template and its test (docs/architecture.md).

use super::registry::RegistryPage;
use super::{ArticleId, Site, TaxonomyKind, page_url};

/// The search page, under the site's root (`/tim-kiem/`).
pub const SEARCH: &str = "tim-kiem/";

/// URLs per sitemap file: the protocol's limit (sitemaps.org). A larger site
/// gets `sitemap.xml` as a sitemap index over `sitemap-1.xml`, `sitemap-2.xml`, ….
pub const SITEMAP_LIMIT: usize = 50_000;

/// One generated page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// An article's own page.
    Article(ArticleId),
    /// The home page.
    Home,
    /// Page `n` (from 1) of a section's listing.
    Section {
        /// Index in [`Site::sections`].
        section: usize,
        /// The page number, from 1.
        n: usize,
    },
    /// Every term of a taxonomy: `/chuyen-muc/`, `/tu-khoa/`.
    Taxonomy(TaxonomyKind),
    /// Page `n` of one term's listing.
    Term {
        /// Categories or tags.
        kind: TaxonomyKind,
        /// Index in the taxonomy's terms.
        term: usize,
        /// The page number, from 1.
        n: usize,
    },
    /// The RSS feed of a section, next to its listing.
    SectionFeed(usize),
    /// The site's RSS feed: `/rss.xml`.
    SiteFeed,
    /// The RSS feed of a category, next to its page.
    CategoryFeed(usize),
    /// The site's Atom feed: `/atom.xml`.
    Atom,
    /// `sitemap.xml`: every URL, or (above [`SITEMAP_LIMIT`]) an index of the parts.
    Sitemap,
    /// Part k (1-based) of a split sitemap: `sitemap-k.xml`.
    SitemapPart(usize),
    /// `robots.txt`.
    Robots,
    /// `404.html`.
    NotFound,
    /// The search page (when `search:` is on).
    Search,
    /// A page of the documents registry (`/van-ban/…`).
    Registry(RegistryPage),
}

impl Page {
    /// The page's root-relative, percent-encoded URL.
    pub fn url(self, site: &Site) -> String {
        let root = site.config.base.root.as_str();
        let paged = |base: &str, n| page_url(base, n);
        match self {
            Page::Article(id) => site.articles[id].url.clone(),
            Page::Home => root.to_string(),
            Page::Section { section, n } => paged(&site.sections[section].url, n),
            Page::Taxonomy(kind) => site.taxonomy(kind).url.clone(),
            Page::Term { kind, term, n } => paged(&site.taxonomy(kind).terms[term].url, n),
            Page::SectionFeed(s) => format!("{}rss.xml", site.sections[s].url),
            Page::SiteFeed => format!("{root}rss.xml"),
            Page::CategoryFeed(t) => format!("{}rss.xml", site.categories.terms[t].url),
            Page::Atom => format!("{root}atom.xml"),
            Page::Sitemap => format!("{root}sitemap.xml"),
            Page::SitemapPart(k) => format!("{root}sitemap-{k}.xml"),
            Page::Robots => format!("{root}robots.txt"),
            Page::NotFound => format!("{root}404.html"),
            Page::Search => format!("{root}{SEARCH}"),
            Page::Registry(page) => page.url(&site.registry),
        }
    }

    /// Where the page goes, relative to the output folder.
    pub fn output(self, site: &Site) -> String {
        match self {
            Page::Article(id) => site.articles[id].output.clone(),
            Page::Registry(RegistryPage::Record(i)) => site.registry.records[i].output.clone(),
            _ => site.config.base.output_path(&self.url(site)),
        }
    }
}

/// Every page of `site`, articles first, in the order they are rendered.
pub fn all(site: &Site) -> Vec<Page> {
    let mut pages: Vec<Page> = (0..site.articles.len()).map(Page::Article).collect();
    pages.push(Page::Home);
    for (i, s) in site.sections.iter().enumerate() {
        let count = s.articles.len().div_ceil(s.paginate).max(1);
        pages.extend((1..=count).map(|n| Page::Section { section: i, n }));
        pages.push(Page::SectionFeed(i));
    }
    for kind in [TaxonomyKind::Categories, TaxonomyKind::Tags] {
        pages.push(Page::Taxonomy(kind));
        for (term, t) in site.taxonomy(kind).terms.iter().enumerate() {
            let count = t.articles.len().div_ceil(site.config.paginate).max(1);
            pages.extend((1..=count).map(|n| Page::Term { kind, term, n }));
        }
    }
    pages.extend((0..site.categories.terms.len()).map(Page::CategoryFeed));
    pages.push(Page::Atom);
    pages.extend([Page::SiteFeed, Page::Sitemap, Page::Robots, Page::NotFound]);
    let parts = sitemap_parts(sitemap_len(site), SITEMAP_LIMIT);
    pages.extend((1..=parts).map(Page::SitemapPart));
    pages.extend(site.registry.pages().into_iter().map(Page::Registry));
    if site.config.search {
        pages.push(Page::Search);
    }
    pages
}

/// The URLs of generated pages that exist before any article is placed,
/// with what each is (for the message when an article would take one):
/// section listings, the taxonomies' lists, the search page.
pub fn reserved<'a>(
    root: &str,
    sections: impl Iterator<Item = (&'a str, &'a str)>,
    search: bool,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = sections
        .map(|(name, url)| {
            (
                url.to_string(),
                format!("content/{name}/ (section listing)"),
            )
        })
        .collect();
    for kind in [TaxonomyKind::Categories, TaxonomyKind::Tags] {
        let path = kind.path();
        out.push((
            format!("{root}{path}/"),
            format!("/{path}/ (generated list)"),
        ));
    }
    if search {
        out.push((
            format!("{root}{SEARCH}"),
            "/tim-kiem/ (search page)".to_string(),
        ));
    }
    out
}

/// How many URLs the sitemap lists: the home page, sections, articles, the
/// two taxonomy lists, their terms and the registry's pages.
pub fn sitemap_len(site: &Site) -> usize {
    1 + site.sections.len()
        + site.articles.len()
        + 2
        + site.categories.terms.len()
        + site.tags.terms.len()
        + site.registry.sitemap_len()
}

/// How many part files a sitemap of `len` URLs needs (0: one `sitemap.xml`).
pub fn sitemap_parts(len: usize, limit: usize) -> usize {
    if len <= limit { 0 } else { len.div_ceil(limit) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::path::Path;

    /// The model's declarations and what render makes cannot drift: every
    /// declared page is rendered at its declared path, no two share a URL,
    /// and every URL reserved before articles are placed is a declared page.
    #[test]
    fn declared_pages_are_the_rendered_pages() {
        for fixture in ["registry", "search", "paging", "bundle"] {
            let opts = crate::build::BuildOptions {
                root: Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures")
                    .join(fixture),
                future: true,
                ..Default::default()
            };
            let plan = crate::build::plan(&opts, &crate::build::Silent).unwrap();
            let site = &plan.site;
            let pages = all(site);
            let urls: HashSet<String> = pages.iter().map(|p| p.url(site)).collect();
            assert_eq!(urls.len(), pages.len(), "{fixture}: two pages share a URL");
            let written: HashSet<&str> = plan
                .rendered
                .outputs
                .iter()
                .map(|o| o.path.as_str())
                .collect();
            for p in &pages {
                let out = p.output(site);
                assert!(
                    written.contains(out.as_str()),
                    "{fixture}: {p:?} not at {out}"
                );
            }
            let sections = site
                .sections
                .iter()
                .map(|s| (s.name.as_str(), s.url.as_str()));
            for (url, what) in reserved(&site.config.base.root, sections, site.config.search) {
                assert!(
                    urls.contains(&url),
                    "{fixture}: reserved {url} ({what}) is no page"
                );
            }
            assert_eq!(plan.rendered.pages, pages.len(), "{fixture}");
        }
    }
}
