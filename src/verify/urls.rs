//! URLs as the page checks see them: where a link value on a rendered page
//! points ([`classify`]), attribute values unescaped, paths normalized, and
//! whether a path names an output.
//!
//! Used by [`super::pages`], which reads the pages back and judges their links.

use percent_encoding::percent_decode_str;
use std::collections::HashSet;

/// Where a link points.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Target {
    /// A file of the site: output path (decoded, relative to the output
    /// folder) and the fragment, if any.
    Internal(String, Option<String>),
    /// An http(s) URL of another site.
    External(String),
    /// `javascript:`, `data:`, `vbscript:`.
    Unsafe(String),
    /// `mailto:`, `tel:`, outside the site's root: not ours to check.
    Other,
}

/// Where the link or image value `value` on the page at `page_url` (root-relative)
/// points, for a site at `origin` + `root`.
pub(super) fn classify(value: &str, page_url: &str, origin: &str, root: &str) -> Target {
    let v = unescape(value.trim());
    // Browsers ignore tabs and newlines in URLs: `java\tscript:` is `javascript:`.
    let squeezed: String = v
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if let Some(scheme) = crate::render::sanitize::unsafe_scheme(&v) {
        return Target::Unsafe(scheme.to_string());
    }
    if v.is_empty() {
        return Target::Other;
    }
    let path = if let Some(rest) = v.strip_prefix(origin).filter(|r| r.starts_with('/')) {
        rest.to_string()
    } else if squeezed.starts_with("http://") || squeezed.starts_with("https://") {
        return Target::External(v);
    } else if v.starts_with("//") || has_scheme(&v) {
        return Target::Other;
    } else if v.starts_with('/') {
        v.clone()
    } else {
        let dir = &page_url[..page_url.rfind('/').map_or(0, |i| i + 1)];
        if v.starts_with(['#', '?']) {
            let file = page_url.rsplit('/').next().unwrap_or("");
            format!("{dir}{file}{v}")
        } else {
            format!("{dir}{v}")
        }
    };
    let (path, fragment) = match path.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (path.as_str(), None),
    };
    let path = path.split('?').next().unwrap_or(path);
    let Some(rel) = path
        .strip_prefix(root)
        .or_else(|| (path.to_string() + "/" == root).then_some(""))
    else {
        return Target::Other;
    };
    let rel = normalize(&percent_decode_str(rel).decode_utf8_lossy());
    let fragment = fragment
        .map(|f| percent_decode_str(f).decode_utf8_lossy().into_owned())
        .filter(|f| !f.is_empty() && f != "top");
    Target::Internal(rel, fragment)
}

/// Whether `s` starts with a URL scheme (`mailto:`, `tel:`, …).
fn has_scheme(s: &str) -> bool {
    s.split_once(':').is_some_and(|(scheme, _)| {
        scheme.len() > 1
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// `a/./b/../c` → `a/c` (a trailing `/` kept).
fn normalize(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if p.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    out
}

/// The five entities an attribute value may carry from our own escaping,
/// plus numeric references.
pub(super) fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let n = name.strip_prefix('#')?;
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A URL as compared between Markdown and HTML: unescaped, decoded, NFC.
pub(super) fn comparable(s: &str) -> String {
    let u = unescape(s.trim());
    crate::vi::nfc(&percent_decode_str(&u).decode_utf8_lossy()).into_owned()
}

/// The URL of an output file, root-relative.
pub(super) fn page_url(root: &str, path: &str) -> String {
    format!("{root}{}", path.strip_suffix("index.html").unwrap_or(path))
}

/// Does `rel` (decoded, relative to the output folder) name an output?
pub(super) fn exists(files: &HashSet<&str>, rel: &str) -> Option<String> {
    let candidates = if rel.is_empty() {
        vec!["index.html".to_string()]
    } else if rel.ends_with('/') {
        vec![format!("{rel}index.html")]
    } else {
        vec![rel.to_string(), format!("{rel}/index.html")]
    };
    candidates.into_iter().find(|c| files.contains(c.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies() {
        let c = |v| classify(v, "/tin-tuc/a/", "https://h.vn", "/");
        assert_eq!(c("/x/"), Target::Internal("x/".into(), None));
        assert_eq!(
            c("../b/#m%E1%BB%A5c"),
            Target::Internal("tin-tuc/b/".into(), Some("mục".into()))
        );
        assert_eq!(
            c("#x"),
            Target::Internal("tin-tuc/a/".into(), Some("x".into()))
        );
        assert_eq!(
            c("https://h.vn/y.pdf"),
            Target::Internal("y.pdf".into(), None)
        );
        assert_eq!(
            c("https://other.vn/"),
            Target::External("https://other.vn/".into())
        );
        assert_eq!(
            c(" Java\tScript:alert(1)"),
            Target::Unsafe("javascript".into())
        );
        assert_eq!(c("data:text/html,x"), Target::Unsafe("data".into()));
        assert_eq!(c("mailto:a@b.vn"), Target::Other);
        assert_eq!(
            c("/tin-tuc/a/?p=1&amp;q=2"),
            Target::Internal("tin-tuc/a/".into(), None)
        );
    }

    #[test]
    fn unescapes() {
        assert_eq!(unescape("a&amp;b&#x41;&#66;&bogus;&"), "a&bAB&bogus;&");
    }
}
