//! Reading rendered pages back: every `id`, link and image of every HTML
//! output (with lol_html's tokenizer), checked against the outputs, and each
//! problem mapped to the Markdown line where it was written — or, for links
//! the theme makes, reported once for the template.
//!
//! Called by the check driver ([`super`]) and by `bantin build` on the pages
//! it streams out; URLs are read by `check::urls`, the Markdown places
//! found by `check::sources`.

use super::Finding;
use super::sources::{self, Written};
use super::urls::{Target, classify, comparable, exists, page_url, unescape};
use crate::error::{Arg, Diagnostic};
use crate::images::Images;
use crate::problem;
use crate::render::Rendered;
use crate::site::{Article, Site};
use lol_html::{HtmlRewriter, Settings, element};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

/// What the analysis saw.
#[derive(Debug, Default)]
pub struct Analysed {
    /// HTML pages read back.
    pub pages: usize,
    /// Internal links and images checked.
    pub internal: usize,
    /// Distinct http(s) links to other sites, each with where it was first written.
    pub external: Vec<(String, Place)>,
}

/// Where a link was first written: the Markdown file as shown, with line
/// and column, or the page the theme made (`public/…`, no line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file, as the user knows it.
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub col: Option<usize>,
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
    photos: &'a Images,
    scans: &HashMap<&str, Scan>,
    files: HashSet<&'a str>,
    findings: &mut Vec<Finding>,
) -> Analysed {
    let judging = Judging::new(site, photos, scans, files);
    let mut paths: Vec<&&str> = scans.keys().collect();
    paths.sort();
    // Each page on its own, in parallel; merged below in path order, so the
    // result is the same as one pass in that order.
    let pages: Vec<PageFindings> = paths.par_iter().map(|path| judging.page(path)).collect();
    merge(pages, scans.len(), findings)
}

/// What [`judge`] checks every page against.
struct Judging<'a> {
    site: &'a Site,
    /// The photo stage's result (an article's lead image as published).
    photos: &'a Images,
    scans: &'a HashMap<&'a str, Scan>,
    /// Every output path a link may lead to.
    files: HashSet<&'a str>,
    /// Output path → the article it shows.
    articles: HashMap<&'a str, &'a Article>,
    /// Links known to be fine wherever they appear ([`good_links`]).
    good: HashSet<&'a str>,
    root: &'a str,
    origin: &'a str,
}

impl<'a> Judging<'a> {
    fn new(
        site: &'a Site,
        photos: &'a Images,
        scans: &'a HashMap<&'a str, Scan>,
        mut files: HashSet<&'a str>,
    ) -> Judging<'a> {
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
        let good = good_links(scans, &files, origin, root);
        Judging {
            site,
            photos,
            scans,
            files,
            articles,
            good,
            root,
            origin,
        }
    }

    /// The problems of the page at output path `path`.
    fn page(&self, path: &str) -> PageFindings {
        let article = self.articles.get(path).copied();
        let written: Vec<Written> = article
            .map(|a| sources::written(a, &self.site.links))
            .unwrap_or_default();
        let mut page = Page {
            path,
            url: page_url(self.root, path),
            article,
            by_url: by_url(&written),
            lead: article
                .and_then(|a| crate::render::views::lead_url(self.photos, a))
                .map(comparable),
            found: PageFindings::default(),
        };
        for r in &self.scans[path].refs {
            self.judge_ref(&mut page, r);
        }
        page.unmatched_images();
        page.found
    }

    /// One link or image of `page`.
    fn judge_ref(&self, page: &mut Page<'_>, r: &Ref) {
        if r.tag != "img" && self.good.contains(r.value.as_str()) {
            page.found.internal += 1;
            return;
        }
        let target = classify(&r.value, &page.url, self.origin, self.root);
        let value = comparable(&r.value);
        let md = page.next_written(r.tag == "img", value.clone());
        if md.is_some_and(|w| w.missing) {
            return; // the renderer reported it already
        }
        let at = page.located(md, &r.value);
        let at = at.as_ref();
        let lead_image = page.lead.as_deref() == Some(value.as_str());
        if r.tag == "img"
            && r.alt.as_deref().is_none_or(|a| a.trim().is_empty())
            && !lead_image
            && (at.is_some() || r.alt.is_none())
        {
            let d = problem!(Warning, "", "image-no-alt", url = &r.value).with_hint_id(ALT_HINT);
            page.problem(at, "missing-alt", d, "image-no-alt-by-theme");
        }
        match target {
            // Written in an article: the renderer reported it already.
            Target::Unsafe(_) if at.is_some() => {}
            Target::Unsafe(scheme) => {
                let d = problem!(
                    Error,
                    "",
                    "unsafe-scheme",
                    scheme = scheme,
                    kind = kind(r),
                    url = shorten(&r.value)
                );
                let d = d.with_hint_id("hint-link-to-site");
                page.problem(at, "unsafe-link", d, "unsafe-scheme-by-theme");
            }
            Target::External(u) => page.external(u, at),
            Target::Other => {}
            Target::Internal(rel, fragment) => self.internal(page, r, at, &rel, fragment),
        }
    }

    /// A link or image `r` of `page` to `rel` (relative to the output
    /// folder), and `#fragment` on it.
    fn internal(
        &self,
        page: &mut Page<'_>,
        r: &Ref,
        at: Option<&At>,
        rel: &str,
        fragment: Option<String>,
    ) {
        page.found.internal += 1;
        let Some(file) = exists(&self.files, rel) else {
            let code = if r.tag == "img" {
                "missing-image"
            } else {
                "broken-link"
            };
            let d = problem!(
                Error,
                "",
                "leads-nowhere",
                kind = kind(r),
                url = &r.value,
                target = rel
            );
            let d = d.with_hint_id("hint-link-to-md-file");
            page.problem(at, code, d, "leads-nowhere-by-theme");
            return;
        };
        let Some(frag) = fragment else { return };
        // A page that failed to render has its own findings.
        let Some(target) = self.scans.get(file.as_str()) else {
            return;
        };
        if !target.ids.contains(&frag) {
            let known: Vec<&str> = target.ids.iter().map(String::as_str).collect();
            let (on, url) = if file == page.path {
                ("here", String::new())
            } else {
                ("other", page_url(self.root, &file))
            };
            let closest = crate::error::closest(&frag, &known);
            let (d, by_theme) = anchor_not_found(&frag, on, url, closest);
            page.problem(at, "broken-anchor", d, by_theme);
        }
    }
}

