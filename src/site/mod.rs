//! Stage 2 — the site model: from loaded [`Content`] to [`Site`], with every
//! article's slug and URL, sections sorted newest first (pinned first),
//! categories and tags, the attachments to publish, and the link table.
//!
//! Decisions about what is published (drafts, future dates) and where
//! (URLs, duplicates) are made here, once; rendering only reads the model.

pub mod limits;
pub mod links;
pub mod pages;
pub mod registry;
pub mod terms;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::load::frontmatter::{FrontMatter, Split, locate_value};
use crate::load::{Content, DocKind, Document};
use crate::vi::{slug_from_file_name, slugify};
use chrono::{DateTime, FixedOffset, NaiveDate};
use links::{LinkTable, Resolved, encode_path, encode_segment};
use std::collections::HashMap;
use std::path::PathBuf;
use terms::TermIndex;

/// Index of an article in [`Site::articles`].
pub type ArticleId = usize;

/// What goes into the model besides the content.
#[derive(Debug, Clone, Copy)]
pub struct ModelOptions {
    /// Publish articles marked `draft: true` too.
    pub drafts: bool,
    /// Publish articles dated after `now` too.
    pub future: bool,
    /// Articles dated after this are left out unless `future`.
    pub now: DateTime<FixedOffset>,
}

/// The whole site, ready to render.
#[derive(Debug, Clone)]
pub struct Site {
    /// The validated config.yaml (with `--base-url` applied by the driver).
    pub config: Config,
    /// `title:` of `content/_index.md`, for the home page; the site's title is
    /// used when absent.
    pub home_title: Option<String>,
    /// `description:` of `content/_index.md`, for the home page.
    pub home_description: Option<String>,
    /// Published articles and standalone pages, newest first.
    pub articles: Vec<Article>,
    /// In navigation order.
    pub sections: Vec<Section>,
    /// Every category used by a published article.
    pub categories: Taxonomy,
    /// Every tag used by a published article.
    pub tags: Taxonomy,
    /// Attachments and other files to copy.
    pub assets: Vec<PublishedAsset>,
    /// Content path → URL of every published file, for resolving links in
    /// bodies and front matter.
    pub links: LinkTable,
    /// Articles left out (drafts, future).
    pub skipped: usize,
    /// The documents registry (`/van-ban/`): every dispatch as a record.
    pub registry: registry::Registry,
}

impl Site {
    /// The categories or the tags.
    pub fn taxonomy(&self, kind: TaxonomyKind) -> &Taxonomy {
        match kind {
            TaxonomyKind::Categories => &self.categories,
            TaxonomyKind::Tags => &self.tags,
        }
    }
}

