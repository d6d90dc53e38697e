//! Stage 4 — write: put a rendered site on disk, all or nothing. Every build
//! makes a complete new tree beside the output (unchanged files hard-linked
//! from the previous build, so they keep their bytes and modification time),
//! flushes it to disk and swaps it in by one atomic exchange of folders; see
//! [`Writer`]. Files bantin did not write are carried over and named.
//!
//! - [`target`]: resolving the output folder, refusals, leftovers;
//! - [`record`]: which files of an output are bantin's (kept outside it);
//! - [`tree`]: writing the new tree (modes 0644 / 0755, links);
//! - [`compress`]: the `.gz` and `.br` siblings;
//! - [`swap`]: the exchange itself, durable.

pub mod compress;
pub mod record;
pub mod swap;
pub mod target;
pub mod tree;

use crate::error::{Arg, Diagnostic, IoOp, Severity};
use crate::output::{Copy, Output};
use crate::problem;
use rayon::prelude::*;
use record::Record;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
pub use target::{Strategy, Target};

/// The marker older bantin put inside its output; recognized and removed.
pub use record::LEGACY_MARKER;

/// An I/O failure of the write stage, told by the catalog message `id`
/// (`cannot-lock-output`, …) with the `path` and the system's text `detail`.
pub(crate) fn fail(id: &'static str, path: &Path, e: &std::io::Error) -> Diagnostic {
    let args = vec![
        ("path", Arg::from(path)),
        ("detail", Arg::from(e.to_string())),
    ];
    Diagnostic::problem(Severity::Error, path, id, args)
}

/// The same problem as a warning (what fails once the new build is published).
fn as_warning(mut d: Diagnostic) -> Diagnostic {
    d.severity = Severity::Warning;
    d
}

/// Why an output folder may not be used (checked again when writing).
pub fn check_output(root: &Path, output: &Path, clean: bool) -> Result<(), Diagnostic> {
    let target = Target::new(root, output)?;
    recognize(&target, clean).map(|_| ())
}

/// The previous build in the output, `None` when there is none (no folder,
/// or an empty one); refuses a folder with files bantin did not write,
/// unless `clean` (then all of them go, each named).
fn recognize(target: &Target, clean: bool) -> Result<Option<Record>, Diagnostic> {
    let empty = std::fs::read_dir(&target.dir).map_or(true, |mut d| {
        !d.any(|e| e.is_ok_and(|e| !target.is_work_entry(&e.file_name().to_string_lossy())))
    });
    if empty {
        return Ok(None);
    }
    match Record::find(&target.record, &target.other_record, &target.dir)? {
        Some(r) => Ok(Some(r)),
        None if clean => Ok(Some(Record::empty())),
        None => Err(problem!(Error, &target.shown, "output-not-bantins")),
    }
}

/// How to write.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    /// Make `.gz` and `.br` siblings of text files (config.yaml `compress`).
    pub compress: bool,
    /// Remove files in the output that bantin did not write (`--clean`).
    pub clean: bool,
}

/// What a write did to the output folder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Files of the site created or replaced because their bytes changed.
    pub written: usize,
    /// Files already holding exactly these bytes, kept as they were (same
    /// modification time, so rsync, CDNs and static servers see no change).
    pub unchanged: usize,
    /// Files of the previous build that are no longer part of the site (and,
    /// with `--clean`, files bantin did not write).
    pub removed: usize,
    /// `.gz` and `.br` siblings made (not those kept from the previous build).
    pub compressed: usize,
}

/// Files in the output that bantin did not write (`/`-separated, sorted).
#[derive(Debug, Clone, Default)]
pub struct Foreign {
    /// Kept where they were.
    pub kept: Vec<String>,
    /// Removed on request (`--clean`).
    pub removed: Vec<String>,
    /// Replaced by a file (or folder) of the site at the same path.
    pub replaced: Vec<String>,
}

/// What [`Writer::finish`] reports.
#[derive(Debug, Default)]
pub struct Published {
    /// Files written, left unchanged, removed and compressed.
    pub stats: WriteStats,
    /// Files in the output that bantin did not write: kept, removed or replaced.
    pub foreign: Foreign,
    /// Leftovers of an interrupted build that were removed.
    pub leftovers: Vec<PathBuf>,
    /// Problems after the new output was in place (it is published).
    pub warnings: Vec<Diagnostic>,
}

