//! The HTTP side of `bantin serve`: files of the in-memory preview with their
//! MIME types, `index.html` for folders, the site's 404 page, the live-reload
//! script (added to HTML responses only) and its event stream (Server-Sent
//! Events). Request paths that could lead outside the site are refused.

use super::preview::{Body, Preview};
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use percent_encoding::percent_decode_str;
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use tokio::sync::broadcast;

/// A client has this long to send a request's headers (the first request on
/// a connection, or the next one on a kept-alive connection), or is dropped:
/// a connection that says nothing holds no task for ever.
pub(super) const HEADER_TIMEOUT: Duration = Duration::from_secs(5);

/// Where the script and its events live (outside any site path).
const SCRIPT: &str = "/__bantin/live.js";
const EVENTS: &str = "/__bantin/events";

/// A message to every open page.
#[derive(Clone, Debug)]
pub(super) enum Message {
    /// JSON of a [`super::preview::Change`].
    Reload(String),
    /// JSON of the build errors.
    Error(String),
    /// The build works again: reload.
    Fixed,
}

/// What the server and the rebuild thread share.
pub(super) struct Shared {
    pub preview: RwLock<Arc<Preview>>,
    /// Held while the preview is changed (the rebuild and the search thread both do).
    pub update: Mutex<()>,
    /// Bumped by every rebuild: a search index computed for an older one is dropped.
    pub search_gen: AtomicU64,
    /// The current build error (JSON), while the site is broken.
    pub error: RwLock<Option<String>>,
    pub events: broadcast::Sender<Message>,
    /// The site folder (canonical): copies are served only from inside it.
    pub root_dir: PathBuf,
    /// The editor, when it is on: its routes, and its bar on every page.
    pub editor: Option<Arc<super::editor::Editor>>,
}

pub(super) fn router(shared: Arc<Shared>) -> Router {
    let editor = shared.editor.clone();
    let router = Router::new()
        .route(SCRIPT, get(script))
        .route(EVENTS, get(events))
        .fallback(file)
        .with_state(shared);
    match editor {
        Some(editor) => router.merge(super::editor::router(editor)),
        None => router,
    }
}

/// Serve `router` on `listener` until an error stops accepting: each
/// connection is HTTP/1.1 with [`HEADER_TIMEOUT`] on reading request headers.
pub(super) async fn run(listener: tokio::net::TcpListener, router: Router) -> std::io::Result<()> {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors and the like: wait a little, go on.
            Err(e) if is_transient(&e) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
            Err(e) => return Err(e),
        };
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

fn is_transient(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        ConnectionAborted | ConnectionReset | Interrupted | WouldBlock
    ) || e.raw_os_error().is_some_and(|c| c == 23 || c == 24) // ENFILE, EMFILE
}

async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        include_str!("live.js"),
    )
        .into_response()
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    let rx = shared.events.subscribe();
    let first = match shared.error.read().expect("not poisoned").clone() {
        Some(e) => Message::Error(e),
        None => Message::Reload("null".into()),
    };
    let stream = futures_util::stream::unfold((Some(first), rx), |(first, mut rx)| async move {
        let message = match first {
            Some(m) => m,
            None => match rx.recv().await {
                Ok(m) => m,
                // Missed messages: reload to be sure.
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    Message::Reload(r#"{"pages":["*"],"css":[]}"#.into())
                }
                Err(broadcast::error::RecvError::Closed) => return None,
            },
        };
        let event = match message {
            Message::Reload(json) => SseEvent::default().event("reload").data(json),
            Message::Error(json) => SseEvent::default().event("build-error").data(json),
            Message::Fixed => SseEvent::default().event("fixed").data("{}"),
        };
        Some((Ok(event), (None, rx)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// What a request path leads to.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Target {
    /// An output path of the preview (decoded).
    File(String),
    /// A folder asked for without its trailing slash: go there.
    Redirect(String),
    NotFound,
}

/// Resolve a raw (percent-encoded) request path against the preview. Paths
/// with `..`, `.`, empty segments, encoded `/` or `\`, backslashes or NUL are
/// refused, whatever they would lead to.
pub(super) fn resolve(raw: &str, preview: &Preview) -> Target {
    let lower = raw.to_ascii_lowercase();
    if raw.contains('\\') || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")
    {
        return Target::NotFound;
    }
    let root = preview.root.as_str();
    if raw == "/" && root != "/" || raw == root.trim_end_matches('/') {
        return Target::Redirect(root.to_string());
    }
    let Some(rest) = raw.strip_prefix(root) else {
        return Target::NotFound;
    };
    let Ok(rel) = percent_decode_str(rest).decode_utf8() else {
        return Target::NotFound;
    };
    let rel = crate::vi::nfc(&rel).into_owned();
    let segments: Vec<&str> = rel.split('/').collect();
    let last = segments.len() - 1;
    for (i, s) in segments.iter().enumerate() {
        if (s.is_empty() && i != last) || *s == "." || *s == ".." || s.contains(':') {
            return Target::NotFound;
        }
    }
    if rel.is_empty() || rel.ends_with('/') {
        let index = format!("{rel}index.html");
        return if preview.files.contains_key(&index) {
            Target::File(index)
        } else {
            Target::NotFound
        };
    }
    if preview.files.contains_key(&rel) {
        Target::File(rel)
    } else if preview.files.contains_key(&format!("{rel}/index.html")) {
        Target::Redirect(format!("{raw}/"))
    } else {
        Target::NotFound
    }
}

async fn file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let preview = shared.preview.read().expect("not poisoned").clone();
    match resolve(uri.path(), &preview) {
        Target::Redirect(to) => {
            let to = match uri.query() {
                Some(q) => format!("{to}?{q}"),
                None => to,
            };
            (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, to)]).into_response()
        }
        Target::File(path) => match load(&shared, &preview, &path).await {
            Some(bytes) => {
                let bar = shared.editor.as_ref().map(|e| e.bar_tag(uri.path()));
                respond(StatusCode::OK, &path, bytes, bar.as_deref())
            }
            None => not_found(&shared, &preview).await,
        },
        Target::NotFound => not_found(&shared, &preview).await,
    }
}

