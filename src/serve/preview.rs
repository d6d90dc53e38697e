//! The preview: a built site held in memory (output path → bytes, or the
//! source file of a copy), and what changed between two of them.

use crate::build::Plan;
use axum::body::Bytes;
use percent_encoding::percent_decode_str;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// Changed pages named one by one in a reload message; more means "all".
const MAX_LISTED: usize = 2000;

/// One file of the preview.
#[derive(Clone)]
pub(super) enum Body {
    Bytes(Bytes),
    /// Served from its source file (attachments, theme files on disk).
    File(PathBuf),
}

/// A site as the server shows it.
pub(super) struct Preview {
    /// The URL path the site lives under (`/` or `/tin-tuc-ttt/`), as in URLs.
    pub root: String,
    /// Output path (relative, `/`-separated, not encoded) → contents.
    pub files: HashMap<String, Body>,
}

/// What a rebuild changed, as the pages' script needs it.
#[derive(Debug, Default, Serialize)]
pub(super) struct Change {
    /// Decoded URL paths of changed pages (`/tin-tuc/hội nghị/`); `*` for all.
    pub pages: Vec<String>,
    /// Decoded URL paths of changed stylesheets.
    pub css: Vec<String>,
    /// Every changed output, pages and stylesheets included.
    #[serde(skip)]
    pub files: usize,
}

impl Default for Preview {
    /// Nothing built yet.
    fn default() -> Preview {
        Preview {
            root: "/".into(),
            files: HashMap::new(),
        }
    }
}

impl Preview {
    pub fn new(plan: Plan) -> Preview {
        let mut files = HashMap::with_capacity(plan.rendered.outputs.len());
        for o in plan.rendered.outputs {
            files.insert(o.path, Body::Bytes(Bytes::from(o.bytes)));
        }
        for c in plan.rendered.copies {
            files.insert(c.to, Body::File(c.from));
        }
        Preview {
            root: plan.site.config.base.root.clone(),
            files,
        }
    }

    /// What differs from `old`; `sources` are files changed on disk (for copies).
    pub fn changes_from(&self, old: &Preview, sources: &HashSet<PathBuf>) -> Change {
        let mut change = Change::default();
        if old.root != self.root {
            change.pages.push("*".into());
        }
        let mut note = |path: &str| {
            change.files += 1;
            if path.ends_with(".css") {
                change.css.push(self.url(path));
            } else if path.ends_with(".html") {
                let url = self.url(path);
                if let Some(folder) = url.strip_suffix("index.html") {
                    change.pages.push(folder.to_string());
                }
                change.pages.push(url);
            }
        };
        for (path, body) in &self.files {
            let same = match (body, old.files.get(path)) {
                (Body::Bytes(a), Some(Body::Bytes(b))) => a == b,
                (Body::File(a), Some(Body::File(b))) => a == b && !sources.contains(a),
                _ => false,
            };
            if !same {
                note(path);
            }
        }
        for path in old.files.keys() {
            if !self.files.contains_key(path) {
                note(path);
            }
        }
        // Past this many pages every open page may as well check (and the message stays small).
        if change.pages.len() > MAX_LISTED {
            change.pages = vec!["*".into()];
        }
        change.pages.sort();
        change.css.sort();
        change
    }

    /// The decoded URL path of an output path.
    pub fn url(&self, path: &str) -> String {
        format!(
            "{}{path}",
            percent_decode_str(&self.root).decode_utf8_lossy()
        )
    }
}
