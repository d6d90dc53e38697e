//! Vietnamese text rules shared by every stage: Unicode normalization, slugs,
//! and how the portal writes dates and numbers.
//!
//! chrono's locale data does not match how Vietnamese portals write a
//! dateline (`Thứ Tư, 15-02-2023 / 8:46:50 Sáng`), so the tables are ours.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Weekday};
use std::borrow::Cow;
use unicode_normalization::{UnicodeNormalization, char::is_combining_mark, is_nfc_quick};

/// The language of the site's theme strings, dates and numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Vietnamese (`vi`), the default.
    Vi,
    /// English (`en`).
    En,
}

impl Lang {
    /// The BCP 47 code, as in `<html lang>` and feeds: `vi` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// Text in NFC, the form the web expects; NFD input (from some macOS tools
/// and keyboards) is recomposed. Borrows when the text is already NFC.
pub fn nfc(s: &str) -> Cow<'_, str> {
    if surely_nfc(s) || is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

/// Whether `s` is NFC by a cheap test that covers Vietnamese text: every
/// character below U+0300 (ASCII, Latin-1, Latin Extended-A and -B) or
/// precomposed in Latin Extended Additional (U+1E00–U+1EFF) is NFC on its
/// own, with no combining class, and none composes with the character
/// before it. `false` means "look closer", not "not NFC".
fn surely_nfc(s: &str) -> bool {
    // On the UTF-8 bytes: U+0000–U+02FF is ASCII or a lead byte 0xC2–0xCB,
    // U+1E00–U+1EFF is 0xE1 followed by 0xB8–0xBB, and continuation bytes
    // (0x80–0xBF) are read with their lead. So a byte rules the test out if
    // it is 0xCC–0xDF, or 0xE0 or above but for 0xE1 before 0xB8–0xBB. Checked
    // over byte pairs without branching, which the compiler turns into
    // vector code; the last byte of UTF-8 text is never a lead byte.
    let b = s.as_bytes();
    let out = |x: u8, next: u8| {
        (x.wrapping_sub(0xCC) < 0x14)
            | ((x >= 0xE0) & !((x == 0xE1) & (next.wrapping_sub(0xB8) < 4)))
    };
    !b.iter()
        .zip(&b[1.min(b.len())..])
        .fold(false, |seen, (x, next)| seen | out(*x, *next))
}

/// The number of words of `s`, as `s.split_whitespace().count()` counts
/// them, without decoding characters. Called for every article page.
pub fn word_count(s: &str) -> usize {
    let b = s.as_bytes();
    if has_non_ascii_space(b) {
        return word_count_by_chars(b);
    }
    // Only ASCII white space: a word starts at each other byte that follows
    // one (the bytes of a longer character are never ASCII). Counted over
    // byte pairs in runs of 255 into a byte, which the compiler turns into
    // vector code 16 or 32 bytes at a time.
    let space = |x: u8| (x == b' ') | (x.wrapping_sub(0x09) < 5);
    let mut words = usize::from(b.first().is_some_and(|x| !space(*x)));
    let (xs, ys) = (&b[..b.len().saturating_sub(1)], &b[1.min(b.len())..]);
    for (xs, ys) in xs.chunks(255).zip(ys.chunks(255)) {
        let starts = xs
            .iter()
            .zip(ys)
            .fold(0u8, |n, (x, y)| n + u8::from(space(*x) & !space(*y)));
        words += usize::from(starts);
    }
    words
}

/// Whether `b` holds white space that is not ASCII: U+0085, U+00A0; U+1680;
/// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F; U+3000 (by their UTF-8 bytes).
fn has_non_ascii_space(b: &[u8]) -> bool {
    memchr::memchr3_iter(0xC2, 0xE2, 0xE3, b).any(|i| {
        matches!(
            &b[i..],
            [0xC2, 0x85 | 0xA0, ..]
                | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
                | [0xE2, 0x81, 0x9F, ..]
                | [0xE3, 0x80, 0x80, ..]
        )
    }) || memchr::memmem::find(b, "\u{1680}".as_bytes()).is_some()
}

/// [`word_count`] character by character, for text with any white space.
fn word_count_by_chars(b: &[u8]) -> usize {
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < b.len() {
        let (space, len) = match b[i] {
            b' ' | 0x09..=0x0D => (true, 1),
            0x00..=0x7F => (false, 1),
            0xC2 => (matches!(b.get(i + 1), Some(0x85 | 0xA0)), 2),
            0xE1 => (b.get(i + 1..i + 3) == Some(&[0x9A, 0x80][..]), 3),
            0xE2 => (
                matches!(
                    (b.get(i + 1), b.get(i + 2)),
                    (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) | (Some(0x81), Some(0x9F))
                ),
                3,
            ),
            0xE3 => (b.get(i + 1..i + 3) == Some(&[0x80, 0x80][..]), 3),
            0xF0.. => (false, 4),
            0xE0.. => (false, 3),
            _ => (false, 2),
        };
        words += usize::from(!space && !in_word);
        in_word = !space;
        i += len;
    }
    words
}

/// A URL slug: lowercase ASCII, Vietnamese diacritics removed, đ→d,
/// words joined by `-`. NFC and NFD input give the same slug.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c if is_combining_mark(c) => continue,
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A file or folder name turned into a slug: a leading `YYYY-MM-DD-` is dropped.
pub fn slug_from_file_name(stem: &str) -> String {
    let b = stem.as_bytes();
    let dated = b.len() > 11
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && matches!(b[10], b'-' | b'_' | b' ');
    slugify(if dated { &stem[11..] } else { stem })
}

const WEEKDAYS_VI: [&str; 7] = [
    "Thứ Hai",
    "Thứ Ba",
    "Thứ Tư",
    "Thứ Năm",
    "Thứ Sáu",
    "Thứ Bảy",
    "Chủ Nhật",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn weekday_index(w: Weekday) -> usize {
    w.num_days_from_monday() as usize
}

/// The portal's dateline: `Thứ Tư, 15-02-2023 / 8:46:50 Sáng`
/// (12-hour clock; `Sáng` before noon, `Chiều` from 12:00).
pub fn dateline(d: &DateTime<FixedOffset>, lang: Lang) -> String {
    let (pm, h12) = d.hour12();
    let (wd, am_pm) = match lang {
        Lang::Vi => (
            WEEKDAYS_VI[weekday_index(d.weekday())],
            if pm { "Chiều" } else { "Sáng" },
        ),
        Lang::En => (
            WEEKDAYS_EN[weekday_index(d.weekday())],
            if pm { "PM" } else { "AM" },
        ),
    };
    format!(
        "{wd}, {:02}-{:02}-{:04} / {h12}:{:02}:{:02} {am_pm}",
        d.day(),
        d.month(),
        d.year(),
        d.minute(),
        d.second()
    )
}

/// The date as written in Vietnamese documents: `ngày 15 tháng 02 năm 2023`.
pub fn legal_date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "ngày {:02} tháng {:02} năm {:04}",
            d.day(),
            d.month(),
            d.year()
        ),
        Lang::En => format!(
            "{} {} {:04}",
            d.day(),
            MONTHS_EN[d.month0() as usize],
            d.year()
        ),
    }
}

