//! Between a Markdown file and the editor's form. [`Original`] is a file as
//! read (its BOM and line ends remembered, front matter as the loader's YAML
//! parser reads it); [`values`] is what the form shows of it; [`compose`]
//! makes the file's new text from the form: a field left as shown keeps
//! its value as written, the body is taken as typed, and when nothing changed
//! the text is the original's, byte for byte.

use super::schema::{self, Field, Widget};
use crate::load::date::{Day, LooseDate};
use crate::load::frontmatter::{self, Split};
use chrono::FixedOffset;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::Path;

/// The form as posted: field name → value (`dispatch.number` for the block's keys).
pub type Form = HashMap<String, String>;

/// A Markdown file as the editor read it.
#[derive(Debug, Clone)]
pub struct Original {
    pub bom: bool,
    pub crlf: bool,
    /// The text with `\n` line ends (not normalized otherwise).
    pub text: String,
    pub split: Split,
    pub front: Map<String, Value>,
}

impl Original {
    /// Read `bytes` (a file at `shown`); an error when it is not UTF-8 or its
    /// front matter cannot be read as a mapping.
    pub fn parse(bytes: &[u8], shown: &Path) -> Result<Original, Box<crate::error::Diagnostic>> {
        let Raw { bom, crlf, text } = Raw::read(bytes, shown)?;
        let split = frontmatter::split(&text, shown).map_err(Box::new)?;
        let front: Value = frontmatter::parse(&text, &split, shown).map_err(Box::new)?;
        let Value::Object(front) = front else {
            return Err(Box::new(
                crate::problem!(Error, shown, "editor-front-matter-not-a-mapping")
                    .at(split.yaml_line, 1),
            ));
        };
        Ok(Original {
            bom,
            crlf,
            text,
            split,
            front,
        })
    }

    /// The body as written (after the closing `---` line).
    pub fn body(&self) -> &str {
        &self.text[self.split.body..]
    }

    /// The file's bytes for `text` (with `\n` line ends): this file's line
    /// ends and BOM, NFC.
    pub fn bytes_of(&self, text: &str) -> Vec<u8> {
        file_bytes(text, self.bom, self.crlf)
    }
}

/// A file's text with `\n` line ends, and what it had instead: for files
/// whose front matter cannot be read (edited as plain text).
#[derive(Debug, Clone)]
pub struct Raw {
    pub bom: bool,
    pub crlf: bool,
    pub text: String,
}

impl Raw {
    /// Read `bytes` (a file at `shown`); an error when it is not UTF-8.
    pub fn read(bytes: &[u8], shown: &Path) -> Result<Raw, Box<crate::error::Diagnostic>> {
        let bom = bytes.starts_with(b"\xEF\xBB\xBF");
        let raw = if bom { &bytes[3..] } else { bytes };
        let raw = std::str::from_utf8(raw).map_err(|_| {
            Box::new(
                crate::text::decode(bytes, shown)
                    .err()
                    .unwrap_or_else(|| crate::problem!(Error, shown, "editor-not-utf8")),
            )
        })?;
        let crlf = raw.contains("\r\n");
        let text = if crlf {
            raw.replace("\r\n", "\n")
        } else {
            raw.to_string()
        };
        Ok(Raw { bom, crlf, text })
    }
}

/// `text` in NFC with CRLF line ends when `crlf`, after a BOM when `bom`.
pub fn file_bytes(text: &str, bom: bool, crlf: bool) -> Vec<u8> {
    let text = crate::vi::nfc(text);
    let text = if crlf {
        text.replace('\n', "\r\n")
    } else {
        text.into_owned()
    };
    let mut out = Vec::with_capacity(text.len() + 3);
    if bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    out.extend_from_slice(text.as_bytes());
    out
}

/// The form's name of a field: `title`, `dispatch.number`.
pub fn name(block: Option<&str>, key: &str) -> String {
    match block {
        Some(b) => format!("{b}.{key}"),
        None => key.to_string(),
    }
}

