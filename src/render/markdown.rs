//! Markdown → HTML for an article body: CommonMark plus tables, footnotes,
//! strikethrough, task lists; heading ids; fenced code highlighted; links and
//! images written relative to the `.md` file rewritten to their URLs; raw
//! HTML sanitized and dangerous URLs refused ([`super::sanitize`]).

use super::highlight;
use super::sanitize::{self, Policy, RawFinding, Removal};
use crate::error::{Diagnostic, Severity};
use crate::problem;
use crate::site::links::{LeftOut, LinkTable, Resolved};
use crate::vi::slugify;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::path::Path;

/// A heading of the body, for a table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    /// The heading's level, 1 (`#`) to 6 (`######`).
    pub level: u8,
    /// The heading's `id` attribute, unique in the body: its own `{#id}`, or
    /// a slug of its text (`muc` when the text has none), with `-1`, `-2`, … on repeats.
    pub id: String,
    /// The heading's text, without markup.
    pub title: String,
}

/// A rendered body.
#[derive(Debug, Default)]
pub struct Html {
    /// The body as HTML, links rewritten and raw HTML sanitized.
    pub html: String,
    /// Every heading, in order.
    pub toc: Vec<TocEntry>,
    /// Links and images that lead nowhere: the page cannot be made.
    pub problems: Vec<Diagnostic>,
    /// What [`sanitize`] refused or removed: dangerous URLs (errors; the
    /// URL is left out of `html`) and raw HTML removed (warnings). The page
    /// can still be made (for `bantin check` to read back); errors among
    /// these still stop a build.
    pub sanitized: Vec<Diagnostic>,
}

/// Where a body comes from, to resolve its links and locate its problems.
pub struct Source<'a> {
    /// The whole file and the byte offset / line at which the body starts.
    pub text: &'a str,
    /// Byte offset in `text` at which the body starts.
    pub body_start: usize,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
    /// The file as messages name it (`content/…`).
    pub shown: &'a Path,
    /// Folder of the file relative to `content/`.
    pub dir: &'a str,
}

impl<'a> Source<'a> {
    /// The body of an article as the model holds it.
    pub fn of(a: &'a crate::site::Article) -> Source<'a> {
        Source {
            text: &a.text,
            body_start: a.split.body,
            body_line: a.split.body_line,
            shown: &a.shown,
            dir: &a.dir,
        }
    }
}

/// Render the body of `src`.
pub fn render(src: &Source<'_>, links: &LinkTable) -> Html {
    render_full(
        src,
        links,
        &crate::site::registry::cite::Index::default(),
        None,
        Policy::STRICT,
    )
}

/// Render the body of `src`, linking citations of the documents in
/// `citations` (see [`crate::site::registry::cite`]).
pub fn render_cited(
    src: &Source<'_>,
    links: &LinkTable,
    citations: &crate::site::registry::cite::Index,
    policy: Policy<'_>,
) -> Html {
    render_full(src, links, citations, None, policy)
}

/// Render the body of `src` with citations linked and processed photos as
/// `<picture>`/`<figure>` ([`crate::images`]); raw HTML as `policy` allows.
pub fn render_full(
    src: &Source<'_>,
    links: &LinkTable,
    citations: &crate::site::registry::cite::Index,
    images: Option<&crate::images::Images>,
    policy: Policy<'_>,
) -> Html {
    let mut body_images = super::photos::BodyImages::new(images);
    let body = &src.text[src.body_start..];
    let mut out = Html::default();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut code: Option<(String, String)> = None; // (lang, text)
    let mut heading_at: Option<usize> = None;
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut raw = RawHtml::default();

    for (ev, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        raw.see(body, &ev, &range);
        if body_images.before(&mut events, &ev) {
            continue;
        }
        match ev {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Text(t) if code.is_some() => code.as_mut().expect("inside code").1.push_str(&t),
            Event::End(TagEnd::CodeBlock) => {
                let (lang, text) = code.take().unwrap_or_default();
                events.push(Event::Html(highlight::code_block(&text, &lang).into()));
            }
            Event::Start(tag @ Tag::Link { .. }) => {
                events.push(Event::Start(rewrite_tag(
                    src,
                    links,
                    tag,
                    range.start,
                    &mut out,
                    policy,
                )));
            }
            Event::Start(Tag::Image {
                ref dest_url,
                ref title,
                ..
            }) if body_images.start(&mut events, links, src.dir, dest_url, title) => {}
            Event::End(TagEnd::Image) if body_images.end(&mut events) => {}
            Event::Start(tag @ Tag::Image { .. }) => {
                events.push(Event::Start(rewrite_tag(
                    src,
                    links,
                    tag,
                    range.start,
                    &mut out,
                    policy,
                )));
            }
            Event::Start(Tag::Heading { .. }) => {
                heading_at = Some(events.len());
                events.push(ev);
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(start) = heading_at.take() {
                    finish_heading(&mut events[start..], level, &mut used_ids, &mut out.toc);
                }
                events.push(ev);
            }
            ev => events.push(ev),
        }
    }
    let events = crate::render::registry::cite::link_events(events, citations);
    write_html(src, events, &raw, policy, &mut out);
    out
}

/// Write the body's `events` as HTML into `out`; when the body holds raw
/// HTML, tell what the sanitizer removes and (unless trusted) clean it all.
fn write_html(
    src: &Source<'_>,
    events: Vec<Event<'_>>,
    raw: &RawHtml,
    policy: Policy<'_>,
    out: &mut Html,
) {
    let body_len = src.text.len() - src.body_start;
    out.html.reserve(body_len * 3 / 2);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    if raw.seen {
        raw.report(src, policy, &mut out.sanitized);
        if !policy.trusted {
            // The whole body, so that the sanitizer sees what a browser will.
            out.html = sanitize::Sanitizer::new(policy).clean(&out.html);
        }
    }
}

/// A link or image start tag with its destination checked and rewritten
/// ([`rewrite`]); what is wrong with it goes to `out`.
fn rewrite_tag<'a>(
    src: &Source<'_>,
    links: &LinkTable,
    tag: Tag<'a>,
    offset: usize,
    out: &mut Html,
    policy: Policy<'_>,
) -> Tag<'a> {
    let found = (&mut out.problems, &mut out.sanitized);
    match tag {
        Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Link {
            link_type,
            dest_url: rewrite(src, links, dest_url, offset, found, "link", policy),
            title,
            id,
        },
        Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Image {
            link_type,
            dest_url: rewrite(src, links, dest_url, offset, found, "image", policy),
            title,
            id,
        },
        other => other,
    }
}

