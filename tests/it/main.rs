//! Integration tests: the real `bantin` binary over small fixture sites in
//! `tests/fixtures/`. One test binary (like ripgrep and mdBook) so it links once.

mod util;

mod agree;
mod assets;
mod browser_search;
mod build;
mod check;
mod cli;
mod editor;
mod errors;
mod hostile;
mod hosting;
mod images;
mod input;
mod json;
mod live_reload;
mod messages;
mod output;
mod portal;
mod publish;
mod reader;
mod registry;
mod robust;
mod sample;
mod sanitize;
mod search;
mod serve;
mod share;
mod urls;
mod validate;
