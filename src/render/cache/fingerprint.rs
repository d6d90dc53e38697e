//! The fingerprints of the render memo ([`super`]): what a page's output
//! depends on besides its context — the theme strings, each template with
//! every template it names, the link table — and the structural hash of a
//! Tera context value (map order ignored), with the values views share
//! between pages hashed once.

use super::DefaultHasher;
use crate::render::views::Views;
use crate::site::links::LinkTable;
use crate::theme::Theme;
use crate::vi::Lang;
use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use tera::Value;

pub(super) fn hash_strings(theme: &Theme, h: &mut DefaultHasher) {
    let strings: BTreeSet<(&String, &String)> = theme.strings.iter().collect();
    strings.hash(h);
    // Pages name stylesheets and scripts by their hashed names
    // (`asset_url`): those a template names, so that adding an unused
    // stylesheet re-renders nothing.
    for asset in &theme.assets {
        if theme
            .templates
            .iter()
            .any(|t| t.source.contains(asset.0.as_str()))
        {
            asset.hash(h);
        }
    }
}

/// Per template: a hash of its source and of every template it names
/// (transitively), of templates defining components, and of the theme strings.
pub(super) fn template_fingerprints(theme: &Theme, lang: Lang) -> HashMap<String, u64> {
    let sources: HashMap<&str, &str> = theme
        .templates
        .iter()
        .map(|t| (t.name.as_str(), t.source.as_str()))
        .collect();
    let components: Vec<&str> = theme
        .templates
        .iter()
        .filter(|t| t.source.contains("component"))
        .map(|t| t.name.as_str())
        .collect();
    let named = |src: &str| -> Vec<&str> {
        sources
            .keys()
            .filter(|n| src.contains(&format!("\"{n}\"")) || src.contains(&format!("'{n}'")))
            .copied()
            .collect()
    };
    let mut global = DefaultHasher::new();
    hash_strings(theme, &mut global);
    lang.code().hash(&mut global);
    let global = global.finish();
    let mut out = HashMap::new();
    for t in &theme.templates {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut todo: Vec<&str> = components.clone();
        todo.push(&t.name);
        while let Some(n) = todo.pop() {
            if seen.insert(n) {
                todo.extend(named(sources[n]));
            }
        }
        let mut h = DefaultHasher::new();
        global.hash(&mut h);
        for n in seen {
            (n, sources[n]).hash(&mut h);
        }
        out.insert(t.name.clone(), h.finish());
    }
    out
}

/// Everything a Markdown body reads besides its own text: the link table and
/// the registry's citation index.
pub(super) fn links_fingerprint(
    links: &LinkTable,
    citations: &crate::site::registry::cite::Index,
) -> u64 {
    let mut entries: Vec<(&str, &str)> = links.iter().collect();
    entries.sort_unstable();
    let mut h = DefaultHasher::new();
    entries.hash(&mut h);
    let mut targets: Vec<(&str, &str, &str, Option<i32>, usize)> = citations
        .targets
        .iter()
        .flat_map(|(k, ts)| {
            ts.iter().map(move |t| {
                (
                    k.as_str(),
                    t.url.as_str(),
                    t.kind.as_str(),
                    t.year,
                    t.record,
                )
            })
        })
        .collect();
    targets.sort_unstable();
    targets.hash(&mut h);
    let mut labels: Vec<(&str, &str)> = citations
        .labels
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    labels.sort_unstable();
    labels.hash(&mut h);
    h.finish()
}

/// Hashes of long-lived values by (kind, address, length) of their shared contents.
pub(super) type Known = HashMap<(u8, usize, usize), u64>;

/// Where a map or array value's contents live; clones of a value share them.
pub(super) fn identity(v: &Value) -> Option<(u8, usize, usize)> {
    if let Some(m) = v.as_map() {
        Some((1, m as *const tera::Map as usize, m.len()))
    } else {
        v.as_array()
            .filter(|a| !a.is_empty())
            .map(|a| (2, a.as_ptr() as usize, a.len()))
    }
}

/// Hash the values of `views` once. They outlive the render, so their
/// addresses cannot be reused by other values while the table is in use.
pub(super) fn shared_hashes(views: &Views) -> Known {
    let mut known = Known::new();
    let add = |v: &Value, known: &mut Known| {
        if let Some(id) = identity(v) {
            let mut h = DefaultHasher::new();
            hash_value(v, &mut h, known);
            let fp = h.finish();
            known.insert(id, fp);
        }
    };
    add(&views.site, &mut known);
    for v in views.cards.iter().chain(&views.sections) {
        add(v, &mut known);
    }
    for v in views.taxonomies.values() {
        add(v, &mut known);
    }
    known
}

