//! The pixel work: what a derivative is ([`Params`]), its size and crop
//! ([`geometry`]), bounded decoding with EXIF orientation applied
//! ([`decode`]), resizing (`fast_image_resize`) and encoding (JPEG and PNG
//! with `image`, lossy WebP with libwebp through the `webp` crate).
//!
//! Encoders are handed bare pixels, so no derivative carries EXIF, XMP, GPS or
//! any other metadata of its source.

use super::Failure;
use fast_image_resize as fir;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use std::io::Cursor;

/// Largest photo decoded, in pixels (a 50 MP camera photo is processed; a
/// 100 MP panorama is refused). Decoding holds at most this many RGBA pixels.
pub const MAX_PIXELS: u64 = 64_000_000;
/// Longest side decoded.
pub const MAX_SIDE: u32 = 16_384;
/// Memory one decode may allocate (the decoded pixels plus codec buffers).
pub const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// Lossy quality of JPEG derivatives (0–100).
pub const JPEG_QUALITY: u8 = 82;
/// Lossy quality of WebP derivatives (0–100).
pub const WEBP_QUALITY: f32 = 80.0;
/// Bumped when the output of a given [`Params`] changes, so old cache entries are not reused.
pub const VERSION: u32 = 1;

/// An output file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Format {
    /// JPEG (`.jpg`, `.jpeg`), lossy at [`JPEG_QUALITY`].
    Jpeg,
    /// PNG (`.png`), lossless.
    Png,
    /// WebP (`.webp`); derivatives are lossy at [`WEBP_QUALITY`].
    WebP,
}

impl Format {
    /// The format of a source file, by extension (`None`: not processed, copied as is).
    pub fn from_path(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::WebP),
            _ => None,
        }
    }

    /// The extension derivatives are published with, without the dot: `jpg`, `png`, `webp`.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::WebP => "webp",
        }
    }

    /// The media type (`image/jpeg`, …), as share images declare it (`og:image:type`).
    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::WebP => "image/webp",
        }
    }
}

/// How a derivative is fitted to its requested size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    /// Scaled down (never up) to fit inside width × height (0 = no limit), ratio kept.
    Fit,
    /// Cropped around the focal point to the ratio width : height, then scaled
    /// down to width × height (never up: a small source gives a smaller image of that ratio).
    Fill,
    /// Scaled to exactly width × height, ratio not kept.
    Scale,
}

impl Op {
    /// The operation named `fit`, `fill` or `scale` (as `resize_image(op=…)`
    /// writes it); `None` for any other name.
    pub fn parse(s: &str) -> Option<Op> {
        match s {
            "fit" => Some(Op::Fit),
            "fill" => Some(Op::Fill),
            "scale" => Some(Op::Scale),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Op::Fit => "fit",
            Op::Fill => "fill",
            Op::Scale => "scale",
        }
    }
}

/// Focal point as fractions of width and height (0.5, 0.5 is the centre).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Focus {
    /// From the left edge: 0.0 is the left, 1.0 the right.
    pub x: f64,
    /// From the top edge: 0.0 is the top, 1.0 the bottom.
    pub y: f64,
}

impl Default for Focus {
    fn default() -> Self {
        Focus { x: 0.5, y: 0.5 }
    }
}

impl Focus {
    /// `"30% 40%"` (CSS `object-position` style: from the left, from the top).
    /// `None` when `s` is not two such percentages.
    pub fn parse(s: &str) -> Option<Focus> {
        let parts: Vec<&str> = s.split([' ', ',']).filter(|p| !p.is_empty()).collect();
        let [x, y] = parts[..] else {
            return None;
        };
        let pct = |p: &str| -> Option<f64> {
            let v: f64 = p.strip_suffix('%')?.trim().parse().ok()?;
            (0.0..=100.0).contains(&v).then_some(v / 100.0)
        };
        Some(Focus {
            x: pct(x)?,
            y: pct(y)?,
        })
    }

    /// Back to `"30% 40%"`.
    pub fn css(self) -> String {
        format!("{}% {}%", round2(self.x * 100.0), round2(self.y * 100.0))
    }
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// One derivative as asked for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// How the source is fitted to `width` × `height`.
    pub op: Op,
    /// Requested width in pixels (0 with [`Op::Fit`]: no limit).
    pub width: u32,
    /// Requested height in pixels (0 with [`Op::Fit`]: no limit).
    pub height: u32,
    /// The format to encode.
    pub format: Format,
    /// The point a [`Op::Fill`] crop is centred on (ignored by the other operations).
    pub focus: Focus,
}

