//! Tera, set up once per build: the theme's templates, and the Vietnamese
//! filters (`dateline`, `legal_date`, `number`, `views`, `t`, …).
//! Template errors become [`Diagnostic`]s naming the template file and line.

use crate::error::Diagnostic;
use crate::problem;
use crate::theme::Theme;
use crate::vi::Lang;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock, RwLock, Weak};
use tera::{Context, Kwargs, State, Tera, TeraResult, Value};

mod filters;

use filters::{register_breadcrumb_json_ld, register_filters};

/// The compiled templates of a theme.
pub struct Templates {
    tera: Tera,
    shown: HashMap<String, PathBuf>,
    /// This build's image stage, for `resize_image` (set by [`Templates::register_images`]).
    images: super::photos::Slot,
    /// Template name → source, to locate errors Tera gives without a span.
    sources: HashMap<String, String>,
    /// What `partial_cached` rendered in this build.
    partials: Arc<Partials>,
}

impl Templates {
    /// Compile every template of `theme`; syntax errors name file and line.
    pub fn new(theme: &Theme, lang: Lang) -> Result<Templates, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        register_filters(&mut tera, lang, &theme.strings);
        let images = super::photos::Slot::default();
        super::photos::register(&mut tera, images.clone());
        let partials = Arc::new(Partials::default());
        tera.register_function("partial_cached", PartialCached(Arc::downgrade(&partials)));
        register_breadcrumb_json_ld(&mut tera, &theme.strings);
        tera.register_function("asset_url", AssetUrl(Arc::new(theme.assets.clone())));
        let shown: HashMap<String, PathBuf> = theme
            .templates
            .iter()
            .map(|t| (t.name.clone(), t.shown.clone()))
            .collect();
        let sources: HashMap<String, String> = theme
            .templates
            .iter()
            .map(|t| (t.name.clone(), t.source.clone()))
            .collect();
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|t| (t.name.as_str(), t.source.as_str())),
        )
        .map_err(|e| {
            vec![locate_unspanned(
                diagnostic(&e, &shown, ""),
                &shown,
                &sources,
            )]
        })?;
        // The function renders partials with a copy of the compiled
        // templates (it cannot borrow the instance that is calling it).
        let _ = partials.tera.set(tera.clone());
        Ok(Templates {
            tera,
            shown,
            images,
            sources,
            partials,
        })
    }

    /// Forget the partials `partial_cached` kept: a new build (or a page
    /// rendered on its own) has new data.
    pub fn new_build(&self) {
        self.partials.done.write().expect("not poisoned").clear();
    }

    /// Back `resize_image` with this build's image stage.
    pub fn register_images(&self, images: Arc<crate::images::Images>) {
        *self.images.write().expect("not poisoned") = Some(images);
    }

    /// Whether the theme has a template called `name` (`partials/card.html`).
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Render `name`; an error names the template (and line) and the page it was rendering.
    pub fn render(
        &self,
        name: &str,
        ctx: &tera::Context,
        page: &str,
    ) -> Result<Vec<u8>, Diagnostic> {
        // Straight into bytes: a page is written as bytes, and Tera's
        // `render` would check the whole output is UTF-8 (it is: templates
        // and values are strings) on the way to a `String`. Most pages are
        // 8–20 KB, so the buffer rarely grows.
        let mut out = Vec::with_capacity(24 * 1024);
        // Saved and put back rather than cleared: a render that waits on
        // rayon (photo derivatives) may render another page on this thread
        // meanwhile.
        let outer_page = PAGE.replace(Some(ctx.clone()));
        let outer_error = PARTIAL_ERROR.take();
        let rendered = self.tera.render_to(name, ctx, &mut out);
        PAGE.set(outer_page);
        // An error inside a cached partial is reported where it is, not
        // at the `partial_cached` call.
        let inner = PARTIAL_ERROR.replace(outer_error);
        rendered.map_err(|e| {
            let e = inner.unwrap_or(e);
            locate_unspanned(
                diagnostic(&e, &self.shown, page),
                &self.shown,
                &self.sources,
            )
        })?;
        Ok(out)
    }
}

