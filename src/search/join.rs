//! Building the index in memory: documents counted a chunk per task
//! ([`super::count`]), in parallel, and each chunk's share of every part
//! joined in document order as the chunks finish.
//!
//! The middle of the index: [`build`] is called by [`super::index`], and
//! the [`Built`] index it returns is written out by [`super::files`].

use super::FxMap;
use super::count::{Counted, Interner, count_chunk};
use super::files::DOCS_PER_FILE;
use super::postings::Postings;
use super::text::DocText;
use rayon::prelude::*;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A word's postings: one list per exact form.
#[derive(Default)]
pub(super) struct WordEntry {
    /// (exact form id, postings).
    pub(super) forms: Vec<(u32, Postings)>,
}

impl WordEntry {
    fn form(&mut self, exact: u32) -> &mut Postings {
        match self.forms.iter().position(|(x, _)| *x == exact) {
            Some(i) => &mut self.forms[i].1,
            None => {
                self.forms.push((exact, Postings::default()));
                &mut self.forms.last_mut().expect("just pushed").1
            }
        }
    }
}

/// One part of the index in memory: the keys whose first folded word falls
/// in it. Parts are built and encoded in parallel.
#[derive(Default)]
pub(super) struct Part {
    /// Folded word → postings by exact form (an id into `Built::exacts`).
    pub(super) words: FxMap<u32, WordEntry>,
    /// (folded, folded) → postings.
    pub(super) pairs: FxMap<(u32, u32), Postings>,
}

impl Part {
    /// Appends `later`, whose documents all come after this part's.
    fn append(&mut self, later: Counted) {
        for (f, e, p) in later.words {
            self.words.entry(f).or_default().form(e).append(p);
        }
        for (a, b, p) in later.pairs {
            self.pairs.entry((a, b)).or_default().append(p);
        }
    }

    /// The number of postings, of words and of pairs.
    fn postings(&self) -> usize {
        self.words
            .values()
            .flat_map(|w| w.forms.iter().map(|(_, l)| l.len as usize))
            .sum::<usize>()
            + self.pairs.values().map(|l| l.len as usize).sum::<usize>()
    }
}

/// The index in memory.
pub(super) struct Built {
    /// The parts, by the first folded word's id modulo their number.
    pub(super) parts: Vec<Part>,
    /// Folded keys by id.
    pub(super) folded: Vec<String>,
    /// Exact keys by id.
    pub(super) exacts: Vec<String>,
    /// Postings of all parts.
    pub(super) postings: usize,
}

impl Built {
    #[cfg(test)]
    fn word(&self, folded: &str) -> Option<&WordEntry> {
        let f = self.folded.iter().position(|k| k == folded)? as u32;
        self.parts.iter().find_map(|p| p.words.get(&f))
    }

    #[cfg(test)]
    fn has_pair(&self, a: &str, b: &str) -> bool {
        let id = |s: &str| self.folded.iter().position(|k| k == s).map(|i| i as u32);
        let (Some(a), Some(b)) = (id(a), id(b)) else {
            return false;
        };
        self.parts.iter().any(|p| p.pairs.contains_key(&(a, b)))
    }
}

/// Documents per task when counting; whole document files.
const CHUNK: usize = 128;
const _: () = assert!(CHUNK.is_multiple_of(DOCS_PER_FILE));

/// A part being joined from the chunks, which finish in any order: each
/// chunk's share is appended in document order, and a chunk that finishes
/// early waits in `early`.
#[derive(Default)]
struct Joining {
    part: Part,
    /// The chunk whose share comes next.
    next: usize,
    early: std::collections::BTreeMap<usize, Counted>,
}

impl Joining {
    /// Chunk `c`'s share: appended now if it is next (with any early ones
    /// that follow it), kept in `early` otherwise.
    fn add(&mut self, c: usize, share: Counted) {
        self.early.insert(c, share);
        while let Some(share) = self.early.remove(&self.next) {
            self.part.append(share);
            self.next += 1;
        }
    }

    /// The joined part, once all `chunks` chunks are in.
    fn finish(self, chunks: usize) -> Part {
        debug_assert!(self.early.is_empty() && self.next == chunks);
        self.part
    }
}