impl Params {
    /// The part of the cache key that depends on the parameters (the other is the content hash).
    pub fn key(&self) -> String {
        let focus = if self.op == Op::Fill {
            format!("-f{:.4}_{:.4}", self.focus.x, self.focus.y)
        } else {
            String::new()
        };
        let q = match self.format {
            Format::Jpeg => format!("q{JPEG_QUALITY}"),
            Format::WebP => format!("q{WEBP_QUALITY}"),
            Format::Png => "lossless".into(),
        };
        format!(
            "v{VERSION}-{}-{}x{}{focus}-{q}.{}",
            self.op.name(),
            self.width,
            self.height,
            self.format.ext()
        )
    }
}

/// Which part of the source is used and how big the result is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    /// Crop box in source pixels: left, top, width, height.
    pub crop: (f64, f64, f64, f64),
    /// Width of the result in pixels.
    pub width: u32,
    /// Height of the result in pixels.
    pub height: u32,
}

/// Size and crop of a derivative of a `sw` × `sh` source (after orientation).
pub fn geometry(sw: u32, sh: u32, p: &Params) -> Geometry {
    let (fw, fh) = (f64::from(sw), f64::from(sh));
    let full = (0.0, 0.0, fw, fh);
    let px = |v: f64| (v.round() as u32).max(1);
    match p.op {
        Op::Fit => {
            let mut s: f64 = 1.0;
            if p.width > 0 {
                s = s.min(f64::from(p.width) / fw);
            }
            if p.height > 0 {
                s = s.min(f64::from(p.height) / fh);
            }
            Geometry {
                crop: full,
                width: px(fw * s).min(sw),
                height: px(fh * s).min(sh),
            }
        }
        Op::Scale => Geometry {
            crop: full,
            width: if p.width > 0 { p.width } else { sw },
            height: if p.height > 0 { p.height } else { sh },
        },
        Op::Fill => {
            let (tw, th) = (
                f64::from(if p.width > 0 { p.width } else { sw }),
                f64::from(if p.height > 0 { p.height } else { sh }),
            );
            let ratio = tw / th;
            let (cw, ch) = if fw / fh > ratio {
                (fh * ratio, fh)
            } else {
                (fw, fw / ratio)
            };
            let left = (p.focus.x * fw - cw / 2.0).clamp(0.0, fw - cw);
            let top = (p.focus.y * fh - ch / 2.0).clamp(0.0, fh - ch);
            // Never upscale: a crop narrower than asked gives a smaller image.
            let s = (cw / tw).min(1.0);
            Geometry {
                crop: (left, top, cw, ch),
                width: px(tw * s),
                height: px(th * s),
            }
        }
    }
}

/// Decode `bytes` within the memory bounds and turn it upright (EXIF orientation).
/// Errors are sentences for the user.
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, Failure> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Failure::new("photo-unreadable").detail(e))?;
    let Some(format) = reader.format() else {
        return Err(Failure::new("photo-not-an-image"));
    };
    if !matches!(
        format,
        image::ImageFormat::Jpeg | image::ImageFormat::Png | image::ImageFormat::WebP
    ) {
        return Err(Failure::new("photo-other-format").arg("format", format!("{format:?}")));
    }
    if format == image::ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(Failure::new("photo-truncated"));
    }
    let mut reader = reader;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(describe)?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(too_large(w, h));
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(describe)?;
    img.apply_orientation(orientation);
    // Work in 8-bit RGB or RGBA whatever the source held (grey, 16-bit PNG …).
    Ok(if img.color().has_alpha() {
        DynamicImage::ImageRgba8(img.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(img.into_rgb8())
    })
}

/// Whether a JPEG reaches its end-of-image marker (the JPEG decoder fills a
/// truncated picture with grey rather than failing). Walks the segments to
/// the first scan, so that the end marker of an embedded EXIF thumbnail does not count.
fn jpeg_is_complete(b: &[u8]) -> bool {
    let mut i = 2;
    while i + 4 <= b.len() {
        if b[i] != 0xFF {
            return false;
        }
        let marker = b[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        if marker == 0xDA {
            break;
        }
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        i += 2 + len;
    }
    b.get(i..)
        .is_some_and(|scan| scan.windows(2).any(|w| w == [0xFF, 0xD9]))
}

/// The sizes are text, written without digit grouping (`12000 × 10000`).
fn too_large(w: u32, h: u32) -> Failure {
    Failure::new("photo-too-large")
        .arg("pixels", format!("{w} × {h}"))
        .arg(
            "megapixels",
            format!("{:.0}", f64::from(w) * f64::from(h) / 1e6),
        )
        .arg("limit_mp", (MAX_PIXELS / 1_000_000).to_string())
        .arg("side", MAX_SIDE.to_string())
}

fn describe(e: image::ImageError) -> Failure {
    match e {
        image::ImageError::Limits(_) => Failure::new("photo-over-memory"),
        image::ImageError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Failure::new("photo-truncated")
        }
        e => Failure::new("photo-damaged").detail(e),
    }
}

