//! What the binary prints besides a command's own lines: problems, notes
//! on files bantin did not write, serve's line per rebuild, the progress bar.

use anstream::{eprintln, println};
use anstyle::{AnsiColor, Style};
use bantin::i18n::{Messages, msg};
use bantin::{Errors, Progress, Severity};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Notes on files in the output that bantin did not write, and on leftovers
/// of an interrupted build: never deleted or kept silently.
pub(crate) fn print_foreign(m: &Messages, report: &bantin::BuildReport) {
    let cyan = Style::new().fg_color(Some(AnsiColor::Cyan.into())).bold();
    let note = msg!(m, "note");
    let out = report.output.display().to_string();
    let f = &report.foreign;
    let lists = [
        (&f.kept, "foreign-kept"),
        (&f.removed, "foreign-removed"),
        (&f.replaced, "foreign-replaced"),
    ];
    for (names, id) in lists {
        if names.is_empty() {
            continue;
        }
        let n = names.len();
        eprintln!(
            "{cyan}{note}{cyan:#}: {}",
            msg!(m, id, n = n, output = out.as_str())
        );
        for name in names.iter().take(20) {
            eprintln!("  {name}");
        }
        if n > 20 {
            eprintln!("  {}", msg!(m, "foreign-more", n = n - 20));
        }
    }
    for p in &report.leftovers {
        let path = p.display().to_string();
        eprintln!(
            "{cyan}{note}{cyan:#}: {}",
            msg!(m, "leftover-removed", path = path)
        );
    }
}

/// Prints what `bantin serve` does, one line per rebuild.
pub(crate) struct ServePrinter {
    pub(crate) quiet: bool,
    pub(crate) timings: bool,
    pub(crate) m: Messages,
}

impl ServePrinter {
    /// One line per (re)build: pages built, or what the rebuild redid and
    /// reused; then each stage's time with `--timings`.
    fn built(
        &self,
        first: bool,
        elapsed: Duration,
        changed: usize,
        stats: &bantin::session::RebuildStats,
        timings: &bantin::build::Timings,
    ) {
        let m = &self.m;
        let green = Style::new().fg_color(Some(AnsiColor::Green.into())).bold();
        // Not grouped: scripts read `rebuilt in 1234 ms` (bench/watch.py).
        let ms = format!("{:.0}", elapsed.as_secs_f64() * 1000.0);
        if first {
            let built = format!("{green}{}{green:#}", msg!(m, "done-built"));
            let pages = stats.render.rendered + stats.render.reused;
            println!(
                "{}",
                msg!(
                    m,
                    "serve-built",
                    built = built,
                    pages = pages,
                    ms = ms.as_str()
                )
            );
        } else {
            println!(
                "{}",
                msg!(
                    m,
                    "serve-rebuilt",
                    ms = ms.as_str(),
                    changed = changed,
                    rendered = stats.render.rendered,
                    reused = stats.render.reused,
                    parsed = stats.files_parsed,
                    quick = if stats.quick { "yes" } else { "no" }
                )
            );
        }
        if self.timings {
            for (stage, d) in timings {
                println!("  {stage:<28} {:>8.1} ms", d.as_secs_f64() * 1000.0);
            }
        }
    }
}

