//! Times the CPU-bound stages of a build in one process, several rounds,
//! without writing anything: `cargo run --release --example stages -- SITE [ROUNDS]`.
//! For comparing code changes on a noisy machine (docs/performance.md).

use std::path::PathBuf;
use std::time::Instant;

/// The allocator of the `bantin` binary, so the figures match a build's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: stages SITE [ROUNDS]"));
    let rounds: usize = args
        .next()
        .map_or(3, |r| r.parse().expect("a number of rounds"));
    let config = bantin::config::Config::load(&root).expect("config");
    let theme = bantin::theme::Theme::load(&root, &config.theme, config.language).expect("theme");
    let mut best = [f64::MAX; 4];
    let mut site = None;
    for _ in 0..rounds {
        let t = Instant::now();
        let (content, _) = bantin::load::load_with(&root, None).expect("load");
        let load = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let now = chrono::Utc::now().with_timezone(&config.timezone);
        let opts = bantin::site::ModelOptions {
            drafts: false,
            future: true,
            now,
        };
        let s = bantin::site::build(content, config.clone(), &opts).expect("model");
        let model = t.elapsed().as_secs_f64();
        let t = Instant::now();
        drop(site.take());
        let dropped = t.elapsed().as_secs_f64();
        let t = Instant::now();
        bantin::render::render_into(&s, &theme, &|_| {}, None, &|_| None).expect("render");
        let render = t.elapsed().as_secs_f64();
        let t = Instant::now();
        bantin::search::outputs_into(&s, &|_| None);
        let search = t.elapsed().as_secs_f64();
        for (b, v) in best.iter_mut().zip([load, model, render, search]) {
            *b = b.min(v);
        }
        println!(
            "load {load:.3}  model {model:.3}  render {render:.3}  search {search:.3}  (dropping the previous model {dropped:.3})"
        );
        site = Some(s);
    }
    println!(
        "best: load {:.3}  model {:.3}  render {:.3}  search {:.3}",
        best[0], best[1], best[2], best[3]
    );
}
