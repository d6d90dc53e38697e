//! `bantin serve`: a live preview while writing. The site is built in memory
//! by a [`Session`] (never into `public/`), served over HTTP ([`http`]),
//! rebuilt incrementally when a source changes ([`watch`]), and every open
//! page is told to reload — or shown the build's errors, while the last good
//! site stays up. The live-reload script is added to HTML responses here,
//! never to the pipeline's outputs.
//!
//! An edit's pages come first: a rebuild (quick when the session can,
//! [`Session::quick`]) leaves the search index out, the changed pages go into
//! the preview and the pages are told at once; then the search index is
//! computed on another thread from a snapshot of the model, and put in unless
//! a newer rebuild came meanwhile (the preview serves the previous index
//! until then).
//!
//! Like the rest of the library this prints nothing: what happens is told to
//! a [`Reporter`] (the binary prints it).

pub mod editor;
mod http;
mod preview;
mod rebuild;
mod watch;

use crate::build::{BuildOptions, Timings};
use crate::error::{Diagnostic, Errors, Severity};
use crate::problem;
use crate::session::{Edits, RebuildStats, SearchJob, Session};
use http::{Message, Shared};
use preview::Preview;
use rebuild::Rebuilder;
use serde::Serialize;
use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, mpsc};
use std::time::Duration;
use tokio::sync::broadcast;

/// How many ports after the asked one are tried when it is taken.
const PORT_TRIES: u16 = 50;

/// What `bantin serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Site folder, drafts, future (`output` and `base_url` are not used).
    pub build: BuildOptions,
    /// Address to listen on; the editor is served on loopback addresses only.
    pub bind: IpAddr,
    /// First port to try; the next ones are tried while it is taken.
    pub port: u16,
    /// Open the preview in the default browser.
    pub open: bool,
    /// Serve the editor at `/__bantin/soan-bai/` (on loopback binds only).
    pub editor: bool,
    /// The words of the error box shown over the page, in the user's language.
    pub overlay: Overlay,
}

/// The words of the box that shows build errors over the page, from the
/// message catalog in the user's language.
#[derive(Debug, Clone, Serialize)]
pub struct Overlay {
    /// The box's heading.
    pub heading: String,
    /// The word for an error (`lỗi`).
    pub error: String,
    /// The word for a warning (`cảnh báo`).
    pub warning: String,
    /// The line under the list: the page reloads when the file is saved.
    pub hint: String,
    /// The language the problems in the box are told in.
    #[serde(skip)]
    pub lang: crate::vi::Lang,
}

impl Overlay {
    /// The overlay's words from the catalog of `m`'s language.
    pub fn new(m: &crate::i18n::Messages) -> Self {
        Overlay {
            heading: m.get("overlay-heading", None),
            error: m.severity(Severity::Error),
            warning: m.severity(Severity::Warning),
            hint: m.get("overlay-hint", None),
            lang: m.lang(),
        }
    }
}

/// English.
impl Default for Overlay {
    fn default() -> Self {
        Overlay::new(&crate::i18n::Messages::new(crate::vi::Lang::En))
    }
}

