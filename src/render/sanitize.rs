//! Safe HTML by default: raw HTML written in a Markdown body goes through a
//! sanitizer (ammonia) with an allow-list fit for news pages, and dangerous
//! URLs (`javascript:`, `vbscript:`, `data:` other than raster images) are
//! found wherever a link or image is written. Part of the render stage:
//! [`super::markdown`] calls [`Sanitizer::clean`] on a body that holds raw
//! HTML and [`scan_raw`] on each raw HTML piece, so that the writer learns,
//! at `file:line:col`, what was removed (`[unsafe-html]`, a warning) or
//! refused (`[unsafe-link]`, an error). `unsafe_html: true` in `config.yaml`
//! turns sanitizing off for a trusted site; dangerous URLs then only warn.
//!
//! Bodies without raw HTML are never re-serialized, so their bytes do not
//! change. The allow-list is a superset of what the renderer itself emits
//! (highlighted code, pictures, footnotes, task lists, aligned table cells),
//! because the whole body of a page with raw HTML is cleaned at once: the
//! sanitizer then sees the HTML as a browser will, whatever the raw pieces
//! open or close.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// Message prefixes that `bantin check` maps to its codes.
pub const UNSAFE_LINK: &str = "unsafe link";
/// The message prefix of raw HTML the sanitizer removes (an element or an attribute).
pub const UNSAFE_HTML: &str = "unsafe HTML removed";
/// The code of [`UNSAFE_LINK`] problems.
pub const UNSAFE_LINK_CODE: &str = "unsafe-link";
/// The code of [`UNSAFE_HTML`] problems.
pub const UNSAFE_HTML_CODE: &str = "unsafe-html";

/// What a site allows in its bodies.
#[derive(Debug, Clone, Copy)]
pub struct Policy<'a> {
    /// `unsafe_html: true`: raw HTML is published as written.
    pub trusted: bool,
    /// Hosts whose `<iframe>`s may stay (`embed_hosts:`), lowercase.
    pub embed_hosts: &'a [String],
}

impl Policy<'static> {
    /// The default: sanitize, no embeds.
    pub const STRICT: Policy<'static> = Policy {
        trusted: false,
        embed_hosts: &[],
    };
}

impl<'a> Policy<'a> {
    /// The policy `config.yaml` asks for.
    pub fn of(config: &'a crate::config::Config) -> Policy<'a> {
        Policy {
            trusted: config.unsafe_html,
            embed_hosts: &config.embed_hosts,
        }
    }

    fn embeds(&self, src: &str) -> bool {
        iframe_host(src).is_some_and(|h| self.embed_hosts.iter().any(|e| *e == h))
    }
}

/// Elements kept. `input` only as the renderer's disabled task-list checkbox.
const TAGS: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "caption",
    "colgroup",
    "col",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "img",
    "picture",
    "source",
    "a",
    "abbr",
    "sub",
    "sup",
    "mark",
    "details",
    "summary",
    "blockquote",
    "q",
    "cite",
    "code",
    "pre",
    "kbd",
    "samp",
    "var",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "small",
    "span",
    "div",
    "time",
    "input",
];

/// Elements removed with everything inside them.
const REMOVED_WITH_CONTENT: &[&str] = &[
    "script", "style", "object", "embed", "applet", "form", "template", "textarea", "select",
    "noscript", "svg", "math", "frameset", "frame", "noembed", "noframes",
];

/// Attributes any kept element may carry.
const GENERIC: &[&str] = &["title", "lang", "dir"];

