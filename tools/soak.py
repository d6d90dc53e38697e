#!/usr/bin/env python3
"""Soak test of `bantin serve`: random edits to a running preview, then every
page it serves compared, byte for byte, with a fresh `bantin build`.

Bounded (minutes), loopback only, seeded: the same --seed makes the same edits.
It copies the repository's sample site (config.yaml, content/, themes/, data/)
to a temporary folder, starts `bantin serve` on it and makes --edits random
edits: body and front-matter edits, front matter broken and fixed, deletions,
renames, new articles with NFD (macOS-style) file names, bursts of saves,
editor-style saves (temporary file renamed over the original), binary and
empty files, a section folder or the whole content/ folder replaced
(`mv` + `cp -a`). While it runs, pages are fetched: no answer may be a 5xx or
take longer than --hang seconds. Then every broken file is repaired, the
server is left to go quiet, the site is built into a fresh folder (with the
preview's base URL) and every built file is fetched from the server and
compared (the live-reload script serve adds to HTML is stripped); links found
in the served pages that the build does not have must be 404s (nothing stale
is served). Prints a summary; exit code 1 on any failure.

    python3 tools/soak.py --bin target/release/bantin --edits 300 --seed 17

See docs/soak.md.
"""

import argparse
import http.client
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPT_TAG = re.compile(rb'<script src="/__bantin/live\.js" data-status="\d+" defer></script>')
LINK = re.compile(rb'(?:href|src)="(/[^"#?]*)')
NAMES = ["Hội nghị", "Thông báo", "Kế hoạch", "Đề án", "Chỉ thị", "Lễ hội", "Tiếp dân"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running `bantin serve`; its output is collected by a thread."""

    def __init__(self, binary, site, port):
        self.proc = subprocess.Popen(
            [binary, "--root", str(site), "serve", "--port", str(port)],
            cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_COLOR": "1", "BANTIN_LANG": "en"})
        self.port = port
        self.lines = []
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.time() + 60
        while not any("Serving at " in l for l in self.lines):
            if self.proc.poll() is not None or time.time() > deadline:
                sys.exit("bantin serve did not start:\n" + "".join(self.lines))
            time.sleep(0.05)
        line = next(l for l in self.lines if "Serving at " in l)
        self.url = line.split("Serving at ")[1].split()[0]

    def _read(self):
        for raw in self.proc.stdout:
            self.lines.append(raw.decode("utf-8", "replace"))

    def rebuilds(self):
        return sum(("rebuilt in " in l) or ("last good site" in l) for l in self.lines)

    def get(self, path, timeout):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            c.request("GET", path, headers={"Connection": "close"})
            r = c.getresponse()
            return r.status, r.read()
        finally:
            c.close()

    def stop(self):
        self.proc.kill()
        self.proc.wait()


class Soak:
    def __init__(self, args, site):
        self.args = args
        self.site = site
        self.content = site / "content"
        self.rng = random.Random(args.seed)
        self.broken = set()  # files left invalid on purpose, repaired at the end
        self.counts = {}
        self.requests = 0
        self.failures = []
        self.slowest = 0.0
        self.made = 0
        # Articles the soak created: only these are deleted or renamed (the
        # sample's articles link to each other; a broken link fails the build).
        self.own = []

    # --- the edits -------------------------------------------------------
    def articles(self):
        return sorted(p for p in self.content.rglob("*.md")
                      if p.name != "_index.md" and "van-ban" not in p.parts
                      and not any(part.startswith(".") for part in p.parts))

    def sections(self):
        return sorted(p for p in self.content.iterdir()
                      if p.is_dir() and p.name != "van-ban" and (p / "_index.md").exists())

    def new_text(self, title):
        day = self.rng.randint(1, 28)
        return (f'---\ntitle: "{title}"\ndate: 2024-0{self.rng.randint(1, 9)}-{day:02d}\n'
                f'tags: ["soak"]\n---\nĐoạn {self.rng.random():.6f} của bài {title}.\n')

    def edit(self):
        ops = [(self.body_edit, 20), (self.title_edit, 10), (self.break_front, 8),
               (self.fix_one, 8), (self.delete, 6), (self.create, 10), (self.rename, 6),
               (self.burst, 6), (self.editor_save, 8), (self.binary, 4), (self.empty, 3),
               (self.replace_section, 2), (self.replace_content, 1)]
        op = self.rng.choices([o for o, _ in ops], [w for _, w in ops])[0]
        if op():
            self.counts[op.__name__] = self.counts.get(op.__name__, 0) + 1

    def pick(self):
        arts = [a for a in self.articles() if a not in self.broken]
        return self.rng.choice(arts) if arts else None

    def body_edit(self):
        a = self.pick()
        if a:
            a.write_text(a.read_text(encoding="utf-8") + f"\nThêm {self.rng.random():.6f}.\n",
                         encoding="utf-8")
        return a

    def title_edit(self):
        a = self.pick()
        if not a:
            return None
        text = a.read_text(encoding="utf-8")
        new = re.sub(r'^title: .*$', f'title: "{self.rng.choice(NAMES)} {self.rng.randint(1, 999)}"',
                     text, count=1, flags=re.M)
        a.write_text(new, encoding="utf-8")
        return a

    def break_front(self):
        a = self.pick()
        if not a:
            return None
        text = a.read_text(encoding="utf-8")
        bad = self.rng.choice([
            lambda t: t.replace("title: ", "title: [", 1),
            lambda t: t.replace("date: ", "date: ngày hôm qua #", 1),
            lambda t: t.replace("---\n", "---\ntittle: x\n", 1),
            lambda t: t.replace("\n---\n", "\n", 1),
        ])(text)
        a.write_text(bad, encoding="utf-8")
        self.broken.add(a)
        return a

    def fix_one(self):
        if not self.broken:
            return None
        a = self.rng.choice(sorted(self.broken))
        self.repair(a)
        return a

    def repair(self, a):
        self.broken.discard(a)
        if a.suffix == ".md" and a.exists():
            a.write_text(self.new_text(f"Đã sửa {a.stem[:20]}"), encoding="utf-8")
        elif a.exists():
            a.unlink()

    def pick_own(self):
        own = [a for a in self.own if a.exists() and a not in self.broken]
        return self.rng.choice(own) if own else None

    def delete(self):
        a = self.pick_own()
        if a:
            a.unlink()
            self.own.remove(a)
        return a

    def create(self):
        secs = self.sections()
        if not secs:
            return None
        title = f"{self.rng.choice(NAMES)} {self.made}"
        self.made += 1
        name = title.lower() + ".md"
        if self.rng.random() < 0.5:
            name = unicodedata.normalize("NFD", name)  # as macOS writes names
        p = self.rng.choice(secs) / name
        p.write_text(self.new_text(title), encoding="utf-8")
        self.own.append(p)
        return p

    def rename(self):
        a = self.pick_own()
        if not a:
            return None
        to = a.with_name(f"doi-ten-{self.made}.md")
        self.made += 1
        a.rename(to)
        self.own[self.own.index(a)] = to
        return to

    def burst(self):
        a = self.pick()
        if not a:
            return None
        text = a.read_text(encoding="utf-8")
        for i in range(self.rng.randint(5, 20)):
            a.write_text(text + f"\nLần lưu {i}.\n", encoding="utf-8")
        return a

    def editor_save(self):
        a = self.pick()
        if not a:
            return None
        tmp = a.with_name(f".{a.name}.swp")
        tmp.write_text(a.read_text(encoding="utf-8") + "\nLưu kiểu vim.\n", encoding="utf-8")
        os.replace(tmp, a)
        return a

    def binary(self):
        secs = self.sections()
        p = self.rng.choice(secs) / f"du-lieu-{self.made}.bin"
        self.made += 1
        p.write_bytes(self.rng.randbytes(self.rng.randint(1, 4096)))
        if self.rng.random() < 0.3:  # and a Markdown file that is not UTF-8 text
            q = p.with_suffix(".md")
            q.write_bytes(b"---\ntitle: \xff\xfe\n---\n")
            self.broken.add(q)
        return p

    def empty(self):
        secs = self.sections()
        p = self.rng.choice(secs) / f"rong-{self.made}.md"
        self.made += 1
        p.write_bytes(b"")
        self.broken.add(p)
        return p

    def replace_section(self):
        secs = self.sections()
        if not secs:
            return None
        s = self.rng.choice(secs)
        aside = self.site / f"{s.name}.old"
        s.rename(aside)
        shutil.copytree(aside, s, symlinks=True, copy_function=shutil.copy2)
        shutil.rmtree(aside)
        return s

    def replace_content(self):
        aside = self.site / "content.old"
        self.content.rename(aside)
        shutil.copytree(aside, self.content, symlinks=True, copy_function=shutil.copy2)
        shutil.rmtree(aside)
        return self.content

    # --- watching the server --------------------------------------------
    def probe(self, server, paths):
        for path in paths:
            t = time.time()
            try:
                status, _ = server.get(path, self.args.hang)
            except (OSError, http.client.HTTPException) as e:
                self.failures.append(f"GET {path}: no answer within {self.args.hang} s ({e})")
                continue
            took = time.time() - t
            self.slowest = max(self.slowest, took)
            self.requests += 1
            if status >= 500:
                self.failures.append(f"GET {path}: {status}")
        if server.proc.poll() is not None:
            self.failures.append(f"serve exited ({server.proc.returncode})")

    def quiet(self, server, seconds=2.0, limit=120):
        """Wait until no rebuild was reported for `seconds`."""
        started = time.time()
        last, since = server.rebuilds(), time.time()
        while time.time() - since < seconds:
            if time.time() - started > limit:
                self.failures.append("serve never went quiet")
                return
            time.sleep(0.1)
            now = server.rebuilds()
            if now != last:
                last, since = now, time.time()


def build(binary, site, out, base):
    r = subprocess.run([binary, "--root", str(site), "-q", "build", "--output", str(out),
                        "--base-url", base], capture_output=True, text=True,
                       env={**os.environ, "NO_COLOR": "1"}, timeout=600)
    if r.returncode != 0:
        sys.exit(f"the final build failed:\n{r.stdout}{r.stderr}")
    # (.bantin-build is the build's own marker of its output folder, not a page.)
    return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and not p.name.startswith(".bantin")}


def url_of(root, rel):
    path = root + rel
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def compare(soak, server, built, root):
    """Every built file served as built; links in served pages the build lacks are 404s."""
    from urllib.parse import quote, unquote
    mismatches, links = [], set()
    for rel, want in sorted(built.items()):
        path = quote(url_of(root, rel))
        status, got = server.get(path, soak.args.hang)
        if rel.endswith(".html"):
            links.update(unquote(m.decode("utf-8", "replace")) for m in LINK.findall(got))
            got = SCRIPT_TAG.sub(b"", got, count=1)
        if status != 200 or got != want:
            mismatches.append(f"{path}: {status}, {len(got)} bytes served, {len(want)} built")
    served = {url_of(root, rel) for rel in built} | {root + rel for rel in built}
    stale = []
    for link in sorted(links - served):
        if not link.startswith(root) or link.startswith("/__bantin/"):
            continue
        status, _ = server.get(quote(link), soak.args.hang)
        if status == 200 and link.rstrip("/") + "/" not in served:
            stale.append(f"{link}: served, not in the build")
    return mismatches, stale, len(links)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_bin = REPO / "target/release/bantin"
    if not default_bin.exists():
        default_bin = REPO / "target/debug/bantin"
    ap.add_argument("--bin", default=str(default_bin))
    ap.add_argument("--site", default=str(REPO), help="site to copy (default: the repository's sample site)")
    ap.add_argument("--edits", type=int, default=300)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--pause", type=float, default=0.1, help="seconds between edits (random 0..2x)")
    ap.add_argument("--hang", type=float, default=10.0, help="seconds an answer may take")
    ap.add_argument("--minutes", type=float, default=8.0, help="stop editing after this long")
    args = ap.parse_args()
    args.bin = str(Path(args.bin).resolve())

    work = Path(tempfile.mkdtemp(prefix="bantin-soak-"))
    site = work / "site"
    site.mkdir()
    src = Path(args.site)
    shutil.copy2(src / "config.yaml", site / "config.yaml")
    for d in ["content", "themes", "data"]:
        if (src / d).is_dir():
            shutil.copytree(src / d, site / d)
    soak = Soak(args, site)
    server = Server(args.bin, site, free_port())
    root = "/" + server.url.split("://", 1)[1].split("/", 1)[1]
    base = server.url
    started = time.time()
    try:
        done = 0
        while done < args.edits and time.time() - started < args.minutes * 60:
            soak.edit()
            done += 1
            # Mostly quick edits (rebuilds overlap them), now and then a rebuild's time.
            long = soak.rng.random() < 0.1
            time.sleep(soak.rng.uniform(0.3, 1.5) if long else soak.rng.uniform(0, 2 * args.pause))
            if done % 5 == 0:
                arts = soak.articles()
                pages = [root, root + "tin-tuc/", root + "search/meta.json"]
                if arts:
                    a = soak.rng.choice(arts)
                    pages.append(root + a.parent.name + "/")
                soak.probe(server, pages)
        edit_time = time.time() - started
        for b in sorted(soak.broken):
            soak.repair(b)
        soak.quiet(server)
        built = build(args.bin, site, work / "public", base)
        t = time.time()
        mismatches, stale, nlinks = compare(soak, server, built, root)
        if mismatches:  # the search index may lag one rebuild behind: look once more
            soak.quiet(server, 3.0)
            mismatches, stale, nlinks = compare(soak, server, built, root)
        compare_time = time.time() - t
    finally:
        server.stop()
    print(f"soak: seed {args.seed}, {done} edits in {edit_time:.1f} s, "
          f"{server.rebuilds()} rebuilds reported, {soak.requests} requests during the edits "
          f"(slowest {soak.slowest * 1000:.0f} ms)")
    print("edits: " + ", ".join(f"{k} {v}" for k, v in sorted(soak.counts.items())))
    print(f"final: {len(built)} built files compared with the served ones in {compare_time:.1f} s, "
          f"{nlinks} links followed; {len(mismatches)} differ, {len(stale)} stale")
    for f in soak.failures[:20] + mismatches[:20] + stale[:20]:
        print("  FAIL " + f)
    ok = not (soak.failures or mismatches or stale)
    if ok:
        shutil.rmtree(work)
    else:
        print(f"site and build kept in {work}")
        print("".join(server.lines[-40:]))
    print("soak: " + ("ok" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
