//! Tests of the registry's model part: merging, numbers, statuses, order, facets.

use super::*;
use crate::load::frontmatter;

fn source(name: &str, dispatch: &str) -> RecordSource {
    let text = format!("---\ndispatch:\n{dispatch}---\n");
    let shown = PathBuf::from(format!("content/van-ban/{name}"));
    let split = frontmatter::split(&text, &shown).unwrap();
    RecordSource::parse(format!("van-ban/{name}"), shown, text, split).unwrap()
}

fn run(sources: Vec<RecordSource>) -> (Registry, Vec<Diagnostic>, Vec<Diagnostic>) {
    let config = Config::parse(
        "title: T\nbase_url: https://example.gov.vn/tin/\n",
        Path::new("config.yaml"),
    )
    .unwrap();
    let mut errors = Vec::new();
    let (reg, warnings) = build(
        Input {
            records: sources,
            front: None,
            articles: &[],
            links: &LinkTable::default(),
            sizes: &HashMap::new(),
            config: &config,
            drafts: false,
        },
        &mut errors,
    );
    (reg, warnings, errors)
}

#[test]
fn same_number_same_fields_is_one_record() {
    let d = "  number: \"385/BNV-CCHC\"\n  issuer: \"Bộ Nội vụ\"\n";
    let (reg, warnings, errors) = run(vec![source("a.md", d), source("b.md", d)]);
    assert!(
        errors.is_empty() && warnings.is_empty(),
        "{errors:?} {warnings:?}"
    );
    assert_eq!(reg.records.len(), 1);
    let r = &reg.records[0];
    assert_eq!(r.sources.len(), 2);
    assert_eq!(r.url, "/tin/van-ban/385-bnv-cchc/");
    assert_eq!(r.kind, "Công văn");
    assert_eq!(r.label(), "Công văn số 385/BNV-CCHC");
    assert_eq!(reg.links()[1], ("van-ban/b.md".to_string(), r.url.clone()));
}

#[test]
fn different_fields_name_both_files_and_lines() {
    let (_, _, errors) = run(vec![
        source(
            "a.md",
            "  number: \"385/BNV-CCHC\"\n  kind: Công văn\n  issuer: \"Bộ Nội vụ\"\n",
        ),
        source(
            "b.md",
            "  number: \"385/BNV-CCHC\"\n  issuer: \"Bộ Tư pháp\"\n",
        ),
    ]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert_eq!(e.path, PathBuf::from("content/van-ban/b.md"));
    assert_eq!((e.line, e.col), (Some(4), Some(3)));
    assert!(
        e.message.contains(
            "`issuer` is \"Bộ Tư pháp\" here but \"Bộ Nội vụ\" in content/van-ban/a.md:5"
        ),
        "{e}"
    );
}

#[test]
fn complementary_fields_merge() {
    let (reg, _, errors) = run(vec![
        source(
            "a.md",
            "  number: \"12/2023/QĐ-UBND\"\n  issued: 2023-03-20\n",
        ),
        source(
            "b.md",
            "  number: \"12/2023/QĐ-UBND\"\n  issuer: UBND tỉnh\n  status: còn hiệu lực\n",
        ),
    ]);
    assert!(errors.is_empty(), "{errors:?}");
    let d = &reg.records[0].dispatch;
    assert_eq!(d.issued.unwrap().to_string(), "2023-03-20");
    assert_eq!(d.issuer.as_deref(), Some("UBND tỉnh"));
    assert_eq!(d.status.as_deref(), Some("Còn hiệu lực"));
    assert_eq!(reg.records[0].kind, "Quyết định");
}

#[test]
fn numbers_sharing_a_slug_are_an_error() {
    let (_, _, errors) = run(vec![
        source("a.md", "  number: \"39-CT/TW\"\n"),
        source("b.md", "  number: \"39/CT-TW\"\n"),
    ]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0]
            .message
            .contains("would share the page /tin/van-ban/39-ct-tw/"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].message.contains("content/van-ban/a.md:3"),
        "{}",
        errors[0]
    );
}

#[test]
fn malformed_number_warns_and_takes_the_intended_slug() {
    let (reg, warnings, errors) = run(vec![source("a.md", "  number: \"42/2022/NĐCP\"\n")]);
    assert!(errors.is_empty());
    assert_eq!(warnings.len(), 1);
    assert_eq!((warnings[0].line, warnings[0].col), (Some(3), Some(3)));
    assert_eq!(
        warnings[0].hint.as_deref(),
        Some("did you mean `42/2022/NĐ-CP`?")
    );
    assert_eq!(reg.records[0].slug, "42-2022-nd-cp");
    assert_eq!(reg.records[0].number, "42/2022/NĐCP");
}

#[test]
fn a_number_that_makes_no_address_is_an_error() {
    let (_, _, errors) = run(vec![
        source("a.md", "  number: \"trang\"\n"),
        source("b.md", "  number: \"…\"\n"),
    ]);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].message.contains("cannot make a page address"));
}

#[test]
fn unknown_status_is_a_warning_with_the_closest() {
    let (_, warnings, _) = run(vec![source(
        "a.md",
        "  number: \"1/UBND\"\n  status: Hết hiệu lục\n",
    )]);
    assert_eq!(
        warnings[0].hint.as_deref(),
        Some("did you mean `Hết hiệu lực`?"),
        "{warnings:?}"
    );
}

