use super::*;
use std::collections::{BTreeMap, BTreeSet};

/// Message ids and, for each, the variables its text uses.
fn entries(ftl: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current = None;
    for line in ftl.lines() {
        if line.starts_with('#') {
            continue;
        }
        if let Some((id, _)) = line.split_once(" =")
            && !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            current = Some(id.to_string());
            out.entry(id.to_string()).or_default();
        }
        if let Some(id) = &current {
            let vars = out.get_mut(id).expect("entry");
            for part in line.split('$').skip(1) {
                let name: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                vars.insert(name);
            }
        }
    }
    out
}

#[test]
fn both_catalogs_have_the_same_messages_with_the_same_arguments() {
    let (vi, en) = (entries(VI), entries(EN));
    let only = |a: &BTreeMap<_, _>, b: &BTreeMap<_, _>| -> Vec<String> {
        a.keys().filter(|k| !b.contains_key(*k)).cloned().collect()
    };
    assert_eq!(only(&vi, &en), Vec::<String>::new(), "only in vi.ftl");
    assert_eq!(only(&en, &vi), Vec::<String>::new(), "only in en.ftl");
    for (id, vars) in &en {
        assert_eq!(&vi[id], vars, "`{id}` takes other arguments in vi.ftl");
    }
    assert!(en.len() > 60, "{}", en.len());
}

#[test]
fn every_message_is_used_by_the_code() {
    let mut source = String::new();
    for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")) {
        let entry = entry.expect("walk src/");
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "rs") && !p.ends_with("i18n/tests.rs") {
            source.push_str(&std::fs::read_to_string(p).expect("read"));
        }
    }
    let unused: Vec<String> = entries(EN)
        .into_keys()
        .filter(|id| {
            // `problem-<id>` and `problem-<id>-hint` are used as `"<id>"`
            // (`problem!(Error, path, "<id>", …)`, `.with_hint_id("<id>")`).
            let used_as = id
                .strip_prefix("problem-")
                .map(|c| c.strip_suffix("-hint").unwrap_or(c))
                .unwrap_or(id);
            // `editor-<key>` is looked up as `t(en, "<key>")`, the key
            // written with `_` or `.` (`dispatch.number`, a field of a block).
            let forms = match id.strip_prefix("editor-") {
                Some(key) => vec![
                    key.to_string(),
                    key.replace('-', "_"),
                    key.replacen('-', ".", 1),
                    key.split_once('-')
                        .map_or(String::new(), |(_, f)| f.to_string()),
                ],
                None => vec![used_as.to_string()],
            };
            !forms
                .iter()
                .any(|f| !f.is_empty() && source.contains(&format!("\"{f}\"")))
        })
        .collect();
    assert_eq!(unused, Vec::<String>::new(), "catalog entries no code uses");
}

#[test]
fn vietnamese_is_nfc_and_fluent_parses_both() {
    assert_eq!(crate::vi::nfc(VI), VI, "vi.ftl is not NFC");
    assert_eq!(crate::vi::nfc(EN), EN, "en.ftl is not NFC");
    for lang in [Lang::Vi, Lang::En] {
        FluentResource::try_new(catalog(lang).to_string())
            .unwrap_or_else(|(_, e)| panic!("{}: {e:?}", lang.code()));
    }
}

/// The text of message `id`: its first line and the indented ones after it.
fn body(ftl: &str, id: &str) -> String {
    let mut lines = ftl
        .lines()
        .skip_while(|l| !l.starts_with(&format!("{id} =")));
    let first = lines.next().unwrap_or_default().to_string();
    lines
        .take_while(|l| l.starts_with([' ', '}']))
        .fold(first, |acc, l| acc + "\n" + l)
}

