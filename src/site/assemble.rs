//! Stage 2, step by step: [`build`] turns loaded [`Content`] into the
//! [`Site`] model. It reads as its list of steps — sections, which documents
//! are published, their URLs, the attachments, view counts, the articles
//! complete with their terms, the documents registry, the terms merged — and
//! keeps going past errors, so that one run reports every problem.

use super::links::{LeftOut, LinkTable, Resolved, encode_path, encode_segment};
use super::registry;
use super::terms::TermIndex;
use super::{
    Article, ArticleId, Dispatch, ModelOptions, PublishedAsset, Section, Site, TaxonomyKind,
    attachment, bundle_owner, first_paragraph, limits, pages, title_from_folder,
};
use crate::config::Config;
use crate::error::Diagnostic;
use crate::load::frontmatter::locate_value;
use crate::load::{Asset, Content, DocKind, Document};
use crate::problem;
use crate::vi::{slug_from_file_name, slugify};
use chrono::{DateTime, FixedOffset};
use std::collections::HashMap;
use std::path::PathBuf;

/// The model of `content` under `config`. It keeps going past errors: the
/// documents and files in error are left out of the model, and every
/// problem (errors and warnings, in one list) is returned beside it, so
/// that one run reports everything.
pub fn build(content: Content, config: Config, opts: &ModelOptions) -> (Site, Vec<Diagnostic>) {
    let mut p = Problems::default();
    limits::check(
        &content.documents,
        &config.limits,
        &mut p.errors,
        &mut p.over_limits,
    );
    let mut sections = sections(&content, &config);
    let bundles = bundle_dirs(&content.documents);
    let chosen = choose(content.documents, &config, opts, &mut p.errors);
    let mut places = Places::new(&config, &sections, chosen.unpublished);
    let placed = places.articles(chosen.published, &sections, &mut p.errors);
    let assets = places.assets(content.assets, &bundles, &mut p.errors);
    let sizes: HashMap<String, u64> = assets
        .iter()
        .map(|a| (encode_path(&a.output), a.size))
        .collect();
    let counted = view_counts(content.views.as_ref(), &config, &placed, &mut p.warnings);
    p.warnings.append(&mut p.over_limits);
    let root = config.base.root.clone();
    let mut terms = Terms::new(&root);
    let links = places.links;
    let mut articles = Vec::with_capacity(placed.len());
    for place in placed {
        let ctx = ArticleContext {
            config: &config,
            links: &links,
            sizes: &sizes,
            counted: &counted,
        };
        let a = article(place, articles.len(), &ctx, &mut terms, &mut p.errors);
        if let Some(s) = a.section {
            sections[s].articles.push(a.id);
        }
        articles.push(a);
    }
    for s in &mut sections {
        // Already newest first; a stable sort keeps that within pinned and unpinned.
        s.articles.sort_by_key(|id| !articles[*id].pinned);
    }
    let mut links = links;
    let registry = documents(
        content.records,
        content.registry_index,
        &articles,
        &links,
        &sizes,
        &config,
        opts,
        &mut p,
    );
    for (rel, url) in registry.links() {
        links.insert(rel, url);
    }
    let (categories, tags) = terms.finish(&mut articles, &mut p.warnings);
    let site = Site {
        home_title: content.home.as_ref().map(|h| h.title.clone()),
        home_description: content.home.and_then(|h| h.description),
        config,
        articles,
        sections,
        categories,
        tags,
        assets,
        links,
        skipped: chosen.skipped,
        registry,
    };
    (site, p.into_one_list())
}

/// What the steps found, kept apart until the end so that the one list has
/// the errors first, in the order found, then the warnings.
#[derive(Default)]
struct Problems {
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// Limits passed (warnings), reported after the view counts'.
    over_limits: Vec<Diagnostic>,
}

impl Problems {
    fn into_one_list(mut self) -> Vec<Diagnostic> {
        self.errors.append(&mut self.warnings);
        self.errors
    }
}

