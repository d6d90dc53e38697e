//! The Vietnamese matching rules of search, in one place: how text is cut
//! into tokens and how a token is folded.
//!
//! Every token has two keys:
//! - the **folded** key: lowercase, every diacritic removed, `đ` → `d`
//!   (`Đường` → `duong`) — what a query typed without diacritics matches;
//! - the **exact** key: lowercase, vowel marks kept (ă â ê ô ơ ư đ), and the
//!   tone mark taken off the vowel and written as a digit at the end
//!   (`hoà`, `hòa` and `HOÀ` → `hoa2`; `thuỷ`, `thủy` → `thuy4`), so that old
//!   and new tone placement, NFC and NFD, and case give the same key.
//!
//! The browser script (`themes/default/static/js/search.js`) applies the
//! same rules to queries; it reads the mark tables from the index metadata
//! ([`rules_json`]) and is tested against the same vectors as these
//! functions (`src/search/vectors.json`).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Tone marks (in NFD) and the digit each becomes in an exact key:
/// huyền, sắc, ngã, hỏi, nặng.
pub const TONES: [(char, char); 5] = [
    ('\u{0300}', '2'),
    ('\u{0301}', '1'),
    ('\u{0303}', '4'),
    ('\u{0309}', '3'),
    ('\u{0323}', '5'),
];

/// Letters that are not a base letter plus a combining mark, folded by hand.
pub const LETTERS: [(char, char); 1] = [('đ', 'd')];

/// Whether `c` is part of a token: a letter, a digit or a combining mark.
/// Everything else (spaces, punctuation, `/`, `-`) separates tokens, so a
/// document number `1141/UBND-KSTTHC` is the tokens `1141`, `ubnd`, `kstthc`.
#[inline]
pub fn is_token_char(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        // Fast paths for Vietnamese: Latin letters with diacritics and the
        // combining marks (NFD) are all token characters.
        '\u{00D7}' | '\u{00F7}' => false,
        '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{0300}'..='\u{036F}' => true,
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// The tokens of `text`, as slices of it (not yet folded).
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens { rest: text }
}

/// Iterator over the tokens of a text (see [`tokens`]). Written out rather
/// than `str::split` with a closure: it is the innermost loop of indexing.
pub struct Tokens<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let start = scan(self.rest, 0, true);
        if start == self.rest.len() {
            self.rest = "";
            return None;
        }
        let end = scan(self.rest, start, false);
        let token = &self.rest[start..end];
        self.rest = &self.rest[end..];
        Some(token)
    }
}

/// The byte offset of the first character at or after `from` that is a
/// token character (`want` true) or is not one (`want` false); the length
/// of `text` if there is none. ASCII is checked byte by byte.
fn scan(text: &str, mut i: usize, want: bool) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        let (is_token, len) = if b < 0x80 {
            (b.is_ascii_alphanumeric(), 1)
        } else if b == 0xE1 && matches!(bytes.get(i + 1), Some(0xB8..=0xBB)) {
            // U+1E00–U+1EFF (ạ, ế, ữ, …): most Vietnamese letters with a tone mark.
            (true, 3)
        } else if (0xC4..=0xC8).contains(&b)
            || (b == 0xC3 && !matches!(bytes.get(i + 1), Some(0x97 | 0xB7)))
        {
            // U+00C0–U+023F but × and ÷ (à, ă, đ, ĩ, ơ, ư, …): all letters.
            (true, 2)
        } else {
            let c = text[i..].chars().next().expect("i is on a char boundary");
            (is_token_char(c), c.len_utf8())
        };
        if is_token == want {
            return i;
        }
        i += len;
    }
    bytes.len()
}

fn tone_digit(c: char) -> Option<char> {
    TONES.iter().find(|(m, _)| *m == c).map(|(_, d)| *d)
}

fn fold_letter(c: char) -> char {
    LETTERS.iter().find(|(l, _)| *l == c).map_or(c, |(_, f)| *f)
}

/// The folded key of a token: lowercase, no diacritics, `đ` → `d`.
pub fn fold(token: &str) -> String {
    if token.is_ascii() {
        return token.to_ascii_lowercase();
    }
    token
        .to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(fold_letter)
        .collect()
}

/// The exact key of a token: lowercase NFC with the tone mark moved to a
/// digit at the end (the first tone mark when a token has several).
pub fn exact(token: &str) -> String {
    if token.is_ascii() {
        return token.to_ascii_lowercase();
    }
    let mut tone = None;
    let base: String = token
        .to_lowercase()
        .nfd()
        .filter(|c| match tone_digit(*c) {
            Some(d) => {
                tone.get_or_insert(d);
                false
            }
            None => true,
        })
        .nfc()
        .collect();
    match tone {
        Some(d) => format!("{base}{d}"),
        None => base,
    }
}

/// The 32-bit FNV-1a hash of a key's UTF-8 bytes; a key's shard is this
/// modulo the number of shards. The browser computes the same.
pub fn hash(key: &str) -> u32 {
    hash_on(0x811c_9dc5, key)
}

