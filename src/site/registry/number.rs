//! Document numbers (số, ký hiệu) as Decree 30/2020/NĐ-CP (Appendix I and
//! III) and the Party's rules shape them — pure functions, no I/O.
//!
//! Shapes understood:
//!
//! | shape | examples |
//! | --- | --- |
//! | state, dispatch: `seq/ISSUER-UNIT…` | `1141/UBND-KSTTHC`, `385/BNV-CCHC`, `2231/SNV-CCHC&PC`, `45/UBND` |
//! | state, named type: `seq/TYPE-ISSUER…` | `12/QĐ-UBND`, `30c/NQ-CP`, `05/TTr-SNV`, `07/QyĐ-UBND` |
//! | legal document: `seq/YYYY/TYPE-ISSUER…` | `12/2023/QĐ-UBND`, `42/2022/NĐ-CP` |
//! | Party: `seq-TYPE/ISSUER…` | `39-CT/TW`, `15-KL/TU` |
//!
//! [`parse`] is strict. A number that is not well formed comes back as a
//! [`Malformed`] with what is wrong and, when one can be guessed, the number
//! the writer most likely meant (`42/2022/NĐCP` → `42/2022/NĐ-CP`,
//! `Ð` U+00D0 → `Đ`, stray spaces, lowercase, `\` or `–` as separators).
//! [`slug`] gives the stable URL slug of a number, the same for a malformed
//! number as for the number it was meant to be.

use crate::vi::{nfc, slugify};
use std::fmt;

mod flaw;
pub use flaw::Flaw;

/// A well-formed document number, split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocNumber {
    /// Exactly as written (NFC).
    pub written: String,
    /// `1141`, `30c`.
    pub seq: String,
    /// The year of a legal document: `12/2023/QĐ-UBND` → 2023.
    pub year: Option<u16>,
    /// The abbreviations after the sequence number: `["QĐ", "UBND"]`, `["UBND", "KSTTHC"]`.
    pub codes: Vec<String>,
    /// Written in the Party's shape `seq-TYPE/ISSUER`.
    pub party: bool,
}

/// Why a written number is not well formed, and the likely intended number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    /// What is wrong, for the catalog (`problem-number-malformed`).
    pub flaws: Vec<Flaw>,
    /// The well-formed number the writer most likely meant.
    pub suggestion: Option<DocNumber>,
}

impl Malformed {
    /// What is wrong in English sentence fragments, `; `-separated: "`Ð`
    /// (U+00D0) is not the Vietnamese letter `Đ` (U+0110)".
    pub fn written_out(&self) -> String {
        let parts: Vec<String> = self.flaws.iter().map(Flaw::to_string).collect();
        parts.join("; ")
    }
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.written_out())?;
        if let Some(s) = &self.suggestion {
            write!(f, " (did you mean `{}`?)", s.written)?;
        }
        Ok(())
    }
}

/// Abbreviations of document types (Decree 30/2020 Appendix III, Law 80/2015,
/// Party guidance 36-HD/VPTW) and the name of the type.
const TYPES: &[(&str, &str)] = &[
    ("NQ", "Nghị quyết"),
    ("QĐ", "Quyết định"),
    ("CT", "Chỉ thị"),
    ("QC", "Quy chế"),
    ("QyĐ", "Quy định"),
    ("QĐi", "Quy định"),
    ("TC", "Thông cáo"),
    ("TB", "Thông báo"),
    ("HD", "Hướng dẫn"),
    ("CTr", "Chương trình"),
    ("KH", "Kế hoạch"),
    ("PA", "Phương án"),
    ("ĐA", "Đề án"),
    ("DA", "Dự án"),
    ("BC", "Báo cáo"),
    ("BB", "Biên bản"),
    ("TTr", "Tờ trình"),
    ("HĐ", "Hợp đồng"),
    ("CĐ", "Công điện"),
    ("GN", "Bản ghi nhớ"),
    ("TTh", "Bản thỏa thuận"),
    ("GUQ", "Giấy ủy quyền"),
    ("GM", "Giấy mời"),
    ("GGT", "Giấy giới thiệu"),
    ("NP", "Giấy nghỉ phép"),
    ("PG", "Phiếu gửi"),
    ("PC", "Phiếu chuyển"),
    ("PB", "Phiếu báo"),
    ("KL", "Kết luận"),
    ("NĐ", "Nghị định"),
    ("TT", "Thông tư"),
    ("TTLT", "Thông tư liên tịch"),
    ("NQLT", "Nghị quyết liên tịch"),
    ("PL", "Pháp lệnh"),
    ("L", "Lệnh"),
];