/// The sections, in navigation order (weight, then title).
fn sections(content: &Content, config: &Config) -> Vec<Section> {
    let root = &config.base.root;
    let mut sections: Vec<Section> = content
        .sections
        .iter()
        .map(|(name, src)| {
            let front = src.front.as_ref();
            Section {
                name: name.clone(),
                title: front
                    .map(|f| f.title.clone())
                    .unwrap_or_else(|| title_from_folder(name)),
                description: front
                    .and_then(|f| f.description.clone())
                    .unwrap_or_default(),
                weight: front.and_then(|f| f.weight),
                url: format!("{root}{}/", encode_segment(name)),
                paginate: front
                    .and_then(|f| f.paginate)
                    .filter(|p| *p > 0)
                    .unwrap_or(config.paginate),
                articles: Vec::new(),
            }
        })
        .collect();
    sections.sort_by(|a, b| {
        (a.weight.is_none(), a.weight, &a.title).cmp(&(b.weight.is_none(), b.weight, &b.title))
    });
    sections
}

/// The folders of every page bundle, published or not.
fn bundle_dirs(documents: &[Document]) -> Vec<String> {
    documents
        .iter()
        .filter(|d| d.kind == DocKind::Bundle)
        .map(|d| d.dir().to_string())
        .collect()
}

/// Which documents are published, newest first.
struct Chosen {
    published: Vec<(Document, Option<DateTime<FixedOffset>>)>,
    /// Content path → why it is left out (for links to it).
    unpublished: Vec<(String, LeftOut)>,
    /// Drafts and future articles left out.
    skipped: usize,
}

/// Drafts and future-dated documents are left out (unless asked for); an
/// article in a section without a date is an error.
fn choose(
    documents: Vec<Document>,
    config: &Config,
    opts: &ModelOptions,
    errors: &mut Vec<Diagnostic>,
) -> Chosen {
    let mut chosen = Chosen {
        published: Vec::new(),
        unpublished: Vec::new(),
        skipped: 0,
    };
    for doc in documents {
        let date = doc.front.date.map(|d| d.resolve(config.timezone));
        if doc.section().is_some() && date.is_none() {
            errors.push(
                problem!(Error, &doc.shown, "article-without-date").at(doc.split.yaml_line, 1),
            );
            continue;
        }
        let draft = doc.front.draft && !opts.drafts;
        if draft || (date.is_some_and(|d| d > opts.now) && !opts.future) {
            chosen.skipped += 1;
            let why = match date {
                Some(d) if !draft => LeftOut::Future(d.format("%d/%m/%Y %H:%M").to_string()),
                _ => LeftOut::Draft,
            };
            chosen.unpublished.push((doc.rel.clone(), why));
            continue;
        }
        chosen.published.push((doc, date));
    }
    // Newest first; ties by path so that builds are reproducible.
    chosen
        .published
        .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.rel.cmp(&b.0.rel)));
    chosen
}

/// A published document with its place: date, slug, section, URL, output path.
struct Placed {
    doc: Document,
    date: Option<DateTime<FixedOffset>>,
    slug: String,
    section: Option<usize>,
    url: String,
    output: String,
}

/// URLs given out so far (checked for clashes with each other and with the
/// generated pages) and the link table they make.
struct Places {
    root: String,
    taken: HashMap<String, PathBuf>,
    links: LinkTable,
    /// Bundle folder → its article's output folder.
    bundles: HashMap<String, (String, String)>,
}

impl Places {
    fn new(config: &Config, sections: &[Section], unpublished: Vec<(String, LeftOut)>) -> Places {
        let root = config.base.root.clone();
        let named = sections.iter().map(|s| (s.name.as_str(), s.url.as_str()));
        let taken = pages::reserved(&root, named, config.search)
            .into_iter()
            .map(|(url, what)| (url, PathBuf::from(what)))
            .collect();
        let mut links = LinkTable::default();
        for (rel, why) in unpublished {
            links.insert_unpublished(rel, why);
        }
        Places {
            root,
            taken,
            links,
            bundles: HashMap::new(),
        }
    }