/// `asset_url(path="css/style.css")`: the URL of a theme stylesheet or
/// script under the site's root, by the name it is published under
/// (`/tin-tuc-ttt/css/style.3f2a9c1e.css`; see
/// [`Theme::fingerprint_assets`]). A name the theme does not have is an
/// error, so a typo cannot publish a dead link.
struct AssetUrl(Arc<std::collections::BTreeMap<String, String>>);

impl tera::Function<TeraResult<Value>> for AssetUrl {
    fn call(&self, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
        let path: String = kwargs.must_get("path")?;
        let Some(published) = self.0.get(path.trim_start_matches('/')) else {
            let known: Vec<&str> = self.0.keys().map(String::as_str).collect();
            return Err(tera::Error::message(format!(
                "asset_url: the theme has no stylesheet or script `{path}` (it has: {})",
                known.join(", ")
            )));
        };
        let site: Option<Value> = state.get("site")?;
        let root = site
            .as_ref()
            .and_then(|s| s.get_from_path("root"))
            .and_then(Value::as_str)
            .unwrap_or("/");
        Ok(Value::from(format!(
            "{root}{}",
            crate::site::links::encode_path(published)
        )))
    }
}

thread_local! {
    /// The context of the page this thread is rendering, for `partial_cached`.
    static PAGE: RefCell<Option<Context>> = const { RefCell::new(None) };
    /// The first error inside a partial `partial_cached` rendered on this thread.
    static PARTIAL_ERROR: RefCell<Option<tera::Error>> = const { RefCell::new(None) };
}

/// The partials `partial_cached` rendered in this build, by name and key.
#[derive(Default)]
struct Partials {
    tera: OnceLock<Tera>,
    done: RwLock<HashMap<String, Arc<str>>>,
}

/// `partial_cached(name, key)`: the partial `name` rendered once per build
/// for each distinct `key` and reused on every page that asks for it with
/// that key (as Hugo's `partialCached`). It sees the page's context (not
/// variables set in the calling template); `key` must hold everything
/// page-dependent it shows. Debug builds render it every time and check
/// the output equals the kept one, so a key that misses something fails
/// the tests of the theme that uses it.
struct PartialCached(Weak<Partials>);

