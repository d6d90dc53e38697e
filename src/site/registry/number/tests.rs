use super::*;

#[track_caller]
fn ok(s: &str) -> DocNumber {
    parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[track_caller]
fn suggests(s: &str, want: &str) -> Malformed {
    let e = parse(s).expect_err(s);
    assert_eq!(
        e.suggestion.as_ref().map(|n| n.written.as_str()),
        Some(want),
        "{s}: {e}"
    );
    e
}

#[test]
fn valid_shapes() {
    let n = ok("1141/UBND-KSTTHC");
    assert_eq!((n.seq.as_str(), n.year, n.party), ("1141", None, false));
    assert_eq!(n.codes, ["UBND", "KSTTHC"]);
    assert_eq!(n.type_code(), None);
    assert_eq!(n.kind_name(), "Công văn");

    let n = ok("12/2023/QĐ-UBND");
    assert_eq!(n.year, Some(2023));
    assert_eq!(n.type_code(), Some("QĐ"));
    assert_eq!(n.kind_name(), "Quyết định");

    assert_eq!(ok("42/2022/NĐ-CP").kind_name(), "Nghị định");
    let n = ok("39-CT/TW");
    assert!(n.party);
    assert_eq!(n.codes, ["CT", "TW"]);
    assert_eq!(n.kind_name(), "Chỉ thị");
    let n = ok("30c/NQ-CP");
    assert_eq!(n.seq, "30c");
    assert_eq!(n.kind_name(), "Nghị quyết");
    assert_eq!(ok("2231/SNV-CCHC&PC").codes, ["SNV", "CCHC&PC"]);
    assert_eq!(ok("07/QyĐ-UBND").kind_name(), "Quy định");
    assert_eq!(ok("05/TTr-SNV").kind_name(), "Tờ trình");
    assert_eq!(ok("06/QĐ-TTg").kind_name(), "Quyết định");
    assert_eq!(ok("385/BNV-CCHC").kind_name(), "Công văn");
    assert_eq!(ok("45/UBND").codes, ["UBND"]);
    assert_eq!(ok("02/CT-UBND").kind_name(), "Chỉ thị");
    assert_eq!(ok("15-KL/TW").kind_name(), "Kết luận");
    assert_eq!(ok("01/2023/TT-BTTTT").kind_name(), "Thông tư");
}

#[test]
fn displayed_exactly_as_written() {
    assert_eq!(ok("2231/SNV-CCHC&PC").to_string(), "2231/SNV-CCHC&PC");
}

#[test]
fn slugs_are_stable() {
    assert_eq!(slug("1141/UBND-KSTTHC"), "1141-ubnd-kstthc");
    assert_eq!(slug("12/2023/QĐ-UBND"), "12-2023-qd-ubnd");
    assert_eq!(slug("39-CT/TW"), "39-ct-tw");
    assert_eq!(slug("30c/NQ-CP"), "30c-nq-cp");
    assert_eq!(slug("2231/SNV-CCHC&PC"), "2231-snv-cchc-pc");
    assert_eq!(slug("07/QyĐ-UBND"), "07-qyd-ubnd");
    // A malformed number has the slug of the number it was meant to be.
    assert_eq!(slug("42/2022/NĐCP"), "42-2022-nd-cp");
    assert_eq!(slug("42/2022/NÐ-CP"), "42-2022-nd-cp");
    assert_eq!(slug("chưa có số"), "chua-co-so");
}

#[test]
fn missing_dash_between_type_and_issuer() {
    let e = suggests("42/2022/NĐCP", "42/2022/NĐ-CP");
    assert!(e.flaws[0].to_string().contains("joined by `-`"), "{e}");
    suggests("12/QĐUBND", "12/QĐ-UBND");
    suggests("12/2023/QyĐUBND", "12/2023/QyĐ-UBND");
}

#[test]
fn eth_is_not_dj() {
    let e = suggests("42/2022/NÐ-CP", "42/2022/NĐ-CP");
    assert!(e.to_string().contains("U+00D0"), "{e}");
    suggests("12/2023/qð-ubnd", "12/2023/QĐ-UBND");
}

#[test]
fn stray_spaces_and_prefix() {
    suggests("1141 / UBND - KSTTHC", "1141/UBND-KSTTHC");
    suggests(" 385/BNV-CCHC", "385/BNV-CCHC");
    suggests("Số: 385/BNV-CCHC", "385/BNV-CCHC");
    suggests("số 12/2023/QĐ-UBND", "12/2023/QĐ-UBND");
}

#[test]
fn lowercase() {
    let e = suggests("1141/ubnd-kstthc", "1141/UBND-KSTTHC");
    assert!(e.to_string().contains("`ubnd` is written `UBND`"), "{e}");
    suggests("05/ttr-snv", "05/TTr-SNV");
    suggests("07/qyđ-UBND", "07/QyĐ-UBND");
    suggests("39-ct/tw", "39-CT/TW");
    suggests("1141/Ubnd-KSTTHC", "1141/UBND-KSTTHC");
}

#[test]
fn wrong_separators() {
    suggests("1141\\UBND-KSTTHC", "1141/UBND-KSTTHC");
    suggests("12/2023/QĐ–UBND", "12/2023/QĐ-UBND");
    suggests("1141/UBND_KSTTHC", "1141/UBND-KSTTHC");
    suggests("1141//UBND-KSTTHC", "1141/UBND-KSTTHC");
    suggests("1141/UBND-KSTTHC-", "1141/UBND-KSTTHC");
}

#[test]
fn not_numbers_at_all() {
    for s in [
        "",
        "UBND",
        "abc",
        "15/02/2023",
        "1141",
        "1141/",
        "1141/UBND-&PC",
        "2231/SNV-CCHC&&PC",
    ] {
        assert!(parse(s).is_err(), "{s}");
    }
    let e = parse("abc").unwrap_err();
    assert_eq!(e.suggestion, None);
    assert!(e.flaws[0].to_string().contains("sequence number"), "{e}");
    assert!(parse("15/02/2023").unwrap_err().suggestion.is_none());
    assert!(parse("12/1800/QĐ-UBND").is_err());
}
