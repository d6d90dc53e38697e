//! What the dashboard lists and the form offers, taken after each rebuild
//! from what the serve session already holds (the parsed files of its load
//! cache and the model): never by reading files again. Every article file is
//! in it, drafts and future ones included, with the terms in use.

use crate::load::Document;
use crate::session::Session;
use crate::site::terms::{sort_vietnamese, term_key};
use chrono::{DateTime, FixedOffset};
use std::collections::{BTreeSet, HashMap};

/// Articles shown on one dashboard page.
pub const PER_PAGE: usize = 50;

/// One article file.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Path relative to `content/`, `/`-separated.
    pub rel: String,
    pub title: String,
    pub section: Option<String>,
    pub category: Option<String>,
    pub date: Option<DateTime<FixedOffset>>,
    pub draft: bool,
    pub views: Option<u64>,
    /// The page's URL path when the preview has it.
    pub url: Option<String>,
    /// Why the file cannot be read, when it cannot.
    pub problem: Option<crate::error::Diagnostic>,
    /// Lowercase text without diacritics: title, file name, category, number.
    folded: String,
}

/// Where an article stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Published,
    Draft,
    /// Dated in the future.
    Scheduled,
    /// The file cannot be read as an article (its problem is in `Entry::problem`).
    Broken,
}

impl State {
    /// The word used in URLs: `da-dang`, `nhap`, `hen-gio`.
    pub fn code(self) -> &'static str {
        match self {
            State::Published => "da-dang",
            State::Draft => "nhap",
            State::Scheduled => "hen-gio",
            State::Broken => "loi",
        }
    }

    pub fn from_code(s: &str) -> Option<State> {
        [
            State::Published,
            State::Draft,
            State::Scheduled,
            State::Broken,
        ]
        .into_iter()
        .find(|st| st.code() == s)
    }
}

impl Entry {
    pub fn state(&self, now: DateTime<FixedOffset>) -> State {
        if self.problem.is_some() {
            State::Broken
        } else if self.draft {
            State::Draft
        } else if self.date.is_some_and(|d| d > now) {
            State::Scheduled
        } else {
            State::Published
        }
    }
}

/// The site as the editor knows it.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Files in error first, then newest first (undated last), then by path.
    pub entries: Vec<Entry>,
    /// Sections: folder name and title, in navigation order.
    pub sections: Vec<(String, String)>,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub issuers: Vec<String>,
    pub kinds: Vec<String>,
    pub fields: Vec<String>,
    pub statuses: Vec<String>,
    pub signers: Vec<String>,
    pub tz: Option<FixedOffset>,
    pub default_author: String,
    pub english: bool,
    /// Decoded URL path → file, for the bar on preview pages.
    pub by_url: HashMap<String, String>,
}

/// What the dashboard is asked for.
#[derive(Debug, Default, Clone)]
pub struct Query {
    pub text: String,
    pub section: String,
    pub category: String,
    pub state: Option<State>,
    /// 1-based.
    pub page: usize,
}

/// Sets of terms while collecting.
#[derive(Default)]
struct Terms {
    categories: BTreeSet<String>,
    tags: BTreeSet<String>,
    issuers: BTreeSet<String>,
    kinds: BTreeSet<String>,
    fields: BTreeSet<String>,
    statuses: BTreeSet<String>,
    signers: BTreeSet<String>,
}

fn sorted(set: BTreeSet<String>) -> Vec<String> {
    let mut v: Vec<String> = set.into_iter().collect();
    sort_vietnamese(&mut v, String::as_str);
    v
}

impl Catalog {
    /// The catalog of what `session` holds after a rebuild. When the rebuild
    /// failed (no model), sections, views and URLs stay as in `previous`.
    pub fn of(session: &Session, previous: &Catalog) -> Catalog {
        let mut cat = Catalog::default();
        let (mut views, mut urls) = (HashMap::new(), HashMap::new());
        let tz = match session.site() {
            Some(site) => {
                cat.sections = site
                    .sections
                    .iter()
                    .map(|s| (s.name.clone(), s.title.clone()))
                    .collect();
                cat.default_author = site.config.default_author.clone();
                cat.english = site.config.language == crate::vi::Lang::En;
                for a in &site.articles {
                    views.insert(a.source.clone(), a.views);
                    urls.insert(a.source.clone(), a.url.clone());
                }
                Some(site.config.timezone)
            }
            None => {
                cat.sections = previous.sections.clone();
                for e in &previous.entries {
                    views.insert(e.rel.clone(), e.views);
                    urls.extend(e.url.clone().map(|u| (e.rel.clone(), u)));
                }
                let config = crate::config::Config::load(&session.options().root).ok();
                cat.default_author = config.as_ref().map_or_else(
                    || previous.default_author.clone(),
                    |c| c.default_author.clone(),
                );
                cat.english = config
                    .as_ref()
                    .map_or(previous.english, |c| c.language == crate::vi::Lang::En);
                config.map(|c| c.timezone).or(previous.tz)
            }
        };
        let mut terms = Terms::default();
        session.for_each_document(&mut |d| {
            terms.add(d);
            let url = urls.get(&d.rel).cloned();
            let entry = Entry::of(d, tz, views.get(&d.rel).copied().flatten(), url);
            cat.entries.push(entry);
        });
        session.for_each_failed(&mut |d| {
            if let Some(e) = Entry::failed(d) {
                cat.entries.push(e);
            }
        });
        // Files in error first (to be fixed), then newest first.
        cat.entries.sort_by(|a, b| {
            (b.problem.is_some(), b.date)
                .cmp(&(a.problem.is_some(), a.date))
                .then_with(|| a.rel.cmp(&b.rel))
        });
        cat.by_url = cat
            .entries
            .iter()
            .filter_map(|e| {
                let url =
                    percent_encoding::percent_decode_str(e.url.as_deref()?).decode_utf8_lossy();
                Some((url.into_owned(), e.rel.clone()))
            })
            .collect();
        cat.tz = tz;
        cat.take(terms);
        cat
    }

