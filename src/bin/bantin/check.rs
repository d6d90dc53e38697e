//! `bantin check`: the findings, as lines for people or JSON for tools, in
//! the chosen language (JSON also in English), and the exit code.

use crate::cli::CheckFormat;
use anstream::print;
use anstyle::{AnsiColor, Style};
use bantin::Severity;
use bantin::i18n::{Messages, msg};
use bantin::vi::Lang;
use std::process::ExitCode;
use std::time::Duration;

/// `bantin check`: findings on stdout; exit 1 when the site does not pass.
pub(crate) fn run_check(
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
