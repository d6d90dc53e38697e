//! The `bantin` command: parses arguments, calls the library, prints.

use anstream::{eprintln, print, println};
use anstyle::{AnsiColor, Style};
use bantin::i18n::{LangSources, Messages, msg};
use bantin::vi::Lang;
use bantin::{BuildOptions, Errors, Progress, Severity};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::ffi::OsString;
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
    /// Language of the messages: vi or en.
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
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
enum LangArg {
    Vi,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

/// The catalog message of each command's about and each flag's help,
/// as (subcommand, argument id, message); "" is the command itself.
/// The doc comments above stay as the English source for `cargo doc`.
const CLI_HELP: &[(&str, &str, &str)] = &[
    ("", "", "cli-about"),
    ("", "root", "cli-root"),
    ("", "quiet", "cli-quiet"),
    ("", "lang", "cli-lang"),
    ("init", "", "cli-init"),
    ("init", "dir", "cli-init-dir"),
    ("new", "", "cli-new"),
    ("new", "title", "cli-new-title"),
    ("new", "section", "cli-new-section"),
    ("new", "slug", "cli-new-slug"),
    ("build", "", "cli-build"),
    ("build", "drafts", "cli-drafts"),
    ("build", "future", "cli-future"),
    ("build", "output", "cli-build-output"),
    ("build", "base_url", "cli-build-base-url"),
    ("build", "timings", "cli-build-timings"),
    ("build", "clean", "cli-build-clean"),
    ("serve", "", "cli-serve"),
    ("serve", "port", "cli-serve-port"),
    ("serve", "bind", "cli-serve-bind"),
    ("serve", "drafts", "cli-drafts"),
    ("serve", "future", "cli-future"),
    ("serve", "open", "cli-serve-open"),
    ("serve", "timings", "cli-serve-timings"),
    ("serve", "no_editor", "cli-serve-no-editor"),
    ("check", "", "cli-check"),
    ("check", "strict", "cli-check-strict"),
    ("check", "format", "cli-check-format"),
    ("check", "external", "cli-check-external"),
    ("check", "timeout", "cli-check-timeout"),
];

/// The command line with its texts from the catalog: about and help of
/// every command and flag, the headings, `[default: …]` and the possible
/// values. (clap's own errors, such as an unknown flag, stay English: the
/// crate has no way to translate them.)
fn localized_command(m: &Messages) -> clap::Command {
    let mut cmd = Cli::command();
    for (sub, arg, id) in CLI_HELP {
        // clap's style: no full stop at the end of a help line.
        let text = m.get(id, None);
        let text = text.strip_suffix('.').unwrap_or(&text).to_string();
        let apply = |c: clap::Command| match *arg {
            "" => c.about(text.clone()),
            arg => c.mut_arg(arg, |a| a.help(text.clone())),
        };
        cmd = match *sub {
            "" => apply(cmd),
            sub => cmd.mut_subcommand(sub, apply),
        };
    }
    // Global flags are copied into the subcommands, and `--help`, `--version`
    // and `help` are added, when the command is built.
    cmd.build();
    localize_tree(cmd, m)
}

fn localize_tree(mut cmd: clap::Command, m: &Messages) -> clap::Command {
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        msg!(m, "cli-usage")
    );
    let options = msg!(m, "cli-options");
    let arguments = msg!(m, "cli-arguments");
    cmd = cmd
        .help_template(template)
        .subcommand_help_heading(msg!(m, "cli-commands"))
        .mut_args(|a| {
            let heading = if a.is_positional() {
                &arguments
            } else {
                &options
            };
            let mut notes = Vec::new();
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            let takes_value = a.get_action().takes_values();
            if takes_value && !defaults.is_empty() && !a.is_hide_default_value_set() {
                notes.push(msg!(m, "cli-default", value = defaults.join(", ")));
            }
            let values: Vec<String> = a
                .get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .collect();
            let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
            if !values.is_empty() && !a.is_hide_possible_values_set() && !help.is_empty() {
                notes.push(msg!(m, "cli-values", values = values.join(", ")));
            }
            let help = match a.get_id().as_str() {
                "help" => msg!(m, "cli-help"),
                "version" => msg!(m, "cli-version"),
                _ => help,
            };
            let help = if notes.is_empty() {
                help
            } else {
                format!("{help} [{}]", notes.join("] ["))
            };
            a.help_heading(heading.clone())
                .hide_default_value(true)
                .hide_possible_values(true)
                .help(help)
        });
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |s| {
            let s = if name == "help" {
                s.about(msg!(m, "cli-help-command"))
            } else {
                s
            };
            localize_tree(s, m)
        });
    }
    cmd
}

