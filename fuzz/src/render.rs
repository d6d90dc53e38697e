//! Fuzz target: one input = up to three files separated by NUL bytes:
//! `article \0 second article \0 config.yaml`. The article is
//! `content/tin-tuc/bai.md`, the second `content/tin-tuc/b/index.md` (a
//! bundle, so relative links between the two can resolve); without a third
//! part the smallest valid config is used. The whole pipeline (decode, front
//! matter, YAML, dates, model, Markdown, templates) runs in memory; any
//! panic is a finding, as is an error that names no file.

use chrono::{FixedOffset, TimeZone};

fn main() {
    let now = FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 27, 12, 0, 0)
        .unwrap();
    afl::fuzz!(|data: &[u8]| {
        let mut parts = data.splitn(3, |b| *b == 0);
        let article = parts.next().unwrap_or_default().to_vec();
        let second = parts.next();
        let config = parts
            .next()
            .unwrap_or(bantin::check::memory::DEFAULT_CONFIG.as_bytes());
        let mut files = vec![("tin-tuc/bai.md".to_string(), article)];
        if let Some(b) = second {
            files.push(("tin-tuc/b/index.md".to_string(), b.to_vec()));
            files.push(("tin-tuc/b/cv.pdf".to_string(), b"%PDF".to_vec()));
        }
        if let Err(e) = bantin::check::memory::plan_memory(config, files, now) {
            assert!(
                bantin::check::memory::all_located(&e.0),
                "unlocated error: {e:?}"
            );
        }
    });
}
