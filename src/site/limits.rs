//! Size limits of an article (`limits:` in config.yaml, [`Limits`]): a title,
//! summary or body past its limit is a located warning; past
//! [`HARD_LIMIT_FACTOR`] times it, an error. A 10 MB title pasted by mistake
//! would otherwise be copied into every listing, feed and search file.

use crate::config::{HARD_LIMIT_FACTOR, Limits};
use crate::error::Diagnostic;
use crate::load::Document;
use crate::load::frontmatter::Split;
use crate::problem;

/// Findings for every document over a limit: errors into `errors`, warnings into `warnings`.
pub fn check(
    docs: &[Document],
    limits: &Limits,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) {
    for doc in docs {
        for d in document(doc, limits) {
            match d.severity {
                crate::error::Severity::Error => errors.push(d),
                crate::error::Severity::Warning => warnings.push(d),
            }
        }
    }
}

/// The findings for one document.
pub fn document(doc: &Document, limits: &Limits) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let fm = &doc.front;
    // No more characters than bytes: count them only when the bytes are over.
    let chars = |s: &str, limit: usize| {
        if s.len() <= limit {
            s.len()
        } else {
            s.chars().count()
        }
    };
    let title = chars(&fm.title, limits.title);
    if title > limits.title {
        let (l, c) = key_at(&doc.text, &doc.split, "title");
        out.push(over(doc, "title", title, limits.title).at(l, c));
    }
    if let Some(s) = &fm.summary {
        let n = chars(s, limits.summary);
        if n > limits.summary {
            let (l, c) = key_at(&doc.text, &doc.split, "summary");
            out.push(over(doc, "summary", n, limits.summary).at(l, c));
        }
    }
    let body = doc.body().len();
    if body > limits.body_bytes {
        out.push(over(doc, "body", body, limits.body_bytes).at(doc.split.body_line, 1));
    }
    out
}

/// `what` (`title`, `summary` or `body`) is `size` characters (bytes for
/// the body) long: a warning past `limit`, an error past the hard limit.
/// The sizes are text, written without digit grouping as before (`1501 bytes`).
fn over(doc: &Document, what: &'static str, size: usize, limit: usize) -> Diagnostic {
    let hard = limit.saturating_mul(HARD_LIMIT_FACTOR);
    let shown = &doc.shown;
    if size > hard {
        problem!(
            Error,
            shown,
            "far-over-limit",
            what = what,
            size = size.to_string(),
            hard = hard.to_string(),
            factor = HARD_LIMIT_FACTOR.to_string(),
        )
    } else {
        problem!(
            Warning,
            shown,
            "over-limit",
            what = what,
            size = size.to_string(),
            allowed = limit.to_string(),
        )
    }
}

/// Line and column of the value of the top-level front-matter `key:`.
fn key_at(text: &str, split: &Split, key: &str) -> (usize, usize) {
    let yaml = &text[split.yaml.0..split.yaml.1];
    for (i, line) in yaml.lines().enumerate() {
        if let Some(rest) = line.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            let col = key.len() + 2 + (rest.len() - rest.trim_start().len());
            return (split.yaml_line + i, col);
        }
    }
    (split.yaml_line, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn doc(text: &str) -> Document {
        let (content, errors) =
            crate::load::load_memory(vec![("tin-tuc/a.md".into(), text.as_bytes().to_vec())]);
        assert!(errors.is_empty(), "{errors:?}");
        content.documents.into_iter().next().unwrap()
    }

    const SMALL: Limits = Limits {
        title: 10,
        summary: 20,
        body_bytes: 30,
    };

    #[test]
    fn within_limits_is_quiet() {
        let d = doc("---\ntitle: \"Thông báo\"\nsummary: ngắn\n---\nNội dung.\n");
        assert!(document(&d, &SMALL).is_empty());
        assert!(document(&d, &Limits::default()).is_empty());
    }

    #[test]
    fn titles_count_characters_and_are_located() {
        // 13 characters, 18 bytes: over a limit of 10 characters.
        let d = doc("---\ndate: 2024-01-01\ntitle:   \"Thông báo mới\"\n---\nx\n");
        let f = document(&d, &SMALL);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].severity, crate::error::Severity::Warning);
        assert_eq!(f[0].path, Path::new("content/tin-tuc/a.md"));
        assert_eq!((f[0].line, f[0].col), (Some(3), Some(10)));
        assert!(
            f[0].message
                .contains("the title is 13 characters long, more than the limit of 10"),
            "{}",
            f[0]
        );
        let ten = doc("---\ntitle: \"Thông báo!\"\n---\nx\n");
        assert!(document(&ten, &SMALL).is_empty(), "exactly the limit");
    }

    #[test]
    fn ten_times_the_limit_is_an_error() {
        let long = "a".repeat(101);
        let d = doc(&format!(
            "---\ntitle: \"{long}\"\nsummary: \"{}\"\n---\n{}\n",
            "b".repeat(25),
            "c".repeat(400)
        ));
        let f = document(&d, &SMALL);
        let sev: Vec<_> = f.iter().map(|d| (d.severity, d.line)).collect();
        assert_eq!(
            sev,
            [
                (crate::error::Severity::Error, Some(2)),
                (crate::error::Severity::Warning, Some(3)),
                (crate::error::Severity::Error, Some(5)),
            ],
            "{f:?}"
        );
        assert!(f[2].message.contains("the body is 401 bytes"), "{}", f[2]);
    }
}