    fn take(&mut self, t: Terms) {
        self.categories = sorted(t.categories);
        self.tags = sorted(t.tags);
        self.issuers = sorted(t.issuers);
        self.kinds = sorted(t.kinds);
        self.fields = sorted(t.fields);
        self.statuses = sorted(t.statuses);
        self.signers = sorted(t.signers);
    }

    /// The entries matching `q`, newest first: one page of them and how many match.
    pub fn find(&self, q: &Query, now: DateTime<FixedOffset>) -> (Vec<&Entry>, usize) {
        let words: Vec<String> = q
            .text
            .split_whitespace()
            .map(crate::search::fold::fold)
            .collect();
        let matching = self.entries.iter().filter(|e| {
            (q.section.is_empty() || e.section.as_deref() == Some(q.section.as_str()))
                && (q.category.is_empty() || e.category.as_deref() == Some(q.category.as_str()))
                && q.state.is_none_or(|s| e.state(now) == s)
                && words.iter().all(|w| e.folded.contains(w.as_str()))
        });
        let page = q.page.max(1);
        let mut count = 0;
        let mut shown = Vec::with_capacity(PER_PAGE);
        for e in matching {
            if count >= (page - 1) * PER_PAGE && shown.len() < PER_PAGE {
                shown.push(e);
            }
            count += 1;
        }
        (shown, count)
    }

    /// Existing tags written like `typed` but not the same (`hoà` for `hòa`).
    pub fn tag_variants(&self, typed: &str) -> Vec<&str> {
        let key = term_key(typed);
        self.tags
            .iter()
            .filter(|t| term_key(t) == key && t.as_str() != typed.trim())
            .map(String::as_str)
            .collect()
    }

    /// Tags that start like `typed` (without diacritics), a few.
    pub fn tag_suggestions(&self, typed: &str) -> Vec<&str> {
        let want = crate::search::fold::fold(typed.trim());
        self.tags
            .iter()
            .filter(|t| crate::search::fold::fold(t).starts_with(&want))
            .take(10)
            .map(String::as_str)
            .collect()
    }
}

impl Terms {
    fn add(&mut self, d: &Document) {
        let f = &d.front;
        self.categories
            .extend(f.category.clone().filter(|c| !c.is_empty()));
        self.tags.extend(f.tags.iter().cloned());
        if let Some(dp) = &f.dispatch {
            self.issuers.extend(dp.issuer.clone());
            self.kinds.extend(dp.kind.clone());
            self.fields.extend(dp.field.clone());
            self.statuses.extend(dp.status.clone());
            self.signers.extend(dp.signer.clone());
        }
    }
}

impl Entry {
    fn of(d: &Document, tz: Option<FixedOffset>, views: Option<u64>, url: Option<String>) -> Entry {
        let f = &d.front;
        let number = f.dispatch.as_ref().map_or("", |x| x.number.as_str());
        let folded = crate::search::fold::fold(&format!(
            "{} {} {} {}",
            f.title,
            d.rel,
            f.category.as_deref().unwrap_or(""),
            number
        ));
        Entry {
            rel: d.rel.clone(),
            title: f.title.clone(),
            section: d.section().map(str::to_string),
            category: f.category.clone().filter(|c| !c.is_empty()),
            date: f.date.zip(tz).map(|(d, tz)| d.resolve(tz)),
            draft: f.draft,
            views: views.or(f.views),
            url,
            problem: None,
            folded,
        }
    }

    /// An article file that cannot be parsed, from its problem.
    fn failed(d: &crate::error::Diagnostic) -> Option<Entry> {
        let rel = d
            .path
            .strip_prefix("content")
            .ok()?
            .to_string_lossy()
            .replace('\\', "/");
        if !rel.ends_with(".md") || rel.ends_with("_index.md") {
            return None;
        }
        Some(Entry {
            title: rel.rsplit('/').next().unwrap_or(&rel).to_string(),
            section: rel.split_once('/').map(|(s, _)| s.to_string()),
            category: None,
            date: None,
            draft: false,
            views: None,
            url: None,
            problem: Some(d.clone()),
            folded: crate::search::fold::fold(&rel),
            rel,
        })
    }
}
