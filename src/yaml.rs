//! The one place that parses YAML. serde_yaml is archived; keeping it behind
//! [`parse`] means swapping it (for serde_yml, saphyr, …) touches one file.
//!
//! Errors come back located in the *file*, not in the YAML block: the caller
//! says on which line of the file the block starts.

use crate::error::{Arg, Diagnostic, Severity, closest};
use crate::problem;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parse `text` (which starts on line `first_line` of `path`) into `T`.
///
/// Unknown keys (types use `deny_unknown_fields`) get a hint naming the
/// closest known key. The parser's errors are told by the catalog
/// ([`said`]); one it has no message for keeps the parser's words.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    first_line: usize,
) -> Result<T, Diagnostic> {
    if let Some((line, col)) = too_deep(text) {
        return Err(problem!(Error, path, "yaml-too-deep", max = MAX_FLOW_DEPTH)
            .at(line + first_line - 1, col));
    }
    serde_yaml::from_str(text).map_err(|e| told(&e, text, path, first_line))
}

/// serde_yaml's error `e` as a problem located in the file.
fn told(e: &serde_yaml::Error, text: &str, path: &Path, first_line: usize) -> Diagnostic {
    let raw = e.to_string();
    // libyaml adds context with its own location ("…, while scanning a
    // quoted scalar at line 1 column 8"): keep it, counted in the file.
    let (message, context) = match raw.find(" at line ") {
        Some(i) => (raw[..i].to_string(), context(&raw[i..])),
        None => (raw.clone(), None),
    };
    let (line, col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
    let (line, col) = refine(text, &message, line).unwrap_or((line, col));
    // An unclosed quote or list is found at the end of the block; point at where it opens.
    let (what, line, col) = match context {
        Some((what, l, c)) => (Some(what), l, c),
        None => (None, line, col),
    };
    let mut d = said(path, &message, what.as_deref());
    if message.contains("unknown field") {
        d = d.with_code("unknown-key");
    }
    if message.contains("repetition limit exceeded") {
        // serde_yaml's bound on alias expansion ("billion laughs").
        d = d.with_hint_id("yaml-expand-aliases");
    }
    if message.contains("end of stream") {
        d = d.with_hint_id("yaml-never-closed");
    }
    unknown_key_hint(d.at(line + first_line - 1, col), &message)
}

/// The problem the parser's `message` (and libyaml's `context`) tells, from
/// the catalog; a wording it has no message for is passed on as `detail`.
fn said(path: &Path, message: &str, context: Option<&str>) -> Diagnostic {
    let serde = || {
        unknown_key(path, message)
            .or_else(|| wrong_type(path, message))
            .or_else(|| keyed(path, message))
    };
    context
        .is_none()
        .then(serde)
        .flatten()
        .or_else(|| syntax(path, message, context))
        .unwrap_or_else(|| {
            let what = context.map(|w| format!(", {w}")).unwrap_or_default();
            problem!(
                Error,
                path,
                "yaml-error",
                detail = friendly(message) + &what
            )
        })
}

/// `unknown field `tittle`, expected one of …`, maybe after the path of the
/// mapping it is in (`dispatch: unknown field …`).
fn unknown_key(path: &Path, message: &str) -> Option<Diagnostic> {
    let key = after(message, "unknown field `")?.split('`').next()?;
    Some(match message.split_once(": unknown field") {
        Some((within, _)) => problem!(Error, path, "unknown-key-in", key = key, section = within),
        None => problem!(Error, path, "unknown-key", key = key),
    })
}

/// `views: invalid type: string "many", expected u64`: what was found and
/// what was expected, in words the catalog has (else `None`).
fn wrong_type(path: &Path, message: &str) -> Option<Diagnostic> {
    let (key, rest) = core(message, "invalid type: ")?;
    let (found, expected) = rest.rsplit_once(", expected ")?;
    let (found, value) = found_kind(found)?;
    let (expected, name) = expected_kind(expected)?;
    match key {
        Some(key) => Some(problem!(
            Error,
            path,
            "wrong-type",
            key = key,
            found = found,
            value = value,
            expected = expected,
            name = name
        )),
        // The whole block is not a mapping.
        None => matches!(expected, "struct" | "map").then(|| {
            problem!(
                Error,
                path,
                "wrong-type-top",
                found = found,
                value = value,
                expected = expected,
                name = name
            )
        }),
    }
}

/// serde's `Unexpected` (`string "many"`, `integer `7``, `sequence`) as a
/// kind the catalog names and the value as written.
fn found_kind(found: &str) -> Option<(&'static str, &str)> {
    let quoted = |v: &str, q: char| v.len() >= 2 && v.starts_with(q) && v.ends_with(q);
    for (words, kind) in [
        ("string ", "string"),
        ("integer ", "integer"),
        ("floating point ", "float"),
        ("boolean ", "boolean"),
    ] {
        if let Some(v) = found.strip_prefix(words) {
            let ok = match kind {
                "string" => quoted(v, '"'),
                _ => quoted(v, '`') && v.matches('`').count() == 2,
            };
            return ok.then_some((kind, v));
        }
    }
    let kind = match found {
        "sequence" => "sequence",
        "map" => "map",
        "unit value" => "null",
        _ => return None,
    };
    Some((kind, ""))
}

/// What serde expected (`u64`, `a boolean`, `struct DispatchFront`) as a
/// kind the catalog names, and the struct's name.
fn expected_kind(expected: &str) -> Option<(&str, &str)> {
    if let Some(name) = expected.strip_prefix("struct ") {
        return Some(("struct", name));
    }
    let kind = match expected {
        "u64" | "usize" | "i64" => expected,
        "a boolean" => "boolean",
        "a string" => "string",
        "a sequence" => "sequence",
        "a map" => "map",
        _ => return None,
    };
    Some((kind, ""))
}

/// serde's and bantin's own wordings that end with one value in backticks:
/// how the text starts, the message id without and with serde_yaml's key
/// path in front (`dispatch: missing field `number``), the value's argument.
const KEYED: &[(&str, &str, &str, &str)] = &[
    ("missing field `", "missing-key", "missing-key-in", "name"),
    (
        "duplicate field `",
        "duplicate-key",
        "duplicate-key-in",
        "name",
    ),
    // The errors of `load::date` (front matter dates).
    (
        "expected a date such as 2023-02-15T08:46:50+07:00, 2023-02-15, 2023-02-15 08:46 or 15/02/2023 08:46, found `",
        "bad-date",
        "bad-date-in",
        "value",
    ),
    (
        "expected a date such as 2023-02-15 or 15/02/2023, found `",
        "bad-day",
        "bad-day-in",
        "value",
    ),
];

/// A [`KEYED`] wording, told by the catalog.
fn keyed(path: &Path, message: &str) -> Option<Diagnostic> {
    KEYED.iter().find_map(|&(start, id, id_in, name)| {
        let (key, rest) = core(message, start)?;
        let value = rest.strip_suffix('`').filter(|v| !v.contains('`'))?;
        let (id, mut args) = match key {
            Some(key) => (id_in, vec![("key", Arg::from(key))]),
            None => (id, Vec::new()),
        };
        args.push((name, Arg::from(value)));
        Some(Diagnostic::problem(Severity::Error, path, id, args))
    })
}

/// `message` after `start`, and serde_yaml's key path when it comes first
/// (`views: invalid type: …` → `Some("views")`).
fn core<'a>(message: &'a str, start: &str) -> Option<(Option<&'a str>, &'a str)> {
    if let Some(rest) = message.strip_prefix(start) {
        return Some((None, rest));
    }
    let i = message.find(&format!(": {start}"))?;
    Some((Some(&message[..i]), &message[i + 2 + start.len()..]))
}

