#!/usr/bin/env python3
"""Benchmark: build synthetic Vietnamese news sites with bantin (and Hugo, if
installed), interleaved, and report medians of wall time, CPU time, peak
memory and pages per second, plus the bantin/Hugo ratios from the same run.

    python3 bench/run.py                       # 1,000 and 10,000 articles, 3 runs each
    python3 bench/run.py --sizes 1000 10000 50000 --runs 5
    python3 bench/run.py --hugo /path/to/hugo  # compare with a given Hugo binary

bantin builds each corpus twice: as it is ("bantin": every page, with the
search index and the documents registry) and with those two off ("bantin=":
the same pages as Hugo's build), and the ratios of both are printed.

The corpus comes from bench/gen_corpus.py (deterministic; a copy of
shared/bench/gen_corpus.py). bantin is built with `cargo build --release`.
"""

import argparse
import hashlib
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
    """Run cmd; return (wall s, cpu s, peak RSS MiB) of the child.

    The file system's dirty pages are flushed first, untimed, so that no
    run pays for writing back the previous run's output (the kernel's
    flusher threads share the same two cores): each tool is timed on its
    own work."""
    os.sync()
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


def corpus(work, n, target):
    """Generates work/<target>-<n> unless it already holds this generator's
    corpus; returns whether it wrote one."""
    site = work / f"{target}-{n}"
    gen = HERE / "gen_corpus.py"
    stamp = f"{n} {target} {hashlib.sha256(gen.read_bytes()).hexdigest()}\n"
    mark = site / ".bench-corpus"
    if mark.is_file() and mark.read_text() == stamp:
        return False
    print(f"generating {site}", flush=True)
    subprocess.run([sys.executable, gen, "--n", str(n), "--out", site, "--target", target], check=True, stderr=subprocess.DEVNULL)
    mark.write_text(stamp)
    return True


# The same pages as Hugo's build of the corpus: bantin's own extras off. The
# corpus's Hugo site has no search index and no documents registry (a page per
# dispatch); with them bantin writes 20,000 files at 10,000 articles against
# Hugo's 12,600, so the like-for-like ratio is taken with them off, and the
# full build is reported beside it. Hugo writes no .gz/.br siblings either:
# the full build's figure is where the cost of precompression shows.
SAME_AS_HUGO = "search: false\nregistry: false\njson: false\ncompress: false\n"


def same_pages_site(work, n, remake):
    """work/bantin-<n>-as-hugo: the bantin corpus (hard links to its files)
    with SAME_AS_HUGO added to its config.yaml; returns whether it was made."""
    full = work / f"bantin-{n}"
    site = work / f"bantin-{n}-as-hugo"
    config = (full / "config.yaml").read_text() + SAME_AS_HUGO
    if not remake and (site / "config.yaml").is_file() and (site / "config.yaml").read_text() == config:
        return False
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    try:
        subprocess.run(["cp", "-al", full / "content", site / "content"], check=True, stderr=subprocess.DEVNULL)
    except (OSError, subprocess.CalledProcessError):
        shutil.rmtree(site / "content", ignore_errors=True)
        shutil.copytree(full / "content", site / "content")
    (site / "config.yaml").write_text(config)
    return True


