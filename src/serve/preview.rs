//! The preview: a built site held in memory (output path → bytes, or the
//! source file of a copy), and what changed between two of them. The search
//! index comes apart from the other outputs (it is computed after them).

use crate::output::Output;
use crate::render::Rendered;
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
#[derive(Clone)]
pub(super) struct Preview {
    /// The URL path the site lives under (`/` or `/tin-tuc-ttt/`), as in URLs.
    pub root: String,
    /// Output path (relative, `/`-separated, not encoded) → contents.
    pub files: HashMap<String, Body>,
    /// The paths in `files` that are the search index's.
    pub search: HashSet<String>,
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
            search: HashSet::new(),
        }
    }
}

impl Preview {
    /// A rebuild's outputs (without the search index) under `root`, with the
    /// search index of `old` until a new one comes ([`Preview::set_search`]).
    pub fn new(root: String, rendered: Rendered, old: &Preview) -> Preview {
        let mut files = HashMap::with_capacity(rendered.outputs.len() + old.search.len());
        for o in rendered.outputs {
            files.insert(o.path, Body::Bytes(Bytes::from(o.bytes)));
        }
        for c in rendered.copies {
            files.insert(c.to, Body::File(c.from));
        }
        for path in &old.search {
            if let Some(body) = old.files.get(path) {
                files.entry(path.clone()).or_insert_with(|| body.clone());
            }
        }
        Preview {
            root,
            files,
            search: old.search.clone(),
        }
    }

    /// Replace the outputs a quick rebuild made; what changed.
    pub fn update(&mut self, outputs: Vec<Output>) -> Change {
        let mut change = Change::default();
        for o in outputs {
            if matches!(self.files.get(&o.path), Some(Body::Bytes(b)) if **b == *o.bytes) {
                continue;
            }
            self.note(&mut change, &o.path);
            self.files.insert(o.path, Body::Bytes(Bytes::from(o.bytes)));
        }
        change.pages.sort();
        change
    }

    /// Put in a new search index; what changed (the search page is named
    /// among the pages when the index did, so that it loads the new one).
    pub fn set_search(&mut self, outputs: Vec<Output>) -> Change {
        let mut change = Change::default();
        let fresh: HashSet<String> = outputs.iter().map(|o| o.path.clone()).collect();
        for path in std::mem::take(&mut self.search) {
            if !fresh.contains(&path) && self.files.remove(&path).is_some() {
                change.files += 1;
            }
        }
        for o in outputs {
            if !matches!(self.files.get(&o.path), Some(Body::Bytes(b)) if **b == *o.bytes) {
                change.files += 1;
                self.files.insert(o.path, Body::Bytes(Bytes::from(o.bytes)));
            }
        }
        self.search = fresh;
        if change.files > 0 {
            let page = format!("{}index.html", crate::search::PAGE);
            if self.files.contains_key(&page) {
                let url = self.url(&page);
                change.pages = vec![url.trim_end_matches("index.html").to_string(), url];
            }
        }
        change
    }

    /// Count `path` as changed, and name it if it is a page or a stylesheet.
    fn note(&self, change: &mut Change, path: &str) {
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
    }

    /// What differs from `old`; `sources` are files changed on disk (for copies).
    pub fn changes_from(&self, old: &Preview, sources: &HashSet<PathBuf>) -> Change {
        let mut change = Change::default();
        if old.root != self.root {
            change.pages.push("*".into());
        }
        let mut note = |path: &str| self.note(&mut change, path);
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
