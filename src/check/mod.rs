//! `bantin check`: build the site in memory, write nothing, and report every
//! problem a reader would meet — links, images and `#anchors` that lead
//! nowhere, `javascript:`/`data:` links, images without alt text, metadata the
//! site requires, duplicate titles — as [`Finding`]s located in the source
//! file where the problem was written.
//!
//! The build's own problems (unknown front-matter keys, missing attachments,
//! warnings of any stage) are findings too: the build's own driver runs in
//! its lenient form ([`crate::build::plan_lenient`], photos included) so that
//! one run reports everything and check sees what the build sees. Rendered
//! pages are read back by the verify stage ([`crate::verify`], which the
//! build runs too), each problem mapped to its Markdown source.
//! `--external` checks http(s) links over the network ([`external`]).

pub mod external;
pub mod memory;
#[cfg(test)]
mod props;

use crate::error::Severity;
pub use crate::verify::Finding;
use crate::images::Images;
use crate::site::Site;
use std::sync::Arc;
use chrono::{DateTime, FixedOffset};
use std::path::PathBuf;
use std::time::{Duration, Instant};

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
        let analysed = crate::verify::pages::analyse(&site, &photos, &rendered, &mut findings);
        report.pages = analysed.pages;
        report.links = analysed.internal;
        crate::verify::lint_articles(&site, &mut findings);
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
