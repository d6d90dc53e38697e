//! Stage 1 — load: walk `content/`, decode files as staff really save them
//! (BOM, CRLF, NFD), split and parse front matter. Produces [`Content`]:
//! what is on disk, parsed but not yet interpreted (no URLs, no drafts rule).

pub mod cache;
pub mod counts;
pub mod date;
pub mod frontmatter;
pub mod record;

use crate::error::{Diagnostic, Errors, IoOp};
use crate::files::{self as file, is_ignored};
use crate::text::decode;
use crate::vi::nfc;
use frontmatter::{FrontMatter, SectionFront, Split};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Everything found under `content/`.
#[derive(Debug, Default)]
pub struct Content {
    /// `content/_index.md`: the home page's title and description.
    pub home: Option<SectionFront>,
    /// Top-level folders of `content/`, by folder name.
    pub sections: BTreeMap<String, SectionSource>,
    /// Every Markdown file that is not an `_index.md`, in path order.
    pub documents: Vec<Document>,
    /// Every other file (attachments, images), in path order.
    pub assets: Vec<Asset>,
    /// View counts from `data/views.csv` or `data/views.json`, if present.
    pub views: Option<counts::ViewCounts>,
    /// `content/van-ban/**/*.md`: document records only, not articles (see [`record`]).
    pub records: Vec<record::RecordSource>,
    /// `content/van-ban/_index.md`: the registry's title and description.
    pub registry_index: Option<SectionFront>,
}

/// A top-level folder of `content/`.
#[derive(Debug, Default)]
pub struct SectionSource {
    /// From `_index.md`, when there is one.
    pub front: Option<SectionFront>,
}

/// How a Markdown file sits in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// `name.md`
    Single,
    /// `name/index.md`: the folder is the article, its other files its attachments.
    Bundle,
}

/// One Markdown file, decoded and with its front matter parsed.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to `content/`, with `/` separators, NFC: `tin-tuc/hội nghị.md`.
    pub rel: String,
    /// Path for messages: `content/tin-tuc/hội nghị.md`.
    pub shown: PathBuf,
    /// Whether it is a `name.md` or the `index.md` of a bundle folder.
    pub kind: DocKind,
    /// The front matter, parsed but not yet checked against the site.
    pub front: FrontMatter,
    /// The whole decoded file; the body starts at `split.body`.
    pub text: String,
    /// Where the front matter and the body are in `text`.
    pub split: Split,
}

impl Document {
    /// The Markdown body: `text` after the closing `---` line.
    pub fn body(&self) -> &str {
        &self.text[self.split.body..]
    }

    /// The top-level folder, or `None` for a page directly in `content/`.
    pub fn section(&self) -> Option<&str> {
        self.rel.split_once('/').map(|(s, _)| s)
    }

    /// The file (or bundle folder) name the slug derives from.
    pub fn stem(&self) -> &str {
        let path = match self.kind {
            DocKind::Bundle => self.rel.rsplit_once('/').map_or("", |(dir, _)| dir),
            DocKind::Single => self.rel.strip_suffix(".md").unwrap_or(&self.rel),
        };
        path.rsplit('/').next().unwrap_or(path)
    }

    /// The folder holding the file, relative to `content/` (`""` at the top).
    pub fn dir(&self) -> &str {
        self.rel.rsplit_once('/').map_or("", |(d, _)| d)
    }
}

/// A non-Markdown file under `content/`.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to `content/`, `/`-separated, NFC.
    pub rel: String,
    /// The file on disk (under the site's `content/`), to read or copy.
    pub source: PathBuf,
    /// The file's size in bytes, when it was listed.
    pub size: u64,
}

enum Entry {
    Markdown(PathBuf, String),
    Asset(PathBuf, String, u64),
}

/// Walk `root/content` and parse every file. Returns what could be loaded and
/// every problem found, so that later stages can report their problems too.
pub fn load(root: &Path) -> Result<(Content, Vec<Diagnostic>), Errors> {
    load_with(root, None)
}

