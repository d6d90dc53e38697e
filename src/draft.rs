//! An article's page from text not saved yet: the editor's live preview.
//! The text stands in for its file and the same stages as `bantin build`
//! run (load, model, photos), then the article's page is rendered by the
//! same templates — so the preview is the HTML the page will have — with the
//! problems the build would report about that file.
//!
//! [`Drafts`] keeps what the last full run made. While only the body is
//! being typed (same front matter, same summary, same photos and files, no
//! rebuild of the site since), the next preview patches that article's text into the kept
//! model and renders its page alone, as [`crate::session::Session::quick`]
//! does for saved files.

use crate::build::BuildOptions;
use crate::error::{Diagnostic, Severity};
use crate::images::Images;
use crate::load::Document;
use crate::load::cache::LoadCache;
use crate::problem;
use crate::render::templates::Templates;
use crate::render::views::Views;
use crate::site::Site;
use std::sync::Arc;

/// The preview of one article.
#[derive(Debug)]
pub struct DraftPage {
    /// The page's HTML; `None` when the text has errors that stop it.
    pub html: Option<String>,
    /// What the build says about this file (errors and warnings).
    pub problems: Vec<Diagnostic>,
    /// Whether it came from the kept model (only the body changed).
    pub quick: bool,
}

/// The previews of one site, one at a time.
#[derive(Default)]
pub struct Drafts {
    /// The other files, parsed again only when they change.
    cache: LoadCache,
    kept: Option<Kept>,
    /// The state of the site the kept model is of (see [`Drafts::render`]).
    generation: u64,
}

/// The model, templates and problems of the last full preview run.
struct Kept {
    rel: String,
    /// The front matter (YAML text) it was run with.
    front: String,
    site: Site,
    photos: Arc<Images>,
    templates: Templates,
    views: Views,
    /// Problems of the load and model stages about the file.
    problems: Vec<Diagnostic>,
}

impl Drafts {
    /// No preview run yet.
    pub fn new() -> Drafts {
        Drafts::default()
    }

    /// Render `text` as the article file `rel` (under `content/`) of the site
    /// at `opts.root`, drafts and future dates included. `generation` names
    /// the state of the site's files (the caller changes it when they
    /// change): the model kept from another one is not used.
    pub fn render(
        &mut self,
        opts: &BuildOptions,
        generation: u64,
        rel: &str,
        text: &str,
    ) -> DraftPage {
        if generation != self.generation {
            self.kept = None;
            self.generation = generation;
        }
        let doc = match crate::load::parse_unsaved(&opts.root, rel, text.as_bytes()) {
            Some(Ok(doc)) => doc,
            Some(Err(e)) => return failed(vec![e]),
            None => return failed(vec![problem!(Error, rel, "not-an-article-file")]),
        };
        if let Some(page) = self.kept.as_mut().and_then(|k| k.quick(&doc)) {
            return page;
        }
        self.kept = None;
        let front = doc.text[doc.split.yaml.0..doc.split.yaml.1].to_string();
        let opts = BuildOptions {
            drafts: true,
            future: true,
            ..opts.clone()
        };
        let shown = doc.shown.clone();
        let (site, theme, photos, problems) =
            match crate::build::prepare_draft(&opts, Some(&self.cache), doc) {
                Ok(p) => p,
                Err(e) => return failed(e.0),
            };
        let mine: Vec<Diagnostic> = problems.into_iter().filter(|p| p.path == shown).collect();
        let templates = match Templates::new(&theme, site.config.language) {
            Ok(t) => t,
            Err(e) => return failed(mine.into_iter().chain(e).collect()),
        };
        let views = Views::new(&site, &photos);
        let kept = Kept {
            rel: rel.to_string(),
            front,
            site,
            photos,
            templates,
            views,
            problems: mine,
        };
        let mut kept = kept;
        let page = kept.page(None);
        if page.html.is_some() {
            self.kept = Some(kept);
        }
        page
    }
}

impl Kept {
    /// The page of `doc` from this model, if only its body changed.
    fn quick(&mut self, doc: &Document) -> Option<DraftPage> {
        let a = self.site.articles.iter().find(|a| a.source == doc.rel)?;
        let front = &doc.text[doc.split.yaml.0..doc.split.yaml.1];
        let refs = |body| crate::session::local_refs(&self.site, &a.dir, body);
        // Pages show the summary from a view made with the model: keep it the same.
        let same_summary =
            doc.front.summary.is_some() || crate::site::first_paragraph(doc.body()) == a.summary;
        if doc.rel != self.rel
            || front != self.front
            || !same_summary
            || refs(a.body()) != refs(doc.body())
        {
            return None;
        }
        let mut page = self.page(Some(doc));
        page.quick = true;
        Some(page)
    }

    /// The article's page, with `doc`'s text put in the model first when given.
    fn page(&mut self, doc: Option<&Document>) -> DraftPage {
        let mut problems = self.problems.clone();
        let Some(id) = self.site.articles.iter().position(|a| a.source == self.rel) else {
            return failed(problems);
        };
        if let Some(doc) = doc {
            let a = &mut self.site.articles[id];
            a.text = doc.text.clone();
            a.split = doc.split;
        }
        let a = &self.site.articles[id];
        match crate::render::render_article_checked(
            &self.site,
            &self.photos,
            &self.templates,
            &self.views,
            a,
        ) {
            Ok((out, more)) => {
                problems.extend(more);
                DraftPage {
                    html: Some(String::from_utf8_lossy(&out.bytes).into_owned()),
                    problems,
                    quick: false,
                }
            }
            Err(e) => {
                problems.extend(e);
                failed(problems)
            }
        }
    }
}

fn failed(problems: Vec<Diagnostic>) -> DraftPage {
    DraftPage {
        html: None,
        problems,
        quick: false,
    }
}

/// Whether any of `problems` is an error (a warning does not stop a page).
pub fn has_errors(problems: &[Diagnostic]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}
