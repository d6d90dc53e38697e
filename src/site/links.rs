//! The link table: where each content file ends up on the site, so that a
//! path written relative to a `.md` file (`cv-1141.pdf`, `../tin-tuc/a.md`)
//! becomes the URL of that file or article.

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use std::collections::HashMap;

/// Characters escaped in a URL path segment.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// A path segment as it goes into a URL (`hội nghị.pdf` → `h%E1%BB%99i%20ngh%E1%BB%8B.pdf`).
pub fn encode_segment(s: &str) -> String {
    utf8_percent_encode(s, SEGMENT).to_string()
}

/// A `/`-separated relative path with every segment encoded.
pub fn encode_path(p: &str) -> String {
    p.split('/')
        .map(encode_segment)
        .collect::<Vec<_>>()
        .join("/")
}

/// Content path (relative to `content/`) → root-relative URL.
#[derive(Debug, Default, Clone)]
pub struct LinkTable {
    urls: HashMap<String, String>,
    /// Articles this build leaves out (drafts, future dates): content path →
    /// why, so that a link to one says so rather than "not found".
    unpublished: HashMap<String, LeftOut>,
}

/// Why this build does not publish an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftOut {
    /// `draft: true` (and no `--drafts`).
    Draft,
    /// Dated after now (and no `--future`): its date as `15/02/2023 08:46`.
    Future(String),
}

/// What a written link turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Not a relative path (`https://…`, `/…`, `#…`, `mailto:`): left as written.
    External,
    /// A content file: its URL (with the written `#fragment`/`?query`).
    Url(String),
    /// A relative path to nothing that will be published.
    Missing(String),
}

impl LinkTable {
    /// Record that the content file `rel` (relative to `content/`) is published
    /// at `url` (root-relative, percent-encoded).
    pub fn insert(&mut self, rel: String, url: String) {
        self.urls.insert(rel, url);
    }

    /// Note that the article at `rel` is not published by this build, and why.
    pub fn insert_unpublished(&mut self, rel: String, why: LeftOut) {
        self.unpublished.insert(rel, why);
    }

    /// Why the article a [`Resolved::Missing`] path names is not published,
    /// if it exists and is left out (a draft, a future date).
    pub fn unpublished(&self, rel: &str) -> Option<&LeftOut> {
        let bare = rel.trim_end_matches('/');
        [
            rel.to_string(),
            bare.to_string(),
            format!("{bare}/index.md"),
        ]
        .iter()
        .find_map(|k| self.unpublished.get(k))
    }

    /// The URL of the content file `rel` exactly as inserted, without resolving
    /// `..`, fragments or bundle folders (see [`LinkTable::resolve`]).
    pub fn get(&self, rel: &str) -> Option<&str> {
        self.urls.get(rel).map(String::as_str)
    }

    /// Every (content path, URL) pair, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.urls.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Resolve `target` as written in a file in folder `from_dir` (relative to `content/`).
    pub fn resolve(&self, from_dir: &str, target: &str) -> Resolved {
        let target = target.trim();
        if target.is_empty()
            || target.starts_with(['/', '#', '?'])
            || target.contains("://")
            || target.starts_with("//")
            || has_scheme(target)
        {
            return Resolved::External;
        }
        let cut = target.find(['#', '?']).unwrap_or(target.len());
        let (path, suffix) = target.split_at(cut);
        let decoded = percent_decode_str(path).decode_utf8_lossy();
        let decoded = crate::vi::nfc(&decoded).replace('\\', "/");
        let Some(rel) = join(from_dir, &decoded) else {
            return Resolved::Missing(decoded.to_string());
        };
        let found = self
            .get(&rel)
            .or_else(|| self.get(rel.trim_end_matches('/')))
            .or_else(|| self.get(&format!("{}/index.md", rel.trim_end_matches('/'))));
        match found {
            Some(url) => Resolved::Url(format!("{url}{suffix}")),
            None => Resolved::Missing(rel),
        }
    }
}

/// `mailto:`, `tel:`, `javascript:` … (a scheme is letters before the first `:`,
/// and a Windows drive letter `C:` is not a scheme we pass through).
fn has_scheme(s: &str) -> bool {
    match s.split_once(':') {
        Some((scheme, _)) => {
            scheme.len() > 1
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Join and normalize `dir/path`; `None` if it climbs out of `content/`.
pub(crate) fn join(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> LinkTable {
        let mut t = LinkTable::default();
        t.insert("tin-tuc/hoi-nghi.md".into(), "/tin-tuc/hoi-nghi/".into());
        t.insert(
            "tin-tuc/cv 1141.pdf".into(),
            "/tin-tuc/cv%201141.pdf".into(),
        );
        t.insert("files/qd-12.pdf".into(), "/files/qd-12.pdf".into());
        t.insert("tin-tuc/bai-a/index.md".into(), "/tin-tuc/bai-a/".into());
        t
    }

    #[test]
    fn resolves_relative_paths() {
        let t = table();
        assert_eq!(
            t.resolve("tin-tuc", "hoi-nghi.md"),
            Resolved::Url("/tin-tuc/hoi-nghi/".into())
        );
        assert_eq!(
            t.resolve("thong-bao", "../tin-tuc/hoi-nghi.md#ket-qua"),
            Resolved::Url("/tin-tuc/hoi-nghi/#ket-qua".into())
        );
        assert_eq!(
            t.resolve("tin-tuc", "../files/qd-12.pdf"),
            Resolved::Url("/files/qd-12.pdf".into())
        );
        assert_eq!(
            t.resolve("tin-tuc", "cv%201141.pdf"),
            Resolved::Url("/tin-tuc/cv%201141.pdf".into())
        );
        assert_eq!(
            t.resolve("tin-tuc", "cv 1141.pdf"),
            Resolved::Url("/tin-tuc/cv%201141.pdf".into())
        );
        assert_eq!(
            t.resolve("tin-tuc", "./bai-a/"),
            Resolved::Url("/tin-tuc/bai-a/".into())
        );
        assert_eq!(
            t.resolve("tin-tuc/bai-a", "../hoi-nghi.md"),
            Resolved::Url("/tin-tuc/hoi-nghi/".into())
        );
    }

    #[test]
    fn leaves_external_links() {
        let t = table();
        for l in [
            "https://chinhphu.vn/",
            "/tin-tuc/x/",
            "#muc-1",
            "mailto:a@b.vn",
            "tel:0262",
            "//cdn.vn/x",
        ] {
            assert_eq!(t.resolve("tin-tuc", l), Resolved::External, "{l}");
        }
    }

    #[test]
    fn reports_missing() {
        let t = table();
        assert_eq!(
            t.resolve("tin-tuc", "khong-co.pdf"),
            Resolved::Missing("tin-tuc/khong-co.pdf".into())
        );
        assert!(matches!(
            t.resolve("tin-tuc", "../../x.pdf"),
            Resolved::Missing(_)
        ));
    }

    #[test]
    fn knows_unpublished_articles() {
        let mut t = table();
        t.insert_unpublished("tin-tuc/mai/index.md".into(), LeftOut::Draft);
        let Resolved::Missing(rel) = t.resolve("tin-tuc", "mai/") else {
            panic!("a left-out article is not a link target");
        };
        assert_eq!(t.unpublished(&rel), Some(&LeftOut::Draft));
        assert_eq!(t.unpublished("tin-tuc/khong-co.md"), None);
    }

    #[test]
    fn encodes_segments() {
        assert_eq!(
            encode_path("tin-tuc/hội nghị.pdf"),
            "tin-tuc/h%E1%BB%99i%20ngh%E1%BB%8B.pdf"
        );
    }
}
