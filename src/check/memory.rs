//! The whole pipeline on files held in memory: config text and content files
//! in, rendered outputs (or every located problem) out. Nothing is read from
//! or written to disk, so the fuzz target and property tests can run it
//! thousands of times a second.

use crate::build::Plan;
use crate::config::Config;
use crate::error::{Diagnostic, Errors, Severity};
use crate::site::ModelOptions;
use crate::theme::Theme;
use chrono::{DateTime, FixedOffset};
use std::path::Path;

/// A config used when the caller has none: the smallest valid site.
pub const DEFAULT_CONFIG: &str = "title: \"Trang tin\"\nbase_url: \"https://example.gov.vn/\"\n";

/// Load, model and render `files` (`(path relative to content/, bytes)`)
/// under `config` (the text of a config.yaml), with the built-in theme.
/// Returns the plan (with warnings) or every problem found.
pub fn plan_memory(
    config: &[u8],
    files: Vec<(String, Vec<u8>)>,
    now: DateTime<FixedOffset>,
) -> Result<Plan, Errors> {
    let shown = Path::new("config.yaml");
    let text = crate::text::decode(config, shown)?;
    let config = Config::parse(&text, shown)?;
    // No site folder: a theme other than the built-in one is not found.
    let theme = Theme::load(
        Path::new("/nonexistent-bantin-site"),
        &config.theme,
        config.language,
    )?;
    let (content, mut problems) = crate::load::load_memory(files);
    let opts = ModelOptions {
        drafts: false,
        future: false,
        now,
    };
    let site = match crate::site::build(content, config, &opts) {
        Ok(site) => site,
        Err(e) => {
            problems.extend(e.0);
            return Err(Errors(problems).sorted());
        }
    };
    let rendered = match crate::render::render(&site, &theme, &|_| {}) {
        Ok(r) => r,
        Err(e) => {
            problems.extend(e.0);
            return Err(Errors(problems).sorted());
        }
    };
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return Err(Errors(problems).sorted());
    }
    Ok(Plan {
        site,
        rendered,
        timings: Vec::new(),
        warnings: problems,
    })
}

/// True when every diagnostic names a file (the "located error" contract).
pub fn all_located(errors: &[Diagnostic]) -> bool {
    errors.iter().all(|d| !d.path.as_os_str().is_empty())
}
