//! Merging the descriptions of documents into records, the heart of the
//! registry's model part ([`super::build`]): every `dispatch:` block (of a
//! record file or an article) is an [`Occurrence`]; occurrences of one number
//! and year become one [`Record`], a field given in several must agree, a
//! field left out in one is taken from another. Conflicts, numbers that share
//! an address and numbers that make none are errors; malformed numbers and
//! unknown statuses are warnings.

use super::{FOLDER, Input, Record, RecordBody, number};
use crate::error::{Arg, Diagnostic, Severity, closest};
use crate::load::frontmatter::{DispatchFront, Split};
use crate::problem;
use crate::site::{Article, ArticleId, Dispatch, FileRef};
use crate::vi::slugify;
use chrono::Datelike;
use std::collections::HashMap;
use std::path::Path;

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

/// Where a description of a record comes from.
pub(super) struct Occurrence<'a> {
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

/// Every description of a record: record-only files first (path order), then
/// articles with a `dispatch:` block (path order). Attachments are resolved here.
pub(super) fn occurrences<'a>(
    input: &'a Input<'_>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Occurrence<'a>> {
    let root = &input.config.base.root;
    let mut occurrences: Vec<Occurrence<'_>> = Vec::new();
    for src in input
        .records
        .iter()
        .filter(|s| input.drafts || !s.front.draft)
    {
        let dir = src.dir().to_string();
        let files = super::resolve_files(
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
pub(super) fn merge(
    occurrences: &mut [Occurrence<'_>],
    url: &str,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> (Vec<Record>, HashMap<String, Vec<usize>>) {
    normalize_statuses(occurrences, warnings);
    let mut merged = Merged::default();
    for oi in 0..occurrences.len() {
        let body = occurrences[oi].body.take();
        let Some(key) = read_number(&occurrences[oi], errors, warnings) else {
            continue;
        };
        match merged.same(&key) {
            None => merged.add(key, oi, &occurrences[oi], url, body),
            Some(ri) => merged.describe(ri, key, oi, occurrences, body, errors),
        }
    }
    (merged.records, merged.by_slug)
}

/// Warn about statuses portals do not write, and spell known ones as they do.
fn normalize_statuses(occurrences: &mut [Occurrence<'_>], warnings: &mut Vec<Diagnostic>) {
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
}

/// The number of one description, read as the key of its record.
struct Key {
    /// As written in the file.
    written: String,
    /// Slug of the number (of the intended number when malformed).
    slug: String,
    well_formed: bool,
    /// The number as Decree 30/2020 writes it (as written when it cannot tell).
    canonical: String,
    /// Of the date issued, else of the number.
    year: Option<i32>,
    /// Line and column of `number:` in the file.
    at: (usize, usize),
}

/// The number of a description as a record key; an empty number, or one
/// that makes no page address, is an error (and no key), a malformed one a warning.
fn read_number(
    occ: &Occurrence<'_>,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Option<Key> {
    let written = occ.dispatch.number.clone();
    let (l, c) = occ.at("number");
    if written.is_empty() {
        errors.push(problem!(Error, occ.shown, "number-empty").at(l, c));
        return None;
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
            problem!(
                Error,
                occ.shown,
                "number-makes-no-address",
                number = &written
            )
            .at(l, c),
        );
        return None;
    }
    let year = occ
        .dispatch
        .issued
        .map(|d| d.year())
        .or_else(|| number::parse(&canonical).ok()?.year.map(i32::from));
    Some(Key {
        written,
        slug,
        well_formed,
        canonical,
        year,
        at: (l, c),
    })
}

/// The records merged so far, and what merging the next description needs.
#[derive(Default)]
struct Merged {
    records: Vec<Record>,
    /// Number slug → records: numbers without a year restart every year
    /// (Decree 30/2020, art. 15), so one number may be several documents.
    by_slug: HashMap<String, Vec<usize>>,
    /// Per record: the canonical number.
    canon: Vec<String>,
    /// Per record: which occurrence gave each field.
    origin: Vec<HashMap<&'static str, usize>>,
}

impl Merged {
    /// The record a key describes: of the same number and year (or one
    /// without a year); for a key without a year, the latest of the number.
    fn same(&self, key: &Key) -> Option<usize> {
        let records = &self.records;
        self.by_slug.get(&key.slug).and_then(|ids| match key.year {
            Some(y) => ids
                .iter()
                .copied()
                .find(|&ri| records[ri].year() == Some(y))
                .or_else(|| ids.iter().copied().find(|&ri| records[ri].year().is_none())),
            None => ids.iter().copied().max_by_key(|&ri| records[ri].year()),
        })
    }

    /// A new record from occurrence `oi`.
    fn add(
        &mut self,
        key: Key,
        oi: usize,
        occ: &Occurrence<'_>,
        url: &str,
        body: Option<RecordBody>,
    ) {
        let slug = key.slug;
        self.by_slug
            .entry(slug.clone())
            .or_default()
            .push(self.records.len());
        self.canon.push(key.canonical);
        let given = occ.dispatch.compared();
        self.origin.push(
            given
                .iter()
                .filter(|(_, v)| v.is_some())
                .map(|(k, _)| (*k, oi))
                .chain([("number", oi)])
                .collect(),
        );
        self.records.push(Record {
            number: key.written,
            well_formed: key.well_formed,
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
    }

    /// `file:line` where record `ri` got `key` (or its number).
    fn place(&self, ri: usize, key: &str, occurrences: &[Occurrence<'_>]) -> String {
        let o = self.origin[ri]
            .get(key)
            .or_else(|| self.origin[ri].get("number"));
        o.map_or_else(String::new, |&o| occurrences[o].place(key))
    }

    /// Occurrence `oi` describes record `ri` too: take the fields it adds,
    /// unless its number is spelt as another document or a field differs.
    fn describe(
        &mut self,
        ri: usize,
        key: Key,
        oi: usize,
        occurrences: &[Occurrence<'_>],
        body: Option<RecordBody>,
        errors: &mut Vec<Diagnostic>,
    ) {
        let occ = &occurrences[oi];
        let written = key.written;
        if self.canon[ri] != key.canonical {
            let rec = &self.records[ri];
            errors.push(
                problem!(
                    Error,
                    occ.shown,
                    "numbers-share-a-page",
                    number = &rec.number,
                    written = &written,
                    url = &rec.url,
                    place = self.place(ri, "number", occurrences),
                )
                .at(key.at.0, key.at.1),
            );
            return;
        }
        if self.conflicts(ri, &written, occ, occurrences, errors) {
            return;
        }
        for (k, v) in occ.dispatch.compared() {
            if v.is_some() {
                self.origin[ri].entry(k).or_insert(oi);
            }
        }
        let rec = &mut self.records[ri];
        rec.dispatch.fill_from(&occ.dispatch);
        if key.well_formed && !rec.well_formed {
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

    /// Whether `occ` gives a field of record `ri` differently; each such
    /// field is an error naming both files.
    fn conflicts(
        &self,
        ri: usize,
        written: &str,
        occ: &Occurrence<'_>,
        occurrences: &[Occurrence<'_>],
        errors: &mut Vec<Diagnostic>,
    ) -> bool {
        let mut conflict = false;
        for ((key, mine), (_, theirs)) in occ
            .dispatch
            .compared()
            .iter()
            .zip(self.records[ri].dispatch.compared())
        {
            if let (Some(mine), Some(theirs)) = (mine, &theirs)
                && mine != theirs
            {
                conflict = true;
                let (fl, fc) = occ.at(key);
                errors.push(
                    problem!(
                        Error,
                        occ.shown,
                        "document-described-twice",
                        number = written,
                        key = *key,
                        mine = mine,
                        theirs = theirs,
                        place = self.place(ri, key, occurrences),
                    )
                    .at(fl, fc),
                );
            }
        }
        conflict
    }
}

/// A number used in several years: the earliest keeps the plain address,
/// the others get `-<year>`.
pub(super) fn disambiguate(
    records: &mut [Record],
    by_slug: &HashMap<String, Vec<usize>>,
    url: &str,
) {
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
    let w = malformed(occ.shown, "number", written, m, "").at(l, c);
    match &m.suggestion {
        Some(n) => w
            .arg("meant", &n.written)
            .with_hint_id("number-did-you-mean"),
        None => w.with_hint_id("number-reads-like"),
    }
}

/// The names of the slots of `problem-number-malformed`: the kind of a
/// flaw and its details `a` and `b` (the first slot has a third, `flaw1_c`).
const SLOTS: [[&str; 3]; 6] = [
    ["flaw1", "flaw1_a", "flaw1_b"],
    ["flaw2", "flaw2_a", "flaw2_b"],
    ["flaw3", "flaw3_a", "flaw3_b"],
    ["flaw4", "flaw4_a", "flaw4_b"],
    ["flaw5", "flaw5_a", "flaw5_b"],
    ["flaw6", "flaw6_a", "flaw6_b"],
];

/// The warning that a number (`about` is `number`) or a citation in a body
/// (`about` is `citation`, linked to the record `number`) is not written as
/// Decree 30/2020 shapes it, with its flaws.
pub(super) fn malformed(
    path: &Path,
    about: &'static str,
    written: &str,
    m: &number::Malformed,
    number: &str,
) -> Diagnostic {
    let mut args = vec![
        ("about", Arg::from(about)),
        ("written", Arg::from(written)),
        ("number", Arg::from(number)),
    ];
    args.extend(flaw_args(&m.flaws));
    Diagnostic::problem(Severity::Warning, path, "number-malformed", args)
}

/// One slot per flaw, `none` in the slots left; when there are more flaws
/// than slots, the last slot says `more`.
fn flaw_args(flaws: &[number::Flaw]) -> Vec<(&'static str, Arg)> {
    let mut args = Vec::new();
    let last = SLOTS.len() - 1;
    for (i, [kind, a, b]) in SLOTS.into_iter().enumerate() {
        let Some(flaw) = flaws.get(i) else {
            args.push((kind, Arg::from("none")));
            continue;
        };
        if i == last && flaws.len() > SLOTS.len() {
            args.push((kind, Arg::from("more")));
            continue;
        }
        let [da, db, dc] = flaw.details();
        args.extend([
            (kind, Arg::from(flaw.kind())),
            (a, da.into()),
            (b, db.into()),
        ]);
        if i == 0 {
            args.push(("flaw1_c", dc.into()));
        }
    }
    args
}

fn check_status(s: &str, occ: &Occurrence<'_>, warnings: &mut Vec<Diagnostic>) {
    let lower = s.to_lowercase();
    if STATUSES.iter().any(|k| k.to_lowercase() == lower) {
        return;
    }
    let (l, c) = occ.at("status");
    let lowered: Vec<String> = STATUSES.iter().map(|k| k.to_lowercase()).collect();
    let refs: Vec<&str> = lowered.iter().map(String::as_str).collect();
    let d = problem!(Warning, occ.shown, "unknown-status", status = s).at(l, c);
    warnings.push(match closest(&lower, &refs) {
        Some(k) => {
            let i = refs.iter().position(|r| *r == k).unwrap_or(0);
            d.arg("meant", STATUSES[i])
                .with_hint_id("status-did-you-mean")
        }
        None => d
            .arg("statuses", STATUSES.join(", "))
            .with_hint_id("known-statuses"),
    });
}
