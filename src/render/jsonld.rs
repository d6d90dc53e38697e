//! Structured data (schema.org JSON-LD) for search engines and other systems:
//! a `NewsArticle` for each dated article (a `WebPage` for an undated page),
//! the publisher as a `GovernmentOrganization` and the `WebSite` with its
//! search action on the home page, and a `BreadcrumbList` wherever the theme
//! shows breadcrumbs (the Tera function `breadcrumb_json_ld`).
//!
//! Everything is serialized from the typed values below with serde_json and
//! then made safe inside a `<script>` element ([`script_safe`]), so a title
//! holding `"` or `</script>` cannot end the element or the string. Views hand
//! the results to templates as ready strings (`page.json_ld`, `site.json_ld`).

use crate::images::share::{Brand, ShareImage};
use crate::site::{Article, Site};
use serde::Serialize;

const CONTEXT: &str = "https://schema.org";
/// Longest `headline` (characters), as Google's article guidelines ask.
pub const HEADLINE_MAX: usize = 110;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArticleLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    author: Vec<Agent<'a>>,
    publisher: Organization<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    image: Vec<ImageObject<'a>>,
    main_entity_of_page: WebPageRef,
    url: String,
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    article_section: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_part_of: Option<IdRef>,
}

/// A person or an organization as an author.
#[derive(Serialize)]
struct Agent<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    name: &'a str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<ImageObject<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    telephone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
}

#[derive(Serialize)]
struct ImageObject<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    height: Option<u32>,
}

#[derive(Serialize)]
struct WebPageRef {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
}

#[derive(Serialize)]
struct IdRef {
    #[serde(rename = "@id")]
    id: String,
}

#[derive(Serialize)]
struct Graph<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: (Organization<'a>, WebSite<'a>),
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WebSite<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    url: String,
    name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    in_language: &'a str,
    publisher: IdRef,
    #[serde(skip_serializing_if = "Option::is_none")]
    potential_action: Option<SearchAction>,
}

#[derive(Serialize)]
struct SearchAction {
    #[serde(rename = "@type")]
    kind: &'static str,
    target: EntryPoint,
    #[serde(rename = "query-input")]
    query_input: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EntryPoint {
    #[serde(rename = "@type")]
    kind: &'static str,
    url_template: String,
}

#[derive(Serialize)]
struct BreadcrumbList<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "itemListElement")]
    items: Vec<ListItem<'a>>,
}

#[derive(Serialize)]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    position: usize,
    name: &'a str,
    item: String,
}

/// JSON text safe inside `<script type="application/ld+json">`: `<`, `>` and
/// `&` (and the line separators JavaScript once refused) as `\uXXXX` escapes,
/// which JSON reads back as the same characters. They can only occur inside
/// strings, so the replacement never touches the structure.
pub fn script_safe<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).expect("JSON-LD values always serialize");
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// `title` cut to at most `max` characters at a word boundary, with `…`.
pub fn headline(title: &str, max: usize) -> String {
    let title = title.trim();
    if title.chars().count() <= max {
        return title.to_string();
    }
    let keep: String = title.chars().take(max - 1).collect();
    // The cut fell inside a word unless the next character is a space.
    let next_is_space = title.chars().nth(max - 1).is_some_and(char::is_whitespace);
    let cut = match keep.rfind(char::is_whitespace) {
        Some(i) if !next_is_space && i > 0 => &keep[..i],
        _ => &keep,
    };
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:–-".contains(c));
    format!("{cut}…")
}

/// The name the publisher goes by: `extra.office`, else `default_author`, else the site title.
fn publisher_name(site: &Site) -> &str {
    let office = site.config.extra.get("office").and_then(|v| v.as_str());
    [office, Some(site.config.default_author.as_str())]
        .into_iter()
        .flatten()
        .find(|s| !s.trim().is_empty())
        .unwrap_or(&site.config.title)
}

fn extra_str<'a>(site: &'a Site, key: &str) -> Option<&'a str> {
    site.config
        .extra
        .get(key)
        .and_then(|v| v.as_str())
        .filter(|s| !s.trim().is_empty())
}

fn image_object(i: &ShareImage) -> ImageObject<'_> {
    ImageObject {
        kind: "ImageObject",
        url: &i.url,
        width: i.width,
        height: i.height,
    }
}

fn organization<'a>(site: &'a Site, brand: &'a Brand) -> Organization<'a> {
    let base = site.config.base.full();
    Organization {
        kind: "GovernmentOrganization",
        id: format!("{base}#organization"),
        name: publisher_name(site),
        url: base,
        logo: brand.logo.as_ref().map(image_object),
        address: extra_str(site, "address"),
        telephone: extra_str(site, "phone"),
        email: extra_str(site, "email"),
    }
}

