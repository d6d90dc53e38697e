//! Front matter: splitting the `---` block from the body, and the fields it
//! may hold (DESIGN.md, "An announcement").

use super::date::{Day, LooseDate};
use crate::error::Diagnostic;
use serde::Deserialize;
use std::path::Path;

/// The YAML block of an article, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// `title:`, required: the headline, trimmed when the model is built.
    pub title: String,
    /// `date:`: when the article was published; required for articles in a
    /// section, optional for standalone pages.
    pub date: Option<LooseDate>,
    /// `updated:`: when the article was last revised, if it was.
    pub updated: Option<LooseDate>,
    /// `views:`: the view count to show; a row of `data/views.*` for the same
    /// article overrides it ([`super::counts`]).
    pub views: Option<u64>,
    /// `author:`: who wrote it; the site's `default_author` when absent or blank.
    pub author: Option<String>,
    /// `category:`: the one category's name, as written; none when absent or blank.
    pub category: Option<String>,
    /// `tags:`: tag names as written; empty when absent.
    #[serde(default)]
    pub tags: Vec<String>,
    /// `summary:`: the text of cards, feeds and meta descriptions; the body's first
    /// paragraph when absent.
    pub summary: Option<String>,
    /// `image:`: the lead image, a path relative to the `.md` file, or a URL
    /// (`https://…`, `/…`) used as written.
    pub image: Option<String>,
    /// `image_alt:`: the lead image's text alternative (`alt`).
    pub image_alt: Option<String>,
    /// Shown under the lead image.
    pub image_caption: Option<String>,
    /// Who took the photo (shown as `Ảnh: …`).
    pub image_credit: Option<String>,
    /// Focal point of the lead image for crops, `"30% 40%"` (docs/images.md).
    pub image_focus: Option<String>,
    /// `slug:`: the last URL segment, slugified; taken from the file (or bundle
    /// folder) name when absent.
    pub slug: Option<String>,
    /// `draft: true`: left out of the build unless drafts are asked for.
    #[serde(default)]
    pub draft: bool,
    /// `pinned: true`: listed first in its section, before newer articles.
    #[serde(default)]
    pub pinned: bool,
    /// `template:`: the theme template to render the page with, a name under
    /// `templates/`; `article.html` when absent.
    pub template: Option<String>,
    /// `dispatch:`: the official document the article announces, if any.
    pub dispatch: Option<DispatchFront>,
    /// `extra:`: free fields passed to templates as `page.extra`.
    pub extra: Option<serde_json::Value>,
}

/// The `dispatch:` block: the official document (công văn) an article is about.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DispatchFront {
    /// `number:`, required: the document's number and symbol (số ký hiệu),
    /// e.g. `1141/UBND-KSTTHC`.
    pub number: String,
    /// `kind:`: the type of document (loại văn bản): `Công văn`, `Quyết định`, …
    pub kind: Option<String>,
    /// `issued:`: the day the document was signed and issued (ngày ban hành).
    pub issued: Option<Day>,
    /// `issuer:`: the body that issued it (cơ quan ban hành): `UBND tỉnh Đắk Lắk`.
    pub issuer: Option<String>,
    /// `signer:`: who signed it (người ký).
    pub signer: Option<String>,
    /// `subject:`: what it is about (trích yếu): `V/v thực hiện …`.
    pub subject: Option<String>,
    /// Attachment, relative to the `.md` file.
    pub file: Option<String>,
    /// Attachments (after `file`, when both are given), relative to the `.md` file.
    #[serde(default)]
    pub files: Vec<String>,
    /// Date the document takes effect (ngày có hiệu lực).
    pub effective: Option<Day>,
    /// Field (lĩnh vực): `Cải cách hành chính`.
    pub field: Option<String>,
    /// Legal status (tình trạng hiệu lực): `Còn hiệu lực`, `Hết hiệu lực`, …
    pub status: Option<String>,
}

