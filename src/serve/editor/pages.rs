//! The editor's HTML, built on the server so that it works before (and
//! without) its script: the dashboard, the article form generated from the
//! schema ([`super::schema`]), and the page shown when a save is refused.

use super::catalog::{Catalog, Entry, PER_PAGE, Query, State};
use super::form::{self, Form};
use super::schema::{self, Field, Widget};
use super::text::{enc, esc, t};
use chrono::{DateTime, FixedOffset};

/// Where the editor lives.
pub const BASE: &str = "/__bantin/soan-bai/";

/// A whole page around `main`.
pub fn page(en: bool, title: &str, main: &str) -> String {
    let lang = if en { "en" } else { "vi" };
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{} — {}</title><link rel=\"stylesheet\" href=\"{BASE}tai/editor.css\"></head><body>\
<header class=\"eb-top\"><nav aria-label=\"{}\"><a href=\"{BASE}\">{}</a> <a href=\"{BASE}moi\">{}</a> <a href=\"/\">{}</a></nav></header>\
<main id=\"main\">{main}</main><script src=\"{BASE}tai/editor.js\" defer></script></body></html>",
        esc(title),
        t(en, "app"),
        t(en, "app"),
        t(en, "dashboard"),
        t(en, "new"),
        t(en, "site"),
    )
}

/// The dashboard: filters, one page of articles, page links.
pub fn dashboard(cat: &Catalog, q: &Query, now: DateTime<FixedOffset>) -> String {
    let en = cat.english;
    let (shown, total) = cat.find(q, now);
    let mut h = format!("<h1>{}</h1>", t(en, "dashboard"));
    h.push_str(&filters(cat, q));
    h.push_str(&format!(
        "<p id=\"count\" role=\"status\">{total} {}</p>",
        t(en, "found")
    ));
    h.push_str(&format!(
        "<div class=\"table-wrap\"><table id=\"articles\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        t(en, "title"), t(en, "section"), t(en, "category"), t(en, "date"), t(en, "state"), t(en, "views")
    ));
    for e in shown {
        h.push_str(&row(cat, e, now));
    }
    h.push_str("</tbody></table></div>");
    h.push_str(&pager(en, q, total));
    page(en, t(en, "dashboard"), &h)
}

fn row(cat: &Catalog, e: &Entry, now: DateTime<FixedOffset>) -> String {
    let en = cat.english;
    let state = e.state(now).code();
    format!(
        "<tr data-state=\"{state}\"><td><a href=\"{BASE}sua?tep={}\">{}</a>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        enc(&e.rel),
        esc(&e.title),
        e.problem
            .as_ref()
            .map(|p| problem(en, p))
            .unwrap_or_default(),
        esc(cat
            .sections
            .iter()
            .find(|s| Some(&s.0) == e.section.as_ref())
            .map_or(e.section.as_deref().unwrap_or(""), |s| s.1.as_str())),
        esc(e.category.as_deref().unwrap_or("")),
        e.date
            .map(|d| d.format("%d/%m/%Y %H:%M").to_string())
            .unwrap_or_default(),
        t(en, state),
        e.views.map(|v| v.to_string()).unwrap_or_default(),
    )
}

/// A file's problem under its title, as the build tells it in the site's language.
fn problem(en: bool, d: &crate::error::Diagnostic) -> String {
    format!(
        "<p class=\"problems\">{}</p>",
        esc(&super::text::problem_line(en, d))
    )
}

fn options(list: &[(String, String)], chosen: &str, all: &str) -> String {
    let mut h = format!("<option value=\"\">{}</option>", esc(all));
    for (value, label) in list {
        let sel = if value == chosen { " selected" } else { "" };
        h.push_str(&format!(
            "<option value=\"{}\"{sel}>{}</option>",
            esc(value),
            esc(label)
        ));
    }
    h
}

fn filters(cat: &Catalog, q: &Query) -> String {
    let en = cat.english;
    let all = t(en, "all");
    let cats: Vec<(String, String)> = cat
        .categories
        .iter()
        .map(|c| (c.clone(), c.clone()))
        .collect();
    let states: Vec<(String, String)> = [
        State::Published,
        State::Draft,
        State::Scheduled,
        State::Broken,
    ]
    .iter()
    .map(|s| (s.code().to_string(), t(en, s.code()).to_string()))
    .collect();
    let state = q.state.map_or("", State::code);
    format!(
        "<form method=\"get\" action=\"{BASE}\" class=\"filters\" role=\"search\">\
<label>{} <input type=\"search\" name=\"q\" value=\"{}\"></label>\
<label>{} <select name=\"muc\">{}</select></label>\
<label>{} <select name=\"chuyen-muc\">{}</select></label>\
<label>{} <select name=\"trang-thai\">{}</select></label>\
<button type=\"submit\">{}</button></form>",
        t(en, "search"),
        esc(&q.text),
        t(en, "section"),
        options(&cat.sections, &q.section, all),
        t(en, "category"),
        options(&cats, &q.category, all),
        t(en, "state"),
        options(&states, state, all),
        t(en, "filter"),
    )
}

