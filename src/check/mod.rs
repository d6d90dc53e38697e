//! `bantin check`: build the site in memory, write nothing, and report every
//! problem a reader would meet — links, images and `#anchors` that lead
//! nowhere, `javascript:`/`data:` links, images without alt text, metadata the
//! site requires, duplicate titles — as [`Finding`]s located in the source
//! file where the problem was written.
//!
//! The build's own problems (unknown front-matter keys, missing attachments,
//! warnings of any stage) are findings too: the build's own driver runs in
//! its lenient form ([`crate::build::plan_lenient`], photos included) so that
//! one run reports everything and check sees what the build sees. Rendered pages are read back with an HTML
//! tokenizer ([`pages`]) and every problem mapped to its Markdown source
//! ([`sources`]). `--external` checks http(s) links over the network
//! ([`external`]).

pub mod external;
pub mod memory;
pub mod pages;
#[cfg(test)]
mod props;
mod sources;

use crate::error::{Diagnostic, Severity};
use crate::load::frontmatter::FrontMatter;
use crate::images::Images;
use crate::site::Site;
use std::sync::Arc;
use chrono::{DateTime, FixedOffset};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// One problem found by `bantin check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The problem, located in the source file where it was written.
    pub diag: Diagnostic,
    /// A stable kebab-case name for the kind of problem (`broken-link`, …), for tools.
    pub code: &'static str,
}

impl Finding {
    fn new(code: &'static str, diag: Diagnostic) -> Self {
        Finding { diag, code }
    }

    /// A problem the build itself reported, under the code its producer gave.
    fn from_build(diag: Diagnostic) -> Self {
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

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Check http(s) links over the network.
    pub external: Option<external::ExternalOptions>,
    /// "Now" for the future-date rule; the clock when not given.
    pub now: Option<DateTime<FixedOffset>>,
}

/// Everything `bantin check` found.
#[derive(Debug, Default)]
pub struct Report {
    /// Sorted by file, line and column; each problem once.
    pub findings: Vec<Finding>,
    /// Pages read back and links looked at.
    pub pages: usize,
    /// Links within the site checked, plus the http(s) links with `--external`.
    pub links: usize,
    /// Wall time of the whole check (network checks included).
    pub elapsed: Duration,
}

impl Report {
    /// How many findings are errors (any fails the check, see [`Report::passes`]).
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many findings are warnings (they fail the check only with `--strict`).
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, s: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.diag.severity == s)
            .count()
    }

    /// The `--format json` summary line.
    pub fn summary_json(&self) -> serde_json::Value {
        serde_json::json!({
            "summary": {
                "errors": self.errors(),
                "warnings": self.warnings(),
                "pages": self.pages,
                "links": self.links,
                "elapsed_ms": self.elapsed.as_millis() as u64,
            }
        })
    }
}

/// Check the site at `opts.root`. Never fails: a site that cannot even be
/// loaded gives findings saying why.
pub fn check(opts: &CheckOptions) -> Report {
    let started = Instant::now();
    let mut report = Report::default();
    let mut findings = Vec::new();
    if let Some((site, photos, rendered)) = build(opts, &mut findings) {
        let analysed = pages::analyse(&site, &photos, &rendered, &mut findings);
        report.pages = analysed.pages;
        report.links = analysed.internal;
        lint_articles(&site, &mut findings);
        if let Some(ext) = &opts.external {
            report.links += analysed.external.len();
            external::check(&opts.root, ext, &analysed.external, &mut findings);
        }
    }
    findings.sort_by(|a, b| {
        (&a.diag.path, a.diag.line, a.diag.col, &a.diag.message).cmp(&(
            &b.diag.path,
            b.diag.line,
            b.diag.col,
            &b.diag.message,
        ))
    });
    findings.dedup_by(|a, b| a.diag == b.diag);
    report.findings = findings;
    report.elapsed = started.elapsed();
    report
}

/// The build's own driver ([`crate::build::plan_lenient`]): every problem
/// and warning it reports is a finding, and the site it rendered (as far as
/// it could) is read back.
fn build(
    opts: &CheckOptions,
    findings: &mut Vec<Finding>,
) -> Option<(Site, Arc<Images>, crate::render::Rendered)> {
    let build_opts = crate::build::BuildOptions {
        root: opts.root.clone(),
        now: opts.now,
        ..Default::default()
    };
    let sources = crate::build::Sources::Folder(&build_opts, None);
    match crate::build::plan_lenient(sources, &crate::build::Silent, None) {
        Ok(mut plan) => {
            crate::build::add_search(&mut plan);
            findings.extend(plan.warnings.into_iter().map(Finding::from_build));
            Some((plan.site, plan.photos, plan.rendered))
        }
        Err(e) => {
            findings.extend(e.0.into_iter().map(Finding::from_build));
            None
        }
    }
}

