//! The registry's part of the render stage: which pages it adds
//! ([`pages`]), the template context of each ([`context`]), the views
//! templates see ([`RegistryViews`], docs/templates.md), and the data files
//! (`/van-ban/index.json`) and sitemap entries.
//!
//! Pages (all under the base URL's path):
//! - `/van-ban/` (+ `trang/N/`): every record, newest first, as a table;
//! - `/van-ban/loai/<slug>/`, `/van-ban/co-quan/<slug>/`, `/van-ban/nam/<yyyy>/`,
//!   `/van-ban/linh-vuc/<slug>/` (+ `trang/N/`): the same table, filtered;
//! - `/van-ban/<number-slug>/`: one record;
//! - `/van-ban/rss.xml`: the newest documents; `/van-ban/index.json`: every record.
//!
//! [`cite`] links citations of documents in Markdown bodies.

pub mod cite;

use crate::error::Diagnostic;
use crate::output::Output;
use crate::render::markdown;
use crate::render::views::{self, FileView, Views};
use crate::site::registry::{FOLDER, Record, Registry, RegistryPage};
use crate::site::Site;
use serde::Serialize;
use tera::{Context, Value};

const FEED_ITEMS: usize = 50;


#[derive(Serialize)]
struct TermRef<'a> {
    name: &'a str,
    slug: &'a str,
    url: &'a str,
}

/// A record as the table, the record page and `index.json` show it.
#[derive(Serialize)]
struct RecordView<'a> {
    number: &'a str,
    well_formed: bool,
    slug: &'a str,
    url: &'a str,
    permalink: String,
    /// `Công văn số 1141/UBND-KSTTHC`.
    label: String,
    kind: &'a str,
    issued: Option<String>,
    effective: Option<String>,
    year: Option<i32>,
    issuer: Option<&'a str>,
    signer: Option<&'a str>,
    subject: Option<&'a str>,
    field: Option<&'a str>,
    status: Option<&'a str>,
    /// `con-hieu-luc`, for styling.
    status_slug: Option<String>,
    files: Vec<FileView<'a>>,
    /// The record's filter terms (`kind`, `issuer`, `year`, `field`), or none each.
    terms: std::collections::BTreeMap<&'static str, Option<TermRef<'a>>>,
    /// How many articles are about or cite it.
    article_count: usize,
}

#[derive(Serialize)]
struct TermView<'a> {
    name: &'a str,
    slug: &'a str,
    url: &'a str,
    count: usize,
}

#[derive(Serialize)]
struct GroupView<'a> {
    /// `kind`, `issuer`, `year`, `field`.
    name: &'static str,
    /// `loai`, `co-quan`, `nam`, `linh-vuc`.
    path: &'static str,
    terms: Vec<TermView<'a>>,
}

/// Views of the registry shared by every page of one build.
pub struct RegistryViews {
    /// Row of each record, by index in [`Registry::records`].
    pub rows: Vec<Value>,
    /// `registry` in templates.
    pub registry: Value,
}

impl RegistryViews {
    /// The views of `site`'s registry (empty when it holds no record).
    pub fn new(site: &Site) -> RegistryViews {
        let reg = &site.registry;
        if reg.is_empty() {
            return RegistryViews {
                rows: Vec::new(),
                registry: Value::none(),
            };
        }
        let rows = reg
            .records
            .iter()
            .map(|r| Value::from_serializable(&record_view(site, r)))
            .collect();
        let groups: Vec<GroupView<'_>> = reg
            .facets
            .iter()
            .map(|g| GroupView {
                name: g.kind.name(),
                path: g.kind.path(),
                terms: g
                    .terms
                    .iter()
                    .map(|t| TermView {
                        name: &t.name,
                        slug: &t.slug,
                        url: &t.url,
                        count: t.records.len(),
                    })
                    .collect(),
            })
            .collect();
        let registry = views::map([
            ("title", reg.title.as_str().into()),
            ("description", reg.description.as_str().into()),
            ("url", reg.url.as_str().into()),
            ("permalink", site.config.base.absolute(&reg.url).into()),
            ("count", reg.records.len().into()),
            ("feed_url", format!("{}rss.xml", reg.url).into()),
            ("json_url", format!("{}index.json", reg.url).into()),
            ("facets", Value::from_serializable(&groups)),
        ]);
        RegistryViews { rows, registry }
    }
}

