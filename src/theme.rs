//! Themes: the default theme is embedded in the binary; a site's
//! `themes/<name>/` overrides it file by file (templates, static files, and
//! theme strings key by key). Adding a file to the theme folder is all it
//! takes to add it to the build.

use crate::error::{Diagnostic, Errors};
use crate::vi::Lang;
use include_dir::{Dir, include_dir};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A template and where it came from (for error messages).
#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// Name as templates refer to it: `partials/card.html`.
    pub name: String,
    /// The template's text.
    pub source: String,
    /// `themes/default/templates/base.html`, or `(built-in) …` for the embedded copy.
    pub shown: PathBuf,
}

/// Bytes of a static file: embedded, or a file to copy.
#[derive(Debug, Clone)]
pub enum StaticSource {
    /// A file of the built-in theme, compiled into the binary.
    Embedded(&'static [u8]),
    /// A file in the site's `themes/<name>/static/`, copied from this path.
    Disk(PathBuf),
}

/// The resolved theme.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Every template, the site's overriding the built-in ones of the same name.
    pub templates: Vec<TemplateFile>,
    /// Output path (relative, `/`-separated) → source.
    pub statics: BTreeMap<String, StaticSource>,
    /// Theme strings in the site's language.
    pub strings: HashMap<String, String>,
    /// Stylesheets and scripts: the name templates ask for (`css/style.css`)
    /// → the name the file is published under (the same until
    /// [`Theme::fingerprint_assets`]; then `css/style.3f2a9c1e.css`).
    pub assets: BTreeMap<String, String>,
}

/// `theme: <name>` names a folder that does not exist: an error at that line of config.yaml.
fn theme_not_found(root: &Path, name: &str) -> Diagnostic {
    let config = std::fs::read_to_string(root.join("config.yaml")).unwrap_or_default();
    crate::problem!(Error, "config.yaml", "theme-not-found", name = name)
        .at(crate::config::locate_key(&config, "theme").0, 1)
}

/// A theme being put together, layer over layer: a later file of the same
/// name replaces an earlier one, strings are overridden key by key.
#[derive(Default)]
struct ThemeFiles {
    templates: BTreeMap<String, TemplateFile>,
    statics: BTreeMap<String, StaticSource>,
    strings: HashMap<String, String>,
    errors: Vec<Diagnostic>,
}

impl ThemeFiles {
    /// The default theme embedded in the binary.
    fn add_embedded(&mut self, lang: Lang) {
        let builtin = Path::new("(built-in) themes/default");
        for f in files(&EMBEDDED) {
            let rel = f.path().to_string_lossy().replace('\\', "/");
            if let Some(name) = rel.strip_prefix("templates/") {
                let source = String::from_utf8_lossy(f.contents()).into_owned();
                self.templates.insert(
                    name.to_string(),
                    TemplateFile {
                        name: name.to_string(),
                        source,
                        shown: builtin.join(&rel),
                    },
                );
            } else if let Some(out) = rel.strip_prefix("static/") {
                self.statics
                    .insert(out.to_string(), StaticSource::Embedded(f.contents()));
            } else if rel == format!("i18n/{}.yaml", lang.code()) {
                let text = String::from_utf8_lossy(f.contents());
                match crate::yaml::parse::<HashMap<String, String>>(&text, &builtin.join(&rel), 1) {
                    Ok(m) => self.strings.extend(m),
                    Err(d) => self.errors.push(d),
                }
            }
        }
    }

    /// A site's `themes/<name>/` folder, `dir`.
    fn add_folder(&mut self, dir: &Path, name: &str, lang: Lang) {
        let shown_root = PathBuf::from("themes").join(name);
        for entry in walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0 || !crate::files::is_ignored(&e.file_name().to_string_lossy())
            })
        {
            let entry = match entry {
                Ok(e) if e.file_type().is_file() => e,
                Ok(_) => continue,
                Err(e) => {
                    self.errors.push(crate::problem!(
                        Error,
                        &shown_root,
                        "theme-unreadable",
                        detail = e.to_string()
                    ));
                    continue;
                }
            };
            let rel_path = entry.path().strip_prefix(dir).expect("walked inside dir");
            let rel = rel_path.to_string_lossy().replace('\\', "/");
            self.add_file(entry.path(), &rel, shown_root.join(rel_path), lang);
        }
    }

    /// One file of a theme folder: `rel` inside it, shown as `shown`.
    fn add_file(&mut self, path: &Path, rel: &str, shown: PathBuf, lang: Lang) {
        let read = || {
            crate::files::read_regular(path)
                .map_err(|e| Diagnostic::io_op(crate::error::IoOp::Read, &shown, &e))
                .and_then(|b| crate::text::decode(&b, &shown))
        };
        if let Some(tname) = rel.strip_prefix("templates/") {
            match read() {
                Ok(source) => {
                    self.templates.insert(
                        tname.to_string(),
                        TemplateFile {
                            name: tname.to_string(),
                            source,
                            shown,
                        },
                    );
                }
                Err(d) => self.errors.push(d),
            }
        } else if let Some(out) = rel.strip_prefix("static/") {
            self.statics
                .insert(out.to_string(), StaticSource::Disk(path.to_path_buf()));
        } else if rel == format!("i18n/{}.yaml", lang.code()) {
            let parsed =
                read().and_then(|t| crate::yaml::parse::<HashMap<String, String>>(&t, &shown, 1));
            match parsed {
                Ok(m) => self.strings.extend(m),
                Err(d) => self.errors.push(d),
            }
        }
    }
}

