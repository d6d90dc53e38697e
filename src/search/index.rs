//! Building the index files from the site model.
//!
//! Documents are the site's articles in model order (newest first), so a
//! document's number orders by date. Per document we count its tokens and
//! adjacent token pairs (for phrases) and give each a score; postings are
//! grouped by folded key, and under a word's key by exact key, so the browser
//! can prefer exact-diacritic matches. Keys are spread over shards by
//! [`fold::hash`]; a query fetches only the shards of its own keys.

use super::fold;
use crate::render::Output;
use crate::site::{Article, Site};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

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
const POSTINGS_PER_SHARD: usize = 4000;
const MAX_SHARDS: usize = 4096;

/// The plain text of a Markdown body: text and code, blocks separated by
/// line breaks, without URLs or raw HTML.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    for ev in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
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
            ) => {
                if !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// One document's text, as the index and the snippet see it.
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

/// Token and pair counts of one document, keyed by the raw tokens.
#[derive(Default)]
struct DocCounts<'a> {
    words: HashMap<&'a str, (u32, u8)>,
    pairs: HashMap<(&'a str, &'a str), (u32, u8)>,
}

fn count<'a>(text: &'a DocText) -> DocCounts<'a> {
    let mut c = DocCounts::default();
    for (field, bits) in [
        (&text.title, IN_TITLE),
        (&text.meta, IN_META),
        (&text.body, 0),
    ] {
        // Pairs do not cross lines: a title and a tag are not a phrase.
        for line in field.lines() {
            let mut prev: Option<&str> = None;
            for t in fold::tokens(line) {
                let e = c.words.entry(t).or_default();
                e.0 += 1;
                e.1 |= bits;
                if let Some(p) = prev {
                    let e = c.pairs.entry((p, t)).or_default();
                    e.0 += 1;
                    e.1 |= bits;
                }
                prev = Some(t);
            }
        }
    }
    c
}

/// A posting list being built: (document, count, fields), documents ascending.
#[derive(Default)]
struct Postings(Vec<(u32, u32, u8)>);

impl Postings {
    fn add(&mut self, doc: u32, n: u32, bits: u8) {
        match self.0.last_mut() {
            Some(last) if last.0 == doc => {
                last.1 += n;
                last.2 |= bits;
            }
            _ => self.0.push((doc, n, bits)),
        }
    }

    /// `[gap, score, gap, score, …]` with gaps between document numbers.
    fn encode(&self) -> Value {
        let mut out = Vec::with_capacity(self.0.len() * 2);
        let mut prev = 0;
        for &(doc, n, bits) in &self.0 {
            out.push(Value::from(doc - prev));
            out.push(Value::from(score(n, bits)));
            prev = doc;
        }
        Value::Array(out)
    }
}

/// A word's postings: one list per exact form.
#[derive(Default)]
struct WordEntry {
    forms: Vec<(u32, Postings)>,
}

/// The index in memory: keys with their postings.
struct Built {
    /// Folded word → postings by exact form (an id into `exacts`).
    words: HashMap<u32, WordEntry>,
    /// (folded, folded) → postings.
    pairs: HashMap<(u32, u32), Postings>,
    folded: Vec<String>,
    exacts: Vec<String>,
    postings: usize,
}

/// Interns folded and exact keys, folding each distinct raw token once.
#[derive(Default)]
struct Keys<'a> {
    raw: HashMap<&'a str, (u32, u32)>,
    folded: HashMap<String, u32>,
    exact: HashMap<String, u32>,
    folded_list: Vec<String>,
    exact_list: Vec<String>,
}

impl<'a> Keys<'a> {
    fn get(&mut self, raw: &'a str) -> (u32, u32) {
        if let Some(k) = self.raw.get(raw) {
            return *k;
        }
        let f = intern(&mut self.folded, &mut self.folded_list, fold::fold(raw));
        let e = intern(&mut self.exact, &mut self.exact_list, fold::exact(raw));
        self.raw.insert(raw, (f, e));
        (f, e)
    }
}

fn intern(map: &mut HashMap<String, u32>, list: &mut Vec<String>, key: String) -> u32 {
    if let Some(id) = map.get(&key) {
        return *id;
    }
    let id = list.len() as u32;
    list.push(key.clone());
    map.insert(key, id);
    id
}