/// clap's error for a wrong command line, with its frame in the catalog's
/// words: `error:`, `tip:`, `Usage:` and the closing line. What went wrong
/// (`unexpected argument '--x' found`) stays clap's English: the crate
/// cannot translate it.
fn localize_clap_error(m: &Messages, text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = if let Some(rest) = line.strip_prefix("error: ") {
            format!("{}: {rest}", m.severity(Severity::Error))
        } else if let Some(rest) = line.strip_prefix("  tip: ") {
            format!("  {} {rest}", msg!(m, "hint-label"))
        } else if let Some(rest) = line.strip_prefix("Usage: ") {
            format!("{} {rest}", msg!(m, "cli-usage"))
        } else if line.starts_with("For more information, try '") {
            let help = line.split('\'').nth(1).unwrap_or("--help");
            msg!(m, "cli-more-info", help = help)
        } else {
            line.to_string()
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// What the language depends on, read from the raw arguments before clap
/// parses them (the help clap prints is already in that language):
/// `--lang`, `--root`, and whether the command is `init`.
fn early_args(args: &[OsString]) -> (Option<Lang>, PathBuf, bool) {
    let (mut lang, mut root, mut command) = (None, PathBuf::from("."), None);
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let a = a.to_string_lossy();
        if let Some(v) = a.strip_prefix("--lang=") {
            lang = bantin::i18n::parse(v);
        } else if a == "--lang" {
            lang = it
                .next()
                .and_then(|v| bantin::i18n::parse(&v.to_string_lossy()));
        } else if let Some(v) = a.strip_prefix("--root=") {
            root = PathBuf::from(v);
        } else if a == "--root" {
            root = it.next().map(PathBuf::from).unwrap_or(root);
        } else if !a.starts_with('-') && command.is_none() {
            command = Some(a.into_owned());
        }
    }
    (lang, root, command.as_deref() == Some("init"))
}

/// The messages' language ([`bantin::i18n::choose`]); the site's `language`
/// is read only when `--lang` and `BANTIN_LANG` leave it open, and never for
/// `init` (which makes a site rather than working in one). Also returns a
/// `BANTIN_LANG` that is neither `vi` nor `en`, to warn about.
fn choose_language(args: &[OsString]) -> (Lang, Option<String>) {
    let (flag, root, init) = early_args(args);
    let var = |name: &str| std::env::var(name).ok();
    let env = var("BANTIN_LANG").filter(|v| !v.trim().is_empty());
    let bad_env = env.clone().filter(|v| bantin::i18n::parse(v).is_none());
    let site = if flag.is_some() || (env.is_some() && bad_env.is_none()) || init {
        None
    } else {
        bantin::config::Config::load(&root).ok().map(|c| c.language)
    };
    let (lc_all, lc_messages, lang) = (var("LC_ALL"), var("LC_MESSAGES"), var("LANG"));
    let lang = bantin::i18n::choose(LangSources {
        flag,
        env: env.as_deref(),
        site,
        lc_all: lc_all.as_deref(),
        lc_messages: lc_messages.as_deref(),
        lang: lang.as_deref(),
    });
    (lang, bad_env)
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

/// `bantin check`: findings on stdout; exit 1 when the site does not pass.
fn run_check(
    m: &Messages,
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
        CheckFormat::Human => print!("{}", check_human(m, &report)),
        CheckFormat::Json => print!("{}", check_json(m, &report)),
    }
    if report.passes(strict) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Compiler-style lines (`path:line:col: lỗi: message [code]`, then
/// `  gợi ý: …`) and a summary line, in the chosen language.
fn check_human(m: &Messages, report: &bantin::check::Report) -> String {
    use std::fmt::Write;
    let red = Style::new().fg_color(Some(AnsiColor::Red.into())).bold();
    let yellow = Style::new().fg_color(Some(AnsiColor::Yellow.into())).bold();
    let green = Style::new().fg_color(Some(AnsiColor::Green.into())).bold();
    let dim = Style::new().dimmed();
    let mut out = String::new();
    for f in &report.findings {
        let d = &f.diag;
        let style = match d.severity {
            Severity::Error => red,
            Severity::Warning => yellow,
        };
        let (message, hint) = m.problem(d);
        let line = msg!(
            m,
            "diagnostic-coded",
            location = d.location(),
            severity = format!("{style}{}{style:#}", m.severity(d.severity)),
            message = message.as_ref(),
            code = f.code
        );
        let _ = writeln!(out, "{line}");
        if let Some(h) = hint {
            let _ = writeln!(out, "  {dim}{}{dim:#} {h}", msg!(m, "hint-label"));
        }
    }
    let (e, w) = (report.errors(), report.warnings());
    let seen = msg!(
        m,
        "check-seen",
        pages = report.pages,
        links = report.links,
        seconds = m.seconds(report.elapsed.as_secs_f64())
    );
    let line = if e + w == 0 {
        let ok = format!("{green}{}{green:#}", msg!(m, "check-no-problems"));
        msg!(m, "check-ok", ok = ok, seen = seen)
    } else {
        let style = if e > 0 { red } else { yellow };
        let counts = msg!(m, "check-counts", errors = e, warnings = w);
        let counts = format!("{style}{counts}{style:#}");
        msg!(m, "check-problems", counts = counts, seen = seen)
    };
    let _ = writeln!(out, "{line}");
    out
}

/// One JSON object per finding (its stable `code`, `message` and `hint` in
/// the chosen language, `message_en` and `hint_en` in English), then the
/// summary line.
fn check_json(m: &Messages, report: &bantin::check::Report) -> String {
    let en = Messages::new(Lang::En);
    let mut out = String::new();
    for f in &report.findings {
        let mut v = f.to_json();
        let (message, hint) = m.problem(&f.diag);
        let (message_en, hint_en) = en.problem(&f.diag);
        v["message"] = message.as_ref().into();
        v["hint"] = hint.as_deref().into();
        v["message_en"] = message_en.as_ref().into();
        v["hint_en"] = hint_en.as_deref().into();
        out.push_str(&v.to_string());
        out.push('\n');
    }
    out.push_str(&report.summary_json().to_string());
    out.push('\n');
    out
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let (lang, bad_env) = choose_language(&args);
    let m = Messages::new(lang);
    let matches = match localized_command(&m).try_get_matches_from(&args) {
        Ok(matches) => matches,
        Err(e) if e.use_stderr() => {
            eprint!("{}", localize_clap_error(&m, &e.render().to_string()));
            std::process::exit(e.exit_code());
        }
        Err(e) => e.exit(),
    };
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    // `--lang` after the subcommand is seen by clap only; it decides too.
    let m = match cli.lang.map(Lang::from) {
        Some(l) if l != m.lang() => Messages::new(l),
        _ => m,
    };
    if let Some(value) = bad_env {
        let yellow = Style::new().fg_color(Some(AnsiColor::Yellow.into())).bold();
        let warning = m.severity(Severity::Warning);
        eprintln!(
            "{yellow}{warning}{yellow:#}: {}",
            msg!(m, "lang-env-unknown", value = value)
        );
    }
    if let Command::Check {
        strict,
        format,
        external,
        timeout,
    } = &cli.command
    {
        return run_check(&m, &cli.root, *strict, *format, *external, *timeout);
    }
    match run(&cli, &m) {
        Ok(()) => ExitCode::SUCCESS,
        Err(errors) => {
            print_errors(&m, &errors);
            ExitCode::FAILURE
        }
    }
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    let tz = chrono::FixedOffset::east_opt(7 * 3600).expect("valid offset");
    chrono::Utc::now().with_timezone(&tz)
}

fn run(cli: &Cli, m: &Messages) -> Result<(), Errors> {
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
                let created = format!("{green}{}{green:#}", msg!(m, "done-created"));
                let path = path.display().to_string();
                println!("{}", msg!(m, "new-created", created = created, path = path));
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
            let progress = TermProgress::new(m, !cli.quiet && std::io::stderr().is_terminal());
            let report = bantin::build(&opts, &progress)?;
            if !report.warnings.is_empty() {
                print_errors(m, &Errors(report.warnings.clone()));
            }
            if *timings {
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
            print_foreign(m, &report);
            if !cli.quiet {
                let skipped = if report.skipped > 0 {
                    msg!(m, "build-skipped", n = report.skipped)
                } else {
                    String::new()
                };
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
            let timings = *timings || std::env::var_os("BANTIN_TIMINGS").is_some_and(|v| v != "0");
            let printer = ServePrinter {
                quiet: cli.quiet,
                timings,
                m: Messages::new(m.lang()),
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
fn print_foreign(m: &Messages, report: &bantin::BuildReport) {
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
struct ServePrinter {
    quiet: bool,
    timings: bool,
    m: Messages,
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
                if self.quiet {
                    return;
                }
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
fn print_errors(m: &Messages, errors: &Errors) {
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
struct TermProgress {
    enabled: bool,
    /// indicatif's template, its label from the catalog.
    template: String,
    started: Instant,
    bar: Mutex<Option<indicatif::ProgressBar>>,
    total: Mutex<u64>,
    done: std::sync::atomic::AtomicU64,
}

impl TermProgress {
    fn new(m: &Messages, enabled: bool) -> Self {
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
