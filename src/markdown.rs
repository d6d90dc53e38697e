//! The Markdown dialect of bantin: the one set of pulldown-cmark extensions
//! that every stage reading a body uses (render, photos, citations, search,
//! check), so that they all see the same document.

use pulldown_cmark::Options;

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

/// Line and column in the file of byte `offset` in a body that starts on
/// line `body_line` of its file (`body` is the file's text from there on).
pub fn line_col(body: &str, body_line: usize, offset: usize) -> (usize, usize) {
    let before = &body[..offset];
    let line = body_line + before.matches('\n').count();
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
