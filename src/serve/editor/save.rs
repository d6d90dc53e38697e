//! Writing article files, each a small function: replace a file only if it
//! is still what the editor opened ([`replace`]), create a new one without
//! ever replacing another ([`create`]), and move one to `.bantin-trash/`
//! instead of deleting it ([`trash`]). Every write goes to a temporary file
//! in the same folder, then is renamed into place.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a write did not happen.
#[derive(Debug)]
pub enum SaveError {
    /// The file changed on disk since it was opened: what is there now.
    Conflict(Vec<u8>),
    /// A new file's name is taken.
    Exists(PathBuf),
    Io(std::io::Error),
}

impl From<std::io::Error> for SaveError {
    fn from(e: std::io::Error) -> Self {
        SaveError::Io(e)
    }
}

/// The version stamp of a file's bytes, sent with the form and checked on save.
pub fn stamp(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// Replace `path` with `bytes` if its bytes still have the stamp `base`.
/// Nothing is written when `bytes` equal what is there.
pub fn replace(path: &Path, base: &str, bytes: &[u8]) -> Result<bool, SaveError> {
    let now = std::fs::read(path)?;
    if stamp(&now) != base {
        return Err(SaveError::Conflict(now));
    }
    if now == bytes {
        return Ok(false);
    }
    let temp = temp_beside(path, bytes)?;
    temp.persist(path).map_err(|e| SaveError::Io(e.error))?;
    Ok(true)
}

/// Create `path` with `bytes`; never replaces a file that exists.
pub fn create(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temp = temp_beside(path, bytes)?;
    temp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            SaveError::Exists(path.to_path_buf())
        } else {
            SaveError::Io(e.error)
        }
    })?;
    Ok(())
}

fn temp_beside(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = path.parent().unwrap_or(Path::new("."));
    // A dot name: the loader and the watcher's rebuild skip it.
    let mut temp = tempfile::Builder::new()
        .prefix(".bantin-luu-")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// Move the article file `rel` (under `root/content/`, already confined) to
/// `root/.bantin-trash/<timestamp>/content/<rel>`, if it is still the version
/// `base`. Returns where it went.
pub fn trash(
    root: &Path,
    path: &Path,
    rel: &str,
    base: &str,
    when: &str,
) -> Result<PathBuf, SaveError> {
    let now = std::fs::read(path)?;
    if stamp(&now) != base {
        return Err(SaveError::Conflict(now));
    }
    let to = root
        .join(".bantin-trash")
        .join(when)
        .join("content")
        .join(rel);
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir)?;
    }
    if to.exists() {
        return Err(SaveError::Exists(to));
    }
    std::fs::rename(path, &to)?;
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_refuses_a_file_changed_since_it_was_opened() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "one").unwrap();
        let base = stamp(b"one");
        std::fs::write(&p, "two").unwrap();
        assert!(matches!(replace(&p, &base, b"three"), Err(SaveError::Conflict(b)) if b == b"two"));
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert!(replace(&p, &stamp(b"two"), b"three").unwrap());
        assert_eq!(std::fs::read(&p).unwrap(), b"three");
        assert!(!replace(&p, &stamp(b"three"), b"three").unwrap());
        // No temporary files left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn create_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x/a.md");
        create(&p, b"new").unwrap();
        assert!(matches!(create(&p, b"other"), Err(SaveError::Exists(_))));
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
    }

    #[test]
    fn trash_moves_and_keeps() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("content/t/a.md");
        create(&p, b"x").unwrap();
        let to = trash(dir.path(), &p, "t/a.md", &stamp(b"x"), "20260101-000000").unwrap();
        assert!(!p.exists());
        assert_eq!(std::fs::read(to).unwrap(), b"x");
    }
}
