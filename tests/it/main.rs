//! Integration tests: the real `bantin` binary over small fixture sites in
//! `tests/fixtures/`. One test binary (like ripgrep and mdBook) so it links once.

mod util;

mod build;
mod cli;
mod errors;
mod input;
mod output;
mod sample;
mod urls;
mod validate;
