//! View counts exported from an analytics tool: `data/views.csv` (or
//! `data/views.json`), read with the content and applied when the model is
//! built, where they override `views:` in front matter.
//!
//! A row names a page either by its URL path from the host root — as analytics
//! tools report it, including the `base_url`'s own path, with or without the
//! trailing slash, `index.html`, a query string or percent-encoding — or by its
//! content file (`tin-tuc/hoi-nghi.md`, relative to `content/`). Rows that name
//! the same article are added up (analytics tools list `/x` and `/x/`
//! separately).
//!
//! A malformed row (missing field, a count that is not a whole number) is an
//! **error** located at its line and column: a count must never be guessed. A
//! path that names no published article is a **warning**: it is most likely an
//! article deleted since the export, and the rest of the file is still good.

use crate::error::Diagnostic;
use crate::problem;
use crate::vi::nfc;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One row of the counts file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountRow {
    /// As written (trimmed).
    pub path: String,
    /// The count, a whole number.
    pub views: u64,
    /// Where the path was written (1-based line and column).
    pub line: usize,
    /// 1-based column of the path on that line.
    pub col: usize,
}

/// The parsed counts file.
#[derive(Debug, Clone, Default)]
pub struct ViewCounts {
    /// The file as the user knows it: `data/views.csv`.
    pub file: PathBuf,
    /// The good rows, in file order (malformed ones are reported and left out).
    pub rows: Vec<CountRow>,
}

/// Where a row points, for [`ViewCounts::resolve`].
pub struct Targets<'a> {
    /// The site's root-relative prefix (`/` or `/tin-tuc-ttt/`).
    pub root: &'a str,
    /// Normalized URL path ([`url_key`]) → article.
    pub urls: HashMap<String, usize>,
    /// Content file relative to `content/` → article.
    pub sources: HashMap<String, usize>,
}

/// Read `data/views.csv` or `data/views.json` under `root`, if there is one.
/// Problems (unreadable file, malformed rows, both files present) are returned
/// beside the rows that were good.
pub fn read(root: &Path) -> (Option<ViewCounts>, Vec<Diagnostic>) {
    let csv = root.join("data").join("views.csv");
    let json = root.join("data").join("views.json");
    let (path, shown, is_json) = match (csv.is_file(), json.is_file()) {
        (false, false) => return (None, Vec::new()),
        (true, true) => {
            return (
                None,
                vec![problem!(Error, "data/views.json", "views-both-files")],
            );
        }
        (true, false) => (csv, PathBuf::from("data/views.csv"), false),
        (false, true) => (json, PathBuf::from("data/views.json"), true),
    };
    let bytes = match crate::files::read_regular(&path) {
        Ok(b) => b,
        Err(e) => {
            let d = Diagnostic::io_op(crate::error::IoOp::Read, &shown, &e);
            return (None, vec![d]);
        }
    };
    let text = match crate::text::decode(&bytes, &shown) {
        Ok(t) => t,
        Err(d) => return (None, vec![d]),
    };
    let (rows, problems) = if is_json {
        parse_json(&text, &shown)
    } else {
        parse_csv(&text, &shown)
    };
    (Some(ViewCounts { file: shown, rows }), problems)
}

/// A view count as analytics tools export it: `1234`, or grouped `1.234`,
/// `1,234`, `1 234` (one separator, groups of three).
pub fn parse_count(s: &str) -> Option<u64> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let sep = s.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}') {
        return None;
    }
    let groups: Vec<&str> = s.split(sep).collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let digits_ok = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    if first_ok && rest_ok && digits_ok {
        groups.concat().parse().ok()
    } else {
        None
    }
}

const PATH_NAMES: [&str; 6] = ["path", "url", "page", "trang", "đường dẫn", "duong dan"];
const VIEWS_NAMES: [&str; 6] = [
    "views",
    "pageviews",
    "count",
    "lượt xem",
    "luot xem",
    "page views",
];

/// 1-based character column where each field of a CSV line starts.
fn field_columns(line: &str, delimiter: char) -> Vec<usize> {
    let mut cols = vec![1];
    let mut quoted = false;
    for (i, c) in line.chars().enumerate() {
        if c == '"' {
            quoted = !quoted;
        } else if c == delimiter && !quoted {
            cols.push(i + 2);
        }
    }
    cols
}

/// The line a record starts on. The csv crate reports the position where it
/// started reading, which is before any blank and comment lines it skipped.
fn record_line(text: &str, byte: usize) -> usize {
    let mut at = byte.min(text.len());
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = text[at..end].trim();
        if !(line.is_empty() || line.starts_with('#')) {
            break;
        }
        at = end + 1;
    }
    text[..at.min(text.len())].matches('\n').count() + 1
}