fn pager(en: bool, q: &Query, total: usize) -> String {
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = q.page.clamp(1, pages);
    let link = |n: usize| {
        format!(
            "{BASE}?q={}&amp;muc={}&amp;chuyen-muc={}&amp;trang-thai={}&amp;trang={n}",
            enc(&q.text),
            enc(&q.section),
            enc(&q.category),
            q.state.map_or("", State::code)
        )
    };
    let mut h = format!("<nav class=\"pager\" aria-label=\"{}\">", t(en, "page"));
    if page > 1 {
        h.push_str(&format!(
            "<a rel=\"prev\" href=\"{}\">{}</a> ",
            link(page - 1),
            t(en, "prev")
        ));
    }
    h.push_str(&format!("<span>{} {page}/{pages}</span>", t(en, "page")));
    if page < pages {
        h.push_str(&format!(
            " <a rel=\"next\" href=\"{}\">{}</a>",
            link(page + 1),
            t(en, "next")
        ));
    }
    h.push_str("</nav>");
    h
}

/// What the article form is filled with.
pub struct Filled<'a> {
    /// `None` for a new article.
    pub rel: Option<&'a str>,
    pub base: &'a str,
    pub values: &'a Form,
    pub body: &'a str,
    pub token: &'a str,
    /// The slug the file name gives (shown when `slug:` is not set).
    pub derived_slug: &'a str,
    pub url: Option<&'a str>,
    pub notice: Option<&'a str>,
}

/// The article form.
pub fn editor(cat: &Catalog, f: &Filled<'_>) -> String {
    let en = cat.english;
    let mut h = format!(
        "<h1>{}</h1>{}<form method=\"post\" action=\"{BASE}luu\" id=\"article-form\" data-new=\"{}\" data-words=\"{}\">\
<input type=\"hidden\" name=\"_token\" value=\"{}\"><input type=\"hidden\" name=\"rel\" value=\"{}\"><input type=\"hidden\" name=\"base\" value=\"{}\">",
        if f.rel.is_some() {
            t(en, "app")
        } else {
            t(en, "new")
        },
        f.notice
            .map(|n| format!("<p class=\"notice\" role=\"status\">{}</p>", esc(n)))
            .unwrap_or_default(),
        f.rel.is_none(),
        esc(&words(en)),
        esc(f.token),
        esc(f.rel.unwrap_or("")),
        esc(f.base),
    );
    h.push_str("<div class=\"cols\"><div class=\"fields\">");
    h.push_str(&section_field(cat, f));
    for field in schema::article() {
        if field.widget != Widget::Kept {
            h.push_str(&widget(cat, None, field, f));
        }
    }
    h.push_str(&format!(
        "<fieldset id=\"dispatch\"><legend>{}</legend>",
        t(en, "dispatch")
    ));
    for field in schema::dispatch() {
        if field.widget != Widget::Kept {
            h.push_str(&widget(cat, Some("dispatch"), field, f));
        }
    }
    h.push_str(&format!(
        "</fieldset><p class=\"hint\">{}</p></div>",
        t(en, "kept")
    ));
    h.push_str(&body_part(en, f.body));
    h.push_str(&format!(
        "<div class=\"preview-col\"><h2 id=\"preview-title\">{}</h2><p class=\"hint no-js\">{}</p>\
<iframe id=\"preview\" title=\"{}\" sandbox=\"allow-same-origin\"></iframe></div></div>\
<div class=\"actions\"><button type=\"submit\" id=\"save\">{}</button> <span id=\"save-status\" role=\"status\" aria-live=\"polite\"></span></div></form>",
        t(en, "preview"), t(en, "no_js"), t(en, "preview"), t(en, "save")
    ));
    h.push_str("<div id=\"conflict\" hidden></div>");
    if let Some(rel) = f.rel {
        h.push_str(&format!(
            "<form method=\"post\" action=\"{BASE}xoa\" class=\"trash\" id=\"trash-form\"><input type=\"hidden\" name=\"_token\" value=\"{}\"><input type=\"hidden\" name=\"rel\" value=\"{}\"><input type=\"hidden\" name=\"base\" value=\"{}\"><button type=\"submit\">{}</button></form>",
            esc(f.token), esc(rel), esc(f.base), t(en, "delete")
        ));
    }
    h.push_str(&datalists(cat));
    page(en, t(en, "app"), &h)
}