/// `_index.md`: a section's title, description and place in the navigation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFront {
    /// `title:`, required: the section's (or home page's) name in navigation
    /// and listings.
    pub title: String,
    /// `description:`: a sentence shown under the title of the listing and in
    /// its meta description; none when absent.
    pub description: Option<String>,
    /// Navigation order: lower first; sections without a weight come last, by title.
    pub weight: Option<i64>,
    /// `paginate:`: articles per listing page for this section; the site's
    /// `paginate` when absent or 0.
    pub paginate: Option<usize>,
}

/// Where the parts of a Markdown file are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML text (without the `---` lines).
    pub yaml: (usize, usize),
    /// Line of the file on which the YAML text starts (1-based).
    pub yaml_line: usize,
    /// Byte offset where the body starts.
    pub body: usize,
    /// Line of the file on which the body starts (1-based).
    pub body_line: usize,
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Find the front matter of `text` (already decoded: no BOM, LF line ends).
pub fn split(text: &str, path: &Path) -> Result<Split, Diagnostic> {
    let first = text.lines().next().unwrap_or("");
    if !is_fence(first) {
        return Err(crate::problem!(Error, path, "no-front-matter").at(1, 1));
    }
    let yaml_start = first.len() + 1;
    let mut offset = yaml_start.min(text.len());
    for (line_no, line) in (2..).zip(text[offset..].split_inclusive('\n')) {
        if is_fence(line) {
            let body = (offset + line.len()).min(text.len());
            return Ok(Split {
                yaml: (yaml_start, offset),
                yaml_line: 2,
                body,
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(crate::problem!(Error, path, "front-matter-not-closed").at(1, 1))
}

/// Parse the front matter of an article.
pub fn parse<T: serde::de::DeserializeOwned>(
    text: &str,
    split: &Split,
    path: &Path,
) -> Result<T, Diagnostic> {
    let yaml = &text[split.yaml.0..split.yaml.1];
    if yaml.trim().is_empty() {
        return Err(crate::problem!(Error, path, "front-matter-empty").at(split.yaml_line, 1));
    }
    crate::yaml::parse(yaml, path, split.yaml_line)
}

/// Line and column of `value` written in the front matter (for errors found
/// after parsing, such as a missing attachment). Falls back to the first line.
pub fn locate_value(text: &str, split: &Split, value: &str) -> (usize, usize) {
    let yaml = &text[split.yaml.0..split.yaml.1];
    for (i, line) in yaml.lines().enumerate() {
        if let Some(c) = line.find(value) {
            return (split.yaml_line + i, line[..c].chars().count() + 1);
        }
    }
    (1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("a.md")
    }

    #[test]
    fn splits_and_counts_lines_from_top_of_file() {
        let t = "---\ntitle: A\n---\nBody\n";
        let s = split(t, p()).unwrap();
        assert_eq!(&t[s.yaml.0..s.yaml.1], "title: A\n");
        assert_eq!(&t[s.body..], "Body\n");
        assert_eq!(s.body_line, 4);
        let fm: FrontMatter = parse(t, &s, p()).unwrap();
        assert_eq!(fm.title, "A");
    }

    #[test]
    fn body_may_be_empty_and_fence_may_have_trailing_space() {
        let t = "--- \ntitle: A\n---";
        let s = split(t, p()).unwrap();
        assert_eq!(&t[s.body..], "");
    }

    #[test]
    fn missing_or_unclosed() {
        assert!(
            split("title: A\n", p())
                .unwrap_err()
                .message
                .contains("must start")
        );
        assert!(
            split("---\ntitle: A\nbody\n", p())
                .unwrap_err()
                .message
                .contains("never closed")
        );
        assert!(split("", p()).is_err());
    }

    #[test]
    fn yaml_error_line_is_counted_from_top_of_file() {
        let t = "---\ntitle: A\ndate: 2023-02-30\n---\n";
        let s = split(t, p()).unwrap();
        let e = parse::<FrontMatter>(t, &s, p()).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.message.contains("expected a date"), "{e}");
        assert_eq!(e.id, "bad-date", "told by the catalog: {e}");
    }

    #[test]
    fn unknown_key_in_dispatch() {
        let t = "---\ntitle: A\ndispatch:\n  number: \"1/UBND\"\n  nunber: x\n---\n";
        let s = split(t, p()).unwrap();
        let e = parse::<FrontMatter>(t, &s, p()).unwrap_err();
        assert_eq!(e.line, Some(5), "{e}");
        assert_eq!(e.hint.as_deref(), Some("did you mean `number`?"));
    }

    #[test]
    fn all_fields() {
        let t = "---\ntitle: T\ndate: 15/02/2023 08:46:50\nupdated: 2023-02-16\nviews: 276\nauthor: A\ncategory: C\ntags: [x, y]\nsummary: S\nimage: a.jpg\nimage_alt: Alt\nslug: s\ndraft: true\npinned: true\ntemplate: t.html\ndispatch:\n  number: \"1141/UBND-KSTTHC\"\n  kind: Công văn\n  issued: 2023-02-15\n  issuer: UBND\n  signer: X\n  subject: Y\n  file: cv.pdf\nextra:\n  k: 1\n---\n";
        let s = split(t, p()).unwrap();
        let fm: FrontMatter = parse(t, &s, p()).unwrap();
        assert_eq!(fm.views, Some(276));
        assert!(fm.draft && fm.pinned);
        assert_eq!(fm.tags, ["x", "y"]);
        let d = fm.dispatch.unwrap();
        assert_eq!(d.file.as_deref(), Some("cv.pdf"));
        assert_eq!(d.issued.unwrap().0.to_string(), "2023-02-15");
        assert_eq!(locate_value(t, &s, "cv.pdf"), (23, 9));
    }

    #[test]
    fn dispatch_files_list_and_registry_fields() {
        let t = "---\ntitle: T\ndispatch:\n  number: \"12/2023/QĐ-UBND\"\n  effective: 01/03/2023\n  field: Nội vụ\n  status: Còn hiệu lực\n  file: a.pdf\n  files: [b.pdf, c.docx]\n---\n";
        let s = split(t, p()).unwrap();
        let d = parse::<FrontMatter>(t, &s, p()).unwrap().dispatch.unwrap();
        assert_eq!(d.file.as_deref(), Some("a.pdf"));
        assert_eq!(d.files, ["b.pdf", "c.docx"]);
        assert_eq!(d.effective.unwrap().0.to_string(), "2023-03-01");
        assert_eq!(d.status.as_deref(), Some("Còn hiệu lực"));
        // `files` must be a list: a located wrong-type error.
        let t = "---\ntitle: T\ndispatch:\n  number: \"1/UBND\"\n  files: 7\n---\n";
        let s = split(t, p()).unwrap();
        let e = parse::<FrontMatter>(t, &s, p()).unwrap_err();
        assert!(e.message.contains("wrong type"), "{e}");
        assert!(e.line.is_some_and(|l| l >= 3), "{e}");
        // Unknown keys still name the closest known one.
        let t = "---\ntitle: T\ndispatch:\n  number: \"1/UBND\"\n  efective: 2023-01-01\n---\n";
        let s = split(t, p()).unwrap();
        let e = parse::<FrontMatter>(t, &s, p()).unwrap_err();
        assert_eq!(e.line, Some(5), "{e}");
        assert_eq!(e.hint.as_deref(), Some("did you mean `effective`?"));
    }

    #[test]
    fn negative_views_rejected() {
        let t = "---\ntitle: T\nviews: -3\n---\n";
        let s = split(t, p()).unwrap();
        assert_eq!(parse::<FrontMatter>(t, &s, p()).unwrap_err().line, Some(3));
    }
}
