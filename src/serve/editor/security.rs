//! The editor's guards. It writes files, so only the person at the keyboard
//! may reach it: every request must name the loopback address (or
//! `localhost`) with the server's port in `Host` (no DNS rebinding), every
//! state-changing request must carry the per-process token and an `Origin`
//! equal to the server's own, and every file name a request gives is
//! resolved and confined to `content/` ([`confine`]).

use axum::http::{HeaderMap, header};
use std::path::{Component, Path, PathBuf};

/// Largest request body the editor accepts (a long article is a few hundred KB).
pub const MAX_BODY: usize = 2 * 1024 * 1024;

/// Names Windows reserves in every folder, whatever the extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Why a request was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// `Host` is not this server's loopback address.
    Host,
    /// `Origin` missing or another site's.
    Origin,
    /// The token is missing or wrong.
    Token,
    /// A file name outside `content/` or not allowed there.
    Path(&'static str),
}

/// The per-process secret and the port the server listens on.
pub struct Guard {
    pub token: String,
    pub port: u16,
}

impl Guard {
    /// A guard with a fresh random token.
    pub fn new(port: u16) -> std::io::Result<Guard> {
        let mut bytes = [0u8; 24];
        getrandom::fill(&mut bytes).map_err(std::io::Error::other)?;
        let token = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Ok(Guard { token, port })
    }

    /// The `Host` of the request when it is `127.0.0.1`, `[::1]` or
    /// `localhost` with this server's port.
    pub fn host<'a>(&self, headers: &'a HeaderMap) -> Result<&'a str, Refusal> {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .ok_or(Refusal::Host)?;
        let port = self.port.to_string();
        let ok = ["127.0.0.1", "[::1]", "localhost"]
            .iter()
            .any(|name| host.eq_ignore_ascii_case(&format!("{name}:{port}")));
        if ok { Ok(host) } else { Err(Refusal::Host) }
    }

    /// A state-changing request: right `Host`, `Origin` of this server, and the token.
    pub fn write(&self, headers: &HeaderMap, token: &str) -> Result<(), Refusal> {
        let host = self.host(headers)?;
        let origin = headers
            .get(header::ORIGIN)
            .and_then(|h| h.to_str().ok())
            .ok_or(Refusal::Origin)?;
        if !origin.eq_ignore_ascii_case(&format!("http://{host}")) {
            return Err(Refusal::Origin);
        }
        if !constant_time_eq(token.as_bytes(), self.token.as_bytes()) {
            return Err(Refusal::Token);
        }
        Ok(())
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Check a file name relative to `content/` (`tin-tuc/bai.md`): `/`
/// separated, no `..`, `.`, empty or absolute parts, no `\`, `:` or NUL, no
/// Windows reserved names, no part ending in a dot or space, ending in `.md`.
pub fn check_rel(rel: &str) -> Result<(), Refusal> {
    if rel.is_empty() || rel.len() > 400 {
        return Err(Refusal::Path("empty or too long"));
    }
    if rel.contains(['\0', '\\', ':']) || rel.chars().any(char::is_control) {
        return Err(Refusal::Path("forbidden character"));
    }
    if rel.starts_with('/') {
        return Err(Refusal::Path("absolute"));
    }
    for part in rel.split('/') {
        if part.is_empty() || part == "." || part == ".." {
            return Err(Refusal::Path("empty, `.` or `..` part"));
        }
        if part.starts_with('.') || part.ends_with(['.', ' ']) {
            return Err(Refusal::Path("hidden or ends in a dot or space"));
        }
        let stem = part.split('.').next().unwrap_or("").trim_end();
        if RESERVED.contains(&stem.to_ascii_lowercase().as_str()) {
            return Err(Refusal::Path("reserved name"));
        }
    }
    if !rel.ends_with(".md") {
        return Err(Refusal::Path("not a Markdown file"));
    }
    Ok(())
}

/// The path of `rel` under `content` (canonical), after [`check_rel`]; its
/// folder must exist inside `content` once symlinks are resolved, and the
/// file, when it exists, must be a plain file (not a symlink).
pub fn confine(content: &Path, rel: &str) -> Result<PathBuf, Refusal> {
    check_rel(rel)?;
    let joined = content.join(rel);
    if joined.components().any(|c| {
        !matches!(
            c,
            Component::Normal(_) | Component::RootDir | Component::Prefix(_)
        )
    }) {
        return Err(Refusal::Path("not a plain path"));
    }
    let parent = joined.parent().ok_or(Refusal::Path("no folder"))?;
    let real_parent = std::fs::canonicalize(parent).map_err(|_| Refusal::Path("no such folder"))?;
    if !real_parent.starts_with(content) {
        return Err(Refusal::Path("outside content/"));
    }
    let path = real_parent.join(joined.file_name().ok_or(Refusal::Path("no name"))?);
    match std::fs::symlink_metadata(&path) {
        Ok(m) if !m.file_type().is_file() => Err(Refusal::Path("not a plain file")),
        _ => Ok(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn file_names_that_could_lead_out_are_refused() {
        for bad in [
            "../config.yaml",
            "tin-tuc/../../x.md",
            "/etc/passwd.md",
            "tin-tuc\\a.md",
            "C:/a.md",
            "tin-tuc/a\0.md",
            "tin-tuc/con.md",
            "tin-tuc/LPT1.txt.md",
            "tin-tuc//a.md",
            "./a.md",
            "tin-tuc/.hidden.md",
            "tin-tuc/a.md.",
            "tin-tuc/a.txt",
            "",
        ] {
            assert!(check_rel(bad).is_err(), "{bad:?}");
        }
        for good in [
            "tin-tuc/a.md",
            "thong-bao/Thông báo 2024.md",
            "a.md",
            "tin-tuc/bai/index.md",
        ] {
            assert_eq!(check_rel(good), Ok(()), "{good}");
        }
    }

    #[test]
    fn symlinks_out_of_content_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("tin-tuc")).unwrap();
        std::fs::write(dir.path().join("secret.md"), "x").unwrap();
        let content = std::fs::canonicalize(&content).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path(), content.join("ra")).unwrap();
            std::os::unix::fs::symlink(dir.path().join("secret.md"), content.join("tin-tuc/s.md"))
                .unwrap();
            assert!(confine(&content, "ra/secret.md").is_err());
            assert!(confine(&content, "tin-tuc/s.md").is_err());
        }
        assert_eq!(
            confine(&content, "tin-tuc/moi.md").unwrap(),
            content.join("tin-tuc/moi.md")
        );
    }

    #[test]
    fn host_origin_and_token() {
        let g = Guard {
            token: "abc".into(),
            port: 1111,
        };
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("evil.example:1111"));
        assert_eq!(g.host(&h), Err(Refusal::Host));
        h.insert(header::HOST, HeaderValue::from_static("localhost:1111"));
        assert!(g.host(&h).is_ok());
        assert_eq!(g.write(&h, "abc"), Err(Refusal::Origin));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://evil.example"),
        );
        assert_eq!(g.write(&h, "abc"), Err(Refusal::Origin));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://localhost:1111"),
        );
        assert_eq!(g.write(&h, "abd"), Err(Refusal::Token));
        assert_eq!(g.write(&h, "abc"), Ok(()));
    }
}
