//! What templates see: borrowed, serializable views of the model
//! (docs/templates.md is their contract). Each article's card is serialized
//! once per build and shared (Tera values are reference-counted), so listing,
//! term and feed pages never re-serialize articles.

use crate::site::{Article, Dispatch, Section, Site, Taxonomy, Term, page_url};
use crate::images::Images;
use std::sync::Arc;
use serde::Serialize;
use std::collections::HashMap;
use tera::Value;

#[derive(Serialize)]
struct Named<'a> {
    name: &'a str,
    slug: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct SectionRef<'a> {
    name: &'a str,
    title: &'a str,
    url: &'a str,
}

/// An attachment as templates see it (dispatch blocks, registry records).
#[derive(Serialize)]
pub(crate) struct FileView<'a> {
    url: &'a str,
    name: &'a str,
    size: u64,
    size_human: String,
    #[serde(rename = "type")]
    kind: &'a str,
}

impl<'a> FileView<'a> {
    pub(crate) fn new(f: &'a crate::site::FileRef, lang: crate::vi::Lang) -> FileView<'a> {
        FileView {
            url: &f.url,
            name: &f.name,
            size: f.size,
            size_human: crate::vi::file_size(f.size, lang),
            kind: &f.kind,
        }
    }
}

#[derive(Serialize)]
struct DispatchView<'a> {
    number: &'a str,
    kind: Option<&'a str>,
    issued: Option<String>,
    issuer: Option<&'a str>,
    signer: Option<&'a str>,
    subject: Option<&'a str>,
    file: Option<FileView<'a>>,
    /// Every attachment (`file` is the first).
    files: Vec<FileView<'a>>,
    effective: Option<String>,
    field: Option<&'a str>,
    status: Option<&'a str>,
    /// The record page in the documents registry.
    url: Option<&'a str>,
}

/// An article as listings show it (and the base of `page`).
#[derive(Serialize)]
struct CardView<'a> {
    title: &'a str,
    url: &'a str,
    permalink: String,
    date: Option<String>,
    updated: Option<String>,
    views: Option<u64>,
    author: &'a str,
    summary: &'a str,
    category: Option<Named<'a>>,
    tags: Vec<Named<'a>>,
    image: Option<&'a str>,
    image_alt: Option<&'a str>,
    image_caption: Option<&'a str>,
    image_credit: Option<&'a str>,
    /// Derivatives of the lead image (docs/images.md), none for SVG or external images.
    picture: Option<&'a crate::images::LeadImage>,
    /// The picture shown when the article is shared (`og:image`): the 1200×630
    /// crop of its photo, its rasterized SVG cover, or its external image; none
    /// without a lead image (templates fall back to `site.share_image`).
    share_image: Option<crate::images::share::ShareImage>,
    section: Option<SectionRef<'a>>,
    pinned: bool,
    dispatch: Option<DispatchView<'a>>,
}

/// What an article's page adds to its card.
#[derive(Serialize)]
struct PageView<'a> {
    content: &'a str,
    extra: &'a serde_json::Value,
    toc: &'a [crate::render::markdown::TocEntry],
    reading_minutes: usize,
    /// Structured data (schema.org JSON-LD), ready for a `<script type="application/ld+json">`.
    json_ld: String,
}

#[derive(Serialize)]
struct SectionView<'a> {
    name: &'a str,
    title: &'a str,
    description: &'a str,
    url: &'a str,
    permalink: String,
    feed_url: String,
    count: usize,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    /// `og:locale`: `vi_VN` or `en_US`.
    locale: &'static str,
    /// The site's share picture (`og:image` of pages without one), absolute URL.
    share_image: Option<&'a crate::images::share::ShareImage>,
    /// The publisher's logo, absolute URL.
    logo: Option<&'a crate::images::share::ShareImage>,
    /// The home page's structured data: the organization and the `WebSite`.
    json_ld: String,
    base_url: String,
    root: &'a str,
    default_author: &'a str,
    extra: &'a serde_json::Value,
    sections: Vec<SectionView<'a>>,
    categories_url: String,
    tags_url: String,
    feed_url: String,
    atom_url: String,
    generator: &'static str,
    /// The search page (`/tim-kiem/`), or none when the site's search is off.
    search_url: Option<String>,
    /// The documents registry (`/van-ban/`), or none when the site has no document.
    registry: Option<RegistryLink<'a>>,
}

