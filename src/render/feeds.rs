//! Feeds beyond the site and section RSS: an RSS 2.0 feed per category
//! (`/chuyen-muc/<slug>/rss.xml`, template `rss.xml`) and the site's Atom 1.0
//! feed (`/atom.xml`, template `atom.xml`). Items are the pre-serialized cards
//! of [`Views`]; URLs in feeds are absolute. RSS items get their summary
//! escaped as HTML first ([`rss_cards`]): feed readers read an RSS
//! `<description>` as HTML, and a summary is plain text.

use super::FEED_ITEMS;
use super::views::{self, Views};
use crate::site::Site;
use tera::{Context, Value};

/// The context every feed template gets: `feed` = `{title, description, url,
/// permalink, feed_permalink, updated, author, articles}`.
fn feed_context(
    site: &Site,
    views: &Views,
    title: String,
    description: String,
    url: &str,
    feed_url: &str,
    ids: &[usize],
    rss: bool,
) -> Context {
    let base = &site.config.base;
    let updated = ids
        .iter()
        .filter_map(|i| {
            let a = &site.articles[*i];
            a.updated.or(a.date)
        })
        .max()
        .map(|d| d.to_rfc3339());
    let mut ctx = Context::new();
    ctx.insert_value("site", views.site.clone());
    ctx.insert("current_url", feed_url);
    ctx.insert("lang", site.config.language.code());
    ctx.insert_value(
        "feed",
        views::map([
            ("title", title.into()),
            ("description", description.into()),
            ("url", url.into()),
            ("permalink", base.absolute(url).into()),
            ("feed_permalink", base.absolute(feed_url).into()),
            (
                "updated",
                updated.map(Value::from).unwrap_or_else(Value::none),
            ),
            ("author", site.config.default_author.as_str().into()),
            (
                "articles",
                if rss {
                    rss_cards(views, ids)
                } else {
                    views.cards(ids)
                },
            ),
        ]),
    );
    ctx
}

/// The cards of `ids` for an RSS feed. RSS readers take `<description>` as
/// HTML, so a summary is escaped as HTML here (`<` and `&`; the template
/// escapes the result once more, as XML): a summary that reads
/// `<script>…` is shown as text, never run. A summary without `<` or `&`
/// is left as it is, byte for byte.
pub fn rss_cards(views: &Views, ids: &[usize]) -> Value {
    let cards = views.cards(ids);
    let Some(items) = cards.as_array() else {
        return cards;
    };
    if !items.iter().any(|c| summary(c).is_some_and(needs_escape)) {
        return cards;
    }
    let items: Vec<Value> = items
        .iter()
        .map(|c| match summary(c).filter(|s| needs_escape(s)) {
            Some(s) => {
                let escaped = s.replace('&', "&amp;").replace('<', "&lt;");
                let mut m = c.as_map().cloned().unwrap_or_default();
                m.insert("summary".into(), escaped.into());
                Value::from(m)
            }
            None => c.clone(),
        })
        .collect();
    Value::from(items)
}

fn summary(card: &Value) -> Option<&str> {
    card.as_map()?.get(&"summary".into())?.as_str()
}

fn needs_escape(s: &str) -> bool {
    s.contains(['<', '&'])
}

/// The RSS feed of term `t` of `tax`, next to the term's page.
pub fn term_feed(site: &Site, views: &Views, t: usize, feed_url: &str) -> Context {
    let tax = &site.categories;
    let term = &tax.terms[t];
    let n = term.articles.len().min(FEED_ITEMS);
    let label = views::taxonomy_title(site, tax.kind);
    let ctx = feed_context(
        site,
        views,
        format!("{label}: {} – {}", term.name, site.config.title),
        format!("{label}: {}", term.name),
        &term.url,
        feed_url,
        &term.articles[..n],
        true,
    );
    ctx
}

/// The site's Atom feed: the newest articles of every section.
pub fn atom(site: &Site, views: &Views, feed_url: &str) -> Context {
    let root = site.config.base.root.as_str();
    let ids = super::widgets::latest(site, FEED_ITEMS);
    let ctx = feed_context(
        site,
        views,
        site.config.title.clone(),
        site.config.description.clone(),
        root,
        feed_url,
        &ids,
        false,
    );
    ctx
}

/// The RSS feed of a section (`Some(i)`) or of the site, at `feed_url`: its
/// newest articles, with the listing's title and description.
pub fn listing_feed(site: &Site, views: &Views, section: Option<usize>, feed_url: &str) -> Context {
    let in_feed = |a: &&crate::site::Article| match section {
        Some(i) => a.section == Some(i),
        None => a.section.is_some(),
    };
    let ids: Vec<usize> = site
        .articles
        .iter()
        .filter(in_feed)
        .take(FEED_ITEMS)
        .map(|a| a.id)
        .collect();
    let (title, description, url) = match section {
        Some(i) => {
            let s = &site.sections[i];
            let title = format!("{} – {}", s.title, site.config.title);
            (title, s.description.as_str(), s.url.as_str())
        }
        None => (
            site.config.title.clone(),
            site.config.description.as_str(),
            site.config.base.root.as_str(),
        ),
    };
    let mut ctx = super::base_context(site, views, feed_url);
    ctx.insert_value(
        "feed",
        views::map([
            ("title", title.into()),
            ("description", description.into()),
            ("url", url.into()),
            ("permalink", site.config.base.absolute(url).into()),
            ("feed_permalink", site.config.base.absolute(feed_url).into()),
            ("articles", rss_cards(views, &ids)),
        ]),
    );
    ctx
}
