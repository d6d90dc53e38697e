//! The record of what bantin wrote into an output folder: which files are
//! bantin's (replaced and removed by later builds) and which are not (kept,
//! and named in the summary). It lives outside the output, so that nothing
//! of bantin's is served ([`super::target::Target::record`]).
//!
//! Outputs of older bantin carry a marker file inside instead
//! ([`LEGACY_MARKER`]); every file in such a folder was bantin's (that
//! version removed anything else), and the next build drops the marker.

use super::fail;
use crate::error::{Diagnostic, IoOp};
use crate::problem;
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

/// The marker file that older bantin put inside its output.
pub const LEGACY_MARKER: &str = ".bantin-build";

/// What a previous build left in an output folder.
#[derive(Debug, Default)]
pub struct Record {
    /// The files bantin wrote (`/`-separated, relative to the output); `None`
    /// for an output of an older bantin, where every file was bantin's.
    files: Option<HashSet<String>>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct OnDisk {
    bantin_output: u32,
    files: Vec<String>,
}

impl Record {
    /// The record at `path` (or `other`), or the legacy marker in `dir`;
    /// `None` when `dir` is not a recognized output.
    pub fn find(path: &Path, other: &Path, dir: &Path) -> Result<Option<Record>, Diagnostic> {
        for p in [path, other] {
            let bytes = match std::fs::read(p) {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(fail("cannot-read", p, &e)),
            };
            let disk: OnDisk = serde_json::from_slice(&bytes).map_err(|e| {
                problem!(
                    Error,
                    p,
                    "cannot-read-output-record",
                    detail = e.to_string()
                )
            })?;
            return Ok(Some(Record {
                files: Some(disk.files.into_iter().collect()),
            }));
        }
        if dir.join(LEGACY_MARKER).is_file() {
            return Ok(Some(Record { files: None }));
        }
        Ok(None)
    }

    /// A record of no files: a folder bantin does not know, replaced on
    /// request (`--clean`), each of its files then named as removed.
    pub fn empty() -> Record {
        Record {
            files: Some(HashSet::new()),
        }
    }

    /// Whether bantin wrote `rel`.
    pub fn has(&self, rel: &str) -> bool {
        self.files.as_ref().is_none_or(|f| f.contains(rel))
    }

    /// Whether every file counts as bantin's (a legacy output, `--clean`).
    pub fn is_all(&self) -> bool {
        self.files.is_none()
    }

    /// The recorded files (none for a legacy output).
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.iter().flatten().map(String::as_str)
    }
}

/// Writes the record of `files` to `path` durably: a temporary file beside,
/// flushed to disk, renamed over the old record, and the folder flushed.
pub fn save<'a>(path: &Path, files: impl Iterator<Item = &'a str>) -> Result<(), Diagnostic> {
    let mut files: Vec<String> = files.map(str::to_string).collect();
    files.sort_unstable();
    files.dedup();
    let disk = OnDisk {
        bantin_output: 1,
        files,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Diagnostic::io_op(IoOp::CreateFolder, dir, &e))?;
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    let tmp = path.with_file_name(name);
    let done = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(&serde_json::to_vec(&disk).map_err(std::io::Error::other)?)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        std::fs::File::open(dir)?.sync_all()
    })();
    done.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Diagnostic::io_op(IoOp::Write, path, &e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_record_is_found_and_legacy_marker_recognized() {
        let d = tempfile::tempdir().unwrap();
        let (rec, other, out) = (d.path().join("r"), d.path().join("o"), d.path().join("p"));
        std::fs::create_dir(&out).unwrap();
        assert!(Record::find(&rec, &other, &out).unwrap().is_none());
        save(&rec, ["b", "a/x.html", "b"].into_iter()).unwrap();
        let r = Record::find(&rec, &other, &out).unwrap().unwrap();
        assert!(r.has("a/x.html") && r.has("b") && !r.has("c"));
        std::fs::remove_file(&rec).unwrap();
        std::fs::write(out.join(LEGACY_MARKER), "").unwrap();
        let r = Record::find(&rec, &other, &out).unwrap().unwrap();
        assert!(r.has("anything"));
    }
}
