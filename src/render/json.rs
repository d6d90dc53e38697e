//! The machine-readable part of the render stage: `index.json` beside each
//! article's `index.html` ([`ArticleJson`]) and beside each page of a section,
//! category or tag listing ([`ListingJson`]), for other government systems.
//! docs/json.md documents the files; docs/schemas/ holds their JSON Schemas.
//!
//! Serialized from the typed structs below (field order is key order), with
//! every URL absolute (the base URL's path included), and nothing that
//! changes between two builds of the same content (no build time), so a
//! rebuild writes the same bytes. `json: false` in config.yaml: none of them.

use super::Output;
use crate::site::links::{Resolved, encode_path};
use crate::site::{Article, FileRef, Site, Taxonomy, TaxonomyKind, Term, page_url};
use serde::Serialize;
use std::collections::HashMap;

/// The name of every file this module writes, beside the HTML of the same URL.
pub const FILE: &str = "index.json";

/// One JSON file to write.
#[derive(Debug, Clone, Copy)]
pub enum Job<'a> {
    /// The file beside an article's page.
    Article(&'a Article),
    /// Section `i`, page `n` (1-based).
    Section(usize, usize),
    /// Term `t` of a taxonomy, page `n` (1-based).
    Term(&'a Taxonomy, usize, usize),
}

/// Every JSON file of `site`, in the order of the HTML pages; none when `json: false`.
pub fn jobs(site: &Site) -> Vec<Job<'_>> {
    if !site.config.json {
        return Vec::new();
    }
    let mut jobs: Vec<Job<'_>> = site.articles.iter().map(Job::Article).collect();
    for (i, s) in site.sections.iter().enumerate() {
        let pages = s.articles.len().div_ceil(s.paginate).max(1);
        jobs.extend((1..=pages).map(|n| Job::Section(i, n)));
    }
    for tax in [&site.categories, &site.tags] {
        for (t, term) in tax.terms.iter().enumerate() {
            let pages = term.articles.len().div_ceil(site.config.paginate).max(1);
            jobs.extend((1..=pages).map(|n| Job::Term(tax, t, n)));
        }
    }
    jobs
}

/// What the files of one build look up: published files by URL.
pub struct Lookup {
    /// The photo stage's result (body pictures and lead images).
    photos: std::sync::Arc<crate::images::Images>,
    /// Root-relative (encoded) URL → (output path, size) of each file copied from `content/`.
    assets: HashMap<String, (String, u64)>,
    /// Output folder of a bundle (`tin-tuc/bai/`) → its files, in output order.
    bundles: HashMap<String, Vec<String>>,
}

impl Lookup {
    /// The lookup of `site`: each file copied from `content/` by URL, and each
    /// bundle's files.
    pub fn new(site: &Site, photos: &std::sync::Arc<crate::images::Images>) -> Lookup {
        let root = &site.config.base.root;
        let mut bundles: HashMap<String, Vec<String>> = site
            .articles
            .iter()
            .filter(|a| a.source.ends_with("/index.md"))
            .map(|a| (folder(&a.output).to_string(), Vec::new()))
            .collect();
        let mut assets = HashMap::with_capacity(site.assets.len());
        for a in &site.assets {
            let url = format!("{root}{}", encode_path(&a.output));
            // A file anywhere below a bundle's folder belongs to it.
            let mut dir = a.output.as_str();
            while let Some((parent, _)) = dir.rsplit_once('/') {
                if let Some(files) = bundles.get_mut(&format!("{parent}/")) {
                    files.push(url.clone());
                    break;
                }
                dir = parent;
            }
            assets.insert(url, (a.output.clone(), a.size));
        }
        for files in bundles.values_mut() {
            files.sort();
        }
        Lookup {
            photos: photos.clone(),
            assets,
            bundles,
        }
    }
}

