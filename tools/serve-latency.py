#!/usr/bin/env python3
"""Edit-to-reload latency of `bantin serve` (issue 4, "Speed").

Generates a synthetic site with bench/gen_corpus.py (or uses --site), starts
`bantin serve` on it, listens to the live-reload event stream like an open
page does, then edits one article file at a time and measures the time from
the file being written to the "reload" event naming that article's page.
Also times the start-up of `serve` (until it listens) against `bantin build`.

    cargo build --release
    python3 tools/serve-latency.py --sizes 1000 10000 --edits 10
"""

import argparse
import http.client
import os
import pathlib
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from watch import search_only  # noqa: E402  (the search index's reloads do not count)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_serve(binary, site, port):
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [binary, "--root", site, "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=dict(os.environ, NO_COLOR="1", BANTIN_LANG="en"))
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if "Serving at " in line:
            started = time.perf_counter() - t0
            url = line.split("Serving at ")[1].split()[0]
            threading.Thread(target=lambda: [lines.append(l) for l in proc.stdout], daemon=True).start()
            return proc, url, started, lines
    raise SystemExit("serve did not start:\n" + "".join(lines))


class Events:
    """The live-reload stream, read on a thread; events with arrival times."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port)
        self.conn.request("GET", "/__bantin/events")
        self.resp = self.conn.getresponse()
        self.events = []
        self.cond = threading.Condition()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        name, data = None, None
        while True:
            line = self.resp.fp.readline()
            if not line:
                return
            line = line.decode().rstrip("\n")
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data = line[5:].strip()
            elif line == "":
                if name:
                    with self.cond:
                        self.events.append((time.perf_counter(), name, data))
                        self.cond.notify_all()
                name, data = None, None

    def wait(self, after, pred, timeout=30):
        end = time.perf_counter() + timeout
        with self.cond:
            while True:
                for t, name, data in self.events:
                    if t >= after and pred(name, data):
                        return t
                left = end - time.perf_counter()
                if left <= 0:
                    return None
                self.cond.wait(left)


def measure(binary, site, edits):
    t0 = time.perf_counter()
    subprocess.run([binary, "--root", site, "--quiet", "build", "--output",
                    os.path.join(tempfile.gettempdir(), "bantin-latency-public")], check=True)
    build_s = time.perf_counter() - t0
    port = free_port()
    proc, url, start_s, lines = start_serve(binary, site, port)
    try:
        events = Events(port)
        time.sleep(0.5)
        articles = sorted(pathlib.Path(site, "content").rglob("*.md"))
        articles = [a for a in articles if a.name != "_index.md"]
        step = max(1, len(articles) // edits)
        latencies = []
        for i in range(edits):
            a = articles[i * step]
            text = a.read_text(encoding="utf-8")
            a.write_text(text + f"\n\nĐoạn sửa số {i}.\n", encoding="utf-8")
            written = time.perf_counter()
            # One edit at a time: the next reload is this edit's.
            # Not the search index's reload (naming only the search page), which
            # the server sends when the index of an earlier edit is swapped in.
            got = events.wait(written, lambda n, d: n == "reload" and d != "null" and not search_only(d))
            latencies.append((got - written) * 1000 if got else float("nan"))
            time.sleep(0.3)
        return build_s, start_s, latencies, [l for l in lines if "rebuilt" in l][-3:]
    finally:
        proc.terminate()
        proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000])
    ap.add_argument("--site", help="measure this site instead of generated ones")
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("--binary", default=str(REPO / "target/release/bantin"))
    args = ap.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} missing: run cargo build --release")
    sites = []
    if args.site:
        sites.append((args.site, args.site))
    else:
        for n in args.sizes:
            d = tempfile.mkdtemp(prefix=f"bantin-latency-{n}-")
            subprocess.run([sys.executable, str(REPO / "bench/gen_corpus.py"), "--n", str(n),
                            "--out", d, "--target", "bantin"], check=True, stdout=subprocess.DEVNULL)
            sites.append((f"{n} articles", d))
    print(f"{'site':>16} {'build':>8} {'serve start':>12} {'edit→reload median (min–max)':>32}")
    for name, d in sites:
        build_s, start_s, lat, tail = measure(args.binary, d, args.edits)
        ok = [x for x in lat if x == x]
        print(f"{name:>16} {build_s:7.2f}s {start_s:11.2f}s "
              f"{statistics.median(ok):10.0f} ms ({min(ok):.0f}–{max(ok):.0f}) over {len(ok)} edits")
        for l in tail:
            print("    serve: " + l.strip())
        if not args.site:
            shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
