//! The message catalog: every text the `bantin` binary shows a person, in
//! Vietnamese and English, kept in one Fluent file per language
//! (`vi.ftl`, `en.ftl`, embedded in the binary) instead of strings in code.
//!
//! It sits at the bottom of the layers with [`crate::vi`]: any stage may
//! use it, it uses nothing of the pipeline.
//!
//! ```
//! use bantin::i18n::{Messages, msg};
//! use bantin::vi::Lang;
//! let m = Messages::new(Lang::Vi);
//! assert_eq!(msg!(m, "severity-error"), "lỗi");
//! assert_eq!(msg!(m, "check-seen", pages = 3, links = 12, seconds = m.seconds(0.42)),
//!            "đã kiểm tra 3 trang, 12 liên kết trong 0,42 giây");
//! ```
//!
//! Which language: [`choose`] (`--lang`, then `BANTIN_LANG`, then the site's
//! `language`, then the system locale, else English).
//!
//! **Why no Unicode isolation marks.** Fluent wraps every placeable in
//! FSI/PDI (U+2068, U+2069) by default, so that a right-to-left argument
//! cannot reorder the sentence around it. Our texts go to terminals, logs,
//! `grep`, editors that parse `path:line:col`, and JSON read by tools: there
//! the marks are invisible bytes that break matching (`grep 'content/a.md:2'`
//! finds nothing, an editor cannot open the location), and both languages
//! are left-to-right, so there is nothing to isolate. [`Messages::new`]
//! turns them off.
//!
//! **Numbers** are formatted as the language writes them: `5.000` and `0,42`
//! in Vietnamese, `5,000` and `0.42` in English (an integer argument is
//! grouped; [`Messages::seconds`] gives two decimals). Plural forms are
//! chosen by Fluent (`{ $n -> [one] … *[other] … }`; Vietnamese has one form).
//!
//! **Problems** (diagnostics) are told by id and arguments: a producer
//! writes `problem!(Error, path, "broken-link", target = dest)`, the catalog
//! holds `problem-broken-link` (and maybe `problem-broken-link-hint`), and
//! [`Messages::problem`] renders it in the reader's language; the English
//! text is kept in `Diagnostic::message` for logs, tests and `message_en`
//! ([`problem`]).

use crate::vi::Lang;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::{FluentNumber, FluentNumberOptions};
use fluent_bundle::{FluentResource, FluentValue};

pub use fluent_bundle::FluentArgs;

/// The Vietnamese catalog: the binary's texts, then the problems by stage.
pub const VI: &str = concat!(
    include_str!("vi.ftl"),
    include_str!("editor.vi.ftl"),
    include_str!("problems/input.vi.ftl"),
    include_str!("problems/content.vi.ftl"),
    include_str!("problems/pages.vi.ftl"),
    include_str!("problems/output.vi.ftl"),
);
/// The English catalog, in the same parts.
pub const EN: &str = concat!(
    include_str!("en.ftl"),
    include_str!("editor.en.ftl"),
    include_str!("problems/input.en.ftl"),
    include_str!("problems/content.en.ftl"),
    include_str!("problems/pages.en.ftl"),
    include_str!("problems/output.en.ftl"),
);

/// The catalog's text for `lang`.
pub fn catalog(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => VI,
        Lang::En => EN,
    }
}

/// The messages of one language.
pub struct Messages {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("lang", &self.lang)
            .finish()
    }
}

impl Messages {
    /// The catalog of `lang`, parsed (it is embedded in the binary).
    pub fn new(lang: Lang) -> Self {
        let id: unic_langid::LanguageIdentifier =
            lang.code().parse().expect("vi and en are language ids");
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(match lang {
            Lang::Vi => format_vi,
            Lang::En => format_en,
        }));
        let resource = FluentResource::try_new(catalog(lang).to_string())
            .unwrap_or_else(|(_, e)| panic!("{}.ftl does not parse: {e:?}", lang.code()));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|e| panic!("{}.ftl has duplicate ids: {e:?}", lang.code()));
        Messages { lang, bundle }
    }

    /// The language of these messages.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether the catalog has the message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle
            .get_message(id)
            .is_some_and(|m| m.value().is_some())
    }

    /// The message `id` with `args`. A missing id or argument is a bug that
    /// the tests catch; the text then shows the id, never panics.
    pub fn get(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            debug_assert!(false, "no message `{id}` in {}.ftl", self.lang.code());
            return id.to_string();
        };
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors);
        debug_assert!(errors.is_empty(), "message `{id}`: {errors:?}");
        text.into_owned()
    }

    /// Seconds with two decimals, as an argument (`0,42` / `0.42`).
    pub fn seconds(&self, secs: f64) -> FluentValue<'static> {
        let mut options = FluentNumberOptions::default();
        options.minimum_fraction_digits = Some(2);
        options.maximum_fraction_digits = Some(2);
        FluentValue::Number(FluentNumber::new((secs * 100.0).round() / 100.0, options))
    }

    /// The word for a severity (`lỗi`, `cảnh báo` / `error`, `warning`).
    pub fn severity(&self, s: crate::error::Severity) -> String {
        match s {
            crate::error::Severity::Error => self.get("severity-error", None),
            crate::error::Severity::Warning => self.get("severity-warning", None),
        }
    }
}

