//! The documents registry (văn bản): every official document the site
//! mentions as a first-class record with its own page, listed at `/van-ban/`.
//!
//! The registry is a feature with a part in each stage: the load stage
//! reads the record files of `content/van-ban/` ([`crate::load::record`]);
//! this, the model's part, merges them with the `dispatch:` blocks of
//! articles into [`Registry`] ([`build`] runs at the end of the model stage,
//! [`crate::site::build`], and the result is [`crate::site::Site::registry`]);
//! the render stage's part (`crate::render::registry`) adds the registry's
//! pages and links citations. Here too: [`number`] reads numbers as Decree
//! 30/2020 shapes them, and [`cite`] finds citations in article bodies.
//!
//! Records come from two places:
//! - the `dispatch:` block of any article (the article is "about" it);
//! - record-only files in `content/van-ban/` (any depth): front matter with
//!   `dispatch:` (and optionally `draft:`), and an optional body of notes.
//!   They produce record pages only — never articles, listings or feed
//!   items. `content/van-ban/_index.md` gives the registry its title,
//!   description and `paginate`.
//!
//! The same number (by slug) in several files is one record; fields given in
//! several files must agree (a field left out in one file is taken from
//! another). A field given differently is an error naming both files.
//! Numbers are checked against Decree 30/2020 ([`number`]); a malformed
//! number is a warning that shows the likely intended number.

pub mod cite;
mod facets;
mod merge;
pub mod number;

/// The warning the build gives for a number that is not written as Decree
/// 30/2020 shapes it, for a number typed elsewhere (the editor's field).
pub fn malformed_number(
    path: &std::path::Path,
    written: &str,
    m: &number::Malformed,
) -> crate::error::Diagnostic {
    merge::malformed(path, "number", written, m, written)
}

#[cfg(test)]
mod tests;

pub use crate::load::record::{FOLDER, RecordFront, RecordSource, is_record_path};
pub use facets::{Facet, FacetGroup, FacetKind};
pub use merge::STATUSES;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::load::frontmatter::{DispatchFront, SectionFront, Split};
use crate::site::links::LinkTable;
use crate::site::{Article, ArticleId, Dispatch, FileRef};
use crate::vi::Lang;
use chrono::Datelike;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What the registry is built from.
pub struct Input<'a> {
    /// The record files of `content/van-ban/`, in path order.
    pub records: Vec<RecordSource>,
    /// `content/van-ban/_index.md`.
    pub front: Option<SectionFront>,
    /// Published articles, newest first.
    pub articles: &'a [Article],
    /// Where links and attachments lead.
    pub links: &'a LinkTable,
    /// Attachment sizes by encoded output path.
    pub sizes: &'a HashMap<String, u64>,
    /// The site's settings (base URL, language, `paginate`).
    pub config: &'a Config,
    /// Whether drafts are built (else draft records are left out).
    pub drafts: bool,
}

/// The registry: records newest first, the filters, the citation index.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// Of the listing: from `content/van-ban/_index.md`, else `Văn bản`.
    pub title: String,
    /// Of the listing, from `content/van-ban/_index.md` (or empty).
    pub description: String,
    /// Root-relative URL of the listing: `/van-ban/` (with the base URL's path).
    pub url: String,
    /// Records per listing page.
    pub paginate: usize,
    /// Newest first (by date issued; undated last).
    pub records: Vec<Record>,
    /// Filters, in the order [`FacetKind::ALL`].
    pub facets: Vec<FacetGroup>,
    /// For linking citations in bodies.
    pub index: cite::Index,
}

impl Registry {
    /// Whether the registry holds no record (then it makes no page).
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Whether an article body may cite a record: the test that decides
    /// which bodies the citation scan parses (a body for which it is false
    /// cites nothing and is in no record's `cited_by`).
    pub fn may_cite(&self, body: &str) -> bool {
        !self.records.is_empty()
            && cite::find(body)
                .iter()
                .any(|f| self.index.targets.contains_key(&f.slug))
    }

    /// `(path relative to content/, record URL)` of every record-only file,
    /// so that a Markdown link to `../van-ban/385-BNV-CCHC.md` leads to its page.
    pub fn links(&self) -> Vec<(String, String)> {
        self.records
            .iter()
            .flat_map(|r| {
                r.sources.iter().filter_map(|s| {
                    let parts: Option<Vec<&str>> = s
                        .strip_prefix("content")
                        .ok()?
                        .components()
                        .map(|c| c.as_os_str().to_str())
                        .collect();
                    let rel = parts?.join("/");
                    is_record_path(&rel).then(|| (rel, r.url.clone()))
                })
            })
            .collect()
    }

    /// The record with this slug.
    pub fn get(&self, slug: &str) -> Option<&Record> {
        self.records.iter().find(|r| r.slug == slug)
    }
}

