//! The sidebar and article widgets: "Tin mới" (latest), "Đọc nhiều nhất"
//! (most read, by view count) and "Tin liên quan" (related articles).
//!
//! Latest and most read are the same on every page: computed once per build,
//! from the cards [`super::views::Views`] already serialized. Related articles
//! are found per article through the taxonomy terms, which are already an
//! inverted index term → articles (ids ascending = newest first): for each of
//! the article's tags and its category only the [`WINDOW`] articles published
//! nearest to it are candidates, so the work per article is bounded by its
//! number of terms, not by the size of the site.

use crate::site::{Article, ArticleId, Site};
use tera::Value;

/// How many articles the latest and most-read widgets list.
pub const LIST_LEN: usize = 5;
/// How many related articles an article shows.
pub const RELATED_LEN: usize = 5;
/// Candidates taken from each term of an article, on each side of it in time.
pub const WINDOW: usize = 40;

/// Widget lists shared by every page of one build.
pub struct Widgets {
    /// Cards of the newest articles (in a section), newest first.
    pub latest: Value,
    /// Cards of the most read articles (with a view count), most read first.
    pub most_read: Value,
    /// `{latest, most_read}`, as templates see it in `widgets`.
    pub value: Value,
}

impl Widgets {
    /// Compute the lists once, from the pre-serialized `cards` (by article id).
    pub fn new(site: &Site, cards: &[Value]) -> Widgets {
        let pick = |ids: &[ArticleId]| {
            Value::from(ids.iter().map(|i| cards[*i].clone()).collect::<Vec<_>>())
        };
        let (latest_ids, most_read_ids) = (latest(site, LIST_LEN), most_read(site, LIST_LEN));
        let latest = pick(&latest_ids);
        let most_read = pick(&most_read_ids);
        // Every URL the sidebar links to with `aria-current`, so that a
        // theme can cache the sidebar and vary it only on these pages.
        let urls: Vec<Value> = latest_ids
            .iter()
            .chain(&most_read_ids)
            .map(|i| site.articles[*i].url.as_str())
            .chain(site.sections.iter().map(|s| s.url.as_str()))
            .map(Value::from)
            .collect();
        let value = super::views::map([
            ("latest", latest.clone()),
            ("most_read", most_read.clone()),
            ("urls", Value::from(urls)),
        ]);
        Widgets {
            latest,
            most_read,
            value,
        }
    }

    /// The related cards of `a`, as templates see them in `related`.
    pub fn related(&self, site: &Site, a: &Article, cards: &[Value]) -> Value {
        Value::from(
            related(site, a.id, RELATED_LEN)
                .into_iter()
                .map(|i| cards[i].clone())
                .collect::<Vec<_>>(),
        )
    }
}

/// The `n` newest articles that belong to a section (standalone pages are not news).
pub fn latest(site: &Site, n: usize) -> Vec<ArticleId> {
    site.articles
        .iter()
        .filter(|a| a.section.is_some())
        .take(n)
        .map(|a| a.id)
        .collect()
}

/// The `n` most read articles of a section; equal counts newest first.
/// Articles without a count are not ranked (a missing count is not 0).
pub fn most_read(site: &Site, n: usize) -> Vec<ArticleId> {
    let mut counted: Vec<(u64, ArticleId)> = site
        .articles
        .iter()
        .filter(|a| a.section.is_some())
        .filter_map(|a| a.views.map(|v| (v, a.id)))
        .collect();
    let by_rank = |x: &(u64, ArticleId), y: &(u64, ArticleId)| y.0.cmp(&x.0).then(x.1.cmp(&y.1));
    if counted.len() > n {
        counted.select_nth_unstable_by(n, by_rank);
        counted.truncate(n);
    }
    counted.sort_by(by_rank);
    counted.into_iter().map(|(_, id)| id).collect()
}

/// Up to `n` articles related to `id` ([`rank_related`] over its tags and category).
pub fn related(site: &Site, id: ArticleId, n: usize) -> Vec<ArticleId> {
    let a = &site.articles[id];
    let tags: Vec<&[ArticleId]> = a
        .tags
        .iter()
        .map(|t| site.tags.terms[*t].articles.as_slice())
        .collect();
    let category = a
        .category
        .map(|c| site.categories.terms[c].articles.as_slice());
    rank_related(
        id,
        &tags,
        category,
        |other| site.articles[other].section.is_some(),
        n,
    )
}

