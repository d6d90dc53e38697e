//! Taxonomy terms (categories and tags) while the model is built: when two
//! spellings are one term, which spelling is shown, and the order of term
//! lists.
//!
//! Two spellings are one term when they differ only in case, NFC/NFD, spacing
//! or where the tone mark sits (`hoà`/`hòa`, `thuỷ`/`thủy`, `oà`/`òa`,
//! `uỳ`/`ùy`: the "old" and "new" placement rules both live on in press
//! offices). A Vietnamese syllable carries one tone, so a syllable is
//! identified by its letters (with `ă â ê ô ơ ư đ`) plus its tone, wherever the
//! mark was written. Term lists are in Vietnamese dictionary order (ICU4X's
//! collator with CLDR's `vi` tailoring: a < ă < â, d < đ, ba < bà < bả < bã <
//! bá < bạ), not code-point order.

use super::{ArticleId, Taxonomy, TaxonomyKind, Term};
use crate::error::Diagnostic;
use crate::load::Document;
use crate::load::frontmatter::locate_value;
use crate::vi::slugify;
use icu_collator::CollatorBorrowed;
use icu_collator::options::CollatorOptions;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The five tone marks (huyền, sắc, ngã, hỏi, nặng) as combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// The identity of a term: lowercase, decomposed, single spaces, and each
/// syllable's tone mark moved to the end of the syllable, so that every
/// placement of the mark gives the same key.
pub fn term_key(name: &str) -> String {
    fn flush(out: &mut String, syllable: &mut String, tone: &mut Option<char>) {
        out.push_str(syllable);
        out.extend(tone.take());
        syllable.clear();
    }
    let mut out = String::with_capacity(name.len() + 8);
    let mut syllable = String::new();
    let mut tone = None;
    for c in name.nfd().flat_map(char::to_lowercase) {
        if TONES.contains(&c) {
            tone = Some(c);
        } else if c.is_alphanumeric() || is_combining_mark(c) {
            syllable.push(c);
        } else {
            flush(&mut out, &mut syllable, &mut tone);
            if !c.is_whitespace() {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        }
    }
    flush(&mut out, &mut syllable, &mut tone);
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// The Vietnamese collator; `None` only if ICU4X's compiled data lacked `vi`
/// (a unit test makes sure it does not), in which case code-point order is used.
static COLLATOR: LazyLock<Option<CollatorBorrowed<'static>>> = LazyLock::new(|| {
    CollatorBorrowed::try_new(
        icu_locale_core::locale!("vi").into(),
        CollatorOptions::default(),
    )
    .ok()
});

/// Vietnamese dictionary order; strings the collator finds equal are ordered
/// by code point so that the order is total and builds are reproducible.
pub fn compare(a: &str, b: &str) -> Ordering {
    let by_collator = COLLATOR
        .as_ref()
        .map_or(Ordering::Equal, |c| c.compare(a, b));
    by_collator.then_with(|| a.cmp(b))
}

/// Sorts `items` in Vietnamese dictionary order of `name(item)`.
pub fn sort_vietnamese<T>(items: &mut [T], name: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| compare(name(a), name(b)));
}

/// A term being collected: every spelling seen, with how often.
struct Collecting {
    slug: String,
    /// Spellings in the order first seen, with their counts.
    spellings: Vec<(String, usize)>,
    /// Where the term was first seen (file, line, column), for messages.
    first: (PathBuf, usize, usize),
    articles: Vec<ArticleId>,
}

/// Collects the terms of one taxonomy while articles are added (newest first).
pub(super) struct TermIndex {
    kind: TaxonomyKind,
    base: String,
    terms: Vec<Collecting>,
    by_key: HashMap<String, usize>,
    /// Each name as written → its term and shown spelling (none: no slug),
    /// so that a name seen before is not slugified and keyed again.
    by_name: HashMap<String, Option<(usize, usize)>>,
}

