//! Where things were written: the links and images of an article's Markdown
//! with their line and column (pulldown-cmark's offset iterator, the same
//! options as the renderer), and positions of keys and raw text.

use crate::load::frontmatter::Split;
use crate::site::Article;
use crate::site::links::{LinkTable, Resolved};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// A link or image as written in Markdown.
#[derive(Debug, Clone)]
pub struct Written {
    /// What the renderer made of it: the written text for external and
    /// missing targets, the URL for content files.
    pub url: String,
    /// The renderer already reported it (a relative path to nothing).
    pub missing: bool,
    /// An image (`![alt](url)`), not a link.
    pub image: bool,
    /// For images: the alt text is empty.
    pub no_alt: bool,
    /// Where it starts in the article's file: 1-based line, and column in
    /// characters.
    pub line: usize,
    /// See `line`.
    pub col: usize,
}

/// The links and images of `a`'s body, in order.
pub fn written(a: &Article, links: &LinkTable) -> Vec<Written> {
    let body = &a.text[a.split.body..];
    let lines = LineIndex::new(&a.text);
    let mut out: Vec<Written> = Vec::new();
    let mut alt: Option<(usize, String)> = None; // (index in out, text so far)
    for (ev, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter()
    {
        let (dest, image) = match &ev {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, s)) = &mut alt {
                    s.push_str(t);
                }
                continue;
            }
            Event::End(TagEnd::Image) => {
                if let Some((i, s)) = alt.take() {
                    out[i].no_alt = s.trim().is_empty();
                }
                continue;
            }
            _ => continue,
        };
        let (url, missing) = match links.resolve(&a.dir, dest) {
            Resolved::External => (dest.to_string(), false),
            Resolved::Url(u) => (u, false),
            Resolved::Missing(_) => (dest.to_string(), true),
        };
        let (line, col) = lines.line_col(&a.text, a.split.body + range.start);
        if image && alt.is_none() {
            alt = Some((out.len(), String::new()));
        }
        out.push(Written {
            url,
            missing,
            image,
            no_alt: false,
            line,
            col,
        });
    }
    out
}

/// Where each line of a text starts, so that many offsets of one long body
/// are located without counting its lines again for each ([`line_col`]).
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The same as [`line_col`].
    fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|s| *s <= offset);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Line and column of a top-level `key:` of the front matter (the first
/// front-matter line when it is absent).
pub fn locate_key(text: &str, split: &Split, key: &str) -> (usize, usize) {
    let yaml = &text[split.yaml.0..split.yaml.1];
    let mut offset = split.yaml.0;
    for line in yaml.split_inclusive('\n') {
        if line
            .strip_prefix(key)
            .is_some_and(|r| r.trim_start().starts_with(':'))
        {
            return line_col(text, offset);
        }
        offset += line.len();
    }
    (split.yaml_line, 1)
}

/// Where `needle` first appears in the body of `a` (raw HTML written by hand).
pub fn find_in_body(a: &Article, needle: &str) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    let body = &a.text[a.split.body..];
    body.find(needle)
        .map(|i| line_col(&a.text, a.split.body + i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let t = "ab\nhội x";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, t.find('x').unwrap()), (2, 5));
        // inside a multi-byte character: the character's start
        assert_eq!(line_col(t, 5), (2, 2));
        assert_eq!(line_col(t, 999), (2, 6));
        let index = LineIndex::new(t);
        for offset in 0..=t.len() + 2 {
            assert_eq!(index.line_col(t, offset), line_col(t, offset), "{offset}");
        }
    }
}