/// The syntax errors of libyaml and serde_yaml the catalog tells, as the
/// parser words them (with the context libyaml names, when it is told).
const SYNTAX: &[(&str, &str)] = &[
    (
        "mapping values are not allowed in this context",
        "yaml-colon",
    ),
    ("did not find expected key", "yaml-expected-key"),
    (
        "could not find expected ':', while scanning a simple key",
        "yaml-missing-colon",
    ),
    (
        "found unexpected end of stream, while scanning a quoted scalar",
        "yaml-unclosed-quote",
    ),
    (
        "did not find expected ',' or ']', while parsing a flow sequence",
        "yaml-unclosed-list",
    ),
    (
        "did not find expected ',' or '}', while parsing a flow mapping",
        "yaml-unclosed-braces",
    ),
    ("did not find expected node content", "yaml-missing-value"),
    (
        "block sequence entries are not allowed in this context",
        "yaml-dash",
    ),
    (
        "found character that cannot start any token",
        "yaml-bad-start",
    ),
    (
        "found character that cannot start any token, while scanning for the next token",
        "yaml-bad-start-tab",
    ),
    (
        "found a tab character that violates indentation, while scanning a plain scalar",
        "yaml-tab",
    ),
    (
        "found unknown escape character, while parsing a quoted scalar",
        "yaml-escape",
    ),
    (
        "did not find expected hexadecimal number, while parsing a quoted scalar",
        "yaml-escape-hex",
    ),
    (
        "did not find expected alphabetic or numeric character, while scanning an alias",
        "yaml-star",
    ),
    (
        "did not find expected alphabetic or numeric character, while scanning an anchor",
        "yaml-ampersand",
    ),
    ("unknown anchor", "yaml-unknown-alias"),
    (
        "did not find expected whitespace or line break, while scanning a tag",
        "yaml-bang",
    ),
    ("found undefined tag handle", "yaml-bang-handle"),
    (
        "deserializing from YAML containing more than one document is not supported",
        "yaml-documents",
    ),
    ("repetition limit exceeded", "yaml-repetition"),
    ("recursion limit exceeded", "yaml-recursion"),
];

