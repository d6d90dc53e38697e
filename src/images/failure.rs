//! Why a picture could not be processed, told by the catalog. The stage and
//! the SVG covers report it at the place that shows the picture
//! (`content/a.jpg: …`), `share_image:` and `logo:` at their line of
//! config.yaml (`` `logo`: … ``); `resize_image` puts it in its template error.

use crate::error::{Arg, Diagnostic, Severity};
use std::fmt;
use std::path::PathBuf;

/// A failure: the catalog message `problem-<id>` and its arguments. Each of
/// these messages starts with `{ $at }`, what the failure is about followed
/// by `: ` (`content/a.jpg: `), or nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Failure {
    /// The failure told by `problem-<id>`.
    pub(crate) fn new(id: &'static str) -> Self {
        Failure {
            id,
            args: Vec::new(),
        }
    }

    /// The same failure with one more argument.
    pub(crate) fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The same failure with the words of a library or of the system (`detail`).
    pub(crate) fn detail(self, e: impl fmt::Display) -> Self {
        self.arg("detail", e.to_string())
    }

    /// The catalog id the failure is told by.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The error in the file `path`, about `at` (`content/a.jpg`, `` `logo` ``).
    pub fn problem(self, path: impl Into<PathBuf>, at: &str) -> Diagnostic {
        self.told(path, format!("{at}: "))
    }

    fn told(self, path: impl Into<PathBuf>, at: String) -> Diagnostic {
        let mut args = vec![("at", Arg::Text(at))];
        args.extend(self.args);
        Diagnostic::problem(Severity::Error, path, self.id, args)
    }
}

/// In English, about nothing: `cannot read the image: …`.
impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.clone().told("", String::new()).message)
    }
}