/// What `bantin build` reports of the findings of `bantin check` (one rule
/// in one place): the links, images and anchors of the pages it rendered
/// (`pages`: output path → [`pages::scan`] of the page; `files`: every
/// output and copied file) and the article metadata the site requires:
/// their errors, which stop the build. Warnings of this kind (alt text,
/// duplicate titles) and `--external` stay with `check`.
pub fn verify<'a>(
    site: &'a Site,
    photos: &crate::images::Images,
    pages: &HashMap<&str, pages::Scan>,
    files: std::collections::HashSet<&'a str>,
) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    pages::judge(site, photos, pages, files, &mut findings);
    lint_articles(site, &mut findings);
    findings.sort_by(|a, b| {
        (&a.diag.path, a.diag.line, a.diag.col, &a.diag.message).cmp(&(
            &b.diag.path,
            b.diag.line,
            b.diag.col,
            &b.diag.message,
        ))
    });
    findings.dedup_by(|a, b| a.diag == b.diag);
    findings
        .into_iter()
        .filter(|f| f.diag.severity == Severity::Error)
        .map(|f| f.diag)
        .collect()
}

/// Article metadata: required summary/category, alt text of the lead image,
/// duplicate titles on the same day.
fn lint_articles(site: &Site, findings: &mut Vec<Finding>) {
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
                Diagnostic::error(
                    &a.shown,
                    "the article has no `summary:` (this site requires one)",
                )
                .at(l, c)
                .with_hint(
                    "add a line `summary: \"…\"` with one or two sentences for the listing pages",
                ),
            ));
        }
        if req.require_category && in_section && blank(&fm.category) {
            let (l, c) = at_key("title");
            findings.push(Finding::new(
                "missing-category",
                Diagnostic::error(
                    &a.shown,
                    "the article has no `category:` (this site requires one)",
                )
                .at(l, c)
                .with_hint("add a line `category: \"…\"`, e.g. one the other articles use"),
            ));
        }
        if fm.image.is_some() && blank(&fm.image_alt) {
            let (l, c) = at_key("image");
            findings.push(Finding::new(
                "missing-alt",
                Diagnostic::warning(&a.shown, "the lead image has no alt text")
                    .at(l, c)
                    .with_hint("add `image_alt: \"…\"` describing the picture for readers who cannot see it"),
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
                        Diagnostic::warning(
                            &a.shown,
                            format!(
                                "another article of the same day has the same title: {}",
                                first.display()
                            ),
                        )
                        .at(l, c)
                        .with_hint("give the articles different titles, or remove the copy"),
                    ));
                }
                None => {
                    seen.insert(key, &a.shown);
                }
            }
        }
    }
}

impl Report {
    /// Compiler-style lines (`path:line:col: error: message`, then `  hint: …`)
    /// and a summary line; with ANSI colours when `color`.
    pub fn human(&self, color: bool) -> String {
        use anstyle::{AnsiColor, Style};
        use std::fmt::Write;
        let paint = |s: Style| if color { s } else { Style::new() };
        let red = paint(Style::new().fg_color(Some(AnsiColor::Red.into())).bold());
        let yellow = paint(Style::new().fg_color(Some(AnsiColor::Yellow.into())).bold());
        let green = paint(Style::new().fg_color(Some(AnsiColor::Green.into())).bold());
        let dim = paint(Style::new().dimmed());
        let mut out = String::new();
        for f in &self.findings {
            let d = &f.diag;
            let (style, word) = match d.severity {
                Severity::Error => (red, "error"),
                Severity::Warning => (yellow, "warning"),
            };
            let _ = writeln!(
                out,
                "{}: {style}{word}{style:#}: {} [{}]",
                d.location(),
                d.message,
                f.code
            );
            if let Some(h) = &d.hint {
                let _ = writeln!(out, "  {dim}hint:{dim:#} {h}");
            }
        }
        let (e, w) = (self.errors(), self.warnings());
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let seen = format!(
            "{} pages, {} links checked in {:.2} s",
            self.pages,
            self.links,
            self.elapsed.as_secs_f64()
        );
        let _ = if e + w == 0 {
            writeln!(out, "{green}No problems found{green:#} ({seen}).")
        } else {
            let style = if e > 0 { red } else { yellow };
            writeln!(
                out,
                "{style}{}, {}{style:#} ({seen}).",
                plural(e, "error"),
                plural(w, "warning")
            )
        };
        out
    }

    /// One JSON object per line per finding, then the summary line.
    pub fn json_lines(&self) -> String {
        let mut out = String::new();
        for f in &self.findings {
            out.push_str(&f.to_json().to_string());
            out.push('\n');
        }
        out.push_str(&self.summary_json().to_string());
        out.push('\n');
        out
    }

    /// Does the site pass? Errors always fail; warnings only when `strict`.
    pub fn passes(&self, strict: bool) -> bool {
        self.errors() == 0 && (!strict || self.warnings() == 0)
    }
}
