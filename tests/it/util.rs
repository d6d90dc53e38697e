//! A small builder for integration tests: copy a fixture site into a temp
//! folder, change files, run the real `bantin` binary, look at the output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::rc::Rc;

pub const BIN: &str = env!("CARGO_BIN_EXE_bantin");

/// The repository root (the sample site).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture_dir(name: &str) -> PathBuf {
    repo_root().join("tests").join("fixtures").join(name)
}

/// Copy a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()))
    {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A fixture site copied into a temporary folder.
pub struct SiteTest {
    /// Shared with every [`Run`], so that the output outlives a temporary builder.
    dir: Rc<tempfile::TempDir>,
}

impl SiteTest {
    /// Copy `tests/fixtures/<name>` into a fresh temp folder.
    pub fn new(name: &str) -> SiteTest {
        let dir = tempfile::Builder::new()
            .prefix("bantin-it-")
            .tempdir()
            .unwrap();
        copy_dir(&fixture_dir(name), dir.path());
        SiteTest { dir: Rc::new(dir) }
    }

    /// An empty temp folder (for `init`).
    pub fn empty() -> SiteTest {
        SiteTest {
            dir: Rc::new(
                tempfile::Builder::new()
                    .prefix("bantin-it-")
                    .tempdir()
                    .unwrap(),
            ),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Add or replace a text file (relative to the site root).
    pub fn file(self, rel: &str, text: &str) -> SiteTest {
        self.bytes(rel, text.as_bytes())
    }

    /// Add or replace a file with exact bytes (BOM, CRLF, invalid UTF-8).
    pub fn bytes(self, rel: &str, bytes: &[u8]) -> SiteTest {
        self.write(rel, bytes);
        self
    }

    /// Like [`SiteTest::file`] without consuming the builder.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap();
    }

    /// Read a file of the site (not of the output).
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// `bantin --root <site> build <args>`.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// `bantin --root <site> <args>`.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = bantin(self.root(), args);
        Run {
            out,
            public: self.path("public"),
            _site: Some(self.dir.clone()),
        }
    }

    /// Run a build with output into `dir` (absolute) and look there.
    pub fn build_into(&self, dir: &Path, args: &[&str]) -> Run {
        let mut all = vec!["build", "--output", dir.to_str().unwrap()];
        all.extend_from_slice(args);
        let out = bantin(self.root(), &all);
        Run {
            out,
            public: dir.to_path_buf(),
            _site: Some(self.dir.clone()),
        }
    }
}

/// Run the binary with `--root <root>`, `NO_COLOR=1` and `BANTIN_LANG=en`, in the folder `root`
/// (so that a relative path can never land in the repository).
pub fn bantin(root: &Path, args: &[&str]) -> Output {
    bantin_in(root, root, args)
}

/// Run the binary with `--root <root>`, `NO_COLOR=1` and `BANTIN_LANG=en`
/// in the working folder `cwd`. The fixture sites are Vietnamese (`language:
/// vi`), so bantin would talk Vietnamese; the tests that look at its English
/// wording ask for English, and tests/it/messages.rs checks the choice.
pub fn bantin_in(cwd: &Path, root: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(cwd)
        .arg("--root")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1")
        .env("BANTIN_LANG", "en")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("run bantin")
}

/// The result of one run of the binary.
pub struct Run {
    pub out: Output,
    /// The output folder of a build.
    pub public: PathBuf,
    /// Keeps the site's temp folder alive as long as the result is looked at.
    pub _site: Option<Rc<tempfile::TempDir>>,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }

    fn describe(&self) -> String {
        format!(
            "status: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.out.status.code(),
            self.stdout(),
            self.stderr()
        )
    }

    #[track_caller]
    pub fn assert_success(&self) -> &Self {
        assert!(
            self.out.status.success(),
            "expected success\n{}",
            self.describe()
        );
        self
    }

    /// Failure with exit code 1.
    #[track_caller]
    pub fn assert_failure(&self) -> &Self {
        assert_eq!(
            self.out.status.code(),
            Some(1),
            "expected exit code 1\n{}",
            self.describe()
        );
        self
    }

    #[track_caller]
    pub fn stderr_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stderr().contains(needle),
            "stderr should contain {needle:?}\n{}",
            self.describe()
        );
        self
    }

    #[track_caller]
    pub fn stdout_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stdout().contains(needle),
            "stdout should contain {needle:?}\n{}",
            self.describe()
        );
        self
    }

    pub fn out_path(&self, rel: &str) -> PathBuf {
        self.public.join(rel)
    }

    /// A file of the output, as text.
    #[track_caller]
    pub fn file(&self, rel: &str) -> String {
        let p = self.out_path(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| {
            panic!(
                "cannot read output {rel}: {e}\nfiles: {:#?}\n{}",
                self.files(),
                self.describe()
            )
        })
    }

    pub fn has_file(&self, rel: &str) -> bool {
        self.out_path(rel).is_file()
    }

    #[track_caller]
    pub fn assert_file(&self, rel: &str) -> &Self {
        assert!(
            self.has_file(rel),
            "expected output file {rel}\nfiles: {:#?}",
            self.files()
        );
        self
    }

    #[track_caller]
    pub fn assert_file_contains(&self, rel: &str, needle: &str) -> &Self {
        let text = self.file(rel);
        assert!(
            text.contains(needle),
            "{rel} should contain {needle:?}\n--- {rel} ---\n{text}"
        );
        self
    }

    #[track_caller]
    pub fn assert_file_lacks(&self, rel: &str, needle: &str) -> &Self {
        let text = self.file(rel);
        assert!(
            !text.contains(needle),
            "{rel} should not contain {needle:?}\n--- {rel} ---\n{text}"
        );
        self
    }

    #[track_caller]
    pub fn assert_no_file(&self, rel: &str) -> &Self {
        assert!(
            !self.out_path(rel).exists(),
            "output {rel} should not exist"
        );
        self
    }

    /// Every output file, relative path → bytes.
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        snapshot_dir(&self.public)
    }

    /// Every output file with one of `exts`, as text.
    pub fn texts(&self, exts: &[&str]) -> BTreeMap<String, String> {
        self.files()
            .into_iter()
            .filter(|(p, _)| exts.iter().any(|e| p.ends_with(e)))
            .map(|(p, b)| (p, String::from_utf8(b).expect("output is UTF-8")))
            .collect()
    }

    /// The `N` of `Built N articles` in the summary line.
    pub fn articles_built(&self) -> usize {
        let s = self.stdout();
        let rest = s
            .split("Built ")
            .nth(1)
            .unwrap_or_else(|| panic!("no summary line\n{}", self.describe()));
        // Counts are grouped: `Built 5,000 articles`.
        rest.split(' ')
            .next()
            .unwrap()
            .replace(',', "")
            .parse()
            .unwrap()
    }
}