/// What the form shows for each edited field of `front`.
pub fn values(front: &Map<String, Value>, tz: FixedOffset) -> Form {
    let mut out = Form::new();
    for f in schema::article() {
        out.insert(f.key.into(), shown(front.get(f.key), f.widget, tz));
    }
    let dispatch = front.get("dispatch").and_then(Value::as_object);
    for f in schema::dispatch() {
        let v = dispatch.and_then(|d| d.get(f.key));
        out.insert(name(Some("dispatch"), f.key), shown(v, f.widget, tz));
    }
    out
}

/// One value as its widget shows it.
fn shown(v: Option<&Value>, widget: Widget, tz: FixedOffset) -> String {
    let Some(v) = v else { return String::new() };
    match (widget, v) {
        (Widget::DateTime, Value::String(s)) => LooseDate::parse(s)
            .map(|d| d.resolve(tz).format("%Y-%m-%dT%H:%M:%S").to_string())
            .unwrap_or_else(|_| s.clone()),
        (Widget::Date, Value::String(s)) => Day::deserialize(v.clone())
            .map(|d| d.0.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|_| s.clone()),
        (Widget::Check, Value::Bool(b)) => {
            if *b {
                "on".into()
            } else {
                String::new()
            }
        }
        (Widget::Terms, Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join(", "),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Null) => String::new(),
        (_, other) => other.to_string(),
    }
}

/// The value a widget's text stands for (`None`: leave the key out).
fn parsed(text: &str, widget: Widget, tz: FixedOffset) -> Option<Value> {
    let text = text.trim();
    match widget {
        Widget::Check => (text == "on" || text == "true").then_some(Value::Bool(true)),
        _ if text.is_empty() => None,
        Widget::Terms => Some(Value::Array(
            text.split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| Value::String(t.into()))
                .collect(),
        )),
        Widget::DateTime => Some(Value::String(
            match LooseDate::parse(&text.replace('T', " ")) {
                Ok(d) => d.resolve(tz).format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
                Err(_) => text.to_string(),
            },
        )),
        _ => Some(Value::String(text.to_string())),
    }
}

/// The front matter after the form: each field as shown keeps its value,
/// each changed one gets the form's; keys the form does not edit are kept.
fn merged_block(
    old: Option<&Map<String, Value>>,
    fields: &[Field],
    block: Option<&str>,
    form: &Form,
    tz: FixedOffset,
) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for f in fields {
        let was = old.and_then(|m| m.get(f.key));
        // An unticked box is not sent at all.
        let text = match form.get(&name(block, f.key)) {
            Some(t) => Some(t.as_str()),
            None if f.widget == Widget::Check => Some(""),
            None => None,
        };
        let value = match text {
            Some(t) if f.widget != Widget::Kept && t != shown(was, f.widget, tz) => {
                parsed(t, f.widget, tz)
            }
            _ => was.cloned(),
        };
        if let Some(v) = value {
            out.push((f.key.to_string(), v));
        }
    }
    // Keys the schema does not know (the loader reports them) stay too.
    for (k, v) in old.into_iter().flatten() {
        if !fields.iter().any(|f| f.key == k) {
            out.push((k.clone(), v.clone()));
        }
    }
    out
}