/// The raw HTML of a body as the parser gives it: inline tags one by one,
/// an HTML block line by line (joined here, so a tag may span lines).
#[derive(Default)]
struct RawHtml {
    seen: bool,
    /// Joined text of each piece, and where its lines start: (offset in
    /// the text, offset in the body).
    pieces: Vec<(String, Vec<(usize, usize)>)>,
    in_block: bool,
}

impl RawHtml {
    fn see(&mut self, body: &str, ev: &Event<'_>, range: &std::ops::Range<usize>) {
        let text = match ev {
            Event::Start(Tag::HtmlBlock) => {
                self.in_block = true;
                self.pieces.push(Default::default());
                return;
            }
            Event::End(TagEnd::HtmlBlock) => {
                self.in_block = false;
                return;
            }
            Event::Html(t) | Event::InlineHtml(t) => t,
            _ => return,
        };
        self.seen = true;
        if !self.in_block || self.pieces.is_empty() {
            self.pieces.push(Default::default());
        }
        // Inside a list or quote the text lacks the line's markers: find it.
        let at = body
            .get(range.clone())
            .and_then(|s| s.find(text.as_ref()))
            .map_or(range.start, |k| range.start + k);
        let (joined, starts) = self.pieces.last_mut().expect("just pushed");
        starts.push((joined.len(), at));
        joined.push_str(text);
    }

    /// Each finding of [`sanitize::scan_raw`] as a located diagnostic.
    fn report(&self, src: &Source<'_>, policy: Policy<'_>, problems: &mut Vec<Diagnostic>) {
        let mut dropped: Vec<((usize, usize), String, String)> = Vec::new();
        for (text, starts) in &self.pieces {
            let place = |at: usize| {
                let (k, off) = starts
                    .iter()
                    .rev()
                    .find(|(k, _)| *k <= at)
                    .copied()
                    .unwrap_or((0, 0));
                line_col(src, off + (at - k))
            };
            for f in sanitize::scan_raw(&policy, text) {
                let d = match f {
                    RawFinding::Url { at, scheme, value } => {
                        let (l, c) = place(at);
                        unsafe_url(src, policy, scheme, &value).at(l, c)
                    }
                    RawFinding::Element { at, name, how } => {
                        let (l, c) = place(at);
                        let (how, host) = removal(&how);
                        problem!(
                            Warning,
                            src.shown,
                            "unsafe-html-element",
                            element = name,
                            how = how,
                            host = host
                        )
                        .at(l, c)
                        .with_hint_id(REMOVED_HINT)
                        .with_code(sanitize::UNSAFE_HTML_CODE)
                    }
                    RawFinding::Attribute { at, tag, name } => {
                        let (l, c) = place(at);
                        problem!(
                            Warning,
                            src.shown,
                            "unsafe-html-attribute",
                            attribute = name,
                            element = tag
                        )
                        .at(l, c)
                        .with_hint_id(REMOVED_HINT)
                        .with_code(sanitize::UNSAFE_HTML_CODE)
                    }
                    RawFinding::Dropped { at, tag, name } => {
                        let (l, c) = place(at);
                        dropped.push(((l, c), tag, name));
                        continue;
                    }
                };
                problems.push(d);
            }
        }
        if let Some(first) = dropped.first() {
            let mut names: Vec<&str> = dropped.iter().map(|d| d.2.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            let (l, c) = first.0;
            problems.push(
                problem!(
                    Warning,
                    src.shown,
                    "unsafe-html-attributes-dropped",
                    n = dropped.len(),
                    names = names.join(", "),
                    attribute = &first.2,
                    element = &first.1
                )
                .at(l, c)
                .with_hint_id(REMOVED_HINT)
                .with_code(sanitize::UNSAFE_HTML_CODE),
            );
        }
    }
}

/// The code of a link or image (`what`) that leads nowhere.
fn missing_code(what: &str) -> &'static str {
    if what == "image" {
        "missing-image"
    } else {
        "broken-link"
    }
}

