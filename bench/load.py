"""Load run: find the service's capacity on loopback, then hold it for 60 s.

    .venv/bin/python bench/load.py [--seconds 60] [--workers 2]

Starts a real gunicorn (the repository's gunicorn.conf.py, default table) on a
free 127.0.0.1 port. Capacity: closed-loop clients (one process each, one
keep-alive connection, one single-name resolve at a time) at rising
concurrency, 5 s per step; the concurrency with the most answers per second
is the capacity. Then the same client mix runs at that concurrency for the
run's length, printing requests, errors (anything but a 200, or a failed
connection), throughput and latency percentiles. The client runs on the same
machine and takes CPU from the server: the figures are a floor.
"""
from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing as mp
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.table import load_table  # noqa: E402

STEPS = (1, 2, 4, 8, 16)
STEP_SECONDS = 5.0


def query_names(seed: int = 1) -> list[str]:
    """Names from the default table with light damage: what a pipeline sends."""
    table = load_table(ROOT / "aliases.yaml")
    names = [n for e in table.entities for n in (e.name, *e.aliases)]
    rng = random.Random(seed)
    damaged = [n.lower() for n in rng.sample(names, len(names) // 4)]
    damaged += [n[:-1] for n in rng.sample(names, len(names) // 4) if len(n) > 4]
    return names + damaged + ["Nobody In Particular", "Acme Holdings"]


def client(port: int, names: list[str], seconds: float, seed: int, out) -> None:
    """One closed-loop client: resolve names back to back for `seconds`; report latencies and errors."""
    rng = random.Random(seed)
    latencies, errors = [], 0
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        body = json.dumps({"name": rng.choice(names)})
        start = time.perf_counter()
        try:
            conn.request("POST", "/v1/resolve", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies.append(time.perf_counter() - start)
        errors += not ok
    conn.close()
    out.put((latencies, errors))


def run(port: int, names: list[str], concurrency: int, seconds: float) -> dict:
    """`concurrency` clients for `seconds`: requests, errors, throughput, latency percentiles (ms)."""
    out = mp.Queue()
    procs = [mp.Process(target=client, args=(port, names, seconds, i, out)) for i in range(concurrency)]
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    latencies = sorted(l for ls, _ in results for l in ls)
    cuts = statistics.quantiles(latencies, n=1000, method="inclusive")
    return {"concurrency": concurrency, "requests": len(latencies), "errors": sum(e for _, e in results),
            "rps": len(latencies) / seconds, "p50_ms": cuts[499] * 1000, "p90_ms": cuts[899] * 1000,
            "p99_ms": cuts[989] * 1000, "max_ms": latencies[-1] * 1000}


def start_server(workers: int) -> tuple[subprocess.Popen, int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(workers)}
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "service.wsgi:app"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc, port
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def line(r: dict) -> str:
    return (f"c={r['concurrency']:>2}  {r['requests']:>7} requests  {r['errors']} errors  {r['rps']:7.0f}/s  "
            f"p50 {r['p50_ms']:6.2f} ms  p90 {r['p90_ms']:6.2f} ms  p99 {r['p99_ms']:6.2f} ms  "
            f"max {r['max_ms']:7.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    names = query_names()
    proc, port = start_server(args.workers)
    try:
        run(port, names, 2, 2.0)  # warm up
        print(f"capacity ({STEP_SECONDS:.0f} s per step, {args.workers} gunicorn workers, {os.cpu_count()} CPUs):")
        steps = []
        for concurrency in STEPS:
            steps.append(run(port, names, concurrency, STEP_SECONDS))
            print("  " + line(steps[-1]), flush=True)
        best = max(steps, key=lambda r: r["rps"])
        print(f"load: {args.seconds:.0f} s at the capacity, concurrency {best['concurrency']}:")
        result = run(port, names, best["concurrency"], args.seconds)
        print("  " + line(result))
        print(f"zero errors: {'yes' if result['errors'] == 0 else 'NO'} ({result['errors']} errors); "
              f"p99 {result['p99_ms']:.2f} ms")
        return 0 if result["errors"] == 0 else 1
    finally:
        proc.terminate()
        proc.wait(30)


if __name__ == "__main__":
    sys.exit(main())