/// Where a link or image was written: the Markdown file as shown, line and
/// column.
type At = (PathBuf, usize, usize);

/// The hint of a `missing-alt` warning.
const ALT_HINT: &str = "hint-describe-image";

/// (image?, URL) → the places it was written, matched in order with the
/// page's elements (the n-th `<a>` to a URL is its n-th Markdown link), and
/// how many were matched so far.
type ByUrl<'w> = HashMap<(bool, String), (usize, Vec<&'w Written>)>;

fn by_url(written: &[Written]) -> ByUrl<'_> {
    let mut by_url: ByUrl<'_> = HashMap::new();
    for w in written {
        by_url
            .entry((w.image, comparable(&w.url)))
            .or_default()
            .1
            .push(w);
    }
    by_url
}

/// One page being judged, and what was found on it.
struct Page<'p> {
    /// Its output path.
    path: &'p str,
    url: String,
    /// The article it shows, if any.
    article: Option<&'p Article>,
    by_url: ByUrl<'p>,
    /// The article's lead image, as comparable.
    lead: Option<String>,
    found: PageFindings,
}

impl<'p> Page<'p> {
    /// Where the next element to `value` (comparable) was written in the
    /// article's Markdown, if it was.
    fn next_written(&mut self, image: bool, value: String) -> Option<&'p Written> {
        self.by_url.get_mut(&(image, value)).map(|(next, ws)| {
            let w = ws[(*next).min(ws.len() - 1)];
            *next += 1;
            w
        })
    }

    /// Where an element with `value` was written: a Markdown link or image
    /// (`md`), raw HTML in the body, or (None) the theme.
    fn located(&self, md: Option<&Written>, value: &str) -> Option<At> {
        match (self.article, md) {
            (Some(a), Some(w)) => Some((a.shown.clone(), w.line, w.col)),
            (Some(a), None) => {
                sources::find_in_body(a, value).map(|(l, c)| (a.shown.clone(), l, c))
            }
            _ => None,
        }
    }

    /// A problem `d` (its path left empty) written `at`, or made by the
    /// theme (None), then told by the catalog message `by_theme` (which
    /// adds on how many pages).
    fn problem(
        &mut self,
        at: Option<&At>,
        code: &'static str,
        mut d: Diagnostic,
        by_theme: &'static str,
    ) {
        match at {
            Some((p, l, c)) => {
                d.path = p.clone();
                self.found.findings.push(Finding::new(code, d.at(*l, *c)));
            }
            None => {
                self.found
                    .theme
                    .entry((d.message.clone(), code))
                    .and_modify(|t| t.pages += 1)
                    .or_insert(ThemeProblem {
                        code,
                        diag: d,
                        by_theme,
                        first: self.path.to_string(),
                        pages: 1,
                    });
            }
        }
    }

    /// A link to another site, `url`, written `at` (or by the theme).
    fn external(&mut self, url: String, at: Option<&At>) {
        let first = || match at {
            Some((p, l, c)) => Place {
                path: p.clone(),
                line: Some(*l),
                col: Some(*c),
            },
            None => Place {
                path: PathBuf::from(format!("public/{}", self.path)),
                line: None,
                col: None,
            },
        };
        self.found.external.entry(url).or_insert_with(first);
    }

    /// Photos the build processed appear under their derivatives' URLs,
    /// so a Markdown image never matched on the page is judged by its source.
    fn unmatched_images(&mut self) {
        let Some(a) = self.article else { return };
        for ((image, _), (next, ws)) in &self.by_url {
            if !*image || *next > 0 {
                continue;
            }
            for w in ws.iter().filter(|w| w.no_alt && !w.missing) {
                self.found.findings.push(Finding::new(
                    "missing-alt",
                    problem!(Warning, &a.shown, "image-no-alt", url = &w.url)
                        .at(w.line, w.col)
                        .with_hint_id(ALT_HINT),
                ));
            }
        }
    }
}

