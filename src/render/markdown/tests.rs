use super::*;

fn md(body: &str) -> Html {
    let mut links = LinkTable::default();
    links.insert(
        "tin-tuc/cv-1141.pdf".into(),
        "/tin-tuc/bai/cv-1141.pdf".into(),
    );
    links.insert("tin-tuc/khac.md".into(), "/tin-tuc/khac/".into());
    let text = format!("---\ntitle: x\n---\n{body}");
    let src = Source {
        text: &text,
        body_start: 17,
        body_line: 4,
        shown: Path::new("content/tin-tuc/a.md"),
        dir: "tin-tuc",
    };
    render(&src, &links)
}

#[test]
fn extensions() {
    let h =
        md("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~\n\n- [x] done\n\nNote[^1]\n\n[^1]: foot\n")
            .html;
    assert!(h.contains("<table>"), "{h}");
    assert!(h.contains("<del>x</del>"), "{h}");
    assert!(h.contains("type=\"checkbox\""), "{h}");
    assert!(h.contains("footnote"), "{h}");
}

#[test]
fn heading_ids_are_vietnamese_slugs_and_unique() {
    let h = md("## Kết quả đạt được\n\n## Kết quả đạt được\n\n### Riêng {#rieng}\n");
    assert!(
        h.html.contains("<h2 id=\"ket-qua-dat-duoc\">"),
        "{}",
        h.html
    );
    assert!(
        h.html.contains("<h2 id=\"ket-qua-dat-duoc-1\">"),
        "{}",
        h.html
    );
    assert!(h.html.contains("<h3 id=\"rieng\">"), "{}", h.html);
    assert_eq!(h.toc.len(), 3);
    assert_eq!(h.toc[0].title, "Kết quả đạt được");
}

#[test]
fn rewrites_relative_links_and_images() {
    let h = md(
        "[tại đây](cv-1141.pdf) [bài](khac.md#muc) ![ảnh](cv-1141.pdf) [ngoài](https://chinhphu.vn/)\n",
    );
    assert!(
        h.html.contains("href=\"/tin-tuc/bai/cv-1141.pdf\""),
        "{}",
        h.html
    );
    assert!(h.html.contains("href=\"/tin-tuc/khac/#muc\""), "{}", h.html);
    assert!(
        h.html.contains("src=\"/tin-tuc/bai/cv-1141.pdf\""),
        "{}",
        h.html
    );
    assert!(
        h.html.contains("href=\"https://chinhphu.vn/\""),
        "{}",
        h.html
    );
    assert!(h.problems.is_empty());
}

#[test]
fn missing_target_is_located_in_the_file() {
    let h = md("Đoạn một.\n\nXem [văn bản](khong-co.pdf).\n");
    assert_eq!(h.problems.len(), 1);
    let p = &h.problems[0];
    assert_eq!((p.line, p.col), (Some(6), Some(5)), "{p}");
    assert!(p.message.contains("khong-co.pdf"));
}

#[test]
fn code_is_highlighted() {
    let h = md("```json\n{\"a\": 1}\n```\n").html;
    assert!(h.contains("data-lang=\"json\""), "{h}");
    assert!(h.contains("hl-"), "{h}");
}

fn md_with(body: &str, policy: Policy<'_>) -> Html {
    let links = LinkTable::default();
    let text = format!("---\ntitle: x\n---\n{body}");
    let src = Source {
        text: &text,
        body_start: 17,
        body_line: 4,
        shown: Path::new("content/tin-tuc/a.md"),
        dir: "tin-tuc",
    };
    let none = crate::site::registry::cite::Index::default();
    render_full(&src, &links, &none, None, policy)
}

const TRUSTED: Policy<'static> = Policy {
    trusted: true,
    embed_hosts: &[],
};

#[test]
fn a_body_without_raw_html_is_not_touched_by_the_sanitizer() {
    let body = "## Mục\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\nChữ *nghiêng* `mã` & <không phải thẻ\n\n- [x] xong\n\nChú[^1]\n\n[^1]: thích\n\n```rust\nfn main() {}\n```\n\n---\n";
    let strict = md_with(body, Policy::STRICT);
    assert_eq!(strict.html, md_with(body, TRUSTED).html);
    assert!(strict.sanitized.is_empty(), "{:?}", strict.sanitized);
}

#[test]
fn raw_html_is_sanitized_and_each_removal_located() {
    let h = md_with(
        "Đoạn.\n\n<div onclick=\"x()\">a <mark>b</mark></div>\n\nChữ <img src=x onerror=y> hết.\n",
        Policy::STRICT,
    );
    assert!(
        !h.html.contains("onclick") && !h.html.contains("onerror"),
        "{}",
        h.html
    );
    assert!(h.html.contains("<mark>b</mark>"), "{}", h.html);
    let at: Vec<_> = h.sanitized.iter().map(|d| (d.line, d.col)).collect();
    assert_eq!(
        at,
        [(Some(6), Some(6)), (Some(8), Some(16))],
        "{:?}",
        h.sanitized
    );
    let t = md_with("<div onclick=\"x()\">a</div>\n", TRUSTED);
    assert!(t.html.contains("onclick") && t.sanitized.is_empty());
}

#[test]
fn unsafe_markdown_links_are_refused_and_left_out() {
    let h = md_with(
        "[a](javascript:alert(1)) ![b](data:image/png;base64,AA)\n",
        Policy::STRICT,
    );
    assert_eq!(h.sanitized.len(), 1, "{:?}", h.sanitized);
    assert_eq!(h.sanitized[0].severity, crate::error::Severity::Error);
    assert!(!h.html.contains("javascript"), "{}", h.html);
    assert!(h.html.contains("data:image/png"), "{}", h.html);
    let t = md_with("[a](javascript:alert(1))\n", TRUSTED);
    assert_eq!(t.sanitized[0].severity, crate::error::Severity::Warning);
    assert!(t.html.contains("javascript:alert(1)"));
}

#[test]
fn raw_html_in_titles_is_not_our_concern_but_text_is_escaped() {
    let h = md("a < b & c\n").html;
    assert!(h.contains("a &lt; b &amp; c"), "{h}");
}
