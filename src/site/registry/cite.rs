//! Citations in article bodies, as the model sees them: finding document
//! numbers in running text (`Công văn số 385/BNV-CCHC ngày 06/02/2023 của
//! Bộ Nội vụ`), the [`Index`] of records they may lead to, and where in a
//! body a link may go ([`Context`]: not in code, links, images or headings).
//!
//! Two entry points over the same rules, so that what is linked and what
//! counts as "cited by" never disagree:
//! - [`scan_markdown`]: the model stage's pre-scan (which record each
//!   article cites, and located warnings for malformed citations);
//! - `link_events` in the render stage's part of the registry
//!   (`crate::render::registry::cite`), rewriting pulldown-cmark events into links.

use super::number;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;

/// What a citation of a record links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Root-relative URL of the record page.
    pub url: String,
    /// The kind as the record states it (`Công văn`), to recognise `Công văn số …`.
    pub kind: String,
    /// The year the document was issued: numbers without a year restart
    /// every year (Decree 30/2020, art. 15), so `123/UBND-VP` may be several documents.
    pub year: Option<i32>,
    /// Index of the record in the registry.
    pub record: usize,
}

/// The registry as citations see it: records by number slug (newest first
/// when a number was used in several years), and an accessible label for
/// each URL that leads to a record (its page, its attachments).
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Number slug → the records of that number, newest first.
    pub targets: HashMap<String, Vec<Target>>,
    /// URL (without fragment) → `Công văn số 1141/UBND-KSTTHC` (or with the file type and size).
    pub labels: HashMap<String, String>,
}

impl Index {
    /// Whether nothing can be linked (no record, no labelled URL).
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty() && self.labels.is_empty()
    }

    /// The record a citation of `slug` means: the one of `year` when the text
    /// gives a date, else the newest.
    pub fn resolve(&self, slug: &str, year: Option<i32>) -> Option<&Target> {
        let all = self.targets.get(slug)?;
        year.and_then(|y| all.iter().find(|t| t.year == Some(y)))
            .or_else(|| all.first())
    }

    /// The accessible label of a URL leading to a record (its page or an
    /// attachment), ignoring a fragment or query.
    pub fn label(&self, url: &str) -> Option<&str> {
        let url = url.split(['#', '?']).next().unwrap_or(url);
        self.labels.get(url).map(String::as_str)
    }
}

/// A document number found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range of the number in the text.
    pub number: Range<usize>,
    /// Start of the whole citation (`Công văn số …`), at most `number.start`.
    pub phrase_start: usize,
    /// The number as written.
    pub written: String,
    /// Slug of the number (of the suggested number when malformed).
    pub slug: String,
    /// For a malformed number: what is wrong and the number it was meant to be.
    pub malformed: Option<number::Malformed>,
    /// The year of a date written right after the number (`… ngày 06/02/2023`).
    pub year: Option<i32>,
}

/// Words that name a document before its number, besides the type names of
/// [`number::type_name`].
const KINDS: &[&str] = &[
    "Công văn",
    "Văn bản",
    "Luật",
    "Nghị định",
    "Nghị quyết",
    "Quyết định",
    "Chỉ thị",
    "Thông tư",
    "Thông tư liên tịch",
    "Thông báo",
    "Kế hoạch",
    "Hướng dẫn",
    "Quy định",
    "Quy chế",
    "Tờ trình",
    "Báo cáo",
    "Kết luận",
    "Chương trình",
    "Đề án",
    "Công điện",
    "Thông tri",
];

fn token_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '/' | '-' | '&')
}

