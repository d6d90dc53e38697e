//! What parsing every body once more costs, to decide whether the stages
//! should share one parse (issue 19, point 5): `cargo run --release --example
//! parse_passes -- SITE [ROUNDS]`. Loads the site through the build's own
//! load stage, then times, over every article body, with the Markdown options
//! every stage uses:
//!
//! - `walk`: one pass over the events (what each extra stage pays today:
//!   photos, JSON, search, citations, check);
//! - `offsets`: the same with byte ranges (what render and check ask for);
//! - `keep`: collecting the events with their ranges into vectors, as sharing
//!   one parse between stages would have to (and the bytes that holds).
//!
//! Compare `walk` with the build's own `--timings` on the same site.

use pulldown_cmark::Parser;
use std::path::PathBuf;
use std::time::Instant;

/// The allocator of the `bantin` binary, so the figures match a build's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: parse_passes SITE [ROUNDS]"));
    let rounds: usize = args.next().map_or(5, |r| r.parse().expect("a number"));
    let (content, _) = bantin::load::load(&root).expect("the site loads");
    let bodies: Vec<&str> = content.documents.iter().map(|d| d.body()).collect();
    let bytes: usize = bodies.iter().map(|b| b.len()).sum();
    println!("{} bodies, {:.1} MB of Markdown", bodies.len(), bytes as f64 / 1e6);
    let options = bantin::markdown::options();
    let mut best = [f64::MAX; 3];
    let mut kept_bytes = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        let events: usize = bodies
            .iter()
            .map(|b| Parser::new_ext(b, options).count())
            .sum();
        best[0] = best[0].min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let ranges: usize = bodies
            .iter()
            .map(|b| Parser::new_ext(b, options).into_offset_iter().count())
            .sum();
        best[1] = best[1].min(t.elapsed().as_secs_f64());
        assert_eq!(events, ranges);
        let t = Instant::now();
        let kept: Vec<Vec<_>> = bodies
            .iter()
            .map(|b| Parser::new_ext(b, options).into_offset_iter().collect())
            .collect();
        best[2] = best[2].min(t.elapsed().as_secs_f64());
        kept_bytes = kept
            .iter()
            .map(|v| v.capacity() * std::mem::size_of::<(pulldown_cmark::Event<'_>, std::ops::Range<usize>)>())
            .sum::<usize>();
        println!("{events} events");
    }
    println!(
        "best of {rounds}, one thread: walk {:.3} s  offsets {:.3} s  keep {:.3} s ({:.0} MB of events, strings not counted)",
        best[0],
        best[1],
        best[2],
        kept_bytes as f64 / 1e6
    );
}
