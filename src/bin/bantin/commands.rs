//! The commands that make or publish a site: `init`, `new`, `build`,
//! `serve` — each reads its arguments, calls the library and prints in the
//! chosen language (`check` is in check.rs).

use crate::cli::{Cli, Command};
use crate::print::{ServePrinter, TermProgress, print_errors, print_foreign};
use anstream::{eprintln, println};
use anstyle::{AnsiColor, Style};
use bantin::i18n::{Messages, msg};
use bantin::{BuildOptions, Errors};
use std::io::IsTerminal;
use std::path::PathBuf;

/// The time now in Vietnam (UTC+7), for a site whose `timezone` is not known.
pub(crate) fn now() -> chrono::DateTime<chrono::FixedOffset> {
    let tz = chrono::FixedOffset::east_opt(7 * 3600).expect("valid offset");
    chrono::Utc::now().with_timezone(&tz)
}

fn green() -> Style {
    Style::new().fg_color(Some(AnsiColor::Green.into())).bold()
}

/// Runs every command but `check` (handled before, for its own exit codes).
pub(crate) fn run(cli: &Cli, m: &Messages) -> Result<(), Errors> {
    match &cli.command {
        Command::Init { dir } => init(cli, m, dir),
        Command::New {
            title,
            section,
            slug,
        } => new_article(cli, m, title, section, slug.as_deref()),
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
            build(cli, m, &opts, *timings)
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
                overlay: bantin::serve::Overlay::new(m),
            };
            serve(cli, m, opts, *timings)
        }
        // Handled by run_check, before run.
        Command::Check { .. } => Ok(()),
    }
}

/// `bantin init [DIR]`: a new site in an empty folder.
fn init(cli: &Cli, m: &Messages, dir: &PathBuf) -> Result<(), Errors> {
    let dir = if dir.as_os_str() == "." {
        cli.root.clone()
    } else {
        cli.root.join(dir)
    };
    let files = bantin::scaffold::init(&dir, now())?;
    if !cli.quiet {
        let green = green();
        let created = format!("{green}{}{green:#}", msg!(m, "done-created"));
        let shown = dir.display().to_string();
        println!(
            "{}",
            msg!(
                m,
                "init-created",
                created = created,
                dir = shown.as_str(),
                files = files.len()
            )
        );
        println!("{}", msg!(m, "init-next", dir = shown));
    }
    Ok(())
}

/// `bantin new "Tiêu đề"`: a new article file, dated now in the site's timezone.
fn new_article(
    cli: &Cli,
    m: &Messages,
    title: &str,
    section: &str,
    slug: Option<&str>,
) -> Result<(), Errors> {
    let tz = bantin::config::Config::load(&cli.root)
        .map(|c| c.timezone)
        .ok();
    let now = tz.map_or_else(now, |tz| chrono::Utc::now().with_timezone(&tz));
    let path = bantin::scaffold::new_article(&cli.root, title, section, slug, now)?;
    if !cli.quiet {
        let green = green();
        let created = format!("{green}{}{green:#}", msg!(m, "done-created"));
        let path = path.display().to_string();
        println!("{}", msg!(m, "new-created", created = created, path = path));
    }
    Ok(())
}

/// `bantin build`: publish the site, then its warnings, timings, foreign
/// files and the summary line.
fn build(cli: &Cli, m: &Messages, opts: &BuildOptions, timings: bool) -> Result<(), Errors> {
    let progress = TermProgress::new(m, !cli.quiet && std::io::stderr().is_terminal());
    let report = bantin::build(opts, &progress)?;
    if !report.warnings.is_empty() {
        print_errors(m, &Errors(report.warnings.clone()));
    }
    if timings {
        print_timings(m, &report);
    }
    print_foreign(m, &report);
    if !cli.quiet {
        let skipped = if report.skipped > 0 {
            msg!(m, "build-skipped", n = report.skipped)
        } else {
            String::new()
        };
        let green = green();
        let built = format!("{green}{}{green:#}", msg!(m, "done-built"));
        println!(
            "{}",
            msg!(
                m,
                "build-summary",
                built = built,
                articles = report.articles,
                pages = report.pages,
                attachments = report.attachments,
                seconds = m.seconds(report.elapsed.as_secs_f64()),
                output = report.output.display().to_string(),
                skipped = skipped
            )
        );
    }
    Ok(())
}

/// `--timings`: each stage's time, then what the photo and write stages did.
fn print_timings(m: &Messages, report: &bantin::BuildReport) {
    for (stage, d) in &report.timings {
        eprintln!("  {stage:<28} {:>8.1} ms", d.as_secs_f64() * 1000.0);
    }
    let i = report.images;
    eprintln!(
        "  {}",
        msg!(
            m,
            "build-timings-images",
            sources = i.sources,
            decoded = i.decoded,
            encoded = i.encoded,
            reused = i.reused
        )
    );
    let w = report.written;
    eprintln!(
        "  {}",
        msg!(
            m,
            "build-timings-output",
            written = w.written,
            unchanged = w.unchanged,
            removed = w.removed,
            compressed = w.compressed
        )
    );
}

/// `bantin serve`: preview until Ctrl-C, printing each rebuild.
fn serve(
    cli: &Cli,
    m: &Messages,
    opts: bantin::serve::ServeOptions,
    timings: bool,
) -> Result<(), Errors> {
    let timings = timings || std::env::var_os("BANTIN_TIMINGS").is_some_and(|v| v != "0");
    let printer = ServePrinter {
        quiet: cli.quiet,
        timings,
        m: Messages::new(m.lang()),
    };
    bantin::serve::serve(opts, std::sync::Arc::new(printer))
}
