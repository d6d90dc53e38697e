//! The filters bantin adds to Tera (dates the Vietnamese way, numbers, view
//! counts, `t` for theme strings, `urlencode`, `iso_date`, …) and the
//! breadcrumb's JSON-LD function: registered by [`super::Templates::new`]
//! once per build, used by every template of the render stage.

use crate::vi::{self, Lang};
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::collections::HashMap;
use tera::{Kwargs, State, Tera, TeraResult, Value};

fn date(s: &str) -> TeraResult<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s).map_err(|_| {
        tera::Error::message(format!(
            "expected a date like 2023-02-15T08:46:50+07:00, got `{s}`"
        ))
    })
}

/// The day of a date (`2023-02-15`) or of a date and time.
fn day(s: &str) -> TeraResult<NaiveDate> {
    if s.len() == 10
        && let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d")
    {
        return Ok(d);
    }
    date(s).map(|d| d.date_naive())
}

/// A date and time in RFC 3339 as the views write it; already so written
/// (seconds, no fraction, a numeric offset), it is kept as it is rather
/// than formatted again.
fn iso_date(s: &str) -> TeraResult<String> {
    let d = date(s)?;
    let b = s.as_bytes();
    if b.len() == 25 && b[10] == b'T' && (b[19] == b'+' || (b[19] == b'-' && &s[19..] != "-00:00"))
    {
        return Ok(s.to_string());
    }
    Ok(d.to_rfc3339())
}

/// Everything but RFC 3986's unreserved characters, as `encodeURIComponent`
/// leaves them: a URL made safe to stand as one query value (`?u=…`).
const URL_COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The `urlencode` filter: `s` percent-encoded (UTF-8) for a query value.
fn urlencode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, URL_COMPONENT).to_string()
}

fn int(v: &Value) -> TeraResult<i64> {
    v.as_i64()
        .ok_or_else(|| tera::Error::message(format!("expected a whole number, got `{}`", v.name())))
}

/// `breadcrumb_json_ld(crumbs=crumbs)`: the `BreadcrumbList` (JSON-LD, see
/// [`super::jsonld`]) of the breadcrumb partial's `crumbs` (a list of
/// `{title, url}`), starting at the home page; `site` comes from the page's context.
pub(super) fn register_breadcrumb_json_ld(tera: &mut Tera, strings: &HashMap<String, String>) {
    let home = strings
        .get("home")
        .cloned()
        .unwrap_or_else(|| "Home".into());
    tera.register_function(
        "breadcrumb_json_ld",
        move |kwargs: Kwargs, state: &State| -> TeraResult<String> {
            let crumbs: Value = kwargs.must_get("crumbs")?;
            let site: Value = state.get("site")?.unwrap_or_else(Value::none);
            let json = |v: &Value| serde_json::to_value(v).unwrap_or_default();
            let (crumbs, site) = (json(&crumbs), json(&site));
            let field = |v: &serde_json::Value, k: &str| -> TeraResult<String> {
                v.get(k)
                    .and_then(|s| s.as_str())
                    .map(str::to_string)
                    .ok_or_else(|| {
                        tera::Error::message(format!(
                            "breadcrumb_json_ld: expected `{k}` (a string) in {v}"
                        ))
                    })
            };
            let base_url = field(&site, "base_url")?;
            let root = field(&site, "root")?;
            let origin = base_url.strip_suffix(&root).unwrap_or(&base_url);
            let items = crumbs.as_array().ok_or_else(|| {
                tera::Error::message("breadcrumb_json_ld: `crumbs` must be a list of {title, url}")
            })?;
            let pairs = items
                .iter()
                .map(|c| Ok((field(c, "title")?, field(c, "url")?)))
                .collect::<TeraResult<Vec<(String, String)>>>()?;
            let pairs: Vec<(&str, &str)> = pairs
                .iter()
                .map(|(t, u)| (t.as_str(), u.as_str()))
                .collect();
            Ok(crate::render::jsonld::breadcrumbs(
                &home, &base_url, origin, &pairs,
            ))
        },
    );
}

pub(super) fn register_filters(tera: &mut Tera, lang: Lang, strings: &HashMap<String, String>) {
    tera.register_filter("dateline", move |s: &str, _: Kwargs, _: &State| {
        date(s).map(|d| vi::dateline(&d, lang))
    });
    tera.register_filter("legal_date", move |s: &str, _: Kwargs, _: &State| {
        day(s).map(|d| vi::legal_date(d, lang))
    });
    tera.register_filter("short_date", |s: &str, _: Kwargs, _: &State| {
        day(s).map(vi::short_date)
    });
    tera.register_filter("date_time", |s: &str, _: Kwargs, _: &State| {
        date(s).map(|d| d.format("%d/%m/%Y %H:%M").to_string())
    });
    tera.register_filter("iso_date", |s: &str, _: Kwargs, _: &State| iso_date(s));
    tera.register_filter("urlencode", |s: &str, _: Kwargs, _: &State| {
        Ok(urlencode(s))
    });
    tera.register_filter("rfc822", |s: &str, _: Kwargs, _: &State| {
        date(s).map(|d| d.to_rfc2822())
    });
    tera.register_filter("year", |s: &str, _: Kwargs, _: &State| {
        day(s).map(|d| d.format("%Y").to_string())
    });
    tera.register_filter("number", move |v: &Value, _: Kwargs, _: &State| {
        int(v).map(|n| vi::number(n, lang))
    });
    tera.register_filter("views", move |v: &Value, _: Kwargs, _: &State| {
        int(v).map(|n| vi::views(n, lang))
    });
    tera.register_filter("filesize", move |v: &Value, _: Kwargs, _: &State| {
        int(v).map(|n| vi::file_size(n.max(0) as u64, lang))
    });
    // Theme strings as values made once: a page asks for dozens of them.
    let strings: rustc_hash::FxHashMap<String, Value> = strings
        .iter()
        .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
        .collect();
    tera.register_filter("t", move |key: &str, _: Kwargs, _: &State| {
        match strings.get(key) {
            Some(s) => Ok(s.clone()),
            None => Err(tera::Error::message(format!(
                "unknown theme string `{key}`: add it to themes/<name>/i18n/{}.yaml",
                lang.code()
            ))),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlencode_leaves_only_unreserved_characters() {
        assert_eq!(
            urlencode("https://example.gov.vn/tin-tuc-ttt/a_b.c~d/?q=1&x=đ #"),
            "https%3A%2F%2Fexample.gov.vn%2Ftin-tuc-ttt%2Fa_b.c~d%2F%3Fq%3D1%26x%3D%C4%91%20%23"
        );
        assert_eq!(urlencode("AZaz09-._~"), "AZaz09-._~");
    }

    #[test]
    fn iso_date_keeps_canonical_dates_and_normalizes_others() {
        for (written, want) in [
            ("2023-02-15T08:46:50+07:00", "2023-02-15T08:46:50+07:00"),
            ("2023-02-15t08:46:50Z", "2023-02-15T08:46:50+00:00"),
            (
                "2023-02-15T08:46:50.5-05:00",
                "2023-02-15T08:46:50.500-05:00",
            ),
            ("2023-02-15T08:46:50-00:00", "2023-02-15T08:46:50+00:00"),
        ] {
            assert_eq!(iso_date(written).unwrap(), want, "{written}");
        }
        assert!(iso_date("2023-02-15 08:46").is_err());
        assert_eq!(day("2023-02-15").unwrap().to_string(), "2023-02-15");
        assert_eq!(
            day("2023-02-15T23:46:50-05:00").unwrap().to_string(),
            "2023-02-15"
        );
    }
}