/// Takes a build's files as they are rendered, so a site never has to be
/// held in memory whole, and writes each at once into a new tree in a
/// temporary folder (`.public.bantin-new-…` beside `public/`):
///
/// - a file whose bytes equal the previous build's is hard-linked from it
///   (same bytes, same modification time), any other is written new, mode 0644;
/// - [`Writer::finish`] copies attachments the same way, carries over files
///   bantin did not write (or leaves them out with `--clean`), flushes the
///   tree to disk and exchanges it with the output in one atomic step, then
///   removes the old tree;
/// - a failure, [`Writer::abandon`] or a kill leaves the output as it was;
///   the temporary folder goes when the writer is dropped, or at the next
///   run after a kill ([`Target::clean_leftovers`]).
pub struct Writer {
    target: Target,
    opts: WriteOptions,
    staging: PathBuf,
    /// The previous build in the output, if there is one.
    old: Option<Record>,
    dirs: Mutex<HashSet<String>>,
    /// Every file of bantin's in the new tree so far (siblings included).
    paths: Mutex<Vec<String>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    compressed: AtomicUsize,
    /// The first I/O failure, reported by `finish`.
    failed: Mutex<Option<Diagnostic>>,
    leftovers: Vec<PathBuf>,
    _lock: Option<std::fs::File>,
}

impl Writer {
    /// Resolves and checks `output` (see [`check_output`]), locks it, removes
    /// leftovers of an interrupted build and starts the new tree.
    pub fn open(root: &Path, output: &Path, opts: WriteOptions) -> Result<Writer, Diagnostic> {
        let target = Target::new(root, output)?;
        if target.strategy == Strategy::Beside {
            std::fs::create_dir_all(&target.work)
                .map_err(|e| Diagnostic::io_op(IoOp::CreateFolder, &target.work, &e))?;
        }
        let lock = swap::lock(&target).map_err(|e| fail("cannot-lock-output", &target.dir, &e))?;
        let leftovers = target.clean_leftovers()?;
        let old = recognize(&target, opts.clean)?;
        let staging = tempfile::Builder::new()
            .prefix(&target.staging_prefix())
            .tempdir_in(&target.work)
            .map_err(|e| fail("cannot-create-folder-in", &target.work, &e))?
            .keep();
        let mode = std::os::unix::fs::PermissionsExt::from_mode(tree::DIR_MODE);
        std::fs::set_permissions(&staging, mode)
            .map_err(|e| Diagnostic::io_op(IoOp::CreateFolder, &staging, &e))?;
        Ok(Writer {
            target,
            opts,
            staging,
            old,
            dirs: Mutex::default(),
            paths: Mutex::default(),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            compressed: AtomicUsize::new(0),
            failed: Mutex::default(),
            leftovers,
            _lock: lock,
        })
    }

    /// One generated file; may be called from many threads at once.
    pub fn put(&self, o: Output) {
        let done = self.place(
            &o.path,
            |new| tree::write_file(new, &o.bytes),
            || Ok(std::borrow::Cow::Borrowed(&o.bytes[..])),
        );
        if let Err(e) = done {
            let shown = self.target.shown.join(&o.path);
            self.fail(Diagnostic::io_op(IoOp::Write, &shown, &e));
        }
    }