/// [`hash`] of a key that starts with the bytes already hashed into `h`
/// and goes on with `more`: `hash_on(hash("a"), " b") == hash("a b")`, so a
/// pair's hash needs no string of the pair.
pub fn hash_on(h: u32, more: &str) -> u32 {
    more.bytes()
        .fold(h, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// The mark tables for the browser, as JSON: `{"tones": {"\u0300": "2", …},
/// "letters": {"đ": "d"}}`.
pub fn rules_json() -> serde_json::Value {
    let tones: serde_json::Map<String, serde_json::Value> = TONES
        .iter()
        .map(|(m, d)| (m.to_string(), d.to_string().into()))
        .collect();
    let letters: serde_json::Map<String, serde_json::Value> = LETTERS
        .iter()
        .map(|(l, f)| (l.to_string(), f.to_string().into()))
        .collect();
    serde_json::json!({ "tones": tones, "letters": letters })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Vectors shared with the browser script's test (tests/browser/search.js).
    const VECTORS: &str = include_str!("vectors.json");

    #[test]
    fn a_hash_goes_on_where_another_stopped() {
        let pair = hash_on(hash_on(hash("hành"), " "), "chính");
        assert_eq!(pair, hash("hành chính"));
        assert_ne!(pair, hash("hành"));
    }

    #[test]
    fn shared_vectors() {
        let v: serde_json::Value = serde_json::from_str(VECTORS).unwrap();
        for case in v["fold"].as_array().unwrap() {
            let (input, folded, exact_key) = (
                case[0].as_str().unwrap(),
                case[1].as_str().unwrap(),
                case[2].as_str().unwrap(),
            );
            assert_eq!(fold(input), folded, "fold({input:?})");
            assert_eq!(exact(input), exact_key, "exact({input:?})");
        }
        for case in v["tokens"].as_array().unwrap() {
            let input = case[0].as_str().unwrap();
            let want: Vec<&str> = case[1]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap())
                .collect();
            assert_eq!(tokens(input).collect::<Vec<_>>(), want, "tokens({input:?})");
        }
        for case in v["hash"].as_array().unwrap() {
            assert_eq!(
                u64::from(hash(case[0].as_str().unwrap())),
                case[1].as_u64().unwrap()
            );
        }
    }

    #[test]
    fn no_diacritics_and_d_fold() {
        let folded: Vec<String> = tokens("Cải cách hành chính").map(fold).collect();
        assert_eq!(folded, ["cai", "cach", "hanh", "chinh"]);
        assert_eq!(fold("Đắk"), "dak");
        assert_eq!(fold("ĐƯỜNG"), "duong");
    }

    #[test]
    fn nfd_and_tone_placement_give_one_exact_key() {
        let nfd: String = "hoà".nfd().collect();
        assert_eq!(exact(&nfd), exact("hòa"));
        assert_eq!(exact("hoà"), exact("HÒA"));
        assert_eq!(exact("thuỷ"), exact("thủy"));
        assert_eq!(exact("khoẻ"), exact("khỏe"));
        // …but different tones and vowel marks stay apart.
        assert_ne!(exact("hòa"), exact("hóa"));
        assert_ne!(exact("đường"), exact("dương"));
        assert_ne!(exact("dương"), exact("đương"));
        assert_eq!(fold("đường"), fold("dương"));
    }

    #[test]
    fn fast_paths_agree_with_unicode() {
        for c in ('\u{00A0}'..='\u{036F}').chain('\u{1E00}'..='\u{1EFF}') {
            assert_eq!(
                is_token_char(c),
                c.is_alphanumeric() || is_combining_mark(c),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn tokens_at_the_edges() {
        assert_eq!(tokens("").count(), 0);
        assert_eq!(tokens(" ,; ").count(), 0);
        assert_eq!(tokens("  --a,b  ").collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(tokens("—Đắk—Lắk…").collect::<Vec<_>>(), ["Đắk", "Lắk"]);
        assert_eq!(
            tokens("x\u{0301}y 😀 z").collect::<Vec<_>>(),
            ["x\u{0301}y", "z"]
        );
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_the_runs_of_token_characters(s in "([a-z ,]|\\PC|[\u{BF}-\u{24F}\u{300}-\u{36F}\u{1DFF}-\u{1F00}])*") {
            let by_chars: Vec<&str> = s.split(|c: char| !is_token_char(c)).filter(|t| !t.is_empty()).collect();
            proptest::prop_assert_eq!(tokens(&s).collect::<Vec<_>>(), by_chars);
        }
    }

    #[test]
    fn document_numbers_split_into_parts() {
        assert_eq!(
            tokens("Công văn số 1141/UBND-KSTTHC.").collect::<Vec<_>>(),
            ["Công", "văn", "số", "1141", "UBND", "KSTTHC"]
        );
    }

    #[test]
    fn nfd_text_stays_in_one_token() {
        let nfd: String = "Đắk Lắk".nfd().collect();
        assert_eq!(tokens(&nfd).map(fold).collect::<Vec<_>>(), ["dak", "lak"]);
    }
}