fn record_view<'a>(site: &'a Site, r: &'a Record) -> RecordView<'a> {
    let d = &r.dispatch;
    let lang = site.config.language;
    let mut terms = std::collections::BTreeMap::new();
    for (g, group) in site.registry.facets.iter().enumerate() {
        let v = r.terms.get(g).copied().flatten().map(|t| {
            let t = &group.terms[t];
            TermRef {
                name: &t.name,
                slug: &t.slug,
                url: &t.url,
            }
        });
        terms.insert(group.kind.name(), v);
    }
    RecordView {
        number: &r.number,
        well_formed: r.well_formed,
        slug: &r.slug,
        url: &r.url,
        permalink: site.config.base.absolute(&r.url),
        label: r.label(),
        kind: &r.kind,
        issued: d.issued.map(|i| i.format("%Y-%m-%d").to_string()),
        effective: d.effective.map(|i| i.format("%Y-%m-%d").to_string()),
        year: r.year(),
        issuer: d.issuer.as_deref(),
        signer: d.signer.as_deref(),
        subject: d.subject.as_deref(),
        field: d.field.as_deref(),
        status: d.status.as_deref(),
        status_slug: d.status.as_deref().map(crate::vi::slugify),
        files: d.files.iter().map(|f| FileView::new(f, lang)).collect(),
        terms,
        article_count: r.articles().len(),
    }
}

/// The URL of the record page of a written number issued in `year`, when the registry holds it.
pub fn record_url<'a>(reg: &'a Registry, number: &str, year: Option<i32>) -> Option<&'a str> {
    let slug = crate::site::registry::number::slug(number);
    reg.index.resolve(&slug, year).map(|t| t.url.as_str())
}

