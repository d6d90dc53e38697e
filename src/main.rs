//! The `bantin` command: parses arguments, calls the library, prints.

use anstream::{eprintln, println};
use anstyle::{AnsiColor, Style};
use bantin::{BuildOptions, Errors, Progress, Severity};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
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
            }
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
    }
    Ok(())
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
