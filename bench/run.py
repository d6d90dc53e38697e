#!/usr/bin/env python3
"""Benchmark: build synthetic Vietnamese news sites with bantin (and Hugo, if
installed), interleaved, and report medians of wall time, CPU time, peak
memory and pages per second, plus the bantin/Hugo ratios from the same run.

    python3 bench/run.py                       # 1,000 and 10,000 articles, 3 runs each
    python3 bench/run.py --sizes 1000 10000 50000 --runs 5
    python3 bench/run.py --hugo /path/to/hugo  # compare with a given Hugo binary

The corpus comes from bench/gen_corpus.py (deterministic; a copy of
shared/bench/gen_corpus.py). bantin is built with `cargo build --release`.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def run_measured(cmd, cwd):
    """Run cmd; return (wall s, cpu s, peak RSS MiB) of the child."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed:\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def count_pages(public):
    return sum(1 for _ in Path(public).rglob("*.html"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", default="/tmp/bantin-bench")
    ap.add_argument("--hugo", default=shutil.which("hugo"), help="Hugo binary (default: hugo on PATH)")
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    bantin = REPO / "target" / "release" / "bantin"
    work = Path(args.work)
    print(f"machine: {os.cpu_count()} cores; bantin {bantin}; hugo {args.hugo or '(not found)'}")
    print(f"{'articles':>9} {'tool':<7} {'wall s':>14} {'cpu s':>8} {'peak MiB':>9} {'pages':>7} {'pages/s':>8} {'B/article':>10}")
    walls_by_size = {}
    for n in args.sizes:
        site = work / f"bantin-{n}"
        subprocess.run([sys.executable, HERE / "gen_corpus.py", "--n", str(n), "--out", site, "--target", "bantin"], check=True, stderr=subprocess.DEVNULL)
        tools = {"bantin": ([bantin, "--root", site, "build", "--future", "--quiet"], site, site / "public")}
        if args.hugo:
            hsite = work / f"hugo-{n}"
            subprocess.run([sys.executable, HERE / "gen_corpus.py", "--n", str(n), "--out", hsite, "--target", "hugo"], check=True, stderr=subprocess.DEVNULL)
            tools["hugo"] = ([args.hugo, "--quiet", "--destination", hsite / "public"], hsite, hsite / "public")
        results = {t: [] for t in tools}
        for _ in range(args.runs):  # interleaved: the machine's noise hits both alike
            for t, (cmd, cwd, public) in tools.items():
                # Both tools start from an empty destination, so neither pays
                # for removing the previous build inside its timing.
                shutil.rmtree(public, ignore_errors=True)
                results[t].append(run_measured(cmd, cwd))
        med = {}
        walls_by_size[n] = statistics.median(r[0] for r in results["bantin"])
        for t, rs in results.items():
            walls = [r[0] for r in rs]
            wall, cpu, rss = (statistics.median(x) for x in zip(*rs))
            pages = count_pages(tools[t][2])
            med[t] = (wall, rss)
            per_article = rss * 1024 * 1024 / n
            print(f"{n:>9} {t:<7} {wall:6.2f} ({min(walls):.2f}-{max(walls):.2f}) {cpu:8.2f} {rss:9.0f} {pages:7} {pages / wall:8.0f} {per_article:10.0f}")
        if "hugo" in med:
            (bw, bm), (hw, hm) = med["bantin"], med["hugo"]
            print(f"{n:>9} ratio   bantin/hugo wall {bw / hw:.2f}, peak memory {bm / hm:.2f}")
    # Scaling: wall time per article relative to the smallest size.
    sizes = sorted(walls_by_size)
    for a, b in zip(sizes, sizes[1:]):
        ratio = walls_by_size[b] / walls_by_size[a]
        print(f"scaling bantin {a} -> {b} articles ({b / a:.0f}x): wall x{ratio:.2f}")
    # Per-stage timings of the last size, for where the time goes.
    print("\nstages (bantin build --timings, last size):")
    subprocess.run([bantin, "--root", work / f"bantin-{args.sizes[-1]}", "build", "--future", "--quiet", "--timings"])


if __name__ == "__main__":
    main()