/// A sample value for each argument name the catalogs use. In problems
/// (`problem-…`), the arguments named in [`super::problem::COUNTS`] are
/// numbers and any other is shown as `‹name›`, so the snapshot reads as
/// a template.
fn sample(m: &Messages, id: &str, name: &str, n: i64) -> FluentValue<'static> {
    if id.starts_with("problem-") {
        return if super::problem::COUNTS.contains(&name) {
            n.into()
        } else {
            format!("‹{name}›").into()
        };
    }
    match name {
        "seconds" => m.seconds(0.4213),
        "location" => "content/tin-tuc/sai.md:2:1".into(),
        "severity" => m.severity(crate::error::Severity::Error).into(),
        "message" => "unknown key `tittle`".into(),
        "code" => "unknown-key".into(),
        "dir" => "trang-moi".into(),
        "path" => "content/tin-tuc/hoi-nghi-chuyen-doi-so.md".into(),
        "output" => "public".into(),
        "skipped" => msg!(m, "build-skipped", n = 2).into(),
        "created" => msg!(m, "done-created").into(),
        "built" => msg!(m, "done-built").into(),
        "serving" => msg!(m, "done-serving").into(),
        "editor" => msg!(m, "serve-editor-name").into(),
        "ok" => msg!(m, "check-no-problems").into(),
        "seen" => msg!(
            m,
            "check-seen",
            pages = 115,
            links = 1432,
            seconds = m.seconds(0.42)
        )
        .into(),
        "counts" => msg!(m, "check-counts", errors = n, warnings = 1).into(),
        "url" => "http://127.0.0.1:1111/".into(),
        "ip" => "0.0.0.0".into(),
        "port" => "1111".into(),
        "next" => "1112".into(),
        "pos" => "{pos}".into(),
        "rate" => "{per_sec}".into(),
        "error" => "No space left on device".into(),
        "value" => "fr".into(),
        "values" => "human, json".into(),
        "help" => "--help".into(),
        "quick" => if n == 1 { "yes" } else { "no" }.into(),
        "ms" => "1234".into(),
        _ => n.into(),
    }
}

/// Every message in both languages with sample arguments, in one file a
/// reviewer can read (src/i18n/snapshots/); a message with plural or other
/// variants is shown with 1 and with 5000.
#[test]
fn every_message_in_both_languages() {
    let mut out = String::new();
    for (id, vars) in entries(EN) {
        let variants = if body(EN, &id).contains("->") || body(VI, &id).contains("->") {
            vec![1, 5000]
        } else {
            vec![2]
        };
        for n in variants {
            out.push_str(&format!(
                "{id}{}\n",
                if n == 2 {
                    String::new()
                } else {
                    format!(" (n = {n})")
                }
            ));
            for lang in [Lang::Vi, Lang::En] {
                let m = Messages::new(lang);
                let mut args = FluentArgs::new();
                for v in &vars {
                    args.set(v.clone(), sample(&m, &id, v, n));
                }
                out.push_str(&format!("  {}: {}\n", lang.code(), m.get(&id, Some(&args))));
            }
        }
    }
    insta::assert_snapshot!(out);
}

#[test]
fn no_isolation_marks_and_numbers_as_the_language_writes_them() {
    let vi = Messages::new(Lang::Vi);
    let en = Messages::new(Lang::En);
    let line = msg!(
        vi,
        "diagnostic",
        location = "a.md:2:1",
        severity = "lỗi",
        message = "x"
    );
    assert_eq!(line, "a.md:2:1: lỗi: x");
    assert!(!line.contains(['\u{2068}', '\u{2069}']));
    let seen = |m: &Messages| {
        msg!(
            m,
            "check-seen",
            pages = 5000,
            links = 12,
            seconds = m.seconds(0.42)
        )
    };
    assert_eq!(
        seen(&vi),
        "đã kiểm tra 5.000 trang, 12 liên kết trong 0,42 giây"
    );
    assert_eq!(seen(&en), "5,000 pages, 12 links checked in 0.42 s");
    assert_eq!(
        msg!(en, "check-counts", errors = 1, warnings = 2),
        "1 error, 2 warnings"
    );
    assert_eq!(
        msg!(vi, "check-counts", errors = 1, warnings = 2),
        "1 lỗi, 2 cảnh báo"
    );
}

#[test]
fn the_language_comes_from_flag_then_env_then_site_then_locale() {
    let all = LangSources {
        flag: Some(Lang::En),
        env: Some("vi"),
        site: Some(Lang::Vi),
        lc_all: Some("vi_VN.UTF-8"),
        lc_messages: None,
        lang: None,
    };
    assert_eq!(choose(all), Lang::En, "--lang first");
    assert_eq!(
        choose(LangSources { flag: None, ..all }),
        Lang::Vi,
        "then BANTIN_LANG"
    );
    let no_env = LangSources {
        flag: None,
        env: None,
        ..all
    };
    assert_eq!(
        choose(LangSources {
            site: Some(Lang::En),
            ..no_env
        }),
        Lang::En,
        "then the site"
    );
    assert_eq!(
        choose(LangSources {
            env: Some("fr"),
            site: Some(Lang::En),
            ..no_env
        }),
        Lang::En,
        "an unknown BANTIN_LANG is passed over"
    );
    assert_eq!(
        choose(LangSources {
            env: Some(" EN "),
            ..no_env
        }),
        Lang::En
    );
}

