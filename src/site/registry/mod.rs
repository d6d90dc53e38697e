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
pub mod number;
pub use crate::load::record::{FOLDER, RecordFront, RecordSource, is_record_path};

use crate::config::Config;
use crate::error::{Diagnostic, closest};
use crate::load::frontmatter::{DispatchFront, SectionFront, Split};
use crate::site::links::LinkTable;
use crate::site::{Article, ArticleId, Dispatch, FileRef};
use crate::vi::{Lang, slugify};
use chrono::Datelike;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// URL segments under `/van-ban/` that are not record pages.
const RESERVED: &[&str] = &[
    "loai",
    "co-quan",
    "nam",
    "linh-vuc",
    "trang",
    "index-json",
    "rss-xml",
];

/// Legal statuses as portals write them; others are warned about.
pub const STATUSES: &[&str] = &[
    "Còn hiệu lực",
    "Hết hiệu lực",
    "Hết hiệu lực một phần",
    "Chưa có hiệu lực",
    "Ngưng hiệu lực",
    "Ngưng hiệu lực một phần",
    "Không còn phù hợp",
];

/// What the registry is built from.
pub struct Input<'a> {
    pub records: Vec<RecordSource>,
    /// `content/van-ban/_index.md`.
    pub front: Option<SectionFront>,
    /// Published articles, newest first.
    pub articles: &'a [Article],
    pub links: &'a LinkTable,
    /// Attachment sizes by encoded output path.
    pub sizes: &'a HashMap<String, u64>,
    pub config: &'a Config,
    pub drafts: bool,
}

/// The registry: records newest first, the filters, the citation index.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub title: String,
    pub description: String,
    /// Root-relative URL of the listing: `/van-ban/` (with the base URL's path).
    pub url: String,
    pub paginate: usize,
    /// Newest first (by date issued; undated last).
    pub records: Vec<Record>,
    /// Filters, in the order [`FacetKind::ALL`].
    pub facets: Vec<FacetGroup>,
    /// For linking citations in bodies.
    pub index: cite::Index,
}

impl Registry {
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
    pub text: String,
    pub split: Split,
    pub shown: PathBuf,
    /// Folder of the file relative to `content/`, for its links.
    pub dir: String,
}

/// The filters of the listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetKind {
    Kind,
    Issuer,
    Year,
    Field,
}

impl FacetKind {
    pub const ALL: [FacetKind; 4] = [
        FacetKind::Kind,
        FacetKind::Issuer,
        FacetKind::Year,
        FacetKind::Field,
    ];

    /// URL folder under `/van-ban/`.
    pub fn path(self) -> &'static str {
        match self {
            FacetKind::Kind => "loai",
            FacetKind::Issuer => "co-quan",
            FacetKind::Year => "nam",
            FacetKind::Field => "linh-vuc",
        }
    }

    /// Key for templates and JSON.
    pub fn name(self) -> &'static str {
        match self {
            FacetKind::Kind => "kind",
            FacetKind::Issuer => "issuer",
            FacetKind::Year => "year",
            FacetKind::Field => "field",
        }
    }

    fn value(self, r: &Record) -> Option<String> {
        match self {
            FacetKind::Kind => Some(r.kind.clone()),
            FacetKind::Issuer => r.dispatch.issuer.clone(),
            FacetKind::Year => r.year().map(|y| y.to_string()),
            FacetKind::Field => r.dispatch.field.clone(),
        }
    }
}

/// The values of one filter.
#[derive(Debug, Clone)]
pub struct FacetGroup {
    pub kind: FacetKind,
    pub terms: Vec<Facet>,
}

/// One value of a filter (`Quyết định`, `Bộ Nội vụ`, `2023`) and its records.
#[derive(Debug, Clone)]
pub struct Facet {
    pub name: String,
    pub slug: String,
    /// `/van-ban/loai/quyet-dinh/`.
    pub url: String,
    /// Indices into [`Registry::records`], newest first.
    pub records: Vec<usize>,
}

