//! bantin — a static site generator for the news page of a Vietnamese provincial
//! Communications Office.
//!
//! The build is a pipeline, one module a stage:
//!
//! 1. [`config`] reads `config.yaml` into a validated [`config::Config`];
//! 2. [`load`] walks `content/`, splits and parses front matter ([`load::Content`]);
//! 3. [`site`] builds the model: articles with slugs and URLs, sections,
//!    taxonomies, pagination, the link table ([`site::Site`]);
//! 4. [`render`] turns the model into outputs — Markdown, highlighting, Tera
//!    templates — in parallel, writing nothing ([`render::Rendered`]);
//! 5. [`write`] puts the outputs on disk atomically.
//!
//! [`build`] drives the stages, [`session`] re-runs them incrementally; [`scaffold`] creates sites and articles.
//! Only the binary prints: the library returns values and [`Diagnostic`]s.

#![deny(missing_docs)]
// `Diagnostic` is every stage's error and carries its message id and
// arguments (~180 bytes); errors are the cold path, and boxing them in every
// signature would only add noise.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod check;
pub mod config;
pub mod draft;
pub mod error;
pub mod files;
pub mod i18n;
pub mod images;
#[cfg(test)]
mod layers;
pub mod load;
pub mod markdown;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod session;
pub mod site;
pub mod text;
pub mod theme;
pub mod verify;
pub mod vi;
pub mod write;
mod yaml;

pub use build::{BuildOptions, BuildReport, Progress, build};
pub use error::{Diagnostic, Errors, Severity};
