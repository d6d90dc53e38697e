//! Writing front matter back: a JSON value (as the loader's YAML parser
//! reads it) as YAML, keys in the order given, strings quoted only where
//! YAML needs it (double quotes, JSON escapes are YAML escapes too).

use serde_json::{Map, Value};

/// `map` as YAML lines (each ending in `\n`), indented by `indent` spaces.
pub fn mapping(map: &Map<String, Value>, indent: usize, out: &mut String) {
    for (key, value) in map {
        entry(key, value, indent, out);
    }
}

/// One `key: value` (a nested block for maps and lists of maps), indented by `indent`.
pub fn entry(key: &str, value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    {
        out.push_str(&pad);
        out.push_str(&string(key));
        out.push(':');
        match value {
            Value::Object(m) if !m.is_empty() => {
                out.push('\n');
                mapping(m, indent + 2, out);
            }
            Value::Array(items) if items.iter().any(|i| i.is_object() || i.is_array()) => {
                out.push('\n');
                for item in items {
                    out.push_str(&pad);
                    out.push_str("  -");
                    match item {
                        Value::Object(m) => {
                            let mut inner = String::new();
                            mapping(m, indent + 4, &mut inner);
                            out.push(' ');
                            out.push_str(inner.trim_start());
                        }
                        other => {
                            out.push(' ');
                            out.push_str(&scalar(other));
                            out.push('\n');
                        }
                    }
                }
            }
            other => {
                out.push(' ');
                out.push_str(&scalar(other));
                out.push('\n');
            }
        }
    }
}

/// A value on one line: scalars, flow lists of scalars, `{}`.
fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s),
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|i| match i {
                    Value::String(s) if s.contains([',', '[', ']', '{', '}']) => quoted(s),
                    other => scalar(other),
                })
                .collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Object(_) => "{}".into(),
    }
}

/// `s` plain when YAML reads it back as the same string, else double-quoted.
pub fn string(s: &str) -> String {
    if needs_quotes(s) {
        quoted(s)
    } else {
        s.to_string()
    }
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

fn needs_quotes(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return true;
    };
    let lower = s.to_ascii_lowercase();
    s.trim() != s
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.chars().any(|c| c.is_control() || c == '\u{FEFF}')
        || matches!(
            lower.as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
        )
        || lower.parse::<f64>().is_ok()
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || lower.starts_with(".inf")
        || lower.starts_with("-.inf")
        || lower == ".nan"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn back(text: &str) -> Value {
        crate::yaml::parse(text, std::path::Path::new("a.md"), 1).unwrap()
    }

    #[test]
    fn strings_come_back_unchanged() {
        for s in [
            "Hội nghị: tổng kết",
            "a #b",
            "#hash",
            "- dash",
            "true",
            "No",
            "2024",
            "1.5",
            "",
            " lead",
            "say \"hi\"",
            "line\nbreak",
            "1141/UBND-KSTTHC",
            "2023-02-15T08:46:50+07:00",
            "15/02/2023 08:46",
            "[x]",
            "@me",
            "a: b",
        ] {
            let mut map = Map::new();
            map.insert("k".into(), Value::String(s.into()));
            map.insert("list".into(), Value::Array(vec![Value::String(s.into())]));
            let mut out = String::new();
            mapping(&map, 0, &mut out);
            assert_eq!(back(&out), Value::Object(map), "{out}");
        }
    }

    #[test]
    fn nested_maps_and_lists_of_maps() {
        let v: Value = serde_json::json!({
            "title": "T",
            "dispatch": {"number": "12/2023/QĐ-UBND", "files": ["a.pdf", "b, c.pdf"]},
            "extra": {"links": [{"url": "https://x", "n": 2}], "ok": true}
        });
        let mut out = String::new();
        mapping(v.as_object().unwrap(), 0, &mut out);
        assert_eq!(back(&out), v, "{out}");
    }
}