    /// Each published document's slug, URL and output path.
    fn articles(
        &mut self,
        published: Vec<(Document, Option<DateTime<FixedOffset>>)>,
        sections: &[Section],
        errors: &mut Vec<Diagnostic>,
    ) -> Vec<Placed> {
        let index: HashMap<&str, usize> = sections
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.as_str(), i))
            .collect();
        let mut placed = Vec::with_capacity(published.len());
        for (doc, date) in published {
            match self.place(doc, date, &index) {
                Ok(p) => placed.push(p),
                Err(d) => errors.push(d),
            }
        }
        placed
    }

    fn place(
        &mut self,
        doc: Document,
        date: Option<DateTime<FixedOffset>>,
        index: &HashMap<&str, usize>,
    ) -> Result<Placed, Diagnostic> {
        let slug = match &doc.front.slug {
            Some(s) => slugify(s),
            None => slug_from_file_name(doc.stem()),
        };
        if slug.is_empty() {
            return Err(problem!(Error, &doc.shown, "no-url-from-file-name").at(1, 1));
        }
        let (path, section) = match doc.section() {
            Some(s) => (format!("{}/{slug}", s), index.get(s).copied()),
            None => (slug.clone(), None),
        };
        let url = format!("{}{}/", self.root, encode_path(&path));
        if let Some(first) = self.taken.get(&url) {
            return Err(problem!(
                Error,
                &doc.shown,
                "two-pages-one-url",
                url = &url,
                first = first
            )
            .at(1, 1));
        }
        self.taken.insert(url.clone(), doc.shown.clone());
        self.links.insert(doc.rel.clone(), url.clone());
        if doc.kind == DocKind::Bundle {
            self.bundles
                .insert(doc.dir().to_string(), (url.clone(), path.clone()));
        }
        let output = format!("{path}/index.html");
        Ok(Placed {
            doc,
            date,
            slug,
            section,
            url,
            output,
        })
    }

    /// Attachments: a bundle's files go with its article; others keep their
    /// place; the files of a bundle that is not published are not either.
    fn assets(
        &mut self,
        assets: Vec<Asset>,
        all_bundles: &[String],
        errors: &mut Vec<Diagnostic>,
    ) -> Vec<PublishedAsset> {
        let mut out = Vec::new();
        for a in assets {
            let output = match bundle_owner(&a.rel, &self.bundles) {
                Some((dir, (_, out_dir))) => format!("{out_dir}{}", &a.rel[dir.len()..]),
                None if all_bundles.iter().any(|b| {
                    a.rel.starts_with(b.as_str()) && a.rel[b.len()..].starts_with('/')
                }) =>
                {
                    continue;
                }
                None => a.rel.clone(),
            };
            let url = format!("{}{}", self.root, encode_path(&output));
            let shown = PathBuf::from(format!("content/{}", a.rel));
            if let Some(first) = self.taken.insert(url.clone(), shown.clone()) {
                errors.push(problem!(
                    Error,
                    &shown,
                    "two-files-one-url",
                    url = &url,
                    first = &first
                ));
            }
            self.links.insert(a.rel.clone(), url);
            out.push(PublishedAsset {
                source: a.source,
                shown,
                output,
                size: a.size,
            });
        }
        out
    }
}

/// View counts from `data/views.*`, by article id (= index in `placed`).
fn view_counts(
    views: Option<&crate::load::counts::ViewCounts>,
    config: &Config,
    placed: &[Placed],
    warnings: &mut Vec<Diagnostic>,
) -> HashMap<ArticleId, u64> {
    let Some(counts) = views else {
        return HashMap::new();
    };
    let (counted, found) = counts.resolve(&crate::load::counts::Targets {
        root: &config.base.root,
        urls: placed
            .iter()
            .enumerate()
            .map(|(i, p)| (crate::load::counts::url_key(&p.url), i))
            .collect(),
        sources: placed
            .iter()
            .enumerate()
            .map(|(i, p)| (p.doc.rel.clone(), i))
            .collect(),
    });
    warnings.extend(found);
    counted
}

/// The categories and tags being collected.
struct Terms {
    categories: TermIndex,
    tags: TermIndex,
}

impl Terms {
    fn new(root: &str) -> Terms {
        Terms {
            categories: TermIndex::new(TaxonomyKind::Categories, root),
            tags: TermIndex::new(TaxonomyKind::Tags, root),
        }
    }

    /// The taxonomies, with spellings of one term merged; the articles'
    /// term ids follow the merge.
    fn finish(
        self,
        articles: &mut [Article],
        warnings: &mut Vec<Diagnostic>,
    ) -> (super::Taxonomy, super::Taxonomy) {
        let (categories, category_remap) = self.categories.finish(warnings);
        let (tags, tag_remap) = self.tags.finish(warnings);
        for a in articles {
            a.category = a.category.map(|c| category_remap[c]);
            for t in &mut a.tags {
                *t = tag_remap[*t];
            }
        }
        (categories, tags)
    }
}

/// What every article is made with.
struct ArticleContext<'a> {
    config: &'a Config,
    links: &'a LinkTable,
    /// Attachment sizes by encoded output path, for dispatch files.
    sizes: &'a HashMap<String, u64>,
    counted: &'a HashMap<ArticleId, u64>,
}