/// Parse the CSV form: `path,views` rows, an optional header row (a first row
/// whose count is not a number; its column names may put path and views in
/// other columns), `#` comments, quoted fields. Excel set to Vietnamese saves
/// `;`-separated files: a first line with `;` and no `,` switches to `;`.
pub fn parse_csv(text: &str, shown: &Path) -> (Vec<CountRow>, Vec<Diagnostic>) {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = if first.contains(';') && !first.contains(',') {
        ';'
    } else {
        ','
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .delimiter(delimiter as u8)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    // (path column, views column, number of columns), from the header if any.
    let mut layout: Option<(usize, usize, usize)> = None;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                problems.push(
                    problem!(Error, shown, "views-bad-row", detail = e.to_string()).at(line, 1),
                );
                continue;
            }
        };
        let line = record_line(text, record.position().map_or(0, |p| p.byte() as usize));
        let cols = lines
            .get(line - 1)
            .map(|l| field_columns(l, delimiter))
            .unwrap_or_default();
        let col = |i: usize| cols.get(i).copied().unwrap_or(1);
        let fields: Vec<&str> = record.iter().map(str::trim).collect();
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        if layout.is_none() && rows.is_empty() && problems.is_empty() {
            let header = header_layout(&fields);
            layout = Some(header.unwrap_or((0, 1, 2)));
            if header.is_some() {
                continue;
            }
        }
        let layout = layout.unwrap_or((0, 1, 2));
        match csv_row(shown, &fields, layout, delimiter, line, col) {
            Ok(row) => rows.push(row),
            Err(d) => problems.push(d),
        }
    }
    (rows, problems)
}

/// Columns of a CSV file: path, views, and how many there are.
type Layout = (usize, usize, usize);

/// The layout a header row gives (`None` when `fields` is a data row: its
/// count is a number): path and views found by their column names.
fn header_layout(fields: &[&str]) -> Option<Layout> {
    let is_header = fields.len() >= 2 && parse_count(fields[1]).is_none();
    if !is_header {
        return None;
    }
    let find = |names: &[&str], default: usize| {
        fields
            .iter()
            .position(|f| names.contains(&f.to_lowercase().as_str()))
            .unwrap_or(default)
    };
    Some((find(&PATH_NAMES, 0), find(&VIEWS_NAMES, 1), fields.len()))
}

/// One data row of the CSV form, at `line`; `col` gives the column of a field.
fn csv_row(
    shown: &Path,
    fields: &[&str],
    (path_col, views_col, width): Layout,
    delimiter: char,
    line: usize,
    col: impl Fn(usize) -> usize,
) -> Result<CountRow, Diagnostic> {
    if fields.len() != width {
        let sep = if delimiter == ';' { ";" } else { "," };
        return Err(problem!(
            Error,
            shown,
            "views-field-count",
            width = width,
            sep = sep,
            count = fields.len()
        )
        .at(line, col(fields.len().min(width))));
    }
    let path = fields[path_col];
    if path.is_empty() {
        return Err(problem!(Error, shown, "views-empty-field").at(line, col(path_col)));
    }
    match parse_count(fields[views_col]) {
        Some(views) => Ok(CountRow {
            path: path.to_string(),
            views,
            line,
            col: col(path_col),
        }),
        None => Err(
            problem!(Error, shown, "views-bad-count", value = fields[views_col])
                .at(line, col(views_col)),
        ),
    }
}

/// Line and column (1-based) of byte offset `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |p| p + 1);
    (line, before[start..].chars().count() + 1)
}

/// Parse the JSON form: an object `{"/tin-tuc/hoi-nghi/": 1234, …}` or an array
/// `[{"path": "/tin-tuc/hoi-nghi/", "views": 1234}, …]`.
pub fn parse_json(text: &str, shown: &Path) -> (Vec<CountRow>, Vec<Diagnostic>) {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return (
                Vec::new(),
                vec![
                    problem!(Error, shown, "views-bad-json", detail = e.to_string())
                        .at(e.line().max(1), e.column().max(1)),
                ],
            );
        }
    };
    let results = match &value {
        serde_json::Value::Object(map) => object_entries(text, shown, map),
        serde_json::Value::Array(items) => array_entries(text, shown, items),
        _ => vec![Err(problem!(Error, shown, "views-json-shape").at(1, 1))],
    };
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok(row) => rows.push(row),
            Err(d) => problems.push(d),
        }
    }
    (rows, problems)
}

