//! Watching the site's sources: `content/`, `themes/`, `data/` and
//! `config.yaml`, through notify with a short debounce. Editors' temporary
//! and backup files ([`crate::files::is_ignored`]) are not changes.
//!
//! A watch follows a folder, not its name: when `content/` is moved away and
//! another folder takes its name (a backup restored with `cp -a`, a `git
//! checkout`, a sync tool), the old watch is gone and the new folder is
//! watched afresh ([`Watch::refresh`]). Folders replaced deeper down are
//! picked up by notify's recursive watch itself.

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Events closer together than this are one change (an editor's save is a burst).
const DEBOUNCE: Duration = Duration::from_millis(30);

/// Folders of the site that are watched recursively.
const FOLDERS: [&str; 3] = ["content", "themes", "data"];

/// What a batch of changes asks for.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Changes {
    /// Changed files and folders (content, themes).
    pub paths: BTreeSet<PathBuf>,
    /// config.yaml or data/ changed: rebuild everything.
    pub full: bool,
    /// Watched folders whose own entry changed (moved, removed, created).
    pub folders: BTreeSet<&'static str>,
}

impl Changes {
    /// Fold a later batch into this one.
    pub fn absorb(&mut self, later: Changes) {
        self.paths.extend(later.paths);
        self.full |= later.full;
        self.folders.extend(later.folders);
    }
}

/// Which folder a path's name is: `(dev, inode)` of what is there now.
type Identity = Option<(u64, u64)>;

fn identity(dir: &Path) -> Identity {
    let m = std::fs::metadata(dir)
        .ok()
        .filter(std::fs::Metadata::is_dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        Some((0, 0))
    }
}

/// A batch of changes, or what went wrong watching.
pub(super) type Batch = Result<Changes, String>;

/// The watcher: keep it alive as long as changes are wanted.
pub(super) struct Watch {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    /// The folders watched now, with the identity of the folder watched.
    watched: BTreeMap<&'static str, Identity>,
}

impl Watch {
    /// Watch `root` (canonical); batches of relevant changes go to `tx`.
    pub fn start(root: &Path, tx: mpsc::Sender<Batch>) -> Result<Watch, String> {
        let site = root.to_path_buf();
        let debouncer = new_debouncer(DEBOUNCE, None, move |r: DebounceEventResult| {
            let batch = match r {
                Ok(events) => {
                    // Reading a file (the build itself does) is not a change.
                    let changes = classify(
                        &site,
                        events
                            .iter()
                            .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                            .flat_map(|e| e.paths.iter()),
                    );
                    if changes.paths.is_empty() && !changes.full {
                        return;
                    }
                    Ok(changes)
                }
                Err(errors) => Err(errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")),
            };
            let _ = tx.send(batch);
        })
        .map_err(|e| e.to_string())?;
        let mut watch = Watch {
            debouncer,
            root: root.to_path_buf(),
            watched: BTreeMap::new(),
        };
        watch
            .debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        watch.refresh(&BTreeSet::new());
        Ok(watch)
    }

    /// Watch the site's folders as they are now: those that appeared since,
    /// and afresh those replaced (another folder under the same name) or
    /// whose entry `touched` names (notify drops a watch whose folder moves).
    pub fn refresh(&mut self, touched: &BTreeSet<&'static str>) {
        for name in FOLDERS {
            let dir = self.root.join(name);
            let now = identity(&dir);
            let before = self.watched.get(name).copied();
            if before == Some(now) && !touched.contains(name) {
                continue;
            }
            if before.is_some() {
                let _ = self.debouncer.unwatch(&dir);
                self.watched.remove(name);
            }
            if now.is_some() && self.debouncer.watch(&dir, RecursiveMode::Recursive).is_ok() {
                self.watched.insert(name, now);
            }
        }
    }
}

/// Sort changed paths into what the rebuild needs; drop the irrelevant ones.
pub(super) fn classify<'a>(root: &Path, paths: impl Iterator<Item = &'a PathBuf>) -> Changes {
    let mut changes = Changes::default();
    for p in paths {
        let Ok(rel) = p.strip_prefix(root) else {
            continue;
        };
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.is_empty() || parts.iter().any(|n| crate::files::is_ignored(n)) {
            continue;
        }
        if let (1, Some(name)) = (parts.len(), FOLDERS.iter().find(|f| **f == parts[0])) {
            // The folder itself moved, appeared or went: everything under it changed.
            changes.folders.insert(name);
            changes.full = true;
        }
        match parts[0].as_str() {
            "config.yaml" if parts.len() == 1 => changes.full = true,
            "data" => changes.full = true,
            "content" | "themes" => {
                changes.paths.insert(p.clone());
            }
            _ => {}
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify_names(names: &[&str]) -> Changes {
        let root = Path::new("/site");
        let paths: Vec<PathBuf> = names.iter().map(|n| root.join(n)).collect();
        classify(root, paths.iter())
    }

    #[test]
    fn editor_files_are_not_changes() {
        let c = classify_names(&[
            "content/tin-tuc/.a.md.swp",
            "content/tin-tuc/a.md~",
            "content/tin-tuc/4913",
            "content/tin-tuc/~$cv.docx",
            "content/tin-tuc/.#a.md",
            "content/.git/index",
            "public/index.html",
            "config.yaml~",
        ]);
        assert_eq!(c, Changes::default());
    }

    #[test]
    fn content_theme_and_config_changes() {
        let c = classify_names(&["content/tin-tuc/a.md", "themes/default/templates/base.html"]);
        assert_eq!(c.paths.len(), 2);
        assert!(!c.full);
        assert!(classify_names(&["config.yaml"]).full);
        assert!(classify_names(&["data/x.yaml"]).full);
    }

    #[test]
    fn a_watched_folder_itself_is_a_full_change() {
        let c = classify_names(&["content", "content.old", "themes"]);
        assert!(c.full);
        assert_eq!(c.folders, BTreeSet::from(["content", "themes"]));
        assert!(classify_names(&["content/tin-tuc"]).folders.is_empty());
    }
}
