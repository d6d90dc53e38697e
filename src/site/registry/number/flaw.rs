//! What can be wrong with a written document number ([`Flaw`]), as the
//! catalog tells it (`problem-number-malformed`) and in English for the
//! registry's own texts.

use std::fmt;

/// One thing wrong with a written number. The first group says why it
/// cannot be read at all (then it is the only flaw); the second, a usual
/// mistake that was put right to guess the intended number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flaw {
    /// No sequence number at the start.
    NoSequence,
    /// Digits and more than two letters: `1141abc`.
    NotASequence(String),
    /// Neither `/` nor `-` after the sequence number.
    NoSlash,
    /// Four digits that are no year of a document.
    NotAYear(u16),
    /// A Party number without `/ISSUER`.
    PartyShape,
    /// Nothing more to say than the shapes expected.
    Unreadable,
    /// Two separators in a row left an empty abbreviation.
    EmptyCode,
    /// A character no abbreviation has, in the abbreviation `code`.
    BadCharacter {
        /// The character.
        found: char,
        /// The abbreviation it is in.
        code: String,
    },
    /// `&` not between two abbreviations.
    LoneAmpersand(String),
    /// An abbreviation starting in lowercase.
    NoCapital(String),
    /// An abbreviation in mixed case that is not one of the mixed-case ones.
    NotCapitals(String),
    /// Type and issuer written together: the number as it should be split.
    TypeAndIssuerJoined(String),
    /// A year with no type and issuer after it.
    NothingAfterYear,
    /// `Số:` written before the number.
    SoPrefix,
    /// Spaces in the number.
    Spaces,
    /// `Ð` (U+00D0) or `Ɖ` (U+0189) for `Đ`.
    EthForDj(char),
    /// `ð` (U+00F0) for `đ`.
    SmallEth,
    /// The `wrong` separator for the `right` one.
    Separator {
        /// `/` or `-`.
        right: char,
        /// `\`, `–`, `_`…
        wrong: char,
    },
    /// `//` or `--`.
    DoubleSeparator,
    /// A separator at the start or the end.
    EdgeSeparator,
    /// Type and issuer written together (put right): as they are split.
    CodesJoined(String),
    /// An abbreviation in the wrong case, and as it is written.
    Case {
        /// As written.
        written: String,
        /// As it should be.
        right: String,
    },
}

/// The shapes a number may have, before what stops it being read.
const EXPECTED: &str =
    "expected a number such as `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` or `39-CT/TW`";

impl Flaw {
    /// The catalog's name for the flaw (a variant of `problem-number-malformed`).
    pub fn kind(&self) -> &'static str {
        match self {
            Flaw::NoSequence => "no-sequence",
            Flaw::NotASequence(_) => "not-a-sequence",
            Flaw::NoSlash => "no-slash",
            Flaw::NotAYear(_) => "not-a-year",
            Flaw::PartyShape => "party-shape",
            Flaw::Unreadable => "unreadable",
            Flaw::EmptyCode => "empty-code",
            Flaw::BadCharacter { .. } => "bad-character",
            Flaw::LoneAmpersand(_) => "lone-ampersand",
            Flaw::NoCapital(_) => "no-capital",
            Flaw::NotCapitals(_) => "not-capitals",
            Flaw::TypeAndIssuerJoined(_) => "type-and-issuer-joined",
            Flaw::NothingAfterYear => "nothing-after-year",
            Flaw::SoPrefix => "so-prefix",
            Flaw::Spaces => "spaces",
            Flaw::EthForDj(_) => "eth",
            Flaw::SmallEth => "small-eth",
            Flaw::Separator { .. } => "separator",
            Flaw::DoubleSeparator => "double-separator",
            Flaw::EdgeSeparator => "edge-separator",
            Flaw::CodesJoined(_) => "codes-joined",
            Flaw::Case { .. } => "case",
        }
    }

    /// The flaw's details, as the catalog shows them (`a`, `b`, `c`; empty
    /// when it has fewer).
    pub fn details(&self) -> [String; 3] {
        let one = |a: &str| [a.to_string(), String::new(), String::new()];
        match self {
            Flaw::NotASequence(s)
            | Flaw::LoneAmpersand(s)
            | Flaw::NoCapital(s)
            | Flaw::NotCapitals(s)
            | Flaw::TypeAndIssuerJoined(s)
            | Flaw::CodesJoined(s) => one(s),
            Flaw::NotAYear(y) => one(&y.to_string()),
            Flaw::BadCharacter { found, code } => {
                [found.to_string(), code_point(*found), code.clone()]
            }
            Flaw::EthForDj(c) => [c.to_string(), code_point(*c), String::new()],
            Flaw::Separator { right, wrong } => {
                [right.to_string(), wrong.to_string(), String::new()]
            }
            Flaw::Case { written, right } => [written.clone(), right.clone(), String::new()],
            _ => Default::default(),
        }
    }
}