/// Counts `n` documents, a chunk of [`CHUNK`] per task: `text(i)` makes
/// document `i`'s text, and `done(first, texts)` gets each chunk's texts
/// once they are counted (the document files are written from them), so
/// only the chunks in progress hold text. `done`'s results come back in
/// document order. Chunks are taken in order and joined into the parts as
/// they finish, so memory holds the joined postings and a few chunks'.
pub(super) fn build<R: Send>(
    n: usize,
    text: impl Fn(usize) -> DocText + Sync,
    done: impl Fn(usize, &[DocText]) -> R + Sync,
) -> (Built, Vec<R>) {
    let interner = Mutex::new(Interner::default());
    let workers = rayon::current_num_threads();
    let nparts = workers * 4;
    let joining: Vec<Mutex<Joining>> = (0..nparts).map(|_| Mutex::default()).collect();
    let chunks = n.div_ceil(CHUNK);
    let next_chunk = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(chunks));
    // One task per worker, each taking the next chunk until none is left
    // (rather than rayon splitting the range in halves), so that chunks
    // finish roughly in order and few wait to be joined.
    (0..workers).into_par_iter().for_each(|_| {
        loop {
            let c = next_chunk.fetch_add(1, Ordering::Relaxed);
            if c >= chunks {
                break;
            }
            let range = c * CHUNK..n.min((c + 1) * CHUNK);
            let texts: Vec<DocText> = range.map(&text).collect();
            let counted = count_chunk(c * CHUNK, &texts, &interner, nparts);
            let result = done(c * CHUNK, &texts);
            drop(texts);
            for (p, share) in counted.into_iter().enumerate() {
                joining[p]
                    .lock()
                    .expect("no panics while locked")
                    .add(c, share);
            }
            results
                .lock()
                .expect("no panics while locked")
                .push((c, result));
        }
    });
    let parts: Vec<Part> = joining
        .into_iter()
        .map(|j| {
            j.into_inner()
                .expect("no panics while locked")
                .finish(chunks)
        })
        .collect();
    let mut results = results.into_inner().expect("no panics while locked");
    results.sort_unstable_by_key(|(c, _)| *c);
    let results = results.into_iter().map(|(_, r)| r).collect();
    let postings = parts.iter().map(Part::postings).sum();
    let Interner { folded, exacts, .. } = interner.into_inner().expect("no panics while locked");
    let built = Built {
        parts,
        folded,
        exacts,
        postings,
    };
    (built, results)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::text::{IN_TITLE, score};

    fn texts(docs: &[(&str, &str)]) -> Vec<DocText> {
        docs.iter()
            .map(|(t, b)| DocText {
                title: t.to_string(),
                meta: String::new(),
                body: b.to_string(),
            })
            .collect()
    }

    fn built(texts: &[DocText]) -> Built {
        build(texts.len(), |i| texts[i].clone(), |_, _| ()).0
    }

    #[test]
    fn forms_are_kept_apart_under_one_folded_key() {
        let b = built(&texts(&[
            ("Đường", "đường đường"),
            ("x", "dương"),
            ("y", "Đương NFD: \u{0111}u\u{031b}o\u{031b}\u{0300}ng"),
        ]));
        let forms: std::collections::HashMap<&str, &Postings> = b
            .word("duong")
            .unwrap()
            .forms
            .iter()
            .map(|(e, p)| (b.exacts[*e as usize].as_str(), p))
            .collect();
        let docs = |k: &str| forms[k].docs(true).iter().map(|x| x.0).collect::<Vec<_>>();
        assert_eq!(docs("đương2"), [0, 2]);
        assert_eq!(docs("dương"), [1]);
        assert_eq!(docs("đương"), [2]);
        // Title and body of one document are one posting with both counted.
        assert_eq!(forms["đương2"].docs(true)[0], (0, score(3, IN_TITLE) as u8));
    }

    #[test]
    fn pairs_of_document_number_parts_are_indexed() {
        let b = built(&texts(&[("Công văn 1141/UBND-KSTTHC", "")]));
        assert!(b.has_pair("1141", "ubnd"));
        assert!(b.has_pair("ubnd", "kstthc"));
        assert!(b.has_pair("van", "1141"));
        assert!(!b.has_pair("kstthc", "1141"));
    }

    #[test]
    fn shares_finishing_out_of_order_are_joined_in_document_order() {
        let share = |doc: u32| {
            let mut p = Postings::default();
            p.push(doc, Some(4));
            Counted {
                words: vec![(0, 0, p)],
                pairs: Vec::new(),
            }
        };
        let mut j = Joining::default();
        j.add(2, share(20));
        j.add(1, share(10));
        assert_eq!((j.next, j.early.len()), (0, 2), "waits for chunk 0");
        j.add(0, share(0));
        assert_eq!((j.next, j.early.len()), (3, 0));
        j.add(3, share(30));
        let docs: Vec<u32> = j.part.words[&0].forms[0]
            .1
            .docs(true)
            .iter()
            .map(|x| x.0)
            .collect();
        assert_eq!(docs, [0, 10, 20, 30]);
    }

    #[test]
    fn each_chunk_is_done_once_with_its_first_document() {
        let n = CHUNK * 2 + 5;
        let texts = texts(&vec![("tin", "x"); n]);
        let (_, done) = build(n, |i| texts[i].clone(), |first, chunk| (first, chunk.len()));
        assert_eq!(done, [(0, CHUNK), (CHUNK, CHUNK), (2 * CHUNK, 5)]);
    }

    #[test]
    fn chunks_join_in_document_order() {
        let docs: Vec<(String, String)> = (0..CHUNK * 2 + 5)
            .map(|i| (format!("tin {i}"), "hành chính".to_string()))
            .collect();
        let refs: Vec<(&str, &str)> = docs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let b = built(&texts(&refs));
        let list: Vec<u32> = b.word("hanh").unwrap().forms[0]
            .1
            .docs(true)
            .iter()
            .map(|x| x.0)
            .collect();
        assert_eq!(list, (0..(CHUNK * 2 + 5) as u32).collect::<Vec<_>>());
    }
}