/// Every document number in `text` that is well formed, or malformed with
/// a guess of the intended number. Dates (`06/02/2023`) and other slashed
/// text are not numbers and are skipped.
pub fn find(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    // A number has a `/`, and is a whole run of token characters: only the
    // run around each `/` can be one, and the text between is skipped
    // (most of a body; the memchr crate's search is SIMD).
    while let Some(slash) = memchr::memchr(b'/', &bytes[i..]).map(|p| i + p) {
        let start = slash
            - text[i..slash]
                .chars()
                .rev()
                .take_while(|c| token_char(*c))
                .map(char::len_utf8)
                .sum::<usize>();
        let len = text[start..]
            .char_indices()
            .find(|(_, c)| !token_char(*c))
            .map_or(text.len() - start, |(j, _)| j);
        i = start + len;
        // It starts with a digit, not after `.`, `,`, `:` or `\` (the
        // character before a run is never a token character).
        let starts = bytes[start].is_ascii_digit()
            && !text[..start]
                .chars()
                .next_back()
                .is_some_and(|p| matches!(p, '.' | ',' | ':' | '\\'));
        if !starts {
            continue;
        }
        out.extend(found(text, start..i));
    }
    out
}

/// The number in the run of token characters `run` of `text`, if it is one.
fn found(text: &str, run: Range<usize>) -> Option<Found> {
    let token = text[run.clone()].trim_end_matches(['/', '-', '&']);
    let range = run.start..run.start + token.len();
    // A number has a `/` and a letter: dates (`06/02/2023`) are skipped cheaply.
    if !token.contains('/') || !token.chars().any(char::is_alphabetic) {
        return None;
    }
    let (slug, malformed) = match number::parse(token) {
        Ok(n) => (n.slug(), None),
        Err(m) => (m.suggestion.as_ref()?.slug(), Some(m)),
    };
    Some(Found {
        year: year_after(&text[range.end..]),
        phrase_start: phrase_start(text, range.start, None),
        number: range,
        written: token.to_string(),
        slug,
        malformed,
    })
}

/// The year of `ngày 06/02/2023` (or `ngày 6 tháng 2 năm 2023`) at the start of `rest`.
fn year_after(rest: &str) -> Option<i32> {
    let rest = rest.trim_start_matches([' ', ',']);
    let rest = strip_prefix_ci(rest, "ngày")?.trim_start();
    let digits: String = rest
        .chars()
        .take(24)
        .map(|c| if c.is_ascii_digit() { c } else { ' ' })
        .collect();
    let parts: Vec<&str> = digits.split_whitespace().take(3).collect();
    match parts.as_slice() {
        [d, m, y] if d.len() <= 2 && m.len() <= 2 && y.len() == 4 => y.parse().ok(),
        _ => None,
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let mut rest = s;
    for want in prefix.chars() {
        let got = rest.chars().next()?;
        if !got.to_lowercase().eq(want.to_lowercase()) {
            return None;
        }
        rest = &rest[got.len_utf8()..];
    }
    Some(rest)
}

/// `before` without `suffix`, compared letter by letter ignoring case.
fn strip_suffix_ci<'a>(before: &'a str, suffix: &str) -> Option<&'a str> {
    let mut rest = before;
    for want in suffix.chars().rev() {
        let got = rest.chars().next_back()?;
        if !got.to_lowercase().eq(want.to_lowercase()) {
            return None;
        }
        rest = &rest[..rest.len() - got.len_utf8()];
    }
    Some(rest)
}

/// Where `Công văn số ` / `Quyết định ` before a number starts (or the
/// number itself). `extra` is one more kind to recognise (the record's own).
pub fn phrase_start(text: &str, number_start: usize, extra: Option<&str>) -> usize {
    let Some(before) = text[..number_start].strip_suffix(' ') else {
        return number_start;
    };
    let before = ["số:", "số"]
        .iter()
        .find_map(|s| strip_suffix_ci(before, s))
        .and_then(|b| b.strip_suffix(' '))
        .unwrap_or(before);
    KINDS
        .iter()
        .copied()
        .chain(extra.filter(|k| !k.is_empty()))
        .filter_map(|k| strip_suffix_ci(before, k))
        .filter(|rest| !rest.chars().next_back().is_some_and(char::is_alphanumeric))
        .map(str::len)
        .min()
        .unwrap_or(number_start)
}