#[derive(Serialize)]
struct RegistryLink<'a> {
    title: &'a str,
    url: &'a str,
    count: usize,
}

#[derive(Serialize)]
struct TermView<'a> {
    name: &'a str,
    slug: &'a str,
    url: &'a str,
    permalink: String,
    count: usize,
    /// The term's RSS feed (categories only).
    feed_url: Option<String>,
}

/// Views shared by every page of one build.
pub struct Views {
    /// The `site` value of every template (docs/templates.md): titles, URLs,
    /// sections, share picture, `extra`, ….
    pub site: Value,
    /// Card of each article, by `ArticleId`.
    pub cards: Vec<Value>,
    /// The `section` value of each section, by index in [`Site::sections`].
    pub sections: Vec<Value>,
    /// Taxonomy views (with all terms), by kind name.
    pub taxonomies: HashMap<&'static str, Value>,
    /// Latest and most-read lists, and related articles on demand.
    pub widgets: super::widgets::Widgets,
    /// The documents registry's rows and `registry` value.
    pub registry: crate::render::registry::RegistryViews,
    /// The photo stage's result the cards were made with.
    photos: Arc<Images>,
}

fn to_value<T: Serialize>(v: &T) -> Value {
    Value::from_serializable(v)
}

/// A map value from pairs.
pub fn map<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    let mut m = tera::Map::with_capacity(N);
    for (k, v) in pairs {
        m.insert(k.into(), v);
    }
    Value::from(m)
}

impl Views {
    /// The views of `site`, made once per build: the `site` value, a card per
    /// article, sections, taxonomies, widgets and the registry's rows.
    pub fn new(site: &Site, photos: &Arc<Images>) -> Views {
        let base = &site.config.base;
        let sections: Vec<SectionView<'_>> = site
            .sections
            .iter()
            .map(|s| section_view(site, s))
            .collect();
        let title = site.home_title.as_deref().unwrap_or(&site.config.title);
        let description = site
            .home_description
            .as_deref()
            .unwrap_or(&site.config.description);
        let site_view = SiteView {
            title,
            description,
            language: site.config.language.code(),
            locale: match site.config.language {
                crate::vi::Lang::Vi => "vi_VN",
                crate::vi::Lang::En => "en_US",
            },
            share_image: photos.brand().share.as_ref(),
            logo: photos.brand().logo.as_ref(),
            json_ld: super::jsonld::home(site, photos.brand(), title, description),
            base_url: base.full(),
            root: &base.root,
            default_author: &site.config.default_author,
            extra: &site.config.extra,
            sections,
            categories_url: site.categories.url.clone(),
            tags_url: site.tags.url.clone(),
            feed_url: format!("{}rss.xml", base.root),
            atom_url: format!("{}atom.xml", base.root),
            generator: concat!("bantin ", env!("CARGO_PKG_VERSION")),
            search_url: site
                .config
                .search
                .then(|| format!("{}{}", base.root, crate::search::PAGE)),
            registry: (!site.registry.is_empty()).then(|| RegistryLink {
                title: &site.registry.title,
                url: &site.registry.url,
                count: site.registry.records.len(),
            }),
        };
        let cards: Vec<Value> = site
            .articles
            .iter()
            .map(|a| to_value(&card(site, photos, a)))
            .collect();
        let section_values = site
            .sections
            .iter()
            .map(|s| to_value(&section_view(site, s)))
            .collect();
        let mut taxonomies = HashMap::new();
        for tax in [&site.categories, &site.tags] {
            taxonomies.insert(tax.kind.name(), taxonomy_value(site, tax));
        }
        let widgets = super::widgets::Widgets::new(site, &cards);
        Views {
            site: to_value(&site_view),
            widgets,
            cards,
            sections: section_values,
            taxonomies,
            registry: crate::render::registry::RegistryViews::new(site),
            photos: photos.clone(),
        }
    }

