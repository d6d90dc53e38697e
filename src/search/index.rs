//! Building the index files from the site model.
//!
//! Documents are the site's articles in model order (newest first), so a
//! document's number orders by date. Per document we count its tokens and
//! adjacent token pairs (for phrases) and give each a score; postings are
//! grouped by folded key, and under a word's key by exact key, so the browser
//! can prefer exact-diacritic matches. Keys are spread over shards by
//! [`fold::hash`]; a query fetches only the shards of its own keys.

use super::fold;
use crate::output::Output;
use crate::site::{Article, Site};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

/// Where a token was seen in a document; a bit each.
pub const IN_TITLE: u8 = 1;
/// Summary, category, tags, dispatch number, kind, issuer and subject.
pub const IN_META: u8 = 2;

/// The score of a key in a document: grows slowly with the count, and a
/// match in the title or the metadata counts more than one in the body.
pub fn score(count: u32, fields: u8) -> u32 {
    let tf = match count {
        0 => 0,
        1 => 4,
        2 => 6,
        3..=4 => 7,
        5..=8 => 8,
        9..=16 => 9,
        _ => 10,
    };
    let title = if fields & IN_TITLE != 0 { 20 } else { 0 };
    let meta = if fields & IN_META != 0 { 6 } else { 0 };
    tf + title + meta
}

/// Aim for shards of about this many postings.
const POSTINGS_PER_SHARD: usize = 8000;
/// Documents per file of `search/doc/`: document `id` is item `id % DOCS_PER_FILE`
/// of file `id / DOCS_PER_FILE`.
pub const DOCS_PER_FILE: usize = 4;
const MAX_SHARDS: usize = 4096;

/// The plain text of a Markdown body: text and code, blocks separated by
/// line breaks, without URLs or raw HTML.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    for ev in Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_),
            ) if !out.ends_with('\n') => out.push('\n'),
            _ => {}
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// One document's text, as the index and the snippet see it.
#[derive(Clone)]
struct DocText {
    title: String,
    meta: String,
    body: String,
}

fn doc_text(site: &Site, a: &Article) -> DocText {
    let mut meta = vec![a.summary.clone()];
    if let Some(c) = a.category {
        meta.push(site.categories.terms[c].name.clone());
    }
    meta.extend(a.tags.iter().map(|t| site.tags.terms[*t].name.clone()));
    if let Some(d) = &a.dispatch {
        meta.push(d.number.clone());
        meta.extend(
            [&d.kind, &d.issuer, &d.subject, &d.signer]
                .into_iter()
                .flatten()
                .cloned(),
        );
    }
    DocText {
        title: a.title.clone(),
        meta: meta.join("\n"),
        body: plain_text(a.body()),
    }
}

type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;

impl DocText {
    /// The fields with where they count, cut into lines: pairs (for
    /// phrases) do not cross lines, a title and a tag are not a phrase.
    fn lines(&self) -> impl Iterator<Item = (&str, u8)> {
        [
            (&self.title, IN_TITLE),
            (&self.meta, IN_META),
            (&self.body, 0),
        ]
        .into_iter()
        .flat_map(|(field, bits)| field.lines().map(move |l| (l, bits)))
    }
}

/// A posting list being built, compact: per document (ascending), the gap
/// from the previous document (the first from 0) as a LEB128 number, then,
/// in a word's list, the score byte. Pairs carry no score: the browser only
/// needs where a phrase can be. About 2 bytes a posting instead of 8; the
/// gaps are what the index files hold anyway.
#[derive(Default)]
struct Postings {
    bytes: Vec<u8>,
    /// The last document pushed (0 while empty).
    last: u32,
    len: u32,
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
    fn push(&mut self, doc: u32, score: Option<u8>) {
        debug_assert!(self.len == 0 || doc > self.last, "documents ascending");
        put_varint(&mut self.bytes, doc - self.last);
        if let Some(s) = score {
            self.bytes.push(s);
        }
        self.last = doc;
        self.len += 1;
    }

    /// Whether `doc` is the last document pushed.
    fn ends_with(&self, doc: u32) -> bool {
        self.len > 0 && self.last == doc
    }

