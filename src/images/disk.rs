//! The disk cache of derivatives (`<site>/.bantin-cache/images/`): a
//! [`Batch`] makes the derivatives of one photo with at most one decode,
//! skipping those already cached (keyed by the photo's content hash and the
//! parameters), and notes each for publishing under a name made from its
//! bytes. Used by the stage ([`super::stage`]) and by on-demand resizing.

use super::derive::{self, Focus, Format, Op, Params};
use super::{Failure, Images, Source, Variant, WIDTHS, lock};
use crate::site::links::encode_path;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

/// A derivative to have: its parameters, its size and crop, and its cache file.
type Planned = (Params, derive::Geometry, PathBuf);

/// The derivatives of one source, made with at most one decode.
pub(super) struct Batch<'a> {
    images: &'a Images,
    src: &'a Source,
    hash: String,
    decoded: Option<image::DynamicImage>,
    /// The photo scaled down once to the widest standard width, and that scale:
    /// smaller derivatives are made from it rather than from the full photo.
    work: Option<(image::DynamicImage, f64)>,
}

impl<'a> Batch<'a> {
    pub(super) fn new(images: &'a Images, src: &'a Source) -> Result<Batch<'a>, Failure> {
        let hash = images.hash(src)?;
        Ok(Batch {
            images,
            src,
            hash,
            decoded: None,
            work: None,
        })
    }

    fn meta_path(&self) -> PathBuf {
        self.images.cache_dir.join(format!("{}.size", self.hash))
    }

    fn decode(&mut self) -> Result<&image::DynamicImage, Failure> {
        if self.decoded.is_none() {
            let bytes = std::fs::read(&self.src.path).map_err(super::unreadable)?;
            let img = derive::decode(&bytes)?;
            self.images.decoded.fetch_add(1, Ordering::Relaxed);
            let size = format!("{} {}\n", img.width(), img.height());
            write_cache(&self.images.cache_dir, &self.meta_path(), size.as_bytes())?;
            self.decoded = Some(img);
        }
        Ok(self.decoded.as_ref().expect("decoded"))
    }

    /// Width and height of the upright photo: from the cache, or by decoding it.
    pub(super) fn dims(&mut self) -> Result<(u32, u32), Failure> {
        if let Ok(s) = std::fs::read_to_string(self.meta_path())
            && let Some((w, h)) = s.trim().split_once(' ')
            && let (Ok(w), Ok(h)) = (w.parse(), h.parse())
        {
            return Ok((w, h));
        }
        let img = self.decode()?;
        Ok((img.width(), img.height()))
    }

    /// Make (or find in the cache) each derivative; note it for publishing.
    pub(super) fn make(&mut self, wanted: &[Params]) -> Result<Vec<(Params, Variant)>, Failure> {
        let (sw, sh) = self.dims()?;
        let images = self.images;
        let planned: Vec<Planned> = wanted
            .iter()
            .map(|p| {
                let key = format!("{}-{}", self.hash, p.key());
                let geo = derive::geometry(sw, sh, p);
                (*p, geo, images.cache_dir.join(key))
            })
            .collect();
        let missing: Vec<&Planned> = planned.iter().filter(|(_, _, c)| !c.is_file()).collect();
        images
            .reused
            .fetch_add(planned.len() - missing.len(), Ordering::Relaxed);
        if !missing.is_empty() {
            self.encode_missing(sw, sh, &missing)?;
        }
        lock(&images.used).insert(self.src.path.clone());
        self.publish(planned)
    }

    /// Decode the photo (and scale it down once when it is wider than the
    /// widest standard width), then make and cache the `missing` derivatives in parallel.
    fn encode_missing(&mut self, sw: u32, sh: u32, missing: &[&Planned]) -> Result<(), Failure> {
        let images = self.images;
        self.decode()?;
        let widest = *WIDTHS.last().expect("widths");
        if self.work.is_none() && sw > widest {
            let full = self.decoded.as_ref().expect("decoded");
            let geo = derive::geometry(
                sw,
                sh,
                &Params {
                    op: Op::Fit,
                    width: widest,
                    height: 0,
                    format: Format::Png,
                    focus: Focus::default(),
                },
            );
            let scale = f64::from(geo.width) / f64::from(sw);
            self.work = Some((derive::resize(full, &geo)?, scale));
        }
        let (full, work) = (self.decoded.as_ref().expect("decoded"), self.work.as_ref());
        missing.par_iter().try_for_each(|(p, geo, cache)| {
            let resized = match work {
                // Only when the working copy has enough pixels for this derivative.
                Some((img, s)) if geo.crop.2 * s >= f64::from(geo.width) - 0.5 => {
                    let (l, t, w, h) = geo.crop;
                    let (ww, wh) = (f64::from(img.width()), f64::from(img.height()));
                    let (l, t) = ((l * s).min(ww - 1.0), (t * s).min(wh - 1.0));
                    let scaled = derive::Geometry {
                        crop: (l, t, (w * s).min(ww - l), (h * s).min(wh - t)),
                        ..*geo
                    };
                    derive::resize(img, &scaled)?
                }
                _ => derive::resize(full, geo)?,
            };
            let bytes = derive::encode(&resized, p.format)?;
            images.encoded.fetch_add(1, Ordering::Relaxed);
            write_cache(
                &images.cache_dir,
                &digest_path(cache),
                digest(&bytes).as_bytes(),
            )?;
            write_cache(&images.cache_dir, cache, &bytes)
        })
    }

    /// Name each cached derivative for the output and note it for publishing.
    fn publish(&self, planned: Vec<Planned>) -> Result<Vec<(Params, Variant)>, Failure> {
        let images = self.images;
        let stem = self
            .src
            .output
            .rsplit_once('.')
            .map_or(self.src.output.as_str(), |(s, _)| s)
            .to_string();
        let root = images.base.as_ref().map_or("/", |b| b.root.as_str());
        let mut produced = lock(&images.produced);
        planned
            .into_iter()
            .map(|(p, geo, cache)| {
                // Named by its bytes: two derivatives that came out the same
                // (a 3:2 photo's 960 px copy and its 960×640 thumbnail) are
                // published once, and both references point to that file.
                let output = format!(
                    "{stem}-{}x{}-{}.{}",
                    geo.width,
                    geo.height,
                    cached_digest(&images.cache_dir, &cache)?,
                    p.format.ext()
                );
                let url = format!("{root}{}", encode_path(&output));
                produced.insert(output, cache);
                Ok((
                    p,
                    Variant {
                        url,
                        width: geo.width,
                        height: geo.height,
                    },
                ))
            })
            .collect()
    }
}

