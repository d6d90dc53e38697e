//! The load cache of incremental rebuilds (`bantin serve`): each Markdown file
//! parsed before is kept with the file's stamp (size, modification time,
//! inode) and reused while the stamp is unchanged and nobody said the file
//! changed ([`LoadCache::invalidate`]). Parse errors are kept too: the same
//! bytes give the same error.

use super::{Parsed, parse_markdown};
use crate::error::Diagnostic;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::SystemTime;

/// What identifies one version of a file on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let m = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&m);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            len: m.len(),
            modified: m.modified().ok(),
            inode,
        })
    }
}

struct Slot {
    stamp: Stamp,
    parsed: Result<Parsed, Diagnostic>,
}

/// Parsed Markdown files by path, from one load to the next.
#[derive(Default)]
pub struct LoadCache {
    /// What the previous load parsed.
    slots: Mutex<HashMap<PathBuf, Slot>>,
    /// What this load used (becomes `slots` when it finishes): deleted files drop out.
    next: Mutex<HashMap<PathBuf, Slot>>,
    parsed: AtomicUsize,
    reused: AtomicUsize,
}

impl LoadCache {
    /// An empty cache: the first load with it parses every file.
    pub fn new() -> LoadCache {
        LoadCache::default()
    }

    /// `path` (a file or a folder) changed on disk: parse it (everything under it) again.
    pub fn invalidate(&self, path: &Path) {
        let mut slots = self.slots.lock().expect("not poisoned");
        // A file parsed before is one entry; a folder, everything under it.
        if slots.remove(path).is_none() {
            slots.retain(|p, _| !p.starts_with(path));
        }
    }

    /// Forget everything.
    pub fn clear(&self) {
        self.slots.lock().expect("not poisoned").clear();
    }

    /// Files parsed and files reused by the last load.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.parsed.load(Ordering::Relaxed),
            self.reused.load(Ordering::Relaxed),
        )
    }

    pub(super) fn parse(
        &self,
        root: &Path,
        path: &Path,
        rel: String,
    ) -> Result<Parsed, Diagnostic> {
        let stamp = Stamp::of(path);
        if let Some(stamp) = stamp {
            let hit = self
                .slots
                .lock()
                .expect("not poisoned")
                .remove(path)
                .filter(|s| s.stamp == stamp);
            if let Some(slot) = hit {
                let parsed = slot.parsed.clone();
                self.next
                    .lock()
                    .expect("not poisoned")
                    .insert(path.to_path_buf(), slot);
                self.reused.fetch_add(1, Ordering::Relaxed);
                return parsed;
            }
        }
        let parsed = parse_markdown(root, path, rel);
        self.parsed.fetch_add(1, Ordering::Relaxed);
        // A file that changed while it was read gets a new stamp and is read again next time.
        if let Some(stamp) = stamp.filter(|s| Stamp::of(path) == Some(*s)) {
            self.next.lock().expect("not poisoned").insert(
                path.to_path_buf(),
                Slot {
                    stamp,
                    parsed: parsed.clone(),
                },
            );
        }
        parsed
    }

    /// The load is over: keep what it used, reset the counters for the next one.
    pub(super) fn finish(&self) {
        let next = std::mem::take(&mut *self.next.lock().expect("not poisoned"));
        *self.slots.lock().expect("not poisoned") = next;
    }

    /// Each article file the last load parsed (for `bantin serve`'s editor).
    pub fn for_each_document(&self, f: &mut dyn FnMut(&super::Document)) {
        for slot in self.slots.lock().expect("not poisoned").values() {
            if let Ok(Parsed::Document(d)) = &slot.parsed {
                f(d);
            }
        }
    }

    /// The problem of each Markdown file the last load could not parse.
    pub fn for_each_failed(&self, f: &mut dyn FnMut(&Diagnostic)) {
        for slot in self.slots.lock().expect("not poisoned").values() {
            if let Err(d) = &slot.parsed {
                f(d);
            }
        }
    }

    /// Reset the counters before a load.
    pub fn start(&self) {
        self.parsed.store(0, Ordering::Relaxed);
        self.reused.store(0, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reuses_unchanged_files_and_rereads_invalidated_ones() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("content/tin-tuc/a.md");
        std::fs::create_dir_all(a.parent().unwrap()).unwrap();
        std::fs::write(&a, "---\ntitle: A\ndate: 2024-01-01\n---\nx\n").unwrap();
        std::fs::write(
            dir.path().join("content/tin-tuc/b.md"),
            "---\ntitle: B\ndate: 2024-01-01\n---\ny\n",
        )
        .unwrap();
        let cache = LoadCache::new();
        let load = || {
            cache.start();
            let (c, _) = crate::load::load_with(dir.path(), Some(&cache)).unwrap();
            c
        };
        load();
        assert_eq!(cache.counts(), (2, 0));
        load();
        assert_eq!(cache.counts(), (0, 2));
        // Same length, maybe the same mtime tick: the watcher's word decides.
        std::fs::write(&a, "---\ntitle: Z\ndate: 2024-01-01\n---\nx\n").unwrap();
        cache.invalidate(&a);
        let c = load();
        assert_eq!(cache.counts(), (1, 1));
        assert!(c.documents.iter().any(|d| d.front.title == "Z"));
        std::fs::remove_file(&a).unwrap();
        let c = load();
        assert_eq!(c.documents.len(), 1);
        assert_eq!(cache.slots.lock().unwrap().len(), 1);
    }
}