impl TermIndex {
    pub(super) fn new(kind: TaxonomyKind, root: &str) -> Self {
        TermIndex {
            kind,
            base: format!("{root}{}/", kind.path()),
            terms: Vec::new(),
            by_key: HashMap::new(),
            by_name: HashMap::new(),
        }
    }

    /// Add `name` (as written in `doc`) for article `id`; returns the term's
    /// index in insertion order.
    pub(super) fn add(&mut self, name: &str, id: ArticleId, doc: &Document) -> Option<usize> {
        let (i, spelling) = match self.by_name.get(name) {
            Some(seen) => (*seen)?,
            None => {
                let seen = self.new_name(name, doc);
                self.by_name.insert(name.to_string(), seen);
                seen?
            }
        };
        let term = &mut self.terms[i];
        term.spellings[spelling].1 += 1;
        if term.articles.last() != Some(&id) {
            term.articles.push(id);
        }
        Some(i)
    }

    /// The term and spelling of a name not seen before (a spelling is the
    /// name with its spaces tidied, so two names may share one), created
    /// with no use counted; none if the name has nothing to make a slug of.
    fn new_name(&mut self, name: &str, doc: &Document) -> Option<(usize, usize)> {
        let shown_name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let slug = slugify(&shown_name);
        if slug.is_empty() {
            return None;
        }
        let key = term_key(&shown_name);
        let i = match self.by_key.get(&key) {
            Some(i) => *i,
            None => {
                let (line, col) = locate_value(&doc.text, &doc.split, name.trim());
                self.terms.push(Collecting {
                    slug,
                    spellings: Vec::new(),
                    first: (doc.shown.clone(), line, col),
                    articles: Vec::new(),
                });
                self.by_key.insert(key, self.terms.len() - 1);
                self.terms.len() - 1
            }
        };
        let spellings = &mut self.terms[i].spellings;
        let spelling = match spellings.iter().position(|(s, _)| *s == shown_name) {
            Some(k) => k,
            None => {
                spellings.push((shown_name, 0));
                spellings.len() - 1
            }
        };
        Some((i, spelling))
    }

