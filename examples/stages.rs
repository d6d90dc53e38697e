//! Times the CPU-bound stages of a build in one process, several rounds,
//! without writing anything: `cargo run --release --example stages -- SITE [ROUNDS]`.
//! For comparing code changes on a noisy machine (docs/performance.md).
//! It runs the build's own driver ([`bantin::build::plan_lenient`], then
//! the search index), so a new stage shows up here by itself.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// The allocator of the `bantin` binary, so the figures match a build's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: stages SITE [ROUNDS]"));
    let rounds: usize = args
        .next()
        .map_or(3, |r| r.parse().expect("a number of rounds"));
    let opts = bantin::build::BuildOptions {
        root,
        future: true,
        ..Default::default()
    };
    let mut best: BTreeMap<usize, (&'static str, f64)> = BTreeMap::new();
    for _ in 0..rounds {
        let sources = bantin::build::Sources::Folder(&opts, None);
        let mut plan = bantin::build::plan_lenient(sources, &bantin::build::Silent, None)
            .expect("the site builds");
        bantin::build::add_search(&mut plan);
        let line: Vec<String> = plan
            .timings
            .iter()
            .enumerate()
            .map(|(i, (name, d))| {
                let s = d.as_secs_f64();
                let b = best.entry(i).or_insert((name, f64::MAX));
                b.1 = b.1.min(s);
                format!("{} {s:.3}", name.trim())
            })
            .collect();
        println!("{}", line.join("  "));
    }
    let line: Vec<String> = best
        .values()
        .map(|(name, s)| format!("{} {s:.3}", name.trim()))
        .collect();
    println!("best: {}", line.join("  "));
}