/// `tin-tuc/bai/index.html` → `tin-tuc/bai/`.
fn folder(html: &str) -> &str {
    html.strip_suffix("index.html").unwrap_or(html)
}

/// Render one JSON file.
pub fn render(site: &Site, lookup: &Lookup, job: &Job<'_>) -> Output {
    match *job {
        Job::Article(a) => article(site, lookup, a),
        Job::Section(i, n) => {
            let s = &site.sections[i];
            let list = List {
                kind: "section",
                title: &s.title,
                slug: &s.name,
                description: &s.description,
                base: &s.url,
                ids: &s.articles,
                per_page: s.paginate,
            };
            listing(site, &list, n)
        }
        Job::Term(tax, t, n) => {
            let term: &Term = &tax.terms[t];
            let list = List {
                kind: match tax.kind {
                    TaxonomyKind::Categories => "category",
                    TaxonomyKind::Tags => "tag",
                },
                title: &term.name,
                slug: &term.slug,
                description: "",
                base: &term.url,
                ids: &term.articles,
                per_page: site.config.paginate,
            };
            listing(site, &list, n)
        }
    }
}

/// `index.json` of one article (also used by quick rebuilds in `serve`).
pub fn article(site: &Site, lookup: &Lookup, a: &Article) -> Output {
    let base = &site.config.base;
    let term = |t| term_ref(site, t);
    let refs = body_refs(site, lookup, a);
    let mut attachments: Vec<Attachment<'_>> = Vec::new();
    if let Some(d) = &a.dispatch {
        attachments.extend(d.files.iter().map(|f| Attachment::of(site, f)));
    }
    let bundle = lookup.bundles.get(folder(&a.output)).into_iter().flatten();
    for url in refs.files.iter().chain(bundle) {
        let absolute = base.absolute(url);
        if attachments.iter().any(|f| f.url == absolute) {
            continue;
        }
        if let Some(f) = Attachment::published(lookup, url, absolute) {
            attachments.push(f);
        }
    }
    let doc = ArticleJson {
        title: &a.title,
        url: base.absolute(&a.url),
        json_url: base.absolute(&format!("{}{FILE}", a.url)),
        language: site.config.language.code(),
        date: a.date.map(|d| d.to_rfc3339()),
        updated: a.updated.map(|d| d.to_rfc3339()),
        author: &a.author,
        section: a.section.map(|s| {
            let s = &site.sections[s];
            SectionRef {
                name: &s.name,
                title: &s.title,
                url: base.absolute(&s.url),
                json_url: base.absolute(&format!("{}{FILE}", s.url)),
            }
        }),
        category: a.category.map(|c| term(&site.categories.terms[c])),
        tags: a.tags.iter().map(|t| term(&site.tags.terms[*t])).collect(),
        summary: &a.summary,
        views: a.views,
        pinned: a.pinned,
        dispatch: a.dispatch.as_ref().map(|d| dispatch(site, d)),
        photos: photos(site, lookup, a, refs.photos),
        attachments,
        text: crate::search::index::plain_text(a.body()),
    };
    Output {
        path: json_path(&a.output),
        bytes: serde_json::to_vec(&doc).expect("JSON of plain values"),
    }
}

fn term_ref<'a>(site: &Site, t: &'a Term) -> TermRef<'a> {
    let base = &site.config.base;
    TermRef {
        name: &t.name,
        slug: &t.slug,
        url: base.absolute(&t.url),
        json_url: base.absolute(&format!("{}{FILE}", t.url)),
    }
}

/// `x/index.html` → `x/index.json`.
fn json_path(html: &str) -> String {
    format!("{}{FILE}", folder(html))
}

