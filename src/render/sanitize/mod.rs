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

mod scan;

pub use scan::{RawFinding, Removal, scan_raw};

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// The code of a dangerous URL in a link or image (`unsafe link: …`).
pub const UNSAFE_LINK_CODE: &str = "unsafe-link";
/// The code of raw HTML the sanitizer removes, an element or an attribute
/// (`unsafe HTML removed: …`).
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
}