/// A [`SYNTAX`] error, told by the catalog.
fn syntax(path: &Path, message: &str, context: Option<&str>) -> Option<Diagnostic> {
    let worded = match context {
        Some(what) => format!("{message}, {what}"),
        None => message.to_string(),
    };
    let &(_, id) = SYNTAX.iter().find(|(w, _)| *w == worded)?;
    Some(Diagnostic::problem(Severity::Error, path, id, Vec::new()))
}

/// Deeper `[`/`{` nesting is refused before parsing: libyaml takes time
/// quadratic in the depth (100,000 brackets: minutes) before its own
/// recursion limit (128) says no.
const MAX_FLOW_DEPTH: usize = 100;

/// Line and column where unquoted `[`/`{` nesting first exceeds
/// [`MAX_FLOW_DEPTH`], if it does. Quoted text and comments are skipped.
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let (mut depth, mut line, mut col) = (0usize, 1, 0);
    let mut quote: Option<char> = None;
    let mut prev = '\n';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        col += 1;
        match (quote, c) {
            (_, '\n') => {
                line += 1;
                col = 0;
            }
            (Some('"'), '\\') => {
                chars.next();
                col += 1;
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') if prev.is_whitespace() => {
                while chars.peek().is_some_and(|n| *n != '\n') {
                    chars.next();
                }
            }
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some((line, col));
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = c;
    }
    None
}

/// serde_yaml places errors raised while deserializing a value (an unknown
/// key, a date that does not parse) at the start of the enclosing mapping.
/// The message names the culprit in backticks: find it from there on.
fn refine(text: &str, message: &str, from_line: usize) -> Option<(usize, usize)> {
    let token = if let Some(rest) = after(message, "unknown field `") {
        format!("{}:", rest.split('`').next()?)
    } else {
        let rest = message.split("found `").nth(1)?;
        rest.split('`').next()?.to_string()
    };
    if token.is_empty() || token == ":" {
        return None;
    }
    text.lines()
        .enumerate()
        .skip(from_line.saturating_sub(1))
        .find_map(|(i, l)| {
            let c = l.find(&token)?;
            Some((i + 1, l[..c].chars().count() + 1))
        })
}

/// `("while scanning a quoted scalar", line, column)` from libyaml's tail
/// `" at line 3 column 1, while scanning a quoted scalar at line 2 column 8"`.
fn context(tail: &str) -> Option<(String, usize, usize)> {
    let (_, what) = tail.split_once(", ")?;
    let (what, at) = what.split_once(" at line ")?;
    let (line, col) = at.split_once(" column ")?;
    Some((
        what.to_string(),
        line.trim().parse().ok()?,
        col.trim().parse().ok()?,
    ))
}