def fresh_outputs(outs, settle):
    """Every timed build writes to a folder that never existed, and nothing
    is deleted while the benchmark runs. On ext4 without a journal, creating
    files soon after many were deleted is slow: the inode allocator skips
    each inode freed in the last 60 s, or 360 s while its inode table block
    is not yet written back (`recently_deleted()`, RECENTCY_MIN and
    RECENTCY_DIRTY in fs/ext4/ialloc.c), and checks every candidate in the
    buffer cache. Deleting the previous output right before each timed run
    made that cost, not the tools, dominate the figures. Outputs of an
    earlier invocation (and corpora being replaced) are removed first, then
    written back (`sync`) and left for 65 s so they are no longer "recent"."""
    if outs.exists():
        shutil.rmtree(outs)
        settle = True
    if settle:
        print("waiting 65 s for the file system to settle after removing files", flush=True)
        os.sync()
        time.sleep(65)
    outs.mkdir(parents=True)
    return outs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", default="/tmp/bantin-bench")
    ap.add_argument("--hugo", default=shutil.which("hugo"), help="Hugo binary (default: hugo on PATH)")
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # results appear as they come, also in a file

    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    bantin = REPO / "target" / "release" / "bantin"
    work = Path(args.work)
    print(f"machine: {os.cpu_count()} cores; bantin {bantin}; hugo {args.hugo or '(not found)'}")
    # Corpora first, outside any timing, and only when missing or stale.
    made = []
    for n in args.sizes:
        remade = corpus(work, n, "bantin")
        made += [remade, same_pages_site(work, n, remade)]
        if args.hugo:
            made.append(corpus(work, n, "hugo"))
    outs = fresh_outputs(work / "out", settle=any(made))
    print("tools: bantin = every page bantin makes (with the search index and the documents registry);")
    print("       bantin= = the same pages as Hugo (config.yaml + " + SAME_AS_HUGO.replace(chr(10), " ").strip() + ")")
    print(f"{'articles':>9} {'tool':<7} {'wall s':>14} {'cpu s':>8} {'peak MiB':>9} {'pages':>7} {'pages/s':>8} {'B/article':>10} {'rebuild s (no change)':>22}")
    walls_by_size = {}
    for n in args.sizes:
        def bantin_on(root):
            return (lambda dest: [bantin, "--root", root, "build", "--future", "--quiet", "--output", dest], root)
        tools = {"bantin": bantin_on(work / f"bantin-{n}"), "bantin=": bantin_on(work / f"bantin-{n}-as-hugo")}
        if args.hugo:
            hsite = work / f"hugo-{n}"
            tools["hugo"] = (lambda dest: [args.hugo, "--quiet", "--destination", dest], hsite)
        results = {t: [] for t in tools}
        dests = {t: [] for t in tools}
        for k in range(args.runs):  # interleaved: the machine's noise hits both alike
            for t, (cmd, cwd) in tools.items():
                # A fresh destination each run: see fresh_outputs().
                dest = outs / f"{t}-{n}-{k}"
                dests[t].append(dest)
                results[t].append(run_measured(cmd(dest), cwd))
        # Rebuilds with nothing changed, into the first run's output.
        rebuilds = {t: [] for t in tools}
        for _ in range(args.runs):
            for t, (cmd, cwd) in tools.items():
                rebuilds[t].append(run_measured(cmd(dests[t][0]), cwd)[0])
        med = {}
        walls_by_size[n] = {t: statistics.median(r[0] for r in results[t]) for t in ("bantin", "bantin=")}
        for t, rs in results.items():
            walls = [r[0] for r in rs]
            wall, cpu, rss = (statistics.median(x) for x in zip(*rs))
            pages = count_pages(dests[t][-1])
            med[t] = (wall, rss, statistics.median(rebuilds[t]))
            per_article = rss * 1024 * 1024 / n
            rb = rebuilds[t]
            print(f"{n:>9} {t:<7} {wall:6.2f} ({min(walls):.2f}-{max(walls):.2f}) {cpu:8.2f} {rss:9.0f} {pages:7} {pages / wall:8.0f} {per_article:10.0f} "
                  f"{statistics.median(rb):8.2f} ({min(rb):.2f}-{max(rb):.2f})")
        if "hugo" in med:
            hw, hm, hr = med["hugo"]
            for t, what in (("bantin=", "same pages"), ("bantin", "all pages")):
                bw, bm, br = med[t]
                print(f"{n:>9} ratio   {t}/hugo ({what}) wall {bw / hw:.2f}, peak memory {bm / hm:.2f}, rebuild {br / hr:.2f}")
    # Scaling: wall time per article relative to the smallest size.
    sizes = sorted(walls_by_size)
    for a, b in zip(sizes, sizes[1:]):
        for t in ("bantin=", "bantin"):
            ratio = walls_by_size[b][t] / walls_by_size[a][t]
            print(f"scaling {t} {a} -> {b} articles ({b / a:.0f}x): wall x{ratio:.2f}")
    # Per-stage timings of the last size, for where the time goes.
    print("\nstages (bantin build --timings, last size, into a fresh folder):")
    n = args.sizes[-1]
    subprocess.run([bantin, "--root", work / f"bantin-{n}", "build", "--future", "--quiet", "--timings", "--output", outs / f"bantin-{n}-timings"])
    print(f"\noutputs kept in {outs} (removed by the next run); disk used: "
          + subprocess.run(["du", "-sh", outs], capture_output=True, text=True).stdout.split()[0])


if __name__ == "__main__":
    main()
