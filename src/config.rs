//! `config.yaml`: read strictly once, then validated into [`Config`], the type
//! every later stage uses. Unknown keys are errors with a suggestion.

use crate::error::{Arg, Diagnostic, Severity};
use crate::problem;
use crate::vi::Lang;
use chrono::FixedOffset;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// `config.yaml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    default_author: Option<String>,
    #[serde(default)]
    paginate: Option<usize>,
    #[serde(default)]
    extra: Option<serde_json::Value>,
    #[serde(default)]
    check: Option<CheckConfig>,
    #[serde(default)]
    publish_originals: Option<bool>,
    #[serde(default)]
    search: Option<bool>,
    #[serde(default)]
    registry: Option<bool>,
    #[serde(default)]
    json: Option<bool>,
    #[serde(default)]
    share_image: Option<String>,
    #[serde(default)]
    logo: Option<String>,
    #[serde(default)]
    unsafe_html: Option<bool>,
    #[serde(default)]
    embed_hosts: Option<Vec<String>>,
    #[serde(default)]
    compress: Option<bool>,
    #[serde(default)]
    limits: Option<Limits>,
}

/// The `limits:` block: sizes past which an article gets a warning, and past
/// ten times which an error (a pasted document in the title, a body that is a
/// whole report). Titles and summaries count characters, bodies bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Characters of `title:` (default 300).
    pub title: usize,
    /// Characters of `summary:` (default 1,000).
    pub summary: usize,
    /// Bytes of the Markdown body (default 2,500,000: a long report is some 100 kB).
    pub body_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            title: 300,
            summary: 1000,
            body_bytes: 2_500_000,
        }
    }
}

/// How many times a limit a size must be to be an error, not a warning.
pub const HARD_LIMIT_FACTOR: usize = 10;

/// The `check:` block: what `bantin check` requires of every article.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// Every article must have a `summary:`.
    #[serde(default)]
    pub require_summary: bool,
    /// Every article must have a `category:`.
    #[serde(default)]
    pub require_category: bool,
}

/// The site configuration, validated.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's name (`title:`), in page titles, the header and feeds.
    pub title: String,
    /// What the site is about (`description:`), for feeds and meta tags; empty when absent.
    pub description: String,
    /// Where the site is published (`base_url:`, or `--base-url`); every URL is built on it.
    pub base: BaseUrl,
    /// The language of theme strings, dates and numbers (`language:`, `vi` or `en`); `vi` when absent.
    pub language: Lang,
    /// The offset given to dates written without one (`timezone: "+07:00"`); UTC+7 when absent.
    pub timezone: FixedOffset,
    /// The name of the folder under `themes/` that overrides the built-in theme; `default` when absent.
    pub theme: String,
    /// The author of articles without `author:`; "Phòng Truyền thông" when absent.
    pub default_author: String,
    /// Articles per listing page (at least 1); 20 when absent.
    pub paginate: usize,
    /// The `extra:` mapping as written, passed to templates as `site.extra`; an empty object when absent.
    pub extra: serde_json::Value,
    /// Requirements for `bantin check` (none when the block is absent).
    pub check: CheckConfig,
    /// Publish the original photos next to their derivatives (docs/images.md); off by default.
    pub publish_originals: bool,
    /// Build the site search (`search/` and the page `/tim-kiem/`, docs/search.md);
    /// on by default, `search: false` turns it off (Zola's `build_search_index`).
    pub search: bool,
    /// Build the documents registry (`/van-ban/`, a page per dispatch); on by
    /// default, `registry: false` turns it off.
    pub registry: bool,
    /// Write the machine-readable files (`index.json` beside each article and
    /// each listing page, docs/json.md); on by default, `json: false` turns them off.
    pub json: bool,
    /// The site's share picture (`og:image` of pages without their own): a
    /// published path such as `images/share-card.png` (a theme static file or
    /// a file under `content/`) or an absolute URL; the theme's card when absent.
    pub share_image: Option<String>,
    /// The publisher's logo in structured data, as `share_image`; the theme's emblem when absent.
    pub logo: Option<String>,
    /// Publish raw HTML in Markdown as written (a trusted site); off by
    /// default: it is sanitized ([`crate::render::sanitize`], docs/check.md).
    pub unsafe_html: bool,
    /// Hosts whose `<iframe>`s raw HTML may embed (`www.youtube-nocookie.com`), lowercase; none by default.
    pub embed_hosts: Vec<String>,
    /// Write `.gz` and `.br` beside each text file worth compressing (for
    /// nginx `gzip_static`/`brotli_static`); on by default, `compress: false`
    /// turns it off and a build then removes the old ones.
    pub compress: bool,
    /// Sizes past which articles get a warning or an error (`limits:`).
    pub limits: Limits,
}

