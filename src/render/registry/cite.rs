//! The registry's part of Markdown rendering: citations of documents in a
//! body become links to their record pages, and a vague link (`xem tại
//! đây`, `tải về`, …) to a record or its attachment gets visually hidden
//! text naming the document, so that its accessible name says where it leads.
//!
//! Where it sits: [`link_events`] is a hook of [`crate::render::markdown`]
//! over the parser's events. Finding numbers in text, and where in a body a
//! link may go, are the model's ([`crate::site::registry::cite`]): the model stage
//! uses the same rules to know which articles cite which record, so that
//! what is linked here and what counts as "cited by" never disagree.

use crate::site::registry::cite::{Context, Found, Index, Target, find, phrase_start};
use crate::vi::nfc;
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// Link texts that say nothing about where they lead.
const VAGUE: &[&str] = &[
    "xem tại đây",
    "tại đây",
    "đây",
    "tải về",
    "xem",
    "tải xuống",
    "xem chi tiết",
    "chi tiết",
    "bấm vào đây",
    "nhấn vào đây",
    "toàn văn",
];

/// The render hook: link the citations of records in `index`, and give vague
/// links to records an accessible name. Text events are merged first (the
/// parser splits text at `&`, quotes and the like).
pub fn link_events<'a>(events: Vec<Event<'a>>, index: &Index) -> Vec<Event<'a>> {
    if index.is_empty() {
        return events;
    }
    let mut out = Vec::with_capacity(events.len() + 8);
    let mut ctx = Context::default();
    // Consecutive text events, kept as they are unless a citation is found.
    let mut pending: Vec<CowStr<'a>> = Vec::new();
    // Position in `out` of an open link to a record, and that record's label.
    let mut open: Option<(usize, String)> = None;
    for ev in events {
        if ctx.linkable()
            && let Event::Text(t) = &ev
        {
            pending.push(t.clone());
            continue;
        }
        flush(&mut pending, &mut out, index);
        match &ev {
            Event::Start(Tag::Link { dest_url, .. }) if ctx.links() == 0 => {
                open = index.label(dest_url).map(|l| (out.len(), l.to_string()));
            }
            Event::End(TagEnd::Link) if ctx.links() == 1 => {
                if let Some((start, label)) = open.take()
                    && is_vague(&plain_text(&out[start + 1..]))
                {
                    out.push(Event::InlineHtml(CowStr::from(format!(
                        "<span class=\"visually-hidden\"> ({})</span>",
                        escape(&label)
                    ))));
                }
            }
            _ => {}
        }
        ctx.update(&ev);
        out.push(ev);
    }
    flush(&mut pending, &mut out, index);
    out
}

fn flush<'a>(pending: &mut Vec<CowStr<'a>>, out: &mut Vec<Event<'a>>, index: &Index) {
    if pending.is_empty() {
        return;
    }
    let joined: String;
    let text: &str = if pending.len() == 1 {
        &pending[0]
    } else {
        joined = pending.concat();
        &joined
    };
    // Numbers read the same in NFD (`Đ` has no decomposition): look first, normalize when needed.
    if !find(text)
        .iter()
        .any(|f| index.resolve(&f.slug, f.year).is_some())
    {
        out.extend(pending.drain(..).map(Event::Text));
        return;
    }
    let text = nfc(text);
    let found: Vec<(Found, &Target)> = find(&text)
        .into_iter()
        .filter_map(|f| {
            let t = index.resolve(&f.slug, f.year)?;
            Some((f, t))
        })
        .collect();
    if found.is_empty() {
        out.extend(pending.drain(..).map(Event::Text));
        return;
    }
    let text = text.into_owned();
    pending.clear();
    let mut at = 0;
    for (f, target) in found {
        let start = phrase_start(&text, f.number.start, Some(&target.kind));
        if start < at {
            continue;
        }
        if start > at {
            out.push(Event::Text(CowStr::from(text[at..start].to_string())));
        }
        out.push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: CowStr::from(target.url.clone()),
            title: CowStr::from(""),
            id: CowStr::from(""),
        }));
        out.push(Event::Text(CowStr::from(
            text[start..f.number.end].to_string(),
        )));
        out.push(Event::End(TagEnd::Link));
        at = f.number.end;
    }
    if at < text.len() {
        out.push(Event::Text(CowStr::from(text[at..].to_string())));
    }
}

