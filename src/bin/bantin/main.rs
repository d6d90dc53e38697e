//! The `bantin` command: parses arguments, calls the library, prints — in
//! the reader's language. `cli` is the command line, `commands` runs
//! init/new/build/serve, `check` prints findings, `print` the rest.

mod check;
mod cli;
mod commands;
mod print;

use anstream::{eprint, eprintln};
use anstyle::{AnsiColor, Style};
use bantin::Severity;
use bantin::i18n::{Messages, msg};
use bantin::vi::Lang;
use clap::FromArgMatches;
use cli::{Cli, Command};
use std::ffi::OsString;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: a build makes millions of small
/// strings, maps and template values on every core, and with glibc's malloc
/// that took about a tenth of the CPU time (docs/performance.md, session 6).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let (lang, bad_env) = cli::choose_language(&args);
    let m = Messages::new(lang);
    let matches = match cli::localized_command(&m).try_get_matches_from(&args) {
        Ok(matches) => matches,
        Err(e) if e.use_stderr() => {
            eprint!("{}", cli::localize_clap_error(&m, &e.render().to_string()));
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
        return check::run_check(&m, &cli.root, *strict, *format, *external, *timeout);
    }
    match commands::run(&cli, &m) {
        Ok(()) => ExitCode::SUCCESS,
        Err(errors) => {
            print::print_errors(&m, &errors);
            ExitCode::FAILURE
        }
    }
}
