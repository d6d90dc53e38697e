//! The whole pipeline (the build's own driver, [`crate::build::plan_lenient`])
//! on files held in memory: config text and content files
//! in, rendered outputs (or every located problem) out. Nothing is read from
//! or written to disk, so the fuzz target and property tests can run it
//! thousands of times a second.

use crate::build::{Plan, Silent, Sources};
use crate::error::{Diagnostic, Errors, Severity};
use chrono::{DateTime, FixedOffset};

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
    let sources = Sources::Memory { config, files, now };
    let plan = crate::build::plan_lenient(sources, &Silent, None)?;
    if plan.warnings.iter().any(|p| p.severity == Severity::Error) {
        return Err(Errors(plan.warnings).sorted());
    }
    Ok(plan)
}

/// True when every diagnostic names a file (the "located error" contract).
pub fn all_located(errors: &[Diagnostic]) -> bool {
    errors.iter().all(|d| !d.path.as_os_str().is_empty())
}
