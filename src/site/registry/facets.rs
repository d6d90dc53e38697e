//! The filters of the registry's listing (kind, issuer, year, field): part
//! of the model, built by [`super::build`] once records are merged and
//! sorted; the render stage makes a listing page of each term.

use super::Record;
use crate::vi::slugify;
use std::collections::HashMap;

/// The filters of the listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetKind {
    /// The document type (`Quyết định`).
    Kind,
    /// The issuing body (`Bộ Nội vụ`).
    Issuer,
    /// The year issued.
    Year,
    /// The field it concerns (`Cải cách hành chính`).
    Field,
}

impl FacetKind {
    /// Every filter, in the order of the listing.
    pub const ALL: [FacetKind; 4] = [
        FacetKind::Kind,
        FacetKind::Issuer,
        FacetKind::Year,
        FacetKind::Field,
    ];

    /// URL folder under `/van-ban/`.
    pub fn path(self) -> &'static str {
        match self {
            FacetKind::Kind => "loai",
            FacetKind::Issuer => "co-quan",
            FacetKind::Year => "nam",
            FacetKind::Field => "linh-vuc",
        }
    }

    /// Key for templates and JSON.
    pub fn name(self) -> &'static str {
        match self {
            FacetKind::Kind => "kind",
            FacetKind::Issuer => "issuer",
            FacetKind::Year => "year",
            FacetKind::Field => "field",
        }
    }

    fn value(self, r: &Record) -> Option<String> {
        match self {
            FacetKind::Kind => Some(r.kind.clone()),
            FacetKind::Issuer => r.dispatch.issuer.clone(),
            FacetKind::Year => r.year().map(|y| y.to_string()),
            FacetKind::Field => r.dispatch.field.clone(),
        }
    }
}

/// The values of one filter.
#[derive(Debug, Clone)]
pub struct FacetGroup {
    /// Which filter.
    pub kind: FacetKind,
    /// Its values: years newest first, others by slug.
    pub terms: Vec<Facet>,
}

/// One value of a filter (`Quyết định`, `Bộ Nội vụ`, `2023`) and its records.
#[derive(Debug, Clone)]
pub struct Facet {
    /// As the newest record giving it writes it.
    pub name: String,
    /// Of the name: `quyet-dinh`.
    pub slug: String,
    /// `/van-ban/loai/quyet-dinh/`.
    pub url: String,
    /// Indices into [`Registry::records`](super::Registry::records), newest first.
    pub records: Vec<usize>,
}

/// The filter groups of `records` (newest first), each term with its
/// records; every record learns its term in each group ([`Record::terms`]).
pub(super) fn facets(records: &mut [Record], url: &str) -> Vec<FacetGroup> {
    FacetKind::ALL
        .iter()
        .map(|&kind| {
            let mut terms: Vec<Facet> = Vec::new();
            let mut by_slug: HashMap<String, usize> = HashMap::new();
            for (ri, r) in records.iter_mut().enumerate() {
                let term = kind.value(r).and_then(|name| {
                    let slug = slugify(&name);
                    if slug.is_empty() {
                        return None;
                    }
                    let ti = *by_slug.entry(slug.clone()).or_insert_with(|| {
                        terms.push(Facet {
                            url: format!("{url}{}/{slug}/", kind.path()),
                            name: name.clone(),
                            slug,
                            records: Vec::new(),
                        });
                        terms.len() - 1
                    });
                    terms[ti].records.push(ri);
                    Some(ti)
                });
                r.terms.push(term);
            }
            // Sorted: years newest first, others by slug; terms re-indexed on records.
            let mut order: Vec<usize> = (0..terms.len()).collect();
            if kind == FacetKind::Year {
                order.sort_by(|a, b| terms[*b].slug.cmp(&terms[*a].slug));
            } else {
                order.sort_by(|a, b| terms[*a].slug.cmp(&terms[*b].slug));
            }
            let mut remap = vec![0; order.len()];
            for (new, old) in order.iter().enumerate() {
                remap[*old] = new;
            }
            let g = FacetKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
            for r in records.iter_mut() {
                if let Some(t) = &mut r.terms[g] {
                    *t = remap[*t];
                }
            }
            let mut slots: Vec<Option<Facet>> = terms.into_iter().map(Some).collect();
            FacetGroup {
                kind,
                terms: order.iter().filter_map(|i| slots[*i].take()).collect(),
            }
        })
        .collect()
}
