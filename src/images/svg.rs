//! SVG covers in the image stage: an article whose `image:` is an SVG gets
//! its share image (`og:image`) rasterized to a 1200×630 PNG with
//! [`super::share::rasterize_png`], kept in the same disk cache as the photo
//! derivatives and published beside the SVG.

use super::derive::{Focus, Format, Op, Params};
use super::disk::write_cache;
use super::{Failure, Images, OG_SIZE, Variant, lock, share};
use crate::error::Diagnostic;
use crate::site::links::encode_path;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

/// An SVG cover to rasterize into its article's share image.
pub(super) struct SvgJob {
    pub(super) id: usize,
    pub(super) rel: String,
    pub(super) focus: Focus,
    /// The `image:` line: file, line, column.
    pub(super) place: (PathBuf, usize, usize),
}

impl Images {
    /// Rasterize an SVG cover into its 1200×630 PNG share image (or find it in the cache).
    pub(super) fn svg_share(&self, job: &SvgJob) -> Result<(usize, Variant), Diagnostic> {
        let fail = |failure: Failure| {
            let (path, l, c) = &job.place;
            failure
                .problem(path, &format!("content/{}", job.rel))
                .at(*l, *c)
        };
        let (path, output) = self
            .assets
            .get(&job.rel)
            .ok_or_else(|| fail(Failure::new("svg-not-found")))?;
        let bytes = std::fs::read(path).map_err(|e| fail(super::unreadable(e)))?;
        let params = Params {
            op: Op::Fill,
            width: OG_SIZE.0,
            height: OG_SIZE.1,
            format: Format::Png,
            focus: job.focus,
        };
        let hash = &blake3::hash(&bytes).to_hex()[..32];
        let key = format!("{hash}-svg{}-{}", share::SVG_VERSION, params.key());
        let cache = self.cache_dir.join(&key);
        if cache.is_file() {
            self.reused.fetch_add(1, Ordering::Relaxed);
        } else {
            let dir = path.parent().unwrap_or(Path::new("."));
            let png = share::rasterize_png(&bytes, dir, OG_SIZE, job.focus).map_err(fail)?;
            self.encoded.fetch_add(1, Ordering::Relaxed);
            write_cache(&self.cache_dir, &cache, &png).map_err(fail)?;
        }
        let stem = output.rsplit_once('.').map_or(output.as_str(), |(s, _)| s);
        let short = &blake3::hash(key.as_bytes()).to_hex()[..8];
        let out = format!("{stem}-{}x{}-{short}.png", OG_SIZE.0, OG_SIZE.1);
        let root = self.base.as_ref().map_or("/", |b| b.root.as_str());
        let url = format!("{root}{}", encode_path(&out));
        lock(&self.produced).insert(out, cache);
        let url = match &self.base {
            Some(b) => b.absolute(&url),
            None => url,
        };
        Ok((
            job.id,
            Variant {
                url,
                width: OG_SIZE.0,
                height: OG_SIZE.1,
            },
        ))
    }
}