/// `00D0`: the code point of `c`, as written after `U+`.
fn code_point(c: char) -> String {
    format!("{:04X}", c as u32)
}

impl fmt::Display for Flaw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if matches!(self, Flaw::Unreadable) {
            return f.write_str(EXPECTED);
        }
        if self.unreadable() {
            write!(f, "{EXPECTED}: ")?;
        }
        let [a, b, c] = self.details();
        match self {
            Flaw::NoSequence => write!(f, "it must start with the sequence number"),
            Flaw::NotASequence(_) => write!(f, "`{a}` is not a sequence number"),
            Flaw::NoSlash => write!(f, "`/` must follow the sequence number"),
            Flaw::NotAYear(_) => write!(f, "{a} is not a year"),
            Flaw::PartyShape => write!(f, "a Party number is `seq-TYPE/ISSUER`"),
            Flaw::EmptyCode => write!(f, "an abbreviation is empty (two separators in a row?)"),
            Flaw::BadCharacter { .. } => write!(f, "`{a}` (U+{b}) cannot appear in `{c}`"),
            Flaw::LoneAmpersand(_) => write!(f, "`&` must join two abbreviations in `{a}`"),
            Flaw::NoCapital(_) => write!(f, "`{a}` must start with a capital letter"),
            Flaw::NotCapitals(_) => write!(f, "`{a}` must be in capitals"),
            Flaw::TypeAndIssuerJoined(_) => {
                write!(f, "the type and the issuer are joined by `-`: `{a}`")
            }
            Flaw::NothingAfterYear => write!(
                f,
                "after the year come the type and the issuer, joined by `-`"
            ),
            Flaw::SoPrefix => write!(f, "the number is written without `Số:`"),
            Flaw::Spaces => write!(f, "the number contains spaces"),
            Flaw::EthForDj(_) => {
                write!(f, "`{a}` (U+{b}) is not the Vietnamese letter `Đ` (U+0110)")
            }
            Flaw::SmallEth => write!(f, "`ð` (U+00F0) is not the Vietnamese letter `đ` (U+0111)"),
            Flaw::Separator { .. } => write!(f, "the separator is `{a}`, not `{b}`"),
            Flaw::DoubleSeparator => write!(f, "two separators in a row"),
            Flaw::EdgeSeparator => write!(f, "a separator at the start or the end"),
            Flaw::CodesJoined(_) => write!(f, "type and issuer are joined by `-`: `{a}`"),
            Flaw::Case { .. } => write!(f, "`{a}` is written `{b}`"),
            Flaw::Unreadable => Ok(()),
        }
    }
}

impl Flaw {
    /// Whether the flaw stops the number being read (then it is the only one).
    pub fn unreadable(&self) -> bool {
        matches!(
            self,
            Flaw::NoSequence
                | Flaw::NotASequence(_)
                | Flaw::NoSlash
                | Flaw::NotAYear(_)
                | Flaw::PartyShape
                | Flaw::Unreadable
                | Flaw::EmptyCode
                | Flaw::BadCharacter { .. }
                | Flaw::LoneAmpersand(_)
                | Flaw::NoCapital(_)
                | Flaw::NotCapitals(_)
                | Flaw::TypeAndIssuerJoined(_)
                | Flaw::NothingAfterYear
        )
    }
}