/// The site's public address, split so that every URL can carry its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://example.gov.vn` (no trailing slash)
    pub origin: String,
    /// `/` or `/tin-tuc-ttt/` (always starts and ends with `/`)
    pub root: String,
}

/// Why a base URL was refused: the catalog message (`problem-<id>`) and
/// the URL as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadUrl {
    /// The message id: `base-url-not-absolute`, `base-url-scheme`, ….
    pub id: &'static str,
    /// The URL as written (trimmed).
    pub url: String,
}

impl BadUrl {
    fn new(id: &'static str, url: &str) -> Self {
        BadUrl {
            id,
            url: url.to_string(),
        }
    }

    /// The problem, told by the catalog, in `path` (`config.yaml`, `--base-url`).
    pub fn problem(&self, path: impl Into<PathBuf>) -> Diagnostic {
        Diagnostic::problem(
            Severity::Error,
            path,
            self.id,
            vec![("url", Arg::from(&self.url))],
        )
    }
}

/// The problem's English text.
impl From<BadUrl> for String {
    fn from(bad: BadUrl) -> String {
        bad.problem("").message
    }
}

impl BaseUrl {
    /// Parse an absolute http(s) URL; the path part is kept as the site root.
    pub fn parse(s: &str) -> Result<Self, BadUrl> {
        let s = s.trim();
        let (scheme, rest) = s
            .split_once("://")
            .ok_or_else(|| BadUrl::new("base-url-not-absolute", s))?;
        if scheme != "http" && scheme != "https" {
            return Err(BadUrl::new("base-url-scheme", s));
        }
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if host.is_empty() {
            return Err(BadUrl::new("base-url-no-host", s));
        }
        if path.contains(['?', '#']) {
            return Err(BadUrl::new("base-url-query", s));
        }
        let mut root = path.to_string();
        if !root.ends_with('/') {
            root.push('/');
        }
        Ok(BaseUrl {
            origin: format!("{scheme}://{host}"),
            root,
        })
    }

    /// The absolute URL for a root-relative one (`/x/` → `https://host/x/`).
    pub fn absolute(&self, url: &str) -> String {
        format!("{}{}", self.origin, url)
    }

    /// `https://host/path/`
    pub fn full(&self) -> String {
        self.absolute(&self.root)
    }

    /// Where the file of a root-relative, percent-encoded `url` goes,
    /// relative to the output folder: `/tin-tuc-ttt/rss.xml` → `rss.xml`,
    /// `/x/y/` → `x/y/index.html`. The one mapping from URLs to output
    /// paths (pages, feeds, JSON listings, registry pages).
    pub fn output_path(&self, url: &str) -> String {
        let rel = url.strip_prefix(self.root.as_str()).unwrap_or(url);
        let rel = percent_encoding::percent_decode_str(rel).decode_utf8_lossy();
        if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.into_owned()
        }
    }
}

const DEFAULT_AUTHOR: &str = "Phòng Truyền thông";