/// Where links are allowed: not in code, links, images or headings. Fed
/// every event of a body in order ([`Context::update`]).
#[derive(Debug, Default)]
pub struct Context {
    code: usize,
    link: usize,
    image: usize,
    heading: usize,
}

impl Context {
    /// Whether text here may become a link.
    pub fn linkable(&self) -> bool {
        self.code == 0 && self.link == 0 && self.image == 0 && self.heading == 0
    }

    /// How many links are open here (nested or written as raw HTML).
    pub fn links(&self) -> usize {
        self.link
    }

    /// Take the event `ev` into account (call it after reading `ev`).
    pub fn update(&mut self, ev: &Event<'_>) {
        fn step(n: &mut usize, open: bool) {
            if open {
                *n += 1;
            } else {
                *n = n.saturating_sub(1);
            }
        }
        match ev {
            Event::Start(Tag::CodeBlock(_)) => step(&mut self.code, true),
            Event::End(TagEnd::CodeBlock) => step(&mut self.code, false),
            Event::Start(Tag::Link { .. }) => step(&mut self.link, true),
            Event::End(TagEnd::Link) => step(&mut self.link, false),
            Event::Start(Tag::Image { .. }) => step(&mut self.image, true),
            Event::End(TagEnd::Image) => step(&mut self.image, false),
            Event::Start(Tag::Heading { .. }) => step(&mut self.heading, true),
            Event::End(TagEnd::Heading(_)) => step(&mut self.heading, false),
            // A link written as raw HTML: `<a href="…">…</a>`.
            Event::InlineHtml(h) => {
                let h = h.trim_start().to_ascii_lowercase();
                if h.starts_with("<a ") || h == "<a>" {
                    step(&mut self.link, true);
                } else if h.starts_with("</a") {
                    step(&mut self.link, false);
                }
            }
            _ => {}
        }
    }
}

/// A citation found in a Markdown body by [`scan_markdown`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    /// The number and the phrase around it.
    pub found: Found,
    /// Byte offset in the body where the number is written (approximate
    /// when the text holds entities such as `&amp;`).
    pub offset: usize,
}