/// An article in JSON: `<article URL>index.json`.
#[derive(Serialize)]
struct ArticleJson<'a> {
    title: &'a str,
    /// The HTML page.
    url: String,
    json_url: String,
    /// `vi` or `en`.
    language: &'static str,
    /// RFC 3339 with the offset.
    date: Option<String>,
    updated: Option<String>,
    author: &'a str,
    section: Option<SectionRef<'a>>,
    category: Option<TermRef<'a>>,
    tags: Vec<TermRef<'a>>,
    summary: &'a str,
    views: Option<u64>,
    pinned: bool,
    dispatch: Option<DispatchJson<'a>>,
    photos: Vec<Photo<'a>>,
    attachments: Vec<Attachment<'a>>,
    /// The body as plain text, as the search index reads it.
    text: String,
}

#[derive(Serialize)]
struct SectionRef<'a> {
    /// The folder name.
    name: &'a str,
    title: &'a str,
    url: String,
    json_url: String,
}

#[derive(Serialize)]
struct TermRef<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    json_url: String,
}

/// The official document an article is about.
#[derive(Serialize)]
struct DispatchJson<'a> {
    number: &'a str,
    kind: Option<&'a str>,
    /// `YYYY-MM-DD`.
    issued: Option<String>,
    effective: Option<String>,
    issuer: Option<&'a str>,
    signer: Option<&'a str>,
    subject: Option<&'a str>,
    field: Option<&'a str>,
    status: Option<&'a str>,
    /// The first of `files`.
    file: Option<String>,
    files: Vec<Attachment<'a>>,
    /// The record's page in the documents registry, when it has one.
    record_url: Option<String>,
}

/// A published file.
#[derive(Serialize)]
struct Attachment<'a> {
    url: String,
    name: std::borrow::Cow<'a, str>,
    /// Bytes.
    size: u64,
    /// `PDF`, `DOCX`, … (the file name's extension).
    #[serde(rename = "type")]
    kind: std::borrow::Cow<'a, str>,
}

impl<'a> Attachment<'a> {
    fn of(site: &Site, f: &'a FileRef) -> Attachment<'a> {
        Attachment {
            url: site.config.base.absolute(&f.url),
            name: f.name.as_str().into(),
            size: f.size,
            kind: f.kind.as_str().into(),
        }
    }

    /// The published file at root-relative `url`, unless it is a photo
    /// (photos are listed as such, and their originals may not be published).
    fn published(lookup: &Lookup, url: &str, absolute: String) -> Option<Attachment<'a>> {
        let (output, size) = lookup.assets.get(url)?;
        let name = output.rsplit('/').next().unwrap_or(output).to_string();
        let kind = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_uppercase())
            .unwrap_or_default();
        if PHOTO_TYPES.contains(&kind.as_str()) {
            return None;
        }
        Some(Attachment {
            url: absolute,
            name: name.into(),
            size: *size,
            kind: kind.into(),
        })
    }
}

/// Extensions of photos, never listed as attachments.
const PHOTO_TYPES: [&str; 7] = ["JPG", "JPEG", "PNG", "WEBP", "GIF", "SVG", "AVIF"];

#[derive(Serialize)]
struct Photo<'a> {
    /// The published copy (resized when the build made derivatives).
    url: String,
    alt: Option<std::borrow::Cow<'a, str>>,
    width: Option<u32>,
    height: Option<u32>,
    /// The article's lead image (`image:`), first when present.
    lead: bool,
}

fn dispatch<'a>(site: &'a Site, d: &'a crate::site::Dispatch) -> DispatchJson<'a> {
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let base = &site.config.base;
    DispatchJson {
        number: &d.number,
        kind: d.kind.as_deref(),
        issued: d.issued.map(day),
        effective: d.effective.map(day),
        issuer: d.issuer.as_deref(),
        signer: d.signer.as_deref(),
        subject: d.subject.as_deref(),
        field: d.field.as_deref(),
        status: d.status.as_deref(),
        file: d.file.as_ref().map(|f| base.absolute(&f.url)),
        files: d.files.iter().map(|f| Attachment::of(site, f)).collect(),
        record_url: crate::render::registry::record_url(
            &site.registry,
            &d.number,
            d.issued.map(|i| chrono::Datelike::year(&i)),
        )
        .map(|u| base.absolute(u)),
    }
}

