//! What the index reads of an article: its plain text, cut into the fields
//! that count differently (title, metadata, body), and the score a key gets
//! from how often and where it was seen.
//!
//! First step of the index: [`doc_text`] feeds [`super::count`]; the body
//! text also goes into the document files ([`super::files`]).

use crate::site::{Article, Site};

/// Where a token was seen in a document; a bit each.
pub const IN_TITLE: u8 = 1;
/// Summary, category, tags, dispatch number, kind, issuer and subject.
pub const IN_META: u8 = 2;

/// The score of a key in a document: grows slowly with the count, and a
/// match in the title or the metadata counts more than one in the body.
pub fn score(count: u32, fields: u8) -> u32 {
    let tf = match count {
        0 => 0,
        1 => 4,
        2 => 6,
        3..=4 => 7,
        5..=8 => 8,
        9..=16 => 9,
        _ => 10,
    };
    let title = if fields & IN_TITLE != 0 { 20 } else { 0 };
    let meta = if fields & IN_META != 0 { 6 } else { 0 };
    tf + title + meta
}

/// The plain text of a Markdown body: text and code, blocks separated by
/// line breaks, without URLs or raw HTML.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    for ev in Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_),
            ) if !out.ends_with('\n') => out.push('\n'),
            _ => {}
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// One document's text, as the index and the snippet see it.
#[derive(Clone)]
pub(super) struct DocText {
    /// The title.
    pub(super) title: String,
    /// Summary, category, tags and dispatch fields, one a line.
    pub(super) meta: String,
    /// The plain text of the body ([`plain_text`]).
    pub(super) body: String,
}

/// The text of article `a`: its title, its metadata one item a line, and
/// the plain text of its body.
pub(super) fn doc_text(site: &Site, a: &Article) -> DocText {
    let mut meta = vec![a.summary.clone()];
    if let Some(c) = a.category {
        meta.push(site.categories.terms[c].name.clone());
    }
    meta.extend(a.tags.iter().map(|t| site.tags.terms[*t].name.clone()));
    if let Some(d) = &a.dispatch {
        meta.push(d.number.clone());
        meta.extend(
            [&d.kind, &d.issuer, &d.subject, &d.signer]
                .into_iter()
                .flatten()
                .cloned(),
        );
    }
    DocText {
        title: a.title.clone(),
        meta: meta.join("\n"),
        body: plain_text(a.body()),
    }
}

impl DocText {
    /// The fields with where they count, cut into lines: pairs (for
    /// phrases) do not cross lines, a title and a tag are not a phrase.
    pub(super) fn lines(&self) -> impl Iterator<Item = (&str, u8)> {
        [
            (&self.title, IN_TITLE),
            (&self.meta, IN_META),
            (&self.body, 0),
        ]
        .into_iter()
        .flat_map(|(field, bits)| field.lines().map(move |l| (l, bits)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_prefers_title_then_meta_then_count() {
        assert!(score(1, IN_TITLE) > score(50, IN_META));
        assert!(score(1, IN_META) > score(3, 0));
        assert!(score(2, 0) > score(1, 0));
        assert_eq!(score(1000, 0), score(100, 0));
    }

    #[test]
    fn plain_text_drops_markup_and_urls() {
        let t = plain_text(
            "## Tiêu đề\n\nXem [Cổng DVC](https://dichvucong.gov.vn) và **số** `1141`.\n\n- một\n- hai\n",
        );
        assert_eq!(t, "Tiêu đề\nXem Cổng DVC và số 1141.\nmột\nhai");
    }
}
