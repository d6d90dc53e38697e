//! Soạn bài: the newsroom editor inside `bantin serve`, at
//! `/__bantin/soan-bai/`. Press staff fill a form instead of typing YAML;
//! the Markdown files stay the source of truth.
//!
//! - [`security`]: loopback `Host`, token and `Origin` on every write, paths
//!   confined to `content/`, body size limits;
//! - [`catalog`]: the dashboard's list, taken from the serve session after
//!   each rebuild (never by reading files again);
//! - [`schema`] and [`form`]: the form's fields from the loader's
//!   front-matter types, and the file's new text from the form;
//! - [`save`]: atomic writes, conflicts, new files, the trash;
//! - [`pages`] and `assets/`: the HTML, and the script and style embedded in
//!   the binary (nothing is fetched from elsewhere);
//! - `routes`: the HTTP handlers.
//!
//! The preview is the real pipeline's page ([`crate::draft`]). Photo and
//! attachment upload will be more handlers and widgets (`Widget::Kept` fields
//! are kept as written until then).

mod assets;
mod catalog;
mod form;
mod pages;
mod routes;
mod save;
mod schema;
mod security;
mod text;
mod yaml_out;

use crate::build::BuildOptions;
use crate::session::Session;
use catalog::Catalog;
pub(super) use pages::BASE;
use security::Guard;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

/// The editor's state, shared by its handlers and the rebuild thread.
pub struct Editor {
    guard: Guard,
    /// The site folder and its `content/` (canonical).
    root: PathBuf,
    content: PathBuf,
    /// The serve session's options (the preview's base URL included).
    opts: RwLock<BuildOptions>,
    catalog: RwLock<Arc<Catalog>>,
    /// The previews (one at a time).
    drafts: Mutex<crate::draft::Drafts>,
    /// Bumped by every rebuild: the previews' kept model is then out of date.
    generation: AtomicU64,
}

impl Editor {
    /// An editor for the site at `root` (canonical) served on `port`.
    pub fn new(root: PathBuf, opts: BuildOptions, port: u16) -> std::io::Result<Arc<Editor>> {
        let content = std::fs::canonicalize(root.join("content")).unwrap_or(root.join("content"));
        Ok(Arc::new(Editor {
            guard: Guard::new(port)?,
            root,
            content,
            opts: RwLock::new(opts),
            catalog: RwLock::new(Arc::new(Catalog::default())),
            drafts: Mutex::new(crate::draft::Drafts::new()),
            generation: AtomicU64::new(0),
        }))
    }

    /// Take the list of articles and terms from `session` after a rebuild.
    pub fn refresh(&self, session: &Session) {
        let catalog = Catalog::of(session, &self.catalog());
        *self.opts.write().expect("not poisoned") = session.options().clone();
        *self.catalog.write().expect("not poisoned") = Arc::new(catalog);
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// The page `text` makes as the file `rel`, and the problems with it.
    fn render_draft(&self, rel: &str, text: &str) -> crate::draft::DraftPage {
        let opts = self.opts.read().expect("not poisoned").clone();
        let generation = self.generation.load(Ordering::SeqCst);
        let mut drafts = self.drafts.lock().expect("not poisoned");
        drafts.render(&opts, generation, rel, text)
    }

    fn catalog(&self) -> Arc<Catalog> {
        self.catalog.read().expect("not poisoned").clone()
    }

    /// The tag that adds the editor's bar to a preview page at `url_path`
    /// (with a link to edit its article, when it is one).
    pub fn bar_tag(&self, url_path: &str) -> String {
        let decoded = percent_encoding::percent_decode_str(url_path).decode_utf8_lossy();
        let cat = self.catalog();
        let edit = cat
            .by_url
            .get(decoded.as_ref())
            .map(|rel| format!("{BASE}sua?tep={}", text::enc(rel)))
            .unwrap_or_default();
        format!(
            "<script src=\"{BASE}tai/bar.js\" data-edit=\"{}\" data-label=\"{}\" data-home=\"{}\" defer></script>",
            text::esc(&edit),
            text::t(cat.english, "edit_this"),
            text::t(cat.english, "app"),
        )
    }
}

/// The editor's routes, all under [`BASE`].
pub fn router(editor: Arc<Editor>) -> axum::Router {
    routes::router(editor)
}
