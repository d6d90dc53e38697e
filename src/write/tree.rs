//! Making the new tree: files written readable by everyone (0644) and
//! folders 0755 whatever the umask or the source's mode was, unchanged files
//! hard-linked from the previous build (same bytes, same modification time),
//! and files bantin did not write carried over as they are.

use std::collections::HashSet;
use std::fs::{File, Metadata, Permissions};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::sync::Mutex;

/// The mode of every published file.
pub const FILE_MODE: u32 = 0o644;
/// The mode of every published folder.
pub const DIR_MODE: u32 = 0o755;

/// A new file at `path` holding `bytes`, mode 0644.
pub fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = create(path)?;
    f.write_all(bytes)
}

/// A new file at `path` with the bytes of `from`, mode 0644 (not the mode
/// of `from`: a photo cache writes through 0600 temporary files).
pub fn copy_file(from: &Path, path: &Path) -> std::io::Result<()> {
    let mut src = File::open(from)?;
    let mut f = create(path)?;
    std::io::copy(&mut src, &mut f).map(|_| ())
}

fn create(path: &Path) -> std::io::Result<File> {
    let f = File::create(path)?;
    // Explicitly, as the umask may have taken bits away.
    f.set_permissions(Permissions::from_mode(FILE_MODE))?;
    Ok(f)
}

/// `old` (a published file of the previous build, `meta` its metadata)
/// linked at `path`: the same file, so the same bytes and modification time.
/// Its mode is set to 0644 if an older build left it otherwise. Where hard
/// links are not supported, a copy with the old modification time.
pub fn link(old: &Path, meta: &Metadata, path: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(old, path) {
        Ok(()) => {
            if meta.mode() & 0o7777 != FILE_MODE {
                std::fs::set_permissions(path, Permissions::from_mode(FILE_MODE))?;
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            copy_file(old, path)?;
            let f = File::options().write(true).open(path)?;
            f.set_modified(meta.modified()?)
        }
    }
}

/// A file of the old output that bantin did not write, carried into the new
/// tree as it is (a hard link: same bytes, mode and time; symlinks stay symlinks).
pub fn carry(old: &Path, path: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(old, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if old.symlink_metadata()?.is_symlink() => {
            std::os::unix::fs::symlink(std::fs::read_link(old)?, path)
        }
        Err(_) => {
            std::fs::copy(old, path)?;
            let meta = old.metadata()?;
            File::options()
                .write(true)
                .open(path)?
                .set_modified(meta.modified()?)
        }
    }
}

/// A folder, mode 0755 (it may exist).
pub fn make_dir(path: &Path, mode: u32) -> std::io::Result<()> {
    match std::fs::create_dir(path) {
        Ok(()) => std::fs::set_permissions(path, Permissions::from_mode(mode)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Makes the folders above `rel` in `dir`, each once per build.
pub fn make_parents(dir: &Path, rel: &str, made: &Mutex<HashSet<String>>) -> std::io::Result<()> {
    let Some((parent, _)) = rel.rsplit_once('/') else {
        return Ok(());
    };
    if super::lock(made).contains(parent) {
        return Ok(());
    }
    let mut at = 0;
    loop {
        let end = parent[at..].find('/').map_or(parent.len(), |i| at + i);
        let level = &parent[..end];
        if !super::lock(made).contains(level) {
            make_dir(&dir.join(level), DIR_MODE)?;
            super::lock(made).insert(level.to_string());
        }
        if end == parent.len() {
            return Ok(());
        }
        at = end + 1;
    }
}

/// Removes the folder `dir` and everything in it, many entries at once
/// (deleting is latency-bound: one thread deleting a large old tree waits on
/// the file system for each entry in turn).
pub fn remove_tree(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut levels: Vec<Vec<std::path::PathBuf>> = Vec::new();
    for e in walkdir::WalkDir::new(dir).follow_links(false) {
        let e = e.map_err(std::io::Error::other)?;
        if e.file_type().is_dir() {
            if levels.len() <= e.depth() {
                levels.resize_with(e.depth() + 1, Vec::new);
            }
            levels[e.depth()].push(e.into_path());
        } else {
            files.push(e.into_path());
        }
    }
    super::io_pool().install(|| {
        files.par_iter().try_for_each(std::fs::remove_file)?;
        for level in levels.iter().rev() {
            level.par_iter().try_for_each(std::fs::remove_dir)?;
        }
        Ok(())
    })
}

/// Every folder above the files in `files`.
pub fn parents_of<'a>(files: impl Iterator<Item = &'a str>) -> HashSet<&'a str> {
    let mut dirs = HashSet::new();
    for f in files {
        for (i, b) in f.bytes().enumerate() {
            if b == b'/' {
                dirs.insert(&f[..i]);
            }
        }
    }
    dirs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_and_folders_get_published_modes_whatever_the_source() {
        let d = tempfile::tempdir().unwrap();
        let src = d.path().join("cache.jpg");
        std::fs::write(&src, b"jpeg").unwrap();
        std::fs::set_permissions(&src, Permissions::from_mode(0o600)).unwrap();
        let made = Mutex::default();
        make_parents(d.path(), "a/b/c.jpg", &made).unwrap();
        copy_file(&src, &d.path().join("a/b/c.jpg")).unwrap();
        let mode = |p: &str| d.path().join(p).metadata().unwrap().mode() & 0o7777;
        assert_eq!(mode("a/b/c.jpg"), 0o644);
        assert_eq!((mode("a"), mode("a/b")), (0o755, 0o755));
        let meta = src.metadata().unwrap();
        link(&src, &meta, &d.path().join("linked.jpg")).unwrap();
        assert_eq!(mode("linked.jpg"), 0o644);
        assert_eq!(
            d.path()
                .join("linked.jpg")
                .metadata()
                .unwrap()
                .modified()
                .unwrap(),
            meta.modified().unwrap()
        );
    }
}