/// A placed document as a complete [`Article`] with id `id`.
fn article(
    place: Placed,
    id: ArticleId,
    ctx: &ArticleContext<'_>,
    terms: &mut Terms,
    errors: &mut Vec<Diagnostic>,
) -> Article {
    let Placed {
        doc,
        date,
        slug,
        section,
        url,
        output,
    } = place;
    let fm = &doc.front;
    let category = fm
        .category
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .and_then(|c| terms.categories.add(c, id, &doc));
    let mut tag_ids: Vec<usize> = Vec::new();
    for t in fm.tags.iter().filter_map(|t| terms.tags.add(t, id, &doc)) {
        if !tag_ids.contains(&t) {
            tag_ids.push(t);
        }
    }
    let dir = doc.dir().to_string();
    let dispatch = dispatch(&doc, &dir, ctx, errors);
    let image = lead_image(&doc, &dir, ctx.links, errors);
    let summary = match &fm.summary {
        Some(s) => s.trim().to_string(),
        None => first_paragraph(doc.body()),
    };
    Article {
        id,
        source: doc.rel.clone(),
        shown: doc.shown.clone(),
        dir,
        section,
        slug,
        url,
        output,
        title: fm.title.trim().to_string(),
        date,
        updated: fm.updated.map(|d| d.resolve(ctx.config.timezone)),
        views: ctx.counted.get(&id).copied().or(fm.views),
        author: fm
            .author
            .clone()
            .filter(|a| !a.trim().is_empty())
            .unwrap_or_else(|| ctx.config.default_author.clone()),
        category,
        tags: tag_ids,
        summary,
        image,
        image_alt: fm.image_alt.clone(),
        image_caption: fm.image_caption.clone(),
        image_credit: fm.image_credit.clone(),
        image_focus: fm.image_focus.clone(),
        pinned: fm.pinned,
        template: fm.template.clone(),
        dispatch,
        extra: fm
            .extra
            .clone()
            .unwrap_or(serde_json::Value::Object(Default::default())),
        text: doc.text,
        split: doc.split,
    }
}

/// The article's dispatch with its files resolved (each missing one an error).
fn dispatch(
    doc: &Document,
    dir: &str,
    ctx: &ArticleContext<'_>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Dispatch> {
    let d = doc.front.dispatch.as_ref()?;
    let root = ctx.config.base.root.as_str();
    let files = registry::resolve_files(d, &doc.text, &doc.split, &doc.shown, errors, |f| {
        attachment(ctx.links, ctx.sizes, root, dir, f)
    });
    Some(Dispatch::from_front(d, files))
}

/// The lead image's URL as written (`image:`), resolved; a missing file is an error.
fn lead_image(
    doc: &Document,
    dir: &str,
    links: &LinkTable,
    errors: &mut Vec<Diagnostic>,
) -> Option<String> {
    let img = doc.front.image.as_ref()?;
    match links.resolve(dir, img) {
        Resolved::External => Some(img.clone()),
        Resolved::Url(u) => Some(u),
        Resolved::Missing(p) => {
            let (l, c) = locate_value(&doc.text, &doc.split, img);
            errors.push(
                problem!(Error, &doc.shown, "lead-image-not-found", path = p)
                    .at(l, c)
                    .with_code("missing-image"),
            );
            None
        }
    }
}

/// The documents registry of the articles and record files; with
/// `registry: false`, none, and the record files are errors (what was
/// written only for the registry would be lost).
#[allow(clippy::too_many_arguments)]
fn documents(
    records: Vec<crate::load::record::RecordSource>,
    index: Option<crate::load::frontmatter::SectionFront>,
    articles: &[Article],
    links: &LinkTable,
    sizes: &HashMap<String, u64>,
    config: &Config,
    opts: &ModelOptions,
    p: &mut Problems,
) -> registry::Registry {
    if !config.registry {
        let shown = records.iter().map(|r| r.shown.clone()).chain(
            index
                .iter()
                .map(|_| PathBuf::from(format!("content/{}/_index.md", registry::FOLDER))),
        );
        p.errors
            .extend(shown.map(|shown| problem!(Error, shown, "registry-turned-off").at(1, 1)));
        return Default::default();
    }
    let input = registry::Input {
        records,
        front: index,
        articles,
        links,
        sizes,
        config,
        drafts: opts.drafts,
    };
    let (registry, warnings) = registry::build(input, &mut p.errors);
    p.warnings.extend(warnings);
    registry
}
