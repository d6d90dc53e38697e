//! The editor's words, in the site's `language`, from the message catalog
//! (src/i18n/editor.*.ftl), its problems as the build tells them, and HTML
//! escaping for the pages built from them.

use crate::error::Diagnostic;
use crate::i18n::Messages;
use crate::vi::Lang;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

static VI: LazyLock<Messages> = LazyLock::new(|| Messages::new(Lang::Vi));
static EN: LazyLock<Messages> = LazyLock::new(|| Messages::new(Lang::En));

/// The catalog of the site's language.
pub fn messages(english: bool) -> &'static Messages {
    if english { &EN } else { &VI }
}

/// The word for `key`: the catalog's `editor-<key>` (src/i18n/editor.*.ftl,
/// with `.` and `_` written `-`). Each word is rendered once and kept for
/// the life of the process (the keys are the ~70 of the catalog), so pages
/// borrow it like a constant.
pub fn t(english: bool, key: &str) -> &'static str {
    static WORDS: LazyLock<Mutex<HashMap<(bool, String), &'static str>>> =
        LazyLock::new(Mutex::default);
    let mut words = WORDS.lock().unwrap_or_else(|e| e.into_inner());
    words.entry((english, key.to_string())).or_insert_with(|| {
        let id = format!("editor-{}", key.replace(['.', '_'], "-"));
        Box::leak(messages(english).get(&id, None).into_boxed_str())
    })
}

/// A problem as the build tells it, in the site's language: the location,
/// the word for its severity, the message and its hint (the same texts as
/// `bantin build` and `check` in that language).
pub fn problem(english: bool, d: &Diagnostic) -> (String, Option<String>) {
    let (message, hint) = messages(english).problem(d);
    (message.into_owned(), hint.map(|h| h.into_owned()))
}

/// A problem on one line: `path:line:col: lỗi: message` and its hint.
pub fn problem_line(english: bool, d: &Diagnostic) -> String {
    let m = messages(english);
    let (message, hint) = problem(english, d);
    let line = crate::i18n::msg!(
        m,
        "diagnostic",
        location = d.location(),
        severity = m.severity(d.severity),
        message = message
    );
    match hint {
        Some(h) => format!("{line} — {} {h}", m.get("hint-label", None)),
        None => line,
    }
}

/// `s` safe in HTML text and attribute values (the templates' escaping).
pub fn esc(s: &str) -> String {
    crate::render::highlight::escape(s)
}

/// A percent-encoded query value.
pub fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}
