//! The one place that parses YAML. serde_yaml is archived; keeping it behind
//! [`parse`] means swapping it (for serde_yml, saphyr, …) touches one file.
//!
//! Errors come back located in the *file*, not in the YAML block: the caller
//! says on which line of the file the block starts.

use crate::error::{Diagnostic, closest};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parse `text` (which starts on line `first_line` of `path`) into `T`.
///
/// Unknown keys (types use `deny_unknown_fields`) get a hint naming the
/// closest known key.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    first_line: usize,
) -> Result<T, Diagnostic> {
    if let Some((line, col)) = too_deep(text) {
        return Err(Diagnostic::error(
            path,
            format!("too deeply nested: more than {MAX_FLOW_DEPTH} levels of [ ] or {{ }}"),
        )
        .at(line + first_line - 1, col)
        .with_hint("close the brackets, or write the value on several lines"));
    }
    serde_yaml::from_str(text).map_err(|e| {
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
            Some((what, l, c)) => (format!(", {what}"), l, c),
            None => (String::new(), line, col),
        };
        let mut d = Diagnostic::error(path, friendly(&message) + &what);
        if message.contains("unknown field") {
            d = d.with_code("unknown-key");
        }
        if message.contains("repetition limit exceeded") {
            // serde_yaml's bound on alias expansion ("billion laughs").
            d = d.with_hint(
                "YAML aliases (*name) here expand to too much data: write the values out",
            );
        }
        if message.contains("end of stream") {
            d = d.with_hint("a quoted value or a [list] that starts here is never closed");
        }
        d = d.at(line + first_line - 1, col);
        if let Some(hint) = unknown_key_hint(&message) {
            d = d.with_hint(hint);
        }
        d
    })
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

/// serde's wording, in the words of a front-matter user.
fn friendly(message: &str) -> String {
    if let Some(rest) = after(message, "unknown field `") {
        let key = rest.split('`').next().unwrap_or_default();
        let within = message
            .split_once(": unknown field")
            .map(|(p, _)| format!(" in `{p}`"))
            .unwrap_or_default();
        return format!("unknown key `{key}`{within}");
    }
    message
        .replace("invalid type: ", "wrong type: found ")
        .replace("missing field", "missing required key")
}

fn unknown_key_hint(message: &str) -> Option<String> {
    let rest = after(message, "unknown field `")?;
    let key = rest.split('`').next()?;
    let expected = rest.split_once("expected")?.1;
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    Some(match closest(key, &known) {
        Some(k) => format!("did you mean `{k}`?"),
        None => format!("known keys: {}", known.join(", ")),
    })
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
