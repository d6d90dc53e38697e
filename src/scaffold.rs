//! `bantin init` and `bantin new`: files a person would otherwise type by hand.
//! Neither ever overwrites anything.

use crate::error::{Diagnostic, IoOp};
use crate::problem;
use crate::vi::slugify;
use chrono::{DateTime, FixedOffset};
use std::io::Write;
use std::path::{Path, PathBuf};

const CONFIG: &str = r#"title: "Cổng thông tin điện tử"
base_url: "https://example.gov.vn/"
language: vi
timezone: "+07:00"
theme: default
default_author: "Phòng Truyền thông"
paginate: 20
extra: {}
"#;

const SECTION: &str = "---\ntitle: \"Tin tức - Sự kiện\"\ndescription: \"Tin hoạt động của cơ quan, đơn vị\"\nweight: 1\n---\n";

/// Create a new site in `dir`, which must be empty or not exist.
pub fn init(dir: &Path, now: DateTime<FixedOffset>) -> Result<Vec<PathBuf>, Diagnostic> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).map_err(|e| Diagnostic::io_op(IoOp::ListFolder, dir, &e))?;
        if entries.next().is_some() {
            return Err(problem!(Error, dir, "folder-not-empty").with_code("folder-not-empty"));
        }
    }
    let example = article_text(
        "Chào mừng đến với trang tin",
        now,
        "Bài viết mẫu: sửa hoặc xóa tệp này.",
    );
    let files: [(&str, &str); 4] = [
        ("config.yaml", CONFIG),
        ("content/tin-tuc/_index.md", SECTION),
        ("content/tin-tuc/chao-mung-den-voi-trang-tin.md", &example),
        (".gitignore", "/public/\n"),
    ];
    let mut created = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        create_new(&path, text)?;
        created.push(path);
    }
    Ok(created)
}

/// Create `content/<section>/<slug>.md` for a new announcement titled `title`.
pub fn new_article(
    root: &Path,
    title: &str,
    section: &str,
    slug: Option<&str>,
    now: DateTime<FixedOffset>,
) -> Result<PathBuf, Diagnostic> {
    let title = title.trim();
    let path = article_path(root, title, section, slug)?;
    let text = article_text(title, now, "Nội dung bài viết.");
    create_new(&path, &text)?;
    Ok(path)
}

/// Where a new article titled `title` goes: `content/<section>/<slug>.md`,
/// the slug made from `slug` when given, else from the title (also the
/// editor's new articles).
pub fn article_path(
    root: &Path,
    title: &str,
    section: &str,
    slug: Option<&str>,
) -> Result<PathBuf, Diagnostic> {
    if title.trim().is_empty() {
        return Err(problem!(Error, "bantin new", "no-title").with_code("no-title"));
    }
    let slug = slugify(slug.unwrap_or(title.trim()));
    if slug.is_empty() {
        return Err(problem!(Error, "bantin new", "no-file-name").with_code("no-file-name"));
    }
    Ok(root
        .join("content")
        .join(section)
        .join(format!("{slug}.md")))
}

fn article_text(title: &str, now: DateTime<FixedOffset>, body: &str) -> String {
    let title = title.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        "---\ntitle: \"{title}\"\ndate: {}\nauthor: \"Phòng Truyền thông\"\ncategory: \"\"\ntags: []\nsummary: \"\"\n---\n{body}\n",
        now.format("%Y-%m-%dT%H:%M:%S%:z")
    )
}

/// Write a file that must not exist yet.
fn create_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).map_err(|e| Diagnostic::io_op(IoOp::CreateFolder, p, &e))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                problem!(Error, path, "file-exists").with_code("file-exists")
            } else {
                Diagnostic::io_op(IoOp::Write, path, &e)
            }
        })?;
    f.write_all(text.as_bytes())
        .map_err(|e| Diagnostic::io_op(IoOp::Write, path, &e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<FixedOffset> {
        FixedOffset::east_opt(7 * 3600)
            .unwrap()
            .with_ymd_and_hms(2024, 3, 5, 14, 30, 0)
            .unwrap()
    }

    #[test]
    fn new_names_file_after_title_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let p = new_article(
            dir.path(),
            "Hội nghị \"Chuyển đổi số\" năm 2024",
            "tin-tuc",
            None,
            now(),
        )
        .unwrap();
        assert!(p.ends_with("content/tin-tuc/hoi-nghi-chuyen-doi-so-nam-2024.md"));
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains("date: 2024-03-05T14:30:00+07:00"), "{text}");
        assert!(
            text.contains(r#"title: "Hội nghị \"Chuyển đổi số\" năm 2024""#),
            "{text}"
        );
        std::fs::write(&p, "edited").unwrap();
        let e = new_article(
            dir.path(),
            "Hội nghị \"Chuyển đổi số\" năm 2024",
            "tin-tuc",
            None,
            now(),
        )
        .unwrap_err();
        assert!(e.message.contains("already exists"));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "edited");
    }

    #[test]
    fn init_refuses_non_empty_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.txt"), "x").unwrap();
        assert!(init(dir.path(), now()).is_err());
        let fresh = dir.path().join("site");
        let files = init(&fresh, now()).unwrap();
        assert_eq!(files.len(), 4);
    }

    /// Each refusal has a code, and the catalog's English is the producer's
    /// text, so that `message_en` and the English output stay the same.
    #[test]
    fn refusals_have_codes_and_read_the_same_from_the_catalog() {
        use crate::i18n::Messages;
        use crate::vi::Lang;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.txt"), "x").unwrap();
        let site = dir.path().join("site");
        init(&site, now()).unwrap();
        let refusals = [
            init(dir.path(), now()).unwrap_err(),
            new_article(&site, "  ", "tin-tuc", None, now()).unwrap_err(),
            new_article(&site, "!!!", "tin-tuc", None, now()).unwrap_err(),
            new_article(&site, "Chào mừng đến với trang tin", "tin-tuc", None, now()).unwrap_err(),
        ];
        let (en, vi) = (Messages::new(Lang::En), Messages::new(Lang::Vi));
        let codes: Vec<&str> = refusals.iter().map(|d| d.code()).collect();
        assert_eq!(
            codes,
            [
                "folder-not-empty",
                "no-title",
                "no-file-name",
                "file-exists"
            ]
        );
        for d in &refusals {
            let (message, hint) = en.problem(d);
            assert_eq!(
                (message.as_ref(), hint.as_deref()),
                (d.message.as_str(), d.hint.as_deref())
            );
            assert_ne!(vi.problem(d).0, d.message, "{}", d.code());
        }
    }
}