impl Config {
    /// Read and validate `config.yaml` in `root`.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join("config.yaml");
        let shown = Path::new("config.yaml");
        let bytes = crate::files::read_regular(&path)
            .map_err(|e| problem!(Error, shown, "config-unreadable", detail = e.to_string()))?;
        let text = crate::text::decode(&bytes, shown)?;
        Self::parse(&text, shown)
    }

    /// Validate the text of a config file.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Diagnostic> {
        let raw: RawConfig = crate::yaml::parse(text, path, 1)?;
        let at_key = |key: &str, d: Diagnostic| {
            let (line, col) = locate_key(text, key);
            d.at(line, col)
        };
        let base =
            BaseUrl::parse(&raw.base_url).map_err(|b| at_key("base_url", b.problem(path)))?;
        let language = match raw.language.as_deref().unwrap_or("vi") {
            "vi" => Lang::Vi,
            "en" => Lang::En,
            other => {
                return Err(at_key(
                    "language",
                    problem!(Error, path, "config-language", value = other),
                ));
            }
        };
        let timezone = match raw.timezone.as_deref() {
            None => FixedOffset::east_opt(7 * 3600).expect("valid offset"),
            Some(tz) => parse_offset(tz).ok_or_else(|| {
                at_key(
                    "timezone",
                    problem!(Error, path, "config-timezone", value = tz),
                )
            })?,
        };
        let paginate = raw.paginate.unwrap_or(20);
        if paginate == 0 {
            return Err(at_key("paginate", problem!(Error, path, "config-paginate")));
        }
        let theme = raw.theme.unwrap_or_else(|| "default".into());
        if theme.is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.') {
            return Err(at_key(
                "theme",
                problem!(Error, path, "config-theme-name", value = &theme),
            ));
        }
        let limits = raw.limits.unwrap_or_default();
        if limits.title == 0 || limits.summary == 0 || limits.body_bytes == 0 {
            return Err(at_key("limits", problem!(Error, path, "config-limits")));
        }
        Ok(Config {
            title: raw.title,
            description: raw.description.unwrap_or_default(),
            base,
            language,
            timezone,
            theme,
            default_author: raw.default_author.unwrap_or_else(|| DEFAULT_AUTHOR.into()),
            paginate,
            extra: raw
                .extra
                .unwrap_or(serde_json::Value::Object(Default::default())),
            check: raw.check.unwrap_or_default(),
            publish_originals: raw.publish_originals.unwrap_or(false),
            search: raw.search.unwrap_or(true),
            registry: raw.registry.unwrap_or(true),
            json: raw.json.unwrap_or(true),
            share_image: raw.share_image,
            logo: raw.logo,
            unsafe_html: raw.unsafe_html.unwrap_or(false),
            embed_hosts: embed_hosts(raw.embed_hosts.unwrap_or_default()).map_err(|h| {
                at_key(
                    "embed_hosts",
                    problem!(Error, path, "config-embed-host", value = h),
                )
            })?,
            compress: raw.compress.unwrap_or(true),
            limits,
        })
    }
}

/// `embed_hosts:` as written → lowercase host names (no scheme, path or
/// port); else the first one that is not a host name.
fn embed_hosts(hosts: Vec<String>) -> Result<Vec<String>, String> {
    hosts
        .into_iter()
        .map(|h| {
            let h = h.trim().to_ascii_lowercase();
            let ok = !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'));
            if ok { Ok(h) } else { Err(h) }
        })
        .collect()
}