/// Resize (and crop) `img` — 8-bit RGB or RGBA — as `geo` says.
pub fn resize(img: &DynamicImage, geo: &Geometry) -> Result<DynamicImage, Failure> {
    let mut dst = match img {
        DynamicImage::ImageRgba8(_) => DynamicImage::new_rgba8(geo.width, geo.height),
        _ => DynamicImage::new_rgb8(geo.width, geo.height),
    };
    let (l, t, w, h) = geo.crop;
    let opts = fir::ResizeOptions::new()
        .resize_alg(fir::ResizeAlg::Convolution(fir::FilterType::Lanczos3))
        .crop(l, t, w, h);
    fir::Resizer::new()
        .resize(img, &mut dst, &opts)
        .map_err(|e| Failure::new("photo-resize-failed").detail(e))?;
    Ok(dst)
}

/// Encode `img` (8-bit RGB or RGBA) as `format`, with no metadata.
pub fn encode(img: &DynamicImage, format: Format) -> Result<Vec<u8>, Failure> {
    use image::ImageEncoder;
    let (w, h) = (img.width(), img.height());
    let mut out = Vec::new();
    let err = |e: image::ImageError| Failure::new("photo-encode-failed").detail(e);
    match format {
        Format::Jpeg => {
            // JPEG has no transparency: flatten onto white.
            let rgb = match img {
                DynamicImage::ImageRgba8(rgba) => flatten(rgba),
                other => other.to_rgb8(),
            };
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
                .write_image(rgb.as_raw(), w, h, image::ExtendedColorType::Rgb8)
                .map_err(err)?;
        }
        Format::Png => {
            let (raw, color) = match img {
                DynamicImage::ImageRgba8(p) => (p.as_raw(), image::ExtendedColorType::Rgba8),
                DynamicImage::ImageRgb8(p) => (p.as_raw(), image::ExtendedColorType::Rgb8),
                _ => return Err(Failure::new("photo-pixel-type")),
            };
            image::codecs::png::PngEncoder::new(&mut out)
                .write_image(raw, w, h, color)
                .map_err(err)?;
        }
        Format::WebP => {
            let encoder = match img {
                DynamicImage::ImageRgba8(p) => webp::Encoder::from_rgba(p.as_raw(), w, h),
                DynamicImage::ImageRgb8(p) => webp::Encoder::from_rgb(p.as_raw(), w, h),
                _ => return Err(Failure::new("photo-pixel-type")),
            };
            let mem = encoder
                .encode_simple(false, WEBP_QUALITY)
                .map_err(|e| Failure::new("photo-webp-failed").detail(format!("{e:?}")))?;
            out.extend_from_slice(&mem);
        }
    }
    Ok(out)
}