    /// Puts the file `rel` into the new tree: linked from the previous build
    /// when it holds the same bytes (`bytes` tells), else made by `make`;
    /// then its compressed siblings.
    fn place<'b>(
        &self,
        rel: &str,
        make: impl FnOnce(&Path) -> std::io::Result<()>,
        bytes: impl Fn() -> std::io::Result<std::borrow::Cow<'b, [u8]>>,
    ) -> std::io::Result<()> {
        tree::make_parents(&self.staging, rel, &self.dirs)?;
        let new = self.staging.join(rel);
        let old = self.target.dir.join(rel);
        let same = match self.old {
            Some(_) => same_as(&old, &*bytes()?),
            None => None,
        };
        let unchanged = same.is_some();
        match same {
            Some(meta) => tree::link(&old, &meta, &new)?,
            None => make(&new)?,
        }
        let count = if unchanged {
            &self.unchanged
        } else {
            &self.written
        };
        count.fetch_add(1, Ordering::Relaxed);
        lock(&self.paths).push(rel.to_string());
        self.siblings(rel, unchanged, bytes)
    }

    /// The `.gz` and `.br` of `rel`: the previous build's when `rel` is
    /// unchanged and they exist, else compressed anew.
    fn siblings<'b>(
        &self,
        rel: &str,
        unchanged: bool,
        bytes: impl Fn() -> std::io::Result<std::borrow::Cow<'b, [u8]>>,
    ) -> std::io::Result<()> {
        if !self.opts.compress {
            return Ok(());
        }
        let mut content = None;
        for ext in compress::SIBLINGS {
            let srel = format!("{rel}.{ext}");
            let new = self.staging.join(&srel);
            let old = self.target.dir.join(&srel);
            let kept = unchanged
                && self.old.as_ref().is_some_and(|r| r.has(&srel))
                && old
                    .symlink_metadata()
                    .is_ok_and(|m| m.is_file() && tree::link(&old, &m, &new).is_ok());
            if !kept {
                if content.is_none() {
                    let b = bytes()?;
                    if !compress::worth(rel, b.len()) {
                        return Ok(());
                    }
                    content = Some(b);
                }
                let packed = compress::compress(ext, content.as_deref().unwrap_or_default())?;
                tree::write_file(&new, &packed)?;
                self.compressed.fetch_add(1, Ordering::Relaxed);
            }
            lock(&self.paths).push(srel);
        }
        Ok(())
    }

    fn fail(&self, d: Diagnostic) {
        lock(&self.failed).get_or_insert(d);
    }

    /// The build failed: forget what was put; the output stays as it was
    /// (the temporary folder goes when the writer is dropped).
    pub fn abandon(self) {}

    /// Copies `copies` (attachments, theme files, photos), carries over
    /// files bantin did not write and puts the new tree in place.
    pub fn finish(self, copies: &[Copy]) -> Result<Published, Diagnostic> {
        if let Some(d) = lock(&self.failed).take() {
            return Err(d);
        }
        io_pool().install(|| {
            copies.par_iter().try_for_each(|c| {
                let read = || std::fs::read(&c.from).map(std::borrow::Cow::Owned);
                self.place(&c.to, |new| tree::copy_file(&c.from, new), read)
                    .map_err(|e| Diagnostic::io_op(IoOp::Copy, &c.from, &e))
            })
        })?;
        let paths = std::mem::take(&mut *lock(&self.paths));
        let files: HashSet<&str> = paths.iter().map(String::as_str).collect();
        let (foreign, removed) = match &self.old {
            Some(old) => self.carry(old, &files)?,
            None => (Foreign::default(), 0),
        };
        if let Some(old) = &self.old {
            // Before the swap, both builds' files, so that whichever tree a
            // kill leaves in place, its files are known as bantin's.
            record::save(
                &self.target.record,
                old.files().chain(files.iter().copied()),
            )?;
        }
        let old_tree = swap::publish(&self.target, &self.staging)
            .map_err(|e| fail("cannot-put-build-in-place", &self.target.dir, &e))?;
        // The new build is published: what fails now is a warning.
        let mut warnings = Vec::new();
        if let Err(d) = record::save(&self.target.record, files.iter().copied()) {
            warnings.push(as_warning(d));
        }
        let _ = std::fs::remove_file(&self.target.other_record);
        if let Some(old) = old_tree
            && let Err(e) = tree::remove_tree(&old)
        {
            warnings.push(as_warning(fail("cannot-remove-previous-build", &old, &e)));
        }
        let stats = WriteStats {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
            removed,
            compressed: self.compressed.load(Ordering::Relaxed),
        };
        Ok(Published {
            stats,
            foreign,
            leftovers: self.leftovers.clone(),
            warnings,
        })
    }

    /// Walks the old output: files bantin wrote that the new build has not
    /// are left behind (counted), files bantin did not write are linked
    /// into the new tree (or left behind with `--clean`). Returns those and
    /// the count of files left behind.
    fn carry(&self, old: &Record, files: &HashSet<&str>) -> Result<(Foreign, usize), Diagnostic> {
        let dirs = tree::parents_of(files.iter().copied());
        let old_dirs = tree::parents_of(old.files());
        let mut foreign = Foreign::default();
        let mut removed = 0;
        let mut walk = walkdir::WalkDir::new(&self.target.dir)
            .min_depth(1)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walk.next() {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(&self.target.dir).to_path_buf();
                fail("cannot-read", &path, &std::io::Error::other(e.to_string()))
            })?;
            let rel = entry
                .path()
                .strip_prefix(&self.target.dir)
                .unwrap_or(entry.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            if entry.depth() == 1 && (self.target.is_work_entry(&rel) || rel == LEGACY_MARKER) {
                walk.skip_current_dir();
                continue;
            }
            let is_dir = entry.file_type().is_dir();
            let ours = if is_dir {
                old.is_all() || old_dirs.contains(rel.as_str())
            } else {
                old.has(&rel) || is_legacy_temp(&rel)
            };
            if is_dir {
                if !ours && !dirs.contains(rel.as_str()) && !self.opts.clean {
                    let taken = files.contains(rel.as_str());
                    let made = !taken && self.carry_dir(&rel, entry.path()).is_ok();
                    if !made {
                        foreign.replaced.push(rel);
                        walk.skip_current_dir();
                    }
                }
                continue;
            }
            if files.contains(rel.as_str()) {
                if !ours {
                    foreign.replaced.push(rel);
                }
            } else if ours {
                removed += 1;
            } else if self.opts.clean {
                foreign.removed.push(rel);
                removed += 1;
            } else if tree::make_parents(&self.staging, &rel, &self.dirs)
                .and_then(|()| tree::carry(entry.path(), &self.staging.join(&rel)))
                .is_ok()
            {
                foreign.kept.push(rel);
            } else {
                foreign.replaced.push(rel);
            }
        }
        Ok((foreign, removed))
    }

    /// A folder bantin did not make, made in the new tree with its mode.
    fn carry_dir(&self, rel: &str, old: &Path) -> std::io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let mode = old.symlink_metadata()?.permissions().mode() & 0o7777;
        tree::make_parents(&self.staging, &format!("{rel}/x"), &self.dirs)?;
        std::fs::set_permissions(self.staging.join(rel), PermissionsExt::from_mode(mode))
    }

    /// The output folder, resolved.
    pub fn target(&self) -> &Target {
        &self.target
    }
}

