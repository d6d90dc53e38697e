//! The findings of the sanitizer, for the writer: before a body's raw HTML
//! is cleaned ([`super::Sanitizer::clean`]), the Markdown renderer hands each
//! raw HTML piece to [`scan_raw`], which tells what the policy will remove and
//! which URLs are dangerous, at byte offsets the renderer turns into
//! `file:line:col`. Holds its own small tokenizer of start tags.

use super::{
    GENERIC, PER_TAG, Policy, REMOVED_WITH_CONTENT, TAGS, URL_ATTRS, iframe_host, unsafe_scheme,
};

/// Something the sanitizer will do to a raw HTML piece, at a byte offset in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawFinding {
    /// An element that is removed (`script`, `iframe` from another host, …).
    Element {
        /// Byte offset of the start tag in the piece.
        at: usize,
        /// The element's name, lowercase.
        name: String,
        /// How it is removed and why.
        how: Removal,
    },
    /// An attribute that is removed because it can run script or restyle
    /// the page (`onerror`, `style`, `srcdoc`).
    Attribute {
        /// Byte offset of the attribute's name in the piece.
        at: usize,
        /// The element it is on.
        tag: String,
        /// The attribute's name.
        name: String,
    },
    /// Other attributes dropped (Word's `class="MsoNormal"`, `align`, …):
    /// told once per body.
    Dropped {
        /// Byte offset of the attribute's name in the piece.
        at: usize,
        /// The element it is on.
        tag: String,
        /// The attribute's name.
        name: String,
    },
    /// A dangerous URL (`[unsafe-link]`).
    Url {
        /// Byte offset of the URL (the attribute's value) in the piece.
        at: usize,
        /// The scheme that makes it dangerous: `javascript`, `vbscript`, `data`, ….
        scheme: &'static str,
        /// The URL as written, trimmed.
        value: String,
    },
}

/// How and why an element of raw HTML is removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    /// Removed with its content (`script`, `style`, …).
    WithContent,
    /// Not on the allow-list: the tag goes, its text is kept.
    TextKept,
    /// An `iframe` without a `src`.
    NoSource,
    /// An `iframe` from a host (as written) that `embed_hosts:` does not list.
    Host(String),
}

/// What the sanitizer will remove from `raw`, one raw HTML piece of a body,
/// and every dangerous URL in it. A tokenizer of start tags good enough to
/// tell the writer; the sanitizer itself parses the HTML as a browser does.
pub fn scan_raw(policy: &Policy<'_>, raw: &str) -> Vec<RawFinding> {
    let mut out = Vec::new();
    let b = raw.as_bytes();
    let mut i = 0;
    while let Some(rel) = memchr::memchr(b'<', &b[i..]) {
        let at = i + rel;
        i = at + 1;
        if raw[at..].starts_with("<!--") {
            i = raw[at..].find("-->").map_or(b.len(), |e| at + e + 3);
            continue;
        }
        let name_len = raw[i..]
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == b'-')
            .count();
        if name_len == 0 || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let name = raw[i..i + name_len].to_ascii_lowercase();
        let (attrs, end) = attributes(raw, i + name_len);
        i = end;
        judge(policy, at, &name, &attrs, &mut out);
        if REMOVED_WITH_CONTENT.contains(&name.as_str()) || name == "iframe" {
            // Raw text (script, style) or removed content: skip to the end tag.
            let close = format!("</{name}");
            i = find_ci(raw, i, &close).unwrap_or(b.len());
        }
    }
    out
}

/// The findings for one start tag.
fn judge(policy: &Policy<'_>, at: usize, name: &str, attrs: &[Attr], out: &mut Vec<RawFinding>) {
    for Attr {
        value_at,
        name: a,
        value: v,
        ..
    } in attrs
    {
        if URL_ATTRS.contains(&a.as_str()) {
            let values: Vec<&str> = if a == "srcset" {
                v.split(',').collect()
            } else {
                vec![v]
            };
            for v in values {
                if let Some(scheme) = unsafe_scheme(v) {
                    out.push(RawFinding::Url {
                        at: *value_at,
                        scheme,
                        value: v.trim().to_string(),
                    });
                }
            }
        }
    }
    if policy.trusted {
        return;
    }
    let element = |how: Removal| RawFinding::Element {
        at,
        name: name.to_string(),
        how,
    };
    if name == "iframe" {
        let src = attrs
            .iter()
            .find(|a| a.name == "src")
            .map(|a| a.value.as_str());
        match src {
            Some(s) if policy.embeds(s) => {}
            Some(s) => {
                let host = iframe_host(s).unwrap_or_else(|| s.trim().chars().take(60).collect());
                out.push(element(Removal::Host(host)));
                return;
            }
            None => {
                out.push(element(Removal::NoSource));
                return;
            }
        }
    } else if !TAGS.contains(&name) {
        if REMOVED_WITH_CONTENT.contains(&name) {
            out.push(element(Removal::WithContent));
        } else {
            out.push(element(Removal::TextKept));
        }
        return;
    }
    for Attr {
        at: a_at, name: a, ..
    } in attrs
    {
        let allowed = GENERIC.contains(&a.as_str())
            || PER_TAG
                .iter()
                .any(|(t, list)| *t == name && list.contains(&a.as_str()));
        let finding = |tag: &str, name: &str| (*a_at, tag.to_string(), name.to_string());
        if a.starts_with("on") || a == "srcdoc" || (a == "style" && !allowed) {
            let (at, tag, name) = finding(name, a);
            out.push(RawFinding::Attribute { at, tag, name });
        } else if !allowed && !a.starts_with("xmlns") {
            let (at, tag, name) = finding(name, a);
            out.push(RawFinding::Dropped { at, tag, name });
        }
    }
}

