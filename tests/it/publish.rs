//! Publishing the output (issues 17 and 18): modes every server can read,
//! nothing of bantin's inside, all or nothing under SIGKILL and a full disk,
//! output folders as servers have them (`..`, symlinks, mount points), files
//! bantin did not write kept and named, precompressed siblings.

use crate::util::*;
use std::collections::BTreeMap;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::time::{Duration, Instant};

#[path = "photo_gen.rs"]
#[allow(dead_code)]
mod photo_gen;

/// Every entry under `dir` with a mode other than 0644 (files) or 0755 (folders).
fn bad_modes(dir: &Path) -> Vec<String> {
    let mut bad = Vec::new();
    for e in walkdir::WalkDir::new(dir).min_depth(1) {
        let e = e.unwrap();
        let mode = e.metadata().unwrap().mode() & 0o7777;
        let want = if e.file_type().is_dir() { 0o755 } else { 0o644 };
        if mode != want {
            bad.push(format!("{} {mode:o}", e.path().display()));
        }
    }
    bad
}

/// A site with photos (derivatives come from the 0600 temporary files of the
/// image cache) and an attachment that is 0600 in content/.
fn photo_site() -> SiteTest {
    let site = SiteTest::new("minimal")
        .file(
            "content/tin-tuc/anh/index.md",
            "---\ntitle: \"Tin ảnh\"\ndate: 2024-03-01\nimage: dai-dien.jpg\nimage_alt: \"Hội nghị\"\n---\nẢnh ![Đại biểu](than.jpg)\n\nTải [tệp](rieng.pdf).\n",
        )
        .bytes(
            "content/tin-tuc/anh/dai-dien.jpg",
            &photo_gen::jpeg(900, 600, 1, false),
        )
        .bytes(
            "content/tin-tuc/anh/than.jpg",
            &photo_gen::jpeg(700, 500, 1, false),
        )
        .bytes("content/tin-tuc/anh/rieng.pdf", b"%PDF-1.4\n%%EOF\n");
    let pdf = site.path("content/tin-tuc/anh/rieng.pdf");
    std::fs::set_permissions(&pdf, std::fs::Permissions::from_mode(0o600)).unwrap();
    site
}

