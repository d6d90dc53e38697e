//! Precompressed siblings: `x.html.gz` and `x.html.br` beside each text
//! file worth compressing, so that a static server (nginx `gzip_static`,
//! `brotli_static`) sends them without compressing on every request. Made
//! only for files whose bytes changed; an unchanged file keeps its siblings
//! from the previous build (see [`super::Writer`]).

use std::io::Write;

/// The sibling extensions, in the order they are made.
pub const SIBLINGS: [&str; 2] = ["gz", "br"];

/// Files smaller than this are not worth it (one network packet either way).
pub const MIN_SIZE: usize = 1024;

const TEXT: [&str; 10] = [
    "html",
    "css",
    "js",
    "mjs",
    "json",
    "xml",
    "svg",
    "txt",
    "webmanifest",
    "map",
];

/// Brotli's quality (0–11). A fresh build compresses every page: at 9 a
/// 5,000-article build took ten times as long (docs/output.md); 5 is several
/// times faster and still smaller than gzip's best.
const BROTLI_QUALITY: u32 = 5;
const BROTLI_WINDOW: u32 = 22;

/// gzip's level: with zlib-rs, 6 makes files within 0.1 % of level 9's on
/// this site's pages at a fraction of miniz_oxide's level-9 time.
const GZIP_LEVEL: u32 = 6;

/// Whether `rel`, `len` bytes long, gets siblings.
pub fn worth(rel: &str, len: usize) -> bool {
    len >= MIN_SIZE
        && rel
            .rsplit_once('.')
            .is_some_and(|(_, ext)| TEXT.iter().any(|t| ext.eq_ignore_ascii_case(t)))
}

/// `bytes` compressed as the sibling `ext` (`gz` or `br`).
pub fn compress(ext: &str, bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    match ext {
        "gz" => {
            let out = Vec::with_capacity(bytes.len() / 3);
            let mut enc = flate2::write::GzEncoder::new(out, flate2::Compression::new(GZIP_LEVEL));
            enc.write_all(bytes)?;
            enc.finish()
        }
        _ => {
            let mut out = Vec::with_capacity(bytes.len() / 3);
            let params = brotli::enc::BrotliEncoderParams {
                quality: BROTLI_QUALITY as i32,
                lgwin: BROTLI_WINDOW as i32,
                size_hint: bytes.len(),
                ..Default::default()
            };
            brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn siblings_decompress_to_the_same_bytes() {
        let text = "<p>Thông báo lịch tiếp công dân tháng 3</p>\n".repeat(100);
        let gz = compress("gz", text.as_bytes()).unwrap();
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
        let br = compress("br", text.as_bytes()).unwrap();
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, text.as_bytes());
        assert!(br.len() < text.len() / 5 && gz.len() < text.len() / 5);
    }

    #[test]
    fn only_text_files_over_a_kilobyte() {
        assert!(worth("tin-tuc/a/index.html", 5000));
        assert!(worth("search/index.JSON", 5000));
        assert!(!worth("robots.txt", 80));
        assert!(!worth("anh/a.jpg", 500_000));
        assert!(!worth("files/qd.pdf", 500_000));
    }
}
