//! Where a build goes: the output folder resolved the way the kernel will
//! see it (`..` and symlinks followed), the refusals, how the new tree is
//! swapped in ([`Strategy`]), where bantin keeps its bookkeeping, and the
//! leftovers of an interrupted build.

use super::fail;
use crate::error::Diagnostic;
use crate::problem;
use std::path::{Component, Path, PathBuf};

/// How the new tree replaces the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// The new tree is made beside the output and swapped in by one atomic
    /// exchange of the two folders (the usual case).
    Beside,
    /// The output is a mount point (or its parent is not writable), so it
    /// cannot be renamed: the new tree is made inside it and its top-level
    /// entries are swapped in one by one, each atomically.
    Inside,
}

/// The output folder of a build, resolved and checked.
#[derive(Debug, Clone)]
pub struct Target {
    /// As the user named it (for messages).
    pub shown: PathBuf,
    /// Absolute, without `..` or symlinks: where files really go.
    pub dir: PathBuf,
    /// How the new tree replaces the old one, chosen for `dir`.
    pub strategy: Strategy,
    /// The folder holding the new tree while it is made: the output's parent
    /// ([`Strategy::Beside`]) or the output itself ([`Strategy::Inside`]).
    pub work: PathBuf,
    /// The record of what bantin wrote (see [`super::record`]).
    pub record: PathBuf,
    /// Where the record may be under the other strategy (read, never written).
    pub other_record: PathBuf,
    /// The site folder, resolved.
    pub site: PathBuf,
}

/// The folders and files of a site that a build must never write into.
const KEEP: [&str; 6] = ["content", "themes", "data", "config.yaml", "src", ".git"];

impl Target {
    /// Resolves `output` and refuses the site itself, its sources, and a
    /// path that is not a folder.
    pub fn new(root: &Path, output: &Path) -> Result<Target, Diagnostic> {
        let shown = output.to_path_buf();
        let root = resolve(root)?;
        let dir = resolve(output)?;
        if root.starts_with(&dir) {
            return Err(problem!(Error, shown, "output-is-site"));
        }
        for keep in KEEP {
            if dir.starts_with(root.join(keep)) {
                return Err(problem!(Error, shown, "output-in-sources", folder = keep));
            }
        }
        if dir.exists() && !dir.is_dir() {
            return Err(problem!(Error, shown, "output-is-file"));
        }
        let parent = dir.parent().unwrap_or(Path::new("/")).to_path_buf();
        let name = dir.file_name().unwrap_or_default().to_string_lossy();
        let beside = parent.join(format!(".{name}.bantin-files"));
        let key = blake3::hash(dir.as_os_str().as_encoded_bytes()).to_hex();
        let cached = root.join(format!(".bantin-cache/outputs/{}.json", &key[..24]));
        let inside = dir.is_dir() && (is_mount_point(&dir) || !writable(&parent));
        let (strategy, work, record, other_record) = if inside {
            (Strategy::Inside, dir.clone(), cached, beside)
        } else {
            (Strategy::Beside, parent, beside, cached)
        };
        Ok(Target {
            shown,
            dir,
            strategy,
            work,
            record,
            other_record,
            site: root,
        })
    }

    /// The output folder's own name.
    pub fn name(&self) -> String {
        self.dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    }

    /// Prefix of the new tree's folder in [`Target::work`].
    pub fn staging_prefix(&self) -> String {
        match self.strategy {
            Strategy::Beside => format!(".{}.bantin-new-", self.name()),
            Strategy::Inside => ".bantin-new-".to_string(),
        }
    }

    /// Prefix of the old tree's folder while it is moved aside (when the
    /// file system cannot exchange two folders).
    pub fn old_prefix(&self) -> String {
        match self.strategy {
            Strategy::Beside => format!(".{}.bantin-old-", self.name()),
            Strategy::Inside => ".bantin-old-".to_string(),
        }
    }

    /// Whether `name`, a top-level entry of the output, is bantin's own
    /// work folder (only with [`Strategy::Inside`]).
    pub fn is_work_entry(&self, name: &str) -> bool {
        self.strategy == Strategy::Inside
            && (name.starts_with(".bantin-new-") || name.starts_with(".bantin-old-"))
    }

