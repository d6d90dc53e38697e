//! Problems told from the catalog. A producer says *what* went wrong — a
//! message id and its arguments — with [`problem!`](crate::problem):
//!
//! ```
//! use bantin::problem;
//! let d = problem!(Error, "content/tin-tuc/a.md", "file-exists").with_code("file-exists");
//! assert_eq!(d.message, "the file already exists and was left untouched");
//! assert_eq!(d.hint.as_deref(), Some("choose another title, or give a file name with --slug"));
//! let vi = bantin::i18n::Messages::new(bantin::vi::Lang::Vi);
//! assert_eq!(vi.problem(&d).0, "tệp này đã có nên được giữ nguyên, không ghi đè");
//! ```
//!
//! The catalog holds `problem-<id>` and, when the problem has a standing
//! suggestion, `problem-<id>-hint` (a hint that depends on the case is
//! chosen with [`Diagnostic::with_hint_id`]). The English text is rendered
//! once, when the problem is made, into `message` and `hint`, so `Display`,
//! tests and logs read English; the binary renders the same id and
//! arguments again in the reader's language ([`Messages::problem`]).
//!
//! The entries live by stage in `problems/{input,content,pages,output}.*.ftl`.
//! An argument that is a count (the language groups its digits, Fluent
//! chooses `one`/`other` by it) has one of the names in [`COUNTS`] and is
//! passed as a number; every other argument is text, shown as given.

use super::{FluentArgs, Messages};
use crate::error::IoOp;
use crate::error::{Arg, Diagnostic, Severity};
use crate::vi::Lang;
use std::borrow::Cow;
use std::path::Path;
use std::path::PathBuf;
use std::sync::LazyLock;

/// The argument names that are counts in problem messages; any other
/// argument is text.
pub const COUNTS: &[&str] = &[
    "n", "count", "max", "min", "limit", "line", "col", "width", "height", "bytes", "chars",
    "words",
];

/// The English catalog, for the `message` and `hint` every problem carries.
static ENGLISH: LazyLock<Messages> = LazyLock::new(|| Messages::new(Lang::En));

impl Diagnostic {
    /// A problem told by the catalog message `problem-<id>` with `args`
    /// (use [`problem!`](crate::problem)). Its hint is `problem-<id>-hint`
    /// when the catalog has one.
    pub fn problem(
        severity: Severity,
        path: impl Into<PathBuf>,
        id: &'static str,
        args: Vec<(&'static str, Arg)>,
    ) -> Self {
        let mut d = Diagnostic {
            severity,
            path: path.into(),
            line: None,
            col: None,
            message: String::new(),
            hint: None,
            kind: "",
            id,
            hint_id: None,
            args,
        };
        if ENGLISH.has(&hint_key(id)) {
            d.hint_id = Some(id);
        }
        d.english()
    }

    /// The same problem with the hint `problem-<id>` of the catalog instead
    /// of its standing one (a suggestion that depends on the case).
    pub fn with_hint_id(mut self, id: &'static str) -> Self {
        self.hint_id = Some(id);
        self.english()
    }

    /// The same problem with one more argument (for its hint, say).
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self.english()
    }

    /// `message` and `hint` rendered in English from the id and arguments.
    fn english(mut self) -> Self {
        let (message, hint) = ENGLISH.problem(&self);
        let (message, hint) = (message.into_owned(), hint.map(Cow::into_owned));
        self.message = message;
        if self.hint_id.is_some() {
            self.hint = hint;
        }
        self
    }
}

impl Diagnostic {
    /// An I/O failure on `path` when no [`IoOp`] says more (prefer
    /// [`Diagnostic::io_op`]); `err` is the system's own text.
    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        crate::problem!(Error, path, "input-output-error", detail = err.to_string())
    }

    /// `op` failed on `path`: "cannot write the file: No space left on device".
    pub fn io_op(op: IoOp, path: &Path, err: &std::io::Error) -> Self {
        let detail = Arg::from(err.to_string());
        Diagnostic::problem(Severity::Error, path, op.what(), vec![("detail", detail)])
    }
}

impl IoOp {
    /// The catalog id of the problem "`self` failed".
    fn what(self) -> &'static str {
        match self {
            IoOp::Read => "cannot-read-file",
            IoOp::Write => "cannot-write-file",
            IoOp::Rename => "cannot-rename-into-place",
            IoOp::Copy => "cannot-copy-file",
            IoOp::CreateFolder => "cannot-create-folder",
            IoOp::ListFolder => "cannot-list-folder",
            IoOp::Remove => "cannot-remove",
            IoOp::Inspect => "cannot-inspect-file",
        }
    }
}

/// The catalog id of a problem's standing hint.
fn hint_key(id: &str) -> String {
    format!("problem-{id}-hint")
}

impl Messages {
    /// A problem's message and hint in this language, rendered from the
    /// catalog (a problem made by hand in a unit test, without an id, keeps
    /// its own words).
    pub fn problem<'d>(&self, d: &'d Diagnostic) -> (Cow<'d, str>, Option<Cow<'d, str>>) {
        if d.id.is_empty() {
            return (
                Cow::Borrowed(&d.message),
                d.hint.as_deref().map(Cow::Borrowed),
            );
        }
        let args = self.args(&d.args);
        let message = self.get(&format!("problem-{}", d.id), Some(&args));
        let hint = match d.hint_id {
            Some(h) if h == d.id => Some(self.get(&hint_key(h), Some(&args))),
            Some(h) => Some(self.get(&format!("problem-{h}"), Some(&args))),
            None => None,
        };
        (
            Cow::Owned(message),
            hint.map(Cow::Owned)
                .or(d.hint.as_deref().map(Cow::Borrowed)),
        )
    }

    fn args<'a>(&self, args: &'a [(&'static str, Arg)]) -> FluentArgs<'a> {
        let mut out = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(s) => out.set(*name, s.as_str()),
                Arg::Count(n) => out.set(*name, *n),
            }
        }
        out
    }
}

/// `problem!(Error, path, "id", name = value, …)`: a [`Diagnostic`] told by
/// the catalog message `problem-<id>` with those arguments (see
/// [`crate::i18n::problem`]). The severity is `Error` or `Warning`.
#[macro_export]
macro_rules! problem {
    ($severity:ident, $path:expr, $id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::error::Diagnostic::problem(
            $crate::error::Severity::$severity,
            $path,
            $id,
            vec![$((stringify!($name), $crate::error::Arg::from($value))),*],
        )
    };
}