    /// `page` for an article's own page: the article's card (made once per
    /// build, see [`Views::cards`]) with the page's own keys added.
    pub fn page(
        &self,
        site: &Site,
        a: &Article,
        content: &str,
        toc: &[crate::render::markdown::TocEntry],
    ) -> Value {
        let words = crate::vi::word_count(a.body());
        let mut page = match self.cards.get(a.id).and_then(Value::as_map) {
            Some(card) => card.clone(),
            None => to_value(&card(site, &self.photos, a)).into_map().unwrap_or_default(),
        };
        let own = to_value(&PageView {
            content,
            extra: &a.extra,
            toc,
            reading_minutes: words.div_ceil(220).max(1),
            json_ld: super::jsonld::article(
                site,
                self.photos.brand(),
                a,
                share_image(&self.photos, a).as_ref(),
            ),
        });
        page.extend(own.into_map().unwrap_or_default());
        Value::from(page)
    }

    /// The cards of the articles `ids` (indices in [`Site::articles`]), as one
    /// list value, in the order given.
    pub fn cards(&self, ids: &[usize]) -> Value {
        Value::from(
            ids.iter()
                .map(|i| self.cards[*i].clone())
                .collect::<Vec<_>>(),
        )
    }

    /// The `term` value of templates for `t`: name, slug, URL, permalink,
    /// article count and, for categories, the feed URL.
    pub fn term(&self, site: &Site, t: &Term) -> Value {
        to_value(&term_view(site, t))
    }
}

fn section_view<'a>(site: &'a Site, s: &'a Section) -> SectionView<'a> {
    SectionView {
        name: &s.name,
        title: &s.title,
        description: &s.description,
        url: &s.url,
        permalink: site.config.base.absolute(&s.url),
        feed_url: format!("{}rss.xml", s.url),
        count: s.articles.len(),
    }
}

fn term_view<'a>(site: &'a Site, t: &'a Term) -> TermView<'a> {
    TermView {
        name: &t.name,
        slug: &t.slug,
        url: &t.url,
        permalink: site.config.base.absolute(&t.url),
        count: t.articles.len(),
        feed_url: t
            .url
            .starts_with(&site.categories.url)
            .then(|| format!("{}rss.xml", t.url)),
    }
}

/// "Chuyên mục" / "Từ khóa" (or the English names), as the site's language has it.
pub fn taxonomy_title(site: &Site, kind: crate::site::TaxonomyKind) -> &'static str {
    let (title_vi, title_en) = match kind {
        crate::site::TaxonomyKind::Categories => ("Chuyên mục", "Categories"),
        crate::site::TaxonomyKind::Tags => ("Từ khóa", "Tags"),
    };
    if site.config.language == crate::vi::Lang::Vi {
        title_vi
    } else {
        title_en
    }
}

fn taxonomy_value(site: &Site, tax: &Taxonomy) -> Value {
    let title = taxonomy_title(site, tax.kind);
    let terms: Vec<Value> = tax
        .terms
        .iter()
        .map(|t| to_value(&term_view(site, t)))
        .collect();
    map([
        ("name", tax.kind.name().into()),
        ("title", title.into()),
        ("url", tax.url.as_str().into()),
        ("permalink", site.config.base.absolute(&tax.url).into()),
        ("terms", Value::from(terms)),
    ])
}

fn card<'a>(site: &'a Site, photos: &'a Images, a: &'a Article) -> CardView<'a> {
    let named = |t: &'a Term| Named {
        name: &t.name,
        slug: &t.slug,
        url: &t.url,
    };
    CardView {
        title: &a.title,
        url: &a.url,
        permalink: site.config.base.absolute(&a.url),
        date: a.date.map(|d| d.to_rfc3339()),
        updated: a.updated.map(|d| d.to_rfc3339()),
        views: a.views,
        author: &a.author,
        summary: &a.summary,
        category: a.category.map(|c| named(&site.categories.terms[c])),
        tags: a.tags.iter().map(|t| named(&site.tags.terms[*t])).collect(),
        image: lead_url(photos, a),
        image_alt: a.image_alt.as_deref(),
        image_caption: a.image_caption.as_deref(),
        image_credit: a.image_credit.as_deref(),
        picture: photos.lead(a.id),
        share_image: share_image(photos, a),
        section: a.section.map(|s| {
            let s = &site.sections[s];
            SectionRef {
                name: &s.name,
                title: &s.title,
                url: &s.url,
            }
        }),
        pinned: a.pinned,
        dispatch: a.dispatch.as_ref().map(|d| dispatch_view(site, d)),
    }
}