impl bantin::serve::Reporter for ServePrinter {
    fn report(&self, event: bantin::serve::Event<'_>) {
        use bantin::serve::Event;
        let m = &self.m;
        let green = Style::new().fg_color(Some(AnsiColor::Green.into())).bold();
        let yellow = Style::new().fg_color(Some(AnsiColor::Yellow.into())).bold();
        let warning = m.severity(Severity::Warning);
        match event {
            Event::PortTaken(p) => eprintln!(
                "{}",
                msg!(
                    m,
                    "serve-port-taken",
                    port = p.to_string(),
                    next = p.saturating_add(1).to_string()
                )
            ),
            Event::NotLoopback(ip) => eprintln!(
                "{yellow}{warning}{yellow:#}: {}",
                msg!(m, "serve-not-loopback", ip = ip.to_string())
            ),
            Event::Listening(url) => {
                let serving = format!("{green}{}{green:#}", msg!(m, "done-serving"));
                println!(
                    "{}",
                    msg!(m, "serve-listening", serving = serving, url = url)
                );
            }
            Event::Editor(url) => {
                let editor = format!("{green}{}{green:#}", msg!(m, "serve-editor-name"));
                println!("{}", msg!(m, "serve-editor", editor = editor, url = url));
            }
            Event::EditorOff(ip) => eprintln!(
                "{yellow}{}{yellow:#}: {}",
                msg!(m, "note"),
                msg!(m, "serve-editor-off", ip = ip.to_string())
            ),
            Event::Built {
                first,
                elapsed,
                changed,
                stats,
                timings,
                warnings,
            } => {
                if !warnings.is_empty() {
                    print_errors(m, &Errors(warnings.to_vec()));
                }
                if !self.quiet {
                    self.built(first, elapsed, changed, stats, timings);
                }
            }
            Event::Failed(errors) => {
                print_errors(m, errors);
                eprintln!("{}", msg!(m, "serve-keeps-last-good"));
            }
            Event::WatchError(e) => eprintln!(
                "{yellow}{warning}{yellow:#}: {}",
                msg!(m, "serve-watch-error", error = e)
            ),
        }
    }
}

/// Each problem as `path:line:col: lỗi: message` and `  gợi ý: …` (or
/// `error:`/`hint:`), then how many errors stopped the run.
pub(crate) fn print_errors(m: &Messages, errors: &Errors) {
    let red = Style::new().fg_color(Some(AnsiColor::Red.into())).bold();
    let yellow = Style::new().fg_color(Some(AnsiColor::Yellow.into())).bold();
    let dim = Style::new().dimmed();
    let mut n = 0;
    for d in &errors.0 {
        let style = match d.severity {
            Severity::Error => {
                n += 1;
                red
            }
            Severity::Warning => yellow,
        };
        let (message, hint) = m.problem(d);
        let severity = format!("{style}{}{style:#}", m.severity(d.severity));
        eprintln!(
            "{}",
            msg!(
                m,
                "diagnostic",
                location = d.location(),
                severity = severity,
                message = message.as_ref()
            )
        );
        if let Some(h) = hint {
            eprintln!("  {dim}{}{dim:#} {h}", msg!(m, "hint-label"));
        }
    }
    if n > 1 {
        eprintln!("{red}{}{red:#}", msg!(m, "errors-nothing-written", n = n));
    }
}

/// A progress bar that appears only when rendering takes more than a second.
pub(crate) struct TermProgress {
    enabled: bool,
    /// indicatif's template, its label from the catalog.
    template: String,
    started: Instant,
    bar: Mutex<Option<indicatif::ProgressBar>>,
    total: Mutex<u64>,
    done: std::sync::atomic::AtomicU64,
}

impl TermProgress {
    pub(crate) fn new(m: &Messages, enabled: bool) -> Self {
        let label = msg!(m, "progress-rendering", pos = "{pos}", rate = "{per_sec}");
        TermProgress {
            enabled,
            template: format!("{{spinner}} {label} {{elapsed}}"),
            started: Instant::now(),
            bar: Mutex::new(None),
            total: Mutex::new(0),
            done: Default::default(),
        }
    }
}

impl Progress for TermProgress {
    fn start(&self, pages: usize) {
        *self.total.lock().expect("not poisoned") = pages as u64;
    }

    fn advance(&self, n: usize) {
        let done = self
            .done
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed)
            + n as u64;
        if !self.enabled || self.started.elapsed() < Duration::from_secs(1) {
            return;
        }
        let mut bar = self.bar.lock().expect("not poisoned");
        let bar = bar.get_or_insert_with(|| {
            let b = indicatif::ProgressBar::new(*self.total.lock().expect("not poisoned"));
            b.set_style(
                indicatif::ProgressStyle::with_template(&self.template)
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            b
        });
        bar.set_position(done);
    }

    fn finish(&self) {
        if let Some(b) = self.bar.lock().expect("not poisoned").take() {
            b.finish_and_clear();
        }
    }
}