/// An attribute of a start tag in raw HTML.
struct Attr {
    /// Byte offsets of its name and its value in the piece.
    at: usize,
    value_at: usize,
    /// Lowercase.
    name: String,
    /// With character references decoded.
    value: String,
}

/// The attributes of a start tag whose name ends at `i`, and where the tag ends.
fn attributes(raw: &str, mut i: usize) -> (Vec<Attr>, usize) {
    let b = raw.as_bytes();
    let mut out = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            return (out, (i + 1).min(b.len()));
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = raw[start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        let mut value_at = start;
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            value_at = i;
            let (v, end) = match b.get(i) {
                Some(q @ (b'"' | b'\'')) => {
                    value_at = i + 1;
                    let close = memchr::memchr(*q, &b[i + 1..]).map_or(b.len(), |e| i + 1 + e);
                    (&raw[i + 1..close], (close + 1).min(b.len()))
                }
                _ => {
                    let end = raw[i..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .map_or(b.len(), |e| i + e);
                    (&raw[i..end], end)
                }
            };
            value = decode_references(v);
            i = end;
        }
        if !name.is_empty() {
            out.push(Attr {
                at: start,
                value_at,
                name,
                value,
            });
        }
    }
}

/// Case-insensitive find of ASCII `needle` in `hay` from `from`.
fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let n = needle.len();
    (from..hay.len().saturating_sub(n - 1))
        .find(|&k| hay.as_bytes()[k..k + n].eq_ignore_ascii_case(needle.as_bytes()))
}

/// Numeric character references and the few named ones that hide a scheme
/// (`&#106;avascript:`, `java&Tab;script&colon;`).
fn decode_references(v: &str) -> String {
    if !v.contains('&') {
        return v.to_string();
    }
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        rest = &rest[k..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map_or(rest.len(), |e| e + 1);
        let name = &rest[1..end];
        let decoded = match name {
            "colon" => Some(':'),
            "Tab" => Some('\t'),
            "NewLine" => Some('\n'),
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name.strip_prefix('#').and_then(|n| {
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(h) => u32::from_str_radix(h, 16).ok()?,
                    None => n.parse().ok()?,
                };
                char::from_u32(code)
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                let skip = if rest[end..].starts_with(';') {
                    end + 1
                } else {
                    end
                };
                rest = &rest[skip..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_tells_what_goes() {
        let raw = "<p style=\"x\" class=MsoNormal>a</p><script>var a = '<img onerror=1>';</script><img src=\"&#106;avascript:alert(1)\" onerror=\"x\">";
        let f = scan_raw(&Policy::STRICT, raw);
        assert!(
            f.contains(&RawFinding::Attribute {
                at: 3,
                tag: "p".into(),
                name: "style".into()
            }),
            "{f:?}"
        );
        assert!(
            f.contains(&RawFinding::Dropped {
                at: 13,
                tag: "p".into(),
                name: "class".into()
            }),
            "{f:?}"
        );
        assert!(
            matches!(&f[2], RawFinding::Element { name, .. } if name == "script"),
            "{f:?}"
        );
        assert!(
            f.iter().any(|x| matches!(
                x,
                RawFinding::Url {
                    scheme: "javascript",
                    ..
                }
            )),
            "{f:?}"
        );
        // nothing inside the script is a tag of its own
        assert_eq!(
            f.iter()
                .filter(|x| matches!(x, RawFinding::Attribute { name, .. } if name == "onerror"))
                .count(),
            1,
            "{f:?}"
        );
        let trusted = Policy {
            trusted: true,
            embed_hosts: &[],
        };
        let f = scan_raw(&trusted, raw);
        assert!(
            f.iter().all(|x| matches!(x, RawFinding::Url { .. })),
            "{f:?}"
        );
    }
}
