//! The hosting guide, tested: a real nginx (installed by `.ci/run`) runs the
//! guide's own configuration (`docs/hosting/nginx.conf`, read here, so doc
//! and test cannot drift) on a loopback port, with its workers as
//! `www-data` as on a real server, and serves a built fixture site (photos,
//! attachments, registry, search) under a sub-path. Every URL found by
//! crawling from the home page and the sitemap, and every published file,
//! must answer 200 with the right Content-Type (UTF-8 for text), the
//! cache header for its kind, and its bytes.

use crate::util::{SiteTest, attr_values, repo_root};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SUB: &str = "/tin-tuc-ttt/";
/// The placeholders of the guide's configuration the test replaces.
const GUIDE_LISTEN: &str = "listen 80;";
const GUIDE_DIR: &str = "/var/www/tin-tuc-ttt/";
const YEAR: &str = "public, max-age=31536000, immutable";
const MINUTES: &str = "public, max-age=300";

/// A running nginx, stopped when dropped.
struct Nginx {
    child: Child,
    port: u16,
    prefix: tempfile::TempDir,
}

impl Drop for Nginx {
    /// SIGTERM, so that the master stops its workers too (a SIGKILL would
    /// leave them running, holding the port); SIGKILL only if it hangs.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let until = Instant::now() + Duration::from_secs(10);
        while Instant::now() < until {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Nginx {
    /// nginx with the guide's configuration, serving `public` at `SUB` on `port`.
    fn start(public: &Path, port: u16) -> Nginx {
        let nginx = which("nginx").expect("nginx is not installed (`.ci/run` installs it)");
        let guide = std::fs::read_to_string(repo_root().join("docs/hosting/nginx.conf"))
            .expect("docs/hosting/nginx.conf");
        assert!(guide.contains(GUIDE_LISTEN) && guide.contains(GUIDE_DIR));
        let server = guide
            .replace(GUIDE_LISTEN, &format!("listen 127.0.0.1:{port};"))
            .replace(GUIDE_DIR, &format!("{}/", public.display()));
        let prefix = tempfile::tempdir().unwrap();
        let p = prefix.path();
        std::fs::write(p.join("site.conf"), server).unwrap();
        // Workers drop to www-data as on a server, so that a file the
        // world cannot read answers 403 here too.
        let user = if is_root() { "user www-data;\n" } else { "" };
        let temp: String = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
            .iter()
            .map(|t| format!("    {t}_temp_path {}/{t};\n", p.display()))
            .collect();
        let main = format!(
            "{user}worker_processes 1;\npid {p}/nginx.pid;\nerror_log {p}/error.log;\n\
             events {{ worker_connections 64; }}\nhttp {{\n    include /etc/nginx/mime.types;\n    \
             default_type application/octet-stream;\n    access_log {p}/access.log;\n{temp}    \
             include {p}/site.conf;\n}}\n",
            p = p.display()
        );
        std::fs::write(p.join("nginx.conf"), main).unwrap();
        let child = Command::new(nginx)
            .arg("-p")
            .arg(p)
            .arg("-c")
            .arg(p.join("nginx.conf"))
            .args(["-g", "daemon off;"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start nginx");
        let mut n = Nginx {
            child,
            port,
            prefix,
        };
        n.wait_ready();
        n
    }

    fn wait_ready(&mut self) {
        let until = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            if let Some(status) = self.child.try_wait().unwrap() {
                let mut err = String::new();
                if let Some(mut e) = self.child.stderr.take() {
                    let _ = e.read_to_string(&mut err);
                }
                panic!("nginx exited ({status}): {err}\n{}", self.log());
            }
            assert!(
                Instant::now() < until,
                "nginx did not listen\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.prefix.path().join("error.log")).unwrap_or_default()
    }

    fn get(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        request(self.port, path, headers)
    }
}

fn which(cmd: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .chain(["/usr/sbin", "/sbin"])
        .map(|d| Path::new(d).join(cmd))
        .find(|p| p.is_file())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

struct Response {
    status: u16,
    /// Lower-cased names.
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }
}

/// One HTTP/1.1 request with `Connection: close`, read to the end.
fn request(port: u16, path: &str, headers: &[(&str, &str)]) -> Response {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect to nginx");
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let extra: String = headers
        .iter()
        .map(|(k, v)| format!("{k}: {v}\r\n"))
        .collect();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n{extra}\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read the response");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("{path}: no header end"));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

/// A free loopback port (bound, then released for nginx).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The Content-Type a file must be served with, by its name.
fn expected_type(path: &str) -> &'static str {
    let ext = if path.ends_with('/') {
        "html"
    } else {
        path.rsplit_once('.').map_or("", |(_, e)| e)
    };
    match ext {
        "html" => "text/html; charset=utf-8",
        "xml" => "text/xml; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "application/javascript; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "ico" => "image/x-icon",
        "png" => "image/png",
        "jpg" => "image/jpeg",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        other => panic!("{path}: no expected type for .{other}"),
    }
}

/// The output file a URL path under `SUB` names (folders: their index.html).
fn file_of(url: &str) -> String {
    let rel = url.strip_prefix(SUB).expect("under the sub-path");
    let rel = percent_encoding::percent_decode_str(rel)
        .decode_utf8()
        .expect("UTF-8 path")
        .into_owned();
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel
    }
}

/// Root-relative URL paths a page or the sitemap links to on this host.
fn links(body: &str, origin: &str) -> Vec<String> {
    let mut found: Vec<&str> = Vec::new();
    for attr in ["href", "src", "content"] {
        found.extend(attr_values(body, attr));
    }
    for set in attr_values(body, "srcset") {
        found.extend(set.split(',').filter_map(|c| c.split_whitespace().next()));
    }
    for loc in body.split("<loc>").skip(1) {
        found.extend(loc.split("</loc>").next());
    }
    found
        .into_iter()
        .map(|u| u.replace("&amp;", "&"))
        .map(|u| u.strip_prefix(origin).map(str::to_string).unwrap_or(u))
        .filter(|u| u.starts_with('/') && !u.starts_with("//"))
        .map(|u| u.split(['#', '?']).next().unwrap().to_string())
        .collect()
}

/// The bundle fixture (attachments, a draft) with a lead photo and a body
/// photo, documents registry and search, built for `base`.
fn built_site(base: &str) -> (SiteTest, PathBuf) {
    let site = SiteTest::new("bundle")
        .file(
            "content/tin-tuc/anh-hoi-nghi/index.md",
            "---\ntitle: \"Hội nghị có ảnh\"\ndate: 2024-03-01T08:00:00+07:00\nimage: anh.jpg\nimage_alt: \"Quang cảnh hội nghị\"\ndispatch:\n  number: \"12/KH-UBND\"\n  kind: \"Kế hoạch\"\n  issued: 2024-02-28\n  issuer: \"UBND tỉnh Đắk Lắk\"\n  file: \"ke-hoach.pdf\"\n---\nĐoạn mở đầu có `mã`.\n\n![Đại biểu](than-bai.jpg)\n\n```rust\nfn main() {}\n```\n",
        )
        .bytes(
            "content/tin-tuc/anh-hoi-nghi/anh.jpg",
            &crate::images::photo_gen::jpeg(1500, 1000, 6, true),
        )
        .bytes(
            "content/tin-tuc/anh-hoi-nghi/than-bai.jpg",
            &crate::images::photo_gen::jpeg(800, 600, 1, true),
        )
        .bytes(
            "content/tin-tuc/anh-hoi-nghi/ke-hoach.pdf",
            b"%PDF-1.4\n%%EOF\n",
        );
    let out = site.root().join("public");
    site.build_into(&out, &["--base-url", base])
        .assert_success();
    (site, out)
}

#[test]
fn the_guides_nginx_serves_every_url_of_a_site_in_a_sub_path() {
    let port = free_port();
    let origin = format!("http://127.0.0.1:{port}");
    let (site, public) = built_site(&format!("{origin}{SUB}"));
    // The test's own temporary folder must let www-data in; what bantin
    // wrote inside it is left exactly as the build made it.
    let mut dir = public.parent().unwrap();
    while dir.starts_with(std::env::temp_dir()) && dir != std::env::temp_dir() {
        make_traversable(dir);
        dir = dir.parent().unwrap();
    }
    let nginx = Nginx::start(&public, port);

    // Crawl from the home page.
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut todo: VecDeque<String> = [SUB.to_string(), format!("{SUB}sitemap.xml")].into();
    let mut problems = Vec::new();
    while let Some(url) = todo.pop_front() {
        if !seen.insert(url.clone()) {
            continue;
        }
        let r = nginx.get(&url, &[]);
        problems.extend(check(&public, &url, &r));
        let ty = r.header("content-type");
        if r.status == 200 && (ty.starts_with("text/html") || ty.starts_with("text/xml")) {
            for link in links(&String::from_utf8_lossy(&r.body), &origin) {
                if link.starts_with(SUB) {
                    todo.push_back(link);
                } else {
                    problems.push(format!("{url} links to {link}, outside {SUB}"));
                }
            }
        }
    }
    assert!(
        seen.len() > 40
            && seen.iter().any(|u| u.ends_with(".webp"))
            && seen.iter().any(|u| u.ends_with(".pdf"))
            && seen.iter().any(|u| u.ends_with(".css"))
            && seen.iter().any(|u| u.ends_with(".webmanifest")),
        "the crawl found too little: {seen:#?}"
    );
    // Every published file, linked or not (the search index, JSON data).
    for rel in crate::util::snapshot_dir(&public).into_keys() {
        let hidden = rel.split('/').any(|s| s.starts_with('.'));
        if hidden || rel.ends_with(".gz") || rel.ends_with(".br") {
            continue;
        }
        let url = format!("{SUB}{}", encode(&rel));
        if !seen.contains(&url) {
            problems.extend(check(&public, &url, &nginx.get(&url, &[])));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}\n--- nginx error.log ---\n{}",
        problems.len(),
        problems.join("\n"),
        nginx.log()
    );
    not_found_and_internal(&nginx, &public);
    compressed(&nginx, &public);
    drop(site);
}

/// The problems of one response for `url`: status, type, cache header, bytes.
fn check(public: &Path, url: &str, r: &Response) -> Vec<String> {
    if r.status != 200 {
        return vec![format!("{url}: {}", r.status)];
    }
    let mut out = Vec::new();
    let want = expected_type(url);
    if r.header("content-type") != want {
        out.push(format!(
            "{url}: Content-Type {:?}, expected {want:?}",
            r.header("content-type")
        ));
    }
    let file = file_of(url);
    let hashed = {
        let name = file.rsplit('/').next().unwrap();
        let parts: Vec<&str> = name.split(['.', '-']).collect();
        parts.len() > 2 && {
            let h = parts[parts.len() - 2];
            h.len() == 8 && h.bytes().all(|b| b.is_ascii_hexdigit())
        }
    };
    let cache = if hashed { YEAR } else { MINUTES };
    if r.header("cache-control") != cache {
        out.push(format!(
            "{url}: Cache-Control {:?}, expected {cache:?}",
            r.header("cache-control")
        ));
    }
    match std::fs::read(public.join(&file)) {
        Ok(bytes) if bytes == r.body => {}
        Ok(_) => out.push(format!("{url}: the body differs from {file}")),
        Err(e) => out.push(format!("{url}: served, but {file}: {e}")),
    }
    out
}

/// An unknown URL gets the site's 404 page; the build marker and other
/// dot files are never served.
fn not_found_and_internal(nginx: &Nginx, public: &Path) {
    let r = nginx.get(&format!("{SUB}khong-co-trang-nay/"), &[]);
    assert_eq!(r.status, 404);
    assert_eq!(r.header("content-type"), "text/html; charset=utf-8");
    assert_eq!(
        r.body,
        std::fs::read(public.join("404.html")).unwrap(),
        "the site's 404 page"
    );
    if public.join(".bantin-build").exists() {
        println!(
            "NOTE: the build marker is still inside the output folder (the write stage moves it \
             out); nginx must refuse it all the same"
        );
    }
    for path in [".bantin-build", ".bantin-cache/images/x", "tin-tuc/.an"] {
        let r = nginx.get(&format!("{SUB}{path}"), &[]);
        assert_eq!(r.status, 404, "{path} must not be served");
    }
    // The site's folder itself redirects to the slash form.
    let r = nginx.get(SUB.trim_end_matches('/'), &[]);
    assert_eq!(r.status, 301);
    assert!(r.header("location").ends_with(SUB), "{:?}", r.headers);
}

/// A `.gz` beside a file goes to browsers that accept gzip, and only to them.
fn compressed(nginx: &Nginx, public: &Path) {
    let gz = crate::util::snapshot_dir(public)
        .into_keys()
        .filter(|p| p.ends_with(".gz"))
        .min_by_key(|p| !p.ends_with(".css.gz"));
    let Some(gz) = gz else {
        println!(
            "NOTE: skipped the Content-Encoding check: this build has no .gz files yet \
             (the write stage's precompression makes them)"
        );
        return;
    };
    let rel = gz.strip_suffix(".gz").unwrap();
    let url = format!("{SUB}{}", encode(rel));
    let r = nginx.get(&url, &[("Accept-Encoding", "gzip, deflate, br")]);
    assert_eq!(r.status, 200, "{url}");
    assert_eq!(
        r.header("content-encoding"),
        "gzip",
        "{url}: {:?}",
        r.headers
    );
    assert_eq!(
        r.body,
        std::fs::read(public.join(&gz)).unwrap(),
        "{url}: the .gz bytes"
    );
    assert_eq!(r.header("content-type"), expected_type(&url));
    assert!(
        r.header("vary").contains("Accept-Encoding"),
        "{:?}",
        r.headers
    );
    let plain = nginx.get(&url, &[]);
    assert_eq!(
        plain.header("content-encoding"),
        "",
        "{url} without Accept-Encoding"
    );
    assert_eq!(plain.body, std::fs::read(public.join(rel)).unwrap());
}

/// A relative output path as a URL path (what a browser would send).
fn encode(rel: &str) -> String {
    use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
    const PATH: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}');
    utf8_percent_encode(rel, PATH).to_string()
}

/// Let others into a folder of the test's own (the temp folder is 0700).
fn make_traversable(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir).unwrap().permissions().mode();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode | 0o055)).unwrap();
}

