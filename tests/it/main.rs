//! Integration tests: the real `bantin` binary over small fixture sites in
//! `tests/fixtures/`. One test binary (like ripgrep and mdBook) so it links once.

mod util;

mod browser_search;
mod build;
mod check;
mod cli;
mod errors;
mod hostile;
mod images;
mod input;
mod live_reload;
mod output;
mod portal;
mod registry;
mod robust;
mod sample;
mod search;
mod serve;
mod urls;
mod validate;
