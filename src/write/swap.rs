//! Putting a complete new tree in place of the old one in one step, after
//! flushing it to disk, so that a kill or a power cut at any moment leaves
//! the old output or the new one.
//!
//! Linux exchanges two folders atomically (`renameat2(RENAME_EXCHANGE)`).
//! Where that is not supported the old folder is renamed aside first and the
//! new one renamed into place: for that instant there is no output, and the
//! next run puts the old one back if it was interrupted there
//! ([`super::target::Target::clean_leftovers`]).

use super::target::{Strategy, Target};
use std::path::{Path, PathBuf};

/// Puts `staging` in place of `target.dir`. Returns the folder now holding
/// the old tree (to be removed), if there was one.
pub fn publish(target: &Target, staging: &Path) -> std::io::Result<Option<PathBuf>> {
    sync_fs(staging)?;
    let old = match target.strategy {
        Strategy::Beside => swap_folder(target, staging, &target.dir)?,
        Strategy::Inside => {
            swap_entries(target, staging)?;
            Some(staging.to_path_buf())
        }
    };
    std::fs::File::open(&target.work)?.sync_all()?;
    Ok(old)
}

/// `new` in place of `dir` (absent, empty or not).
fn swap_folder(target: &Target, new: &Path, dir: &Path) -> std::io::Result<Option<PathBuf>> {
    if !dir.exists() {
        std::fs::rename(new, dir)?;
        return Ok(None);
    }
    if exchange(new, dir)? {
        return Ok(Some(new.to_path_buf()));
    }
    let aside = aside_name(target, new);
    std::fs::rename(dir, &aside)?;
    std::fs::rename(new, dir)?;
    Ok(Some(aside))
}

/// A mount point cannot be renamed: each top-level entry of `staging` is
/// exchanged with its counterpart in the output (each atomically, the whole
/// within milliseconds), and top-level entries the new tree does not have go
/// into `staging` too, so that removing it removes the old tree.
fn swap_entries(target: &Target, staging: &Path) -> std::io::Result<()> {
    let staging_name = staging.file_name().unwrap_or_default().to_os_string();
    let mut new_names = Vec::new();
    for e in std::fs::read_dir(staging)? {
        new_names.push(e?.file_name());
    }
    new_names.sort();
    for name in &new_names {
        let (from, to) = (staging.join(name), target.dir.join(name));
        if to.symlink_metadata().is_err() {
            std::fs::rename(&from, &to)?;
        } else if !exchange(&from, &to)? {
            let aside = staging.join(".bantin-aside");
            std::fs::create_dir_all(&aside)?;
            std::fs::rename(&to, aside.join(name))?;
            std::fs::rename(&from, &to)?;
        }
    }
    for e in std::fs::read_dir(&target.dir)? {
        let name = e?.file_name();
        let keep = name == staging_name
            || new_names.contains(&name)
            || target.is_work_entry(&name.to_string_lossy());
        if !keep {
            std::fs::rename(target.dir.join(&name), staging.join(&name))?;
        }
    }
    Ok(())
}

fn aside_name(target: &Target, new: &Path) -> PathBuf {
    let new_name = new.file_name().unwrap_or_default().to_string_lossy();
    let suffix = new_name
        .strip_prefix(&target.staging_prefix())
        .unwrap_or("x");
    target.work.join(format!("{}{suffix}", target.old_prefix()))
}

/// Exchanges `a` and `b` atomically; `false` where the file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e) if [rustix::io::Errno::INVAL, rustix::io::Errno::NOSYS].contains(&e) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Flushes the file system holding `dir` to disk (every file of the new tree
/// at once, much cheaper than one `fsync` per file).
#[cfg(target_os = "linux")]
fn sync_fs(dir: &Path) -> std::io::Result<()> {
    let f = std::fs::File::open(dir)?;
    rustix::fs::syncfs(&f).map_err(Into::into)
}

#[cfg(not(target_os = "linux"))]
fn sync_fs(_: &Path) -> std::io::Result<()> {
    rustix::fs::sync();
    Ok(())
}

/// Locks the output of `target` against a second bantin writing it at once
/// (released when the returned file is dropped): a lock file beside it, or
/// the mount point itself, which never moves.
pub fn lock(target: &Target) -> std::io::Result<Option<std::fs::File>> {
    use rustix::fs::{FlockOperation, flock};
    let f = match target.strategy {
        Strategy::Inside => std::fs::File::open(&target.dir)?,
        Strategy::Beside => {
            let path = target.work.join(format!(".{}.bantin-lock", target.name()));
            std::fs::File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(path)?
        }
    };
    match flock(&f, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(Some(f)),
        Err(rustix::io::Errno::WOULDBLOCK) => Err(std::io::Error::new(
            std::io::ErrorKind::ResourceBusy,
            "another bantin build is writing this output",
        )),
        // A file system without locks: go on unlocked.
        Err(_) => Ok(None),
    }
}
