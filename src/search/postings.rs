//! Posting lists, compact while the index is built: per document
//! (ascending), the gap from the previous document as a LEB128 number, then,
//! in a word's list, the score byte; and their JSON encoding in the shard
//! files.
//!
//! Used by the counting ([`super::count`]), appended chunk after chunk by
//! the joining ([`super::join`]), encoded by the shard files
//! ([`super::files`]).

/// A posting list being built, compact: per document (ascending), the gap
/// from the previous document (the first from 0) as a LEB128 number, then,
/// in a word's list, the score byte. Pairs carry no score: the browser only
/// needs where a phrase can be. About 2 bytes a posting instead of 8; the
/// gaps are what the index files hold anyway.
#[derive(Default)]
pub(super) struct Postings {
    bytes: Vec<u8>,
    /// The last document pushed (0 while empty).
    last: u32,
    /// Documents in the list.
    pub(super) len: u32,
}

fn put_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The LEB128 number at `bytes[*at..]`; moves `at` past it.
fn get_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut n = 0u32;
    let mut shift = 0;
    loop {
        let b = bytes[*at];
        *at += 1;
        n |= u32::from(b & 0x7F) << shift;
        if b < 0x80 {
            return n;
        }
        shift += 7;
    }
}

impl Postings {
    /// Adds `doc`, after every document already in the list, with its score
    /// (words) or without (pairs).
    pub(super) fn push(&mut self, doc: u32, score: Option<u8>) {
        debug_assert!(self.len == 0 || doc > self.last, "documents ascending");
        put_varint(&mut self.bytes, doc - self.last);
        if let Some(s) = score {
            self.bytes.push(s);
        }
        self.last = doc;
        self.len += 1;
    }

    /// Whether `doc` is the last document pushed.
    pub(super) fn ends_with(&self, doc: u32) -> bool {
        self.len > 0 && self.last == doc
    }

    /// Appends `later`, whose documents all come after this list's.
    pub(super) fn append(&mut self, later: Postings) {
        if later.len == 0 {
            return;
        }
        if self.len == 0 {
            *self = later;
            return;
        }
        // `later`'s first gap is its first document; make it a gap from ours.
        let mut at = 0;
        let first = get_varint(&later.bytes, &mut at);
        debug_assert!(first > self.last, "documents ascending");
        put_varint(&mut self.bytes, first - self.last);
        self.bytes.extend_from_slice(&later.bytes[at..]);
        self.last = later.last;
        self.len += later.len;
    }

    /// (gap, score) in order; `scores` must be what was pushed.
    fn gaps(&self, scores: bool) -> impl Iterator<Item = (u32, Option<u8>)> + '_ {
        let mut at = 0;
        std::iter::from_fn(move || {
            if at == self.bytes.len() {
                return None;
            }
            let gap = get_varint(&self.bytes, &mut at);
            let score = scores.then(|| {
                at += 1;
                self.bytes[at - 1]
            });
            Some((gap, score))
        })
    }

    /// (document, score) in order; the score is 0 in a list without scores.
    #[cfg(test)]
    pub(super) fn docs(&self, scores: bool) -> Vec<(u32, u8)> {
        let mut doc = 0;
        self.gaps(scores)
            .map(|(gap, score)| {
                doc += gap;
                (doc, score.unwrap_or(0))
            })
            .collect()
    }

    /// `[gap,score,gap,score,…]` (gaps between document numbers), as JSON;
    /// without `scores`, `[gap,gap,…]`. `scores` must be what was pushed.
    pub(super) fn encode(&self, out: &mut String, scores: bool) {
        let mut num = itoa::Buffer::new();
        out.push('[');
        for (i, (gap, score)) in self.gaps(scores).enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(num.format(gap));
            if let Some(score) = score {
                out.push(',');
                out.push_str(num.format(score));
            }
        }
        out.push(']');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_postings_are_gaps_and_scores() {
        let mut p = Postings::default();
        p.push(3, Some(26));
        p.push(10, Some(4));
        p.push(400, Some(9));
        let mut s = String::new();
        p.encode(&mut s, true);
        assert_eq!(s, "[3,26,7,4,390,9]");
        let mut p = Postings::default();
        p.push(0, None);
        p.push(200_000, None);
        s.clear();
        p.encode(&mut s, false);
        assert_eq!(s, "[0,200000]");
    }

    #[test]
    fn appended_lists_continue_the_gaps() {
        let list = |docs: &[u32]| {
            let mut p = Postings::default();
            for &d in docs {
                p.push(d, None);
            }
            p
        };
        let mut a = list(&[1, 5]);
        a.append(list(&[300, 301]));
        a.append(Postings::default());
        a.append(list(&[100_000]));
        assert_eq!(
            a.docs(false).iter().map(|x| x.0).collect::<Vec<_>>(),
            [1, 5, 300, 301, 100_000]
        );
        let mut empty = Postings::default();
        empty.append(list(&[0, 7]));
        assert_eq!(empty.docs(false), [(0, 0), (7, 0)]);
        assert!(empty.ends_with(7) && !empty.ends_with(0));
    }
}
