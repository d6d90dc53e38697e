//! The `bantin` command: parses arguments, calls the library, prints.

use anstream::{eprintln, print, println};
use anstyle::{AnsiColor, Style};
use bantin::{BuildOptions, Errors, Progress, Severity};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// mimalloc instead of the system allocator: a build makes millions of small
/// strings, maps and template values on every core, and with glibc's malloc
/// that took about a tenth of the CPU time (docs/performance.md, session 6).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Static site generator for the news page of a Vietnamese provincial Communications Office.
#[derive(Parser)]
#[command(name = "bantin", version, about)]
struct Cli {
    /// The site folder (holding config.yaml and content/).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    /// Print only errors.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new site with one example announcement.
    Init {
        /// Folder to create the site in (must be empty or not exist).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Create a new announcement, named after its title.
    New {
        /// The title, e.g. "Hội nghị triển khai nhiệm vụ năm 2024".
        title: String,
        /// The section folder under content/.
        #[arg(long, default_value = "tin-tuc")]
        section: String,
        /// File name (without .md) instead of one made from the title.
        #[arg(long)]
        slug: Option<String>,
    },
    /// Build the site into public/.
    Build {
        /// Include articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Include articles dated in the future.
        #[arg(long)]
        future: bool,
        /// Output folder (default: public/ in the site).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Use this base URL instead of config.yaml's `base_url`.
        #[arg(long)]
        base_url: Option<String>,
        /// Print the time spent in each stage.
        #[arg(long)]
        timings: bool,
        /// Remove files in the output that bantin did not write (they are
        /// otherwise kept and named); also replaces a folder bantin does not recognize.
        #[arg(long)]
        clean: bool,
    },
    /// Preview the site with live reload (built in memory, never into public/).
    Serve {
        /// Port to listen on (the next free one if it is taken).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; anything but loopback makes the preview reachable by others.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Include articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Include articles dated in the future.
        #[arg(long)]
        future: bool,
        /// Open the preview in the default browser.
        #[arg(long)]
        open: bool,
        /// Print the time spent in each stage of every rebuild (also: BANTIN_TIMINGS=1).
        #[arg(long)]
        timings: bool,
        /// Do not serve the editor (Soạn bài) at /__bantin/soan-bai/.
        #[arg(long)]
        no_editor: bool,
    },
    /// Check the site without writing anything: links, anchors, images,
    /// attachments, front matter. Exits 1 when there are errors.
    Check {
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        /// `human` (compiler-style lines) or `json` (one JSON object per line).
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
        /// Also check links to other sites (over the network, cached in .bantin-cache/).
        #[arg(long)]
        external: bool,
        /// Seconds to wait for each external link.
        #[arg(long, default_value_t = 10.0)]
        timeout: f64,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

/// `bantin check`: findings on stdout; exit 1 when the site does not pass.
fn run_check(
    root: &std::path::Path,
    strict: bool,
    format: CheckFormat,
    external: bool,
    timeout: f64,
) -> ExitCode {
    let opts = bantin::check::CheckOptions {
        root: root.to_path_buf(),
        external: external.then(|| bantin::check::external::ExternalOptions {
            timeout: Duration::from_secs_f64(timeout.max(0.001)),
            ..Default::default()
        }),
        now: None,
    };
    let report = bantin::check::check(&opts);
    match format {
        CheckFormat::Human => print!("{}", report.human(std::io::stdout().is_terminal())),
        CheckFormat::Json => print!("{}", report.json_lines()),
    }
    if report.passes(strict) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Check {
        strict,
        format,
        external,
        timeout,
    } = &cli.command
    {
        return run_check(&cli.root, *strict, *format, *external, *timeout);
    }
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(errors) => {
            print_errors(&errors);
            ExitCode::FAILURE
        }
    }
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    let tz = chrono::FixedOffset::east_opt(7 * 3600).expect("valid offset");
    chrono::Utc::now().with_timezone(&tz)
}

fn run(cli: &Cli) -> Result<(), Errors> {
    let green = Style::new().fg_color(Some(AnsiColor::Green.into())).bold();
    match &cli.command {
        Command::Init { dir } => {
            let dir = if dir.as_os_str() == "." {
                cli.root.clone()
            } else {
                cli.root.join(dir)
            };
            let files = bantin::scaffold::init(&dir, now())?;
            if !cli.quiet {
                println!(
                    "{green}Created{green:#} a new site in {} ({} files)",
                    dir.display(),
                    files.len()
                );
                println!("Next: cd {} && bantin build", dir.display());
            }
        }
        Command::New {
            title,
            section,
            slug,
        } => {
            let tz = bantin::config::Config::load(&cli.root)
                .map(|c| c.timezone)
                .ok();
            let now = tz.map_or_else(now, |tz| chrono::Utc::now().with_timezone(&tz));
            let path =
                bantin::scaffold::new_article(&cli.root, title, section, slug.as_deref(), now)?;
            if !cli.quiet {
                println!("{green}Created{green:#} {}", path.display());
            }
        }
        Command::Build {
            drafts,
            future,
            output,
            base_url,
            timings,
            clean,
        } => {
            let opts = BuildOptions {
                root: cli.root.clone(),
                // A relative --output is relative to where the command runs, as users expect.
                output: output
                    .as_ref()
                    .map(|o| std::path::absolute(o).unwrap_or_else(|_| o.clone())),
                drafts: *drafts,
                future: *future,
                base_url: base_url.clone(),
                now: None,
                plain_asset_names: false,
                clean: *clean,
            };
            let progress = TermProgress::new(!cli.quiet && std::io::stderr().is_terminal());
            let report = bantin::build(&opts, &progress)?;
            if !report.warnings.is_empty() {
                print_errors(&Errors(report.warnings.clone()));
            }
            if *timings {
                for (stage, d) in &report.timings {
                    eprintln!("  {stage:<28} {:>8.1} ms", d.as_secs_f64() * 1000.0);
                }
                let i = report.images;
                eprintln!(
                    "  images: {} photos, {} decoded, {} encoded, {} from cache",
                    i.sources, i.decoded, i.encoded, i.reused
                );
                let w = report.written;
                eprintln!(
                    "  output: {} files written, {} unchanged, {} removed, {} compressed",
                    w.written, w.unchanged, w.removed, w.compressed
                );
            }
            print_foreign(&report);
            if !cli.quiet {
                let skipped = if report.skipped > 0 {
                    format!(", {} drafts/future left out", report.skipped)
                } else {
                    String::new()
                };
                println!(
                    "{green}Built{green:#} {} articles, {} pages, {} attachments in {:.2} s → {}{skipped}",
                    report.articles,
                    report.pages,
                    report.attachments,
                    report.elapsed.as_secs_f64(),
                    report.output.display()
                );
            }
        }
        Command::Serve {
            port,
            bind,
            drafts,
            future,
            open,
            timings,
            no_editor,
        } => {
            let opts = bantin::serve::ServeOptions {
                build: BuildOptions {
                    root: cli.root.clone(),
                    drafts: *drafts,
                    future: *future,
                    ..Default::default()
                },
                bind: *bind,
                port: *port,
                open: *open,
                editor: !*no_editor,
            };
            let timings = *timings || std::env::var_os("BANTIN_TIMINGS").is_some_and(|v| v != "0");
            let printer = ServePrinter {
                quiet: cli.quiet,
                timings,
            };
            bantin::serve::serve(opts, std::sync::Arc::new(printer))?;
        }
        // Handled by run_check, before run.
        Command::Check { .. } => {}
    }
    Ok(())
}

/// Notes on files in the output that bantin did not write, and on leftovers
/// of an interrupted build: never deleted or kept silently.
fn print_foreign(report: &bantin::BuildReport) {
    let cyan = Style::new().fg_color(Some(AnsiColor::Cyan.into())).bold();
    let out = report.output.display();
    let f = &report.foreign;
    let lists = [
        (
            &f.kept,
            "kept",
            "that bantin did not write (`bantin build --clean` removes them)",
        ),
        (&f.removed, "removed", "that bantin did not write (--clean)"),
        (
            &f.replaced,
            "replaced",
            "that bantin did not write by files of the site at the same path",
        ),
    ];
    for (names, verb, why) in lists {
        if names.is_empty() {
            continue;
        }
        let n = names.len();
        let files = if n == 1 { "file" } else { "files" };
        eprintln!("{cyan}note{cyan:#}: {verb} {n} {files} in {out} {why}:");
        for name in names.iter().take(20) {
            eprintln!("  {name}");
        }
        if n > 20 {
            eprintln!("  … and {} more", n - 20);
        }
    }
    for p in &report.leftovers {
        eprintln!(
            "{cyan}note{cyan:#}: removed {}, left by an interrupted build",
            p.display()
        );
    }
}

/// Prints what `bantin serve` does, one line per rebuild.
struct ServePrinter {
    quiet: bool,
    timings: bool,
}

impl bantin::serve::Reporter for ServePrinter {
    fn report(&self, event: bantin::serve::Event<'_>) {
        use bantin::serve::Event;
        let green = Style::new().fg_color(Some(AnsiColor::Green.into())).bold();
        let yellow = Style::new().fg_color(Some(AnsiColor::Yellow.into())).bold();
        match event {
            Event::PortTaken(p) => eprintln!("port {p} is in use, trying {}", p.saturating_add(1)),
            Event::NotLoopback(ip) => eprintln!(
                "{yellow}warning{yellow:#}: listening on {ip}: other machines on the network can see the preview (default: 127.0.0.1)"
            ),
            Event::Listening(url) => {
                println!("{green}Serving{green:#} at {url} (Ctrl-C to stop)");
            }
            Event::Editor(url) => println!("{green}Soạn bài{green:#} (editor) at {url}"),
            Event::EditorOff(ip) => eprintln!(
                "{yellow}note{yellow:#}: the editor (Soạn bài) is off: it writes files, so it is served on 127.0.0.1 or ::1 only, not on {ip}"
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
                    print_errors(&Errors(warnings.to_vec()));
                }
                if self.quiet {
                    return;
                }
                let ms = elapsed.as_secs_f64() * 1000.0;
                if first {
                    println!(
                        "{green}Built{green:#} {} pages in {ms:.0} ms (in memory, public/ is not touched)",
                        stats.render.rendered + stats.render.reused
                    );
                } else {
                    println!(
                        "rebuilt in {ms:.0} ms ({changed} files changed; {} pages rendered, {} reused; {} files parsed{})",
                        stats.render.rendered,
                        stats.render.reused,
                        stats.files_parsed,
                        if stats.quick { "; quick" } else { "" }
                    );
                }
                if self.timings {
                    for (stage, d) in timings {
                        println!("  {stage:<28} {:>8.1} ms", d.as_secs_f64() * 1000.0);
                    }
                }
            }
            Event::Failed(errors) => {
                print_errors(errors);
                eprintln!("the preview keeps showing the last good site until this is fixed");
            }
            Event::WatchError(e) => eprintln!("{yellow}warning{yellow:#}: watching files: {e}"),
        }
    }
}

fn print_errors(errors: &Errors) {
    let red = Style::new().fg_color(Some(AnsiColor::Red.into())).bold();
    let yellow = Style::new().fg_color(Some(AnsiColor::Yellow.into())).bold();
    let dim = Style::new().dimmed();
    let mut n = 0;
    for d in &errors.0 {
        let (style, word) = match d.severity {
            Severity::Error => {
                n += 1;
                (red, "error")
            }
            Severity::Warning => (yellow, "warning"),
        };
        eprintln!("{}: {style}{word}{style:#}: {}", d.location(), d.message);
        if let Some(h) = &d.hint {
            eprintln!("  {dim}hint:{dim:#} {h}");
        }
    }
    if n > 1 {
        eprintln!("{red}{n} errors{red:#}; nothing was written.");
    }
}

/// A progress bar that appears only when rendering takes more than a second.
struct TermProgress {
    enabled: bool,
    started: Instant,
    bar: Mutex<Option<indicatif::ProgressBar>>,
    total: Mutex<u64>,
    done: std::sync::atomic::AtomicU64,
}

impl TermProgress {
    fn new(enabled: bool) -> Self {
        TermProgress {
            enabled,
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
                indicatif::ProgressStyle::with_template(
                    "{spinner} rendering {pos} pages ({per_sec}) {elapsed}",
                )
                .expect("valid template"),
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