/// What one page contributes to [`judge`].
#[derive(Default)]
struct PageFindings {
    findings: Vec<Finding>,
    external: BTreeMap<String, Place>,
    theme: BTreeMap<(String, &'static str), ThemeProblem>,
    internal: usize,
}

/// A problem in template output, reported once however many pages carry it.
struct ThemeProblem {
    code: &'static str,
    /// The problem as it would be told in an article.
    diag: Diagnostic,
    /// The catalog message that tells it made by the theme.
    by_theme: &'static str,
    first: String,
    pages: usize,
}

impl ThemeProblem {
    /// The finding, on the first page that has it.
    fn finding(self) -> Finding {
        let path = format!("public/{}", self.first);
        let mut args = self.diag.args;
        args.push(("count", Arg::from(self.pages)));
        let mut d = Diagnostic::problem(self.diag.severity, path, self.by_theme, args);
        if let Some(hint) = self.diag.hint_id {
            d = d.with_hint_id(hint);
        }
        Finding::new(self.code, d)
    }
}

/// The findings of `pages` (in path order) into `findings`, each theme
/// problem once; what the analysis saw of the `count` pages.
fn merge(pages: Vec<PageFindings>, count: usize, findings: &mut Vec<Finding>) -> Analysed {
    let mut result = Analysed {
        pages: count,
        ..Default::default()
    };
    let mut external: BTreeMap<String, Place> = BTreeMap::new();
    let mut theme: BTreeMap<(String, &'static str), ThemeProblem> = BTreeMap::new();
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
    findings.extend(theme.into_values().map(ThemeProblem::finding));
    result.external = external.into_iter().collect();
    result
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

/// `#anchor` not found on a page (`on`: `here`, or `other` at `url`),
/// perhaps meant as `closest`; and the message of the same made by the theme.
fn anchor_not_found(
    anchor: &str,
    on: &str,
    url: String,
    closest: Option<&str>,
) -> (Diagnostic, &'static str) {
    let (d, by_theme) = match closest {
        Some(k) => (
            problem!(
                Error,
                "",
                "anchor-not-found-did-you-mean",
                anchor = anchor,
                on = on,
                page = url,
                closest = k
            ),
            "anchor-not-found-did-you-mean-by-theme",
        ),
        None => (
            problem!(
                Error,
                "",
                "anchor-not-found",
                anchor = anchor,
                on = on,
                page = url
            ),
            "anchor-not-found-by-theme",
        ),
    };
    (d.with_hint_id("hint-anchor-is-heading-id"), by_theme)
}

/// What `r` is, as the catalog's selector: `image` or `link`.
fn kind(r: &Ref) -> &'static str {
    if r.tag == "img" { "image" } else { "link" }
}

/// `s`, cut after 60 characters.
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
    fn scans_ids_and_refs() {
        let s =
            scan(br#"<h2 id="a&amp;b">x</h2><a name=n></a><a href="/x/#y">l</a><img src="p.png">"#);
        assert!(s.ids.contains("a&b") && s.ids.contains("n"));
        assert_eq!(s.refs.len(), 2);
        assert_eq!(s.refs[1].alt, None);
    }
}
