//! The editor's HTTP handlers. Every request passes the `Host` check
//! ([`guard_host`]); every POST is checked for `Origin` and token before
//! anything is read or written, and its body is limited.

use super::catalog::{Query, State};
use super::form::{self, Form, Original};
use super::pages::{self, BASE, Filled};
use super::save::{self, SaveError};
use super::security::{MAX_BODY, Refusal};
use super::text::{enc, t};
use super::{Editor, catalog::Catalog};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Form as FormBody, Query as Q, Request, State as S};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{DateTime, FixedOffset, Utc};
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;

type Ed = S<Arc<Editor>>;
type Params = Q<HashMap<String, String>>;

pub fn router(ed: Arc<Editor>) -> Router {
    let at = |p: &str| format!("{BASE}{p}");
    Router::new()
        .route(BASE, get(dashboard))
        .route(
            BASE.trim_end_matches('/'),
            get(|| async { Redirect::permanent(BASE) }),
        )
        .route(&at("sua"), get(edit))
        .route(&at("moi"), get(new))
        .route(&at("luu"), post(save_form))
        .route(&at("xem-truoc"), post(preview))
        .route(&at("xoa"), post(trash))
        .route(&at("kiem-so"), get(check_number))
        .route(&at("the"), get(tags))
        .route(&at("slug"), get(slug))
        .route(&at("tai/{name}"), get(super::assets::asset))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(ed.clone(), guard_host))
        .with_state(ed)
}

/// Refuse any request whose `Host` is not this server's loopback name.
async fn guard_host(S(ed): Ed, req: Request, next: Next) -> Response {
    match ed.guard.host(req.headers()) {
        Ok(_) => next.run(req).await,
        Err(r) => refused(&r),
    }
}

fn refused(r: &Refusal) -> Response {
    let (status, what) = match r {
        Refusal::Host => (StatusCode::MISDIRECTED_REQUEST, "wrong Host".to_string()),
        Refusal::Origin => (StatusCode::FORBIDDEN, "wrong or missing Origin".to_string()),
        Refusal::Token => (StatusCode::FORBIDDEN, "wrong or missing token".to_string()),
        Refusal::Path(why) => (StatusCode::BAD_REQUEST, format!("file name refused: {why}")),
    };
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        format!("Yêu cầu bị từ chối / request refused: {what}\n"),
    )
        .into_response()
}

fn now(cat: &Catalog) -> DateTime<FixedOffset> {
    let tz = cat
        .tz
        .unwrap_or_else(|| FixedOffset::east_opt(7 * 3600).expect("valid"));
    Utc::now().with_timezone(&tz)
}

/// An editor page: never cached, never shown inside another site's frame
/// (a framed Save button could be clicked by someone else's page).
fn html(body: String) -> Response {
    (
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::X_FRAME_OPTIONS, "DENY"),
            (header::CONTENT_SECURITY_POLICY, "frame-ancestors 'none'"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        Html(body),
    )
        .into_response()
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json"))
}

async fn dashboard(S(ed): Ed, Q(p): Params) -> Response {
    let cat = ed.catalog();
    let get = |k: &str| p.get(k).cloned().unwrap_or_default();
    let q = Query {
        text: get("q"),
        section: get("muc"),
        category: get("chuyen-muc"),
        state: State::from_code(&get("trang-thai")),
        page: get("trang").parse().unwrap_or(1),
    };
    html(pages::dashboard(&cat, &q, now(&cat)))
}

