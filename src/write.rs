//! Stage 4 — write: put a rendered site on disk as it is rendered. A first
//! build goes to a temporary folder that is renamed into place when
//! complete; later builds update the folder in place, touching only files
//! whose bytes changed and removing what the site no longer has (see
//! [`Writer`]).

use crate::error::{Diagnostic, IoOp};
use crate::render::{Copy, Output};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Marks a folder as bantin's output, so that a later build may replace it.
pub const MARKER: &str = ".bantin-build";
const MARKER_TEXT: &str = "Built by bantin. Every build brings this folder up to date: files it no longer has are removed.\n";

/// Why an output folder may not be used.
pub fn check_output(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, out) = (abs(root), abs(output));
    let shown = output.to_path_buf();
    if root.starts_with(&out) {
        return Err(
            Diagnostic::error(shown, "refusing to write the build over the site itself")
                .with_hint("choose an output folder inside the site, such as public/"),
        );
    }
    for keep in ["content", "themes", "data", "config.yaml", "src", ".git"] {
        if out.starts_with(root.join(keep)) {
            return Err(Diagnostic::error(
                shown,
                format!("refusing to write the build into {keep}/"),
            )
            .with_hint("choose an output folder such as public/"));
        }
    }
    if out.is_file() {
        return Err(Diagnostic::error(
            shown,
            "the output path is a file, expected a folder",
        ));
    }
    if out.is_dir() && !out.join(MARKER).is_file() {
        let empty = std::fs::read_dir(&out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(Diagnostic::error(
                shown,
                "refusing to replace a folder that holds files bantin did not build",
            )
            .with_hint("empty the folder or choose another --output"));
        }
    }
    Ok(())
}

/// What a write did to the output folder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Files created or replaced because their bytes changed.
    pub written: usize,
    /// Files already holding exactly these bytes, left untouched (same
    /// modification time, so rsync, CDNs and static servers see no change).
    pub unchanged: usize,
    /// Files and folders of the previous build that are no longer part of the site.
    pub removed: usize,
}

/// Takes a build's files as they are rendered, so a site never has to be
/// held in memory whole.
///
/// - A new output folder (or an empty one) gets a temporary folder beside it;
///   each file is written there at once, and the folder is renamed into
///   place by [`Writer::finish`]. [`Writer::abandon`] removes it.
/// - An existing output folder (a previous build, marked by [`MARKER`]) is
///   not touched until [`Writer::finish`]: each file is compared with what
///   is there as it arrives, and only changed files are kept in memory.
///   Finishing writes those (each replaced atomically, see [`replace`]),
///   leaves unchanged files alone (same modification time, so rsync, CDNs and
///   static servers see no change) and removes what the site no longer has.
///
/// So a build that fails — bad content, a template error — leaves the
/// previous output exactly as it was. Only an I/O failure while finishing (a
/// full disk) can leave a mix of old and new files, which the next
/// successful build completes.
pub struct Writer {
    output: PathBuf,
    mode: Mode,
    /// Every path put so far.
    paths: Mutex<Vec<String>>,
    /// The first I/O failure, reported by `finish`.
    failed: Mutex<Option<Diagnostic>>,
}

enum Mode {
    Fresh {
        staging: PathBuf,
        /// Folders made so far in `staging`.
        dirs: Mutex<HashSet<String>>,
    },
    Update {
        /// Files whose bytes differ from what the output holds.
        changed: Mutex<Vec<Output>>,
    },
}

