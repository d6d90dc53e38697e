//! The rebuild loop of `bantin serve`: each batch of changes rebuilds the
//! site through the session (quickly when it can), swaps the preview, and
//! tells the open pages to reload — or shows the problems over the last
//! good page, in the reader's language.

use super::http::{Message, Shared};
use super::preview::Preview;
use super::{Event, Overlay, Reporter, SearchWork, editor};
use crate::build::Silent;
use crate::error::{Errors, Severity};
use crate::session::{Quick, Session};
use serde::Serialize;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, mpsc};
use std::time::Instant;

/// Rebuilds the preview and tells the pages.
pub(super) struct Rebuilder {
    pub(super) session: Session,
    /// `host:port` of the preview, for its base URL.
    pub(super) host: String,
    pub(super) shared: Arc<Shared>,
    pub(super) reporter: Arc<dyn Reporter>,
    pub(super) first: bool,
    /// To the search thread: what each rebuild changed.
    pub(super) search: mpsc::Sender<SearchWork>,
    /// Told after each rebuild (its list of articles comes from the session).
    pub(super) editor: Option<Arc<editor::Editor>>,
    pub(super) overlay: Overlay,
    /// The catalog the overlay's problems are told from.
    pub(super) messages: crate::i18n::Messages,
}

#[derive(Serialize)]
struct ErrorView<'a> {
    location: String,
    severity: &'static str,
    /// The severity in the user's language.
    label: &'a str,
    message: &'a str,
    hint: Option<&'a str>,
}

impl Rebuilder {
    pub(super) fn rebuild(&mut self, paths: &HashSet<PathBuf>, full: bool) {
        let started = Instant::now();
        if full {
            self.session.reset();
        }
        for p in paths {
            self.session.changed(p);
        }
        let broken = self.shared.error.read().expect("not poisoned").is_some();
        if !full && !self.first && !broken {
            let list: Vec<PathBuf> = paths.iter().cloned().collect();
            if let Some(quick) = self.session.quick(&list) {
                self.quick(quick, started);
                return;
            }
        }
        // The preview's links point at this server, under the configured path.
        if let Ok(config) = crate::config::Config::load(&self.session.options().root) {
            self.session.options_mut().base_url =
                Some(format!("http://{}{}", self.host, config.base.root));
        }
        let pages = self.session.rebuild_pages(&Silent);
        if let Some(editor) = &self.editor {
            editor.refresh(&self.session);
        }
        match pages {
            Ok(pages) => self.published(pages, paths, started),
            Err(errors) => self.failed(&errors),
        }
    }

    /// A good rebuild: its pages become the preview, the pages are told to
    /// reload (or that the error is fixed), the search index follows.
    fn published(
        &mut self,
        pages: crate::session::Pages,
        paths: &HashSet<PathBuf>,
        started: Instant,
    ) {
        let t = Instant::now();
        let generation = self.shared.search_gen.fetch_add(1, Ordering::SeqCst) + 1;
        let mut timings = pages.timings;
        let warnings = pages.warnings;
        let change = {
            let _update = self.shared.update.lock().expect("not poisoned");
            let old = self.shared.preview.read().expect("not poisoned").clone();
            let preview = Preview::new(pages.root, pages.rendered, &old);
            let change = preview.changes_from(&old, paths);
            *self.shared.preview.write().expect("not poisoned") = Arc::new(preview);
            change
        };
        timings.push(("preview", t.elapsed()));
        let was_broken = self
            .shared
            .error
            .write()
            .expect("not poisoned")
            .take()
            .is_some();
        let first = std::mem::take(&mut self.first);
        if first {
            let t = Instant::now();
            self.first_search_index();
            timings.push(("search index", t.elapsed()));
        }
        if was_broken {
            let _ = self.shared.events.send(Message::Fixed);
        } else if change.files > 0 {
            let json = serde_json::to_string(&change).unwrap_or_default();
            let _ = self.shared.events.send(Message::Reload(json));
        }
        self.reporter.report(Event::Built {
            first,
            elapsed: started.elapsed(),
            changed: change.files,
            stats: &self.session.stats(),
            timings: &timings,
            warnings: &warnings,
        });
        if first {
            self.session.prepare();
        } else {
            self.after(generation);
        }
    }

    /// The first preview has its search index from the start.
    fn first_search_index(&mut self) {
        if let Some(job) = self.session.search_job() {
            let outputs = job.run();
            {
                let _update = self.shared.update.lock().expect("not poisoned");
                let mut preview = self.shared.preview.write().expect("not poisoned");
                Arc::make_mut(&mut preview).set_search(outputs);
            }
            let _ = self.search.send(SearchWork::First(job));
        }
    }

    /// A failed rebuild: the last good preview stays, and every page shows
    /// the problems over it, in the reader's language.
    fn failed(&mut self, errors: &Errors) {
        let told: Vec<(String, Option<String>)> = errors
            .0
            .iter()
            .map(|d| {
                let (message, hint) = self.messages.problem(d);
                (message.into_owned(), hint.map(|h| h.into_owned()))
            })
            .collect();
        let views: Vec<ErrorView<'_>> = errors
            .0
            .iter()
            .zip(&told)
            .map(|(d, (message, hint))| ErrorView {
                location: d.location(),
                severity: match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                label: match d.severity {
                    Severity::Error => &self.overlay.error,
                    Severity::Warning => &self.overlay.warning,
                },
                message,
                hint: hint.as_deref(),
            })
            .collect();
        let json = serde_json::json!({ "errors": views, "overlay": self.overlay }).to_string();
        *self.shared.error.write().expect("not poisoned") = Some(json.clone());
        let _ = self.shared.events.send(Message::Error(json));
        self.first = false;
        self.reporter.report(Event::Failed(errors));
    }

    /// Put a quick rebuild's pages in the preview and tell the pages.
    fn quick(&mut self, quick: Quick, started: Instant) {
        let t = Instant::now();
        let generation = self.shared.search_gen.fetch_add(1, Ordering::SeqCst) + 1;
        let change = {
            let _update = self.shared.update.lock().expect("not poisoned");
            let mut preview = self.shared.preview.write().expect("not poisoned");
            Arc::make_mut(&mut preview).update(quick.outputs)
        };
        let _ = self.search.send(SearchWork::Quick(generation, quick.edits));
        if change.files > 0 {
            let json = serde_json::to_string(&change).unwrap_or_default();
            let _ = self.shared.events.send(Message::Reload(json));
        }
        let mut timings = quick.timings;
        timings.push(("preview", t.elapsed()));
        self.reporter.report(Event::Built {
            first: false,
            elapsed: started.elapsed(),
            changed: change.files,
            stats: &self.session.stats(),
            timings: &timings,
            warnings: &[],
        });
    }

    /// What waits until the pages are told after a rebuild: getting ready
    /// for the next quick rebuild, and the search index (on the search thread).
    fn after(&mut self, generation: u64) {
        self.session.prepare();
        if let Some(job) = self.session.search_job() {
            let _ = self.search.send(SearchWork::Rebuilt(generation, job));
        }
    }
}