#[test]
fn newest_first_undated_last_and_facets() {
    let (reg, _, _) = run(vec![
        source("a.md", "  number: \"1/UBND\"\n"),
        source(
            "b.md",
            "  number: \"2/UBND\"\n  issued: 2020-01-01\n  field: Nội vụ\n",
        ),
        source(
            "c.md",
            "  number: \"3/2023/QĐ-UBND\"\n  issued: 2023-01-01\n",
        ),
    ]);
    let order: Vec<&str> = reg.records.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(order, ["3/2023/QĐ-UBND", "2/UBND", "1/UBND"]);
    let years: Vec<&str> = reg.facets[2]
        .terms
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(years, ["2023", "2020"]);
    assert_eq!(reg.facets[3].terms[0].url, "/tin/van-ban/linh-vuc/noi-vu/");
    assert_eq!(reg.records[1].terms[3], Some(0));
}

#[test]
fn a_number_reused_in_another_year_is_another_document() {
    let (reg, _, errors) = run(vec![
        source(
            "a.md",
            "  number: \"123/UBND-VP\"\n  issued: 2024-05-02\n  issuer: A\n",
        ),
        source(
            "b.md",
            "  number: \"123/UBND-VP\"\n  issued: 2022-03-01\n  issuer: B\n",
        ),
        source("c.md", "  number: \"123/UBND-VP\"\n  subject: S\n"),
    ]);
    assert!(errors.is_empty(), "{errors:?}");
    let urls: Vec<&str> = reg.records.iter().map(|r| r.url.as_str()).collect();
    // Newest first; the earliest year keeps the plain address.
    assert_eq!(
        urls,
        [
            "/tin/van-ban/123-ubnd-vp-2024/",
            "/tin/van-ban/123-ubnd-vp/"
        ]
    );
    // Without a date, a description joins the newest.
    assert_eq!(reg.records[0].dispatch.subject.as_deref(), Some("S"));
    assert_eq!(
        reg.index.resolve("123-ubnd-vp", Some(2022)).unwrap().record,
        1
    );
    assert_eq!(reg.index.resolve("123-ubnd-vp", None).unwrap().record, 0);
}

#[test]
fn same_year_different_date_is_a_conflict() {
    let (_, _, errors) = run(vec![
        source("a.md", "  number: \"123/UBND-VP\"\n  issued: 2024-05-02\n"),
        source("b.md", "  number: \"123/UBND-VP\"\n  issued: 2024-06-01\n"),
    ]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.contains(
            "`issued` is \"2024-06-01\" here but \"2024-05-02\" in content/van-ban/a.md:4"
        ),
        "{}",
        errors[0]
    );
}

/// The catalog tells every flaw of a number word for word as
/// [`number::Flaw`] writes it, in the warning on a number and on a citation.
#[test]
fn malformed_numbers_are_told_by_the_catalog_as_before() {
    use number::Flaw;
    let every = [
        Flaw::NoSequence,
        Flaw::NotASequence("1141abc".into()),
        Flaw::NoSlash,
        Flaw::NotAYear(1800),
        Flaw::PartyShape,
        Flaw::Unreadable,
        Flaw::EmptyCode,
        Flaw::BadCharacter {
            found: '*',
            code: "UB*ND".into(),
        },
        Flaw::LoneAmpersand("&PC".into()),
        Flaw::NoCapital("qĐ".into()),
        Flaw::NotCapitals("UbND".into()),
        Flaw::TypeAndIssuerJoined("QĐ-UBND".into()),
        Flaw::NothingAfterYear,
        Flaw::SoPrefix,
        Flaw::Spaces,
        Flaw::EthForDj('Ð'),
        Flaw::SmallEth,
        Flaw::Separator {
            right: '/',
            wrong: '\\',
        },
        Flaw::DoubleSeparator,
        Flaw::EdgeSeparator,
        Flaw::CodesJoined("NĐ-CP".into()),
        Flaw::Case {
            written: "ubnd".into(),
            right: "UBND".into(),
        },
    ];
    let mut cases: Vec<Vec<Flaw>> = every.iter().map(|f| vec![f.clone()]).collect();
    let repairs: Vec<Flaw> = every.iter().filter(|f| !f.unreadable()).cloned().collect();
    cases.push(repairs[..6].to_vec());
    for written in ["Số: 12 / 2023 / qđ-ubnd", "12\\2023//QĐ–UBND-", "39-ct/tw"] {
        cases.push(number::parse(written).unwrap_err().flaws);
    }
    for flaws in cases {
        let m = number::Malformed {
            flaws,
            suggestion: None,
        };
        let d = merge::malformed(Path::new("a.md"), "number", "x", &m, "");
        let want = format!(
            "document number `x` is not written as Decree 30/2020 shapes it: {}",
            m.written_out()
        );
        assert_eq!(d.message, want);
        let d = merge::malformed(Path::new("a.md"), "citation", "x", &m, "1/UBND");
        let want = format!(
            "citation `x` is not written as a document number: {}; it is linked to 1/UBND",
            m.written_out()
        );
        assert_eq!(d.message, want);
    }
}

#[test]
fn more_flaws_than_the_catalog_has_slots_end_with_an_ellipsis() {
    let flaws = vec![number::Flaw::Spaces; 8];
    let m = number::Malformed {
        flaws,
        suggestion: None,
    };
    let d = merge::malformed(Path::new("a.md"), "number", "x", &m, "");
    assert!(
        d.message
            .ends_with("the number contains spaces; the number contains spaces; …"),
        "{}",
        d.message
    );
}

#[test]
fn a_malformed_number_in_vietnamese() {
    let m = number::parse("1141/ubnd").unwrap_err();
    let d = merge::malformed(Path::new("a.md"), "number", "1141/ubnd", &m, "");
    let vi = crate::i18n::Messages::new(Lang::Vi);
    assert_eq!(
        vi.problem(&d).0,
        "số ký hiệu `1141/ubnd` chưa viết đúng thể thức theo Nghị định 30/2020/NĐ-CP: `ubnd` phải viết là `UBND`"
    );
}