#[test]
fn every_published_file_is_0644_and_every_folder_0755() {
    let site = photo_site();
    let r = site.build(&[]);
    r.assert_success();
    let files = r.files();
    assert!(
        files
            .keys()
            .any(|k| k.contains("-") && k.ends_with(".webp"))
    );
    assert!(files.contains_key("tin-tuc/anh/rieng.pdf"));
    let public = site.path("public");
    assert_eq!(public.metadata().unwrap().mode() & 0o7777, 0o755);
    assert_eq!(bad_modes(&public), Vec::<String>::new());
    // The cache really holds 0600 files: the rule is the writer's.
    let cached = walkdir::WalkDir::new(site.path(".bantin-cache/images"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .any(|e| e.metadata().unwrap().mode() & 0o777 == 0o600);
    assert!(cached, "the image cache no longer writes 0600 files");

    // A rebuild (files linked from the first build), and one whose previous
    // output an older build or a person left 0600.
    for f in walkdir::WalkDir::new(&public).into_iter().flatten() {
        if f.file_type().is_file() {
            std::fs::set_permissions(f.path(), std::fs::Permissions::from_mode(0o600)).unwrap();
        }
    }
    let text = site.read("content/tin-tuc/anh/index.md");
    site.write("content/tin-tuc/anh/index.md", text + "\nThêm.\n");
    site.build(&[]).assert_success();
    assert_eq!(bad_modes(&public), Vec::<String>::new());
}

#[test]
fn nothing_of_bantins_is_inside_the_output() {
    let site = SiteTest::new("bundle");
    site.build(&[]).assert_success();
    site.build(&[]).assert_success();
    let inside = bantin_names(&site.path("public"));
    assert!(inside.is_empty(), "{inside:?}");
    // The record is beside it.
    assert!(site.path(".public.bantin-files").is_file());
}

#[test]
fn an_older_output_with_the_marker_is_recognized_and_the_marker_dropped() {
    let site = SiteTest::new("minimal");
    site.build(&[]).assert_success();
    // As older bantin left it: a marker and a temporary file inside, no record.
    std::fs::remove_file(site.path(".public.bantin-files")).unwrap();
    site.write("public/.bantin-build", "Built by bantin.\n");
    site.write("public/tin-tuc/.index.html.bantin-tmp", "");
    site.write("public/bai-cu/index.html", "an article since deleted");
    let r = site.build(&[]);
    r.assert_success();
    r.assert_no_file(".bantin-build")
        .assert_no_file("tin-tuc/.index.html.bantin-tmp")
        .assert_no_file("bai-cu/index.html");
    assert!(!r.stderr().contains("note:"), "{}", r.stderr());
    assert!(site.path(".public.bantin-files").is_file());
    // Without marker or record the folder is not bantin's: refused.
    std::fs::remove_file(site.path(".public.bantin-files")).unwrap();
    site.build(&[])
        .assert_failure()
        .stderr_contains("refusing to replace a folder")
        .stderr_contains("--clean");
}

/// `n` articles of some length, `variant` changing every body.
fn big_site(n: usize) -> SiteTest {
    let site = SiteTest::new("minimal");
    write_articles(&site, n, "a");
    site
}

fn write_articles(site: &SiteTest, n: usize, variant: &str) {
    let body = "Nội dung thông báo của Sở về lịch tiếp công dân định kỳ. ".repeat(40);
    for i in 0..n {
        let skip = if variant == "a" { n - 1 } else { 0 };
        let path = format!("content/tin-tuc/bai-{i}.md");
        if i == skip {
            let _ = std::fs::remove_file(site.path(&path));
            continue;
        }
        let day = 1 + i % 28;
        site.write(
            &path,
            article(
                &format!("Bài {i} ({variant})"),
                &format!("2023-02-{day:02}"),
                &format!(
                    "{body}\n\nBản {variant}. [Bài kế](bai-{}.md)",
                    if i == 1 { 2 } else { 1 }
                ),
            ),
        );
    }
}

/// Names under `dir` (recursively) that are bantin's own.
fn bantin_names(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("bantin"))
        .collect()
}

/// Leftover work folders of bantin in `dir` (not recursive).
fn leftovers_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".bantin-new-") || n.contains(".bantin-old-"))
        .collect()
}

#[test]
fn sigkill_at_any_moment_leaves_the_old_or_the_new_output() {
    let site = big_site(150);
    let out = site.path("public");
    // Both versions, built to completion into other folders for reference.
    let reference = |variant: &str| {
        write_articles(&site, 150, variant);
        let dir = tempfile::tempdir().unwrap();
        site.build_into(&dir.path().join("p"), &[]).assert_success();
        snapshot_dir(&dir.path().join("p"))
    };
    let b = reference("b");
    let a = reference("a");
    assert_ne!(a, b);
    site.build(&[]).assert_success();
    assert!(snapshot_dir(&out) == a);
    // How long a rebuild takes here and now (kills are spread over it and past it).
    write_articles(&site, 150, "b");
    let t = Instant::now();
    site.build(&[]).assert_success();
    let took = t.elapsed();
    assert!(snapshot_dir(&out) == b);

    let kills = 16;
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for k in 0..kills {
        let now_a = snapshot_dir(&out) == a;
        let (next, next_snap, prev) = if now_a { ("b", &b, &a) } else { ("a", &a, &b) };
        write_articles(&site, 150, next);
        let delay = took.mul_f64(1.5 * k as f64 / kills as f64);
        let mut child = std::process::Command::new(BIN)
            .arg("--root")
            .arg(site.root())
            .arg("build")
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        // SIGKILL, as a power cut or `kill -9`.
        child.kill().unwrap();
        child.wait().unwrap();
        let got = snapshot_dir(&out);
        let which = if &got == next_snap {
            "new"
        } else if &got == prev {
            "old"
        } else {
            let (ga, gb) = (&got, next_snap);
            let mixed: Vec<_> = ga
                .keys()
                .filter(|k| gb.get(*k) != ga.get(*k))
                .take(5)
                .collect();
            panic!("kill {k} after {delay:?}: a mix of two builds, e.g. {mixed:?}");
        };
        *seen.entry(which).or_default() += 1;
        assert!(bantin_names(&out).is_empty(), "{:?}", bantin_names(&out));
    }
    eprintln!("kills over {took:?}: {seen:?}");
    // The next build removes what the killed ones left beside the output.
    write_articles(&site, 150, "b");
    let r = site.build(&[]);
    r.assert_success();
    assert!(
        leftovers_in(site.root()).is_empty(),
        "{:?}",
        leftovers_in(site.root())
    );
    assert!(snapshot_dir(&out) == b);
    assert!(
        seen.get("old").is_some(),
        "no kill landed before the swap: {seen:?}"
    );
}

