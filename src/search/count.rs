//! Counting one chunk of documents: their tokens and adjacent token pairs
//! (for phrases), each with a posting per document, split by part of the
//! index so that the parts can be joined in parallel.
//!
//! Second step of the index: reads [`DocText`]s from [`super::text`], folds
//! tokens once through the shared [`Interner`], and hands one [`Counted`]
//! per part to the joining ([`super::join`]).

use super::FxMap;
use super::fold;
use super::postings::Postings;
use super::text::{DocText, score};
use std::sync::Mutex;

/// Gives `key` an id: its place in `list`, added if new.
fn intern(map: &mut FxMap<String, u32>, list: &mut Vec<String>, key: String) -> u32 {
    if let Some(id) = map.get(&key) {
        return *id;
    }
    let id = list.len() as u32;
    list.push(key.clone());
    map.insert(key, id);
    id
}

/// Folded and exact keys by id, and the ids of every raw token seen, shared
/// by the counting tasks (each folds a token only the first time any sees it).
#[derive(Default)]
pub(super) struct Interner {
    raw: FxMap<String, (u32, u32)>,
    folded_ids: FxMap<String, u32>,
    exact_ids: FxMap<String, u32>,
    /// Folded keys by id.
    pub(super) folded: Vec<String>,
    /// Exact keys by id.
    pub(super) exacts: Vec<String>,
}

impl Interner {
    /// The (folded, exact) ids of raw token `raw`.
    fn get(&mut self, raw: &str) -> (u32, u32) {
        if let Some(ids) = self.raw.get(raw) {
            return *ids;
        }
        let f = intern(&mut self.folded_ids, &mut self.folded, fold::fold(raw));
        let e = intern(&mut self.exact_ids, &mut self.exacts, fold::exact(raw));
        self.raw.insert(raw.to_string(), (f, e));
        (f, e)
    }
}

/// What one chunk of documents counted for one part: (folded, exact,
/// postings) per word form and (folded, folded, postings) per pair.
#[derive(Default)]
pub(super) struct Counted {
    /// (folded, exact, postings).
    pub(super) words: Vec<(u32, u32, Postings)>,
    /// (folded, folded, postings).
    pub(super) pairs: Vec<(u32, u32, Postings)>,
}

/// A word form of the chunk, with its count in the current document.
struct Form {
    f: u32,
    e: u32,
    count: u32,
    bits: u8,
    postings: Postings,
}

/// The counts of a chunk while its documents are read, one after another.
#[derive(Default)]
struct Chunk<'t> {
    // Raw token → form, and (folded, exact) → form: each token is hashed
    // once per occurrence, and a posting is pushed without a lookup.
    raw: FxMap<&'t str, u32>,
    by_ids: FxMap<(u32, u32), u32>,
    forms: Vec<Form>,
    pair_ids: FxMap<(u32, u32), u32>,
    pairs: Vec<(u32, u32, Postings)>,
    /// The forms seen in the current document.
    in_doc: Vec<u32>,
}

impl<'t> Chunk<'t> {
    /// Counts token `t`, seen in a field with `bits`; returns its folded id.
    fn word(&mut self, t: &'t str, bits: u8, interner: &Mutex<Interner>) -> u32 {
        let w = *self.raw.entry(t).or_insert_with(|| {
            let (f, e) = interner.lock().expect("no panics while locked").get(t);
            *self.by_ids.entry((f, e)).or_insert_with(|| {
                self.forms.push(Form {
                    f,
                    e,
                    count: 0,
                    bits: 0,
                    postings: Postings::default(),
                });
                (self.forms.len() - 1) as u32
            })
        });
        let form = &mut self.forms[w as usize];
        if form.count == 0 {
            self.in_doc.push(w);
        }
        form.count += 1;
        form.bits |= bits;
        form.f
    }

    /// Notes that folded words `a` then `b` are adjacent in `doc`.
    fn pair(&mut self, a: u32, b: u32, doc: u32) {
        let k = *self.pair_ids.entry((a, b)).or_insert_with(|| {
            self.pairs.push((a, b, Postings::default()));
            (self.pairs.len() - 1) as u32
        });
        let list = &mut self.pairs[k as usize].2;
        if !list.ends_with(doc) {
            list.push(doc, None);
        }
    }

    /// Ends document `doc`: a posting, with its score, for each form seen.
    fn end_document(&mut self, doc: u32) {
        for w in self.in_doc.drain(..) {
            let form = &mut self.forms[w as usize];
            form.postings
                .push(doc, Some(score(form.count, form.bits) as u8));
            form.count = 0;
            form.bits = 0;
        }
    }

    /// The postings, one [`Counted`] per part (a key's part is its first
    /// folded word's id modulo `nparts`).
    fn into_parts(self, nparts: usize) -> Vec<Counted> {
        let mut parts: Vec<Counted> = (0..nparts).map(|_| Counted::default()).collect();
        for form in self.forms {
            parts[form.f as usize % nparts]
                .words
                .push((form.f, form.e, form.postings));
        }
        for (a, b, p) in self.pairs {
            parts[a as usize % nparts].pairs.push((a, b, p));
        }
        parts
    }
}

/// Counts the documents `first..` whose texts are `texts`, into one
/// [`Counted`] per part (a key's part is its first folded word's id modulo
/// `nparts`).
pub(super) fn count_chunk(
    first: usize,
    texts: &[DocText],
    interner: &Mutex<Interner>,
    nparts: usize,
) -> Vec<Counted> {
    let mut chunk = Chunk::default();
    for (i, text) in texts.iter().enumerate() {
        let doc = (first + i) as u32;
        for (line, bits) in text.lines() {
            let mut prev = None;
            for t in fold::tokens(line) {
                let f = chunk.word(t, bits, interner);
                if let Some(p) = prev {
                    chunk.pair(p, f, doc);
                }
                prev = Some(f);
            }
        }
        chunk.end_document(doc);
    }
    chunk.into_parts(nparts)
}
