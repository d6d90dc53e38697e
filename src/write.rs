//! Stage 4 — write: put a rendered site on disk. A first build goes to a
//! temporary folder that is renamed into place when complete; later builds
//! update the folder in place, touching only files whose bytes changed and
//! removing what the site no longer has (see [`write`]).

use crate::error::Diagnostic;
use crate::render::Rendered;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

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

/// Write `rendered` as the new content of `output`.
///
/// A new output folder is written beside its final place and renamed into
/// it when complete. An existing one (a previous build, marked by
/// [`MARKER`]) is brought up to date in place: a file whose bytes are
/// unchanged is not touched, changed files are rewritten, and files the site
/// no longer has are removed. Everything is rendered in memory before the
/// first byte is written, so bad content never reaches the folder. Each
/// changed file is replaced atomically (see [`replace`]); only an I/O failure
/// part-way (a full disk) can leave a mix of old and new files, which the
/// next successful build completes.
pub fn write(rendered: &Rendered, output: &Path) -> Result<WriteStats, Diagnostic> {
    let is_empty_dir = |p: &Path| {
        std::fs::read_dir(p)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false)
    };
    if output.is_dir() && !is_empty_dir(output) {
        return sync(rendered, output);
    }
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| Diagnostic::io(&parent, &e))?;
    let staging = tempfile::Builder::new()
        .prefix(".bantin-new-")
        .tempdir_in(&parent)
        .map_err(|e| Diagnostic::io(&parent, &e))?;
    fill(rendered, staging.path())?;
    let staging = staging.keep();
    if output.is_dir() {
        // Empty: made by hand or by a tool, and safe to replace.
        let _ = std::fs::remove_dir(output);
    }
    std::fs::rename(&staging, output).map_err(|e| {
        let _ = std::fs::remove_dir_all(&staging);
        Diagnostic::io(output, &e)
    })?;
    Ok(WriteStats {
        written: rendered.outputs.len() + rendered.copies.len(),
        ..Default::default()
    })
}

/// Brings an existing output folder up to date in place (see [`write`]).
fn sync(rendered: &Rendered, output: &Path) -> Result<WriteStats, Diagnostic> {
    let mut stats = WriteStats::default();
    // Every file the new build holds, and every folder above one.
    let mut files: HashSet<&str> = rendered.outputs.iter().map(|o| o.path.as_str()).collect();
    files.extend(rendered.copies.iter().map(|c| c.to.as_str()));
    files.insert(MARKER);
    let mut dirs: HashSet<&str> = HashSet::new();
    for f in &files {
        for (i, b) in f.bytes().enumerate() {
            if b == b'/' {
                dirs.insert(&f[..i]);
            }
        }
    }
    // Remove what the site no longer has, children before their folder.
    // A path that changes kind (file ↔ folder) is removed here and made anew.
    let walk = walkdir::WalkDir::new(output)
        .min_depth(1)
        .contents_first(true)
        .follow_links(false);
    for entry in walk {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(output).to_path_buf();
            Diagnostic::io(&path, &std::io::Error::other(e.to_string()))
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
            let removed = if is_dir {
                std::fs::remove_dir(entry.path())
            } else {
                std::fs::remove_file(entry.path())
            };
            removed.map_err(|e| Diagnostic::io(entry.path(), &e))?;
            stats.removed += 1;
        }
    }
    let written = std::sync::atomic::AtomicUsize::new(0);
    io_pool().install(|| {
        make_dirs(rendered, output)?;
        rendered.outputs.par_iter().try_for_each(|o| {
            let path = output.join(&o.path);
            if holds(&path, &o.bytes) {
                return Ok(());
            }
            written.fetch_add(1, Ordering::Relaxed);
            replace(&path, |tmp| std::fs::write(tmp, &o.bytes))
        })?;
        rendered.copies.par_iter().try_for_each(|c| {
            let path = output.join(&c.to);
            if same_file_content(&c.from, &path) {
                return Ok(());
            }
            written.fetch_add(1, Ordering::Relaxed);
            replace(&path, |tmp| std::fs::copy(&c.from, tmp).map(|_| ()))
        })
    })?;
    stats.written = written.into_inner();
    stats.unchanged = rendered.outputs.len() + rendered.copies.len() - stats.written;
    let marker = output.join(MARKER);
    if !marker.is_file() {
        std::fs::write(&marker, MARKER_TEXT).map_err(|e| Diagnostic::io(&marker, &e))?;
    }
    Ok(stats)
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
        Diagnostic::io(path, &e)
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

/// Writes every output and copy into `dir`, which must exist. Folders are
/// made once each, level by level, and files are written from a pool with
/// more threads than cores: on this workload the time goes to the file
/// system (inode allocation, writeback), not to the CPU, so keeping several
/// requests in flight is what helps.
pub fn fill(rendered: &Rendered, dir: &Path) -> Result<(), Diagnostic> {
    io_pool().install(|| {
        make_dirs(rendered, dir)?;
        rendered.outputs.par_iter().try_for_each(|o| {
            let path = dir.join(&o.path);
            std::fs::write(&path, &o.bytes).map_err(|e| Diagnostic::io(&path, &e))
        })?;
        rendered.copies.par_iter().try_for_each(|c| {
            let path = dir.join(&c.to);
            std::fs::copy(&c.from, &path)
                .map(|_| ())
                .map_err(|e| Diagnostic::io(&path, &e))
        })
    })?;
    std::fs::write(dir.join(MARKER), MARKER_TEXT).map_err(|e| Diagnostic::io(dir, &e))
}

/// Creates every folder the outputs need, shallowest first, each level in
/// parallel, so no file write has to stat its parents.
fn make_dirs(rendered: &Rendered, dir: &Path) -> Result<(), Diagnostic> {
    let mut levels: Vec<std::collections::BTreeSet<&str>> = Vec::new();
    let files = rendered.outputs.iter().map(|o| o.path.as_str());
    for rel in files.chain(rendered.copies.iter().map(|c| c.to.as_str())) {
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
                    Err(Diagnostic::io(&path, &e))
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