/// The hint of every `unsafe-html` warning.
const REMOVED_HINT: &str = "hint-raw-html-sanitized";

/// How an element is removed, as the catalog's selector, and the host of
/// an iframe (else empty).
fn removal(how: &Removal) -> (&'static str, &str) {
    match how {
        Removal::WithContent => ("with-content", ""),
        Removal::TextKept => ("text-kept", ""),
        Removal::NoSource => ("no-src", ""),
        Removal::Host(host) => ("host", host),
    }
}

/// A `javascript:`/`vbscript:`/`data:` URL: an error, a warning on a trusted site.
fn unsafe_url(src: &Source<'_>, policy: Policy<'_>, scheme: &str, value: &str) -> Diagnostic {
    let shown: String = match value.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &value[..i]),
        None => value.to_string(),
    };
    let mut d = problem!(Error, src.shown, "unsafe-url", scheme = scheme, url = shown);
    if policy.trusted {
        d.severity = Severity::Warning;
    }
    d.with_code(sanitize::UNSAFE_LINK_CODE)
}

/// Give a heading an id (its own `{#id}` or a slug of its text) and note it in the toc.
fn finish_heading(
    events: &mut [Event<'_>],
    level: HeadingLevel,
    used: &mut HashSet<String>,
    toc: &mut Vec<TocEntry>,
) {
    let title: String = events[1..]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let Event::Start(Tag::Heading { id, .. }) = &mut events[0] else {
        return;
    };
    let mut new_id = match id {
        Some(given) => given.to_string(),
        None => {
            let s = slugify(&title);
            if s.is_empty() { "muc".to_string() } else { s }
        }
    };
    if used.contains(&new_id) {
        let base = new_id.clone();
        let mut n = 1;
        while used.contains(&new_id) {
            new_id = format!("{base}-{n}");
            n += 1;
        }
    }
    used.insert(new_id.clone());
    *id = Some(CowStr::from(new_id.clone()));
    toc.push(TocEntry {
        level: level as u8,
        id: new_id,
        title,
    });
}

fn rewrite<'a>(
    src: &Source<'_>,
    links: &LinkTable,
    dest: CowStr<'a>,
    offset: usize,
    (problems, sanitized): (&mut Vec<Diagnostic>, &mut Vec<Diagnostic>),
    what: &str,
    policy: Policy<'_>,
) -> CowStr<'a> {
    if let Some(scheme) = sanitize::unsafe_scheme(&dest) {
        let (line, col) = line_col(src, offset);
        sanitized.push(unsafe_url(src, policy, scheme, &dest).at(line, col));
        return if policy.trusted {
            dest
        } else {
            CowStr::from("")
        };
    }
    match links.resolve(src.dir, &dest) {
        Resolved::External => dest,
        Resolved::Url(u) => u.into(),
        Resolved::Missing(path) if links.unpublished(&path).is_some() => {
            let (why, when) = match links.unpublished(&path) {
                Some(LeftOut::Future(date)) => ("future", date.as_str()),
                _ => ("draft", ""),
            };
            let (line, col) = line_col(src, offset);
            problems.push(
                problem!(
                    Error,
                    src.shown,
                    "link-to-unpublished",
                    kind = what,
                    url = dest.as_ref(),
                    path = path.as_str(),
                    why = why,
                    date = when
                )
                .at(line, col)
                .with_code(missing_code(what)),
            );
            dest
        }
        Resolved::Missing(path) => {
            let (line, col) = line_col(src, offset);
            problems.push(
                problem!(
                    Error,
                    src.shown,
                    "link-target-not-found",
                    kind = what,
                    url = dest.as_ref(),
                    path = path.as_str()
                )
                .at(line, col)
                .with_code(missing_code(what)),
            );
            dest
        }
    }
}

/// Line and column in the file of a byte offset in the body.
pub(crate) fn line_col(src: &Source<'_>, offset: usize) -> (usize, usize) {
    crate::markdown::line_col(&src.text[src.body_start..], src.body_line, offset)
}

#[cfg(test)]
mod tests;