async fn edit(S(ed): Ed, Q(p): Params) -> Response {
    let cat = ed.catalog();
    let rel = p.get("tep").cloned().unwrap_or_default();
    let path = match super::security::confine(&ed.content, &rel) {
        Ok(p) => p,
        Err(r) => return refused(&r),
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            return (
                StatusCode::NOT_FOUND,
                html(pages::message(
                    cat.english,
                    t(cat.english, "open_fail"),
                    &[e.to_string()],
                    BASE,
                )),
            )
                .into_response();
        }
    };
    if crate::load::parse_unsaved(&ed.root, &rel, &bytes).is_none() {
        return refused(&Refusal::Path("not an article file"));
    }
    let shown = std::path::Path::new("content").join(&rel);
    let orig = match Original::parse(&bytes, &shown) {
        Ok(o) => o,
        Err(d) => return raw_page(&ed, &cat, &rel, &bytes, &d),
    };
    let tz = now(&cat).timezone();
    let mut values = form::values(&orig.front, tz);
    values.insert(
        "section".into(),
        rel.split('/')
            .next()
            .filter(|_| rel.contains('/'))
            .unwrap_or("")
            .to_string(),
    );
    let entry = cat.entries.iter().find(|e| e.rel == rel);
    let stem = rel.rsplit('/').next().unwrap_or("").trim_end_matches(".md");
    let derived = crate::vi::slug_from_file_name(stem);
    let notice = p.get("da-luu").map(|_| t(cat.english, "saved"));
    html(pages::editor(
        &cat,
        &Filled {
            rel: Some(&rel),
            base: &save::stamp(&bytes),
            values: &values,
            body: orig.body(),
            token: &ed.guard.token,
            derived_slug: &derived,
            url: entry.and_then(|e| e.url.as_deref()),
            notice,
        },
    ))
}

/// The plain-text editor of a file whose front matter cannot be read (or
/// the reason it cannot be opened at all: not UTF-8).
fn raw_page(
    ed: &Editor,
    cat: &Catalog,
    rel: &str,
    bytes: &[u8],
    problem: &crate::error::Diagnostic,
) -> Response {
    let en = cat.english;
    let raw = match form::Raw::read(bytes, &std::path::Path::new("content").join(rel)) {
        Ok(r) => r,
        Err(d) => {
            let line = super::text::problem_line(en, &d);
            let page = pages::message(en, t(en, "open_fail"), &[line], BASE);
            return (StatusCode::UNPROCESSABLE_ENTITY, html(page)).into_response();
        }
    };
    let values = Form::new();
    let base = save::stamp(bytes);
    let f = Filled {
        rel: Some(rel),
        base: &base,
        values: &values,
        body: &raw.text,
        token: &ed.guard.token,
        derived_slug: "",
        url: None,
        notice: None,
    };
    html(pages::raw_editor(
        cat,
        &f,
        &super::text::problem_line(en, problem),
    ))
}

async fn new(S(ed): Ed, Q(p): Params) -> Response {
    let cat = ed.catalog();
    let mut values = Form::new();
    values.insert(
        "date".into(),
        now(&cat).format("%Y-%m-%dT%H:%M:%S").to_string(),
    );
    values.insert("author".into(), cat.default_author.clone());
    values.insert("section".into(), p.get("muc").cloned().unwrap_or_default());
    html(pages::editor(
        &cat,
        &Filled {
            rel: None,
            base: "",
            values: &values,
            body: "",
            token: &ed.guard.token,
            derived_slug: "",
            url: None,
            notice: None,
        },
    ))
}

/// The file a form is about: its path, its relative name and what it held
/// (`None`: a new article, named from its title).
struct Target {
    path: std::path::PathBuf,
    rel: String,
    was: Was,
}

/// What the file of a form held.
enum Was {
    /// Nothing: a new article.
    New,
    /// An article whose front matter the form shows.
    Form(Original),
    /// A file whose front matter cannot be read, edited as plain text.
    Raw(form::Raw),
}

impl Target {
    /// The file's new text (with `\n` line ends) after the form, and whether it changed.
    fn text(&self, f: &Form, tz: FixedOffset) -> (String, bool) {
        match &self.was {
            Was::New => form::compose(None, f, tz),
            Was::Form(o) => form::compose(Some(o), f, tz),
            Was::Raw(r) => {
                let text = f
                    .get("body")
                    .map_or_else(|| r.text.clone(), |b| b.replace("\r\n", "\n"));
                let changed = text != r.text;
                (text, changed)
            }
        }
    }
}