/// The words the script shows, as JSON.
fn words(en: bool) -> String {
    let keys = [
        "sample_bold",
        "sample_italic",
        "sample_heading",
        "sample_quote",
        "sample_link",
        "sample_column",
        "sample_item",
        "number_ok",
        "suggest",
        "use",
        "tag_same",
        "chars",
        "line",
        "warning",
        "yours",
        "disk",
    ];
    let map: serde_json::Map<String, serde_json::Value> = keys
        .iter()
        .map(|k| {
            (
                k.to_string(),
                serde_json::Value::String(t(en, k).to_string()),
            )
        })
        .collect();
    serde_json::Value::Object(map).to_string()
}

fn section_field(cat: &Catalog, f: &Filled<'_>) -> String {
    let en = cat.english;
    let chosen = f.values.get("section").map_or("", String::as_str);
    let disabled = if f.rel.is_some() { " disabled" } else { "" };
    let list: Vec<(String, String)> = cat.sections.to_vec();
    let first = cat.sections.first().map_or("", |s| s.0.as_str());
    let chosen = if chosen.is_empty() && f.rel.is_none() {
        first
    } else {
        chosen
    };
    format!(
        "<div class=\"field\" data-field=\"section\"><label for=\"f-section\">{}</label><select id=\"f-section\" name=\"section\"{disabled}>{}</select></div>",
        t(en, "section"),
        options(&list, chosen, "—"),
    )
}

fn widget(cat: &Catalog, block: Option<&str>, field: Field, f: &Filled<'_>) -> String {
    let en = cat.english;
    let name = form::name(block, field.key);
    let id = format!("f-{}", name.replace('.', "-"));
    let value = f.values.get(&name).map_or("", String::as_str);
    let label = t(en, &name);
    let attrs = format!("id=\"{id}\" name=\"{name}\" aria-describedby=\"p-{id}\"");
    let input = match field.widget {
        Widget::LongText => format!(
            "<textarea {attrs} rows=\"3\">{}</textarea><span class=\"count\" id=\"summary-len\">{} {}</span>",
            esc(value),
            value.chars().count(),
            t(en, "chars")
        ),
        Widget::Check => {
            let on = if value.is_empty() { "" } else { " checked" };
            return format!(
                "<div class=\"field check\" data-field=\"{name}\"><input type=\"checkbox\" {attrs}{on}> <label for=\"{id}\">{label}</label><p class=\"problems\" id=\"p-{id}\"></p></div>"
            );
        }
        Widget::DateTime => format!(
            "<input type=\"datetime-local\" step=\"1\" {attrs} value=\"{}\">",
            esc(value)
        ),
        Widget::Date => format!("<input type=\"date\" {attrs} value=\"{}\">", esc(value)),
        Widget::Choice => format!(
            "<input {attrs} list=\"l-{}\" value=\"{}\" autocomplete=\"off\">",
            field.key,
            esc(value)
        ),
        Widget::Terms => format!(
            "<input {attrs} value=\"{}\" autocomplete=\"off\"><ul id=\"tag-suggest\" class=\"suggest\"></ul><p id=\"tag-note\" role=\"status\"></p>",
            esc(value)
        ),
        Widget::Slug => format!(
            "<input {attrs} value=\"{}\" placeholder=\"{}\" data-published=\"{}\" autocomplete=\"off\"><span class=\"count\" id=\"slug-url\">{}</span>",
            esc(value),
            esc(f.derived_slug),
            f.url.is_some(),
            esc(f.url.unwrap_or(""))
        ),
        Widget::Number => format!(
            "<input {attrs} value=\"{}\" autocomplete=\"off\" spellcheck=\"false\"><p id=\"number-check\" role=\"status\" aria-live=\"polite\"></p>",
            esc(value)
        ),
        Widget::Text | Widget::Kept => format!("<input {attrs} value=\"{}\">", esc(value)),
    };
    format!(
        "<div class=\"field\" data-field=\"{name}\"><label for=\"{id}\">{label}</label>{input}<p class=\"problems\" id=\"p-{id}\"></p></div>"
    )
}

