//! Building the index files from the site model: the stage's entry points
//! ([`outputs`], [`outputs_into`]) and its figures ([`Stats`]).
//!
//! Documents are the site's articles in model order (newest first), so a
//! document's number orders by date. Per document we count its tokens and
//! adjacent token pairs (for phrases) and give each a score; postings are
//! grouped by folded key, and under a word's key by exact key, so the browser
//! can prefer exact-diacritic matches. Keys are spread over shards by
//! [`super::fold::hash`]; a query fetches only the shards of its own keys.
//!
//! The steps, each in its own module of [`crate::search`]: the text of a
//! document (`text`), counting a chunk of documents (`count`, with the
//! posting lists of `postings`), joining the chunks into the index in
//! memory (`join`), and the files (`files`).

use super::files;
use super::join::build;
use super::text::doc_text;
use crate::output::Output;
use crate::site::Site;
use std::time::{Duration, Instant};

pub use super::text::plain_text;

/// Figures about a built index.
#[derive(Debug, Clone)]
pub struct Stats {
    /// Documents indexed: the site's articles.
    pub documents: usize,
    /// Shard files of keys (`search/t/<n>.json`).
    pub shards: usize,
    /// Postings of words and of pairs.
    pub postings: usize,
    /// Wall time of the steps (text, postings and document files; shard files).
    pub timings: [(&'static str, Duration); 2],
    /// CPU time (user + system) of the whole process during the stage, where
    /// the system reports it (Linux), zero elsewhere: the stage's own cost
    /// only when nothing else runs beside it.
    pub cpu: Duration,
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
    let t = Instant::now();
    // Documents, a few per file (fewer files to write, little to fetch):
    // fetched only for the results shown. Written chunk by chunk as the
    // chunks are counted, so the plain text of the whole site is never in
    // memory at once.
    let (built, docs) = build(
        site.articles.len(),
        |i| doc_text(site, &site.articles[i]),
        |first, texts| files::doc_files(site, first, texts, sink),
    );
    let build_time = t.elapsed();
    let t = Instant::now();
    let shards = files::shard_count(built.postings);
    let (shard_hashes, kept_shards): (Vec<u64>, Vec<Option<Output>>) =
        files::shard_files(&built, shards, sink).into_iter().unzip();
    let shard_time = t.elapsed();
    let (doc_hashes, kept_docs): (Vec<u64>, Vec<Option<Output>>) =
        docs.into_iter().flatten().unzip();
    let version = files::version(&shard_hashes, &doc_hashes);
    let mut outputs: Vec<Output> = kept_shards.into_iter().flatten().collect();
    outputs.extend(kept_docs.into_iter().flatten());
    outputs.extend(files::meta_file(site, shards, version, sink));
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
fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses): utime and
    // stime are fields 14 and 15 of the line, in clock ticks (100 per second
    // on Linux).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}