/// One document.
#[derive(Debug, Clone)]
pub struct Record {
    /// As written (the well-formed spelling when files differ).
    pub number: String,
    /// Whether the number is well formed (Decree 30/2020).
    pub well_formed: bool,
    /// Slug of the number: `1141-ubnd-kstthc` (shared by the years a number was used in).
    pub number_slug: String,
    /// Slug of the page: the number slug, with `-<year>` for a number used in several years.
    pub slug: String,
    /// Root-relative URL of the record page.
    pub url: String,
    /// Output file: `van-ban/<slug>/index.html`.
    pub output: String,
    /// The document type: as given, else from the number (`QĐ` → `Quyết định`, none → `Công văn`).
    pub kind: String,
    /// The merged fields (`kind` as given).
    pub dispatch: Dispatch,
    /// Files that describe the record (`content/…`).
    pub sources: Vec<PathBuf>,
    /// Articles whose `dispatch:` is this record.
    pub about: Vec<ArticleId>,
    /// Articles citing the number in their body (newest first).
    pub cited_by: Vec<ArticleId>,
    /// The body of a record-only file: notes on the document.
    pub body: Option<RecordBody>,
    /// Index of the record's term in each facet group (same order as [`Registry::facets`]).
    pub terms: Vec<Option<usize>>,
}

impl Record {
    /// Year for the year filter: of the date issued, else of the number.
    pub fn year(&self) -> Option<i32> {
        self.dispatch
            .issued
            .map(|d| d.year())
            .or_else(|| number::parse(&self.number).ok()?.year.map(i32::from))
    }

    /// Every article about or citing the record, newest first, once each.
    pub fn articles(&self) -> Vec<ArticleId> {
        let mut ids: Vec<ArticleId> = self.about.iter().chain(&self.cited_by).copied().collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// `Công văn số 1141/UBND-KSTTHC`.
    pub fn label(&self) -> String {
        format!("{} số {}", self.kind, self.number)
    }
}

/// The body of a record-only file, rendered on the record page.
#[derive(Debug, Clone)]
pub struct RecordBody {
    /// The whole decoded file.
    pub text: String,
    /// Where the front matter and the body are in `text`.
    pub split: Split,
    /// Path for messages (`content/van-ban/…`).
    pub shown: PathBuf,
    /// Folder of the file relative to `content/`, for its links.
    pub dir: String,
}

/// Resolve the `file:` and `files:` of a dispatch block; each missing one is
/// an error located at its line in the file.
pub fn resolve_files(
    d: &DispatchFront,
    text: &str,
    split: &Split,
    shown: &Path,
    errors: &mut Vec<Diagnostic>,
    resolve: impl Fn(&str) -> Result<FileRef, crate::site::NoAttachment>,
) -> Vec<FileRef> {
    let mut out: Vec<FileRef> = Vec::new();
    let written = d.file.iter().map(|f| ("file", f));
    for (key, f) in written.chain(d.files.iter().map(|f| ("files", f))) {
        match resolve(f) {
            Ok(r) if out.iter().any(|o| o.url == r.url) => {}
            Ok(r) => out.push(r),
            Err(why) => {
                let (l, c) = crate::load::record::locate(text, split, key, Some(f));
                errors.push(why.problem(shown).at(l, c));
            }
        }
    }
    out
}

/// Build the registry from the records and articles of the site. Errors
/// (conflicts, missing attachments, numbers that make no address) go to
/// `errors`; the warnings are returned.
pub fn build(input: Input<'_>, errors: &mut Vec<Diagnostic>) -> (Registry, Vec<Diagnostic>) {
    let config = input.config;
    let mut warnings = Vec::new();
    let url = format!("{}{FOLDER}/", config.base.root);
    let mut occurrences = merge::occurrences(&input, errors);
    // Articles whose URL the registry would take.
    if !occurrences.is_empty() {
        for a in input.articles.iter().filter(|a| a.url.starts_with(&url)) {
            errors.push(
                crate::problem!(Error, &a.shown, "url-of-the-registry", url = &a.url).at(1, 1),
            );
        }
    }

    let (mut records, by_slug) = merge::merge(&mut occurrences, &url, errors, &mut warnings);
    merge::disambiguate(&mut records, &by_slug, &url);
    for r in &mut records {
        r.kind = r.dispatch.kind.clone().unwrap_or_else(|| {
            number::parse(&r.number)
                .map(|n| n.kind_name().to_string())
                .unwrap_or_else(|_| "Văn bản".to_string())
        });
    }
    records.sort_by(|a, b| {
        let key = |r: &Record| {
            (
                r.dispatch.issued.is_none(),
                std::cmp::Reverse(r.dispatch.issued),
                std::cmp::Reverse(r.year()),
            )
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| seq_of(b).cmp(&seq_of(a)))
            .then_with(|| a.slug.cmp(&b.slug))
    });

    let index = citation_index(&records, config.language);
    cite_scan(input.articles, &mut records, &index, &mut warnings);
    let facets = facets::facets(&mut records, &url);
    let front = input.front.as_ref();
    let registry = Registry {
        title: front
            .map(|f| f.title.clone())
            .unwrap_or_else(|| match config.language {
                Lang::Vi => "Văn bản".to_string(),
                Lang::En => "Documents".to_string(),
            }),
        description: front
            .and_then(|f| f.description.clone())
            .unwrap_or_default(),
        paginate: front
            .and_then(|f| f.paginate)
            .filter(|p| *p > 0)
            .unwrap_or(config.paginate),
        url,
        records,
        facets,
        index,
    };
    (registry, warnings)
}

/// The sequence number as a number, for ordering records issued the same day.
fn seq_of(r: &Record) -> u64 {
    let digits: String = r.number.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(0)
}

/// Which articles cite each record in their body; malformed citations of a
/// record are warned about (they are linked all the same).
fn cite_scan(
    articles: &[Article],
    records: &mut [Record],
    index: &cite::Index,
    warnings: &mut Vec<Diagnostic>,
) {
    if records.is_empty() {
        return;
    }
    let options = crate::markdown::options();
    let found: Vec<(ArticleId, Vec<cite::Cited>)> = articles
        .par_iter()
        .map(|a| {
            // Parse only the bodies whose raw text holds a number of the
            // registry (most cite none); the parse then says where links go.
            let body = a.body();
            // The same test as `Registry::may_cite` (the index is the registry's).
            let candidate = cite::find(body)
                .iter()
                .any(|f| index.targets.contains_key(&f.slug));
            let cited = if candidate {
                cite::scan_markdown(body, options)
            } else {
                Vec::new()
            };
            (a.id, cited)
        })
        .collect();
    let mut cited: Vec<Vec<ArticleId>> = vec![Vec::new(); records.len()];
    for (id, list) in found {
        let a = &articles[id];
        for c in list {
            let Some(ri) = index.resolve(&c.found.slug, c.found.year).map(|t| t.record) else {
                continue;
            };
            if cited[ri].last() != Some(&id) {
                cited[ri].push(id);
            }
            if let Some(m) = &c.found.malformed {
                let body = a.body();
                let before = &body[..c.offset.min(body.len())];
                let line = a.split.body_line + before.matches('\n').count();
                let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                let number = &records[ri].number;
                warnings.push(
                    merge::malformed(&a.shown, "citation", &c.found.written, m, number)
                        .at(line, col)
                        .with_hint_id("citation-write-number"),
                );
            }
        }
    }
    for (r, c) in records.iter_mut().zip(cited) {
        r.cited_by = c;
    }
}

/// The citation index of the records (newest first): each number slug
/// with its records, and the accessible label of each record URL and attachment.
fn citation_index(records: &[Record], lang: Lang) -> cite::Index {
    let mut index = cite::Index::default();
    for (i, r) in records.iter().enumerate() {
        // Records are newest first, so each list is too.
        index
            .targets
            .entry(r.number_slug.clone())
            .or_default()
            .push(cite::Target {
                url: r.url.clone(),
                kind: r.kind.clone(),
                year: r.year(),
                record: i,
            });
        index.labels.insert(r.url.clone(), r.label());
        for f in &r.dispatch.files {
            index.labels.insert(
                f.url.clone(),
                format!(
                    "{}, {} {}",
                    r.label(),
                    f.kind,
                    crate::vi::file_size(f.size, lang)
                ),
            );
        }
    }
    index
}

/// One page the registry adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistryPage {
    /// The listing, page `n`, unfiltered or filtered by term `term` of facet group `group`.
    List {
        /// `(facet group, term)`, or none for every record.
        filter: Option<(usize, usize)>,
        /// The page number, from 1.
        n: usize,
    },
    /// The page of record `i`.
    Record(usize),
    /// `/van-ban/rss.xml`.
    Feed,
}