/// `15/02/2023` (Vietnamese day-first order in both languages).
pub fn short_date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// An integer with thousands grouped: `1.234.567` in Vietnamese, `1,234,567` in English.
pub fn number(n: i64, lang: Lang) -> String {
    let sep = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A view count for readers: `1.234 lượt xem`.
pub fn views(n: i64, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{} lượt xem", number(n, lang)),
        Lang::En if n == 1 => "1 view".to_string(),
        Lang::En => format!("{} views", number(n, lang)),
    }
}

/// A byte size for a download link: `120 KB`, `1,4 MB`.
pub fn file_size(bytes: u64, lang: Lang) -> String {
    let dec = match lang {
        Lang::Vi => ",",
        Lang::En => ".",
    };
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let kb = bytes as f64 / 1024.0;
    if kb < 1024.0 {
        return format!("{} KB", kb.round() as u64);
    }
    let mb = kb / 1024.0;
    let s = format!("{mb:.1}").replace('.', dec);
    format!("{s} MB")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(7 * 3600)
            .unwrap()
            .with_ymd_and_hms(y, m, d, h, mi, s)
            .unwrap()
    }

    #[test]
    fn years_print_with_four_digits() {
        let d = at(1, 1, 1, 9, 5, 0);
        assert_eq!(dateline(&d, Lang::Vi), "Thứ Hai, 01-01-0001 / 9:05:00 Sáng");
        let day = d.date_naive();
        assert_eq!(short_date(day), "01/01/0001");
        assert_eq!(legal_date(day, Lang::Vi), "ngày 01 tháng 01 năm 0001");
        assert_eq!(legal_date(day, Lang::En), "1 January 0001");
        let day = NaiveDate::from_ymd_opt(999, 12, 31).unwrap();
        assert_eq!(short_date(day), "31/12/0999");
    }

    #[test]
    fn the_nfc_shortcut_only_passes_nfc_text() {
        use unicode_normalization::UnicodeNormalization;
        // Every character the shortcut accepts is NFC alone and after any other.
        let accepted = (0u32..0x300)
            .chain(0x1E00..=0x1EFF)
            .filter_map(char::from_u32);
        for c in accepted {
            for before in ['a', 'ư', '\u{0301}', 'Ạ'] {
                let s: String = [before, c].iter().collect();
                assert_eq!(s.nfc().collect::<String>(), s, "{:04X}", c as u32);
            }
        }
        assert!(surely_nfc("Công văn số 1141/UBND-KSTTHC, hoà thuỷ"));
        assert!(!surely_nfc("ho\u{0300}a"));
        assert_eq!(nfc("ho\u{0300}a"), "hòa");
    }

    #[test]
    fn word_count_of_long_text_across_runs_of_255_bytes() {
        // Words and spaces falling on every offset around the 255-byte runs.
        for pad in 0..8 {
            let mut s = "x".repeat(pad);
            for i in 0..400 {
                s.push_str(["ạ ", "từ  ", "a\n", "đường\t ", "b"][i % 5]);
            }
            assert_eq!(word_count(&s), s.split_whitespace().count(), "pad {pad}");
            for end in (250..=512).filter(|e| s.is_char_boundary(*e)) {
                let t = &s[..end];
                assert_eq!(
                    word_count(t),
                    t.split_whitespace().count(),
                    "pad {pad}, end {end}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn word_count_counts_as_split_whitespace(s in "(\\PC|[ \t\n\r\u{0B}\u{0C}\u{85}\u{A0}\u{1680}\u{2000}-\u{200B}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}ạ])*") {
            proptest::prop_assert_eq!(word_count(&s), s.split_whitespace().count());
            proptest::prop_assert_eq!(word_count_by_chars(s.as_bytes()), s.split_whitespace().count());
        }

        #[test]
        fn word_count_of_text_with_only_ascii_space(s in "[a-zđạếữ \t\n\r\u{0B}\u{0C}\u{201C}\u{2013}\u{200B}\u{1E9A}\u{C2}]*") {
            proptest::prop_assert!(!has_non_ascii_space(s.as_bytes()));
            proptest::prop_assert_eq!(word_count(&s), s.split_whitespace().count());
        }

        #[test]
        fn the_nfc_shortcut_reads_bytes_as_it_would_read_characters(s in "([a-z ]|\\PC|[\u{2FF}\u{300}\u{1DFF}\u{1E00}\u{1EFF}\u{1F00}ạ])*") {
            let by_chars = s.chars().all(|c| c < '\u{0300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c));
            proptest::prop_assert_eq!(surely_nfc(&s), by_chars);
        }
    }

    #[test]
    fn slug_removes_diacritics_and_d() {
        assert_eq!(slugify("Chỉ đạo điều hành"), "chi-dao-dieu-hanh");
        assert_eq!(
            slugify("ĐẮK LẮK: Hội nghị (2023)!"),
            "dak-lak-hoi-nghi-2023"
        );
        assert_eq!(slugify("  --Tiêu đề--  "), "tieu-de");
        assert_eq!(slugify(""), "");
    }

    #[test]
    fn slug_same_for_nfc_and_nfd() {
        let nfc_text = "Thông báo tuyển dụng viên chức";
        let nfd_text: String = nfc_text.nfd().collect();
        assert_ne!(nfc_text, nfd_text);
        assert_eq!(slugify(nfc_text), slugify(&nfd_text));
    }

    #[test]
    fn slug_from_file_name_drops_date_prefix() {
        assert_eq!(slug_from_file_name("2023-02-15-hoi-nghi"), "hoi-nghi");
        assert_eq!(slug_from_file_name("2023-02-15 Hội nghị"), "hoi-nghi");
        assert_eq!(slug_from_file_name("2023-hoi-nghi"), "2023-hoi-nghi");
        assert_eq!(
            slug_from_file_name("Thông báo tuyển dụng"),
            "thong-bao-tuyen-dung"
        );
    }

    #[test]
    fn nfc_recomposes() {
        let nfd: String = "hoà".nfd().collect();
        assert_eq!(nfc(&nfd), "hoà");
        assert!(matches!(nfc("abc"), Cow::Borrowed(_)));
    }

    #[test]
    fn dateline_as_the_portal_writes_it() {
        assert_eq!(
            dateline(&at(2023, 2, 15, 8, 46, 50), Lang::Vi),
            "Thứ Tư, 15-02-2023 / 8:46:50 Sáng"
        );
        assert_eq!(
            dateline(&at(2023, 2, 19, 12, 0, 0), Lang::Vi),
            "Chủ Nhật, 19-02-2023 / 12:00:00 Chiều"
        );
        assert_eq!(
            dateline(&at(2023, 2, 18, 14, 5, 9), Lang::Vi),
            "Thứ Bảy, 18-02-2023 / 2:05:09 Chiều"
        );
        assert_eq!(
            dateline(&at(2023, 2, 13, 0, 30, 0), Lang::Vi),
            "Thứ Hai, 13-02-2023 / 12:30:00 Sáng"
        );
        assert_eq!(
            dateline(&at(2023, 2, 15, 8, 46, 50), Lang::En),
            "Wednesday, 15-02-2023 / 8:46:50 AM"
        );
    }

    #[test]
    fn legal_and_short_dates() {
        let d = NaiveDate::from_ymd_opt(2023, 2, 5).unwrap();
        assert_eq!(legal_date(d, Lang::Vi), "ngày 05 tháng 02 năm 2023");
        assert_eq!(legal_date(d, Lang::En), "5 February 2023");
        assert_eq!(short_date(d), "05/02/2023");
    }

    #[test]
    fn numbers_grouped() {
        assert_eq!(number(0, Lang::Vi), "0");
        assert_eq!(number(276, Lang::Vi), "276");
        assert_eq!(number(1234, Lang::Vi), "1.234");
        assert_eq!(number(1234567, Lang::Vi), "1.234.567");
        assert_eq!(number(-1234, Lang::En), "-1,234");
        assert_eq!(views(1234, Lang::Vi), "1.234 lượt xem");
        assert_eq!(views(1, Lang::En), "1 view");
    }

    #[test]
    fn file_sizes() {
        assert_eq!(file_size(900, Lang::Vi), "900 B");
        assert_eq!(file_size(120 * 1024, Lang::Vi), "120 KB");
        assert_eq!(file_size(1468006, Lang::Vi), "1,4 MB");
    }
}