/// The entries of the object form, in the order they are written.
fn object_entries(
    text: &str,
    shown: &Path,
    map: &serde_json::Map<String, serde_json::Value>,
) -> Vec<Result<CountRow, Diagnostic>> {
    let mut entries: Vec<(&String, &serde_json::Value, (usize, usize))> = Vec::new();
    for (k, v) in map {
        let needle = serde_json::to_string(k).unwrap_or_default();
        let at = text.find(&needle).map_or((1, 1), |i| line_col(text, i));
        entries.push((k, v, at));
    }
    entries.sort_by_key(|e| e.2);
    entries
        .into_iter()
        .map(|(k, v, at)| json_entry(shown, k, Some(v), at))
        .collect()
}

/// The entries of the array form, each located by finding its path in the
/// text after the previous one's.
fn array_entries(
    text: &str,
    shown: &Path,
    items: &[serde_json::Value],
) -> Vec<Result<CountRow, Diagnostic>> {
    let mut cursor = 0;
    let mut locate = |path: &str| -> (usize, usize) {
        let needle = serde_json::to_string(path).unwrap_or_default();
        let found = text[cursor..]
            .find(&needle)
            .map(|i| cursor + i)
            .or_else(|| text.find(&needle));
        match found {
            Some(at) => {
                cursor = at + needle.len();
                line_col(text, at)
            }
            None => (1, 1),
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(match item.get("path").and_then(|p| p.as_str()) {
            Some(path) => {
                let at = locate(path);
                json_entry(shown, path, item.get("views"), at)
            }
            // A position in the list, not a count: written as is.
            None => Err(problem!(
                Error,
                shown,
                "views-entry-no-path",
                entry = (i + 1).to_string()
            )),
        });
    }
    out
}

/// One entry of the JSON form: its path, its count as written, where it is.
fn json_entry(
    shown: &Path,
    path: &str,
    views: Option<&serde_json::Value>,
    at: (usize, usize),
) -> Result<CountRow, Diagnostic> {
    let count = views.and_then(|v| v.as_u64().or_else(|| v.as_str().and_then(parse_count)));
    match count {
        Some(views) if !path.trim().is_empty() => Ok(CountRow {
            path: path.trim().to_string(),
            views,
            line: at.0,
            col: at.1,
        }),
        Some(_) => Err(problem!(Error, shown, "views-empty-string").at(at.0, at.1)),
        None => Err(match views {
            Some(v) => problem!(
                Error,
                shown,
                "views-bad-count-for",
                path = path,
                value = v.to_string()
            ),
            None => problem!(Error, shown, "views-no-count", path = path),
        }
        .at(at.0, at.1)),
    }
}

/// The warning for a row whose path names no published article.
fn unknown_path(file: &Path, row: &CountRow, targets: &Targets<'_>) -> Diagnostic {
    let d = problem!(Warning, file, "views-unknown-path", path = &row.path).at(row.line, row.col);
    let under_root = format!("{}{}", targets.root, row.path.trim_start_matches('/'));
    if row.path.starts_with('/')
        && targets.root != "/"
        && targets.urls.contains_key(&url_key(&under_root))
    {
        d.arg("root", targets.root)
            .arg("suggestion", under_root)
            .with_hint_id("views-under-root")
    } else {
        d.with_hint_id("views-deleted-article")
    }
}

/// A URL path reduced to the form article URLs are compared in: no query or
/// fragment, percent-decoded, NFC, without `index.html`, with a trailing `/`.
pub fn url_key(path: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut key = nfc(&decoded).into_owned();
    if let Some(stripped) = key.strip_suffix("index.html") {
        key.truncate(stripped.len());
    }
    if !key.ends_with('/') {
        key.push('/');
    }
    key
}

impl ViewCounts {
    /// The count of each article the rows name (summed when several rows name
    /// one article), and a warning for each row that names none.
    pub fn resolve(&self, targets: &Targets<'_>) -> (HashMap<usize, u64>, Vec<Diagnostic>) {
        let mut counts: HashMap<usize, u64> = HashMap::new();
        let mut warnings = Vec::new();
        for row in &self.rows {
            let found = if row.path.starts_with('/') {
                targets.urls.get(&url_key(&row.path)).copied()
            } else {
                let rel = nfc(&row.path).replace('\\', "/");
                let rel = rel.strip_prefix("content/").unwrap_or(&rel);
                targets.sources.get(rel).copied()
            };
            match found {
                Some(id) => *counts.entry(id).or_default() += row.views,
                None => {
                    warnings.push(unknown_path(&self.file, row, targets));
                }
            }
        }
        (counts, warnings)
    }
}

#[cfg(test)]
mod tests;