    /// The taxonomy in Vietnamese dictionary order, and the new index of each
    /// term by insertion index. Each term shows its most used spelling (the
    /// first seen among equals). Different words whose slugs are the same
    /// (`ba`, `bà`, `bá`) keep apart: the first in dictionary order gets the
    /// plain slug, the others `-2`, `-3`, … and a warning each, since they may
    /// be misspellings of one term.
    pub(super) fn finish(self, warnings: &mut Vec<Diagnostic>) -> (Taxonomy, Vec<usize>) {
        let base = self.base;
        let mut terms: Vec<(usize, String, Collecting)> = self
            .terms
            .into_iter()
            .enumerate()
            .map(|(i, mut c)| {
                let mut best = 0;
                for (j, (_, n)) in c.spellings.iter().enumerate() {
                    if *n > c.spellings[best].1 {
                        best = j;
                    }
                }
                let name = std::mem::take(&mut c.spellings[best].0);
                (i, name, c)
            })
            .collect();
        sort_vietnamese(&mut terms, |(_, name, _)| name);
        let plain: HashSet<String> = terms.iter().map(|(_, _, c)| c.slug.clone()).collect();
        let mut given: HashMap<String, String> = HashMap::new(); // slug → name that has it
        let mut remap = vec![0; terms.len()];
        let mut out = Vec::with_capacity(terms.len());
        for (new, (old, name, c)) in terms.into_iter().enumerate() {
            remap[old] = new;
            let mut slug = c.slug.clone();
            if let Some(owner) = given.get(&slug) {
                let owner = owner.clone();
                let mut n = 2;
                while plain.contains(&format!("{}-{n}", c.slug))
                    || given.contains_key(&format!("{}-{n}", c.slug))
                {
                    n += 1;
                }
                slug = format!("{}-{n}", c.slug);
                let (file, line, col) = &c.first;
                warnings.push(
                    crate::problem!(
                        Warning,
                        file,
                        "terms-share-a-url-name",
                        name = &name,
                        owner = owner,
                        url = format!("{base}{slug}/"),
                    )
                    .at(*line, *col),
                );
            }
            given.insert(slug.clone(), name.clone());
            out.push(Term {
                name,
                url: format!("{base}{slug}/"),
                slug,
                articles: c.articles,
            });
        }
        (
            Taxonomy {
                kind: self.kind,
                url: base,
                terms: out,
            },
            remap,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        sort_vietnamese(&mut v, |s| s);
        v
    }

    #[test]
    fn collator_has_vietnamese_data() {
        assert!(COLLATOR.is_some());
    }

    #[test]
    fn tones_in_dictionary_order() {
        assert_eq!(
            sorted(&["bạ", "bá", "bã", "bả", "bà", "ba"]),
            ["ba", "bà", "bả", "bã", "bá", "bạ"]
        );
    }

    #[test]
    fn letters_in_dictionary_order() {
        assert_eq!(sorted(&["â", "ă", "a", "b"]), ["a", "ă", "â", "b"]);
        assert_eq!(sorted(&["đa", "e", "da"]), ["da", "đa", "e"]);
        assert_eq!(sorted(&["ơ", "ô", "o", "p"]), ["o", "ô", "ơ", "p"]);
        assert_eq!(sorted(&["ư", "u", "v"]), ["u", "ư", "v"]);
        assert_eq!(sorted(&["ê", "e", "g"]), ["e", "ê", "g"]);
        // Code-point order would put every accented letter after z.
        assert_eq!(
            sorted(&["Xây dựng", "Đầu tư", "Ăn uống", "An ninh", "Dân số"]),
            ["An ninh", "Ăn uống", "Dân số", "Đầu tư", "Xây dựng"]
        );
    }

    #[test]
    fn letters_before_tones() {
        // The base letters decide first; tones only between equal letters.
        assert_eq!(
            sorted(&["bác", "bà", "bạc", "bac"]),
            ["bà", "bac", "bác", "bạc"]
        );
        assert_eq!(
            sorted(&["Chỉ đạo điều hành", "Chi bộ", "Chính sách"]),
            ["Chi bộ", "Chỉ đạo điều hành", "Chính sách"]
        );
    }

    #[test]
    fn nfd_sorts_like_nfc() {
        let nfd: String = "bả".nfd().collect();
        assert_eq!(compare(&nfd, "bà"), Ordering::Greater);
        assert_eq!(compare(&nfd, "bã"), Ordering::Less);
    }

    #[test]
    fn one_term_across_case_form_and_tone_placement() {
        let same = [
            ("hoà", "hòa"),
            ("Thuỷ lợi", "thủy lợi"),
            ("Hoà Bình", "HÒA BÌNH"),
            ("khoẻ", "khỏe"),
            ("thoả thuận", "thỏa thuận"),
            ("Quản lý thuỷ sản", "quản lý thủy sản"),
            ("tuỳ", "tùy"),
            ("  Văn   hoá ", "văn hóa"),
        ];
        for (a, b) in same {
            assert_eq!(term_key(a), term_key(b), "{a} / {b}");
            let nfd: String = a.nfd().collect();
            assert_eq!(term_key(&nfd), term_key(b), "NFD {a}");
        }
    }

    #[test]
    fn different_words_stay_apart() {
        let apart = [
            ("hoa", "hóa"),
            ("hòa", "hóa"),
            ("da", "đa"),
            ("ban", "bận"),
            ("thủy", "thùy"),
            ("hoa hồng", "hòa hồng"),
        ];
        for (a, b) in apart {
            assert_ne!(term_key(a), term_key(b), "{a} / {b}");
        }
    }
}