/// A URL as written or resolved, made absolute when it is root-relative.
fn absolute(site: &Site, url: &str) -> String {
    if url.starts_with('/') && !url.starts_with("//") {
        site.config.base.absolute(url)
    } else {
        url.to_string()
    }
}

/// Photos and files a body shows or links to.
struct BodyRefs {
    /// (URL, width, height, alt) of each image, in body order.
    photos: Vec<(String, Option<(u32, u32)>, String)>,
    /// Root-relative URLs of the content files linked to (pages aside).
    files: Vec<String>,
}

fn body_refs(site: &Site, lookup: &Lookup, a: &Article) -> BodyRefs {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut refs = BodyRefs {
        photos: Vec::new(),
        files: Vec::new(),
    };
    let mut alt: Option<String> = None;
    for ev in Parser::new_ext(a.body(), crate::markdown::options()) {
        match ev {
            Event::Start(Tag::Image { dest_url, .. }) => {
                let shown = match lookup.photos.body_picture(&site.links, &a.dir, &dest_url) {
                    Some(p) => Some((p.src.clone(), Some((p.width, p.height)))),
                    None => match site.links.resolve(&a.dir, &dest_url) {
                        Resolved::Url(u) => Some((u, None)),
                        Resolved::External if is_web(&dest_url) => {
                            Some((dest_url.to_string(), None))
                        }
                        _ => None,
                    },
                };
                if let Some((url, size)) = shown {
                    refs.photos
                        .push((absolute(site, &url), size, String::new()));
                    alt = Some(String::new());
                }
            }
            Event::Text(t) | Event::Code(t) if alt.is_some() => {
                alt.as_mut().expect("inside an image").push_str(&t)
            }
            Event::End(TagEnd::Image) => {
                if let (Some(text), Some(last)) = (alt.take(), refs.photos.last_mut()) {
                    last.2 = text;
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Resolved::Url(u) = site.links.resolve(&a.dir, &dest_url) {
                    let path = u.split(['#', '?']).next().unwrap_or(&u);
                    if lookup.assets.contains_key(path) && !refs.files.iter().any(|f| f == path) {
                        refs.files.push(path.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    refs
}

/// `/x.jpg` or `http(s)://…`: an image URL a reader's browser can fetch.
fn is_web(url: &str) -> bool {
    (url.starts_with('/') && !url.starts_with("//"))
        || url.starts_with("https://")
        || url.starts_with("http://")
}

fn photos<'a>(
    site: &Site,
    lookup: &Lookup,
    a: &'a Article,
    body: Vec<(String, Option<(u32, u32)>, String)>,
) -> Vec<Photo<'a>> {
    let mut out = Vec::with_capacity(body.len() + 1);
    let lead = lookup.photos.lead(a.id);
    let lead_url = match (lead, &a.image) {
        (Some(l), _) => Some(l.image.src.as_str()),
        (None, Some(u)) if is_web(u) => Some(u.as_str()),
        _ => None,
    };
    if let Some(url) = lead_url {
        out.push(Photo {
            url: absolute(site, url),
            alt: a.image_alt.as_deref().map(Into::into),
            width: lead.map(|l| l.image.width),
            height: lead.map(|l| l.image.height),
            lead: true,
        });
    }
    for (url, size, alt) in body {
        if out.iter().any(|p| p.url == url) {
            continue;
        }
        out.push(Photo {
            url,
            alt: (!alt.is_empty()).then(|| alt.into()),
            width: size.map(|s| s.0),
            height: size.map(|s| s.1),
            lead: false,
        });
    }
    out
}

/// A paginated listing, before it is cut into pages.
struct List<'a> {
    /// `section`, `category` or `tag`.
    kind: &'static str,
    title: &'a str,
    slug: &'a str,
    description: &'a str,
    /// Root-relative URL of its first HTML page.
    base: &'a str,
    ids: &'a [usize],
    per_page: usize,
}

/// One page of a listing in JSON: `<listing page URL>index.json`.
#[derive(Serialize)]
struct ListingJson<'a> {
    kind: &'static str,
    title: &'a str,
    slug: &'a str,
    description: &'a str,
    /// This page's HTML.
    url: String,
    json_url: String,
    language: &'static str,
    pagination: Pagination,
    items: Vec<Item<'a>>,
}

/// Where a page sits among its listing's pages; the URLs are of the JSON files.
#[derive(Serialize)]
struct Pagination {
    page: usize,
    per_page: usize,
    total_pages: usize,
    total_items: usize,
    first: String,
    last: String,
    prev: Option<String>,
    next: Option<String>,
}

/// An article as a listing gives it: enough to choose it, and where its JSON is.
#[derive(Serialize)]
struct Item<'a> {
    title: &'a str,
    url: String,
    json_url: String,
    date: Option<String>,
    updated: Option<String>,
    author: &'a str,
    summary: &'a str,
    /// The section's folder name.
    section: Option<&'a str>,
    category: Option<&'a str>,
    views: Option<u64>,
    pinned: bool,
    /// The dispatch's number, when the article is about one.
    dispatch: Option<&'a str>,
}

fn listing(site: &Site, list: &List<'_>, n: usize) -> Output {
    let base = &site.config.base;
    let json = |k: usize| base.absolute(&format!("{}{FILE}", page_url(list.base, k)));
    let total_pages = list.ids.len().div_ceil(list.per_page).max(1);
    let start = ((n - 1) * list.per_page).min(list.ids.len());
    let end = (start + list.per_page).min(list.ids.len());
    let url = page_url(list.base, n);
    let doc = ListingJson {
        kind: list.kind,
        title: list.title,
        slug: list.slug,
        description: list.description,
        url: base.absolute(&url),
        json_url: json(n),
        language: site.config.language.code(),
        pagination: Pagination {
            page: n,
            per_page: list.per_page,
            total_pages,
            total_items: list.ids.len(),
            first: json(1),
            last: json(total_pages),
            prev: (n > 1).then(|| json(n - 1)),
            next: (n < total_pages).then(|| json(n + 1)),
        },
        items: list.ids[start..end]
            .iter()
            .map(|id| item(site, &site.articles[*id]))
            .collect(),
    };
    Output {
        path: json_path(&base.output_path(&url)),
        bytes: serde_json::to_vec(&doc).expect("JSON of plain values"),
    }
}

fn item<'a>(site: &'a Site, a: &'a Article) -> Item<'a> {
    let base = &site.config.base;
    Item {
        title: &a.title,
        url: base.absolute(&a.url),
        json_url: base.absolute(&format!("{}{FILE}", a.url)),
        date: a.date.map(|d| d.to_rfc3339()),
        updated: a.updated.map(|d| d.to_rfc3339()),
        author: &a.author,
        summary: &a.summary,
        section: a.section.map(|s| site.sections[s].name.as_str()),
        category: a.category.map(|c| site.categories.terms[c].name.as_str()),
        views: a.views,
        pinned: a.pinned,
        dispatch: a.dispatch.as_ref().map(|d| d.number.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_sits_beside_the_html_of_the_same_url() {
        assert_eq!(
            json_path("tin-tuc/bai/index.html"),
            "tin-tuc/bai/index.json"
        );
        assert_eq!(json_path("index.html"), "index.json");
    }

    #[test]
    fn only_web_addresses_count_as_photos_shown_as_written() {
        assert!(is_web("/anh.jpg"));
        assert!(is_web("https://cdn.example.vn/a.jpg"));
        assert!(!is_web("//cdn.example.vn/a.jpg"));
        assert!(!is_web("data:image/png;base64,AAAA"));
    }
}