impl tera::Function<TeraResult<Value>> for PartialCached {
    fn call(&self, kwargs: Kwargs, _: &State) -> TeraResult<Value> {
        let name: String = kwargs.must_get("name")?;
        let key: Value = kwargs.get("key")?.unwrap_or_else(Value::none);
        let partials = self
            .0
            .upgrade()
            .ok_or_else(|| tera::Error::message("partial_cached: the templates are gone"))?;
        // The key's type too: no key (none) and the string "none" print alike.
        let id = format!("{name}\u{0}{}\u{0}{key}", key.name());
        let kept = partials
            .done
            .read()
            .expect("not poisoned")
            .get(&id)
            .cloned();
        if let Some(html) = &kept
            && !cfg!(debug_assertions)
        {
            return Ok(Value::safe_string(html));
        }
        let tera = partials
            .tera
            .get()
            .expect("set once the templates compiled");
        let ctx = PAGE.with(|p| p.borrow().clone()).unwrap_or_default();
        let html = match tera.render(&name, &ctx) {
            Ok(html) => html,
            Err(e) => {
                let message = e.to_string();
                PARTIAL_ERROR.with(|p| {
                    p.borrow_mut().get_or_insert(e);
                });
                return Err(tera::Error::message(message));
            }
        };
        if let Some(kept) = kept {
            debug_assert_eq!(
                *kept, html,
                "partial_cached: `{name}` with key {key} differs between two pages: the key misses something the partial shows"
            );
        }
        partials
            .done
            .write()
            .expect("not poisoned")
            .insert(id, Arc::from(html.as_str()));
        Ok(Value::safe_string(&html))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// Tera reports include/extends cycles and runaway component recursion
/// without a place: find the template and line that cause them.
fn locate_unspanned(
    mut d: Diagnostic,
    shown: &HashMap<String, PathBuf>,
    sources: &HashMap<String, String>,
) -> Diagnostic {
    if d.line.is_some() {
        return d;
    }
    let line_of = |src: &str, at: usize| src[..at].matches('\n').count() + 1;
    // "Circular include detected for template 'x.html'" / "Circular extend …"
    let named = d
        .message
        .split_once("template '")
        .and_then(|(_, r)| r.split_once('\''))
        .map(|(name, _)| name.to_string());
    if let Some(name) = named {
        if let (Some(path), Some(src)) = (shown.get(&name), sources.get(&name)) {
            let at = ["{% include", "{%- include", "{% extends", "{%- extends"]
                .iter()
                .filter_map(|k| src.find(k))
                .min()
                .unwrap_or(0);
            d.path = path.clone();
            d = d.at(line_of(src, at), 1);
        }
        return d.with_hint_id("hint-template-cycle");
    }
    if d.message.contains("recursion depth") {
        // A component whose body calls itself.
        let mut names: Vec<&String> = sources.keys().collect();
        names.sort();
        for name in names {
            let src = &sources[name];
            for (at, _) in src.match_indices("{% component ") {
                let rest = &src[at + 13..];
                let comp: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let end = rest.find("{% endcomponent").unwrap_or(rest.len());
                if !comp.is_empty() && rest[..end].contains(&format!("<{comp}")) {
                    if let Some(path) = shown.get(name) {
                        d.path = path.clone();
                    }
                    return d
                        .at(line_of(src, at), 1)
                        .arg("component", comp)
                        .with_hint_id("hint-component-calls-itself");
                }
            }
        }
    }
    d
}

/// A template error of Tera (its own words, `detail`), while rendering
/// `page` (none: while loading the theme).
fn diagnostic(e: &tera::Error, shown: &HashMap<String, PathBuf>, page: &str) -> Diagnostic {
    let (path, at, detail) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let path = shown
                .get(r.filename())
                .cloned()
                .unwrap_or_else(|| PathBuf::from(r.filename()));
            let span = r.span();
            let mut detail = r.message().to_string();
            if let Some(src) = std::error::Error::source(e) {
                detail.push_str(&format!(": {src}"));
            }
            let at = (span.start_line.max(1), span.start_col + 1);
            (path, Some(at), detail)
        }
        _ => (PathBuf::from("templates"), None, e.to_string()),
    };
    let d = if page.is_empty() {
        problem!(Error, path, "template-error", detail = detail)
    } else {
        problem!(
            Error,
            path,
            "template-error-rendering",
            detail = detail,
            page = page
        )
    };
    match at {
        Some((l, c)) => d.at(l, c),
        None => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::TemplateFile;

    fn theme(files: &[(&str, &str)]) -> Theme {
        Theme {
            templates: files
                .iter()
                .map(|(n, s)| TemplateFile {
                    name: n.to_string(),
                    source: s.to_string(),
                    shown: PathBuf::from(format!("themes/x/templates/{n}")),
                })
                .collect(),
            statics: Default::default(),
            assets: Default::default(),
            strings: [("home".to_string(), "Trang chủ".to_string())].into(),
        }
    }

    #[test]
    fn filters() {
        let t = Templates::new(
            &theme(&[(
                "a.html",
                "{{ d | dateline }}|{{ d | legal_date }}|{{ d | short_date }}|{{ d | rfc822 }}|{{ n | number }}|{{ n | views }}|{{ \"home\" | t }}",
            )]),
            Lang::Vi,
        )
        .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("d", "2023-02-15T08:46:50+07:00");
        ctx.insert("n", &1234);
        assert_eq!(
            String::from_utf8(t.render("a.html", &ctx, "").unwrap()).unwrap(),
            "Thứ Tư, 15-02-2023 / 8:46:50 Sáng|ngày 15 tháng 02 năm 2023|15/02/2023|Wed, 15 Feb 2023 08:46:50 +0700|1.234|1.234 lượt xem|Trang chủ"
        );
    }

    #[test]
    fn user_strings_are_escaped() {
        let t = Templates::new(&theme(&[("a.html", "{{ title }}")]), Lang::Vi).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("title", "<script>alert(1)</script> & \"x\"");
        let out = String::from_utf8(t.render("a.html", &ctx, "").unwrap()).unwrap();
        assert!(!out.contains("<script>"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn syntax_error_names_template_and_line() {
        let e = Templates::new(&theme(&[("a.html", "ok\n{% if %}\n")]), Lang::Vi)
            .err()
            .unwrap();
        assert_eq!(e[0].path, PathBuf::from("themes/x/templates/a.html"));
        assert_eq!(e[0].line, Some(2), "{}", e[0]);
    }

    #[test]
    fn render_error_names_template_and_line() {
        let t = Templates::new(
            &theme(&[("a.html", "a\nb\n{{ \"nope\" | t }}\n")]),
            Lang::Vi,
        )
        .unwrap();
        let e = t
            .render("a.html", &tera::Context::new(), "/x/")
            .unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.message.contains("nope"), "{e}");
        assert!(e.message.contains("/x/"), "{e}");
    }

    fn page(t: &Templates, url: &str) -> String {
        let mut ctx = tera::Context::new();
        ctx.insert("current_url", url);
        ctx.insert("marked", &["/a/"]);
        String::from_utf8(t.render("page.html", &ctx, url).unwrap()).unwrap()
    }

    fn cached_theme(key: &str) -> Theme {
        theme(&[
            (
                "page.html",
                &format!("[{{{{ partial_cached(name=\"side.html\", key={key}) }}}}]"),
            ),
            (
                "side.html",
                "<a{% if current_url == \"/a/\" %} aria-current=\"page\"{% endif %}>{{ \"home\" | t }} & co</a>",
            ),
        ])
    }

    #[test]
    fn partial_cached_renders_once_per_key_as_an_include_would() {
        let t = Templates::new(
            &cached_theme("(current_url if current_url in marked else \"\")"),
            Lang::Vi,
        )
        .unwrap();
        let plain = "[<a>Trang chủ & co</a>]";
        assert_eq!(page(&t, "/b/"), plain);
        assert_eq!(
            page(&t, "/a/"),
            "[<a aria-current=\"page\">Trang chủ & co</a>]"
        );
        assert_eq!(page(&t, "/c/"), plain);
        assert_eq!(t.partials.done.read().unwrap().len(), 2);
        t.new_build();
        assert!(t.partials.done.read().unwrap().is_empty());
    }

    #[test]
    fn partial_cached_keys_of_different_types_are_different_keys() {
        let t = Templates::new(
            &theme(&[
                (
                    "page.html",
                    "{{ partial_cached(name=\"side.html\") }}{{ partial_cached(name=\"side.html\", key=\"none\") }}{{ partial_cached(name=\"side.html\", key=1) }}{{ partial_cached(name=\"side.html\", key=\"1\") }}",
                ),
                ("side.html", "x"),
            ]),
            Lang::Vi,
        )
        .unwrap();
        assert_eq!(page(&t, "/a/"), "xxxx");
        assert_eq!(t.partials.done.read().unwrap().len(), 4);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "the key misses something the partial shows")]
    fn a_partial_cached_key_that_misses_something_stops_debug_builds() {
        let t = Templates::new(&cached_theme("\"\""), Lang::Vi).unwrap();
        page(&t, "/b/");
        page(&t, "/a/");
    }

    #[test]
    fn a_page_rendered_during_another_on_the_same_thread_leaves_its_context_alone() {
        // As when a photo derivative waits on rayon, which runs another page meanwhile.
        let other = Arc::new(Templates::new(&cached_theme("current_url"), Lang::Vi).unwrap());
        let mut t = Templates::new(
            &theme(&[
                ("page.html", ""),
                (
                    "side.html",
                    "{% if current_url == \"/a/\" %}current{% else %}not{% endif %}",
                ),
            ]),
            Lang::Vi,
        )
        .unwrap();
        t.tera
            .register_function("other_page", move |_: Kwargs, _: &State| {
                Ok::<_, tera::Error>(Value::safe_string(&page(&other, "/b/")))
            });
        // Compiled once the function exists.
        t.tera
            .add_raw_template(
                "page.html",
                "{{ other_page() }}|{{ partial_cached(name=\"side.html\", key=current_url) }}",
            )
            .unwrap();
        assert_eq!(page(&t, "/a/"), "[<a>Trang chủ & co</a>]|current");
    }
}