/// One published announcement (or a standalone page directly in `content/`).
#[derive(Debug, Clone)]
pub struct Article {
    /// Its own index in [`Site::articles`].
    pub id: ArticleId,
    /// Path relative to `content/`.
    pub source: String,
    /// Path for messages (`content/…`).
    pub shown: PathBuf,
    /// Folder of the `.md` file relative to `content/`, for resolving links.
    pub dir: String,
    /// Index in [`Site::sections`] of its top-level folder; `None` for a
    /// standalone page directly in `content/`.
    pub section: Option<usize>,
    /// The last segment of its URL, not encoded: `slug:` slugified, or made
    /// from the file (or bundle folder) name.
    pub slug: String,
    /// Root-relative URL, with the base URL's path: `/tin-tuc-ttt/tin-tuc/hoi-nghi/`.
    pub url: String,
    /// Output file relative to the output folder: `tin-tuc/hoi-nghi/index.html`.
    pub output: String,
    /// The headline, trimmed.
    pub title: String,
    /// When it was published, in the site's timezone; `None` only for a
    /// standalone page (an article in a section must have a date).
    pub date: Option<DateTime<FixedOffset>>,
    /// When it was last revised (`updated:`), in the site's timezone.
    pub updated: Option<DateTime<FixedOffset>>,
    /// The view count to show: from `data/views.*` when a row names the
    /// article, else `views:`.
    pub views: Option<u64>,
    /// `author:`, or the site's `default_author` when absent or blank.
    pub author: String,
    /// Index of its category in `Site::categories.terms`.
    pub category: Option<usize>,
    /// Indices of its tags in `Site::tags.terms`, in the order written, without repeats.
    pub tags: Vec<usize>,
    /// `summary:` trimmed, or the body's first paragraph as plain text
    /// ([`first_paragraph`]); may be empty.
    pub summary: String,
    /// The lead image: the published file's root-relative, percent-encoded URL,
    /// or the URL as written when it is not a relative path; `None` when there
    /// is none or the file is missing (reported as an error).
    pub image: Option<String>,
    /// `image_alt:` as written: the lead image's text alternative.
    pub image_alt: Option<String>,
    /// `image_caption:` as written: shown under the lead image.
    pub image_caption: Option<String>,
    /// `image_credit:` as written: who took the photo.
    pub image_credit: Option<String>,
    /// Focal point as written (`"30% 40%"`), checked by the image stage.
    pub image_focus: Option<String>,
    /// Listed first in its section, before newer unpinned articles.
    pub pinned: bool,
    /// The theme template to render it with (`template:`); `article.html` when `None`.
    pub template: Option<String>,
    /// The official document it announces, with its attachments resolved.
    pub dispatch: Option<Dispatch>,
    /// `extra:` as written, for templates (`page.extra`); an empty object when absent.
    pub extra: serde_json::Value,
    /// The decoded source file; the Markdown body starts at `split.body`.
    pub text: String,
    /// Where the front matter and the body are in `text`.
    pub split: Split,
}

impl Article {
    /// The Markdown body: `text` after the closing `---` line.
    pub fn body(&self) -> &str {
        &self.text[self.split.body..]
    }
}

/// An official document (công văn) an article is about.
#[derive(Debug, Clone)]
pub struct Dispatch {
    /// The number and symbol (số ký hiệu), trimmed: `1141/UBND-KSTTHC`.
    pub number: String,
    /// The type of document (loại văn bản): `Công văn`, `Quyết định`, …
    pub kind: Option<String>,
    /// The day it was issued (ngày ban hành).
    pub issued: Option<NaiveDate>,
    /// The body that issued it (cơ quan ban hành).
    pub issuer: Option<String>,
    /// Who signed it (người ký).
    pub signer: Option<String>,
    /// What it is about (trích yếu).
    pub subject: Option<String>,
    /// The first of `files`.
    pub file: Option<FileRef>,
    /// Every attachment: `file:` first, then `files:`.
    pub files: Vec<FileRef>,
    /// The day it takes effect (ngày có hiệu lực).
    pub effective: Option<NaiveDate>,
    /// Field (lĩnh vực).
    pub field: Option<String>,
    /// Legal status (tình trạng hiệu lực).
    pub status: Option<String>,
}

/// A downloadable attachment.
#[derive(Debug, Clone)]
pub struct FileRef {
    /// Root-relative, percent-encoded URL of the published file.
    pub url: String,
    /// The file name, the last segment of the path as written in the dispatch.
    pub name: String,
    /// The file's size in bytes (0 if it could not be known).
    pub size: u64,
    /// `PDF`, `DOCX`, …
    pub kind: String,
}

/// A top-level folder of `content/`: a dated listing of articles.
#[derive(Debug, Clone)]
pub struct Section {
    /// The folder's name under `content/`, NFC: `tin-tuc`.
    pub name: String,
    /// `title:` of its `_index.md`, or the folder name with `-` and `_` as
    /// spaces and a capital first letter.
    pub title: String,
    /// `description:` of its `_index.md`; empty when absent.
    pub description: String,
    /// `weight:` of its `_index.md`: lower comes first in navigation; `None`
    /// comes after every weighted section.
    pub weight: Option<i64>,
    /// Root-relative, percent-encoded URL of its listing, ending in `/`.
    pub url: String,
    /// Articles per listing page: `paginate:` of its `_index.md`, else the site's.
    pub paginate: usize,
    /// Pinned first, then newest first.
    pub articles: Vec<ArticleId>,
}