#[test]
fn the_guide_quotes_its_configuration_files_exactly() {
    let guide = std::fs::read_to_string(repo_root().join("docs/hosting.md")).unwrap();
    let (vi, en) = guide
        .split_once("\n## English\n")
        .expect("a Vietnamese and an English part");
    for (file, lang) in [
        ("nginx.conf", "nginx"),
        ("apache.conf", "apache"),
        ("web.config", "xml"),
    ] {
        let text = std::fs::read_to_string(repo_root().join("docs/hosting").join(file)).unwrap();
        let block = format!("```{lang}\n{text}```\n");
        assert!(
            vi.contains(&block),
            "the Vietnamese part does not quote {file} as it is"
        );
        assert!(
            en.contains(&block),
            "the English part does not quote {file} as it is"
        );
    }
}

#[test]
fn the_iis_web_config_in_content_is_published_as_well_formed_xml() {
    let config = std::fs::read_to_string(repo_root().join("docs/hosting/web.config")).unwrap();
    let r = SiteTest::new("bundle")
        .file("content/web.config", &config)
        .build(&[]);
    r.assert_success();
    let published = r.file("web.config");
    assert_eq!(published, config);
    let doc = roxmltree::Document::parse(&published).expect("web.config is well-formed XML");
    let mime: BTreeMap<&str, &str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("mimeMap"))
        .map(|n| {
            (
                n.attribute("fileExtension").unwrap(),
                n.attribute("mimeType").unwrap(),
            )
        })
        .collect();
    for ext in [".webp", ".json", ".webmanifest", ".br", ".html", ".xml"] {
        assert!(mime.contains_key(ext), "no MIME type for {ext}");
    }
    for (ext, ty) in &mime {
        if ty.starts_with("text/") || ty.contains("json") {
            assert!(ty.ends_with("; charset=utf-8"), "{ext}: {ty}");
        }
    }
    let error = doc
        .descendants()
        .find(|n| n.has_tag_name("error") && n.attribute("statusCode") == Some("404"))
        .expect("a 404 page");
    assert_eq!(error.attribute("path"), Some("/tin-tuc-ttt/404.html"));
    assert!(
        doc.descendants()
            .any(|n| n.has_tag_name("add") && n.attribute("value") == Some("index.html")),
        "index.html as the default document"
    );
}
