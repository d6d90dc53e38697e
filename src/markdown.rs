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