impl Dispatch {
    /// The model's dispatch from its front matter and its resolved attachments.
    pub fn from_front(d: &DispatchFront, files: Vec<FileRef>) -> Dispatch {
        let clean = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        Dispatch {
            number: d.number.trim().to_string(),
            kind: clean(&d.kind),
            issued: d.issued.map(|d| d.0),
            issuer: clean(&d.issuer),
            signer: clean(&d.signer),
            subject: clean(&d.subject),
            file: files.first().cloned(),
            files,
            effective: d.effective.map(|d| d.0),
            field: clean(&d.field),
            status: clean(&d.status),
        }
    }

    /// The fields compared between two files describing the same number.
    fn compared(&self) -> [(&'static str, Option<String>); 9] {
        let files = (!self.files.is_empty()).then(|| {
            self.files
                .iter()
                .map(|f| f.url.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        });
        [
            ("kind", self.kind.clone()),
            ("issued", self.issued.map(|d| d.to_string())),
            ("effective", self.effective.map(|d| d.to_string())),
            ("issuer", self.issuer.clone()),
            ("signer", self.signer.clone()),
            ("subject", self.subject.clone()),
            ("field", self.field.clone()),
            ("status", self.status.clone()),
            ("files", files),
        ]
    }

    /// Take the fields `self` leaves out from `other`.
    fn fill_from(&mut self, other: &Dispatch) {
        fn fill<T: Clone>(a: &mut Option<T>, b: &Option<T>) {
            if a.is_none() {
                a.clone_from(b);
            }
        }
        fill(&mut self.kind, &other.kind);
        fill(&mut self.issued, &other.issued);
        fill(&mut self.effective, &other.effective);
        fill(&mut self.issuer, &other.issuer);
        fill(&mut self.signer, &other.signer);
        fill(&mut self.subject, &other.subject);
        fill(&mut self.field, &other.field);
        fill(&mut self.status, &other.status);
        if self.files.is_empty() {
            self.files.clone_from(&other.files);
            self.file = self.files.first().cloned();
        }
    }
}

/// Resolve the `file:` and `files:` of a dispatch block; each missing one is
/// an error located at its line in the file.
pub fn resolve_files(
    d: &DispatchFront,
    text: &str,
    split: &Split,
    shown: &Path,
    errors: &mut Vec<Diagnostic>,
    resolve: impl Fn(&str) -> Result<FileRef, String>,
) -> Vec<FileRef> {
    let mut out: Vec<FileRef> = Vec::new();
    let written = d.file.iter().map(|f| ("file", f));
    for (key, f) in written.chain(d.files.iter().map(|f| ("files", f))) {
        match resolve(f) {
            Ok(r) if out.iter().any(|o| o.url == r.url) => {}
            Ok(r) => out.push(r),
            Err(msg) => {
                let (l, c) = crate::load::record::locate(text, split, key, Some(f));
                errors.push(Diagnostic::error(shown, msg).at(l, c));
            }
        }
    }
    out
}

/// Where a description of a record comes from.
struct Occurrence<'a> {
    dispatch: Dispatch,
    shown: &'a Path,
    text: &'a str,
    split: &'a Split,
    article: Option<ArticleId>,
    body: Option<RecordBody>,
}

impl Occurrence<'_> {
    fn at(&self, key: &str) -> (usize, usize) {
        crate::load::record::locate(self.text, self.split, key, None)
    }

    fn place(&self, key: &str) -> String {
        let (l, _) = self.at(key);
        format!("{}:{l}", self.shown.display())
    }
}

