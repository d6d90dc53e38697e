//! On-demand resizing: the Tera function `resize_image` (registered by the
//! render stage) asks [`Images::resize_for_template`] for a derivative while
//! pages are rendered; it is made with the same disk cache as the stage's
//! and remembered for the rest of the build.

use super::derive::{Focus, Format, Op, Params};
use super::disk::Batch;
use super::{Images, Variant, lock};

impl Images {
    /// `resize_image` for templates: `path` relative to the page being rendered
    /// (when it is an article) or to `content/`.
    pub fn resize_for_template(
        &self,
        path: &str,
        page_url: Option<&str>,
        op: Op,
        width: u32,
        height: u32,
        format: Option<Format>,
    ) -> Result<Variant, String> {
        let mut tried = Vec::new();
        let page_dir = page_url.and_then(|u| self.page_dirs.get(u));
        let candidates = page_dir
            .map(|d| join_rel(d, path))
            .into_iter()
            .chain([join_rel("", path)]);
        let mut found = None;
        for c in candidates.flatten() {
            if self.assets.contains_key(&c) {
                found = Some(c);
                break;
            }
            tried.push(format!("content/{c}"));
        }
        let rel = found.ok_or_else(|| {
            format!(
                "resize_image: no file `{path}` (looked for {})",
                tried.join(" and ")
            )
        })?;
        let src = self.source(&rel).map_err(|e| e.to_string())?;
        let params = Params {
            op,
            width,
            height,
            format: format.unwrap_or(src.format),
            focus: Focus::default(),
        };
        let hash = self.hash(&src).map_err(|e| e.to_string())?;
        let key = format!("{hash}-{}", params.key());
        if let Some(v) = lock(&self.on_demand).get(&key) {
            return Ok(v.clone());
        }
        let mut batch = Batch::new(self, &src).map_err(|e| e.to_string())?;
        let v = batch
            .make(&[params])
            .map_err(|e| format!("resize_image: content/{rel}: {e}"))?
            .remove(0)
            .1;
        lock(&self.on_demand).insert(key, v.clone());
        Ok(v)
    }
}

/// `dir/path` normalized (NFC), `None` when it climbs out of `content/`.
fn join_rel(dir: &str, path: &str) -> Option<String> {
    crate::site::links::join(dir, &crate::vi::nfc(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_rel_normalizes() {
        assert_eq!(
            join_rel("tin-tuc/bai", "anh.jpg").unwrap(),
            "tin-tuc/bai/anh.jpg"
        );
        assert_eq!(
            join_rel("tin-tuc/bai", "../x/./a.png").unwrap(),
            "tin-tuc/x/a.png"
        );
        assert_eq!(join_rel("", "../a.png"), None);
    }
}