/// Abbreviations legitimately written in mixed case.
const MIXED_CASE: &[&str] = &["QyĐ", "QĐi", "CTr", "TTr", "TTh", "TTg"];

/// Issuers that follow a type code without a dash in hurried writing
/// (`12/QĐUBND`), used only to split such a code when guessing.
const ISSUERS: &[&str] = &[
    "CP", "TTg", "UBND", "HĐND", "QH", "BNV", "BTTTT", "BTC", "BCA", "BYT", "TW", "TU",
];

/// The name of the document type of an abbreviation: `QĐ` → `Quyết định`.
pub fn type_name(code: &str) -> Option<&'static str> {
    TYPES.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

impl DocNumber {
    /// The type abbreviation, when the number names one (`QĐ` in
    /// `12/2023/QĐ-UBND` and `39-CT/TW`); `None` for a dispatch (công văn),
    /// whose first code is its issuer.
    pub fn type_code(&self) -> Option<&str> {
        let first = self.codes.first()?.as_str();
        if self.party || self.year.is_some() {
            return Some(first);
        }
        (self.codes.len() >= 2 && type_name(first).is_some()).then_some(first)
    }

    /// The kind of document the number says it is: `Quyết định`, or
    /// `Công văn` for a number without a type abbreviation.
    pub fn kind_name(&self) -> &'static str {
        match self.type_code() {
            Some("TT") if self.party => "Thông tri",
            Some(code) => type_name(code).unwrap_or("Văn bản"),
            None => "Công văn",
        }
    }

    /// The stable slug: `1141/UBND-KSTTHC` → `1141-ubnd-kstthc`.
    pub fn slug(&self) -> String {
        slugify(&self.written)
    }
}

impl fmt::Display for DocNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written)
    }
}

/// Parse a number strictly. Anything not well formed is [`Malformed`], with
/// a suggestion when the intended number can be guessed.
pub fn parse(written: &str) -> Result<DocNumber, Malformed> {
    let written = nfc(written);
    let problems = match strict(&written) {
        Ok(n) => return Ok(n),
        Err(p) => p,
    };
    let mut found = Vec::new();
    let repaired = repair(&written, &mut found);
    let suggestion = if repaired != written.as_ref() {
        strict(&repaired).ok()
    } else {
        None
    };
    let flaws = if found.is_empty() {
        vec![problems]
    } else {
        found
    };
    Err(Malformed { flaws, suggestion })
}

/// The slug of a written number: of the number itself when well formed, of
/// the suggested number when malformed, else of the text as written.
pub fn slug(written: &str) -> String {
    match parse(written) {
        Ok(n) => n.slug(),
        Err(Malformed {
            suggestion: Some(n),
            ..
        }) => n.slug(),
        Err(_) => slugify(written),
    }
}