/// Build the registry from the records and articles of the site. Errors
/// (conflicts, missing attachments, numbers that make no address) go to
/// `errors`; the warnings are returned.
pub fn build(input: Input<'_>, errors: &mut Vec<Diagnostic>) -> (Registry, Vec<Diagnostic>) {
    let config = input.config;
    let mut warnings = Vec::new();
    let url = format!("{}{FOLDER}/", config.base.root);
    let mut occurrences = occurrences(&input, errors);
    // Articles whose URL the registry would take.
    if !occurrences.is_empty() {
        for a in input.articles.iter().filter(|a| a.url.starts_with(&url)) {
            errors.push(
                Diagnostic::error(
                    &a.shown,
                    format!("the URL {} belongs to the documents registry", a.url),
                )
                .at(1, 1)
                .with_hint("rename the file or give it another `slug:`"),
            );
        }
    }

    let (mut records, by_slug) = merge(&mut occurrences, &url, errors, &mut warnings);
    disambiguate(&mut records, &by_slug, &url);
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
    let facets = facets(&mut records, &url);
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

/// Every description of a record: record-only files first (path order), then
/// articles with a `dispatch:` block (path order). Attachments are resolved here.
fn occurrences<'a>(input: &'a Input<'_>, errors: &mut Vec<Diagnostic>) -> Vec<Occurrence<'a>> {
    let root = &input.config.base.root;
    let mut occurrences: Vec<Occurrence<'_>> = Vec::new();
    for src in input
        .records
        .iter()
        .filter(|s| input.drafts || !s.front.draft)
    {
        let dir = src.dir().to_string();
        let files = resolve_files(
            &src.front.dispatch,
            &src.text,
            &src.split,
            &src.shown,
            errors,
            |f| crate::site::attachment(input.links, input.sizes, root, &dir, f),
        );
        let body = src.text[src.split.body..].trim();
        occurrences.push(Occurrence {
            dispatch: Dispatch::from_front(&src.front.dispatch, files),
            shown: &src.shown,
            text: &src.text,
            split: &src.split,
            article: None,
            body: (!body.is_empty()).then(|| RecordBody {
                text: src.text.clone(),
                split: src.split,
                shown: src.shown.clone(),
                dir,
            }),
        });
    }
    let mut by_path: Vec<&Article> = input
        .articles
        .iter()
        .filter(|a| a.dispatch.is_some())
        .collect();
    by_path.sort_by(|a, b| a.source.cmp(&b.source));
    for a in by_path {
        occurrences.push(Occurrence {
            dispatch: a.dispatch.clone().expect("filtered"),
            shown: &a.shown,
            text: &a.text,
            split: &a.split,
            article: Some(a.id),
            body: None,
        });
    }
    occurrences
}

/// Merge the descriptions into records: one per number and year. Conflicting
/// fields, numbers that share an address and numbers that make none are errors.
/// Returns the records and, by number slug, the records of each number.
fn merge(
    occurrences: &mut [Occurrence<'_>],
    url: &str,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> (Vec<Record>, HashMap<String, Vec<usize>>) {
    for occ in occurrences.iter_mut() {
        if let Some(s) = &occ.dispatch.status {
            check_status(s, occ, warnings);
            if let Some(known) = STATUSES
                .iter()
                .find(|k| k.to_lowercase() == s.to_lowercase())
            {
                occ.dispatch.status = Some(known.to_string());
            }
        }
    }

    let mut records: Vec<Record> = Vec::new();
    // Number slug → records: numbers without a year restart every year
    // (Decree 30/2020, art. 15), so one number may be several documents.
    let mut by_slug: HashMap<String, Vec<usize>> = HashMap::new();
    // Per record: the canonical number, and which occurrence gave each field.
    let mut canon: Vec<String> = Vec::new();
    let mut origin: Vec<HashMap<&'static str, usize>> = Vec::new();
    for oi in 0..occurrences.len() {
        let body = occurrences[oi].body.take();
        let occ = &occurrences[oi];
        let written = occ.dispatch.number.clone();
        let (l, c) = occ.at("number");
        if written.is_empty() {
            errors.push(Diagnostic::error(occ.shown, "the document number is empty").at(l, c));
            continue;
        }
        let (slug, well_formed, canonical) = match number::parse(&written) {
            Ok(n) => (n.slug(), true, n.written),
            Err(m) => {
                warnings.push(number_warning(occ, &written, &m, (l, c)));
                match m.suggestion {
                    Some(n) => (n.slug(), false, n.written),
                    None => (slugify(&written), false, written.clone()),
                }
            }
        };
        if slug.is_empty() || RESERVED.contains(&slug.as_str()) {
            errors.push(
                Diagnostic::error(
                    occ.shown,
                    format!("cannot make a page address from the document number `{written}`"),
                )
                .at(l, c)
                .with_hint("write the number as on the document: `1141/UBND-KSTTHC`"),
            );
            continue;
        }
        let year = occ
            .dispatch
            .issued
            .map(|d| d.year())
            .or_else(|| number::parse(&canonical).ok()?.year.map(i32::from));
        let same = by_slug.get(&slug).and_then(|ids| match year {
            Some(y) => ids
                .iter()
                .copied()
                .find(|&ri| records[ri].year() == Some(y))
                .or_else(|| ids.iter().copied().find(|&ri| records[ri].year().is_none())),
            None => ids.iter().copied().max_by_key(|&ri| records[ri].year()),
        });
        let Some(ri) = same else {
            by_slug.entry(slug.clone()).or_default().push(records.len());
            canon.push(canonical);
            let given = occ.dispatch.compared();
            origin.push(
                given
                    .iter()
                    .filter(|(_, v)| v.is_some())
                    .map(|(k, _)| (*k, oi))
                    .chain([("number", oi)])
                    .collect(),
            );
            records.push(Record {
                number: written,
                well_formed,
                number_slug: slug.clone(),
                url: format!("{url}{slug}/"),
                output: format!("{FOLDER}/{slug}/index.html"),
                slug,
                kind: String::new(),
                dispatch: occ.dispatch.clone(),
                sources: vec![occ.shown.to_path_buf()],
                about: occ.article.into_iter().collect(),
                cited_by: Vec::new(),
                body,
                terms: Vec::new(),
            });
            continue;
        };
        let place = |key: &str| {
            let o = origin[ri].get(key).or_else(|| origin[ri].get("number"));
            o.map_or_else(String::new, |&o| occurrences[o].place(key))
        };
        let rec = &mut records[ri];
        if canon[ri] != canonical {
            errors.push(
                Diagnostic::error(
                    occ.shown,
                    format!(
                        "document numbers `{}` and `{written}` would share the page {}: this one and the one in {}",
                        rec.number,
                        rec.url,
                        place("number")
                    ),
                )
                .at(l, c)
                .with_hint("check the number against the document"),
            );
            continue;
        }
        let mut conflict = false;
        for ((key, mine), (_, theirs)) in
            occ.dispatch.compared().iter().zip(rec.dispatch.compared())
        {
            if let (Some(mine), Some(theirs)) = (mine, &theirs)
                && mine != theirs
            {
                conflict = true;
                let (fl, fc) = occ.at(key);
                errors.push(
                    Diagnostic::error(
                        occ.shown,
                        format!(
                            "document {written} is described differently in two files: `{key}` is \"{mine}\" here but \"{theirs}\" in {}",
                            place(key)
                        ),
                    )
                    .at(fl, fc)
                    .with_hint("one number is one document: give its fields once (in content/van-ban/) or write them the same way in both files"),
                );
            }
        }
        if conflict {
            continue;
        }
        for (key, v) in occ.dispatch.compared() {
            if v.is_some() {
                origin[ri].entry(key).or_insert(oi);
            }
        }
        rec.dispatch.fill_from(&occ.dispatch);
        if well_formed && !rec.well_formed {
            rec.number = written;
            rec.well_formed = true;
        }
        if !rec.sources.iter().any(|s| s == occ.shown) {
            rec.sources.push(occ.shown.to_path_buf());
        }
        rec.about.extend(occ.article);
        if rec.body.is_none() {
            rec.body = body;
        }
    }

    (records, by_slug)
}

/// A number used in several years: the earliest keeps the plain address,
/// the others get `-<year>`.
fn disambiguate(records: &mut [Record], by_slug: &HashMap<String, Vec<usize>>, url: &str) {
    for ids in by_slug.values().filter(|ids| ids.len() > 1) {
        let mut ids = ids.clone();
        ids.sort_by_key(|&ri| records[ri].year());
        for (k, &ri) in ids.iter().enumerate().skip(1) {
            let r = &mut records[ri];
            let suffix = r
                .year()
                .map_or_else(|| (k + 1).to_string(), |y| y.to_string());
            r.slug = format!("{}-{suffix}", r.number_slug);
            r.url = format!("{url}{}/", r.slug);
            r.output = format!("{FOLDER}/{}/index.html", r.slug);
        }
    }
}

fn number_warning(
    occ: &Occurrence<'_>,
    written: &str,
    m: &number::Malformed,
    (l, c): (usize, usize),
) -> Diagnostic {
    let w = Diagnostic::warning(
        occ.shown,
        format!(
            "document number `{written}` is not written as Decree 30/2020 shapes it: {}",
            m.problems.join("; ")
        ),
    )
    .at(l, c);
    match &m.suggestion {
        Some(n) => w.with_hint(format!("did you mean `{}`?", n.written)),
        None => {
            w.with_hint("a number reads like `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` or `39-CT/TW`")
        }
    }
}

/// The sequence number as a number, for ordering records issued the same day.
fn seq_of(r: &Record) -> u64 {
    let digits: String = r.number.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(0)
}

fn check_status(s: &str, occ: &Occurrence<'_>, warnings: &mut Vec<Diagnostic>) {
    let lower = s.to_lowercase();
    if STATUSES.iter().any(|k| k.to_lowercase() == lower) {
        return;
    }
    let (l, c) = occ.at("status");
    let lowered: Vec<String> = STATUSES.iter().map(|k| k.to_lowercase()).collect();
    let refs: Vec<&str> = lowered.iter().map(String::as_str).collect();
    let hint = match closest(&lower, &refs) {
        Some(k) => {
            let i = refs.iter().position(|r| *r == k).unwrap_or(0);
            format!("did you mean `{}`?", STATUSES[i])
        }
        None => format!("known statuses: {}", STATUSES.join(", ")),
    };
    warnings.push(
        Diagnostic::warning(occ.shown, format!("unknown document status `{s}`"))
            .at(l, c)
            .with_hint(hint),
    );
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
                warnings.push(
                    Diagnostic::warning(
                        &a.shown,
                        format!(
                            "citation `{}` is not written as a document number: {}; it is linked to {}",
                            c.found.written,
                            m.problems.join("; "),
                            records[ri].number
                        ),
                    )
                    .at(line, col)
                    .with_hint(format!("write `{}`", records[ri].number)),
                );
            }
        }
    }
    for (r, c) in records.iter_mut().zip(cited) {
        r.cited_by = c;
    }
}

