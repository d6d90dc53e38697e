//! The index files: the [`Built`] index spread over the shard files
//! `search/t/<n>.json`, the documents a few per file under `search/doc/`,
//! and the entry file `search/meta.json`, each handed to the sink as soon as
//! it is made.
//!
//! Last step of the index: [`super::index`] calls these with what
//! [`super::join`] built; each file's hash goes into the index version.

use super::fold;
use super::join::{Built, WordEntry};
use super::postings::Postings;
use super::text::DocText;
use crate::output::Output;
use crate::site::{Article, Site};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

/// Aim for shards of about this many postings.
const POSTINGS_PER_SHARD: usize = 8000;
/// Documents per file of `search/doc/`: document `id` is item `id % DOCS_PER_FILE`
/// of file `id / DOCS_PER_FILE`.
pub const DOCS_PER_FILE: usize = 4;
const MAX_SHARDS: usize = 4096;

/// Where files go as they are made; what it returns is kept (see
/// [`crate::render::render_into`]).
pub(super) type Sink<'s> = dyn Fn(Output) -> Option<Output> + Sync + 's;

/// A file made: its hash (for the index version) and what the sink kept.
pub(super) type Made = (u64, Option<Output>);

/// Hands the file `path` to `sink`, keeping only its hash: a fast hash, it
/// tells builds apart and guards nothing.
fn make(path: String, bytes: Vec<u8>, sink: &Sink<'_>) -> Made {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    bytes.as_slice().hash(&mut h);
    (h.finish(), sink(Output { path, bytes }))
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

/// The document files of the articles `first..` whose texts are `texts`,
/// [`DOCS_PER_FILE`] a file (`first` starts a file).
pub(super) fn doc_files(
    site: &Site,
    first: usize,
    texts: &[DocText],
    sink: &Sink<'_>,
) -> Vec<Made> {
    let lang = site.config.language;
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
            let path = format!("search/doc/{}.json", first / DOCS_PER_FILE + k);
            make(path, bytes, sink)
        })
        .collect()
}

/// How many shard files for `postings` postings: a power of two, so that
/// about [`POSTINGS_PER_SHARD`] fall in each, at most [`MAX_SHARDS`].
pub(super) fn shard_count(postings: usize) -> usize {
    (postings / POSTINGS_PER_SHARD)
        .clamp(1, MAX_SHARDS)
        .next_power_of_two()
        .min(MAX_SHARDS)
}

/// A key of the index by ids: a folded word, or a pair of them.
enum KeyRef<'a> {
    Word(u32, &'a WordEntry),
    Pair(u32, u32, &'a Postings),
}

/// The keys of `built` by shard, placed by the hash of their text without
/// making the text: the keys of a shard are spelled out only while it is
/// encoded.
fn shard_keys(built: &Built, shards: usize) -> Vec<Vec<KeyRef<'_>>> {
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
    shard_keys
}

/// The `shards` shard files of `built`, made in parallel, in shard order.
pub(super) fn shard_files(built: &Built, shards: usize, sink: &Sink<'_>) -> Vec<Made> {
    shard_keys(built, shards)
        .into_par_iter()
        .enumerate()
        .map(|(i, refs)| {
            let bytes = shard_json(refs, built).into_bytes();
            make(format!("search/t/{i}.json"), bytes, sink)
        })
        .collect()
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

/// The index version, from the hashes of the shard and document files: it
/// changes whenever the index does, so browsers never mix two builds.
pub(super) fn version(shard_hashes: &[u64], doc_hashes: &[u64]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    shard_hashes.hash(&mut h);
    doc_hashes.hash(&mut h);
    h.finish()
}

/// The entry file `search/meta.json`, made last: it carries the version.
pub(super) fn meta_file(
    site: &Site,
    shards: usize,
    version: u64,
    sink: &Sink<'_>,
) -> Option<Output> {
    sink(Output {
        path: super::META.into(),
        bytes: serde_json::to_vec(&meta(site, shards, version)).expect("JSON of plain values"),
    })
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
    // Per document, 1 + the index of its section or category, 0 for none.
    let per_doc = |of: fn(&Article) -> Option<usize>| -> Vec<usize> {
        site.articles
            .iter()
            .map(|a| of(a).map_or(0, |i| i + 1))
            .collect()
    };
    let sec = per_doc(|a| a.section);
    let cat = per_doc(|a| a.category);
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