fn build(texts: &[DocText]) -> Built {
    let counts: Vec<DocCounts<'_>> = texts.par_iter().map(count).collect();
    let mut keys = Keys::default();
    let mut words: HashMap<u32, WordEntry> = HashMap::new();
    let mut pairs: HashMap<(u32, u32), Postings> = HashMap::new();
    let mut postings = 0;
    for (doc, c) in counts.iter().enumerate() {
        let doc = doc as u32;
        for (raw, (n, bits)) in &c.words {
            let (f, e) = keys.get(raw);
            let entry = words.entry(f).or_default();
            let list = match entry.forms.iter_mut().position(|(x, _)| *x == e) {
                Some(i) => &mut entry.forms[i].1,
                None => {
                    entry.forms.push((e, Postings::default()));
                    &mut entry.forms.last_mut().expect("just pushed").1
                }
            };
            list.add(doc, *n, *bits);
        }
        for ((a, b), (n, bits)) in &c.pairs {
            let (fa, _) = keys.get(a);
            let (fb, _) = keys.get(b);
            pairs.entry((fa, fb)).or_default().add(doc, *n, *bits);
        }
    }
    for w in words.values() {
        postings += w.forms.iter().map(|(_, p)| p.0.len()).sum::<usize>();
    }
    postings += pairs.values().map(|p| p.0.len()).sum::<usize>();
    Built {
        words,
        pairs,
        folded: keys.folded_list,
        exacts: keys.exact_list,
        postings,
    }
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
#[derive(Debug, Clone, Copy)]
pub struct Stats {
    pub documents: usize,
    pub shards: usize,
    pub postings: usize,
}

/// The index files for `site`, under `search/` in the output.
pub fn outputs(site: &Site) -> (Vec<Output>, Stats) {
    let texts: Vec<DocText> = site
        .articles
        .par_iter()
        .map(|a| doc_text(site, a))
        .collect();
    let built = build(&texts);
    let shards = (built.postings / POSTINGS_PER_SHARD)
        .clamp(1, MAX_SHARDS)
        .next_power_of_two()
        .min(MAX_SHARDS);

    // Keys into shards.
    let mut shard_maps: Vec<Map<String, Value>> = vec![Map::new(); shards];
    for (f, entry) in &built.words {
        let key = &built.folded[*f as usize];
        let forms: Map<String, Value> = entry
            .forms
            .iter()
            .map(|(e, p)| (built.exacts[*e as usize].clone(), p.encode()))
            .collect();
        shard_maps[fold::hash(key) as usize % shards].insert(key.clone(), Value::Object(forms));
    }
    for ((a, b), p) in &built.pairs {
        let key = format!("{} {}", built.folded[*a as usize], built.folded[*b as usize]);
        shard_maps[fold::hash(&key) as usize % shards].insert(key, p.encode());
    }
    let shard_bytes: Vec<Vec<u8>> = shard_maps
        .into_par_iter()
        .map(|m| serde_json::to_vec(&Value::Object(m)).expect("JSON of plain values"))
        .collect();
    // Changes whenever the index does, so browsers never mix two builds.
    let version = {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        shard_bytes.hash(&mut h);
        h.finish()
    };

    let mut outputs: Vec<Output> = shard_bytes
        .into_iter()
        .enumerate()
        .map(|(i, bytes)| Output {
            path: format!("search/t/{i}.json"),
            bytes,
        })
        .collect();

    // Documents, one file each: fetched only for the results shown.
    let lang = site.config.language;
    let docs: Vec<Output> = site
        .articles
        .par_iter()
        .zip(texts.par_iter())
        .map(|(a, text)| {
            let view = DocView {
                t: &a.title,
                u: &a.url,
                d: a.date.map(|d| crate::vi::dateline(&d, lang)).unwrap_or_default(),
                s: a.section.map_or("", |s| &site.sections[s].title),
                c: a.category.map_or("", |c| &site.categories.terms[c].name),
                m: &a.summary,
                x: &text.body,
            };
            Output {
                path: format!("search/doc/{}.json", a.id),
                bytes: serde_json::to_vec(&view).expect("JSON of strings"),
            }
        })
        .collect();
    outputs.extend(docs);
    outputs.push(Output {
        path: "search/meta.json".into(),
        bytes: serde_json::to_vec(&meta(site, shards, version)).expect("JSON of plain values"),
    });
    let stats = Stats {
        documents: site.articles.len(),
        shards,
        postings: built.postings,
    };
    (outputs, stats)
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
        let t = plain_text("## Tiêu đề\n\nXem [Cổng DVC](https://dichvucong.gov.vn) và **số** `1141`.\n\n- một\n- hai\n");
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

    #[test]
    fn forms_are_kept_apart_under_one_folded_key() {
        let b = build(&texts(&[
            ("Đường", "đường đường"),
            ("x", "dương"),
            ("y", "Đương NFD: \u{0111}u\u{031b}o\u{031b}\u{0300}ng"),
        ]));
        let f = b.folded.iter().position(|k| k == "duong").unwrap() as u32;
        let forms: HashMap<&str, Vec<u32>> = b.words[&f]
            .forms
            .iter()
            .map(|(e, p)| (b.exacts[*e as usize].as_str(), p.0.iter().map(|x| x.0).collect()))
            .collect();
        assert_eq!(forms["đương2"], [0, 2]);
        assert_eq!(forms["dương"], [1]);
        assert_eq!(forms["đương"], [2]);
        // Title and body of one document are one posting with both counted.
        let first = &b.words[&f].forms.iter().find(|(e, _)| b.exacts[*e as usize] == "đương2").unwrap().1;
        assert_eq!(first.0[0], (0, 3, IN_TITLE));
    }

    #[test]
    fn pairs_of_document_number_parts_are_indexed() {
        let b = build(&texts(&[("Công văn 1141/UBND-KSTTHC", "")]));
        let key = |s: &str| b.folded.iter().position(|k| k == s).unwrap() as u32;
        assert!(b.pairs.contains_key(&(key("1141"), key("ubnd"))));
        assert!(b.pairs.contains_key(&(key("ubnd"), key("kstthc"))));
        assert!(b.pairs.contains_key(&(key("van"), key("1141"))));
    }

    #[test]
    fn encoded_postings_are_gaps_and_scores() {
        let mut p = Postings::default();
        p.add(3, 1, 0);
        p.add(3, 1, IN_TITLE);
        p.add(10, 1, 0);
        assert_eq!(p.encode(), json!([3, score(2, IN_TITLE), 7, score(1, 0)]));
    }
}