fn target(ed: &Editor, f: &Form) -> Result<Target, Box<Response>> {
    let en = ed.catalog().english;
    let rel = f.get("rel").map(|s| s.trim()).unwrap_or("");
    if !rel.is_empty() {
        let path = super::security::confine(&ed.content, rel).map_err(|r| Box::new(refused(&r)))?;
        let bytes = std::fs::read(&path)
            .map_err(|e| Box::new((StatusCode::NOT_FOUND, e.to_string()).into_response()))?;
        if crate::load::parse_unsaved(&ed.root, rel, &bytes).is_none() {
            return Err(Box::new(refused(&Refusal::Path("not an article file"))));
        }
        let shown = std::path::Path::new("content").join(rel);
        let unreadable = |d: Box<crate::error::Diagnostic>| {
            let line = super::text::problem_line(en, &d);
            Box::new((StatusCode::UNPROCESSABLE_ENTITY, line).into_response())
        };
        let was = if f.get("raw").is_some_and(|v| v == "1") {
            Was::Raw(form::Raw::read(&bytes, &shown).map_err(unreadable)?)
        } else {
            Was::Form(Original::parse(&bytes, &shown).map_err(unreadable)?)
        };
        return Ok(Target {
            path,
            rel: rel.to_string(),
            was,
        });
    }
    let cat = ed.catalog();
    let section = f.get("section").map_or("", String::as_str);
    if !cat.sections.iter().any(|(name, _)| name == section) {
        return Err(Box::new(refused(&Refusal::Path("no such section"))));
    }
    let title = f.get("title").map_or("", String::as_str);
    let slug = f
        .get("slug")
        .map(String::as_str)
        .filter(|s| !s.trim().is_empty());
    let path = crate::scaffold::article_path(&ed.root, title, section, slug).map_err(|d| {
        let (message, _) = super::text::problem(en, &d);
        Box::new((StatusCode::UNPROCESSABLE_ENTITY, message).into_response())
    })?;
    let rel = path
        .strip_prefix(ed.root.join("content"))
        .unwrap_or(&path)
        .to_string_lossy()
        .replace('\\', "/");
    let path = super::security::confine(&ed.content, &rel).map_err(|r| Box::new(refused(&r)))?;
    Ok(Target {
        path,
        rel,
        was: Was::New,
    })
}

/// Problems of the build about `text` as the file `rel`, as JSON, each with the field it concerns.
fn problems_json(
    text: &str,
    problems: &[crate::error::Diagnostic],
    en: bool,
) -> Vec<serde_json::Value> {
    let split = crate::load::frontmatter::split(text, std::path::Path::new("x"));
    problems
        .iter()
        .map(|d| {
            let field = match (&split, d.line) {
                (Ok(s), Some(line)) => form::field_of_line(text, s, line),
                _ => None,
            };
            let severity = match d.severity {
                crate::error::Severity::Error => "error",
                crate::error::Severity::Warning => "warning",
            };
            let body_line = match (&split, d.line) {
                (Ok(s), Some(l)) if l >= s.body_line => Some(l + 1 - s.body_line),
                _ => None,
            };
            let (message, hint) = super::text::problem(en, d);
            json!({"field": field, "line": d.line, "body_line": body_line, "severity": severity,
                   "label": t(en, severity), "location": d.location(), "message": message, "hint": hint,
                   "message_en": d.message, "code": d.code()})
        })
        .collect()
}

