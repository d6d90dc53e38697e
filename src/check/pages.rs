//! Reading rendered pages back: every `id`, link and image of every HTML
//! output (with lol_html's tokenizer), checked against the outputs, and each
//! problem mapped to the Markdown line where it was written — or, for links
//! the theme makes, reported once for the template.

use super::Finding;
use super::sources::{self, Written};
use crate::error::Diagnostic;
use crate::render::Rendered;
use crate::images::Images;
use crate::site::{Article, Site};
use lol_html::{HtmlRewriter, Settings, element};
use percent_encoding::percent_decode_str;
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

/// What the analysis saw.
#[derive(Debug, Default)]
pub struct Analysed {
    pub pages: usize,
    /// Internal links and images checked.
    pub internal: usize,
    /// Distinct http(s) links to other sites, each with where it was first written.
    pub external: Vec<(String, Diagnostic)>,
}

/// A URL-bearing attribute of an element.
#[derive(Debug)]
struct Ref {
    /// `a`, `img`, `link`, …
    tag: String,
    value: String,
    /// For `img`: the alt attribute, if any.
    alt: Option<String>,
}

/// The ids and URL-bearing attributes of one page.
#[derive(Debug, Default)]
pub struct Scan {
    ids: HashSet<String>,
    refs: Vec<Ref>,
}

/// Tokenize one HTML page.
pub fn scan(html: &[u8]) -> Scan {
    let out = RefCell::new(Scan::default());
    let handlers = vec![
        element!("[id]", |el| {
            if let Some(id) = el.get_attribute("id") {
                out.borrow_mut().ids.insert(unescape(&id));
            }
            Ok(())
        }),
        element!("a[name]", |el| {
            if let Some(id) = el.get_attribute("name") {
                out.borrow_mut().ids.insert(unescape(&id));
            }
            Ok(())
        }),
        element!("a[href], area[href], link[href]", |el| {
            if let Some(v) = el.get_attribute("href") {
                out.borrow_mut().refs.push(Ref {
                    tag: el.tag_name(),
                    value: v,
                    alt: None,
                });
            }
            Ok(())
        }),
        element!(
            "img, script[src], iframe[src], source[src], video[src], audio[src], embed[src]",
            |el| {
                let tag = el.tag_name();
                let alt = el.get_attribute("alt");
                let value = el.get_attribute("src").unwrap_or_default();
                out.borrow_mut().refs.push(Ref { tag, value, alt });
                Ok(())
            }
        ),
    ];
    let settings = handlers
        .into_iter()
        .fold(Settings::new(), Settings::append_element_content_handler);
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // Our own output: a tokenizer error cannot leave the scan worse than partial.
    let _ = rewriter.write(html).and_then(|()| rewriter.end());
    out.into_inner()
}

