#!/usr/bin/env python3
"""Watch-mode latency: how long from saving an article to the live-reload
event reaching an open page, with `bantin serve` over a generated site.

    python3 bench/watch.py                     # 1,000 and 10,000 articles, 10 edits each
    python3 bench/watch.py --sizes 1000 --edits 20

For each size it starts the release binary's `serve` on a free port, connects
to the live-reload stream (/__bantin/events, Server-Sent Events) like a page
does, then edits one article body at a time (a new sentence appended) and
times from the moment the file is closed to the `reload` event. It prints
median, min and max, and the server's own `rebuilt in … ms` lines. The file
watcher's debounce window (30 ms) is part of what is measured. A `reload`
that names only the search page (the search index, which the server swaps in
after the pages) does not count: it does not show the edit.
"""

import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def search_only(data):
    """Whether a reload's JSON names only the search page."""
    try:
        pages = json.loads(data).get("pages") or []
    except (ValueError, AttributeError):
        return False
    return bool(pages) and all(p.rstrip("/").endswith(("tim-kiem", "tim-kiem/index.html")) for p in pages)


class Events:
    """Reads the SSE stream in a thread; `wait(kind)` returns the arrival time."""

    def __init__(self, port):
        self.cond = threading.Condition()
        self.seen = []
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        conn.request("GET", "/__bantin/events", headers={"Accept": "text/event-stream"})
        self.resp = conn.getresponse()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        kind, arrived = None, None
        for raw in self.resp:
            line = raw.decode("utf-8", "replace").strip()
            if line.startswith("event:"):
                kind, arrived = line[6:].strip(), time.perf_counter()
            elif line.startswith("data:") and kind is not None:
                if kind == "reload" and search_only(line[5:].strip()):
                    kind = "search-reload"
                with self.cond:
                    self.seen.append((kind, arrived))
                    self.cond.notify_all()
                kind = None

    def wait(self, kind, after, timeout=120):
        deadline = time.time() + timeout
        with self.cond:
            while True:
                for k, t in self.seen:
                    if k == kind and t >= after:
                        return t
                left = deadline - time.time()
                if left <= 0:
                    sys.exit(f"no {kind} event within {timeout} s")
                self.cond.wait(left)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("--work", default="/tmp/bantin-bench")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    bantin = REPO / "target" / "release" / "bantin"
    for n in args.sizes:
        site = Path(args.work) / f"watch-{n}"
        subprocess.run([sys.executable, HERE / "gen_corpus.py", "--n", str(n), "--out", site, "--target", "bantin"],
                       check=True, stderr=subprocess.DEVNULL)
        port = free_port()
        log = open(site / "serve.log", "w")
        server = subprocess.Popen([bantin, "--root", site, "--lang", "en", "serve", "--future", "--port", str(port)],
                                  stdout=log, stderr=subprocess.STDOUT)
        try:
            started = time.time()
            while "Serving" not in (site / "serve.log").read_text(errors="replace"):
                if server.poll() is not None or time.time() - started > 600:
                    sys.exit((site / "serve.log").read_text(errors="replace"))
                time.sleep(0.1)
            first_build = time.time() - started
            events = Events(port)
            time.sleep(0.5)
            articles = sorted(p for p in (site / "content").rglob("*.md") if p.name != "_index.md")
            latencies = []
            for i in range(args.edits):
                path = articles[(i * 7919) % len(articles)]
                text = path.read_text(encoding="utf-8")
                saved = time.perf_counter()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text + f"\n\nCập nhật lần {i}.\n")
                saved = time.perf_counter()
                arrived = events.wait("reload", saved)
                latencies.append((arrived - saved) * 1000)
                time.sleep(0.3)
        finally:
            server.terminate()
            server.wait()
            log.close()
        rebuilt = re.findall(r"rebuilt in (\d+) ms", (site / "serve.log").read_text(errors="replace"))
        print(f"{n:>6} articles: first build {first_build:.1f} s; save -> reload event: "
              f"median {statistics.median(latencies):.0f} ms (min {min(latencies):.0f}, max {max(latencies):.0f}) "
              f"over {len(latencies)} edits; server rebuild times (ms): {', '.join(rebuilt[-args.edits:])}")


if __name__ == "__main__":
    main()