/// A page made: `(template, context)`.
type Made = (&'static str, Context);

/// `(template, context)` of the registry page at `url`; `base` makes
/// the context every page gets for a URL.
pub fn context(
    site: &Site,
    views: &Views,
    page: RegistryPage,
    url: &str,
    base: impl Fn(&str) -> Context,
) -> Result<Made, Vec<Diagnostic>> {
    match page {
        RegistryPage::List { filter, n } => Ok(list_page(site, views, filter, n, url, base)),
        RegistryPage::Record(i) => record_page(site, views, i, base),
        RegistryPage::Feed => Ok(feed_page(site, url, base)),
    }
}

/// Page `n` of the listing, unfiltered or of one term: `registry.html`.
fn list_page(
    site: &Site,
    views: &Views,
    filter: Option<(usize, usize)>,
    n: usize,
    url: &str,
    base: impl Fn(&str) -> Context,
) -> Made {
    let reg = &site.registry;
    let rv = &views.registry;
    let all: Vec<usize>;
    let (ids, first, filter_value) = match filter {
        None => {
            all = (0..reg.records.len()).collect();
            (&all[..], reg.url.as_str(), Value::none())
        }
        Some((g, t)) => {
            let group = &reg.facets[g];
            let term = &group.terms[t];
            let v = views::map([
                ("group", group.kind.name().into()),
                ("name", term.name.as_str().into()),
                ("slug", term.slug.as_str().into()),
                ("url", term.url.as_str().into()),
                ("permalink", site.config.base.absolute(&term.url).into()),
                ("count", term.records.len().into()),
            ]);
            (&term.records[..], term.url.as_str(), v)
        }
    };
    let per = reg.paginate;
    let start = ((n - 1) * per).min(ids.len());
    let rows: Vec<Value> = ids[start..(start + per).min(ids.len())]
        .iter()
        .map(|i| rv.rows[*i].clone())
        .collect();
    let mut ctx = base(url);
    ctx.insert_value("registry", rv.registry.clone());
    ctx.insert_value("filter", filter_value);
    ctx.insert_value(
        "paginator",
        views::paging(ids.len(), per, n, first, ("records", Value::from(rows))),
    );
    ("registry.html", ctx)
}

/// The page of record `i`: `record.html`, with the record's notes
/// rendered (their errors are the page's).
fn record_page(
    site: &Site,
    views: &Views,
    i: usize,
    base: impl Fn(&str) -> Context,
) -> Result<Made, Vec<Diagnostic>> {
    let reg = &site.registry;
    let rv = &views.registry;
    let r = &reg.records[i];
    let content = match &r.body {
        Some(b) => {
            let src = markdown::Source {
                text: &b.text,
                body_start: b.split.body,
                body_line: b.split.body_line,
                shown: &b.shown,
                dir: &b.dir,
            };
            let policy = crate::render::sanitize::Policy::of(&site.config);
            let html = markdown::render_cited(&src, &site.links, &reg.index, policy);
            // Warnings of record bodies are not reported (yet).
            let refused = html
                .sanitized
                .iter()
                .any(|p| p.severity == crate::error::Severity::Error);
            if !html.problems.is_empty() || refused {
                let mut all = html.problems;
                all.extend(html.sanitized);
                return Err(all);
            }
            html.html
        }
        None => String::new(),
    };
    let mut ctx = base(&r.url);
    ctx.insert_value("registry", rv.registry.clone());
    ctx.insert_value("record", rv.rows[i].clone());
    ctx.insert("content", &content);
    ctx.insert_value("articles", views.cards(&r.articles()));
    ctx.insert_value("about", views.cards(&r.about));
    Ok(("record.html", ctx))
}

/// `/van-ban/rss.xml`: the newest documents.
fn feed_page(site: &Site, url: &str, base: impl Fn(&str) -> Context) -> Made {
    let reg = &site.registry;
    let tz = site.config.timezone;
    let items: Vec<Value> = reg
        .records
        .iter()
        .take(FEED_ITEMS)
        .map(|r| {
            let date = r
                .dispatch
                .issued
                .and_then(|d| d.and_hms_opt(0, 0, 0)?.and_local_timezone(tz).single())
                .map(|d| Value::from(d.to_rfc3339()))
                .unwrap_or_else(Value::none);
            let title = match &r.dispatch.subject {
                Some(s) => format!("{} – {s}", r.label()),
                None => r.label(),
            };
            views::map([
                ("title", title.into()),
                ("permalink", site.config.base.absolute(&r.url).into()),
                ("date", date),
                (
                    "author",
                    r.dispatch
                        .issuer
                        .as_deref()
                        .map_or_else(Value::none, Value::from),
                ),
                ("category", views::map([("name", r.kind.as_str().into())])),
                (
                    "summary",
                    r.dispatch.subject.as_deref().unwrap_or_default().into(),
                ),
            ])
        })
        .collect();
    let mut ctx = base(url);
    ctx.insert_value(
        "feed",
        views::map([
            (
                "title",
                format!("{} – {}", reg.title, site.config.title).into(),
            ),
            ("description", reg.description.as_str().into()),
            ("url", reg.url.as_str().into()),
            ("permalink", site.config.base.absolute(&reg.url).into()),
            ("feed_permalink", site.config.base.absolute(url).into()),
            ("articles", Value::from(items)),
        ]),
    );
    ("rss.xml", ctx)
}

#[derive(Serialize)]
struct Data<'a> {
    title: &'a str,
    url: &'a str,
    generator: &'static str,
    records: Vec<RecordView<'a>>,
}

/// `/van-ban/index.json`: every record, for the listing's script and other systems.
pub fn data(site: &Site) -> Vec<Output> {
    let reg = &site.registry;
    if reg.is_empty() {
        return Vec::new();
    }
    let data = Data {
        title: &reg.title,
        url: &reg.url,
        generator: concat!("bantin ", env!("CARGO_PKG_VERSION")),
        records: reg.records.iter().map(|r| record_view(site, r)).collect(),
    };
    vec![Output {
        path: format!("{FOLDER}/index.json"),
        bytes: serde_json::to_vec(&data).unwrap_or_default(),
    }]
}

/// Sitemap entries: `(url, lastmod)` of the listing, the filters and every record.
pub fn sitemap(site: &Site) -> Vec<(String, Option<String>)> {
    let reg = &site.registry;
    if reg.is_empty() {
        return Vec::new();
    }
    let tz = site.config.timezone;
    let day = |r: &Record| {
        r.dispatch
            .issued
            .and_then(|d| d.and_hms_opt(0, 0, 0)?.and_local_timezone(tz).single())
            .map(|d| d.to_rfc3339())
    };
    let mut out = vec![(reg.url.clone(), reg.records.first().and_then(day))];
    for g in &reg.facets {
        for t in &g.terms {
            out.push((t.url.clone(), None));
        }
    }
    out.extend(reg.records.iter().map(|r| (r.url.clone(), day(r))));
    out
}