/// A structural hash of a Tera value; maps hash the same whatever their order.
pub(super) fn hash_value(v: &Value, h: &mut impl Hasher, known: &Known) {
    if let Some(fp) = identity(v).and_then(|id| known.get(&id)) {
        fp.hash(h);
        return;
    }
    v.kind().hash(h);
    if let Some(s) = v.as_str() {
        (s, v.is_safe()).hash(h);
    } else if let Some(items) = v.as_array() {
        items.len().hash(h);
        for i in items {
            hash_value(i, h, known);
        }
    } else if let Some(map) = v.as_map() {
        let mut entries: Vec<u64> = map
            .iter()
            .map(|(k, v)| {
                let mut eh = DefaultHasher::new();
                match k.as_str() {
                    Some(s) => s.hash(&mut eh),
                    None => k.to_string().hash(&mut eh),
                }
                hash_value(v, &mut eh, known);
                eh.finish()
            })
            .collect();
        entries.sort_unstable();
        entries.hash(h);
    } else if let Some(b) = v.as_bytes() {
        b.hash(h);
    } else if let Some(b) = v.as_bool() {
        b.hash(h);
    } else if v.is_f64() {
        v.as_f64().map(f64::to_bits).hash(h);
    } else if let Some(n) = v.as_i128() {
        n.hash(h);
    } else if let Some(n) = v.as_u128() {
        n.hash(h);
    } else if !v.is_none() && !v.is_undefined() {
        v.to_string().hash(h);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(v: &Value) -> u64 {
        let mut h = DefaultHasher::new();
        hash_value(v, &mut h, &Known::new());
        h.finish()
    }

    #[test]
    fn value_hash_ignores_map_order_but_not_content() {
        let a =
            Value::from_serializable(&serde_json::json!({"a": 1, "b": [1, "x"], "c": {"d": null}}));
        let b =
            Value::from_serializable(&serde_json::json!({"c": {"d": null}, "b": [1, "x"], "a": 1}));
        let c =
            Value::from_serializable(&serde_json::json!({"a": 1, "b": [1, "y"], "c": {"d": null}}));
        let d =
            Value::from_serializable(&serde_json::json!({"a": 1, "b": ["x", 1], "c": {"d": null}}));
        assert_eq!(fp(&a), fp(&b));
        assert_ne!(fp(&a), fp(&c));
        assert_ne!(fp(&a), fp(&d));
        assert_ne!(
            fp(&Value::normal_string("<b>")),
            fp(&Value::safe_string("<b>"))
        );
        assert_ne!(fp(&Value::from(1u64)), fp(&Value::from("1")));
    }

    #[test]
    fn template_fingerprint_follows_includes() {
        let mut theme = Theme::load(std::path::Path::new("/nonexistent"), "default", Lang::Vi)
            .expect("embedded theme");
        let before = template_fingerprints(&theme, Lang::Vi);
        let card = theme
            .templates
            .iter_mut()
            .find(|t| t.name == "partials/card.html")
            .expect("card partial");
        card.source.push_str("<!-- x -->");
        let after = template_fingerprints(&theme, Lang::Vi);
        // section.html includes cards.html, which includes card.html.
        assert_ne!(before["section.html"], after["section.html"]);
        assert_ne!(before["partials/card.html"], after["partials/card.html"]);
        assert_eq!(before["robots.txt"], after["robots.txt"]);
        assert_eq!(before["rss.xml"], after["rss.xml"]);
    }

    #[test]
    fn a_new_stylesheet_name_changes_the_pages_that_link_it() {
        let mut theme = Theme::load(std::path::Path::new("/nonexistent"), "default", Lang::Vi)
            .expect("embedded theme");
        theme.fingerprint_assets().unwrap();
        let before = template_fingerprints(&theme, Lang::Vi);
        theme
            .assets
            .insert("css/style.css".into(), "css/style.00000000.css".into());
        assert_ne!(
            template_fingerprints(&theme, Lang::Vi)["index.html"],
            before["index.html"]
        );
        // A stylesheet no template names changes nothing.
        theme
            .assets
            .insert("css/extra.css".into(), "css/extra.1.css".into());
        let more = template_fingerprints(&theme, Lang::Vi);
        theme
            .assets
            .insert("css/extra.css".into(), "css/extra.2.css".into());
        assert_eq!(
            template_fingerprints(&theme, Lang::Vi)["index.html"],
            more["index.html"]
        );
    }
}