/// The temporary files of older bantin's in-place updates (`.x.bantin-tmp`).
fn is_legacy_temp(rel: &str) -> bool {
    rel.rsplit('/')
        .next()
        .is_some_and(|n| n.starts_with('.') && n.ends_with(".bantin-tmp"))
}

/// The temporary folder never outlives its writer: after [`Writer::finish`]
/// it has become the output (or holds the old tree, removed there), and
/// otherwise (failure, [`Writer::abandon`], a panic) it is removed here.
impl Drop for Writer {
    fn drop(&mut self) {
        if self.staging.exists() {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The metadata of the regular file at `path` if it holds exactly `bytes`.
fn same_as(path: &Path, bytes: &[u8]) -> Option<std::fs::Metadata> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).ok()?;
    let meta = f.metadata().ok()?;
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return None;
    }
    let mut buf = Vec::with_capacity(bytes.len() + 1);
    (f.read_to_end(&mut buf).is_ok() && buf == bytes).then_some(meta)
}

/// A thread pool for file-system work, shared by every write in the process.
pub(crate) fn io_pool() -> &'static rayon::ThreadPool {
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
            .filter(|n| n.contains(".bantin-new-") || n.contains(".bantin-old-"))
            .collect()
    }

    fn out(path: &str, bytes: &[u8]) -> Output {
        Output {
            path: path.into(),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn an_abandoned_first_build_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let opts = WriteOptions::default();
        let w = Writer::open(dir.path(), &output, opts).unwrap();
        w.put(out("tin-tuc/a/index.html", b"x"));
        assert_eq!(leftovers(dir.path()).len(), 1);
        w.abandon();
        assert!(leftovers(dir.path()).is_empty());
        assert!(!output.exists());

        let w = Writer::open(dir.path(), &output, opts).unwrap();
        w.put(out("tin-tuc/a/index.html", b"x"));
        let done = w.finish(&[]).unwrap();
        assert_eq!(done.stats.written, 1);
        assert!(leftovers(dir.path()).is_empty());
        assert_eq!(
            std::fs::read(output.join("tin-tuc/a/index.html")).unwrap(),
            b"x"
        );
        // The record is beside the output, never in it.
        assert!(!output.join(LEGACY_MARKER).exists());
        assert!(dir.path().join(".public.bantin-files").is_file());
        assert_eq!(std::fs::read_dir(&output).unwrap().count(), 1);
    }

    #[test]
    fn a_rebuild_links_unchanged_files_and_swaps_the_tree() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let opts = WriteOptions::default();
        let w = Writer::open(dir.path(), &output, opts).unwrap();
        w.put(out("a.html", b"same"));
        w.put(out("b.html", b"old"));
        w.put(out("gone/c.html", b"c"));
        w.finish(&[]).unwrap();
        let ino = |rel: &str| output.join(rel).metadata().unwrap().ino();
        let before = (ino("a.html"), ino("b.html"));
        let w = Writer::open(dir.path(), &output, opts).unwrap();
        w.put(out("a.html", b"same"));
        w.put(out("b.html", b"new"));
        let done = w.finish(&[]).unwrap();
        assert_eq!(
            (done.stats.written, done.stats.unchanged, done.stats.removed),
            (1, 1, 1)
        );
        assert_eq!(ino("a.html"), before.0);
        assert_ne!(ino("b.html"), before.1);
        assert!(!output.join("gone").exists());
        assert!(leftovers(dir.path()).is_empty());
    }
}
