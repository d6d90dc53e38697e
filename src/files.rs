//! Reading the site's source files without ever blocking on one: a named
//! pipe (FIFO), a socket or a device under `content/`, `themes/` or `data/`
//! is not a file to publish (opening a FIFO for reading waits for a writer
//! forever). Walkers skip such entries with a warning ([`special_kind`]),
//! and every source file is read through [`read_regular`], which refuses
//! them even when one appears between the walk and the read.

use crate::error::Diagnostic;
use std::fs::FileType;
use std::io::Read;
use std::path::Path;

/// What a directory entry is when it is neither a regular file, a folder
/// nor a symbolic link: `Some("named pipe (FIFO)")`, `Some("socket")`, ….
pub fn special_kind(ft: &FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("named pipe (FIFO)");
        }
        if ft.is_socket() {
            return Some("socket");
        }
        if ft.is_block_device() || ft.is_char_device() {
            return Some("device");
        }
    }
    if ft.is_file() || ft.is_dir() || ft.is_symlink() {
        None
    } else {
        Some("special file")
    }
}

/// The warning for a special entry found by a walk, at `shown`; `kind` is
/// a [`special_kind`].
pub fn skipped(shown: &Path, kind: &str) -> Diagnostic {
    let kind = match kind {
        "named pipe (FIFO)" => "fifo",
        "socket" => "socket",
        "device" => "device",
        _ => "other",
    };
    crate::problem!(Warning, shown, "special-file", kind = kind)
}

/// Warnings for the special entries anywhere under `root/folder` (`themes`,
/// `data`: folders other stages read; `content/` is checked by its own walk).
pub fn scan_special(root: &Path, folder: &str) -> Vec<Diagnostic> {
    let dir = root.join(folder);
    if !dir.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter_map(|e| {
            let kind = special_kind(&e.file_type())?;
            let shown = e.path().strip_prefix(root).unwrap_or(e.path());
            Some(skipped(shown, kind))
        })
        .collect()
}

/// The bytes of the regular file at `path`. The file is opened without
/// blocking and checked once open, so a FIFO, socket or device is an error
/// (`InvalidInput`), never a wait.
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = options.open(path)?;
    let meta = file.metadata()?;
    if let Some(kind) = special_kind(&meta.file_type()) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("a {kind}, not a regular file"),
        ));
    }
    if meta.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "a folder, not a file",
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Editors' temporary and backup files, and hidden files: never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || name == "4913"
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name.eq_ignore_ascii_case("Thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".crswap")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "xin chào").unwrap();
        assert_eq!(read_regular(&p).unwrap(), "xin chào".as_bytes());
        let ft = std::fs::symlink_metadata(&p).unwrap().file_type();
        assert_eq!(special_kind(&ft), None);
        assert!(read_regular(dir.path()).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ong.md");
        let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let ft = std::fs::symlink_metadata(&p).unwrap().file_type();
        assert_eq!(special_kind(&ft), Some("named pipe (FIFO)"));
        let e = read_regular(&p).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput);
        assert!(e.to_string().contains("named pipe"), "{e}");
    }
}
