//! Stage 4 — write: put a rendered site on disk so that the output folder is
//! always either the previous build or the new one, never a mix. The new
//! build is written to a temporary folder beside the output and swapped in
//! only when complete.

use crate::error::Diagnostic;
use crate::render::Rendered;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Marks a folder as bantin's output, so that a later build may replace it.
pub const MARKER: &str = ".bantin-build";

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

/// Write `rendered` as the new content of `output`, atomically replacing what was there.
pub fn write(rendered: &Rendered, output: &Path) -> Result<(), Diagnostic> {
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
    swap(staging.keep(), output)
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
    std::fs::write(
        dir.join(MARKER),
        "Built by bantin. This folder is replaced on every build.\n",
    )
    .map_err(|e| Diagnostic::io(dir, &e))
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

/// Move `staging` to `output`; the previous output is removed only once the new one is in place.
fn swap(staging: PathBuf, output: &Path) -> Result<(), Diagnostic> {
    if !output.exists() {
        return std::fs::rename(&staging, output).map_err(|e| Diagnostic::io(output, &e));
    }
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let old = staging.with_file_name(format!(".bantin-old-{name}-{}", std::process::id()));
    std::fs::rename(output, &old).map_err(|e| {
        let _ = std::fs::remove_dir_all(&staging);
        Diagnostic::io(output, &e)
    })?;
    if let Err(e) = std::fs::rename(&staging, output) {
        let _ = std::fs::rename(&old, output);
        let _ = std::fs::remove_dir_all(&staging);
        return Err(Diagnostic::io(output, &e));
    }
    remove_tree(&old);
    Ok(())
}

/// Removes the previous build's folder, its top-level entries in parallel.
/// Failing to remove it is not an error: the new build is already in place.
fn remove_tree(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        let entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        io_pool().install(|| {
            entries.par_iter().for_each(|p| {
                let _ = if p.is_dir() {
                    std::fs::remove_dir_all(p)
                } else {
                    std::fs::remove_file(p)
                };
            })
        });
    }
    let _ = std::fs::remove_dir_all(dir);
}