impl Writer {
    pub fn open(output: &Path) -> Result<Writer, Diagnostic> {
        let is_empty_dir = |p: &Path| {
            std::fs::read_dir(p)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false)
        };
        let mode = if output.is_dir() && !is_empty_dir(output) {
            Mode::Update {
                changed: Mutex::default(),
            }
        } else {
            let parent = match output.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            std::fs::create_dir_all(&parent)
                .map_err(|e| Diagnostic::io_op(IoOp::CreateFolder, &parent, &e))?;
            let staging = tempfile::Builder::new()
                .prefix(".bantin-new-")
                .tempdir_in(&parent)
                .map_err(|e| Diagnostic::io_op(IoOp::CreateFolder, &parent, &e))?
                .keep();
            Mode::Fresh {
                staging,
                dirs: Mutex::default(),
            }
        };
        Ok(Writer {
            output: output.to_path_buf(),
            mode,
            paths: Mutex::default(),
            failed: Mutex::default(),
        })
    }

    /// One generated file; may be called from many threads at once.
    pub fn put(&self, o: Output) {
        lock(&self.paths).push(o.path.clone());
        match &self.mode {
            Mode::Fresh { staging, dirs } => {
                let path = staging.join(&o.path);
                if let Err(e) = make_parents(staging, &o.path, dirs)
                    .and_then(|()| std::fs::write(&path, &o.bytes))
                {
                    self.fail(Diagnostic::io_op(
                        IoOp::Write,
                        &self.output.join(&o.path),
                        &e,
                    ));
                }
            }
            Mode::Update { changed } => {
                if !holds(&self.output.join(&o.path), &o.bytes) {
                    lock(changed).push(o);
                }
            }
        }
    }

    fn fail(&self, d: Diagnostic) {
        lock(&self.failed).get_or_insert(d);
    }

    /// The build failed: forget what was put; the output stays as it was
    /// (the temporary folder goes when the writer is dropped).
    pub fn abandon(self) {}

    /// Copies `copies` (attachments, theme files) and puts the output in place.
    pub fn finish(self, copies: &[Copy]) -> Result<WriteStats, Diagnostic> {
        let failed = lock(&self.failed).take();
        if let Some(d) = failed {
            return Err(d);
        }
        let written = AtomicUsize::new(0);
        let paths = std::mem::take(&mut *lock(&self.paths));
        let put = paths.len();
        match &self.mode {
            Mode::Fresh { staging, dirs } => {
                let done = io_pool().install(|| {
                    copies.par_iter().try_for_each(|c| {
                        make_parents(staging, &c.to, dirs)
                            .and_then(|()| std::fs::copy(&c.from, staging.join(&c.to)))
                            .map(|_| ())
                            .map_err(|e| {
                                Diagnostic::io_op(IoOp::Copy, &self.output.join(&c.to), &e)
                            })
                    })
                });
                let done = done.and_then(|()| {
                    let marker = staging.join(MARKER);
                    std::fs::write(&marker, MARKER_TEXT)
                        .map_err(|e| Diagnostic::io_op(IoOp::Write, &marker, &e))
                });
                let done = done.and_then(|()| {
                    if self.output.is_dir() {
                        // Empty: made by hand or by a tool, and safe to replace.
                        let _ = std::fs::remove_dir(&self.output);
                    }
                    std::fs::rename(staging, &self.output)
                        .map_err(|e| Diagnostic::io_op(IoOp::Rename, &self.output, &e))
                });
                // On failure, dropping `self` removes the temporary folder.
                done?;
                Ok(WriteStats {
                    written: put + copies.len(),
                    ..Default::default()
                })
            }
            Mode::Update { changed } => {
                let changed = std::mem::take(&mut *lock(changed));
                let mut files: HashSet<&str> = paths.iter().map(String::as_str).collect();
                files.extend(copies.iter().map(|c| c.to.as_str()));
                files.insert(MARKER);
                let removed = remove_stale(&self.output, &files)?;
                let wanted = changed
                    .iter()
                    .map(|o| o.path.as_str())
                    .chain(copies.iter().map(|c| c.to.as_str()));
                make_dirs(wanted, &self.output)?;
                io_pool().install(|| {
                    changed.par_iter().try_for_each(|o| {
                        written.fetch_add(1, Ordering::Relaxed);
                        replace(&self.output.join(&o.path), |tmp| {
                            std::fs::write(tmp, &o.bytes)
                        })
                    })?;
                    copies.par_iter().try_for_each(|c| {
                        let path = self.output.join(&c.to);
                        if same_file_content(&c.from, &path) {
                            return Ok(());
                        }
                        written.fetch_add(1, Ordering::Relaxed);
                        replace(&path, |tmp| std::fs::copy(&c.from, tmp).map(|_| ()))
                    })
                })?;
                let marker = self.output.join(MARKER);
                if !marker.is_file() {
                    std::fs::write(&marker, MARKER_TEXT)
                        .map_err(|e| Diagnostic::io_op(IoOp::Write, &marker, &e))?;
                }
                let written = written.into_inner();
                Ok(WriteStats {
                    written,
                    unchanged: put + copies.len() - written,
                    removed,
                })
            }
        }
    }
}