fn strict(s: &str) -> Result<DocNumber, Flaw> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return Err(Flaw::NoSequence);
    }
    let letters = s[digits..]
        .bytes()
        .take_while(u8::is_ascii_lowercase)
        .count();
    if letters > 2 {
        return Err(Flaw::NotASequence(s[..digits + letters].to_string()));
    }
    let seq = s[..digits + letters].to_string();
    let rest = &s[seq.len()..];
    let (party, rest) = if let Some(r) = rest.strip_prefix('/') {
        (false, r)
    } else if let Some(r) = rest.strip_prefix('-') {
        (true, r)
    } else {
        return Err(Flaw::NoSlash);
    };
    let mut year = None;
    let mut codes_text = rest;
    if !party
        && let Some((y, after)) = rest.split_once('/')
        && y.len() == 4
        && y.bytes().all(|b| b.is_ascii_digit())
    {
        let y: u16 = y.parse().map_err(|_| Flaw::Unreadable)?;
        if !(1945..=2100).contains(&y) {
            return Err(Flaw::NotAYear(y));
        }
        year = Some(y);
        codes_text = after;
    }
    let codes: Vec<String> = if party {
        let Some((t, issuer)) = codes_text.split_once('/') else {
            return Err(Flaw::PartyShape);
        };
        std::iter::once(t)
            .chain(issuer.split('-'))
            .map(str::to_string)
            .collect()
    } else {
        codes_text.split('-').map(str::to_string).collect()
    };
    for c in &codes {
        check_code(c)?;
    }
    if !party
        && year.is_none()
        && let [only] = codes.as_slice()
        && let Some(split) = split_type(only)
        && split
            .split_once('-')
            .is_some_and(|(_, i)| ISSUERS.contains(&i))
    {
        return Err(Flaw::TypeAndIssuerJoined(split));
    }
    if year.is_some() && codes.len() < 2 {
        return Err(Flaw::NothingAfterYear);
    }
    Ok(DocNumber {
        written: s.to_string(),
        seq,
        year,
        codes,
        party,
    })
}

fn is_code_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || c == 'Đ' || c == 'đ'
}

fn check_code(c: &str) -> Result<(), Flaw> {
    let Some(first) = c.chars().next() else {
        return Err(Flaw::EmptyCode);
    };
    if let Some(bad) = c
        .chars()
        .find(|ch| !(is_code_letter(*ch) || ch.is_ascii_digit() || *ch == '&'))
    {
        return Err(Flaw::BadCharacter {
            found: bad,
            code: c.to_string(),
        });
    }
    if c.starts_with('&') || c.ends_with('&') || c.contains("&&") {
        return Err(Flaw::LoneAmpersand(c.to_string()));
    }
    if !first.is_uppercase() {
        return Err(Flaw::NoCapital(c.to_string()));
    }
    if c.chars().any(char::is_lowercase) && !MIXED_CASE.contains(&c) {
        return Err(Flaw::NotCapitals(c.to_string()));
    }
    Ok(())
}

/// Rewrite the usual mistakes, noting each in `found`.
fn repair(s: &str, found: &mut Vec<Flaw>) -> String {
    let t = strip_label(s, found);
    let out = fix_characters(&t, found);
    fix_codes(&out, found)
}

/// Without `Số:` before the number and without spaces.
fn strip_label(s: &str, found: &mut Vec<Flaw>) -> String {
    let mut t = s.trim().to_string();
    let lower = t.to_lowercase();
    for prefix in ["số:", "số", "so:"] {
        let Some(after) = t.get(prefix.len()..).map(str::trim_start) else {
            continue;
        };
        if lower.starts_with(prefix) && after.starts_with(|c: char| c.is_ascii_digit()) {
            found.push(Flaw::SoPrefix);
            t = after.to_string();
            break;
        }
    }
    if t.contains(char::is_whitespace) {
        found.push(Flaw::Spaces);
        t.retain(|c| !c.is_whitespace());
    }
    t
}