fn flatten(rgba: &image::RgbaImage) -> image::RgbImage {
    image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let a = u16::from(a);
        let over = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
        image::Rgb([over(r), over(g), over(b)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(op: Op, w: u32, h: u32) -> Params {
        Params {
            op,
            width: w,
            height: h,
            format: Format::Jpeg,
            focus: Focus::default(),
        }
    }

    #[test]
    fn fit_never_upscales_and_keeps_ratio() {
        let g = geometry(4000, 3000, &p(Op::Fit, 960, 0));
        assert_eq!((g.width, g.height), (960, 720));
        let g = geometry(800, 600, &p(Op::Fit, 1600, 0));
        assert_eq!((g.width, g.height), (800, 600));
        let g = geometry(3000, 4000, &p(Op::Fit, 1000, 1000));
        assert_eq!((g.width, g.height), (750, 1000));
    }

    #[test]
    fn fill_crops_around_centre_or_focus() {
        // 4:3 landscape to 3:2: full width, 2667 high, centred.
        let g = geometry(4000, 3000, &p(Op::Fill, 600, 400));
        assert_eq!((g.width, g.height), (600, 400));
        let (l, t, w, h) = g.crop;
        assert_eq!((l, w), (0.0, 4000.0));
        assert!(
            (h - 2666.67).abs() < 0.01 && (t - 166.67).abs() < 0.01,
            "{t} {h}"
        );
        // Focus at the top edge: the crop starts at the top.
        let mut q = p(Op::Fill, 600, 400);
        q.focus = Focus { x: 0.5, y: 0.0 };
        assert_eq!(geometry(4000, 3000, &q).crop.1, 0.0);
        // Focus at 80% from the left in a portrait-to-landscape crop of a wide photo.
        let mut q = p(Op::Fill, 100, 100);
        q.focus = Focus { x: 0.8, y: 0.5 };
        let g = geometry(4000, 1000, &q);
        assert_eq!(g.crop, (2700.0, 0.0, 1000.0, 1000.0));
        // Clamped at the right edge.
        q.focus.x = 1.0;
        assert_eq!(geometry(4000, 1000, &q).crop.0, 3000.0);
    }

    #[test]
    fn fill_of_small_source_is_smaller_not_upscaled() {
        let g = geometry(600, 600, &p(Op::Fill, 1200, 630));
        assert_eq!((g.width, g.height), (600, 315));
    }

    #[test]
    fn focus_parses_percentages() {
        assert_eq!(Focus::parse("30% 40%").unwrap(), Focus { x: 0.3, y: 0.4 });
        assert_eq!(Focus::parse("100%,0%").unwrap(), Focus { x: 1.0, y: 0.0 });
        assert!(Focus::parse("30 40").is_none());
        assert!(Focus::parse("130% 40%").is_none());
        assert!(Focus::parse("left").is_none());
        assert_eq!(Focus { x: 0.3, y: 0.4 }.css(), "30% 40%");
    }

    #[test]
    fn cache_keys_differ_by_every_parameter() {
        let a = p(Op::Fill, 640, 427);
        let mut keys = vec![a.key()];
        let mut b = a;
        b.width = 641;
        keys.push(b.key());
        let mut b = a;
        b.format = Format::WebP;
        keys.push(b.key());
        let mut b = a;
        b.focus.x = 0.3;
        keys.push(b.key());
        let mut b = a;
        b.op = Op::Scale;
        keys.push(b.key());
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n, "{keys:?}");
        assert_eq!(
            p(Op::Fit, 960, 0).key(),
            format!("v{VERSION}-fit-960x0-q{JPEG_QUALITY}.jpg")
        );
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::from_path("a/B.JPG"), Some(Format::Jpeg));
        assert_eq!(Format::from_path("x.webp"), Some(Format::WebP));
        assert_eq!(Format::from_path("x.svg"), None);
        assert_eq!(Format::from_path("noext"), None);
    }

    fn jpeg_with_orientation(w: u32, h: u32, orientation: u16) -> Vec<u8> {
        // Left half red, right half blue, so that a rotation is visible.
        let img = image::RgbImage::from_fn(w, h, |x, _| {
            if x < w / 2 {
                image::Rgb([250, 0, 0])
            } else {
                image::Rgb([0, 0, 250])
            }
        });
        let mut plain = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90)
            .encode_image(&img)
            .unwrap();
        let field = exif::Field {
            tag: exif::Tag::Orientation,
            ifd_num: exif::In::PRIMARY,
            value: exif::Value::Short(vec![orientation]),
        };
        let mut w = exif::experimental::Writer::new();
        w.push_field(&field);
        let mut tiff = Cursor::new(Vec::new());
        w.write(&mut tiff, false).unwrap();
        let tiff = tiff.into_inner();
        // SOI, then an APP1 "Exif" segment, then the rest of the JPEG.
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&((tiff.len() + 8) as u16).to_be_bytes());
        out.extend_from_slice(b"Exif\0\0");
        out.extend_from_slice(&tiff);
        out.extend_from_slice(&plain[2..]);
        out
    }

    #[test]
    fn exif_orientation_is_applied() {
        // Orientation 6: the camera was turned; the picture must be rotated 90° clockwise.
        let img = decode(&jpeg_with_orientation(64, 32, 6)).unwrap();
        assert_eq!((img.width(), img.height()), (32, 64));
        // The left (red) half is now on top.
        let top = img.to_rgb8().get_pixel(16, 4).0;
        let bottom = img.to_rgb8().get_pixel(16, 60).0;
        assert!(top[0] > 200 && top[2] < 50, "{top:?}");
        assert!(bottom[2] > 200 && bottom[0] < 50, "{bottom:?}");
        let upright = decode(&jpeg_with_orientation(64, 32, 1)).unwrap();
        assert_eq!((upright.width(), upright.height()), (64, 32));
    }

    #[test]
    fn bad_inputs_are_sentences_not_panics() {
        assert!(
            decode(b"hello, not a photo")
                .unwrap_err()
                .to_string()
                .contains("not an image")
        );
        let good = jpeg_with_orientation(64, 64, 1);
        assert!(
            decode(&good[..good.len() / 2])
                .unwrap_err()
                .to_string()
                .contains("truncated")
        );
        assert!(decode(&good).is_ok());
        assert!(decode(&good[..40]).is_err());
    }

    #[test]
    fn encoders_round_trip_sizes() {
        let img = DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
            40,
            30,
            image::Rgba([10, 200, 30, 128]),
        ));
        for f in [Format::Jpeg, Format::Png, Format::WebP] {
            let bytes = encode(&img, f).unwrap();
            let back = image::load_from_memory(&bytes).unwrap();
            assert_eq!((back.width(), back.height()), (40, 30), "{f:?}");
        }
        let small = resize(&img, &geometry(40, 30, &p(Op::Fill, 20, 20))).unwrap();
        assert_eq!((small.width(), small.height()), (20, 20));
    }
}