/// Attributes per element (besides [`GENERIC`]).
const PER_TAG: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang", "id"]),
    (
        "img",
        &[
            "src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding",
        ],
    ),
    ("source", &["srcset", "sizes", "type", "media"]),
    ("th", &["colspan", "rowspan", "scope", "style", "abbr"]),
    ("td", &["colspan", "rowspan", "style"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value", "id"]),
    ("time", &["datetime"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("details", &["open"]),
    ("pre", &["class", "data-lang"]),
    ("code", &["class"]),
    ("span", &["class"]),
    ("figure", &["class", "id"]),
    ("div", &["class", "id"]),
    ("sup", &["class", "id"]),
    ("input", &["type", "checked", "disabled"]),
    ("h1", &["id"]),
    ("h2", &["id"]),
    ("h3", &["id"]),
    ("h4", &["id"]),
    ("h5", &["id"]),
    ("h6", &["id"]),
    (
        "iframe",
        &[
            "src",
            "width",
            "height",
            "title",
            "allow",
            "allowfullscreen",
        ],
    ),
];

/// Classes the renderer and the theme's CSS give meaning to (plus `hl-*`,
/// the highlighter's).
const CLASSES: &[&str] = &[
    "code",
    "figure",
    "visually-hidden",
    "footnote-reference",
    "footnote-definition",
    "footnote-definition-label",
];

/// Attributes forced on every kept `<iframe>`.
const IFRAME_SET: &[(&str, &str)] = &[
    (
        "sandbox",
        "allow-scripts allow-same-origin allow-popups allow-presentation",
    ),
    ("loading", "lazy"),
    ("referrerpolicy", "strict-origin-when-cross-origin"),
];

/// Attributes holding a URL (or, `srcset`, several).
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "cite",
    "background",
    "data",
    "xlink:href",
    "longdesc",
    "manifest",
    "ping",
];

/// The dangerous scheme of a URL, if it has one: `javascript`, `vbscript`,
/// or `data` (except `data:image/png|jpeg|gif|webp`; SVG can carry script).
/// Browsers ignore ASCII whitespace and control characters inside a scheme,
/// and case, so those are dropped first.
pub fn unsafe_scheme(url: &str) -> Option<&'static str> {
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take(40)
        .collect::<String>()
        .to_ascii_lowercase();
    if squeezed.starts_with("javascript:") {
        Some("javascript")
    } else if squeezed.starts_with("vbscript:") {
        Some("vbscript")
    } else if let Some(rest) = squeezed.strip_prefix("data:") {
        let raster = [
            "image/png",
            "image/jpeg",
            "image/jpg",
            "image/gif",
            "image/webp",
        ]
        .iter()
        .any(|t| {
            rest.strip_prefix(t)
                .is_some_and(|r| r.starts_with([';', ',']))
        });
        (!raster).then_some("data")
    } else {
        None
    }
}

/// The host of an `https://` iframe `src`, lowercase; none for any other URL.
fn iframe_host(src: &str) -> Option<String> {
    let rest = src.trim().strip_prefix("https://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    if authority.contains('@') {
        return None;
    }
    let host = authority.split(':').next()?;
    Some(host.to_ascii_lowercase())
}

/// The sanitizer of one site, made once per build.
pub struct Sanitizer {
    builder: ammonia::Builder<'static>,
    embeds: bool,
}

impl Sanitizer {
    /// The sanitizer for `policy` (its embed hosts are copied).
    pub fn new(policy: Policy<'_>) -> Sanitizer {
        let mut b = ammonia::Builder::empty();
        let embeds = !policy.embed_hosts.is_empty();
        let mut tags: HashSet<&'static str> = TAGS.iter().copied().collect();
        let mut content: HashSet<&'static str> = REMOVED_WITH_CONTENT.iter().copied().collect();
        if embeds {
            tags.insert("iframe");
        } else {
            content.insert("iframe");
        }
        let mut per_tag: HashMap<&'static str, HashSet<&'static str>> = PER_TAG
            .iter()
            .map(|(t, a)| (*t, a.iter().copied().collect()))
            .collect();
        if !embeds {
            per_tag.remove("iframe");
        }
        b.tags(tags)
            .clean_content_tags(content)
            .generic_attributes(GENERIC.iter().copied().collect())
            .tag_attributes(per_tag)
            .url_schemes(
                ["http", "https", "mailto", "tel", "data"]
                    .into_iter()
                    .collect(),
            )
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(None)
            .strip_comments(true)
            .filter_style_properties(["text-align"].into_iter().collect());
        if embeds {
            for (attr, value) in IFRAME_SET {
                b.set_tag_attribute_value("iframe", *attr, *value);
            }
        }
        let hosts: Vec<String> = policy.embed_hosts.to_vec();
        b.attribute_filter(move |tag, attr, value| {
            let p = Policy {
                trusted: false,
                embed_hosts: &hosts,
            };
            filter_attribute(&p, tag, attr, value)
        });
        Sanitizer { builder: b, embeds }
    }

    /// `html` with everything outside the allow-list removed.
    pub fn clean(&self, html: &str) -> String {
        let cleaned = self.builder.clean(html).to_string();
        if !self.embeds {
            return cleaned;
        }
        // An iframe whose `src` was refused would stay as an empty frame:
        // remove it; a kept one shows no fallback content.
        use lol_html::{RewriteStrSettings, element, rewrite_str};
        let settings =
            RewriteStrSettings::new().append_element_content_handler(element!("iframe", |el| {
                if el.get_attribute("src").is_none() {
                    el.remove();
                } else {
                    el.set_inner_content("", lol_html::html_content::ContentType::Text);
                }
                Ok(())
            }));
        rewrite_str(&cleaned, settings).unwrap_or_default()
    }
}

/// The value an allowed attribute keeps (`None`: removed).
fn filter_attribute<'u>(
    policy: &Policy<'_>,
    tag: &str,
    attr: &str,
    value: &'u str,
) -> Option<Cow<'u, str>> {
    match attr {
        "class" => {
            let kept: Vec<&str> = value
                .split_ascii_whitespace()
                .filter(|c| class_ok(c))
                .collect();
            (!kept.is_empty()).then(|| Cow::Owned(kept.join(" ")))
        }
        "src" if tag == "iframe" => policy.embeds(value).then_some(Cow::Borrowed(value)),
        "type" if tag == "input" => {
            (value.eq_ignore_ascii_case("checkbox")).then_some(Cow::Borrowed(value))
        }
        "href" | "src" | "cite" => unsafe_scheme(value)
            .is_none()
            .then_some(Cow::Borrowed(value)),
        "srcset" => value
            .split(',')
            .all(|c| unsafe_scheme(c).is_none())
            .then_some(Cow::Borrowed(value)),
        _ => Some(Cow::Borrowed(value)),
    }
}

