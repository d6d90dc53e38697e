//! The command line: clap's definition, its help and errors in the chosen
//! language (from the catalog), and the choice of that language.

use bantin::Severity;
use bantin::i18n::{LangSources, Messages, msg};
use bantin::vi::Lang;
use clap::{CommandFactory, Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;

/// Static site generator for the news page of a Vietnamese provincial Communications Office.
#[derive(Parser)]
#[command(name = "bantin", version, about)]
pub(crate) struct Cli {
    /// The site folder (holding config.yaml and content/).
    #[arg(long, global = true, default_value = ".")]
    pub(crate) root: PathBuf,
    /// Print only errors.
    #[arg(long, short, global = true)]
    pub(crate) quiet: bool,
    /// Language of the messages: vi or en.
    #[arg(long, global = true, value_enum)]
    pub(crate) lang: Option<LangArg>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
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
pub(crate) enum LangArg {
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
pub(crate) fn localized_command(m: &Messages) -> clap::Command {
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
pub(crate) fn localize_clap_error(m: &Messages, text: &str) -> String {
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
pub(crate) fn choose_language(args: &[OsString]) -> (Lang, Option<String>) {
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
pub(crate) enum CheckFormat {
    Human,
    Json,
}
