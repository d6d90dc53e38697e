//! Stage 2 — the site model: from loaded [`Content`] to [`Site`], with every
//! article's slug and URL, sections sorted newest first (pinned first),
//! categories and tags, the attachments to publish, and the link table.
//!
//! Decisions about what is published (drafts, future dates) and where
//! (URLs, duplicates) are made here, once; rendering only reads the model.

mod assemble;
pub mod limits;
pub mod links;
pub mod pages;
pub mod registry;
pub mod terms;

pub use assemble::build;

use crate::config::Config;
use crate::load::frontmatter::Split;
use chrono::{DateTime, FixedOffset, NaiveDate};
use links::{LinkTable, Resolved};
use std::collections::HashMap;
use std::path::PathBuf;

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

/// The file a dispatch names, published; or why it cannot be.
pub(crate) fn attachment(
    links: &LinkTable,
    sizes: &HashMap<String, u64>,
    root: &str,
    dir: &str,
    written: &str,
) -> Result<FileRef, NoAttachment> {
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
        Resolved::External => Err(NoAttachment::External(written.to_string())),
        Resolved::Missing(p) => Err(NoAttachment::Missing(p)),
    }
}

/// Why a file a dispatch names is not attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoAttachment {
    /// An address outside the site, as written.
    External(String),
    /// No such file: its path under `content/`.
    Missing(String),
}

impl NoAttachment {
    /// The problem, in the file `shown`.
    pub fn problem(self, shown: &std::path::Path) -> crate::error::Diagnostic {
        match self {
            NoAttachment::External(written) => {
                crate::problem!(Error, shown, "attachment-not-a-file", written = written)
            }
            NoAttachment::Missing(path) => {
                crate::problem!(Error, shown, "attachment-not-found", path = path)
                    .with_code("missing-attachment")
            }
        }
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