impl Theme {
    /// The embedded theme overlaid with `root/themes/<name>/`.
    pub fn load(root: &Path, name: &str, lang: Lang) -> Result<Theme, Errors> {
        let dir = root.join("themes").join(name);
        if name != "default" && !dir.is_dir() {
            return Err(Errors::one(theme_not_found(root, name)));
        }
        let mut files = ThemeFiles::default();
        files.add_embedded(lang);
        if dir.is_dir() {
            files.add_folder(&dir, name, lang);
        }
        if !files.errors.is_empty() {
            return Err(Errors(files.errors));
        }
        let assets = files
            .statics
            .keys()
            .filter(|p| is_asset(p))
            .map(|p| (p.clone(), p.clone()))
            .collect();
        Ok(Theme {
            templates: files.templates.into_values().collect(),
            statics: files.statics,
            strings: files.strings,
            assets,
        })
    }

    /// Publish every stylesheet and script under a name holding a hash of
    /// its bytes (`css/style.css` → `css/style.3f2a9c1e.css`), so a server
    /// may let browsers keep it for a year: an edit, or a site's override of
    /// the file, gives it a new name. `bantin serve` leaves the names alone,
    /// so that an edited stylesheet can be swapped into an open page.
    pub fn fingerprint_assets(&mut self) -> Result<(), Diagnostic> {
        for (name, published) in self.assets.iter_mut() {
            let src = self
                .statics
                .remove(published.as_str())
                .expect("assets are statics");
            let hash = match &src {
                StaticSource::Embedded(bytes) => blake3::hash(bytes),
                StaticSource::Disk(path) => blake3::hash(
                    &crate::files::read_regular(path)
                        .map_err(|e| Diagnostic::io_op(crate::error::IoOp::Read, path, &e))?,
                ),
            };
            *published = hashed_name(name, &hash.to_hex()[..8]);
            self.statics.insert(published.clone(), src);
        }
        Ok(())
    }
}

/// Whether a theme file gets a hashed name: stylesheets and scripts.
fn is_asset(path: &str) -> bool {
    path.ends_with(".css") || path.ends_with(".js")
}

/// `css/style.css` with `hash` → `css/style.<hash>.css`.
fn hashed_name(path: &str, hash: &str) -> String {
    match path.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') && !stem.ends_with('/') => {
            format!("{stem}.{hash}.{ext}")
        }
        _ => format!("{path}.{hash}"),
    }
}

/// Every file of an embedded folder, depth first.
fn files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut out: Vec<&include_dir::File<'_>> = dir.files().collect();
    for d in dir.dirs() {
        out.extend(files(d));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_theme_is_complete() {
        let t = Theme::load(Path::new("/nonexistent"), "default", Lang::Vi).unwrap();
        for name in [
            "base.html",
            "index.html",
            "article.html",
            "section.html",
            "taxonomy.html",
            "term.html",
            "404.html",
            "rss.xml",
            "sitemap.xml",
            "sitemap-index.xml",
            "robots.txt",
        ] {
            assert!(t.templates.iter().any(|f| f.name == name), "missing {name}");
        }
        assert!(t.statics.contains_key("css/style.css"));
        assert!(t.statics.contains_key("css/syntax.css"));
        assert!(!t.strings.is_empty());
    }

    #[test]
    fn site_theme_overrides_file_by_file() {
        let dir = tempfile::tempdir().unwrap();
        let tpl = dir.path().join("themes/default/templates");
        std::fs::create_dir_all(&tpl).unwrap();
        std::fs::write(tpl.join("404.html"), "riêng").unwrap();
        let t = Theme::load(dir.path(), "default", Lang::Vi).unwrap();
        let f = t.templates.iter().find(|f| f.name == "404.html").unwrap();
        assert_eq!(f.source, "riêng");
        assert_eq!(f.shown, Path::new("themes/default/templates/404.html"));
        assert!(t.templates.iter().any(|f| f.name == "base.html"));
    }

    #[test]
    fn stylesheets_and_scripts_get_names_from_their_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let css = dir.path().join("themes/default/static/css");
        std::fs::create_dir_all(&css).unwrap();
        let names = |dir: &Path| {
            let mut t = Theme::load(dir, "default", Lang::Vi).unwrap();
            assert_eq!(t.assets["css/style.css"], "css/style.css");
            t.fingerprint_assets().unwrap();
            for published in t.assets.values() {
                assert!(t.statics.contains_key(published), "{published}");
            }
            assert!(!t.statics.contains_key("css/style.css"));
            t.assets
        };
        let embedded = names(Path::new("/nonexistent"));
        let style = &embedded["css/style.css"];
        assert!(
            style.len() == "css/style.12345678.css".len()
                && style.starts_with("css/style.")
                && style.ends_with(".css"),
            "{style}"
        );
        assert!(embedded["js/search.js"].starts_with("js/search."));
        // A site's override has other bytes, so another name; the rest stay.
        std::fs::write(css.join("style.css"), "body { color: red }").unwrap();
        let overridden = names(dir.path());
        assert_ne!(overridden["css/style.css"], embedded["css/style.css"]);
        assert_eq!(overridden["css/print.css"], embedded["css/print.css"]);
        assert_eq!(hashed_name("a/b.c/x", "h"), "a/b.c/x.h");
    }
}