/// [`load`], reusing files parsed before that have not changed since (see [`cache`]).
pub fn load_with(
    root: &Path,
    cache: Option<&cache::LoadCache>,
) -> Result<(Content, Vec<Diagnostic>), Errors> {
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        return Err(Errors::one(crate::problem!(
            Error,
            "content",
            "no-content-folder"
        )));
    }
    let mut errors = Vec::new();
    let entries = walk_content(root, &content_dir, &mut errors);
    let parsed: Vec<Result<Parsed, Diagnostic>> = entries
        .into_par_iter()
        .map(|e| match e {
            Entry::Markdown(path, rel) => match cache {
                Some(c) => c.parse(root, &path, rel),
                None => parse_markdown(root, &path, rel),
            },
            Entry::Asset(source, rel, size) => Ok(Parsed::Asset(Asset { rel, source, size })),
        })
        .collect();
    if let Some(c) = cache {
        c.finish();
    }
    let mut content = assemble(parsed, &mut errors);
    let (views, problems) = counts::read(root);
    content.views = views;
    errors.extend(problems);
    errors.extend(file::scan_special(root, "themes"));
    errors.extend(file::scan_special(root, "data"));
    Ok((content, errors))
}

/// The files under `content/`, in name order: Markdown files to parse and
/// assets to copy. Symbolic links, special files and names that are not
/// Unicode are left out, each with a problem in `errors`.
fn walk_content(root: &Path, content_dir: &Path, errors: &mut Vec<Diagnostic>) -> Vec<Entry> {
    let mut entries = Vec::new();
    let walker = walkdir::WalkDir::new(content_dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e
                    .path()
                    .map(|p| shown_path(root, p))
                    .unwrap_or_else(|| PathBuf::from("content"));
                errors.push(crate::problem!(
                    Error,
                    p,
                    "content-unreadable",
                    detail = e.to_string()
                ));
                continue;
            }
        };
        let ft = entry.file_type();
        if ft.is_dir() {
            continue;
        }
        let shown = shown_path(root, entry.path());
        if ft.is_symlink() {
            errors.push(crate::problem!(Warning, &shown, "symlink").with_code("symlink"));
            continue;
        }
        if let Some(kind) = file::special_kind(&ft) {
            errors.push(file::skipped(&shown, kind));
            continue;
        }
        let Some(rel) = entry
            .path()
            .strip_prefix(content_dir)
            .ok()
            .and_then(rel_string)
        else {
            errors.push(crate::problem!(Error, &shown, "file-name-not-unicode"));
            continue;
        };
        if rel.ends_with(".md") || rel.ends_with(".MD") {
            entries.push(Entry::Markdown(entry.path().to_path_buf(), rel));
        } else {
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            entries.push(Entry::Asset(entry.path().to_path_buf(), rel, size));
        }
    }
    entries
}

/// Parsed files (in path order) → [`Content`]; failures go to `errors`.
fn assemble(
    parsed: impl IntoIterator<Item = Result<Parsed, Diagnostic>>,
    errors: &mut Vec<Diagnostic>,
) -> Content {
    let mut content = Content::default();
    for p in parsed {
        match p {
            Ok(Parsed::Document(d)) => content.documents.push(*d),
            Ok(Parsed::Section(dir, front)) if dir.is_empty() => content.home = Some(front),
            Ok(Parsed::Section(dir, front)) => {
                content.sections.entry(dir).or_default().front = Some(front);
            }
            Ok(Parsed::Asset(a)) => content.assets.push(a),
            Ok(Parsed::Record(r)) => content.records.push(*r),
            Ok(Parsed::RegistryIndex(front)) => content.registry_index = Some(front),
            Err(d) => errors.push(d),
        }
    }
    for d in &content.documents {
        if let Some(s) = d.section() {
            content.sections.entry(s.to_string()).or_default();
        }
    }
    content
}

/// The article file at `path` (under `root/content/`) read and parsed again
/// on its own, as [`load`] would: `None` when the path is not an article's
/// Markdown file (a section or registry file, an asset, outside `content/`).
pub fn parse_document(root: &Path, path: &Path) -> Option<Result<Document, Diagnostic>> {
    let rel = rel_string(path.strip_prefix(root.join("content")).ok()?)?;
    if !(rel.ends_with(".md") || rel.ends_with(".MD")) {
        return None;
    }
    match parse_markdown(root, path, rel) {
        Ok(Parsed::Document(d)) => Some(Ok(*d)),
        Ok(_) => None,
        Err(e) => Some(Err(e)),
    }
}

/// An article file's text not saved yet (`rel` under `content/`), parsed
/// as [`load`] would parse the file: `None` when `rel` is not an article.
pub fn parse_unsaved(root: &Path, rel: &str, bytes: &[u8]) -> Option<Result<Document, Diagnostic>> {
    let shown = shown_path(root, &root.join("content").join(rel));
    match parse_bytes(shown, rel.to_string(), bytes) {
        Ok(Parsed::Document(d)) => Some(Ok(*d)),
        Ok(_) => None,
        Err(e) => Some(Err(e)),
    }
}

