//! Text decoding, shared by every reader of the site's files (config, theme,
//! content, data): UTF-8 without BOM, LF line ends, NFC.

use crate::error::Diagnostic;
use crate::problem;
use crate::vi::nfc;
use std::path::Path;

/// Bytes → text as the rest of the pipeline expects it: UTF-8 without BOM,
/// LF line ends, NFC. Invalid UTF-8 is an error naming the byte offset.
pub fn decode(bytes: &[u8], shown: &Path) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // The SIMD check is several times faster on Vietnamese text (most
    // characters are 2–3 bytes); std's error gives the offset of a bad byte.
    let text = simdutf8::basic::from_utf8(bytes)
        .or_else(|_| std::str::from_utf8(bytes))
        .map_err(|e| {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            let col = at
                - bytes[..at]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |p| p + 1)
                + 1;
            // A position, not a count: written as is.
            problem!(Error, shown, "not-utf8", offset = at.to_string()).at(line, col)
        })?;
    // (The memchr crate's search is SIMD; `str::contains` is not.)
    let text = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    Ok(match nfc(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(s) => s,
    })
}