fn class_ok(c: &str) -> bool {
    CLASSES.contains(&c) || c.strip_prefix("hl-").is_some_and(|r| !r.is_empty())
}

/// Something the sanitizer will do to a raw HTML piece, at a byte offset in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawFinding {
    /// An element that is removed (`script`, `iframe` from another host, …).
    Element {
        /// Byte offset of the start tag in the piece.
        at: usize,
        /// The element's name, lowercase.
        name: String,
        /// How it is removed and why, to finish the message: `with its content`, ….
        detail: String,
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
    let element = |detail: &str| RawFinding::Element {
        at,
        name: name.to_string(),
        detail: detail.to_string(),
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
                out.push(element(&format!(
                    "from `{host}`, which `embed_hosts:` in config.yaml does not list (only https:// embeds of listed hosts are kept)"
                )));
                return;
            }
            None => {
                out.push(element("without a src"));
                return;
            }
        }
    } else if !TAGS.contains(&name) {
        if REMOVED_WITH_CONTENT.contains(&name) {
            out.push(element("with its content"));
        } else {
            out.push(element("(its text is kept)"));
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

    fn clean(html: &str, hosts: &[String]) -> String {
        Sanitizer::new(Policy {
            trusted: false,
            embed_hosts: hosts,
        })
        .clean(html)
    }

    #[test]
    fn dangerous_schemes() {
        for u in [
            "javascript:alert(1)",
            " Java\tScript:x",
            "VBSCRIPT:x",
            "data:text/html,<script>",
            "data:image/svg+xml;base64,AAA",
        ] {
            assert!(unsafe_scheme(u).is_some(), "{u}");
        }
        for u in [
            "https://chinhphu.vn/",
            "/tin-tuc/a/",
            "mailto:a@b.vn",
            "data:image/png;base64,iVBOR",
            "data:image/webp,xx",
            "bai-viet.md",
        ] {
            assert_eq!(unsafe_scheme(u), None, "{u}");
        }
    }

    #[test]
    fn removes_script_handlers_and_forms() {
        let h = clean(
            "<p onclick=\"x()\" style=\"color:red\">a<script>alert(1)</script></p><img src=x onerror=alert(2) alt=b><form><input name=q></form><object data=a.swf>o</object><a href=\"javascript:alert(3)\">l</a>",
            &[],
        );
        for bad in [
            "script",
            "onclick",
            "onerror",
            "style",
            "form",
            "object",
            "javascript",
            "name=",
            "alert",
        ] {
            assert!(!h.contains(bad), "{bad} in {h}");
        }
        assert!(
            h.contains("<p>a</p>") && h.contains("alt=\"b\"") && h.contains(">l</a>"),
            "{h}"
        );
    }

    #[test]
    fn keeps_news_markup_and_the_renderers_own() {
        let src = "<table><tr><th colspan=\"2\" style=\"text-align: right; color: red\">a</th></tr><tr><td rowspan=\"2\">b</td></tr></table><figure class=\"figure MsoNormal\"><img src=\"a.jpg\" alt=\"x\" width=\"10\" height=\"5\" srcset=\"a.jpg 1x\"><figcaption>c</figcaption></figure><details><summary>s</summary>d</details><abbr title=\"Ủy ban nhân dân\">UBND</abbr> H<sub>2</sub>O <mark>m</mark><pre class=\"code\" data-lang=\"rust\"><code><span class=\"hl-keyword\">fn</span></code></pre>";
        let h = clean(src, &[]);
        for good in [
            "colspan=\"2\"",
            "rowspan=\"2\"",
            "text-align",
            "<figure class=\"figure\">",
            "srcset=",
            "<details>",
            "<abbr title=",
            "<sub>",
            "<mark>",
            "data-lang=\"rust\"",
            "class=\"hl-keyword\"",
        ] {
            assert!(h.contains(good), "{good} missing in {h}");
        }
        assert!(!h.contains("color") && !h.contains("Mso"), "{h}");
    }

    #[test]
    fn iframes_only_from_listed_hosts() {
        let hosts = vec!["www.youtube-nocookie.com".to_string()];
        let h = clean(
            "<iframe src=\"https://www.youtube-nocookie.com/embed/x\" width=\"560\" onload=\"x()\">fallback</iframe><iframe src=\"https://evil.example/\"></iframe><iframe src=\"http://www.youtube-nocookie.com/embed/y\"></iframe>",
            &hosts,
        );
        assert_eq!(h.matches("<iframe").count(), 1, "{h}");
        assert!(
            h.contains("sandbox=\"allow-scripts")
                && h.contains("loading=\"lazy\"")
                && h.contains("referrerpolicy="),
            "{h}"
        );
        assert!(
            !h.contains("evil") && !h.contains("onload") && !h.contains("fallback"),
            "{h}"
        );
        let h = clean(
            "<iframe src=\"https://www.youtube-nocookie.com/embed/x\"></iframe>",
            &[],
        );
        assert!(!h.contains("iframe"), "{h}");
    }

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
