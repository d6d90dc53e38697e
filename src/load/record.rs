//! The documents registry's part of the load stage: the files of
//! `content/van-ban/`. `content/van-ban/**/*.md` are records only (front
//! matter with `dispatch:`, an optional body of notes), never news
//! articles; `content/van-ban/_index.md` titles the registry. [`super::load`]
//! sorts them out of the walk into [`super::Content::records`], and the
//! model stage (`crate::site::registry`) makes records of them.
//! Also: locating a key of the `dispatch:` block in a file, for messages.

use super::frontmatter::{self, DispatchFront, Split};
use crate::error::{Arg, Diagnostic};
use serde::Deserialize;
use std::path::PathBuf;

/// The folder of `content/` holding records only, and the URL folder of the registry.
pub const FOLDER: &str = "van-ban";

/// Whether a Markdown file (path relative to `content/`) is a record-only file.
pub fn is_record_path(rel: &str) -> bool {
    rel.strip_prefix(FOLDER)
        .is_some_and(|r| r.starts_with('/') && r != "/_index.md")
}

/// Front matter of a record-only file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordFront {
    /// The document: number, kind, dates, issuer, attachments.
    pub dispatch: DispatchFront,
    /// A draft record is left out unless drafts are built.
    #[serde(default)]
    pub draft: bool,
}

/// A record-only file, parsed.
#[derive(Debug, Clone)]
pub struct RecordSource {
    /// Path relative to `content/`, `/`-separated, NFC.
    pub rel: String,
    /// Path for messages (`content/van-ban/…`).
    pub shown: PathBuf,
    /// The parsed front matter.
    pub front: RecordFront,
    /// The whole decoded file; the body (notes on the document) starts at `split.body`.
    pub text: String,
    /// Where the front matter and the body are in `text`.
    pub split: Split,
}

impl RecordSource {
    /// Parse a record-only file (already decoded and split).
    pub fn parse(
        rel: String,
        shown: PathBuf,
        text: String,
        split: Split,
    ) -> Result<RecordSource, Diagnostic> {
        let front: RecordFront = frontmatter::parse(&text, &split, &shown).map_err(|d| {
            let names_dispatch = d.args.contains(&("name", Arg::from("dispatch")));
            if d.id == "unknown-key" {
                // A key beside `dispatch:` (one inside it is `unknown-key-in`).
                d.with_hint_id("records-only")
            } else if d.id == "missing-key" && names_dispatch {
                d.with_hint_id("record-needs-dispatch")
            } else {
                d
            }
        })?;
        Ok(RecordSource {
            rel,
            shown,
            front,
            text,
            split,
        })
    }

    /// The folder holding the file, relative to `content/`.
    pub fn dir(&self) -> &str {
        self.rel.rsplit_once('/').map_or("", |(d, _)| d)
    }
}

/// Line and column of `key:` inside the `dispatch:` block of a file (or of
/// `value` there, for list items), falling back to the `dispatch:` line.
pub fn locate(text: &str, split: &Split, key: &str, value: Option<&str>) -> (usize, usize) {
    let yaml = &text[split.yaml.0..split.yaml.1];
    let mut lines = yaml.lines().enumerate();
    let Some((start, _)) =
        lines.find(|(_, l)| l.trim_end() == "dispatch:" || l.starts_with("dispatch:"))
    else {
        return (split.yaml_line, 1);
    };
    let mut key_at = None;
    for (i, line) in yaml.lines().enumerate().skip(start + 1) {
        if !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty() {
            break; // the block ended
        }
        if let Some(v) = value
            && let Some(c) = line.find(v)
        {
            return (split.yaml_line + i, line[..c].chars().count() + 1);
        }
        let t = line.trim_start();
        if key_at.is_none() && t.strip_prefix(key).is_some_and(|r| r.starts_with(':')) {
            key_at = Some((split.yaml_line + i, line.len() - t.len() + 1));
        }
    }
    key_at.unwrap_or((split.yaml_line + start, 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn record_paths() {
        assert!(is_record_path("van-ban/385.md"));
        assert!(is_record_path("van-ban/2023/qd-12.md"));
        assert!(!is_record_path("van-ban/_index.md"));
        assert!(!is_record_path("van-bang/a.md"));
        assert!(!is_record_path("tin-tuc/van-ban/a.md"));
    }

    #[test]
    fn locates_keys_inside_the_dispatch_block() {
        let t = "---\ntitle: a\nsummary: \"số 1141/UBND-KSTTHC\"\ndispatch:\n  number: \"1141/UBND-KSTTHC\"\n  files:\n    - a.pdf\n    - b.pdf\nextra: {}\n---\n";
        let s = frontmatter::split(t, Path::new("a.md")).unwrap();
        assert_eq!(locate(t, &s, "number", None), (5, 3));
        assert_eq!(locate(t, &s, "files", Some("b.pdf")), (8, 7));
        assert_eq!(locate(t, &s, "issuer", None), (4, 1));
    }

    #[test]
    fn unknown_key_in_a_record_file_explains_the_folder() {
        let t = "---\ntitle: x\ndispatch:\n  number: \"1/UBND\"\n---\n";
        let s = frontmatter::split(t, Path::new("a.md")).unwrap();
        let e = RecordSource::parse(
            "van-ban/a.md".into(),
            "content/van-ban/a.md".into(),
            t.into(),
            s,
        )
        .unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.hint.unwrap().contains("documents only"));
        let t = "---\ndraft: true\n---\n";
        let s = frontmatter::split(t, Path::new("a.md")).unwrap();
        let e = RecordSource::parse(
            "van-ban/a.md".into(),
            "content/van-ban/a.md".into(),
            t.into(),
            s,
        )
        .unwrap_err();
        assert_eq!(e.message, "missing required key `dispatch`");
        assert!(e.hint.unwrap().contains("start it with `dispatch:`"));
    }
}