async fn preview(S(ed): Ed, headers: HeaderMap, FormBody(f): FormBody<Form>) -> Response {
    if let Err(r) = ed
        .guard
        .write(&headers, f.get("_token").map_or("", String::as_str))
    {
        return refused(&r);
    }
    let tz = now(&ed.catalog()).timezone();
    let (rel, text) = match target(&ed, &f) {
        Ok(t) => (t.rel.clone(), t.text(&f, tz).0),
        // A new article without a usable title yet: preview it under a placeholder name.
        Err(resp) if f.get("rel").is_none_or(|r| r.is_empty()) => {
            let section = f.get("section").map_or("", String::as_str);
            let rel = format!("{section}/ban-nhap-xem-truoc.md");
            if !ed.catalog().sections.iter().any(|(s, _)| s == section) {
                return *resp;
            }
            (rel, form::compose(None, &f, tz).0)
        }
        Err(resp) => return *resp,
    };
    let en = ed.catalog().english;
    let started = std::time::Instant::now();
    let page = tokio::task::spawn_blocking(move || {
        let page = ed.render_draft(&rel, &text);
        (page, text)
    })
    .await;
    let Ok((page, text)) = page else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    axum::Json(
        json!({"html": page.html, "problems": problems_json(&text, &page.problems, en), "ms": ms, "quick": page.quick}),
    )
    .into_response()
}

/// The outcome of a save, as JSON for the script or HTML for a plain form post.
fn answer(
    json_wanted: bool,
    status: StatusCode,
    body: serde_json::Value,
    page: impl FnOnce() -> Response,
) -> Response {
    if json_wanted {
        (status, axum::Json(body)).into_response()
    } else {
        page()
    }
}

async fn save_form(S(ed): Ed, headers: HeaderMap, FormBody(f): FormBody<Form>) -> Response {
    if let Err(r) = ed
        .guard
        .write(&headers, f.get("_token").map_or("", String::as_str))
    {
        return refused(&r);
    }
    let cat = ed.catalog();
    let (en, tz, js) = (cat.english, now(&cat).timezone(), wants_json(&headers));
    let target = match target(&ed, &f) {
        Ok(t) => t,
        Err(resp) => return *resp,
    };
    let (text, changed) = target.text(&f, tz);
    let (rel, text2, ed2) = (target.rel.clone(), text.clone(), ed.clone());
    let Ok(page) = tokio::task::spawn_blocking(move || ed2.render_draft(&rel, &text2)).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let problems = problems_json(&text, &page.problems, en);
    // A draft may be saved with errors, and so may a file that was unreadable already.
    let draft = f.get("draft").is_some_and(|v| v == "on" || v == "true");
    let raw = matches!(target.was, Was::Raw(_));
    if crate::draft::has_errors(&page.problems) && !draft && !raw {
        let lines: Vec<String> = page.problems.iter().map(ToString::to_string).collect();
        return answer(
            js,
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"ok": false, "error": t(en, "errors"), "problems": problems}),
            || {
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    html(pages::message(en, t(en, "errors"), &lines, BASE)),
                )
                    .into_response()
            },
        );
    }
    let result = write(&target, &f, &text, changed);
    saved(js, en, result, &target, &text, problems)
}

/// Write the form's text to the target: replace (if still the version
/// opened), create (never over another file), or nothing when unchanged.
fn write(target: &Target, f: &Form, text: &str, changed: bool) -> Result<bool, SaveError> {
    let base = f.get("base").map_or("", String::as_str);
    match &target.was {
        Was::Form(_) | Was::Raw(_) if !changed => Ok(false),
        Was::Form(orig) => save::replace(&target.path, base, &orig.bytes_of(text)),
        Was::Raw(r) => save::replace(&target.path, base, &form::file_bytes(text, r.bom, r.crlf)),
        Was::New => {
            save::create(&target.path, &form::file_bytes(text, false, false)).map(|()| true)
        }
    }
}