/// The new text (with `\n` line ends) of `original` (or of a new file)
/// after the form, and whether anything changed.
pub fn compose(original: Option<&Original>, form: &Form, tz: FixedOffset) -> (String, bool) {
    let old = original.map(|o| &o.front);
    let mut front = merged_block(old, &schema::article(), None, form, tz);
    let old_dispatch = old
        .and_then(|m| m.get("dispatch"))
        .and_then(Value::as_object);
    let dispatch = merged_block(
        old_dispatch,
        &schema::dispatch(),
        Some("dispatch"),
        form,
        tz,
    );
    front.retain(|(k, _)| k != "dispatch");
    if !dispatch.is_empty() {
        // In the schema's place: after the keys the schema puts before it.
        let fields = schema::article();
        let rank = |k: &str| fields.iter().position(|f| f.key == k).unwrap_or(usize::MAX);
        let at = front
            .iter()
            .take_while(|(k, _)| rank(k) < rank("dispatch"))
            .count();
        let map: Map<String, Value> = dispatch.iter().cloned().collect();
        front.insert(at, ("dispatch".into(), Value::Object(map)));
    }
    let body = form.get("body").map(|b| b.replace("\r\n", "\n"));
    let front_same = old
        .is_some_and(|o| front.len() == o.len() && front.iter().all(|(k, v)| o.get(k) == Some(v)));
    let (head, yaml, mid, old_body) = match original {
        Some(o) => (
            &o.text[..o.split.yaml.0],
            &o.text[o.split.yaml.0..o.split.yaml.1],
            &o.text[o.split.yaml.1..o.split.body],
            o.body(),
        ),
        None => ("---\n", "", "---\n", ""),
    };
    let body = body.as_deref().unwrap_or(old_body);
    let yaml = if front_same {
        yaml.to_string()
    } else {
        emit(&front, &dispatch)
    };
    let text = format!("{head}{yaml}{mid}{body}");
    let changed = original.is_none_or(|o| o.text != text);
    (text, changed)
}

/// The YAML of the front matter, keys in the schema's order.
fn emit(front: &[(String, Value)], dispatch: &[(String, Value)]) -> String {
    let mut out = String::new();
    for (k, v) in front {
        if k == "dispatch" {
            out.push_str("dispatch:\n");
            for (dk, dv) in dispatch {
                super::yaml_out::entry(dk, dv, 2, &mut out);
            }
        } else {
            super::yaml_out::entry(k, v, 0, &mut out);
        }
    }
    out
}

/// The form field a line of the file is about (`title`, `dispatch.number`),
/// or `body` for a line of the body; `None` before the front matter.
pub fn field_of_line(text: &str, split: &Split, line: usize) -> Option<String> {
    if line >= split.body_line {
        return Some("body".into());
    }
    if line < split.yaml_line {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    let key_of = |l: &str| {
        l.trim_start()
            .split(':')
            .next()
            .map(|k| k.trim().to_string())
    };
    let here = lines.get(line - 1)?;
    if here.starts_with(' ') {
        // A nested key: name it after its block.
        let block = lines[..line - 1]
            .iter()
            .rev()
            .find(|l| !l.starts_with(' ') && !l.is_empty())?;
        let block = key_of(block)?;
        return Some(if block == "dispatch" {
            format!("dispatch.{}", key_of(here)?)
        } else {
            block
        });
    }
    key_of(here)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).unwrap()
    }

    fn original(text: &str) -> Original {
        Original::parse(text.as_bytes(), Path::new("content/a/b.md")).unwrap()
    }

    #[test]
    fn unchanged_form_gives_the_same_text_and_changes_keep_the_schema_order() {
        let text = "---\nextra: {k: 1}\ntemplate: t.html\ntitle: \"T\"\ndate: 15/02/2023 08:46\n---\nBody\n";
        let o = original(text);
        let mut form = values(&o.front, tz());
        form.insert("body".into(), o.body().to_string());
        assert_eq!(compose(Some(&o), &form, tz()), (o.text.clone(), false));
        form.insert("dispatch.number".into(), "1/UBND".into());
        let (new, changed) = compose(Some(&o), &form, tz());
        assert!(changed);
        assert_eq!(
            new,
            "---\ntitle: T\ndate: 15/02/2023 08:46\ntemplate: t.html\ndispatch:\n  number: 1/UBND\nextra:\n  k: 1\n---\nBody\n"
        );
    }

    #[test]
    fn lines_are_named_after_their_field() {
        let text = "---\ntitle: T\ndispatch:\n  number: x\n---\nA\nB\n";
        let o = original(text);
        assert_eq!(field_of_line(text, &o.split, 2).as_deref(), Some("title"));
        assert_eq!(
            field_of_line(text, &o.split, 4).as_deref(),
            Some("dispatch.number")
        );
        assert_eq!(field_of_line(text, &o.split, 7).as_deref(), Some("body"));
        assert_eq!(field_of_line(text, &o.split, 1), None);
    }
}