/// Categories or tags.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// Whether these are the categories or the tags.
    pub kind: TaxonomyKind,
    /// Root-relative URL of the page listing every term, ending in `/`:
    /// `/chuyen-muc/` or `/tu-khoa/` under the site root.
    pub url: String,
    /// In Vietnamese dictionary order of their names ([`terms`]).
    pub terms: Vec<Term>,
}

/// Which taxonomy a [`Taxonomy`] is: where its terms come from and where
/// they are published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxonomyKind {
    /// From `category:` (one per article), published under `/chuyen-muc/`.
    Categories,
    /// From `tags:` (any number per article), published under `/tu-khoa/`.
    Tags,
}

impl TaxonomyKind {
    /// The URL folder: `chuyen-muc` or `tu-khoa`.
    pub fn path(self) -> &'static str {
        match self {
            TaxonomyKind::Categories => "chuyen-muc",
            TaxonomyKind::Tags => "tu-khoa",
        }
    }

    /// Its name in templates (`taxonomy.name`): `categories` or `tags`.
    pub fn name(self) -> &'static str {
        match self {
            TaxonomyKind::Categories => "categories",
            TaxonomyKind::Tags => "tags",
        }
    }
}

/// One category or tag. Spellings that differ only in case, NFC/NFD or
/// tone-mark placement are one term ([`terms::term_key`]).
#[derive(Debug, Clone)]
pub struct Term {
    /// The spelling shown: the one most articles use (the first seen among equals).
    pub name: String,
    /// Its URL segment: the name slugified, with `-2`, `-3`, … added when
    /// different words slugify alike.
    pub slug: String,
    /// Root-relative URL of its listing, ending in `/`: `/chuyen-muc/kinh-te/`.
    pub url: String,
    /// Newest first.
    pub articles: Vec<ArticleId>,
}

/// A file copied from `content/` to the output.
#[derive(Debug, Clone)]
pub struct PublishedAsset {
    /// The file on disk, under the site's `content/`.
    pub source: PathBuf,
    /// Path for messages (`content/…`).
    pub shown: PathBuf,
    /// Output path relative to the output folder (not encoded).
    pub output: String,
    /// The file's size in bytes.
    pub size: u64,
}

/// The URL of the `n`-th page (1-based) of a listing at `base`.
pub fn page_url(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}trang/{n}/")
    }
}