    /// Removes what an interrupted build left: a half-made new tree, an old
    /// tree not yet deleted, a temporary record (and, beside an output in the
    /// site folder, the `.bantin-new-*` folders of older bantin, which could
    /// belong to any output in a shared folder such as /tmp). An old tree moved aside while the
    /// output is missing is put back first. Returns what went.
    pub fn clean_leftovers(&self) -> Result<Vec<PathBuf>, Diagnostic> {
        let Ok(entries) = std::fs::read_dir(&self.work) else {
            return Ok(Vec::new());
        };
        let (new, old) = (self.staging_prefix(), self.old_prefix());
        let tmp_record = format!(
            "{}.tmp",
            self.record
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
        );
        let mut removed = Vec::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = e.path();
            let legacy = self.strategy == Strategy::Beside
                && self.work == self.site
                && name.starts_with(".bantin-new-");
            if name.starts_with(&old) && !self.dir.exists() {
                std::fs::rename(&path, &self.dir)
                    .map_err(|e| fail("cannot-restore-previous-output", &path, &e))?;
                continue;
            }
            if name.starts_with(&new) || name.starts_with(&old) || legacy {
                std::fs::remove_dir_all(&path)
                    .map_err(|e| fail("cannot-remove-leftover", &path, &e))?;
                removed.push(path);
            } else if name.starts_with(&tmp_record) {
                let _ = std::fs::remove_file(&path);
            }
        }
        Ok(removed)
    }
}

/// `path` made absolute with every `..` and symlink resolved, as far as it
/// exists (the rest is taken as written).
pub fn resolve(path: &Path) -> Result<PathBuf, Diagnostic> {
    let abs = std::path::absolute(path).map_err(|e| fail("cannot-resolve-path", path, &e))?;
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            Component::Normal(n) => {
                out.push(n);
                match std::fs::canonicalize(&out) {
                    Ok(real) => out = real,
                    Err(_) if out.symlink_metadata().is_ok() => {
                        return Err(problem!(
                            Error,
                            path,
                            "output-dangling-symlink",
                            link = out.as_path()
                        ));
                    }
                    Err(_) => {}
                }
            }
            other => out.push(other),
        }
    }
    Ok(out)
}

/// Whether `dir` is a mount point (another file system, or listed in the
/// mount table: a bind mount of the same file system cannot be renamed either).
fn is_mount_point(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Some(parent) = dir.parent() else {
        return true;
    };
    let dev = |p: &Path| std::fs::metadata(p).map(|m| m.dev()).ok();
    if dev(dir) != dev(parent) {
        return true;
    }
    let Ok(table) = std::fs::read_to_string("/proc/self/mountinfo") else {
        return false;
    };
    let want = dir.to_string_lossy();
    table
        .lines()
        .filter_map(|l| l.split(' ').nth(4))
        .any(|m| unescape_mount(m) == want)
}

/// A mount point as `/proc/self/mountinfo` writes it (`\040` for a space).
fn unescape_mount(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\'
            && i + 4 <= b.len()
            && let Some(v) = std::str::from_utf8(&b[i + 1..i + 4])
                .ok()
                .and_then(|d| u8::from_str_radix(d, 8).ok())
        {
            out.push(v);
            i += 4;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn writable(dir: &Path) -> bool {
    rustix::fs::access(dir, rustix::fs::Access::WRITE_OK).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_follows_dotdot_and_symlinks() {
        let d = tempfile::tempdir().unwrap();
        let real = d.path().canonicalize().unwrap();
        std::fs::create_dir_all(real.join("a/b")).unwrap();
        std::os::unix::fs::symlink(real.join("a/b"), real.join("link")).unwrap();
        assert_eq!(
            resolve(&real.join("nothere/../a/x")).unwrap(),
            real.join("a/x")
        );
        assert_eq!(resolve(&real.join("link/../c")).unwrap(), real.join("a/c"));
        assert_eq!(resolve(&real.join("link")).unwrap(), real.join("a/b"));
        std::os::unix::fs::symlink(real.join("gone"), real.join("dangling")).unwrap();
        assert!(resolve(&real.join("dangling/x")).is_err());
    }

    #[test]
    fn mount_table_escapes() {
        assert_eq!(unescape_mount("/srv/my\\040site"), "/srv/my site");
        assert_eq!(unescape_mount("/plain"), "/plain");
    }
}