/// Where a link points.
#[derive(Debug, PartialEq, Eq)]
enum Target {
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

fn classify(value: &str, page_url: &str, origin: &str, root: &str) -> Target {
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
fn unescape(s: &str) -> String {
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
fn comparable(s: &str) -> String {
    let u = unescape(s.trim());
    crate::vi::nfc(&percent_decode_str(&u).decode_utf8_lossy()).into_owned()
}

/// The URL of an output file, root-relative.
fn page_url(root: &str, path: &str) -> String {
    format!("{root}{}", path.strip_suffix("index.html").unwrap_or(path))
}

/// Does `rel` (decoded, relative to the output folder) name an output?
fn exists(files: &HashSet<&str>, rel: &str) -> Option<String> {
    let candidates = if rel.is_empty() {
        vec!["index.html".to_string()]
    } else if rel.ends_with('/') {
        vec![format!("{rel}index.html")]
    } else {
        vec![rel.to_string(), format!("{rel}/index.html")]
    };
    candidates.into_iter().find(|c| files.contains(c.as_str()))
}

/// What one page contributes to [`judge`].
struct PageFindings {
    findings: Vec<Finding>,
    external: BTreeMap<String, Diagnostic>,
    theme: BTreeMap<(String, &'static str), ThemeProblem>,
    internal: usize,
}

/// The distinct root-relative (or own-site absolute) link values, without
/// a fragment, that lead to a file of the site: fine wherever they appear,
/// so judged once each rather than on every page (most are the theme's
/// navigation, widgets and tags).
fn good_links<'s>(
    scans: &'s HashMap<&str, Scan>,
    files: &HashSet<&str>,
    origin: &str,
    root: &str,
) -> HashSet<&'s str> {
    let distinct: HashSet<&str> = scans
        .values()
        .flat_map(|s| s.refs.iter())
        .filter(|r| r.tag != "img")
        .map(|r| r.value.as_str())
        .filter(|v| (v.starts_with('/') && !v.starts_with("//")) || v.starts_with(origin))
        .collect();
    distinct
        .into_par_iter()
        .filter(|v| {
            matches!(classify(v, root, origin, root),
                Target::Internal(rel, None) if exists(files, &rel).is_some())
        })
        .collect()
}

/// A problem in template output, reported once however many pages carry it.
struct ThemeProblem {
    code: &'static str,
    message: String,
    hint: &'static str,
    first: String,
    pages: usize,
    error: bool,
}

/// Read back every HTML page of `rendered` and judge its links ([`judge`]).
pub fn analyse(
    site: &Site,
    photos: &Images,
    rendered: &Rendered,
    findings: &mut Vec<Finding>,
) -> Analysed {
    let mut files: HashSet<&str> = rendered.outputs.iter().map(|o| o.path.as_str()).collect();
    files.extend(rendered.copies.iter().map(|c| c.to.as_str()));
    let scans: HashMap<&str, Scan> = rendered
        .outputs
        .par_iter()
        .filter(|o| o.path.ends_with(".html"))
        .map(|o| (o.path.as_str(), scan(&o.bytes)))
        .collect();
    judge(site, photos, &scans, files, findings)
}

/// The links, images and anchors of the pages in `scans` (output path →
/// scan), checked against `files` (every output and copy), each problem
/// located where it was written. `bantin build` calls this with the pages
/// it streamed out, `bantin check` through [`analyse`]: one rule for both.
pub fn judge<'a>(
    site: &'a Site,
    photos: &Images,
    scans: &HashMap<&str, Scan>,
    mut files: HashSet<&'a str>,
    findings: &mut Vec<Finding>,
) -> Analysed {
    let root = site.config.base.root.as_str();
    let origin = site.config.base.origin.as_str();
    // Articles that failed to render still exist (their problems are reported).
    files.extend(site.articles.iter().map(|a| a.output.as_str()));
    // The search index is made after the pages (by check: never); the search
    // page preloads its entry file.
    if site.config.search {
        files.insert(crate::search::META);
    }
    let articles: HashMap<&str, &Article> = site
        .articles
        .iter()
        .map(|a| (a.output.as_str(), a))
        .collect();

    let mut result = Analysed {
        pages: scans.len(),
        ..Default::default()
    };
    let mut external: BTreeMap<String, Diagnostic> = BTreeMap::new();
    let mut theme: BTreeMap<(String, &'static str), ThemeProblem> = BTreeMap::new();
    let mut paths: Vec<&&str> = scans.keys().collect();
    paths.sort();
    let good = good_links(scans, &files, origin, root);
    // Each page on its own, in parallel; merged below in path order, so the
    // result is the same as one pass in that order.
    let pages: Vec<PageFindings> = paths
        .par_iter()
        .map(|path| {
            let path: &&str = path;
            let mut findings: Vec<Finding> = Vec::new();
            let mut external: BTreeMap<String, Diagnostic> = BTreeMap::new();
            let mut theme: BTreeMap<(String, &'static str), ThemeProblem> = BTreeMap::new();
            let mut internal = 0;
        let page = &scans[*path];
        let url = page_url(root, path);
        let article = articles.get(*path).copied();
        let written: Vec<Written> = article
            .map(|a| sources::written(a, &site.links))
            .unwrap_or_default();
        // (image?, URL) → the places it was written, matched in order with
        // the page's elements (the n-th `<a>` to a URL is its n-th Markdown link).
        let mut by_url: HashMap<(bool, String), (usize, Vec<&Written>)> = HashMap::new();
        for w in &written {
            by_url
                .entry((w.image, comparable(&w.url)))
                .or_default()
                .1
                .push(w);
        }
        let lead = article
            .and_then(|a| crate::render::views::lead_url(photos, a))
            .map(comparable);
        for r in &page.refs {
            if r.tag != "img" && good.contains(r.value.as_str()) {
                internal += 1;
                continue;
            }
            let target = classify(&r.value, &url, origin, root);
            let value = comparable(&r.value);
            // Where this was written: a Markdown link or image, raw HTML in
            // the body, or (None) the theme.
            let md = by_url
                .get_mut(&(r.tag == "img", value.clone()))
                .map(|(next, ws)| {
                    let w = ws[(*next).min(ws.len() - 1)];
                    *next += 1;
                    w
                });
            if md.is_some_and(|w| w.missing) {
                continue; // the renderer reported it already
            }
            let at: Option<(PathBuf, usize, usize)> = match (article, md) {
                (Some(a), Some(w)) => Some((a.shown.clone(), w.line, w.col)),
                (Some(a), None) => {
                    sources::find_in_body(a, &r.value).map(|(l, c)| (a.shown.clone(), l, c))
                }
                _ => None,
            };
            let lead_image = lead.as_deref() == Some(value.as_str());
            let mut problem =
                |code: &'static str, error: bool, message: String, hint: &'static str| match &at {
                    Some((p, l, c)) => {
                        let d = if error {
                            Diagnostic::error(p, message)
                        } else {
                            Diagnostic::warning(p, message)
                        };
                        findings.push(Finding::new(code, d.at(*l, *c).with_hint(hint)));
                    }
                    None => {
                        theme
                            .entry((message.clone(), code))
                            .and_modify(|t| t.pages += 1)
                            .or_insert(ThemeProblem {
                                code,
                                message,
                                hint,
                                first: path.to_string(),
                                pages: 1,
                                error,
                            });
                    }
                };
            if r.tag == "img"
                && r.alt.as_deref().is_none_or(|a| a.trim().is_empty())
                && !lead_image
                && (at.is_some() || r.alt.is_none())
            {
                problem(
                    "missing-alt",
                    false,
                    format!("image `{}` has no alt text", r.value),
                    "describe the picture in the brackets: ![Lãnh đạo phát biểu tại hội nghị](anh.jpg)",
                );
            }
            match target {
                // Written in an article: the renderer reported it already.
                Target::Unsafe(_) if at.is_some() => {}
                Target::Unsafe(scheme) => problem(
                    "unsafe-link",
                    true,
                    format!(
                        "`{scheme}:` {} are not allowed: `{}`",
                        if r.tag == "img" { "images" } else { "links" },
                        shorten(&r.value)
                    ),
                    "link to a page or a file of the site, or to an https:// address",
                ),
                Target::External(u) => {
                    if let Some((p, l, c)) = &at {
                        external
                            .entry(u)
                            .or_insert_with(|| Diagnostic::error(p, "").at(*l, *c));
                    } else {
                        external
                            .entry(u)
                            .or_insert_with(|| Diagnostic::error(format!("public/{path}"), ""));
                    }
                }
                Target::Other => {}
                Target::Internal(rel, fragment) => {
                    internal += 1;
                    let what = if r.tag == "img" { "image" } else { "link" };
                    let Some(file) = exists(&files, &rel) else {
                        let code = if r.tag == "img" {
                            "missing-image"
                        } else {
                            "broken-link"
                        };
                        problem(
                            code,
                            true,
                            format!(
                                "{what} leads nowhere: `{}` (no page or file /{rel})",
                                r.value
                            ),
                            "link to the .md file relative to this one (e.g. `../thong-bao/lich.md`) or to an existing page",
                        );
                        continue;
                    };
                    let Some(frag) = fragment else { continue };
                    // A page that failed to render has its own findings.
                    let Some(target) = scans.get(file.as_str()) else {
                        continue;
                    };
                    if !target.ids.contains(&frag) {
                        let known: Vec<&str> = target.ids.iter().map(String::as_str).collect();
                        let hint = "an anchor is the id of a heading: `## Thời gian` has the id `thoi-gian`";
                        let page = if file == *path {
                            "this page".to_string()
                        } else {
                            page_url(root, &file)
                        };
                        let suggestion = crate::error::closest(&frag, &known)
                            .map(|k| format!("; did you mean `#{k}`?"))
                            .unwrap_or_default();
                        problem(
                            "broken-anchor",
                            true,
                            format!("anchor `#{frag}` not found on {page}{suggestion}"),
                            hint,
                        );
                    }
                }
            }
        }
        // Photos the build processed appear under their derivatives' URLs,
        // so a Markdown image never matched above is judged by its source.
        if let Some(a) = article {
            for ((image, _), (next, ws)) in &by_url {
                if !*image || *next > 0 {
                    continue;
                }
                for w in ws.iter().filter(|w| w.no_alt && !w.missing) {
                    findings.push(Finding::new(
                        "missing-alt",
                        Diagnostic::warning(&a.shown, format!("image `{}` has no alt text", w.url))
                            .at(w.line, w.col)
                            .with_hint("describe the picture in the brackets: ![Lãnh đạo phát biểu tại hội nghị](anh.jpg)"),
                    ));
                }
            }
        }
            PageFindings {
                findings,
                external,
                theme,
                internal,
            }
        })
        .collect();
    for p in pages {
        findings.extend(p.findings);
        result.internal += p.internal;
        for (u, d) in p.external {
            external.entry(u).or_insert(d);
        }
        for (key, t) in p.theme {
            theme
                .entry(key)
                .and_modify(|first| first.pages += t.pages)
                .or_insert(t);
        }
    }
    for t in theme.into_values() {
        let message = format!(
            "{} (made by the theme's templates, on {} page{})",
            t.message,
            t.pages,
            if t.pages == 1 { "" } else { "s" }
        );
        let path = format!("public/{}", t.first);
        let d = if t.error {
            Diagnostic::error(path, message)
        } else {
            Diagnostic::warning(path, message)
        };
        findings.push(Finding::new(t.code, d.with_hint(t.hint)));
    }
    result.external = external.into_iter().collect();
    result
}

fn shorten(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
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
    fn scans_ids_and_refs() {
        let s =
            scan(br#"<h2 id="a&amp;b">x</h2><a name=n></a><a href="/x/#y">l</a><img src="p.png">"#);
        assert!(s.ids.contains("a&b") && s.ids.contains("n"));
        assert_eq!(s.refs.len(), 2);
        assert_eq!(s.refs[1].alt, None);
    }

    #[test]
    fn unescapes() {
        assert_eq!(unescape("a&amp;b&#x41;&#66;&bogus;&"), "a&bAB&bogus;&");
    }
}