/// `+07:00`, `+0700`, `-05:30`, `Z`, or `UTC`.
pub fn parse_offset(s: &str) -> Option<FixedOffset> {
    let s = s.trim();
    if s == "Z" || s.eq_ignore_ascii_case("utc") {
        return FixedOffset::east_opt(0);
    }
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = s[1..].chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let m: i32 = digits[2..].parse().ok()?;
    if h > 14 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

/// Line and column of a top-level `key:` in YAML text (1, 1 when absent).
pub(crate) fn locate_key(text: &str, key: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if t.strip_prefix(key)
            .is_some_and(|r| r.trim_start().starts_with(':'))
        {
            return (i + 1, line.len() - t.len() + 1);
        }
    }
    (1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Config, Diagnostic> {
        Config::parse(s, Path::new("config.yaml"))
    }

    #[test]
    fn defaults() {
        let c = parse("title: T\nbase_url: https://example.gov.vn\n").unwrap();
        assert_eq!(c.base.root, "/");
        assert_eq!(c.base.origin, "https://example.gov.vn");
        assert_eq!(c.language, Lang::Vi);
        assert_eq!(c.paginate, 20);
        assert_eq!(c.timezone.local_minus_utc(), 7 * 3600);
        assert_eq!(c.default_author, "Phòng Truyền thông");
    }

    #[test]
    fn urls_map_to_output_paths_in_one_place() {
        let b = BaseUrl::parse("https://example.gov.vn/tin-tuc-ttt/").unwrap();
        assert_eq!(b.output_path("/tin-tuc-ttt/"), "index.html");
        assert_eq!(
            b.output_path("/tin-tuc-ttt/tin-tuc/trang/2/"),
            "tin-tuc/trang/2/index.html"
        );
        assert_eq!(b.output_path("/tin-tuc-ttt/rss.xml"), "rss.xml");
        assert_eq!(
            b.output_path("/tin-tuc-ttt/tu-khoa/h%C3%B2a/"),
            "tu-khoa/hòa/index.html"
        );
    }

    #[test]
    fn base_url_with_path() {
        let c = parse("title: T\nbase_url: \"https://host.vn/tin-tuc-ttt\"\n").unwrap();
        assert_eq!(c.base.root, "/tin-tuc-ttt/");
        assert_eq!(
            c.base.absolute("/tin-tuc-ttt/a/"),
            "https://host.vn/tin-tuc-ttt/a/"
        );
    }

    #[test]
    fn unknown_key_suggests() {
        let e = parse("title: T\nbase_url: https://h/\npaginte: 5\n").unwrap_err();
        assert_eq!((e.line, e.col), (Some(3), Some(1)));
        assert_eq!(e.hint.as_deref(), Some("did you mean `paginate`?"));
    }

    #[test]
    fn bad_values_are_located() {
        let e = parse("title: T\nbase_url: example.gov.vn\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        let e = parse("title: T\nbase_url: https://h/\ntimezone: Hanoi\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("+07:00"));
    }

    #[test]
    fn check_block() {
        let c = parse("title: T\nbase_url: https://h/\ncheck:\n  require_summary: true\n").unwrap();
        assert!(c.check.require_summary && !c.check.require_category);
        let e =
            parse("title: T\nbase_url: https://h/\ncheck:\n  require_sumary: true\n").unwrap_err();
        assert_eq!(e.line, Some(4), "{e}");
        assert!(e.message.contains("require_sumary"), "{e}");
    }

    #[test]
    fn html_policy() {
        let c = parse("title: T\nbase_url: https://h/\n").unwrap();
        assert!(!c.unsafe_html && c.embed_hosts.is_empty());
        let c = parse("title: T\nbase_url: https://h/\nunsafe_html: true\nembed_hosts: [\"WWW.YouTube.com\"]\n").unwrap();
        assert!(c.unsafe_html);
        assert_eq!(c.embed_hosts, ["www.youtube.com"]);
        let e = parse("title: T\nbase_url: https://h/\nembed_hosts: [\"https://x.vn/\"]\n")
            .unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
    }

    #[test]
    fn offsets() {
        assert_eq!(parse_offset("+07:00").unwrap().local_minus_utc(), 25200);
        assert_eq!(parse_offset("-0530").unwrap().local_minus_utc(), -19800);
        assert!(parse_offset("7").is_none());
    }
}