/// The text after the first `pat`.
fn after<'a>(s: &'a str, pat: &str) -> Option<&'a str> {
    s.find(pat).map(|i| &s[i + pat.len()..])
}

/// serde's wording, in the words of a front-matter user (for a wording
/// the catalog has no message for).
fn friendly(message: &str) -> String {
    message
        .replace("invalid type: ", "wrong type: found ")
        .replace("missing field", "missing required key")
}

/// An unknown key's hint: the closest known key, else the known keys.
fn unknown_key_hint(d: Diagnostic, message: &str) -> Diagnostic {
    let Some(rest) = after(message, "unknown field `") else {
        return d;
    };
    let Some(key) = rest.split('`').next() else {
        return d;
    };
    let Some((_, expected)) = rest.split_once("expected") else {
        return d;
    };
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    match closest(key, &known) {
        Some(k) => d
            .arg("suggestion", k)
            .with_hint_id("unknown-key-did-you-mean"),
        None => d
            .arg("keys", known.join(", "))
            .with_hint_id("unknown-key-known"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
        views: Option<u64>,
    }

    #[test]
    fn unknown_key_suggests_and_locates_in_file() {
        let e = parse::<T>("title: a\ntittle: b\n", Path::new("a.md"), 2).unwrap_err();
        assert_eq!(e.message, "unknown key `tittle`");
        assert_eq!(e.hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!((e.line, e.col), (Some(3), Some(1)));
    }

    #[test]
    fn wrong_type_is_located() {
        let e = parse::<T>("title: a\nviews: many\n", Path::new("a.md"), 2).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(
            e.message.contains("views") || e.message.contains("wrong type"),
            "{}",
            e.message
        );
    }

    #[test]
    fn parser_errors_are_told_by_the_catalog() {
        let vi = crate::i18n::Messages::new(crate::vi::Lang::Vi);
        let e = parse::<T>("title: a\nviews: many\n", Path::new("a.md"), 2).unwrap_err();
        assert_eq!(
            e.message,
            "views: wrong type: found string \"many\", expected u64"
        );
        assert_eq!(
            vi.problem(&e).0,
            "`views:` sai kiểu giá trị: cần một số nguyên từ 0 trở lên, nhưng đang ghi \"many\""
        );
        let e = parse::<T>("title: Hội nghị: tổng kết\n", Path::new("a.md"), 2).unwrap_err();
        assert_eq!(e.id, "yaml-colon", "{e}");
        let e = parse::<T>("title: a\ntittle: b\n", Path::new("a.md"), 2).unwrap_err();
        assert_eq!(
            vi.problem(&e),
            (
                "khóa `tittle` không hợp lệ".into(),
                Some("có phải định viết `title`?".into())
            )
        );
        // A wording the catalog does not know keeps the parser's words.
        let e = parse::<T>("title: a\n%\n", Path::new("a.md"), 2).unwrap_err();
        assert_eq!(e.id, "yaml-error");
        assert!(
            vi.problem(&e).0.ends_with("while scanning a directive"),
            "{e}"
        );
    }

    #[test]
    fn syntax_error_is_located() {
        let e = parse::<T>("title: \"a\nviews: 1\n", Path::new("a.md"), 5).unwrap_err();
        assert!(e.line.unwrap() >= 5, "{e}");
    }

    #[test]
    fn deep_flow_nesting_is_refused_quickly() {
        let deep = format!("a: 1\nb: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let t = std::time::Instant::now();
        let e = parse::<serde_json::Value>(&deep, Path::new("a.md"), 3).unwrap_err();
        assert!(t.elapsed() < std::time::Duration::from_secs(1));
        assert_eq!((e.line, e.col), (Some(4), Some(104)), "{e}");
        // Brackets in quotes and comments do not count; ordinary nesting is fine.
        let q = format!(
            "a: \"{}\" # {}\nb: [[1], {{c: [2]}}]\n",
            "[".repeat(200),
            "{".repeat(200)
        );
        assert!(parse::<serde_json::Value>(&q, Path::new("a.md"), 1).is_ok());
    }
}