/// Every file under `dir`, relative `/`-separated path → bytes.
pub fn snapshot_dir(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd {
            let e = e.unwrap();
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The part of `html` from `<main` to `</main>` inclusive.
#[track_caller]
pub fn main_part(html: &str) -> &str {
    let start = html
        .find("<main")
        .unwrap_or_else(|| panic!("no <main> in\n{html}"));
    let end = html
        .find("</main>")
        .unwrap_or_else(|| panic!("no </main> in\n{html}"))
        + "</main>".len();
    &html[start..end]
}

/// Values of `attr="…"` attributes in `html` (plain string search).
pub fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let pat = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&pat) {
        rest = &rest[i + pat.len()..];
        let end = rest.find('"').unwrap_or(rest.len());
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

/// Byte position of `needle` in `hay`, panicking with context when absent.
#[track_caller]
pub fn pos(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found in\n{hay}"))
}

/// A minimal article file.
pub fn article(title: &str, date: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: {date}\n---\n{body}\n")
}

/// Runs `tests/browser/<script>` with Node against headless Chromium (see
/// tests/browser/README.md) and panics with its output unless it exits 0.
/// Returns what the script printed.
pub fn run_browser_script(script: &str, args: &[&str]) -> String {
    let repo = repo_root();
    let deps = Command::new("bash")
        .arg(repo.join("tools/browser-deps.sh"))
        .output()
        .expect("run tools/browser-deps.sh");
    assert!(
        deps.status.success(),
        "browser-deps.sh failed: {}",
        String::from_utf8_lossy(&deps.stderr)
    );
    let node_path = String::from_utf8_lossy(&deps.stdout).trim().to_string();
    let out = Command::new("node")
        .arg(repo.join("tests/browser").join(script))
        .args(args)
        .env("NODE_PATH", node_path)
        .output()
        .expect("run node");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "browser script {script} failed:\n{text}"
    );
    text
}
