use super::*;

fn csv(text: &str) -> (Vec<CountRow>, Vec<Diagnostic>) {
    parse_csv(text, Path::new("data/views.csv"))
}

fn row(path: &str, views: u64, line: usize, col: usize) -> CountRow {
    CountRow {
        path: path.into(),
        views,
        line,
        col,
    }
}

#[test]
fn counts_as_exported() {
    assert_eq!(parse_count("1234"), Some(1234));
    assert_eq!(parse_count(" 0 "), Some(0));
    assert_eq!(parse_count("1.234"), Some(1234));
    assert_eq!(parse_count("1,234,567"), Some(1234567));
    assert_eq!(parse_count("12 345"), Some(12345));
    assert_eq!(parse_count("1.23"), None);
    assert_eq!(parse_count("1.234,5"), None);
    assert_eq!(parse_count("-3"), None);
    assert_eq!(parse_count("abc"), None);
    assert_eq!(parse_count(""), None);
}

#[test]
fn csv_with_header_quotes_and_comments() {
    let (rows, problems) = csv(
        "path,views\n# exported 2024-05-01\n/tin-tuc/a/,1234\n\"tin-tuc/b, c.md\",\"1,234\"\n\n/x, 7 \n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        rows,
        [
            row("/tin-tuc/a/", 1234, 3, 1),
            row("tin-tuc/b, c.md", 1234, 4, 1),
            row("/x", 7, 6, 1)
        ]
    );
}

#[test]
fn csv_without_header_and_named_columns() {
    let (rows, problems) = csv("/a/,1\n/b/,2\n");
    assert!(problems.is_empty());
    assert_eq!(rows.len(), 2);
    let (rows, problems) = csv("Lượt xem,Đường dẫn,Người dùng\n5,/a/,3\n");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(rows, [row("/a/", 5, 2, 3)]);
}

#[test]
fn csv_semicolons_from_vietnamese_excel() {
    let (rows, problems) = csv("path;views\n/a/;1.234\n");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(rows, [row("/a/", 1234, 2, 1)]);
}

#[test]
fn csv_bad_rows_are_located() {
    let (rows, problems) = csv("path,views\n/a/,12\n/b/,mười\n/c/\n,5\n/d/,1,2\n/e/,3\n");
    assert_eq!(rows, [row("/a/", 12, 2, 1), row("/e/", 3, 7, 1)]);
    let at: Vec<(usize, usize)> = problems
        .iter()
        .map(|d| (d.line.unwrap(), d.col.unwrap()))
        .collect();
    assert_eq!(at, [(3, 5), (4, 1), (5, 1), (6, 7)], "{problems:?}");
    assert!(problems[0].message.contains("`mười`"), "{}", problems[0]);
    assert!(problems[1].message.contains("expected 2 fields"));
    assert!(problems[2].message.contains("empty"));
}

#[test]
fn json_object_and_array() {
    let shown = Path::new("data/views.json");
    let (rows, problems) = parse_json("{\n  \"/b/\": 2,\n  \"/a/\": \"1.234\"\n}", shown);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(rows, [row("/b/", 2, 2, 3), row("/a/", 1234, 3, 3)]);
    let (rows, problems) = parse_json(
        "[\n{\"path\": \"/a/\", \"views\": 5},\n{\"path\": \"/b/\", \"views\": -1},\n{\"views\": 1}\n]",
        shown,
    );
    assert_eq!(rows, [row("/a/", 5, 2, 10)]);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(problems[0].line, Some(3));
    let (_, problems) = parse_json("{\n\"/a/\": 1,,\n}", shown);
    assert_eq!(problems[0].line, Some(2), "{problems:?}");
}

#[test]
fn url_keys() {
    assert_eq!(url_key("/tin-tuc/a"), "/tin-tuc/a/");
    assert_eq!(url_key("/tin-tuc/a/"), "/tin-tuc/a/");
    assert_eq!(url_key("/tin-tuc/a/index.html"), "/tin-tuc/a/");
    assert_eq!(url_key("/tin-tuc/a/?utm_source=zalo#top"), "/tin-tuc/a/");
    assert_eq!(url_key("/th%C3%B4ng-b%C3%A1o/a"), "/thông-báo/a/");
}

#[test]
fn resolve_urls_files_and_unknown() {
    let counts = ViewCounts {
        file: "data/views.csv".into(),
        rows: vec![
            row("/p/tin-tuc/a", 10, 2, 1),
            row("/p/tin-tuc/a/", 5, 3, 1),
            row("tin-tuc/b.md", 7, 4, 1),
            row("content\\tin-tuc\\b.md", 1, 4, 1),
            row("/tin-tuc/a/", 1, 5, 1),
            row("tin-tuc/gone.md", 1, 6, 1),
        ],
    };
    let targets = Targets {
        root: "/p/",
        urls: [
            ("/p/tin-tuc/a/".to_string(), 0),
            ("/p/tin-tuc/b/".to_string(), 1),
        ]
        .into(),
        sources: [
            ("tin-tuc/a.md".to_string(), 0),
            ("tin-tuc/b.md".to_string(), 1),
        ]
        .into(),
    };
    let (got, warnings) = counts.resolve(&targets);
    assert_eq!(got, [(0, 15), (1, 8)].into());
    assert_eq!(warnings.len(), 2);
    assert_eq!(warnings[0].line, Some(5));
    assert!(
        warnings[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("/p/tin-tuc/a/")
    );
    assert_eq!(warnings[1].line, Some(6));
    assert!(
        warnings
            .iter()
            .all(|w| w.severity == crate::error::Severity::Warning)
    );
}