/// Outside a site and with neither `--lang` nor `BANTIN_LANG`, the system
/// locale decides, as POSIX orders its variables; English when unknown.
#[test]
fn without_flag_env_or_site_the_locale_decides() {
    let locale = LangSources::default();
    assert_eq!(
        choose(LangSources {
            lang: Some("vi_VN.UTF-8"),
            ..locale
        }),
        Lang::Vi,
        "then LANG"
    );
    assert_eq!(
        choose(LangSources {
            lang: Some("vi"),
            ..locale
        }),
        Lang::Vi
    );
    assert_eq!(
        choose(LangSources {
            lc_all: Some("en_US.UTF-8"),
            lang: Some("vi_VN.UTF-8"),
            ..locale
        }),
        Lang::En,
        "LC_ALL before LANG"
    );
    assert_eq!(
        choose(LangSources {
            lc_messages: Some("vi_VN"),
            lang: Some("C.UTF-8"),
            ..locale
        }),
        Lang::Vi,
        "LC_MESSAGES before LANG"
    );
    assert_eq!(
        choose(LangSources {
            lc_all: Some(""),
            lang: Some("vi_VN"),
            ..locale
        }),
        Lang::Vi,
        "an empty variable is unset"
    );
    assert_eq!(
        choose(LangSources {
            lang: Some("fr_FR.UTF-8"),
            ..locale
        }),
        Lang::En,
        "else English"
    );
    assert_eq!(
        choose(LangSources {
            lang: Some("C"),
            ..locale
        }),
        Lang::En
    );
    assert_eq!(choose(LangSources::default()), Lang::En);
}

#[test]
fn problems_are_rendered_from_the_catalog_with_their_arguments() {
    let d = crate::problem!(Warning, "content/x.md", "symlink").with_code("symlink");
    assert_eq!(d.message, "symbolic link not followed", "English at birth");
    let (m, h) = Messages::new(Lang::En).problem(&d);
    assert_eq!((m.as_ref(), h), ("symbolic link not followed", None));
    let (m, _) = Messages::new(Lang::Vi).problem(&d);
    assert!(m.starts_with("bỏ qua liên kết tượng trưng"), "{m}");
    let hinted = crate::problem!(Error, "bantin new", "no-file-name");
    let (_, h) = Messages::new(Lang::Vi).problem(&hinted);
    assert_eq!(
        h.as_deref(),
        Some("tự đặt tên tệp bằng --slug, ví dụ: --slug hoi-nghi-2024"),
        "the standing hint, in the reader's language"
    );
    let outside = crate::error::Diagnostic::error("a.yaml", "did not find expected key");
    assert_eq!(
        Messages::new(Lang::Vi).problem(&outside).0,
        "did not find expected key",
        "words from outside bantin are kept"
    );
}

/// Every problem the library reports is told by the catalog: no code
/// outside tests builds a `Diagnostic` by hand or writes its words.
#[test]
fn every_problem_is_made_from_the_catalog() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut bad = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.expect("walk src/");
        let p = entry.path();
        let name = p
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if p.extension().is_none_or(|e| e != "rs")
            || name.ends_with("tests.rs")
            || name.contains("/tests/")
            || ["error.rs", "i18n/problem.rs"].contains(&name.as_str())
        {
            continue;
        }
        let text = std::fs::read_to_string(p).expect("read");
        // Code before the file's unit tests.
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
        for (i, line) in code.lines().enumerate() {
            let made_by_hand = ["Diagnostic {", ".message =", ".hint =", "message: String"]
                .iter()
                .any(|p| line.contains(p) && !line.trim_start().starts_with("//"));
            if made_by_hand && !line.contains("-> ") && !line.contains("impl") {
                bad.push(format!("src/{name}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert_eq!(
        bad,
        Vec::<String>::new(),
        "problems made outside the catalog"
    );
}