/// What happened, for the binary to print.
#[derive(Debug)]
pub enum Event<'a> {
    /// The port is in use; the next one is tried.
    PortTaken(u16),
    /// Bound to an address other people's machines can reach.
    NotLoopback(IpAddr),
    /// The preview is up at this URL.
    Listening(&'a str),
    /// The editor is up at this URL.
    Editor(&'a str),
    /// The editor is off because the bind address is not loopback.
    EditorOff(IpAddr),
    /// A (re)build succeeded.
    Built {
        /// The first build since serve started.
        first: bool,
        /// How long the rebuild took.
        elapsed: Duration,
        /// Outputs whose bytes changed (every output on the first build).
        changed: usize,
        /// What the rebuild reused and redid.
        stats: &'a RebuildStats,
        /// Time per stage, printed with `--timings`.
        timings: &'a Timings,
        /// The site's warnings after this build.
        warnings: &'a [Diagnostic],
    },
    /// A build failed; the last good site is still served.
    Failed(&'a Errors),
    /// The watcher reported a problem.
    WatchError(&'a str),
}

/// Told what the server does.
pub trait Reporter: Send + Sync {
    /// Tell one event; called from the server's threads.
    fn report(&self, event: Event<'_>);
}

/// Serve the site until the process is stopped (Ctrl-C). Returns an error only
/// when the server cannot run at all (no free port, no watcher); content
/// errors are reported and shown in the browser instead.
pub fn serve(opts: ServeOptions, reporter: Arc<dyn Reporter>) -> Result<(), Errors> {
    let root = std::fs::canonicalize(&opts.build.root).map_err(|e| {
        Errors::one(problem!(
            Error,
            &opts.build.root,
            "cannot-open-site-folder",
            detail = e.to_string()
        ))
    })?;
    let listener = bind(opts.bind, opts.port, reporter.as_ref())?;
    let addr = listener
        .local_addr()
        .map_err(|e| bind_error(opts.port, &e))?;
    if !opts.bind.is_loopback() {
        reporter.report(Event::NotLoopback(opts.bind));
    }
    let host = preview_host(addr);
    let editor = start_editor(&opts, &root, addr.port(), reporter.as_ref())?;
    let (events, _) = broadcast::channel(64);
    let shared = Arc::new(Shared {
        preview: RwLock::new(Arc::new(Preview::default())),
        update: Mutex::new(()),
        search_gen: AtomicU64::new(0),
        error: RwLock::new(None),
        events,
        root_dir: root.clone(),
        editor: editor.clone(),
    });
    let (search_tx, search_rx) = mpsc::channel();
    {
        let shared = shared.clone();
        std::thread::spawn(move || search_thread(&shared, &search_rx));
    }
    let (tx, rx) = mpsc::channel();
    let watcher = watch::Watch::start(&root, tx)
        .map_err(|e| Errors::one(problem!(Error, &root, "cannot-watch", detail = e)))?;
    let mut rebuilder = Rebuilder {
        session: Session::new(BuildOptions {
            root: root.clone(),
            output: None,
            base_url: None,
            plain_asset_names: true,
            ..opts.build.clone()
        }),
        host,
        shared: shared.clone(),
        reporter: reporter.clone(),
        first: true,
        search: search_tx,
        editor,
        messages: crate::i18n::Messages::new(opts.overlay.lang),
        overlay: opts.overlay.clone(),
    };
    rebuilder.rebuild(&HashSet::new(), true);
    let url = format!(
        "http://{}{}",
        rebuilder.host,
        shared.preview.read().expect("not poisoned").root
    );
    watch_and_rebuild(rx, watcher, rebuilder);
    serve_http(listener, shared, &url, &opts, reporter.as_ref())
}

/// The address the preview is reached at: the loopback one when serve
/// listens on every address.
fn preview_host(addr: SocketAddr) -> String {
    match addr {
        SocketAddr::V4(a) if a.ip().is_unspecified() => format!("127.0.0.1:{}", a.port()),
        SocketAddr::V6(a) if a.ip().is_unspecified() => format!("[::1]:{}", a.port()),
        a => a.to_string(),
    }
}

/// The editor, when asked for and the bind is loopback (told when it is off).
fn start_editor(
    opts: &ServeOptions,
    root: &std::path::Path,
    port: u16,
    reporter: &dyn Reporter,
) -> Result<Option<Arc<editor::Editor>>, Errors> {
    Ok(match (opts.editor, opts.bind.is_loopback()) {
        (true, true) => Some(
            editor::Editor::new(root.to_path_buf(), opts.build.clone(), port).map_err(|e| {
                Errors::one(problem!(
                    Error,
                    "serve",
                    "cannot-start-editor",
                    detail = e.to_string()
                ))
            })?,
        ),
        (true, false) => {
            reporter.report(Event::EditorOff(opts.bind));
            None
        }
        (false, _) => None,
    })
}

/// Rebuild on every batch of changes the watcher reports, on a thread of its own.
fn watch_and_rebuild(
    rx: mpsc::Receiver<Result<watch::Changes, String>>,
    mut watcher: watch::Watch,
    mut rebuilder: Rebuilder,
) {
    std::thread::spawn(move || {
        while let Ok(batch) = rx.recv() {
            match batch {
                Ok(mut changes) => {
                    // Later batches already waiting are folded into this rebuild.
                    while let Ok(more) = rx.try_recv() {
                        if let Ok(c) = more {
                            changes.absorb(c);
                        }
                    }
                    // Watched before the rebuild reads: nothing written after it is missed.
                    watcher.refresh(&changes.folders);
                    let paths: HashSet<PathBuf> = changes.paths.into_iter().collect();
                    rebuilder.rebuild(&paths, changes.full);
                }
                Err(e) => rebuilder.reporter.report(Event::WatchError(&e)),
            }
        }
    });
}

/// Serve the preview over HTTP until Ctrl-C.
fn serve_http(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    url: &str,
    opts: &ServeOptions,
    reporter: &dyn Reporter,
) -> Result<(), Errors> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| {
            Errors::one(problem!(
                Error,
                "serve",
                "serve-cannot-start",
                detail = e.to_string()
            ))
        })?;
    runtime.block_on(async move {
        listener
            .set_nonblocking(true)
            .map_err(|e| bind_error(opts.port, &e))?;
        let listener =
            tokio::net::TcpListener::from_std(listener).map_err(|e| bind_error(opts.port, &e))?;
        reporter.report(Event::Listening(&url));
        if shared.editor.is_some() {
            let host = url.split('/').take(3).collect::<Vec<_>>().join("/");
            reporter.report(Event::Editor(&format!("{host}{}", editor::BASE)));
        }
        if opts.open {
            let _ = open::that_detached(&url);
        }
        // Ctrl-C stops at once: open event streams would hold a graceful shutdown forever.
        tokio::select! {
            r = http::run(listener, http::router(shared)) => r.map_err(|e| {
                Errors::one(problem!(Error, "serve", "server-stopped", detail = e.to_string()))
            }),
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })
}

fn bind_error(port: u16, e: &std::io::Error) -> Errors {
    Errors::one(problem!(
        Error,
        "--port",
        "cannot-listen-on-port",
        port = port.to_string(),
        detail = e.to_string()
    ))
}

/// Listen on `port`, or the next free one.
fn bind(ip: IpAddr, port: u16, reporter: &dyn Reporter) -> Result<TcpListener, Errors> {
    let mut last = None;
    for p in port..=port.saturating_add(PORT_TRIES) {
        match TcpListener::bind((ip, p)) {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                reporter.report(Event::PortTaken(p));
                last = Some(e);
            }
            Err(e) => return Err(bind_error(p, &e)),
        }
    }
    Err(Errors::one(problem!(
        Error,
        "--port",
        "ports-in-use",
        first = port.to_string(),
        last = port.saturating_add(PORT_TRIES).to_string(),
        detail = last.map(|e| e.to_string()).unwrap_or_default()
    )))
}

/// What the search thread is told, with the rebuild's generation.
enum SearchWork {
    /// The first build's snapshot, whose index is in the preview already.
    First(SearchJob),
    /// A (full) rebuild: a snapshot of its model.
    Rebuilt(u64, SearchJob),
    /// A quick rebuild: its edits to the last snapshot.
    Quick(u64, Edits),
}

impl SearchWork {
    /// Bring `job` up to this; the generation to compute, if any.
    fn update(self, job: &mut Option<SearchJob>) -> Option<u64> {
        match self {
            SearchWork::First(fresh) => {
                *job = Some(fresh);
                None
            }
            SearchWork::Rebuilt(generation, fresh) => {
                *job = Some(fresh);
                Some(generation)
            }
            SearchWork::Quick(generation, edits) => {
                if let Some(j) = job {
                    j.apply(edits);
                }
                Some(generation)
            }
        }
    }
}

/// Compute the search index of each rebuild, the newest first, and put it in
/// the preview unless a rebuild came after the one it is for. It keeps the
/// snapshot of the last rebuild and applies quick rebuilds' edits to it (the
/// rebuild thread copies the model only after a full rebuild). It runs on
/// one thread of its own (not the shared pool), so that the next edit's
/// rebuild and its reload event find a core free.
fn search_thread(shared: &Shared, work: &mpsc::Receiver<SearchWork>) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(|_| "bantin-search".into())
        .build();
    let mut job: Option<SearchJob> = None;
    while let Ok(first) = work.recv() {
        let mut generation = first.update(&mut job);
        while let Ok(more) = work.try_recv() {
            generation = more.update(&mut job).or(generation);
        }
        let (Some(generation), Some(current)) = (generation, &job) else {
            continue;
        };
        if shared.search_gen.load(Ordering::SeqCst) != generation {
            continue;
        }
        let outputs = match &pool {
            Ok(pool) => pool.install(|| current.run()),
            Err(_) => current.run(),
        };
        let _update = shared.update.lock().expect("not poisoned");
        if shared.search_gen.load(Ordering::SeqCst) != generation {
            continue;
        }
        let change = {
            let mut preview = shared.preview.write().expect("not poisoned");
            Arc::make_mut(&mut preview).set_search(outputs)
        };
        if change.files > 0 && shared.error.read().expect("not poisoned").is_none() {
            let json = serde_json::to_string(&change).unwrap_or_default();
            let _ = shared.events.send(Message::Reload(json));
        }
    }
}