/// The short content hash that names a derivative (8 hex digits of BLAKE3).
fn digest(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..8].to_string()
}

/// Where the cache keeps the [`digest`] of the derivative cached at `cache`.
fn digest_path(cache: &Path) -> PathBuf {
    let mut name = cache.as_os_str().to_owned();
    name.push(".b3");
    PathBuf::from(name)
}

/// The [`digest`] of a cached derivative: kept beside it, or computed (and
/// kept) when a cache made by an older bantin lacks it.
fn cached_digest(dir: &Path, cache: &Path) -> Result<String, Failure> {
    let kept = digest_path(cache);
    if let Ok(d) = std::fs::read_to_string(&kept)
        && d.len() == 8
        && d.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return Ok(d);
    }
    let bytes = std::fs::read(cache).map_err(|e| {
        Failure::new("photo-cache-unreadable")
            .arg("cache", cache)
            .detail(e)
    })?;
    let d = digest(&bytes);
    write_cache(dir, &kept, d.as_bytes())?;
    Ok(d)
}

/// Write a cache file atomically (another thread or build may be writing the same one).
pub(super) fn write_cache(dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write;
    let fail = |e: std::io::Error| {
        Failure::new("photo-cache-unwritable")
            .arg("folder", dir)
            .detail(e)
    };
    if !dir.is_dir() {
        std::fs::create_dir_all(dir).map_err(fail)?;
        // Keep the cache out of version control.
        if let Some(top) = dir.parent() {
            let _ = std::fs::write(top.join(".gitignore"), "*\n");
        }
    }
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