/// The JSON-LD of an article's page: `NewsArticle` when it is dated, else
/// `WebPage`. `share` is its share picture (else the site's is used).
pub fn article(site: &Site, brand: &Brand, a: &Article, share: Option<&ShareImage>) -> String {
    let base = site.config.base.full();
    let permalink = site.config.base.absolute(&a.url);
    let office = publisher_name(site);
    // The office (or the default author) is an organization; anyone else a person.
    let author = if a.author == office || a.author == site.config.default_author {
        Agent {
            kind: "Organization",
            name: &a.author,
            url: Some(base.clone()),
        }
    } else {
        Agent {
            kind: "Person",
            name: &a.author,
            url: None,
        }
    };
    let image = share.or(brand.share.as_ref());
    let mut publisher = organization(site, brand);
    // The contact details belong on the home page's organization only.
    (publisher.address, publisher.telephone, publisher.email) = (None, None, None);
    let ld = ArticleLd {
        context: CONTEXT,
        kind: if a.date.is_some() {
            "NewsArticle"
        } else {
            "WebPage"
        },
        headline: headline(&a.title, HEADLINE_MAX),
        description: &a.summary,
        date_published: a.date.map(|d| d.to_rfc3339()),
        date_modified: a.updated.or(a.date).map(|d| d.to_rfc3339()),
        author: vec![author],
        publisher,
        image: image.map(image_object).into_iter().collect(),
        main_entity_of_page: WebPageRef {
            kind: "WebPage",
            id: permalink.clone(),
        },
        url: permalink,
        in_language: site.config.language.code(),
        article_section: a.section.map(|s| site.sections[s].title.as_str()),
        keywords: a
            .tags
            .iter()
            .map(|t| site.tags.terms[*t].name.as_str())
            .collect(),
        is_part_of: Some(IdRef {
            id: format!("{base}#website"),
        }),
    };
    script_safe(&ld)
}

/// The JSON-LD of the home page: the organization and the `WebSite`, with a
/// `SearchAction` on the search page unless the site's search is off.
pub fn home(site: &Site, brand: &Brand, title: &str, description: &str) -> String {
    let base = site.config.base.full();
    let action = site.config.search.then(|| SearchAction {
        kind: "SearchAction",
        target: EntryPoint {
            kind: "EntryPoint",
            url_template: format!("{base}{}?q={{search_term_string}}", crate::search::PAGE),
        },
        query_input: "required name=search_term_string",
    });
    let website = WebSite {
        kind: "WebSite",
        id: format!("{base}#website"),
        url: base.clone(),
        name: title,
        description,
        in_language: site.config.language.code(),
        publisher: IdRef {
            id: format!("{base}#organization"),
        },
        potential_action: action,
    };
    script_safe(&Graph {
        context: CONTEXT,
        graph: (organization(site, brand), website),
    })
}

/// A `BreadcrumbList`: home (`home_name` at `base_url`), then each `(name,
/// root-relative URL)` made absolute with `origin`.
pub fn breadcrumbs(
    home_name: &str,
    base_url: &str,
    origin: &str,
    crumbs: &[(&str, &str)],
) -> String {
    let mut items = vec![ListItem {
        kind: "ListItem",
        position: 1,
        name: home_name,
        item: base_url.to_string(),
    }];
    for (i, (name, url)) in crumbs.iter().enumerate() {
        items.push(ListItem {
            kind: "ListItem",
            position: i + 2,
            name,
            item: format!("{origin}{url}"),
        });
    }
    script_safe(&BreadcrumbList {
        context: CONTEXT,
        kind: "BreadcrumbList",
        items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_escapes_what_could_end_the_element() {
        let s = script_safe(&serde_json::json!({"t": "a \"q\" </script><!-- & \u{2028}"}));
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["t"], "a \"q\" </script><!-- & \u{2028}");
    }

    #[test]
    fn short_headlines_are_kept() {
        assert_eq!(headline("  Hội nghị  ", 110), "Hội nghị");
        let exact: String = "á".repeat(110);
        assert_eq!(headline(&exact, 110), exact);
    }

    #[test]
    fn long_headlines_are_cut_at_a_word() {
        let title = "Tham gia điều tra xã hội học phục vụ xác định Chỉ số cải cách hành chính năm 2022 của tỉnh Đắk Lắk và các huyện thị";
        assert!(title.chars().count() > 110);
        let h = headline(title, 110);
        assert!(h.chars().count() <= 110, "{h}");
        assert!(h.ends_with('…'), "{h}");
        let stem = h.trim_end_matches('…');
        assert!(title.starts_with(stem), "{h}");
        // Cut between words: the next character of the title is a space.
        assert_eq!(title[stem.len()..].chars().next(), Some(' '), "{h}");
    }

    #[test]
    fn a_cut_right_before_a_space_keeps_the_whole_word() {
        // 9 characters kept for max 10; the 10th is a space.
        assert_eq!(headline("abcd efgh ijkl", 10), "abcd efgh…");
        assert_eq!(headline("abcdefghijklmno", 10), "abcdefghi…");
    }
}