fn body_part(en: bool, body: &str) -> String {
    let tools = [
        ("bold", "B", "Ctrl+B"),
        ("italic", "I", "Ctrl+I"),
        ("heading", "H", "Ctrl+H"),
        ("list", "•", ""),
        ("link", "🔗", "Ctrl+K"),
        ("table", "▦", ""),
        ("quote", "❝", ""),
    ];
    let mut h = format!(
        "<div class=\"body-col\"><div role=\"toolbar\" aria-label=\"{}\" aria-controls=\"f-body\" class=\"toolbar\">",
        t(en, "body")
    );
    for (key, face, keys) in tools {
        let title = if keys.is_empty() {
            t(en, key).to_string()
        } else {
            format!("{} ({keys})", t(en, key))
        };
        h.push_str(&format!("<button type=\"button\" data-md=\"{key}\" title=\"{}\" aria-label=\"{}\">{face}</button>", esc(&title), esc(&title)));
    }
    h.push_str(&format!(
        "</div><label for=\"f-body\">{}</label><textarea id=\"f-body\" name=\"body\" rows=\"24\" spellcheck=\"false\" aria-describedby=\"p-f-body\">{}</textarea><ul class=\"problems\" id=\"p-f-body\"></ul></div>",
        t(en, "body"), esc(body)
    ));
    h
}

fn datalists(cat: &Catalog) -> String {
    let mut h = String::new();
    for (id, list) in [
        ("category", &cat.categories),
        ("kind", &cat.kinds),
        ("issuer", &cat.issuers),
        ("field", &cat.fields),
        ("status", &cat.statuses),
    ] {
        h.push_str(&format!("<datalist id=\"l-{id}\">"));
        for v in list {
            h.push_str(&format!("<option value=\"{}\">", esc(v)));
        }
        h.push_str("</datalist>");
    }
    h
}

/// A file whose front matter cannot be read, edited as plain text: the
/// whole file in the body's place, its problem above, the same preview and save.
pub fn raw_editor(cat: &Catalog, f: &Filled<'_>, problem: &str) -> String {
    let en = cat.english;
    let mut h = format!(
        "<h1>{}</h1><p class=\"notice\" role=\"status\">{}</p><p class=\"problems\">{}</p>\
<form method=\"post\" action=\"{BASE}luu\" id=\"article-form\" data-new=\"false\" data-words=\"{}\">\
<input type=\"hidden\" name=\"_token\" value=\"{}\"><input type=\"hidden\" name=\"rel\" value=\"{}\">\
<input type=\"hidden\" name=\"base\" value=\"{}\"><input type=\"hidden\" name=\"raw\" value=\"1\"><div class=\"cols\">",
        t(en, "app"),
        t(en, "raw"),
        esc(problem),
        esc(&words(en)),
        esc(f.token),
        esc(f.rel.unwrap_or("")),
        esc(f.base),
    );
    h.push_str(&body_part(en, f.body));
    h.push_str(&format!(
        "<div class=\"preview-col\"><h2>{}</h2><iframe id=\"preview\" title=\"{}\" sandbox=\"allow-same-origin\"></iframe></div></div>\
<div class=\"actions\"><button type=\"submit\" id=\"save\">{}</button> <span id=\"save-status\" role=\"status\" aria-live=\"polite\"></span></div></form><div id=\"conflict\" hidden></div>",
        t(en, "preview"), t(en, "preview"), t(en, "save")
    ));
    page(en, t(en, "app"), &h)
}

/// A refused save: what is on disk and what was sent, side by side; or errors.
pub fn message(en: bool, title: &str, lines: &[String], back: &str) -> String {
    let mut h = format!("<h1>{}</h1>", esc(title));
    for l in lines {
        h.push_str(&format!("<p>{}</p>", esc(l)));
    }
    h.push_str(&format!(
        "<p><a href=\"{}\">{}</a></p>",
        esc(back),
        t(en, "back")
    ));
    page(en, title, &h)
}

/// The conflict: both versions, nothing saved.
pub fn conflict(en: bool, mine: &str, disk: &str, back: &str) -> String {
    let h = format!(
        "<h1>{}</h1><p>{}</p><div class=\"cols2\"><section><h2>{}</h2><pre id=\"mine\">{}</pre></section><section><h2>{}</h2><pre id=\"disk\">{}</pre></section></div><p><a href=\"{}\">{}</a></p>",
        t(en, "refused"),
        t(en, "conflict"),
        t(en, "yours"),
        esc(mine),
        t(en, "disk"),
        esc(disk),
        esc(back),
        t(en, "back")
    );
    page(en, t(en, "refused"), &h)
}