fn facets(records: &mut [Record], url: &str) -> Vec<FacetGroup> {
    FacetKind::ALL
        .iter()
        .map(|&kind| {
            let mut terms: Vec<Facet> = Vec::new();
            let mut by_slug: HashMap<String, usize> = HashMap::new();
            for (ri, r) in records.iter_mut().enumerate() {
                let term = kind.value(r).and_then(|name| {
                    let slug = slugify(&name);
                    if slug.is_empty() {
                        return None;
                    }
                    let ti = *by_slug.entry(slug.clone()).or_insert_with(|| {
                        terms.push(Facet {
                            url: format!("{url}{}/{slug}/", kind.path()),
                            name: name.clone(),
                            slug,
                            records: Vec::new(),
                        });
                        terms.len() - 1
                    });
                    terms[ti].records.push(ri);
                    Some(ti)
                });
                r.terms.push(term);
            }
            // Sorted: years newest first, others by slug; terms re-indexed on records.
            let mut order: Vec<usize> = (0..terms.len()).collect();
            if kind == FacetKind::Year {
                order.sort_by(|a, b| terms[*b].slug.cmp(&terms[*a].slug));
            } else {
                order.sort_by(|a, b| terms[*a].slug.cmp(&terms[*b].slug));
            }
            let mut remap = vec![0; order.len()];
            for (new, old) in order.iter().enumerate() {
                remap[*old] = new;
            }
            let g = FacetKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
            for r in records.iter_mut() {
                if let Some(t) = &mut r.terms[g] {
                    *t = remap[*t];
                }
            }
            let mut slots: Vec<Option<Facet>> = terms.into_iter().map(Some).collect();
            FacetGroup {
                kind,
                terms: order.iter().filter_map(|i| slots[*i].take()).collect(),
            }
        })
        .collect()
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::frontmatter;

    fn source(name: &str, dispatch: &str) -> RecordSource {
        let text = format!("---\ndispatch:\n{dispatch}---\n");
        let shown = PathBuf::from(format!("content/van-ban/{name}"));
        let split = frontmatter::split(&text, &shown).unwrap();
        RecordSource::parse(format!("van-ban/{name}"), shown, text, split).unwrap()
    }

    fn run(sources: Vec<RecordSource>) -> (Registry, Vec<Diagnostic>, Vec<Diagnostic>) {
        let config = Config::parse(
            "title: T\nbase_url: https://example.gov.vn/tin/\n",
            Path::new("config.yaml"),
        )
        .unwrap();
        let mut errors = Vec::new();
        let (reg, warnings) = build(
            Input {
                records: sources,
                front: None,
                articles: &[],
                links: &LinkTable::default(),
                sizes: &HashMap::new(),
                config: &config,
                drafts: false,
            },
            &mut errors,
        );
        (reg, warnings, errors)
    }

    #[test]
    fn same_number_same_fields_is_one_record() {
        let d = "  number: \"385/BNV-CCHC\"\n  issuer: \"Bộ Nội vụ\"\n";
        let (reg, warnings, errors) = run(vec![source("a.md", d), source("b.md", d)]);
        assert!(
            errors.is_empty() && warnings.is_empty(),
            "{errors:?} {warnings:?}"
        );
        assert_eq!(reg.records.len(), 1);
        let r = &reg.records[0];
        assert_eq!(r.sources.len(), 2);
        assert_eq!(r.url, "/tin/van-ban/385-bnv-cchc/");
        assert_eq!(r.kind, "Công văn");
        assert_eq!(r.label(), "Công văn số 385/BNV-CCHC");
        assert_eq!(reg.links()[1], ("van-ban/b.md".to_string(), r.url.clone()));
    }

    #[test]
    fn different_fields_name_both_files_and_lines() {
        let (_, _, errors) = run(vec![
            source(
                "a.md",
                "  number: \"385/BNV-CCHC\"\n  kind: Công văn\n  issuer: \"Bộ Nội vụ\"\n",
            ),
            source(
                "b.md",
                "  number: \"385/BNV-CCHC\"\n  issuer: \"Bộ Tư pháp\"\n",
            ),
        ]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        let e = &errors[0];
        assert_eq!(e.path, PathBuf::from("content/van-ban/b.md"));
        assert_eq!((e.line, e.col), (Some(4), Some(3)));
        assert!(
            e.message.contains(
                "`issuer` is \"Bộ Tư pháp\" here but \"Bộ Nội vụ\" in content/van-ban/a.md:5"
            ),
            "{e}"
        );
    }

    #[test]
    fn complementary_fields_merge() {
        let (reg, _, errors) = run(vec![
            source(
                "a.md",
                "  number: \"12/2023/QĐ-UBND\"\n  issued: 2023-03-20\n",
            ),
            source(
                "b.md",
                "  number: \"12/2023/QĐ-UBND\"\n  issuer: UBND tỉnh\n  status: còn hiệu lực\n",
            ),
        ]);
        assert!(errors.is_empty(), "{errors:?}");
        let d = &reg.records[0].dispatch;
        assert_eq!(d.issued.unwrap().to_string(), "2023-03-20");
        assert_eq!(d.issuer.as_deref(), Some("UBND tỉnh"));
        assert_eq!(d.status.as_deref(), Some("Còn hiệu lực"));
        assert_eq!(reg.records[0].kind, "Quyết định");
    }

    #[test]
    fn numbers_sharing_a_slug_are_an_error() {
        let (_, _, errors) = run(vec![
            source("a.md", "  number: \"39-CT/TW\"\n"),
            source("b.md", "  number: \"39/CT-TW\"\n"),
        ]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0]
                .message
                .contains("would share the page /tin/van-ban/39-ct-tw/"),
            "{}",
            errors[0]
        );
        assert!(
            errors[0].message.contains("content/van-ban/a.md:3"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn malformed_number_warns_and_takes_the_intended_slug() {
        let (reg, warnings, errors) = run(vec![source("a.md", "  number: \"42/2022/NĐCP\"\n")]);
        assert!(errors.is_empty());
        assert_eq!(warnings.len(), 1);
        assert_eq!((warnings[0].line, warnings[0].col), (Some(3), Some(3)));
        assert_eq!(
            warnings[0].hint.as_deref(),
            Some("did you mean `42/2022/NĐ-CP`?")
        );
        assert_eq!(reg.records[0].slug, "42-2022-nd-cp");
        assert_eq!(reg.records[0].number, "42/2022/NĐCP");
    }

    #[test]
    fn a_number_that_makes_no_address_is_an_error() {
        let (_, _, errors) = run(vec![
            source("a.md", "  number: \"trang\"\n"),
            source("b.md", "  number: \"…\"\n"),
        ]);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].message.contains("cannot make a page address"));
    }

    #[test]
    fn unknown_status_is_a_warning_with_the_closest() {
        let (_, warnings, _) = run(vec![source(
            "a.md",
            "  number: \"1/UBND\"\n  status: Hết hiệu lục\n",
        )]);
        assert_eq!(
            warnings[0].hint.as_deref(),
            Some("did you mean `Hết hiệu lực`?"),
            "{warnings:?}"
        );
    }

    #[test]
    fn newest_first_undated_last_and_facets() {
        let (reg, _, _) = run(vec![
            source("a.md", "  number: \"1/UBND\"\n"),
            source(
                "b.md",
                "  number: \"2/UBND\"\n  issued: 2020-01-01\n  field: Nội vụ\n",
            ),
            source(
                "c.md",
                "  number: \"3/2023/QĐ-UBND\"\n  issued: 2023-01-01\n",
            ),
        ]);
        let order: Vec<&str> = reg.records.iter().map(|r| r.number.as_str()).collect();
        assert_eq!(order, ["3/2023/QĐ-UBND", "2/UBND", "1/UBND"]);
        let years: Vec<&str> = reg.facets[2]
            .terms
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(years, ["2023", "2020"]);
        assert_eq!(reg.facets[3].terms[0].url, "/tin/van-ban/linh-vuc/noi-vu/");
        assert_eq!(reg.records[1].terms[3], Some(0));
    }

    #[test]
    fn a_number_reused_in_another_year_is_another_document() {
        let (reg, _, errors) = run(vec![
            source(
                "a.md",
                "  number: \"123/UBND-VP\"\n  issued: 2024-05-02\n  issuer: A\n",
            ),
            source(
                "b.md",
                "  number: \"123/UBND-VP\"\n  issued: 2022-03-01\n  issuer: B\n",
            ),
            source("c.md", "  number: \"123/UBND-VP\"\n  subject: S\n"),
        ]);
        assert!(errors.is_empty(), "{errors:?}");
        let urls: Vec<&str> = reg.records.iter().map(|r| r.url.as_str()).collect();
        // Newest first; the earliest year keeps the plain address.
        assert_eq!(
            urls,
            [
                "/tin/van-ban/123-ubnd-vp-2024/",
                "/tin/van-ban/123-ubnd-vp/"
            ]
        );
        // Without a date, a description joins the newest.
        assert_eq!(reg.records[0].dispatch.subject.as_deref(), Some("S"));
        assert_eq!(
            reg.index.resolve("123-ubnd-vp", Some(2022)).unwrap().record,
            1
        );
        assert_eq!(reg.index.resolve("123-ubnd-vp", None).unwrap().record, 0);
    }

    #[test]
    fn same_year_different_date_is_a_conflict() {
        let (_, _, errors) = run(vec![
            source("a.md", "  number: \"123/UBND-VP\"\n  issued: 2024-05-02\n"),
            source("b.md", "  number: \"123/UBND-VP\"\n  issued: 2024-06-01\n"),
        ]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].message.contains(
                "`issued` is \"2024-06-01\" here but \"2024-05-02\" in content/van-ban/a.md:4"
            ),
            "{}",
            errors[0]
        );
    }
}
