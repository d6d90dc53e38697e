//! Photo-like test images carrying what phone photos carry: EXIF orientation,
//! camera make/model, GPS position, an XMP packet. Shared by the image tests
//! (tests/it/images.rs) and `examples/make_photo.rs` (sample site, benchmark).

#![allow(dead_code)]

use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};
use std::io::Cursor;

/// Where the "photographer" stood (a street in Buôn Ma Thuột): tests look for it.
pub const LAT: [(u32, u32); 3] = [(12, 1), (40, 1), (3125, 100)];
pub const LON: [(u32, u32); 3] = [(108, 1), (2, 1), (4750, 100)];

fn rational(v: &[(u32, u32)]) -> exif::Value {
    exif::Value::Rational(
        v.iter()
            .map(|(n, d)| exif::Rational::from((*n, *d)))
            .collect(),
    )
}

/// The TIFF structure of an EXIF block: orientation, camera, date and (optionally) GPS.
pub fn exif_tiff(orientation: u16, gps: bool) -> Vec<u8> {
    let ascii = |s: &str| exif::Value::Ascii(vec![s.as_bytes().to_vec()]);
    let mut fields = vec![
        exif::Field {
            tag: exif::Tag::Orientation,
            ifd_num: exif::In::PRIMARY,
            value: exif::Value::Short(vec![orientation]),
        },
        exif::Field {
            tag: exif::Tag::Make,
            ifd_num: exif::In::PRIMARY,
            value: ascii("TestCam"),
        },
        exif::Field {
            tag: exif::Tag::Model,
            ifd_num: exif::In::PRIMARY,
            value: ascii("Phone 12"),
        },
        exif::Field {
            tag: exif::Tag::DateTimeOriginal,
            ifd_num: exif::In::PRIMARY,
            value: ascii("2023:03:13 21:40:00"),
        },
    ];
    if gps {
        fields.extend([
            exif::Field {
                tag: exif::Tag::GPSLatitudeRef,
                ifd_num: exif::In::PRIMARY,
                value: ascii("N"),
            },
            exif::Field {
                tag: exif::Tag::GPSLatitude,
                ifd_num: exif::In::PRIMARY,
                value: rational(&LAT),
            },
            exif::Field {
                tag: exif::Tag::GPSLongitudeRef,
                ifd_num: exif::In::PRIMARY,
                value: ascii("E"),
            },
            exif::Field {
                tag: exif::Tag::GPSLongitude,
                ifd_num: exif::In::PRIMARY,
                value: rational(&LON),
            },
        ]);
    }
    let mut w = exif::experimental::Writer::new();
    for f in &fields {
        w.push_field(f);
    }
    let mut out = Cursor::new(Vec::new());
    w.write(&mut out, false).expect("write EXIF");
    out.into_inner()
}

/// A landscape-ish picture: sky gradient, sun, hills, houses, and grain, so
/// that it compresses like a photo rather than like a flat test card.
pub fn landscape(width: u32, height: u32) -> RgbImage {
    let (w, h) = (width as f32, height as f32);
    let sun = (w * 0.72, h * 0.22, h * 0.08);
    RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let mut seed = x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77);
        seed ^= seed >> 15;
        seed = seed.wrapping_mul(0x2C1B_3C6D);
        let grain = ((seed >> 24) as f32 - 128.0) / 12.0;
        let hill = h * (0.58 + 0.06 * (fx / w * 9.0).sin() + 0.03 * (fx / w * 23.0).cos());
        let house = ((fx / w * 14.0) as u32).is_multiple_of(3) && fy > hill - h * 0.09 && fy < hill;
        let (r, g, b) = if house {
            (180.0, 70.0, 50.0)
        } else if fy > hill {
            let d = (fy - hill) / h;
            (60.0 + 90.0 * d, 120.0 - 40.0 * d, 40.0)
        } else if ((fx - sun.0).powi(2) + (fy - sun.1).powi(2)).sqrt() < sun.2 {
            (255.0, 220.0, 120.0)
        } else {
            let t = fy / hill;
            (90.0 + 100.0 * t, 150.0 + 70.0 * t, 235.0 - 20.0 * t)
        };
        let c = |v: f32| (v + grain).clamp(0.0, 255.0) as u8;
        Rgb([c(r), c(g), c(b)])
    })
}

/// An APP1 XMP segment mentioning the GPS position.
fn xmp_segment() -> Vec<u8> {
    let packet = br#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="12,40.3125N" exif:GPSLongitude="108,2.475E"/></rdf:RDF></x:xmpmeta>"#;
    let header = b"http://ns.adobe.com/xap/1.0/\0";
    let mut seg = vec![0xFF, 0xE1];
    seg.extend_from_slice(&((header.len() + packet.len() + 2) as u16).to_be_bytes());
    seg.extend_from_slice(header);
    seg.extend_from_slice(packet);
    seg
}

/// A JPEG of the upright picture `img` with EXIF (orientation, camera, GPS when
/// `gps`) and an XMP packet. Like a phone held sideways, the pixels are stored
/// turned so that a viewer applying `orientation` (3, 6 or 8) shows `img` upright.
pub fn jpeg_of(img: &RgbImage, orientation: u16, gps: bool, quality: u8) -> Vec<u8> {
    use image::imageops::{rotate90, rotate180, rotate270};
    let img = &match orientation {
        3 => rotate180(img),
        6 => rotate270(img),
        8 => rotate90(img),
        _ => img.clone(),
    };
    let mut out = Vec::new();
    let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
    enc.set_exif_metadata(exif_tiff(orientation, gps))
        .expect("EXIF");
    enc.write_image(
        img.as_raw(),
        img.width(),
        img.height(),
        image::ExtendedColorType::Rgb8,
    )
    .expect("encode JPEG");
    if gps {
        let mut with_xmp = out[..2].to_vec();
        with_xmp.extend(xmp_segment());
        with_xmp.extend_from_slice(&out[2..]);
        out = with_xmp;
    }
    out
}

/// A photo-like JPEG showing a `width` × `height` upright landscape (stored turned per `orientation`).
pub fn jpeg(width: u32, height: u32, orientation: u16, gps: bool) -> Vec<u8> {
    jpeg_of(&landscape(width, height), orientation, gps, 85)
}

/// A PNG with transparency (a logo-like disc) and an eXIf chunk with GPS.
pub fn png_rgba(width: u32, height: u32) -> Vec<u8> {
    let (cx, cy, r) = (
        width as f32 / 2.0,
        height as f32 / 2.0,
        width.min(height) as f32 / 2.2,
    );
    let img = RgbaImage::from_fn(width, height, |x, y| {
        let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt();
        if d < r {
            Rgba([200, 30, 30, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    });
    let mut out = Vec::new();
    let mut enc = image::codecs::png::PngEncoder::new(&mut out);
    enc.set_exif_metadata(exif_tiff(1, true)).expect("EXIF");
    enc.write_image(img.as_raw(), width, height, image::ExtendedColorType::Rgba8)
        .expect("encode PNG");
    out
}