/// A first build's temporary folder never outlives its writer: after
/// [`Writer::finish`] it has been renamed into place, and otherwise (failure,
/// [`Writer::abandon`], a panic) it is removed here.
impl Drop for Writer {
    fn drop(&mut self) {
        if let Mode::Fresh { staging, .. } = &self.mode
            && staging.exists()
        {
            let _ = std::fs::remove_dir_all(staging);
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Makes the folders above `rel` in `dir`, each once per build.
fn make_parents(dir: &Path, rel: &str, made: &Mutex<HashSet<String>>) -> std::io::Result<()> {
    let Some((parent, _)) = rel.rsplit_once('/') else {
        return Ok(());
    };
    if lock(made).contains(parent) {
        return Ok(());
    }
    std::fs::create_dir_all(dir.join(parent))?;
    let mut made = lock(made);
    let mut p = parent;
    loop {
        if !made.insert(p.to_string()) {
            break;
        }
        match p.rsplit_once('/') {
            Some((up, _)) => p = up,
            None => break,
        }
    }
    Ok(())
}

/// Removes from `output` every file not in `files` and every folder above
/// none of them, children before their folder. A path that changes kind
/// (file ↔ folder) is removed here and made anew. Returns how many entries went.
fn remove_stale(output: &Path, files: &HashSet<&str>) -> Result<usize, Diagnostic> {
    let mut dirs: HashSet<&str> = HashSet::new();
    for f in files {
        for (i, b) in f.bytes().enumerate() {
            if b == b'/' {
                dirs.insert(&f[..i]);
            }
        }
    }
    let mut removed = 0;
    let walk = walkdir::WalkDir::new(output)
        .min_depth(1)
        .contents_first(true)
        .follow_links(false);
    for entry in walk {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(output).to_path_buf();
            Diagnostic::io_op(
                IoOp::ListFolder,
                &path,
                &std::io::Error::other(e.to_string()),
            )
        })?;
        let rel = entry.path().strip_prefix(output).unwrap_or(entry.path());
        let rel = rel.to_string_lossy().replace('\\', "/");
        let is_dir = entry.file_type().is_dir();
        let keep = if is_dir {
            dirs.contains(rel.as_str())
        } else {
            files.contains(rel.as_str())
        };
        if !keep {
            let done = if is_dir {
                std::fs::remove_dir(entry.path())
            } else {
                std::fs::remove_file(entry.path())
            };
            done.map_err(|e| Diagnostic::io_op(IoOp::Remove, entry.path(), &e))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Replaces the file at `path` with what `fill` writes to a temporary file
/// beside it, renamed over it when complete: a static server serving the
/// folder during a build sends the old file or the new one, never half of one.
fn replace(path: &Path, fill: impl FnOnce(&Path) -> std::io::Result<()>) -> Result<(), Diagnostic> {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(".bantin-tmp");
    let tmp = path.with_file_name(name);
    let done = fill(&tmp).and_then(|()| std::fs::rename(&tmp, path));
    done.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Diagnostic::io_op(IoOp::Write, path, &e)
    })
}

/// Whether the file at `path` holds exactly `bytes`.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    if !f
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
    {
        return false;
    }
    let mut buf = Vec::with_capacity(bytes.len() + 1);
    f.read_to_end(&mut buf).is_ok() && buf == bytes
}

/// Whether two files hold the same bytes (false when either cannot be read).
fn same_file_content(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    if !mb.is_file() || ma.len() != mb.len() {
        return false;
    }
    match std::fs::read(a) {
        Ok(bytes) => holds(b, &bytes),
        Err(_) => false,
    }
}

/// Creates every folder above `files` in `dir`, shallowest first, each
/// level in parallel (folders that exist are fine).
fn make_dirs<'a>(files: impl Iterator<Item = &'a str>, dir: &Path) -> Result<(), Diagnostic> {
    let mut levels: Vec<std::collections::BTreeSet<&str>> = Vec::new();
    for rel in files {
        let mut depth = 0;
        for (i, b) in rel.bytes().enumerate() {
            if b == b'/' {
                if levels.len() <= depth {
                    levels.push(Default::default());
                }
                levels[depth].insert(&rel[..i]);
                depth += 1;
            }
        }
    }
    for level in &levels {
        level.par_iter().try_for_each(|rel| {
            let path = dir.join(rel);
            match std::fs::create_dir(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                    Err(Diagnostic::io_op(IoOp::CreateFolder, &path, &e))
                }
                _ => Ok(()),
            }
        })?;
    }
    Ok(())
}

/// A thread pool for file-system work, shared by every write in the process.
fn io_pool() -> &'static rayon::ThreadPool {
    static POOL: std::sync::OnceLock<rayon::ThreadPool> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        rayon::ThreadPoolBuilder::new()
            .num_threads((cores * 4).clamp(4, 16))
            .thread_name(|i| format!("bantin-io-{i}"))
            .build()
            .expect("start the file-system thread pool")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".bantin-new-"))
            .collect()
    }

    #[test]
    fn an_abandoned_first_build_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let w = Writer::open(&output).unwrap();
        w.put(Output {
            path: "tin-tuc/a/index.html".into(),
            bytes: b"x".to_vec(),
        });
        assert_eq!(leftovers(dir.path()).len(), 1);
        w.abandon();
        assert!(leftovers(dir.path()).is_empty());
        assert!(!output.exists());

        let w = Writer::open(&output).unwrap();
        w.put(Output {
            path: "tin-tuc/a/index.html".into(),
            bytes: b"x".to_vec(),
        });
        let stats = w.finish(&[]).unwrap();
        assert_eq!(stats.written, 1);
        assert!(leftovers(dir.path()).is_empty());
        assert_eq!(
            std::fs::read(output.join("tin-tuc/a/index.html")).unwrap(),
            b"x"
        );
        assert!(output.join(MARKER).is_file());
    }
}
