//! Markdown → HTML for an article body: CommonMark plus tables, footnotes,
//! strikethrough, task lists; heading ids; fenced code highlighted; links and
//! images written relative to the `.md` file rewritten to their URLs.

use super::highlight;
use crate::error::Diagnostic;
use crate::site::links::{LinkTable, Resolved};
use crate::vi::slugify;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::path::Path;

/// A heading of the body, for a table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A rendered body.
#[derive(Debug, Default)]
pub struct Html {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Links and images that lead nowhere.
    pub problems: Vec<Diagnostic>,
}

/// Where a body comes from, to resolve its links and locate its problems.
pub struct Source<'a> {
    /// The whole file and the byte offset / line at which the body starts.
    pub text: &'a str,
    pub body_start: usize,
    pub body_line: usize,
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

/// The Markdown extensions bodies are parsed with (also used to scan bodies
/// for citations, and by `bantin check`).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Render the body of `src`.
pub fn render(src: &Source<'_>, links: &LinkTable) -> Html {
    render_full(src, links, &crate::registry::cite::Index::default(), None)
}

/// Render the body of `src`, linking citations of the documents in
/// `citations` (see [`crate::registry::cite`]).
pub fn render_cited(
    src: &Source<'_>,
    links: &LinkTable,
    citations: &crate::registry::cite::Index,
) -> Html {
    render_full(src, links, citations, None)
}

/// Render the body of `src` with citations linked and processed photos as
/// `<picture>`/`<figure>` ([`crate::images`]).
pub fn render_full(
    src: &Source<'_>,
    links: &LinkTable,
    citations: &crate::registry::cite::Index,
    images: Option<&crate::images::Images>,
) -> Html {
    let mut body_images = crate::images::BodyImages::new(images);
    let body = &src.text[src.body_start..];
    let mut out = Html::default();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut code: Option<(String, String)> = None; // (lang, text)
    let mut heading_at: Option<usize> = None;
    let mut used_ids: HashSet<String> = HashSet::new();

    for (ev, range) in Parser::new_ext(body, options()).into_offset_iter() {
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
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url =
                    rewrite(src, links, dest_url, range.start, &mut out.problems, "link");
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                ref dest_url,
                ref title,
                ..
            }) if body_images.start(&mut events, links, src.dir, dest_url, title) => {}
            Event::End(TagEnd::Image) if body_images.end(&mut events) => {}
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rewrite(
                    src,
                    links,
                    dest_url,
                    range.start,
                    &mut out.problems,
                    "image",
                );
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
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
    let events = crate::registry::cite::link_events(events, citations);
    out.html.reserve(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out
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
    problems: &mut Vec<Diagnostic>,
    what: &str,
) -> CowStr<'a> {
    match links.resolve(src.dir, &dest) {
        Resolved::External => dest,
        Resolved::Url(u) => u.into(),
        Resolved::Missing(path) => {
            let (line, col) = line_col(src, offset);
            problems.push(
                Diagnostic::error(src.shown, format!("{what} target not found: `{dest}` (looked for content/{path})"))
                    .at(line, col)
                    .with_hint("write the path relative to this .md file, e.g. `cv-1141.pdf` or `../tin-tuc/bai-viet.md`"),
            );
            dest
        }
    }
}

/// Line and column in the file of a byte offset in the body.
pub(crate) fn line_col(src: &Source<'_>, offset: usize) -> (usize, usize) {
    let before = &src.text[src.body_start..src.body_start + offset];
    let line = src.body_line + before.matches('\n').count();
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(body: &str) -> Html {
        let mut links = LinkTable::default();
        links.insert(
            "tin-tuc/cv-1141.pdf".into(),
            "/tin-tuc/bai/cv-1141.pdf".into(),
        );
        links.insert("tin-tuc/khac.md".into(), "/tin-tuc/khac/".into());
        let text = format!("---\ntitle: x\n---\n{body}");
        let src = Source {
            text: &text,
            body_start: 17,
            body_line: 4,
            shown: Path::new("content/tin-tuc/a.md"),
            dir: "tin-tuc",
        };
        render(&src, &links)
    }

    #[test]
    fn extensions() {
        let h = md(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~\n\n- [x] done\n\nNote[^1]\n\n[^1]: foot\n",
        )
        .html;
        assert!(h.contains("<table>"), "{h}");
        assert!(h.contains("<del>x</del>"), "{h}");
        assert!(h.contains("type=\"checkbox\""), "{h}");
        assert!(h.contains("footnote"), "{h}");
    }

    #[test]
    fn heading_ids_are_vietnamese_slugs_and_unique() {
        let h = md("## Kết quả đạt được\n\n## Kết quả đạt được\n\n### Riêng {#rieng}\n");
        assert!(
            h.html.contains("<h2 id=\"ket-qua-dat-duoc\">"),
            "{}",
            h.html
        );
        assert!(
            h.html.contains("<h2 id=\"ket-qua-dat-duoc-1\">"),
            "{}",
            h.html
        );
        assert!(h.html.contains("<h3 id=\"rieng\">"), "{}", h.html);
        assert_eq!(h.toc.len(), 3);
        assert_eq!(h.toc[0].title, "Kết quả đạt được");
    }

    #[test]
    fn rewrites_relative_links_and_images() {
        let h = md(
            "[tại đây](cv-1141.pdf) [bài](khac.md#muc) ![ảnh](cv-1141.pdf) [ngoài](https://chinhphu.vn/)\n",
        );
        assert!(
            h.html.contains("href=\"/tin-tuc/bai/cv-1141.pdf\""),
            "{}",
            h.html
        );
        assert!(h.html.contains("href=\"/tin-tuc/khac/#muc\""), "{}", h.html);
        assert!(
            h.html.contains("src=\"/tin-tuc/bai/cv-1141.pdf\""),
            "{}",
            h.html
        );
        assert!(
            h.html.contains("href=\"https://chinhphu.vn/\""),
            "{}",
            h.html
        );
        assert!(h.problems.is_empty());
    }

    #[test]
    fn missing_target_is_located_in_the_file() {
        let h = md("Đoạn một.\n\nXem [văn bản](khong-co.pdf).\n");
        assert_eq!(h.problems.len(), 1);
        let p = &h.problems[0];
        assert_eq!((p.line, p.col), (Some(6), Some(5)), "{p}");
        assert!(p.message.contains("khong-co.pdf"));
    }

    #[test]
    fn code_is_highlighted() {
        let h = md("```json\n{\"a\": 1}\n```\n").html;
        assert!(h.contains("data-lang=\"json\""), "{h}");
        assert!(h.contains("hl-"), "{h}");
    }

    #[test]
    fn raw_html_in_titles_is_not_our_concern_but_text_is_escaped() {
        let h = md("a < b & c\n").html;
        assert!(h.contains("a &lt; b &amp; c"), "{h}");
    }
}