/// `msg!(messages, "id", name = value, …)`: the message `id` with its arguments.
#[macro_export]
macro_rules! msg {
    ($m:expr, $id:expr) => {
        $m.get($id, None)
    };
    ($m:expr, $id:expr, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $(args.set(stringify!($name), $value);)+
        $m.get($id, Some(&args))
    }};
}
pub use msg;

fn format_vi<M>(v: &FluentValue<'_>, _: &M) -> Option<String> {
    format_number(v, Lang::Vi)
}

fn format_en<M>(v: &FluentValue<'_>, _: &M) -> Option<String> {
    format_number(v, Lang::En)
}

/// Integers grouped (`5.000` / `5,000`), fractions with the language's
/// decimal mark (`0,42` / `0.42`).
fn format_number(v: &FluentValue<'_>, lang: Lang) -> Option<String> {
    let FluentValue::Number(n) = v else {
        return None;
    };
    match n.options.minimum_fraction_digits {
        Some(digits) if digits > 0 => {
            let s = format!("{:.*}", digits, n.value);
            Some(match lang {
                Lang::Vi => s.replace('.', ","),
                Lang::En => s,
            })
        }
        _ if n.value.fract() == 0.0 && n.value.abs() < 9e15 => {
            Some(crate::vi::number(n.value as i64, lang))
        }
        _ => None,
    }
}

/// Where a language can come from, first to last.
#[derive(Debug, Clone, Copy, Default)]
pub struct LangSources<'a> {
    /// `--lang vi|en`.
    pub flag: Option<Lang>,
    /// `BANTIN_LANG`.
    pub env: Option<&'a str>,
    /// The site's `language` (none outside a site, and for `init`).
    pub site: Option<Lang>,
    /// `LC_ALL`, `LC_MESSAGES`, `LANG`, in the order POSIX reads them.
    pub lc_all: Option<&'a str>,
    /// `LC_MESSAGES`.
    pub lc_messages: Option<&'a str>,
    /// `LANG`.
    pub lang: Option<&'a str>,
}

/// The language of the messages: `--lang`, then `BANTIN_LANG`, then the
/// site's `language`, then the system locale (the first of `LC_ALL`,
/// `LC_MESSAGES`, `LANG` that is set: `vi_VN.UTF-8` → Vietnamese), else
/// English. A `BANTIN_LANG` that is neither `vi` nor `en` is passed over.
pub fn choose(s: LangSources<'_>) -> Lang {
    if let Some(l) = s.flag {
        return l;
    }
    if let Some(l) = s.env.and_then(parse) {
        return l;
    }
    if let Some(l) = s.site {
        return l;
    }
    let locale = [s.lc_all, s.lc_messages, s.lang]
        .into_iter()
        .flatten()
        .find(|v| !v.is_empty());
    match locale {
        Some(v) if language_of(v) == "vi" => Lang::Vi,
        _ => Lang::En,
    }
}

/// `vi` or `en` (any case, surrounding spaces allowed).
pub fn parse(s: &str) -> Option<Lang> {
    match s.trim().to_ascii_lowercase().as_str() {
        "vi" => Some(Lang::Vi),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The language part of a POSIX locale: `vi_VN.UTF-8@x` → `vi`.
fn language_of(locale: &str) -> &str {
    locale
        .split(['_', '.', '@', '-'])
        .next()
        .unwrap_or_default()
}

pub mod problem;

#[cfg(test)]
mod tests;