/// Every citation in a Markdown body where a link may go (the same places
/// the render stage links), whether or not the registry holds it.
pub fn scan_markdown(body: &str, options: pulldown_cmark::Options) -> Vec<Cited> {
    let mut out = Vec::new();
    let mut ctx = Context::default();
    let mut text = String::new();
    // (offset in `text`, offset in `body`) where each merged piece starts.
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut flush = |text: &mut String, pieces: &mut Vec<(usize, usize)>| {
        for f in find(text) {
            let (t0, b0) = pieces
                .iter()
                .rev()
                .find(|(t, _)| *t <= f.number.start)
                .copied()
                .unwrap_or((0, 0));
            out.push(Cited {
                offset: b0 + (f.number.start - t0),
                found: f,
            });
        }
        text.clear();
        pieces.clear();
    };
    for (ev, range) in Parser::new_ext(body, options).into_offset_iter() {
        if ctx.linkable()
            && let Event::Text(t) = &ev
        {
            pieces.push((text.len(), range.start));
            text.push_str(t);
            continue;
        }
        flush(&mut text, &mut pieces);
        ctx.update(&ev);
    }
    flush(&mut text, &mut pieces);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`find`] as it was written before it skipped to each `/`: every
    /// character read, a number started at each digit.
    fn find_by_scanning(text: &str) -> Vec<Found> {
        let mut out = Vec::new();
        if !text.contains('/') {
            return out;
        }
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < text.len() {
            // Only an ASCII digit starts a number; skipping other bytes one by
            // one is the same as skipping their characters (an ASCII byte is
            // never part of a longer character), without decoding them.
            if !bytes[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let prev = text[..i].chars().next_back();
            let starts = c.is_ascii_digit()
                && !prev.is_some_and(|p| token_char(p) || matches!(p, '.' | ',' | ':' | '\\'));
            if !starts {
                i += c.len_utf8();
                continue;
            }
            let len = text[i..]
                .char_indices()
                .find(|(_, c)| !token_char(*c))
                .map_or(text.len() - i, |(j, _)| j);
            out.extend(found(text, i..i + len));
            i += len.max(1);
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn finding_from_each_slash_finds_what_scanning_finds(s in "([0-9]{1,4}/[A-ZĐ]{2,6}(-[A-Z]{2,5})?|[0-9]{1,4}/[0-9]{4}/[A-ZĐ]{2,4}|[0-9]{1,4}|[/\\-&.,:\\\\ ]|UBND|ngày 06/02/2023|số |Công văn |đ|ạ|\\PC)*") {
            let key = |f: &Found| (f.number.clone(), f.phrase_start, f.written.clone(), f.slug.clone(), f.year, f.malformed.is_some());
            let fast: Vec<_> = find(&s).iter().map(key).collect();
            let slow: Vec<_> = find_by_scanning(&s).iter().map(key).collect();
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn finds_numbers_not_dates() {
        let t = "Thực hiện Công văn số 385/BNV-CCHC ngày 06/02/2023 của Bộ Nội vụ, 24/24 giờ.";
        let f = find(t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(&t[f[0].number.clone()], "385/BNV-CCHC");
        assert_eq!(
            &t[f[0].phrase_start..f[0].number.end],
            "Công văn số 385/BNV-CCHC"
        );
        let f = find("theo Quyết định 12/2023/QĐ-UBND.");
        assert_eq!(f[0].written, "12/2023/QĐ-UBND");
        assert_eq!(f[0].slug, "12-2023-qd-ubnd");
        let f = find("Chỉ thị 39-CT/TW; NQ 30c/NQ-CP, (2231/SNV-CCHC&PC)");
        let w: Vec<_> = f.iter().map(|f| f.written.as_str()).collect();
        assert_eq!(w, ["39-CT/TW", "30c/NQ-CP", "2231/SNV-CCHC&PC"]);
        assert!(find("tệp cv/1141/UBND-KSTTHC và x.1141/UBND").is_empty());
    }

    #[test]
    fn a_date_after_the_number_picks_the_year() {
        let f = find(
            "Công văn số 385/BNV-CCHC ngày 06/02/2023 của Bộ Nội vụ; 12/UBND, ngày 5 tháng 3 năm 2021; 7/UBND",
        );
        let years: Vec<_> = f.iter().map(|f| f.year).collect();
        assert_eq!(years, [Some(2023), Some(2021), None]);
        let mut i = Index::default();
        let t = |year, url: &str| Target {
            url: url.into(),
            kind: "Công văn".into(),
            year,
            record: 0,
        };
        i.targets.insert(
            "12-ubnd".into(),
            vec![
                t(Some(2024), "/van-ban/12-ubnd-2024/"),
                t(Some(2021), "/van-ban/12-ubnd/"),
            ],
        );
        assert_eq!(
            i.resolve("12-ubnd", Some(2021)).unwrap().url,
            "/van-ban/12-ubnd/"
        );
        assert_eq!(
            i.resolve("12-ubnd", None).unwrap().url,
            "/van-ban/12-ubnd-2024/"
        );
        assert_eq!(
            i.resolve("12-ubnd", Some(1999)).unwrap().url,
            "/van-ban/12-ubnd-2024/"
        );
    }

    #[test]
    fn malformed_citation_carries_its_suggestion() {
        let f = find("Nghị định 42/2022/NÐ-CP");
        assert_eq!(f[0].slug, "42-2022-nd-cp");
        assert!(f[0].malformed.is_some());
    }

    #[test]
    fn scan_reports_offsets_in_the_body() {
        let body = "# Tiêu đề 385/BNV-CCHC\n\nĐoạn có 385/BNV-CCHC và `12/2023/QĐ-UBND`.\n";
        let c = scan_markdown(body, pulldown_cmark::Options::all());
        assert_eq!(c.len(), 1, "{c:?}");
        assert!(body[c[0].offset..].starts_with("385/BNV-CCHC và"), "{c:?}");
    }
}
