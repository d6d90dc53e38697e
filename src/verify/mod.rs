//! Stage 4½ — verify: the rendered pages read back with an HTML tokenizer
//! ([`pages`]), every link, image and `#anchor` judged against the files the
//! build makes, each problem located in the Markdown source where it was
//! written ([`sources`]), and the article metadata the site requires
//! ([`lint_articles`]). `bantin build` runs it on the pages it streams out
//! (its errors stop the build, [`verify`]); `bantin check` on the pages it
//! renders in memory, with its warnings and `--external` besides: one rule
//! for both.

pub mod pages;
mod sources;
mod urls;

use crate::error::{Diagnostic, Severity};
use crate::load::frontmatter::FrontMatter;
use crate::site::Site;
use std::collections::HashMap;
use std::path::Path;

/// One problem found by reading the pages back (by `bantin check` and `bantin build`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The problem, located in the source file where it was written.
    pub diag: Diagnostic,
    /// A stable kebab-case name for the kind of problem (`broken-link`, …), for tools.
    pub code: &'static str,
}

impl Finding {
    /// A finding of the read-back under `code`.
    pub fn new(code: &'static str, diag: Diagnostic) -> Self {
        Finding { diag, code }
    }

    /// A problem the build itself reported, under the code its producer gave.
    pub fn from_build(diag: Diagnostic) -> Self {
        Finding {
            code: diag.code(),
            diag,
        }
    }

    /// The finding as one JSON object (one line of `--format json`).
    pub fn to_json(&self) -> serde_json::Value {
        let d = &self.diag;
        serde_json::json!({
            "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
            "path": d.path.to_string_lossy(),
            "line": d.line,
            "col": d.col,
            "message": d.message,
            "hint": d.hint,
            "code": self.code,
        })
    }
}

/// What `bantin build` reports of the findings of `bantin check` (one rule
/// in one place): the links, images and anchors of the pages it rendered
/// (`pages`: output path → [`pages::scan`] of the page; `files`: every
/// output and copied file) and the article metadata the site requires:
/// errors, which stop the build, and warnings (alt text, duplicate titles),
/// which it prints — so one run of either command tells every problem.
/// Only `--external` stays with `check`.
pub fn verify<'a>(
    site: &'a Site,
    photos: &crate::images::Images,
    pages: &HashMap<&str, pages::Scan>,
    files: std::collections::HashSet<&'a str>,
) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    pages::judge(site, photos, pages, files, &mut findings);
    lint_articles(site, &mut findings);
    sort_and_dedup(&mut findings);
    findings
        .into_iter()
        .map(|f| match f.diag.kind {
            "" => f.diag.with_code(f.code),
            _ => f.diag,
        })
        .collect()
}

/// Article metadata: required summary/category, alt text of the lead image,
/// duplicate titles on the same day.
pub fn lint_articles(site: &Site, findings: &mut Vec<Finding>) {
    let req = &site.config.check;
    let mut seen: HashMap<(chrono::NaiveDate, String), &Path> = HashMap::new();
    for a in &site.articles {
        let Ok(fm) = crate::load::frontmatter::parse::<FrontMatter>(&a.text, &a.split, &a.shown)
        else {
            continue;
        };
        let at_key = |key: &str| sources::locate_key(&a.text, &a.split, key);
        let in_section = a.section.is_some();
        let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
        if req.require_summary && in_section && blank(&fm.summary) {
            let (l, c) = at_key("title");
            findings.push(Finding::new(
                "missing-summary",
                crate::problem!(Error, &a.shown, "missing-summary").at(l, c),
            ));
        }
        if req.require_category && in_section && blank(&fm.category) {
            let (l, c) = at_key("title");
            findings.push(Finding::new(
                "missing-category",
                crate::problem!(Error, &a.shown, "missing-category").at(l, c),
            ));
        }
        if fm.image.is_some() && blank(&fm.image_alt) {
            let (l, c) = at_key("image");
            findings.push(Finding::new(
                "missing-alt",
                crate::problem!(Warning, &a.shown, "lead-image-no-alt").at(l, c),
            ));
        }
        if let Some(date) = a.date {
            let key = (
                date.date_naive(),
                crate::vi::nfc(&a.title.to_lowercase()).into_owned(),
            );
            match seen.get(&key) {
                Some(first) => {
                    let (l, c) = at_key("title");
                    findings.push(Finding::new(
                        "duplicate-title",
                        crate::problem!(Warning, &a.shown, "duplicate-title", first = *first)
                            .at(l, c),
                    ));
                }
                None => {
                    seen.insert(key, &a.shown);
                }
            }
        }
    }
}

/// Findings in file, line and column order, each problem once.
pub fn sort_and_dedup(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        let (a, b) = (&a.diag, &b.diag);
        (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
    });
    findings.dedup_by(|a, b| a.diag == b.diag);
}
