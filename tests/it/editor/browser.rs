//! The editor in headless Chromium (tests/browser/editor.js) against a
//! running `bantin serve` of the sample site, then `bantin build` of what it wrote.

use super::sample_site;
use crate::serve::Server;
use crate::util::run_browser_script;

const SEED: &str = "chi-dao-dieu-hanh/2023-02-15-tham-gia-dieu-tra-xa-hoi-hoc-chi-so-cai-cach-hanh-chinh-nam-2022/index.md";
const SEED_URL: &str =
    "chi-dao-dieu-hanh/tham-gia-dieu-tra-xa-hoi-hoc-chi-so-cai-cach-hanh-chinh-nam-2022/";

#[test]
fn editor_works_in_chromium_and_its_refusals_hold() {
    let server = Server::start(sample_site(), &[]);
    let root = server.site.root().to_str().unwrap().to_string();
    let out = run_browser_script("editor.js", &[&server.url, &root, SEED, SEED_URL]);
    println!("{out}");
    for step in [
        "ok - the number warning appears as you type",
        "ok - the new article is saved with its dispatch block",
        "ok - a conflict shows both versions",
        "ok - no preview while the input method composes",
        "ok - a cross-site form post is refused",
        "ok - nothing was written by the refused requests",
    ] {
        assert!(out.contains(step), "missing: {step}\n{out}");
    }
    // The article made in the browser is in the next build.
    let run = server.site.build(&[]);
    run.assert_success();
    run.assert_file_contains(
        "thong-bao/thong-bao-trien-khai-nghi-dinh-42/index.html",
        "42/2022/NĐ-CP",
    );
}
