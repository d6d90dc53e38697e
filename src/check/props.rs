//! Property tests: no input makes the pipeline panic. Every input to front
//! matter splitting, front-matter YAML (values of the wrong type included),
//! dates, slugs, decoding and the whole load–model–render path gives `Ok` or
//! an error that names its file and line.
//!
//! (Document-number parsing belongs to the registry, which is not in this tree.)

use super::memory::{DEFAULT_CONFIG, plan_memory};
use crate::config::Config;
use crate::load::date::LooseDate;
use crate::load::frontmatter::{self, FrontMatter, SectionFront};
use crate::vi::{slug_from_file_name, slugify};
use chrono::{FixedOffset, TimeZone};
use proptest::prelude::*;
use std::path::Path;

fn now() -> chrono::DateTime<FixedOffset> {
    FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 27, 12, 0, 0)
        .unwrap()
}

/// Strings that look like what staff type, and some that do not.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{0,12}",
        "\\PC{0,16}",
        Just("".to_string()),
        Just("~".to_string()),
        Just("[1, 2]".to_string()),
        Just("{a: b}".to_string()),
        Just("- x".to_string()),
        Just("&a x".to_string()),
        Just("*a".to_string()),
        Just("!!binary aGk=".to_string()),
        Just("\"unclosed".to_string()),
        Just("99999999999999999999999".to_string()),
        Just("-1".to_string()),
        Just("1.5e308".to_string()),
        Just("true".to_string()),
        Just(".nan".to_string()),
        (0i64..=300_000, 0u32..=13, 0u32..=32)
            .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        Just("+262143-12-31 23:59:59-14:00".to_string()),
        Just("-262143-01-01T00:00:00+14:00".to_string()),
        Just("9999-12-31T23:59:59-14:00".to_string()),
        Just("31/12/9999 23:59".to_string()),
    ]
}

const KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "views",
    "author",
    "category",
    "tags",
    "summary",
    "image",
    "image_alt",
    "slug",
    "draft",
    "pinned",
    "template",
    "dispatch",
    "extra",
    "tittle",
    "",
    "description",
    "weight",
    "paginate",
];

/// A YAML block of keys (known, misspelt, empty) with values of any type.
fn front_yaml() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(KEYS), scalar(), any::<bool>()), 0..8).prop_map(
        |fields| {
            fields
                .into_iter()
                .map(|(k, v, nested)| {
                    if nested {
                        format!("{k}:\n  number: {v}\n  file: {v}\n")
                    } else {
                        format!("{k}: {v}\n")
                    }
                })
                .collect()
        },
    )
}

fn line_count(text: &str) -> usize {
    text.lines().count().max(1) + 1
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn split_is_consistent(text in "(---\n)?\\PC{0,80}(\n---\n)?\\PC{0,40}") {
        match frontmatter::split(&text, Path::new("a.md")) {
            Ok(s) => {
                prop_assert!(s.yaml.0 <= s.yaml.1 && s.yaml.1 <= s.body && s.body <= text.len());
                prop_assert!(text.is_char_boundary(s.body) && text.is_char_boundary(s.yaml.0));
                prop_assert!(s.body_line >= 2);
            }
            Err(e) => prop_assert!(e.line.is_some()),
        }
    }

    #[test]
    fn front_matter_of_any_shape_is_ok_or_located(yaml in front_yaml(), body in "\\PC{0,40}") {
        let text = format!("---\n{yaml}---\n{body}");
        let split = frontmatter::split(&text, Path::new("a.md")).unwrap();
        for r in [
            frontmatter::parse::<FrontMatter>(&text, &split, Path::new("a.md")).err(),
            frontmatter::parse::<SectionFront>(&text, &split, Path::new("a.md")).err(),
        ]
        .into_iter()
        .flatten()
        {
            let line = r.line.expect("located");
            prop_assert!(line >= 1 && line <= line_count(&text), "{r} in\n{text}");
        }
    }

    #[test]
    fn dates_parse_or_say_why(s in scalar(), tz in -14i32..=14) {
        if let Ok(d) = LooseDate::parse(&s) {
            let tz = FixedOffset::east_opt(tz * 3600).unwrap();
            let _ = d.resolve(tz);
        }
    }

    #[test]
    fn slugs_are_url_safe(s in "\\PC{0,40}") {
        for slug in [slugify(&s), slug_from_file_name(&s)] {
            prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{slug}");
            prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"), "{slug}");
        }
    }

    #[test]
    fn decode_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        match crate::text::decode(&bytes, Path::new("a.md")) {
            Ok(t) => {
                let clean = !t.contains('\r') && !t.starts_with('\u{FEFF}');
                prop_assert!(clean);
            }
            Err(e) => {
                prop_assert!(e.message.contains("byte offset"));
                prop_assert!(e.line.is_some() && e.col.is_some());
            }
        }
    }

    #[test]
    fn config_of_any_shape_is_ok_or_located(yaml in front_yaml()) {
        let text = format!("title: T\nbase_url: https://h.vn/\n{yaml}");
        if let Err(e) = Config::parse(&text, Path::new("config.yaml")) {
            prop_assert!(e.line.is_some(), "{e}");
        }
    }
}

proptest! {
    // The whole pipeline (theme, templates) per case: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn any_article_bytes_render_or_give_located_errors(
        bytes in prop::collection::vec(any::<u8>(), 0..300),
    ) {
        check_pipeline(bytes)?;
    }

    #[test]
    fn any_markdown_body_renders_or_gives_located_errors(
        yaml in front_yaml(),
        body in "([-*>#\\[\\]()!`|<>&_~ \n]|\\PC|https?://|\\.\\./|\\.md){0,120}",
    ) {
        let text = format!("---\ntitle: \"T\"\ndate: 2024-01-01\n{yaml}---\n{body}");
        check_pipeline(text.into_bytes())?;
    }
}

fn check_pipeline(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let files = vec![
        ("tin-tuc/a.md".to_string(), bytes),
        (
            "tin-tuc/b.md".to_string(),
            b"---\ntitle: B\ndate: 2024-01-02\n---\n## Muc\n".to_vec(),
        ),
    ];
    if let Err(e) = plan_memory(DEFAULT_CONFIG.as_bytes(), files, now()) {
        for d in &e.0 {
            prop_assert!(!d.path.as_os_str().is_empty(), "{d}");
            if d.path.starts_with("content") {
                prop_assert!(d.line.is_some(), "not located: {d}");
            }
        }
    }
    Ok(())
}
