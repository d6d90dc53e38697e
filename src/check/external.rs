//! `bantin check --external`: links to other sites, checked over the network
//! with a timeout, one request at a time per host (a few hosts at once), and
//! a cache in `.bantin-cache/links.json` so that links known to work are not
//! asked again until the cache entry expires.

use super::Finding;
use crate::error::Severity;
use crate::problem;
use crate::verify::pages::Place;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How to check external links.
#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// For a whole request (connect, headers).
    pub timeout: Duration,
    /// Hosts asked at the same time (each host gets one request at a time).
    pub hosts_at_once: usize,
    /// How long a working link stays in the cache; failures are never cached.
    pub max_age: Duration,
}

impl Default for ExternalOptions {
    fn default() -> Self {
        ExternalOptions {
            timeout: Duration::from_secs(10),
            hosts_at_once: 8,
            max_age: Duration::from_secs(24 * 3600),
        }
    }
}

/// The cache file, relative to the site root.
pub const CACHE_FILE: &str = ".bantin-cache/links.json";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    /// URL → when it last answered with a success (seconds since 1970).
    ok: BTreeMap<String, u64>,
}

impl Cache {
    fn load(path: &Path) -> Cache {
        // A missing or damaged cache is an empty one: it only saves time.
        std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, serde_json::to_vec_pretty(self)?)?;
        std::fs::rename(&tmp, path)
    }

    /// Remembers the links that worked (as of `now`) and forgets those that
    /// did not.
    fn update(&mut self, results: &HashMap<String, Outcome>, now: u64) {
        for (u, outcome) in results {
            if matches!(outcome, Outcome::Ok) {
                self.ok.insert(u.clone(), now);
            } else {
                self.ok.remove(u);
            }
        }
    }
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// What asking a URL gave.
#[derive(Debug)]
enum Outcome {
    Ok,
    Status(u16),
    /// No answer within the timeout.
    Timeout,
    /// The request failed: the HTTP client's words.
    Failed(String),
}

fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .to_ascii_lowercase()
}

fn ask(agent: &ureq::Agent, url: &str) -> Outcome {
    // HEAD first (no body); some servers refuse it, then GET.
    let status = match agent.head(url).call() {
        Ok(r) if matches!(r.status().as_u16(), 403 | 405 | 501) => agent.get(url).call(),
        other => other,
    };
    match status {
        Ok(r) if r.status().is_success() || r.status().is_redirection() => Outcome::Ok,
        Ok(r) => Outcome::Status(r.status().as_u16()),
        Err(ureq::Error::Timeout(_)) => Outcome::Timeout,
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

/// Check `links` (URL, where it was first written); failures become findings.
pub fn check(
    root: &Path,
    opts: &ExternalOptions,
    links: &[(String, Place)],
    findings: &mut Vec<Finding>,
) {
    let cache_path: PathBuf = root.join(CACHE_FILE);
    let mut cache = Cache::load(&cache_path);
    let now = now_secs();
    let by_host = to_ask(links, &cache, now, opts.max_age);
    let results = ask_all(by_host, opts);
    findings.extend(
        links
            .iter()
            .filter_map(|(u, at)| finding(u, at, results.get(u))),
    );
    cache.update(&results, now);
    if !results.is_empty()
        && let Err(e) = cache.save(&cache_path)
    {
        findings.push(Finding::new(
            "cache",
            problem!(
                Warning,
                &cache_path,
                "link-cache-not-saved",
                detail = e.to_string()
            ),
        ));
    }
}

/// The URLs of `links` the cache does not know to work (as of `now`,
/// entries younger than `max_age`), by host.
fn to_ask<'l>(
    links: &'l [(String, Place)],
    cache: &Cache,
    now: u64,
    max_age: Duration,
) -> HashMap<String, Vec<&'l str>> {
    let fresh = |u: &str| {
        cache
            .ok
            .get(u)
            .is_some_and(|t| now.saturating_sub(*t) < max_age.as_secs())
    };
    let mut by_host: HashMap<String, Vec<&str>> = HashMap::new();
    for (u, _) in links {
        if !fresh(u) {
            by_host.entry(host_of(u)).or_default().push(u);
        }
    }
    by_host
}

/// Asks every URL of `by_host`: a few hosts at once, one request at a time
/// per host.
fn ask_all(
    by_host: HashMap<String, Vec<&str>>,
    opts: &ExternalOptions,
) -> HashMap<String, Outcome> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .http_status_as_error(false)
        .user_agent(concat!("bantin-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let queue = Mutex::new(by_host.into_values().collect::<Vec<_>>());
    let results: Mutex<HashMap<String, Outcome>> = Mutex::new(HashMap::new());
    std::thread::scope(|s| {
        for _ in 0..opts.hosts_at_once.max(1) {
            s.spawn(|| {
                loop {
                    let Some(urls) = queue.lock().expect("not poisoned").pop() else {
                        break;
                    };
                    for u in urls {
                        let outcome = ask(&agent, u);
                        results
                            .lock()
                            .expect("not poisoned")
                            .insert(u.to_string(), outcome);
                    }
                }
            });
        }
    });
    results.into_inner().expect("not poisoned")
}

/// The finding for link `u`, first written `at`, if asking it failed: an
/// error when the page is gone (404, 410), a warning otherwise.
fn finding(u: &str, at: &Place, outcome: Option<&Outcome>) -> Option<Finding> {
    let mut d = match outcome {
        None | Some(Outcome::Ok) => return None,
        Some(Outcome::Status(code)) => {
            problem!(
                Error,
                &at.path,
                "external-link-status",
                status = code.to_string(),
                url = u
            )
        }
        Some(Outcome::Timeout) => problem!(Error, &at.path, "external-link-timeout", url = u),
        Some(Outcome::Failed(why)) => {
            problem!(
                Error,
                &at.path,
                "external-link-failed",
                detail = why,
                url = u
            )
        }
    };
    if !matches!(outcome, Some(Outcome::Status(404 | 410))) {
        d.severity = Severity::Warning;
    }
    d.line = at.line;
    d.col = at.col;
    Some(Finding::new(
        "external-link",
        d.with_hint_id("hint-open-in-browser"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(host_of("https://A.vn:8080/x?y"), "a.vn:8080");
        assert_eq!(host_of("http://b.vn"), "b.vn");
    }
}