/// The bytes of an output; a copy only while its source is a plain file inside the site.
async fn load(shared: &Shared, preview: &Preview, path: &str) -> Option<Bytes> {
    match preview.files.get(path)? {
        Body::Bytes(b) => Some(b.clone()),
        Body::File(from) => {
            let meta = tokio::fs::symlink_metadata(from).await.ok()?;
            let real = tokio::fs::canonicalize(from).await.ok()?;
            if !meta.is_file() || !real.starts_with(&shared.root_dir) {
                return None;
            }
            tokio::fs::read(&real).await.ok().map(Bytes::from)
        }
    }
}

async fn not_found(shared: &Shared, preview: &Preview) -> Response {
    match load(shared, preview, "404.html").await {
        Some(b) => respond(StatusCode::NOT_FOUND, "404.html", b, None),
        None => respond(
            StatusCode::NOT_FOUND,
            "404.html",
            Bytes::from_static(
                "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>404</title><body><p>Không tìm thấy trang (404).</p></body></html>".as_bytes(),
            ),
            None,
        ),
    }
}

/// The Content-Type of an output path, with the charset for text.
fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(Path::new(path)).first_or_octet_stream();
    let textual = mime.type_() == "text"
        || matches!(
            mime.essence_str(),
            "application/javascript"
                | "application/json"
                | "application/xml"
                | "image/svg+xml"
                | "application/manifest+json"
        );
    if textual {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    }
}

/// An output as a response; HTML gets the live-reload script and the
/// editor's `bar` tag (when the editor is on).
fn respond(status: StatusCode, path: &str, bytes: Bytes, bar: Option<&str>) -> Response {
    let content_type = content_type(path);
    let body = if content_type.starts_with("text/html;") {
        let mut html = with_script(&bytes, status.as_u16());
        if let Some(bar) = bar {
            html = insert_before_body_end(&html, bar);
        }
        Bytes::from(html)
    } else {
        bytes
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// `html` with the live-reload script before its last `</body>` (or at the end).
pub(super) fn with_script(html: &[u8], status: u16) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT}\" data-status=\"{status}\" defer></script>");
    insert_before_body_end(html, &tag)
}

/// `html` with `tag` before its last `</body>` (or at the end).
fn insert_before_body_end(html: &[u8], tag: &str) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preview(root: &str) -> Preview {
        let mut p = Preview {
            root: root.into(),
            ..Default::default()
        };
        for f in [
            "index.html",
            "tin-tuc/index.html",
            "tin-tuc/hội nghị/index.html",
            "tin-tuc/a.pdf",
        ] {
            p.files
                .insert(f.into(), Body::Bytes(Bytes::from_static(b"x")));
        }
        p
    }

    #[test]
    fn content_types_of_the_outputs() {
        for (path, want) in [
            ("index.html", "text/html; charset=utf-8"),
            (
                "manifest.webmanifest",
                "application/manifest+json; charset=utf-8",
            ),
            ("favicon.ico", "image/x-icon"),
            ("favicon.svg", "image/svg+xml; charset=utf-8"),
            ("icon-192.png", "image/png"),
            ("css/style.3f2a9c1e.css", "text/css; charset=utf-8"),
        ] {
            assert_eq!(content_type(path), want, "{path}");
        }
    }

    #[test]
    fn resolves_files_folders_and_redirects() {
        let p = preview("/");
        assert_eq!(resolve("/", &p), Target::File("index.html".into()));
        assert_eq!(
            resolve("/tin-tuc/", &p),
            Target::File("tin-tuc/index.html".into())
        );
        assert_eq!(
            resolve("/tin-tuc", &p),
            Target::Redirect("/tin-tuc/".into())
        );
        assert_eq!(
            resolve("/tin-tuc/h%E1%BB%99i%20ngh%E1%BB%8B/", &p),
            Target::File("tin-tuc/hội nghị/index.html".into())
        );
        assert_eq!(
            resolve("/tin-tuc/a.pdf", &p),
            Target::File("tin-tuc/a.pdf".into())
        );
        assert_eq!(resolve("/khong-co/", &p), Target::NotFound);
    }

    #[test]
    fn serves_under_the_base_path() {
        let p = preview("/xem/");
        assert_eq!(resolve("/", &p), Target::Redirect("/xem/".into()));
        assert_eq!(resolve("/xem", &p), Target::Redirect("/xem/".into()));
        assert_eq!(resolve("/xem/", &p), Target::File("index.html".into()));
        assert_eq!(resolve("/tin-tuc/", &p), Target::NotFound);
    }

    #[test]
    fn refuses_paths_that_climb_out() {
        let p = preview("/");
        for raw in [
            "/tin-tuc/../index.html",
            "/tin-tuc/%2e%2e/index.html",
            "/tin-tuc/%2E%2E/",
            "/tin-tuc%2findex.html",
            "/tin-tuc%5cindex.html",
            "/tin-tuc\\index.html",
            "/./index.html",
            "//etc/passwd",
            "/C:/Windows/win.ini",
            "/index.html%00",
        ] {
            assert_eq!(resolve(raw, &p), Target::NotFound, "{raw}");
        }
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = with_script(b"<body><p>a</p></BODY></html>", 200);
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.starts_with("<body><p>a</p><script src=\"/__bantin/live.js\""),
            "{out}"
        );
        assert!(out.ends_with("</BODY></html>"), "{out}");
    }
}
