//! What the pipeline produces, at the bottom of the layers so that every
//! stage that makes files (render, search, the documents registry, photos)
//! and the one that writes them share one vocabulary: an [`Output`] is bytes
//! at a path in the output folder, a [`Copy`](struct@Copy) a source file published as it is.

use std::path::PathBuf;

/// One generated file.
#[derive(Debug, Clone)]
pub struct Output {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    /// The file's content, written as is.
    pub bytes: Vec<u8>,
}

/// A file copied as it is (an attachment, a theme file on disk).
#[derive(Debug, Clone)]
pub struct Copy {
    /// The file on disk to copy (a content file, a theme file, a cached photo derivative).
    pub from: PathBuf,
    /// Where it goes, relative to the output folder, `/`-separated.
    pub to: String,
}
