//! An article's page from text not saved yet: the editor's live preview.
//! The text stands in for its file and the same stages as `bantin build`
//! run (load, model, photos), then the article's page is rendered by the
//! same templates — so the preview is the HTML the page will have — with the
//! problems the build would report about that file.

use crate::build::BuildOptions;
use crate::error::{Diagnostic, Severity};
use crate::load::cache::LoadCache;

/// The preview of one article.
#[derive(Debug)]
pub struct DraftPage {
    /// The page's HTML; `None` when the text has errors that stop it.
    pub html: Option<String>,
    /// What the build says about this file (errors and warnings).
    pub problems: Vec<Diagnostic>,
}

/// Render `text` as the article file `rel` (under `content/`) of the site
/// at `opts.root`, drafts and future dates included. With a `cache`, the
/// other files are parsed only when they changed since its last use (one
/// user at a time: the caller serializes).
pub fn render(opts: &BuildOptions, cache: Option<&LoadCache>, rel: &str, text: &str) -> DraftPage {
    let doc = match crate::load::parse_unsaved(&opts.root, rel, text.as_bytes()) {
        Some(Ok(doc)) => doc,
        Some(Err(e)) => return failed(vec![e]),
        None => return failed(vec![Diagnostic::error(rel, "not an article file")]),
    };
    let shown = doc.shown.clone();
    let opts = BuildOptions {
        drafts: true,
        future: true,
        ..opts.clone()
    };
    let (site, theme, problems) = match crate::build::prepare_draft(&opts, cache, doc) {
        Ok(p) => p,
        Err(e) => return failed(e.0),
    };
    let mut mine: Vec<Diagnostic> = problems.into_iter().filter(|p| p.path == shown).collect();
    let Some(article) = site.articles.iter().find(|a| a.source == rel) else {
        return failed(mine);
    };
    let templates = match crate::render::templates::Templates::new(&theme, site.config.language) {
        Ok(t) => t,
        Err(e) => {
            mine.extend(e);
            return failed(mine);
        }
    };
    let views = crate::render::views::Views::new(&site);
    match crate::render::render_article(&site, &templates, &views, article) {
        Ok(out) => DraftPage {
            html: Some(String::from_utf8_lossy(&out.bytes).into_owned()),
            problems: mine,
        },
        Err(e) => {
            mine.extend(e);
            failed(mine)
        }
    }
}

fn failed(problems: Vec<Diagnostic>) -> DraftPage {
    DraftPage {
        html: None,
        problems,
    }
}

/// Whether any of `problems` is an error (a warning does not stop a page).
pub fn has_errors(problems: &[Diagnostic]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}