impl RegistryPage {
    /// The page's root-relative URL.
    pub fn url(self, reg: &Registry) -> String {
        match self {
            RegistryPage::List { filter: None, n } => crate::site::page_url(&reg.url, n),
            RegistryPage::List {
                filter: Some((g, t)),
                n,
            } => crate::site::page_url(&reg.facets[g].terms[t].url, n),
            RegistryPage::Record(i) => reg.records[i].url.clone(),
            RegistryPage::Feed => format!("{}rss.xml", reg.url),
        }
    }
}

impl Registry {
    /// Every page of the registry (none when it holds no record).
    pub fn pages(&self) -> Vec<RegistryPage> {
        if self.is_empty() {
            return Vec::new();
        }
        let per = self.paginate;
        let count = |n: usize| n.div_ceil(per).max(1);
        let mut out: Vec<RegistryPage> = (1..=count(self.records.len()))
            .map(|n| RegistryPage::List { filter: None, n })
            .collect();
        for (g, group) in self.facets.iter().enumerate() {
            for (t, term) in group.terms.iter().enumerate() {
                out.extend((1..=count(term.records.len())).map(|n| RegistryPage::List {
                    filter: Some((g, t)),
                    n,
                }));
            }
        }
        out.extend((0..self.records.len()).map(RegistryPage::Record));
        out.push(RegistryPage::Feed);
        out
    }

    /// How many URLs the registry adds to the sitemap: its listing, each
    /// facet term's listing, each record.
    pub fn sitemap_len(&self) -> usize {
        if self.is_empty() {
            return 0;
        }
        1 + self.facets.iter().map(|g| g.terms.len()).sum::<usize>() + self.records.len()
    }
}