#[derive(Clone)]
enum Parsed {
    Document(Box<Document>),
    Section(String, SectionFront),
    Asset(Asset),
    Record(Box<record::RecordSource>),
    RegistryIndex(SectionFront),
}

fn parse_markdown(root: &Path, path: &Path, rel: String) -> Result<Parsed, Diagnostic> {
    let shown = shown_path(root, path);
    let bytes = file::read_regular(path).map_err(|e| Diagnostic::io_op(IoOp::Read, &shown, &e))?;
    parse_bytes(shown, rel, &bytes)
}

/// Like [`load`], for files held in memory: `(path relative to content/, bytes)`.
/// Markdown files are parsed; other files become assets with no source on
/// disk. Used by the fuzz target and property tests (no file system).
pub fn load_memory(mut files: Vec<(String, Vec<u8>)>) -> (Content, Vec<Diagnostic>) {
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let parsed = files.into_iter().map(|(rel, bytes)| {
        let shown = Path::new("content").join(&rel);
        if rel.ends_with(".md") || rel.ends_with(".MD") {
            parse_bytes(shown, rel, &bytes)
        } else {
            let size = bytes.len() as u64;
            Ok(Parsed::Asset(Asset {
                rel,
                source: shown,
                size,
            }))
        }
    });
    let mut errors = Vec::new();
    (assemble(parsed, &mut errors), errors)
}

fn parse_bytes(shown: PathBuf, rel: String, bytes: &[u8]) -> Result<Parsed, Diagnostic> {
    let text = decode(bytes, &shown)?;
    let split = frontmatter::split(&text, &shown)?;
    let name = rel.rsplit('/').next().unwrap_or(&rel);
    if rel == format!("{}/_index.md", record::FOLDER) {
        return Ok(Parsed::RegistryIndex(frontmatter::parse(
            &text, &split, &shown,
        )?));
    }
    if record::is_record_path(&rel) && name != "_index.md" {
        return record::RecordSource::parse(rel, shown, text, split)
            .map(|r| Parsed::Record(Box::new(r)));
    }
    if name == "_index.md" {
        let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
        if dir.contains('/') {
            return Err(crate::problem!(Error, &shown, "index-too-deep").at(1, 1));
        }
        let front: SectionFront = frontmatter::parse(&text, &split, &shown)?;
        return Ok(Parsed::Section(dir.to_string(), front));
    }
    let front: FrontMatter = frontmatter::parse(&text, &split, &shown)?;
    let kind = if name == "index.md" && rel.contains('/') {
        DocKind::Bundle
    } else {
        DocKind::Single
    };
    Ok(Parsed::Document(Box::new(Document {
        rel,
        shown,
        kind,
        front,
        text,
        split,
    })))
}

/// `content/…` relative to the site root, for messages.
fn shown_path(root: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| p.to_path_buf())
}

/// A relative path as a `/`-separated NFC string.
fn rel_string(p: &Path) -> Option<String> {
    let mut out = String::new();
    for c in p.components() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(&nfc(c.as_os_str().to_str()?));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_bom_crlf_nfd() {
        let nfd = "Tho\u{302}ng ba\u{301}o";
        let bytes = format!("\u{FEFF}---\r\ntitle: {nfd}\r\n---\r\n").into_bytes();
        let t = decode(&bytes, Path::new("a.md")).unwrap();
        assert_eq!(t, "---\ntitle: Thông báo\n---\n");
    }

    #[test]
    fn invalid_utf8_names_offset() {
        let e = decode(b"---\ntitle: a\xff\n", Path::new("a.md")).unwrap_err();
        assert!(e.message.contains("byte offset 12"), "{e}");
        assert_eq!((e.line, e.col), (Some(2), Some(9)));
    }

    #[test]
    fn ignores_editor_files() {
        for n in [
            ".a.md.swp",
            "a.md~",
            "~$hop.docx",
            "4913",
            ".#a.md",
            ".DS_Store",
            "#a.md#",
            "a.md.crswap",
            "a.md___jb_tmp___",
        ] {
            assert!(is_ignored(n), "{n}");
        }
        assert!(!is_ignored("cv-1141.pdf"));
    }
}
