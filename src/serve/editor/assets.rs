//! The editor's script and style, embedded in the binary: nothing is
//! fetched from anywhere else.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// (name, MIME type, contents).
const FILES: &[(&str, &str, &str)] = &[
    (
        "editor.js",
        "text/javascript; charset=utf-8",
        include_str!("assets/editor.js"),
    ),
    (
        "editor.css",
        "text/css; charset=utf-8",
        include_str!("assets/editor.css"),
    ),
    (
        "bar.js",
        "text/javascript; charset=utf-8",
        include_str!("assets/bar.js"),
    ),
];

pub async fn asset(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|(n, _, _)| *n == name) {
        Some((_, mime, body)) => (
            [
                (header::CONTENT_TYPE, *mime),
                (header::CACHE_CONTROL, "no-store"),
            ],
            *body,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
