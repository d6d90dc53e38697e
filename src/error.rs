//! Errors that say where they happened.
//!
//! Every stage reports problems as [`Diagnostic`]s: a file, a line and column
//! counted from the top of that file, and what was expected. A stage that can
//! find several problems (loading every article, rendering every page) collects
//! them all into [`Errors`] so that one run reports everything.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The problem fails the run (`bantin build` and `bantin check` exit non-zero).
    Error,
    /// Reported, but the build goes on and writes its output.
    Warning,
}

/// One problem, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether the problem fails the run or is only reported.
    pub severity: Severity,
    /// The file, as the user knows it (relative to the site root where possible).
    pub path: PathBuf,
    /// 1-based line, counted from the top of the file.
    pub line: Option<usize>,
    /// 1-based column.
    pub col: Option<usize>,
    /// What is wrong and what was expected, one line, without the location.
    pub message: String,
    /// A one-line suggestion, e.g. the closest known key.
    pub hint: Option<String>,
    /// What kind of problem this is, stable across wordings and languages
    /// (`broken-link`, `unknown-key`, …; see docs/check.md); empty when the
    /// producer gave none ([`Diagnostic::code`] then names the severity).
    pub kind: &'static str,
    /// The catalog message this problem is told with: `problem-<id>` in
    /// `src/i18n/problems/*.ftl`, rendered with [`Diagnostic::args`] in the
    /// reader's language (`message` and `hint` hold the English). Set by
    /// [`problem!`](crate::problem), the only way the library makes a
    /// problem (words from outside bantin, such as a parser's, are one of
    /// its arguments); empty only in unit tests.
    pub id: &'static str,
    /// The catalog message of the hint, rendered with the same arguments:
    /// the problem's own id for its standing hint `problem-<id>-hint`, or
    /// another id `h` for `problem-<h>` (a suggestion that depends on the case).
    pub hint_id: Option<&'static str>,
    /// The values the message and hint are rendered with, by name.
    pub args: Vec<(&'static str, Arg)>,
}

/// A value in a problem's message: text as it is, or a count the language
/// writes in its own way (`5.000` / `5,000`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Shown as is: a path, a key, a URL, a date.
    Text(String),
    /// A count, grouped as the language groups digits.
    Count(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

impl From<&Path> for Arg {
    fn from(p: &Path) -> Self {
        Arg::Text(p.display().to_string())
    }
}

impl From<&PathBuf> for Arg {
    fn from(p: &PathBuf) -> Self {
        Arg::Text(p.display().to_string())
    }
}

macro_rules! count_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
count_args!(usize, u64, u32, u16, u8, i64, i32);

impl Diagnostic {
    /// A problem told in the words of the caller rather than the catalog:
    /// for tests only. Producers use [`problem!`](crate::problem), which
    /// also lets the reader have it in their language (a test in
    /// `i18n::tests` fails on any other way of making one).
    #[cfg(test)]
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            col: None,
            message: message.into(),
            hint: None,
            kind: "",
            id: "",
            hint_id: None,
            args: Vec::new(),
        }
    }

    /// A warning in the caller's words: for tests only, as [`Diagnostic::error`].
    #[cfg(test)]
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(path, message)
        }
    }

    /// The same problem placed at a 1-based `line` and `col` of its file.
    pub fn at(mut self, line: usize, col: usize) -> Self {
        self.line = Some(line);
        self.col = Some(col);
        self
    }

    /// The same problem with a stable code (`broken-link`, …).
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.kind = code;
        self
    }

    /// The problem's stable code: the one its producer gave, else
    /// `build-error` or `build-warning`.
    pub fn code(&self) -> &'static str {
        match (self.kind, self.severity) {
            ("", Severity::Error) => "build-error",
            ("", Severity::Warning) => "build-warning",
            (code, _) => code,
        }
    }

    /// The same problem with a suggestion in the caller's words: for tests
    /// only (producers give a catalog hint, `problem-<id>-hint`).
    #[cfg(test)]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `path:line:col` as editors and terminals understand it.
    pub fn location(&self) -> String {
        let p = self.path.display();
        match (self.line, self.col) {
            (Some(l), Some(c)) => format!("{p}:{l}:{c}"),
            (Some(l), None) => format!("{p}:{l}"),
            _ => format!("{p}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {sev}: {}", self.location(), self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {h}")?;
        }
        Ok(())
    }
}

/// What was being done to a file when an I/O error happened (told by
/// [`Diagnostic::io_op`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoOp {
    /// Reading a file's bytes.
    Read,
    /// Writing a file.
    Write,
    /// Renaming into place (the path is the destination).
    Rename,
    /// Copying a file.
    Copy,
    /// Creating a folder (and its parents).
    CreateFolder,
    /// Listing the entries of a folder.
    ListFolder,
    /// Removing a file or folder.
    Remove,
    /// Reading a file's size, type or dates.
    Inspect,
}

/// Everything a run found wrong. Never empty when returned as an error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Errors(pub Vec<Diagnostic>);

impl Errors {
    /// A run that found exactly one problem.
    pub fn one(d: Diagnostic) -> Self {
        Errors(vec![d])
    }

    /// Errors first, sorted by file and line, so output is stable.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (a.severity != Severity::Error, &a.path, a.line, a.col).cmp(&(
                b.severity != Severity::Error,
                &b.path,
                b.line,
                b.col,
            ))
        });
        self
    }
}

impl From<Diagnostic> for Errors {
    fn from(d: Diagnostic) -> Self {
        Errors(vec![d])
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

/// The known name closest to a misspelt one, if any is close enough to suggest.
pub fn closest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(unknown, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_closest_key() {
        assert_eq!(closest("tittle", &["title", "date", "tags"]), Some("title"));
        assert_eq!(closest("categroy", &["category", "tags"]), Some("category"));
        assert_eq!(closest("zzzzzz", &["title", "date"]), None);
    }

    #[test]
    fn io_errors_say_what_was_done_to_which_file() {
        let full = std::io::Error::from_raw_os_error(28);
        let d = Diagnostic::io_op(IoOp::Write, Path::new("public/a/index.html"), &full);
        let text = d.to_string();
        assert!(
            text.starts_with("public/a/index.html: error: cannot write the file: "),
            "{text}"
        );
        assert!(!text.contains("access"), "{text}");
        let d = Diagnostic::io_op(IoOp::Rename, Path::new("public"), &full);
        assert!(d.message.starts_with("cannot rename into place: "), "{d}");
        let d = Diagnostic::io_op(IoOp::CreateFolder, Path::new("public/x"), &full);
        assert!(d.message.starts_with("cannot create the folder: "), "{d}");
    }

    #[test]
    fn a_problem_has_its_producers_code_or_its_severitys() {
        let d = Diagnostic::error("a.md", "link target not found: `x`").with_code("broken-link");
        assert_eq!(d.code(), "broken-link");
        assert_eq!(Diagnostic::error("a.md", "x").code(), "build-error");
        assert_eq!(Diagnostic::warning("a.md", "x").code(), "build-warning");
        // The code is not part of the text.
        assert_eq!(d.to_string(), "a.md: error: link target not found: `x`");
    }

    #[test]
    fn displays_location() {
        let d = Diagnostic::error("content/a.md", "expected a date").at(3, 7);
        assert_eq!(d.to_string(), "content/a.md:3:7: error: expected a date");
    }
}