/// The answer to a save: JSON for the page's script, HTML for a plain form post.
fn saved(
    js: bool,
    en: bool,
    result: Result<bool, SaveError>,
    target: &Target,
    text: &str,
    problems: Vec<serde_json::Value>,
) -> Response {
    let back = format!("{BASE}sua?tep={}", enc(&target.rel));
    match result {
        Ok(written) => {
            let base = std::fs::read(&target.path)
                .map(|b| save::stamp(&b))
                .unwrap_or_default();
            let msg = if written {
                t(en, "saved")
            } else {
                t(en, "unchanged")
            };
            answer(
                js,
                StatusCode::OK,
                json!({"ok": true, "written": written, "rel": target.rel, "base": base, "message": msg, "edit": back, "problems": problems}),
                || Redirect::to(&format!("{back}&da-luu=1")).into_response(),
            )
        }
        Err(SaveError::Conflict(disk)) => {
            let disk = String::from_utf8_lossy(&disk).into_owned();
            answer(
                js,
                StatusCode::CONFLICT,
                json!({"ok": false, "conflict": true, "error": t(en, "conflict"), "mine": text, "disk": disk}),
                || {
                    (
                        StatusCode::CONFLICT,
                        html(pages::conflict(en, text, &disk, &back)),
                    )
                        .into_response()
                },
            )
        }
        Err(SaveError::Exists(p)) => {
            let msg = format!("{}: {}", t(en, "refused"), p.display());
            answer(
                js,
                StatusCode::CONFLICT,
                json!({"ok": false, "error": msg}),
                || {
                    (
                        StatusCode::CONFLICT,
                        html(pages::message(
                            en,
                            t(en, "refused"),
                            std::slice::from_ref(&msg),
                            BASE,
                        )),
                    )
                        .into_response()
                },
            )
        }
        Err(SaveError::Io(e)) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

async fn trash(S(ed): Ed, headers: HeaderMap, FormBody(f): FormBody<Form>) -> Response {
    if let Err(r) = ed
        .guard
        .write(&headers, f.get("_token").map_or("", String::as_str))
    {
        return refused(&r);
    }
    let en = ed.catalog().english;
    let rel = f.get("rel").map_or("", String::as_str);
    let path = match super::security::confine(&ed.content, rel) {
        Ok(p) => p,
        Err(r) => return refused(&r),
    };
    let when = Utc::now().format("%Y%m%d-%H%M%S").to_string();
    match save::trash(
        &ed.root,
        &path,
        rel,
        f.get("base").map_or("", String::as_str),
        &when,
    ) {
        Ok(to) => {
            let shown = to
                .strip_prefix(&ed.root)
                .unwrap_or(&to)
                .display()
                .to_string();
            html(pages::message(en, t(en, "trashed"), &[shown], BASE))
        }
        Err(SaveError::Conflict(disk)) => (
            StatusCode::CONFLICT,
            html(pages::conflict(
                en,
                "",
                &String::from_utf8_lossy(&disk),
                BASE,
            )),
        )
            .into_response(),
        Err(e) => (StatusCode::CONFLICT, format!("{e:?}")).into_response(),
    }
}

/// The dispatch number as the build's parser reads it.
async fn check_number(S(ed): Ed, Q(p): Params) -> Response {
    let en = ed.catalog().english;
    let n = p.get("so").map_or("", String::as_str).trim();
    let body = match crate::site::registry::number::parse(n) {
        _ if n.is_empty() => json!({"ok": true, "empty": true}),
        Ok(num) => json!({"ok": true, "kind": num.kind_name(), "slug": num.slug()}),
        Err(m) => {
            let d = crate::site::registry::malformed_number(std::path::Path::new(""), n, &m);
            let (message, _) = super::text::problem(en, &d);
            json!({"ok": false, "message": message, "message_en": d.message,
                   "suggestion": m.suggestion.as_ref().map(|s| s.written.clone())})
        }
    };
    axum::Json(body).into_response()
}

/// Tags starting like `q`, and existing tags written differently from it.
async fn tags(S(ed): Ed, Q(p): Params) -> Response {
    let cat = ed.catalog();
    let q = p.get("q").map_or("", String::as_str);
    axum::Json(json!({"suggestions": cat.tag_suggestions(q), "variants": cat.tag_variants(q)}))
        .into_response()
}

/// The slug `bantin new` would make of a title.
async fn slug(Q(p): Params) -> Response {
    let title = p.get("t").map_or("", String::as_str);
    axum::Json(json!({"slug": crate::vi::slugify(title)})).into_response()
}