/// The URL of an article's lead image: its resized copy when the photo stage
/// made one, else the image as written (an SVG, an external URL).
pub fn lead_url<'a>(photos: &'a Images, a: &'a Article) -> Option<&'a str> {
    match photos.lead(a.id) {
        Some(lead) => Some(&lead.image.src),
        None => a.image.as_deref(),
    }
}

/// An article's own share picture (see `CardView::share_image`).
fn share_image(photos: &Images, a: &Article) -> Option<crate::images::share::ShareImage> {
    photos.share(a.id).or_else(|| {
        let url = a.image.as_deref()?;
        (url.starts_with("https://") || url.starts_with("http://")).then(|| {
            crate::images::share::ShareImage {
                url: url.to_string(),
                width: None,
                height: None,
                mime: None,
            }
        })
    })
}

fn dispatch_view<'a>(site: &'a Site, d: &'a Dispatch) -> DispatchView<'a> {
    let file = |f: &'a crate::site::FileRef| FileView::new(f, site.config.language);
    DispatchView {
        number: &d.number,
        kind: d.kind.as_deref(),
        issued: d.issued.map(|i| i.format("%Y-%m-%d").to_string()),
        issuer: d.issuer.as_deref(),
        signer: d.signer.as_deref(),
        subject: d.subject.as_deref(),
        file: d.file.as_ref().map(file),
        files: d.files.iter().map(file).collect(),
        effective: d.effective.map(|i| i.format("%Y-%m-%d").to_string()),
        field: d.field.as_deref(),
        status: d.status.as_deref(),
        url: crate::render::registry::record_url(
            &site.registry,
            &d.number,
            d.issued.map(|i| chrono::Datelike::year(&i)),
        ),
    }
}

/// One page of a paginated listing whose first page is at `base`.
pub fn paginator(
    views: &Views,
    ids: &[usize],
    per_page: usize,
    current: usize,
    base: &str,
) -> Value {
    let start = (current - 1) * per_page;
    let slice = &ids[start.min(ids.len())..(start + per_page).min(ids.len())];
    paging(
        ids.len(),
        per_page,
        current,
        base,
        ("articles", views.cards(slice)),
    )
}

/// The paginator of page `current` of `total_items` items, holding `items`
/// (the items of this page, under their key) — for listings of any kind.
pub fn paging(
    total_items: usize,
    per_page: usize,
    current: usize,
    base: &str,
    items: (&'static str, Value),
) -> Value {
    let total_pages = total_items.div_ceil(per_page).max(1);
    // A window of page links around the current one, with gaps, so that a
    // listing of 500 pages does not carry 500 links on each of them.
    let mut pages = Vec::new();
    let mut last_shown = 0;
    for n in 1..=total_pages {
        let near = n == 1 || n == total_pages || n.abs_diff(current) <= 2;
        if !near {
            continue;
        }
        if n > last_shown + 1 {
            pages.push(map([
                ("number", Value::none()),
                ("url", Value::none()),
                ("current", false.into()),
                ("gap", true.into()),
            ]));
        }
        pages.push(map([
            ("number", n.into()),
            ("url", page_url(base, n).into()),
            ("current", (n == current).into()),
            ("gap", false.into()),
        ]));
        last_shown = n;
    }
    let link = |n: usize| {
        if n >= 1 && n <= total_pages {
            Value::from(page_url(base, n))
        } else {
            Value::none()
        }
    };
    map([
        items,
        ("current", current.into()),
        ("total_pages", total_pages.into()),
        ("total_items", total_items.into()),
        ("first", page_url(base, 1).into()),
        ("last", page_url(base, total_pages).into()),
        ("previous", link(current.wrapping_sub(1))),
        ("next", link(current + 1)),
        ("pages", Value::from(pages)),
    ])
}