fn plain_text(events: &[Event<'_>]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

fn is_vague(text: &str) -> bool {
    let t = nfc(text.trim()).to_lowercase();
    let t = t.trim_end_matches(['.', ':', '!', ')', '»']).trim();
    let t = t.trim_start_matches(['(', '«']).trim();
    VAGUE.contains(&t)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`find`] as it was written before it skipped to each `/`: every
    /// character read, a number started at each digit.
    use pulldown_cmark::Parser;

    fn index() -> Index {
        let mut i = Index::default();
        for (slug, url, kind) in [
            ("385-bnv-cchc", "/van-ban/385-bnv-cchc/", "Công văn"),
            ("12-2023-qd-ubnd", "/van-ban/12-2023-qd-ubnd/", "Quyết định"),
            ("42-2022-nd-cp", "/van-ban/42-2022-nd-cp/", "Nghị định"),
            ("05-ttr-snv", "/van-ban/05-ttr-snv/", "Tờ trình"),
            ("2231-snv-cchc-pc", "/van-ban/2231-snv-cchc-pc/", "Công văn"),
        ] {
            i.targets.insert(
                slug.into(),
                vec![Target {
                    url: url.into(),
                    kind: kind.into(),
                    year: None,
                    record: 0,
                }],
            );
        }
        i.labels.insert(
            "/van-ban/385-bnv-cchc/".into(),
            "Công văn số 385/BNV-CCHC".into(),
        );
        i.labels.insert(
            "/tin/bai/cv-385.pdf".into(),
            "Công văn số 385/BNV-CCHC, PDF 3 KB".into(),
        );
        i
    }

    fn html(md: &str) -> String {
        let events: Vec<Event<'_>> = Parser::new_ext(md, pulldown_cmark::Options::all()).collect();
        let mut s = String::new();
        pulldown_cmark::html::push_html(&mut s, link_events(events, &index()).into_iter());
        s
    }

    #[test]
    fn links_citations_with_their_kind() {
        let h = html("Thực hiện Công văn số 385/BNV-CCHC ngày 06/02/2023 của Bộ Nội vụ.\n");
        assert!(
            h.contains("Thực hiện <a href=\"/van-ban/385-bnv-cchc/\">Công văn số 385/BNV-CCHC</a> ngày 06/02/2023"),
            "{h}"
        );
        let h = html("Theo Quyết định 12/2023/QĐ-UBND và 999/XYZ-AB.\n");
        assert!(
            h.contains("<a href=\"/van-ban/12-2023-qd-ubnd/\">Quyết định 12/2023/QĐ-UBND</a> và 999/XYZ-AB."),
            "{h}"
        );
        let h = html("Tờ trình số 05/TTr-SNV.\n");
        assert!(h.contains(">Tờ trình số 05/TTr-SNV</a>"), "{h}");
    }

    #[test]
    fn several_per_paragraph_and_ampersand() {
        let h =
            html("Căn cứ 385/BNV-CCHC, Quyết định 12/2023/QĐ-UBND và Công văn 2231/SNV-CCHC&PC.\n");
        assert_eq!(h.matches("<a href=").count(), 3, "{h}");
        assert!(h.contains(">Công văn 2231/SNV-CCHC&amp;PC</a>"), "{h}");
    }

    #[test]
    fn not_in_code_links_or_headings() {
        let h = html(
            "## Công văn 385/BNV-CCHC\n\n`385/BNV-CCHC` and [385/BNV-CCHC](https://x.vn/) and ![385/BNV-CCHC](a.png)\n\n```\n385/BNV-CCHC\n```\n\n<a href=\"/y\">385/BNV-CCHC</a>\n",
        );
        assert!(!h.contains("/van-ban/"), "{h}");
    }

    #[test]
    fn nfd_text_is_linked() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "Quyết định 12/2023/QĐ-UBND".nfd().collect();
        let h = html(&format!("{nfd}\n"));
        assert!(
            h.contains("<a href=\"/van-ban/12-2023-qd-ubnd/\">Quyết định 12/2023/QĐ-UBND</a>"),
            "{h}"
        );
    }

    #[test]
    fn malformed_citation_of_a_record_is_linked() {
        let h = html("Nghị định 42/2022/NÐ-CP\n");
        assert!(h.contains("href=\"/van-ban/42-2022-nd-cp/\""), "{h}");
    }

    #[test]
    fn vague_link_gets_the_document_number() {
        let h = html(
            "Chi tiết [xem tại đây](/van-ban/385-bnv-cchc/). Tệp [Tải về](/tin/bai/cv-385.pdf#page=2). [Bài khác](/van-ban/385-bnv-cchc/) [đây](/khac/)\n",
        );
        assert!(
            h.contains(
                "xem tại đây<span class=\"visually-hidden\"> (Công văn số 385/BNV-CCHC)</span></a>"
            ),
            "{h}"
        );
        assert!(
            h.contains("Tải về<span class=\"visually-hidden\"> (Công văn số 385/BNV-CCHC, PDF 3 KB)</span></a>"),
            "{h}"
        );
        assert_eq!(h.matches("visually-hidden").count(), 2, "{h}");
    }
}