/// The model of `content` under `config`. It keeps going past errors: the
/// documents and files in error are left out of the model, and every
/// problem (errors and warnings, in one list) is returned beside it, so
/// that one run reports everything.
pub fn build(
    content: Content,
    config: Config,
    opts: &ModelOptions,
) -> (Site, Vec<Diagnostic>) {
    let root = config.base.root.clone();
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut over_limits = Vec::new();
    limits::check(
        &content.documents,
        &config.limits,
        &mut errors,
        &mut over_limits,
    );

    // Sections, in navigation order.
    let mut sections: Vec<Section> = content
        .sections
        .iter()
        .map(|(name, src)| {
            let front = src.front.as_ref();
            Section {
                name: name.clone(),
                title: front
                    .map(|f| f.title.clone())
                    .unwrap_or_else(|| title_from_folder(name)),
                description: front
                    .and_then(|f| f.description.clone())
                    .unwrap_or_default(),
                weight: front.and_then(|f| f.weight),
                url: format!("{root}{}/", encode_segment(name)),
                paginate: front
                    .and_then(|f| f.paginate)
                    .filter(|p| *p > 0)
                    .unwrap_or(config.paginate),
                articles: Vec::new(),
            }
        })
        .collect();
    sections.sort_by(|a, b| {
        (a.weight.is_none(), a.weight, &a.title).cmp(&(b.weight.is_none(), b.weight, &b.title))
    });
    let section_index: HashMap<String, usize> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.clone(), i))
        .collect();

    // Which documents are published.
    let all_bundles: Vec<String> = content
        .documents
        .iter()
        .filter(|d| d.kind == DocKind::Bundle)
        .map(|d| d.dir().to_string())
        .collect();
    let mut skipped = 0;
    let mut unpublished: Vec<(String, String)> = Vec::new();
    let mut published: Vec<(Document, Option<DateTime<FixedOffset>>)> = Vec::new();
    for doc in content.documents {
        let date = doc.front.date.map(|d| d.resolve(config.timezone));
        if doc.section().is_some() && date.is_none() {
            errors.push(
                Diagnostic::error(
                    &doc.shown,
                    "missing required key `date`: articles in a section need a date",
                )
                .at(doc.split.yaml_line, 1)
                .with_hint(
                    "add e.g. `date: 2023-02-15T08:46:50+07:00` or `date: 15/02/2023 08:46`",
                ),
            );
            continue;
        }
        if (doc.front.draft && !opts.drafts) || (date.is_some_and(|d| d > opts.now) && !opts.future)
        {
            skipped += 1;
            let why = match date {
                _ if doc.front.draft && !opts.drafts => "a draft (`draft: true`)".to_string(),
                Some(d) => format!("dated in the future ({})", d.format("%d/%m/%Y %H:%M")),
                None => "left out".to_string(),
            };
            unpublished.push((doc.rel.clone(), why));
            continue;
        }
        published.push((doc, date));
    }
    // Newest first; ties by path so that builds are reproducible.
    published.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.rel.cmp(&b.0.rel)));

    // URLs, checked for clashes with each other and with generated pages.
    let sections_urls = sections.iter().map(|s| (s.name.as_str(), s.url.as_str()));
    let mut taken: HashMap<String, PathBuf> = pages::reserved(&root, sections_urls, config.search)
        .into_iter()
        .map(|(url, what)| (url, PathBuf::from(what)))
        .collect();
    let mut links = LinkTable::default();
    for (rel, why) in unpublished {
        links.insert_unpublished(rel, why);
    }
    let mut bundle_dirs: HashMap<String, (String, String)> = HashMap::new(); // dir → (url, output dir)
    let mut placed = Vec::with_capacity(published.len());
    for (doc, date) in published {
        let slug = match &doc.front.slug {
            Some(s) => slugify(s),
            None => slug_from_file_name(doc.stem()),
        };
        if slug.is_empty() {
            errors.push(Diagnostic::error(&doc.shown, "cannot make a URL from this file name").at(1, 1).with_hint(
                "rename the file with letters or digits, or set `slug:` in the front matter",
            ));
            continue;
        }
        let (path, section) = match doc.section() {
            Some(s) => (format!("{}/{slug}", s), section_index.get(s).copied()),
            None => (slug.clone(), None),
        };
        let url = format!("{root}{}/", encode_path(&path));
        if let Some(first) = taken.get(&url) {
            errors.push(
                Diagnostic::error(
                    &doc.shown,
                    format!(
                        "two pages would have the URL {url}: this one and {}",
                        first.display()
                    ),
                )
                .at(1, 1)
                .with_hint("rename one of the files or give one a different `slug:`"),
            );
            continue;
        }
        taken.insert(url.clone(), doc.shown.clone());
        links.insert(doc.rel.clone(), url.clone());
        if doc.kind == DocKind::Bundle {
            bundle_dirs.insert(doc.dir().to_string(), (url.clone(), path.clone()));
        }
        placed.push((doc, date, slug, section, url, format!("{path}/index.html")));
    }

    // Attachments: a bundle's files go with its article; others keep their place.
    let mut assets = Vec::new();
    for a in content.assets {
        let owner = bundle_owner(&a.rel, &bundle_dirs);
        let output = match owner {
            Some((dir, (_, out_dir))) => format!("{out_dir}{}", &a.rel[dir.len()..]),
            // A file of a bundle that is not published (a draft) is not published either.
            None if all_bundles
                .iter()
                .any(|b| a.rel.starts_with(b.as_str()) && a.rel[b.len()..].starts_with('/')) =>
            {
                continue;
            }
            None => a.rel.clone(),
        };
        let url = format!("{root}{}", encode_path(&output));
        if let Some(first) = taken.insert(url.clone(), PathBuf::from(format!("content/{}", a.rel)))
        {
            errors.push(Diagnostic::error(
                format!("content/{}", a.rel),
                format!(
                    "two files would have the URL {url}: this one and {}",
                    first.display()
                ),
            ));
        }
        links.insert(a.rel.clone(), url);
        assets.push(PublishedAsset {
            source: a.source,
            shown: PathBuf::from(format!("content/{}", a.rel)),
            output,
            size: a.size,
        });
    }

    // Attachment sizes by encoded output path, for dispatch files (one lookup each, not a scan).
    let asset_sizes: HashMap<String, u64> = assets
        .iter()
        .map(|a| (encode_path(&a.output), a.size))
        .collect();

    // View counts from data/views.*, by article id (= index in `placed`).
    let (counted, mut warnings) = match &content.views {
        Some(counts) => counts.resolve(&crate::load::counts::Targets {
            root: &root,
            urls: placed
                .iter()
                .enumerate()
                .map(|(i, p)| (crate::load::counts::url_key(&p.4), i))
                .collect(),
            sources: placed
                .iter()
                .enumerate()
                .map(|(i, p)| (p.0.rel.clone(), i))
                .collect(),
        }),
        None => Default::default(),
    };
    warnings.append(&mut over_limits);

    // Articles, complete.
    let mut categories = TermIndex::new(TaxonomyKind::Categories, &root);
    let mut tags = TermIndex::new(TaxonomyKind::Tags, &root);
    let mut articles = Vec::with_capacity(placed.len());
    for (doc, date, slug, section, url, output) in placed {
        let id = articles.len();
        let fm: &FrontMatter = &doc.front;
        let category = fm
            .category
            .as_deref()
            .filter(|c| !c.trim().is_empty())
            .and_then(|c| categories.add(c, id, &doc));
        let mut tag_ids: Vec<usize> = Vec::new();
        for t in fm.tags.iter().filter_map(|t| tags.add(t, id, &doc)) {
            if !tag_ids.contains(&t) {
                tag_ids.push(t);
            }
        }
        let dir = doc.dir().to_string();
        let dispatch = fm.dispatch.as_ref().map(|d| {
            let files = registry::resolve_files(
                d,
                &doc.text,
                &doc.split,
                &doc.shown,
                &mut errors,
                |f| attachment(&links, &asset_sizes, &root, &dir, f),
            );
            Dispatch::from_front(d, files)
        });
        let image = fm
            .image
            .as_ref()
            .and_then(|img| match links.resolve(&dir, img) {
                Resolved::External => Some(img.clone()),
                Resolved::Url(u) => Some(u),
                Resolved::Missing(p) => {
                    let (l, c) = locate_value(&doc.text, &doc.split, img);
                    errors.push(
                        Diagnostic::error(&doc.shown, format!("image not found: content/{p}"))
                            .at(l, c)
                            .with_code("missing-image"),
                    );
                    None
                }
            });
        if let Some(s) = section {
            sections[s].articles.push(id);
        }
        let summary = match &fm.summary {
            Some(s) => s.trim().to_string(),
            None => first_paragraph(doc.body()),
        };
        articles.push(Article {
            id,
            source: doc.rel.clone(),
            shown: doc.shown.clone(),
            dir,
            section,
            slug,
            url,
            output,
            title: fm.title.trim().to_string(),
            date,
            updated: fm.updated.map(|d| d.resolve(config.timezone)),
            views: counted.get(&id).copied().or(fm.views),
            author: fm
                .author
                .clone()
                .filter(|a| !a.trim().is_empty())
                .unwrap_or_else(|| config.default_author.clone()),
            category,
            tags: tag_ids,
            summary,
            image,
            image_alt: fm.image_alt.clone(),
            image_caption: fm.image_caption.clone(),
            image_credit: fm.image_credit.clone(),
            image_focus: fm.image_focus.clone(),
            pinned: fm.pinned,
            template: fm.template.clone(),
            dispatch,
            extra: fm
                .extra
                .clone()
                .unwrap_or(serde_json::Value::Object(Default::default())),
            text: doc.text,
            split: doc.split,
        });
    }
    for s in &mut sections {
        // Already newest first; a stable sort keeps that within pinned and unpinned.
        s.articles.sort_by_key(|id| !articles[*id].pinned);
    }

    let (registry, registry_warnings) = if config.registry {
        registry::build(
            registry::Input {
                records: content.records,
                front: content.registry_index,
                articles: &articles,
                links: &links,
                sizes: &asset_sizes,
                config: &config,
                drafts: opts.drafts,
            },
            &mut errors,
        )
    } else {
        // Off: dispatches stay on their articles, without record pages;
        // files written only for the registry would be lost, so they are errors.
        let shown = content.records.iter().map(|r| r.shown.clone()).chain(
            content
                .registry_index
                .iter()
                .map(|_| PathBuf::from(format!("content/{}/_index.md", registry::FOLDER))),
        );
        errors.extend(shown.map(|shown| {
            Diagnostic::error(
                shown,
                "this file is for the documents registry, which config.yaml turns off (`registry: false`)",
            )
            .at(1, 1)
            .with_hint("remove `registry: false` from config.yaml, or move the file out of content/")
        }));
        Default::default()
    };
    warnings.extend(registry_warnings);
    for (rel, url) in registry.links() {
        links.insert(rel, url);
    }
    let (categories, category_remap) = categories.finish(&mut warnings);
    let (tags, tag_remap) = tags.finish(&mut warnings);
    for a in &mut articles {
        a.category = a.category.map(|c| category_remap[c]);
        for t in &mut a.tags {
            *t = tag_remap[*t];
        }
    }
    let site = Site {
        home_title: content.home.as_ref().map(|h| h.title.clone()),
        home_description: content.home.and_then(|h| h.description),
        config,
        articles,
        sections,
        categories,
        tags,
        assets,
        links,
        skipped,
        registry,
    };
    // One channel: the warnings (view counts for unknown paths, different
    // terms sharing a slug, malformed document numbers) go with the errors.
    errors.extend(warnings);
    (site, errors)
}