/// Up to `n` articles related to `id`, given the member lists (ids ascending)
/// of its tags and its category: two points per shared tag, one for the same
/// category; equal scores newest (lowest id) first. Only the [`WINDOW`]
/// members nearest to `id` on each side of each list are candidates, so the
/// cost does not grow with the size of a term.
pub fn rank_related(
    id: ArticleId,
    tags: &[&[ArticleId]],
    category: Option<&[ArticleId]>,
    eligible: impl Fn(ArticleId) -> bool,
    n: usize,
) -> Vec<ArticleId> {
    // Candidates with their points, merged by sorting: a few hundred entries
    // at most, cheaper than hashing.
    let mut hits: Vec<(ArticleId, u32)> = Vec::with_capacity((tags.len() + 1) * (2 * WINDOW + 1));
    let mut add = |members: &[ArticleId], points: u32| {
        let at = members.binary_search(&id).unwrap_or_else(|i| i);
        let from = at.saturating_sub(WINDOW);
        let to = (at + WINDOW + 1).min(members.len());
        hits.extend(
            members[from..to]
                .iter()
                .filter(|other| **other != id)
                .map(|other| (*other, points)),
        );
    };
    for members in tags {
        add(members, 2);
    }
    if let Some(members) = category {
        add(members, 1);
    }
    hits.sort_unstable_by_key(|h| h.0);
    let mut ranked: Vec<(u32, ArticleId)> = Vec::with_capacity(hits.len());
    for (other, points) in hits {
        match ranked.last_mut() {
            Some((score, last)) if *last == other => *score += points,
            _ => ranked.push((points, other)),
        }
    }
    ranked.retain(|(_, other)| eligible(*other));
    let by_rank = |x: &(u32, ArticleId), y: &(u32, ArticleId)| y.0.cmp(&x.0).then(x.1.cmp(&y.1));
    if ranked.len() > n && n > 0 {
        ranked.select_nth_unstable_by(n - 1, by_rank);
        ranked.truncate(n);
    }
    ranked.sort_unstable_by(by_rank);
    ranked.truncate(n);
    ranked.into_iter().map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_tags_outrank_category_then_newest_first() {
        // Article 10: tags A = [2, 5, 10, 12], B = [5, 10, 30]; category C = [1, 3, 10, 12].
        let a: &[usize] = &[2, 5, 10, 12];
        let b: &[usize] = &[5, 10, 30];
        let c: &[usize] = &[1, 3, 10, 12];
        let got = rank_related(10, &[a, b], Some(c), |_| true, 10);
        // 5: two tags (4); 12: tag + category (3); 2, 30: one tag (2); 1, 3: category (1).
        assert_eq!(got, [5, 12, 2, 30, 1, 3]);
        assert_eq!(rank_related(10, &[a, b], Some(c), |_| true, 2), [5, 12]);
        assert_eq!(rank_related(10, &[a, b], Some(c), |i| i != 5, 2), [12, 2]);
    }

    #[test]
    fn no_terms_no_related() {
        assert!(rank_related(3, &[], None, |_| true, 5).is_empty());
        let only_self: &[usize] = &[3];
        assert!(rank_related(3, &[only_self], Some(only_self), |_| true, 5).is_empty());
    }

    #[test]
    fn candidates_are_bounded_to_a_window_in_time() {
        // A tag shared by 10 000 articles: only the neighbours of 5 000 count.
        let big: Vec<usize> = (0..10_000).collect();
        let got = rank_related(5_000, &[&big], None, |_| true, usize::MAX);
        assert_eq!(got.len(), 2 * WINDOW);
        assert_eq!(got[0], 5_000 - WINDOW);
        assert_eq!(*got.last().unwrap(), 5_000 + WINDOW);
        // At the start of the list the window is one-sided.
        assert_eq!(
            rank_related(0, &[&big], None, |_| true, usize::MAX).len(),
            WINDOW
        );
    }
}