/// Look-alike letters and separators replaced, separators doubled or at
/// either end removed.
fn fix_characters(t: &str, found: &mut Vec<Flaw>) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        let r = match c {
            'Ð' | 'Ɖ' => {
                note(found, Flaw::EthForDj(c));
                'Đ'
            }
            'ð' => {
                note(found, Flaw::SmallEth);
                'đ'
            }
            '\\' => {
                note(
                    found,
                    Flaw::Separator {
                        right: '/',
                        wrong: '\\',
                    },
                );
                '/'
            }
            '–' | '—' | '‐' | '‑' | '‒' | '−' | '_' => {
                note(
                    found,
                    Flaw::Separator {
                        right: '-',
                        wrong: c,
                    },
                );
                '-'
            }
            c => c,
        };
        out.push(r);
    }
    while out.contains("//") || out.contains("--") {
        note(found, Flaw::DoubleSeparator);
        out = out.replace("//", "/").replace("--", "-");
    }
    let trimmed = out.trim_matches(['/', '-']);
    if trimmed.len() != out.len() {
        note(found, Flaw::EdgeSeparator);
        out = trimmed.to_string();
    }
    out
}

/// Capitals in the codes, and a dash between type and issuer.
fn fix_codes(out: &str, found: &mut Vec<Flaw>) -> String {
    let seq_len = out
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || c.is_ascii_lowercase()))
        .map_or(out.len(), |(i, _)| i);
    let (seq, rest) = out.split_at(seq_len);
    let has_year = rest
        .strip_prefix('/')
        .and_then(|r| r.split_once('/'))
        .is_some_and(|(y, _)| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()));
    let mut fixed = seq.to_string();
    let mut code = String::new();
    let mut codes_seen = 0;
    let flush = |code: &mut String,
                 fixed: &mut String,
                 found: &mut Vec<Flaw>,
                 codes_seen: &mut usize| {
        if code.is_empty() {
            return;
        }
        let split = (*codes_seen == 0)
            .then(|| split_type(code))
            .flatten()
            .filter(|s| has_year || s.split_once('-').is_some_and(|(_, i)| ISSUERS.contains(&i)));
        let c = match split {
            Some(s) => {
                note(found, Flaw::CodesJoined(s.clone()));
                let (t, i) = s.split_once('-').unwrap_or((&s, ""));
                format!("{}-{}", case_fix(t, found), case_fix(i, found))
            }
            None => case_fix(code, found),
        };
        if c.bytes().any(|b| b.is_ascii_alphabetic()) || c.contains('Đ') {
            *codes_seen += 1;
        }
        fixed.push_str(&c);
        code.clear();
    };
    for c in rest.chars() {
        if c == '/' || c == '-' {
            flush(&mut code, &mut fixed, found, &mut codes_seen);
            fixed.push(c);
        } else {
            code.push(c);
        }
    }
    flush(&mut code, &mut fixed, found, &mut codes_seen);
    fixed
}

fn note(found: &mut Vec<Flaw>, flaw: Flaw) {
    if !found.contains(&flaw) {
        found.push(flaw);
    }
}

/// `qđ` → `QĐ`, `ttr` → `TTr`, `Ubnd` → `UBND`; digits and years untouched.
fn case_fix(code: &str, found: &mut Vec<Flaw>) -> String {
    if code.bytes().all(|b| b.is_ascii_digit()) || check_code(code).is_ok() {
        return code.to_string();
    }
    let fixed = MIXED_CASE
        .iter()
        .find(|m| m.to_lowercase() == code.to_lowercase())
        .map(|m| m.to_string())
        .unwrap_or_else(|| code.to_uppercase());
    if fixed != code {
        note(
            found,
            Flaw::Case {
                written: code.to_string(),
                right: fixed.clone(),
            },
        );
    }
    fixed
}

/// `NĐCP` → `NĐ-CP`: a known type abbreviation at the start, then the issuer.
fn split_type(code: &str) -> Option<String> {
    TYPES
        .iter()
        .map(|(t, _)| *t)
        .filter(|t| code.len() > t.len() + 1 && code.starts_with(t))
        .max_by_key(|t| t.len())
        .map(|t| format!("{t}-{}", &code[t.len()..]))
}

#[cfg(test)]
mod tests;