fn bundle_owner<'a>(
    rel: &str,
    bundles: &'a HashMap<String, (String, String)>,
) -> Option<(&'a str, &'a (String, String))> {
    let mut dir = rel;
    while let Some((parent, _)) = dir.rsplit_once('/') {
        if let Some((k, v)) = bundles.get_key_value(parent) {
            return Some((k.as_str(), v));
        }
        dir = parent;
    }
    None
}

/// The file a dispatch names, published; or the problem's code and message.
pub(crate) fn attachment(
    links: &LinkTable,
    sizes: &HashMap<String, u64>,
    root: &str,
    dir: &str,
    written: &str,
) -> Result<FileRef, (&'static str, String)> {
    match links.resolve(dir, written) {
        Resolved::Url(url) => {
            let output = url.strip_prefix(root).unwrap_or(&url);
            let size = sizes.get(output).copied();
            let name = written.rsplit('/').next().unwrap_or(written).to_string();
            let kind = name
                .rsplit_once('.')
                .map(|(_, e)| e.to_ascii_uppercase())
                .unwrap_or_default();
            Ok(FileRef {
                url,
                name,
                size: size.unwrap_or(0),
                kind,
            })
        }
        Resolved::External => Err((
            "",
            format!("expected a file next to the article, found `{written}`"),
        )),
        Resolved::Missing(p) => Err((
            "missing-attachment",
            format!("attachment not found: content/{p}"),
        )),
    }
}

/// `tin-tuc` → `Tin tuc` when a section has no `_index.md`.
fn title_from_folder(name: &str) -> String {
    let s = name.replace(['-', '_'], " ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}

/// The first paragraph of a Markdown body as plain text (the default summary).
pub fn first_paragraph(body: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = String::new();
    let mut inside = false;
    for ev in Parser::new(body) {
        match ev {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside && !out.trim().is_empty() => break,
            Event::End(TagEnd::Paragraph) => inside = false,
            Event::Text(t) | Event::Code(t) if inside => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}