/// A tmpfs of `size` mounted at `dir`, unmounted when dropped; `None` (with
/// a message) where mounting is not possible (not root, no privileges).
struct Tmpfs(std::path::PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(dir).unwrap();
        let ok = std::process::Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0755"),
                "tmpfs",
            ])
            .arg(dir)
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!(
                "SKIPPED: cannot mount a tmpfs at {} (needs root)",
                dir.display()
            );
            return None;
        }
        Some(Tmpfs(dir.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_leaves_the_old_output_and_no_leftovers() {
    let site = SiteTest::new("bundle");
    let disk = tempfile::tempdir().unwrap();
    let Some(_fs) = Tmpfs::mount(disk.path(), "3m") else {
        return;
    };
    let out = disk.path().join("public");
    site.build_into(&out, &[]).assert_success();
    let before = snapshot_dir(&out);
    let entries = |d: &Path| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let listing = entries(disk.path());
    // An attachment larger than the disk, and an edited article.
    site.write("content/tin-tuc/bai-a/lon.pdf", vec![b'x'; 4 << 20]);
    let text = site.read("content/tin-tuc/c.md");
    site.write("content/tin-tuc/c.md", text + "\nMới.\n");
    let r = site.build_into(&out, &[]);
    r.assert_failure().stderr_contains("No space left");
    assert!(snapshot_dir(&out) == before, "the old output changed");
    assert_eq!(entries(disk.path()), listing, "leftovers on the full disk");
    let free = rustix_free(disk.path());
    assert!(free > 2 << 20, "space not given back: {free}");
}

fn rustix_free(p: &Path) -> u64 {
    let out = std::process::Command::new("df")
        .args(["--output=avail", "-B1"])
        .arg(p)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .nth(1)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn output_through_dotdot_into_content_is_refused() {
    let site = SiteTest::new("minimal");
    std::fs::create_dir_all(site.path("content/tin-tuc/trong")).unwrap();
    let before = snapshot_dir(&site.path("content"));
    site.build(&["--output", "nothere/../content/tin-tuc/trong"])
        .assert_failure()
        .stderr_contains("refusing to write the build into content/");
    // And through a symlink.
    std::os::unix::fs::symlink(site.path("content/tin-tuc"), site.path("lien-ket")).unwrap();
    site.build(&["--output", "lien-ket/x"])
        .assert_failure()
        .stderr_contains("content/");
    assert!(
        before == snapshot_dir(&site.path("content")),
        "content/ changed"
    );
}

#[test]
fn a_symlinked_web_root_is_swapped_at_its_target_and_stays_a_symlink() {
    let site = SiteTest::new("minimal");
    let www = tempfile::tempdir().unwrap();
    let webroot = www.path().join("html");
    std::fs::create_dir(&webroot).unwrap();
    let link = site.path("public");
    std::os::unix::fs::symlink(&webroot, &link).unwrap();
    for _ in 0..2 {
        site.build(&[]).assert_success();
        assert!(link.symlink_metadata().unwrap().is_symlink());
        assert!(webroot.join("tin-tuc/chao-mung/index.html").is_file());
        assert!(leftovers_in(www.path()).is_empty());
        site.remove("content/tin-tuc/chao-mung.md");
        site.write(
            "content/tin-tuc/chao-mung.md",
            article("Chào", "2023-02-01", "x"),
        );
    }
    assert!(bantin_names(&webroot).is_empty());
}

#[test]
fn an_empty_mount_point_works_as_output() {
    let site = SiteTest::new("bundle");
    let mnt = tempfile::tempdir().unwrap();
    let Some(_fs) = Tmpfs::mount(mnt.path(), "16m") else {
        return;
    };
    let fresh = tempfile::tempdir().unwrap();
    for round in 0..2 {
        let r = site.build_into(mnt.path(), &[]);
        r.assert_success();
        assert!(
            bantin_names(mnt.path()).is_empty(),
            "{:?}",
            bantin_names(mnt.path())
        );
        let want = site.build_into(&fresh.path().join(format!("p{round}")), &[]);
        want.assert_success();
        assert!(r.files() == want.files(), "round {round}");
        if round == 0 {
            site.remove("content/tin-tuc/c.md");
        }
    }
    // Its record is in the site's cache, not in the mount.
    assert!(
        site.path(".bantin-cache/outputs")
            .read_dir()
            .unwrap()
            .count()
            == 1
    );
}

#[test]
fn files_bantin_did_not_write_are_kept_and_named_and_clean_removes_them() {
    let site = SiteTest::new("bundle");
    site.build(&[]).assert_success();
    site.write("public/tai-lieu/bao-cao.pdf", "%PDF uploaded");
    site.write("public/.well-known/security.txt", "Contact: x");
    site.write("public/google1234.html", "google-site-verification");
    let r = site.build(&[]);
    r.assert_success()
        .stderr_contains("note: kept 3 files")
        .stderr_contains("  .well-known/security.txt\n")
        .stderr_contains("  google1234.html\n")
        .stderr_contains("  tai-lieu/bao-cao.pdf\n")
        .stderr_contains("--clean");
    assert_eq!(r.file("tai-lieu/bao-cao.pdf"), "%PDF uploaded");
    assert_eq!(r.file(".well-known/security.txt"), "Contact: x");
    // A later build keeps them, without relabelling them as bantin's.
    let r = site.build(&[]);
    r.stderr_contains("note: kept 3 files");
    let r = site.build(&["--clean"]);
    r.assert_success()
        .stderr_contains("note: removed 3 files")
        .stderr_contains("  google1234.html\n");
    r.assert_no_file("google1234.html")
        .assert_no_file("tai-lieu/bao-cao.pdf");
    assert!(!site.path("public/.well-known").exists());
}

fn gunzip(b: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(b)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn unbrotli(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &b[..], &mut out).unwrap();
    out
}

#[test]
fn text_files_get_gz_and_br_siblings_made_only_when_they_change() {
    let site = SiteTest::new("bundle");
    let r = site.build(&[]);
    r.assert_success();
    let files = r.files();
    let mut with = 0;
    for (rel, bytes) in &files {
        if rel.ends_with(".gz") || rel.ends_with(".br") {
            continue;
        }
        let text = [".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"]
            .iter()
            .any(|e| rel.ends_with(e));
        let want = text && bytes.len() >= 1024;
        let (gz, br) = (
            files.get(&format!("{rel}.gz")),
            files.get(&format!("{rel}.br")),
        );
        assert_eq!(
            (gz.is_some(), br.is_some()),
            (want, want),
            "{rel} ({} bytes)",
            bytes.len()
        );
        if let (Some(gz), Some(br)) = (gz, br) {
            assert!(gunzip(gz) == *bytes && unbrotli(br) == *bytes, "{rel}");
            with += 1;
        }
    }
    assert!(with > 10, "{with}");
    assert!(!files.contains_key("tin-tuc/bai-a/cv.pdf.gz"));
    assert!(!files.contains_key("robots.txt.gz"));

    let mtimes = |site: &SiteTest| -> BTreeMap<String, std::time::SystemTime> {
        walkdir::WalkDir::new(site.path("public"))
            .into_iter()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".br"))
            .map(|e| {
                (
                    e.path().display().to_string(),
                    e.metadata().unwrap().modified().unwrap(),
                )
            })
            .collect()
    };
    let before = mtimes(&site);
    std::thread::sleep(Duration::from_millis(20));
    let r = site.build(&["--timings"]);
    r.assert_success().stderr_contains(" 0 compressed");
    assert_eq!(mtimes(&site), before);

    site.write(
        "config.yaml",
        site.read("config.yaml") + "compress: false\n",
    );
    let r = site.build(&[]);
    r.assert_success();
    let left: Vec<_> = r
        .files()
        .into_keys()
        .filter(|k| k.ends_with(".gz") || k.ends_with(".br"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(!r.stderr().contains("note:"), "{}", r.stderr());
}
