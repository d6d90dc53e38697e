//! Site search without a server: the build writes an index under `search/`
//! and the page `/tim-kiem/` searches it in the browser with
//! `js/search.js` (our own small script).
//!
//! Vietnamese rules ([`fold`]): queries without diacritics find accented
//! words, `đ` folds to `d`, NFC/NFD, case and old/new tone placement match
//! each other, and a query typed with diacritics ranks exact matches first.
//!
//! The build ([`index`]) goes in steps, a module each: the text of an
//! article (`text`), counting a chunk of documents into posting lists
//! (`count`, `postings`), joining the chunks into the index in memory
//! (`join`), and writing the files (`files`).
//!
//! Files, sized so that a query fetches only what it needs:
//! - `search/meta.json`: rules, shard count, sections, categories, and per
//!   document its section, category and year (for filters);
//! - `search/t/<n>.json`: shard `n` of the keys (folded words and adjacent
//!   word pairs, for phrases) with their postings; a key lives in shard
//!   `fnv1a(key) % shards`;
//! - `search/doc/<n>.json`: title, URL, dateline, section, category and
//!   text of a few documents (`docs_per_file` in the metadata), fetched for
//!   the results shown.
//!
//! See docs/search.md for the design and measured sizes.

mod count;
mod files;
pub mod fold;
pub mod index;
mod join;
mod postings;
mod text;

pub use index::{Stats, outputs, outputs_into};

/// The URL path of the search page under the site root.
pub use crate::site::pages::SEARCH as PAGE;

/// The output path of the index's entry file, which the search page preloads.
pub const META: &str = "search/meta.json";

/// The hash map of the index's counting: fast, for keys we make ourselves.
type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;