    /// Appends `later`, whose documents all come after this list's.
    fn append(&mut self, later: Postings) {
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
    fn docs(&self, scores: bool) -> Vec<(u32, u8)> {
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
    fn encode(&self, out: &mut String, scores: bool) {
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

/// A word's postings: one list per exact form.
#[derive(Default)]
struct WordEntry {
    forms: Vec<(u32, Postings)>,
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
struct Part {
    /// Folded word → postings by exact form (an id into `Built::exacts`).
    words: FxMap<u32, WordEntry>,
    /// (folded, folded) → postings.
    pairs: FxMap<(u32, u32), Postings>,
}

/// What one chunk of documents counted for one part: (folded, exact,
/// postings) per word form and (folded, folded, postings) per pair.
#[derive(Default)]
struct Counted {
    words: Vec<(u32, u32, Postings)>,
    pairs: Vec<(u32, u32, Postings)>,
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
}

/// The index in memory.
struct Built {
    parts: Vec<Part>,
    folded: Vec<String>,
    exacts: Vec<String>,
    postings: usize,
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

fn intern(map: &mut FxMap<String, u32>, list: &mut Vec<String>, key: String) -> u32 {
    if let Some(id) = map.get(&key) {
        return *id;
    }
    let id = list.len() as u32;
    list.push(key.clone());
    map.insert(key, id);
    id
}

/// Documents per task when counting; whole document files.
const CHUNK: usize = 128;
const _: () = assert!(CHUNK.is_multiple_of(DOCS_PER_FILE));

/// Folded and exact keys by id, and the ids of every raw token seen, shared
/// by the counting tasks (each folds a token only the first time any sees it).
#[derive(Default)]
struct Interner {
    raw: FxMap<String, (u32, u32)>,
    folded_ids: FxMap<String, u32>,
    exact_ids: FxMap<String, u32>,
    folded: Vec<String>,
    exacts: Vec<String>,
}

impl Interner {
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

/// Counts the documents `first..` whose texts are `texts`, into one
/// [`Counted`] per part (a key's part is its first folded word's id modulo
/// `nparts`).
fn count_chunk(
    first: usize,
    texts: &[DocText],
    interner: &std::sync::Mutex<Interner>,
    nparts: usize,
) -> Vec<Counted> {
    /// A word form of the chunk, with its count in the current document.
    struct Form {
        f: u32,
        e: u32,
        count: u32,
        bits: u8,
        postings: Postings,
    }
    // Raw token → form, and (folded, exact) → form: each token is hashed
    // once per occurrence, and a posting is pushed without a lookup.
    let mut raw: FxMap<&str, u32> = FxMap::default();
    let mut by_ids: FxMap<(u32, u32), u32> = FxMap::default();
    let mut forms: Vec<Form> = Vec::new();
    let mut pair_ids: FxMap<(u32, u32), u32> = FxMap::default();
    let mut pairs: Vec<(u32, u32, Postings)> = Vec::new();
    let mut in_doc: Vec<u32> = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let doc = (first + i) as u32;
        for (line, bits) in text.lines() {
            let mut prev = None;
            for t in fold::tokens(line) {
                let w = *raw.entry(t).or_insert_with(|| {
                    let (f, e) = interner.lock().expect("no panics while locked").get(t);
                    *by_ids.entry((f, e)).or_insert_with(|| {
                        forms.push(Form {
                            f,
                            e,
                            count: 0,
                            bits: 0,
                            postings: Postings::default(),
                        });
                        (forms.len() - 1) as u32
                    })
                });
                let form = &mut forms[w as usize];
                if form.count == 0 {
                    in_doc.push(w);
                }
                form.count += 1;
                form.bits |= bits;
                let f = form.f;
                if let Some(p) = prev {
                    let k = *pair_ids.entry((p, f)).or_insert_with(|| {
                        pairs.push((p, f, Postings::default()));
                        (pairs.len() - 1) as u32
                    });
                    let list = &mut pairs[k as usize].2;
                    if !list.ends_with(doc) {
                        list.push(doc, None);
                    }
                }
                prev = Some(f);
            }
        }
        for w in in_doc.drain(..) {
            let form = &mut forms[w as usize];
            form.postings
                .push(doc, Some(score(form.count, form.bits) as u8));
            form.count = 0;
            form.bits = 0;
        }
    }
    let mut parts: Vec<Counted> = (0..nparts).map(|_| Counted::default()).collect();
    for form in forms {
        parts[form.f as usize % nparts]
            .words
            .push((form.f, form.e, form.postings));
    }
    for (a, b, p) in pairs {
        parts[a as usize % nparts].pairs.push((a, b, p));
    }
    parts
}

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
}

/// Counts `n` documents, a chunk of [`CHUNK`] per task: `text(i)` makes
/// document `i`'s text, and `done(first, texts)` gets each chunk's texts
/// once they are counted (the document files are written from them), so
/// only the chunks in progress hold text. `done`'s results come back in
/// document order. Chunks are taken in order and joined into the parts as
/// they finish, so memory holds the joined postings and a few chunks'.
fn build<R: Send>(
    n: usize,
    text: impl Fn(usize) -> DocText + Sync,
    done: impl Fn(usize, &[DocText]) -> R + Sync,
) -> (Built, Vec<R>) {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
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
            let j = j.into_inner().expect("no panics while locked");
            debug_assert!(j.early.is_empty() && j.next == chunks);
            j.part
        })
        .collect();
    let mut results = results.into_inner().expect("no panics while locked");
    results.sort_unstable_by_key(|(c, _)| *c);
    let results = results.into_iter().map(|(_, r)| r).collect();
    let postings = parts
        .iter()
        .map(|p| {
            p.words
                .values()
                .flat_map(|w| w.forms.iter().map(|(_, l)| l.len as usize))
                .sum::<usize>()
                + p.pairs.values().map(|l| l.len as usize).sum::<usize>()
        })
        .sum();
    let Interner { folded, exacts, .. } = interner.into_inner().expect("no panics while locked");
    let built = Built {
        parts,
        folded,
        exacts,
        postings,
    };
    (built, results)
}

/// A key of the index by ids: a folded word, or a pair of them.
enum KeyRef<'a> {
    Word(u32, &'a WordEntry),
    Pair(u32, u32, &'a Postings),
}

/// `{"key": {"exact form": postings, …}, "key key": postings, …}`, keys
/// sorted so that builds are reproducible.
fn shard_json(refs: Vec<KeyRef<'_>>, built: &Built) -> String {
    let quoted = |s: &str| serde_json::to_string(s).expect("JSON of a string");
    let mut keys: Vec<(String, KeyRef<'_>)> = refs
        .into_iter()
        .map(|k| match k {
            KeyRef::Word(f, _) => (built.folded[f as usize].clone(), k),
            KeyRef::Pair(a, b, _) => (
                format!("{} {}", built.folded[a as usize], built.folded[b as usize]),
                k,
            ),
        })
        .collect();
    keys.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let exacts = &built.exacts;
    let mut out = String::from("{");
    for (i, (key, k)) in keys.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&quoted(key));
        out.push(':');
        match k {
            KeyRef::Pair(_, _, p) => p.encode(&mut out, false),
            KeyRef::Word(_, w) => {
                let mut forms: Vec<&(u32, Postings)> = w.forms.iter().collect();
                forms.sort_unstable_by(|a, b| exacts[a.0 as usize].cmp(&exacts[b.0 as usize]));
                out.push('{');
                for (j, (e, p)) in forms.iter().enumerate() {
                    if j > 0 {
                        out.push(',');
                    }
                    out.push_str(&quoted(&exacts[*e as usize]));
                    out.push(':');
                    p.encode(&mut out, true);
                }
                out.push('}');
            }
        }
    }
    out.push('}');
    out
}

/// What the browser needs about one document to show it as a result.
#[derive(Serialize)]
struct DocView<'a> {
    /// Title, URL, dateline, section title, category name.
    t: &'a str,
    u: &'a str,
    d: String,
    s: &'a str,
    c: &'a str,
    /// Summary, and the text the snippet is cut from.
    m: &'a str,
    x: &'a str,
}

/// Figures about a built index.
#[derive(Debug, Clone)]
pub struct Stats {
    pub documents: usize,
    pub shards: usize,
    pub postings: usize,
    /// Wall time of the steps (text, postings and document files; shard files).
    pub timings: [(&'static str, std::time::Duration); 2],
    /// CPU time (user + system) of the whole process during the stage, where
    /// the system reports it (Linux), zero elsewhere: the stage's own cost
    /// only when nothing else runs beside it.
    pub cpu: std::time::Duration,
}

/// The names of the steps in [`Stats::timings`].
const STEPS: [&str; 2] = [
    "  search: text, postings, document files (wall)",
    "  search: shard files (wall)",
];

impl Stats {
    /// The figures of a site without search (`search: false`).
    fn none() -> Stats {
        Stats {
            documents: 0,
            shards: 0,
            postings: 0,
            timings: STEPS.map(|step| (step, Default::default())),
            cpu: Default::default(),
        }
    }
}

/// The index files for `site`, under `search/` in the output; none when
/// the site's search is off (`search: false`).
pub fn outputs(site: &Site) -> (Vec<Output>, Stats) {
    outputs_into(site, &Some)
}

/// [`outputs`], each file handed to `sink` as soon as it is made; what the
/// sink returns is kept (see [`crate::render::render_into`]).
pub fn outputs_into(
    site: &Site,
    sink: &(dyn Fn(Output) -> Option<Output> + Sync),
) -> (Vec<Output>, Stats) {
    if !site.config.search {
        return (Vec::new(), Stats::none());
    }
    let cpu_before = process_cpu();
    let t = std::time::Instant::now();
    let lang = site.config.language;
    // Each file goes to the sink at once; only its hash stays, for the
    // version (a fast hash: it tells builds apart, it guards nothing).
    let hash = |bytes: &[u8]| {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        bytes.hash(&mut h);
        h.finish()
    };
    // Documents, a few per file (fewer files to write, little to fetch):
    // fetched only for the results shown. Written chunk by chunk as the
    // chunks are counted, so the plain text of the whole site is never in
    // memory at once.
    let doc_files = |first: usize, texts: &[DocText]| -> Vec<(u64, Option<Output>)> {
        let articles = &site.articles[first..first + texts.len()];
        let views: Vec<DocView<'_>> = articles
            .iter()
            .zip(texts)
            .map(|(a, text)| DocView {
                t: &a.title,
                u: &a.url,
                d: a.date
                    .map(|d| crate::vi::dateline(&d, lang))
                    .unwrap_or_default(),
                s: a.section.map_or("", |s| &site.sections[s].title),
                c: a.category.map_or("", |c| &site.categories.terms[c].name),
                m: &a.summary,
                x: &text.body,
            })
            .collect();
        views
            .chunks(DOCS_PER_FILE)
            .enumerate()
            .map(|(k, group)| {
                let bytes = serde_json::to_vec(group).expect("JSON of strings");
                let h = hash(&bytes);
                let path = format!("search/doc/{}.json", first / DOCS_PER_FILE + k);
                (h, sink(Output { path, bytes }))
            })
            .collect()
    };
    let (built, docs) = build(
        site.articles.len(),
        |i| doc_text(site, &site.articles[i]),
        doc_files,
    );
    let build_time = t.elapsed();
    let t = std::time::Instant::now();
    let shards = (built.postings / POSTINGS_PER_SHARD)
        .clamp(1, MAX_SHARDS)
        .next_power_of_two()
        .min(MAX_SHARDS);

    // Keys into shards by the hash of their text, without making the text:
    // the keys of a shard are spelled out only while it is encoded.
    let mut shard_keys: Vec<Vec<KeyRef<'_>>> = (0..shards).map(|_| Vec::new()).collect();
    for part in &built.parts {
        for (f, entry) in &part.words {
            let h = fold::hash(&built.folded[*f as usize]);
            shard_keys[h as usize % shards].push(KeyRef::Word(*f, entry));
        }
        for ((a, b), p) in &part.pairs {
            let h = fold::hash(&built.folded[*a as usize]);
            let h = fold::hash_on(fold::hash_on(h, " "), &built.folded[*b as usize]);
            shard_keys[h as usize % shards].push(KeyRef::Pair(*a, *b, p));
        }
    }
    let (shard_hashes, kept_shards): (Vec<u64>, Vec<Option<Output>>) = shard_keys
        .into_par_iter()
        .enumerate()
        .map(|(i, refs)| {
            let bytes = shard_json(refs, &built).into_bytes();
            let h = hash(&bytes);
            let path = format!("search/t/{i}.json");
            (h, sink(Output { path, bytes }))
        })
        .unzip();
    let shard_time = t.elapsed();
    let (doc_hashes, kept_docs): (Vec<u64>, Vec<Option<Output>>) =
        docs.into_iter().flatten().unzip();
    // Changes whenever the index does, so browsers never mix two builds.
    let version = {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        shard_hashes.hash(&mut h);
        doc_hashes.hash(&mut h);
        h.finish()
    };
    let mut outputs: Vec<Output> = kept_shards.into_iter().flatten().collect();
    outputs.extend(kept_docs.into_iter().flatten());
    outputs.extend(sink(Output {
        path: super::META.into(),
        bytes: serde_json::to_vec(&meta(site, shards, version)).expect("JSON of plain values"),
    }));
    let stats = Stats {
        documents: site.articles.len(),
        shards,
        postings: built.postings,
        timings: [(STEPS[0], build_time), (STEPS[1], shard_time)],
        cpu: process_cpu()
            .zip(cpu_before)
            .map(|(after, before)| after.saturating_sub(before))
            .unwrap_or_default(),
    };
    (outputs, stats)
}

/// CPU time (user + system) of this process so far, from /proc on Linux: a
/// stage's cost that does not depend on how busy the machine is.
fn process_cpu() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses): utime and
    // stime are fields 14 and 15 of the line, in clock ticks (100 per second
    // on Linux).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(std::time::Duration::from_millis(ticks * 10))
}

/// The small file every query loads first: the folding rules, the number of
/// shards, and per document what filters need (section, category, year).
fn meta(site: &Site, shards: usize, version: u64) -> Value {
    let sections: Vec<Value> = site
        .sections
        .iter()
        .map(|s| json!({"name": s.name, "title": s.title}))
        .collect();
    let categories: Vec<Value> = site
        .categories
        .terms
        .iter()
        .map(|t| json!({"slug": t.slug, "name": t.name}))
        .collect();
    let sec: Vec<usize> = site
        .articles
        .iter()
        .map(|a| a.section.map_or(0, |s| s + 1))
        .collect();
    let cat: Vec<usize> = site
        .articles
        .iter()
        .map(|a| a.category.map_or(0, |c| c + 1))
        .collect();
    // Documents are newest first, so a year is a run of documents.
    let mut years: Vec<[i64; 3]> = Vec::new();
    for a in &site.articles {
        let Some(y) = a.date.map(|d| i64::from(chrono::Datelike::year(&d))) else {
            continue;
        };
        match years.last_mut() {
            Some(last) if last[0] == y => last[2] = a.id as i64 + 1,
            _ => years.push([y, a.id as i64, a.id as i64 + 1]),
        }
    }
    json!({
        "format": 1,
        "version": format!("{version:016x}"),
        "count": site.articles.len(),
        "shards": shards,
        "docs_per_file": DOCS_PER_FILE,
        "rules": fold::rules_json(),
        "sections": sections,
        "categories": categories,
        "sec": sec,
        "cat": cat,
        "years": years,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_prefers_title_then_meta_then_count() {
        assert!(score(1, IN_TITLE) > score(50, IN_META));
        assert!(score(1, IN_META) > score(3, 0));
        assert!(score(2, 0) > score(1, 0));
        assert_eq!(score(1000, 0), score(100, 0));
    }

    #[test]
    fn plain_text_drops_markup_and_urls() {
        let t = plain_text(
            "## Tiêu đề\n\nXem [Cổng DVC](https://dichvucong.gov.vn) và **số** `1141`.\n\n- một\n- hai\n",
        );
        assert_eq!(t, "Tiêu đề\nXem Cổng DVC và số 1141.\nmột\nhai");
    }

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
