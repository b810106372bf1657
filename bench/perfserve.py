"""The real-process half of bench/perf.py: gunicorn memory and HTTP throughput.

The load generator is wrk (Debian package `wrk`), with a Lua script that
cycles through POST bodies, 2 threads and 16 connections on loopback.
"""
from __future__ import annotations

import json
import os
import random
import re
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS = 16
WARM_UP_SECONDS = 2   # each server's first seconds (first answers, first pages touched) are not measured


class Server:
    """A gunicorn on loopback, stopped on exit."""

    def __init__(self, args: list[str], env: dict, log: Path, ready_timeout: float = 120, workers: int = 1):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(self.port), **env}
        args = [a.replace("{port}", str(self.port)) for a in args]
        self.log = open(log, "wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "gunicorn", *args], cwd=ROOT, env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"gunicorn exited:\n{log.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1).close()
                # Every worker must be accepting before the load starts: wrk's 16 keep-alive
                # connections would otherwise all stay with the first one for the whole run.
                if len(self.workers()) >= workers:
                    time.sleep(0.5)
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"gunicorn not ready in {ready_timeout}s:\n{log.read_text()[-3000:]}")

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
        return [int(c) for c in children]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def smaps(pid: int) -> dict[str, float]:
    """Rss, Pss and USS (private clean + dirty) of one process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, value = line.split(":", 1)
        fields[key] = int(value.split()[0]) / 1024
    return {"rss": fields["Rss"], "pss": fields["Pss"], "uss": fields["Private_Clean"] + fields["Private_Dirty"]}


def memory_table(tmp: Path, workload: Path) -> None:
    """Part 2b: a 2-worker gunicorn holding the big table, then 1 worker."""
    work = json.loads(workload.read_text())
    table_path = tmp / "big-table.json"
    table_path.write_text(json.dumps(work["table"], ensure_ascii=False))
    env = {"ALIASES_PATH": str(table_path), "WEB_CONCURRENCY": "2", "RELOAD_INTERVAL": "0", "LOG_LEVEL": "WARNING"}
    started = time.monotonic()
    with Server(["-c", "gunicorn.conf.py", "service.wsgi:app"], env, tmp / "big.log", ready_timeout=600,
                workers=2) as server:
        ready = time.monotonic() - started
        bodies = [json.dumps({"name": q}).encode() for q in work["queries"][:200]]
        for body in bodies:   # let every worker touch the index, as serving does
            post(server.url + "/v1/resolve", body)
        rows = [("2 workers", snapshot(server))]
        server.proc.send_signal(signal.SIGTTOU)
        deadline = time.monotonic() + 30
        while len(server.workers()) > 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        rows.append(("1 worker", snapshot(server)))
    print(f"\n## 2b. gunicorn memory, {work['aliases']:,}-alias table "
          f"(JSON table file, {ready:.0f}s from start to first answer)\n")
    print("| setup | arbiter PSS MB | worker PSS MB | worker USS MB | total PSS MB | total RSS MB |")
    print("|---|---|---|---|---|---|")
    for label, (arbiter, workers) in rows:
        total_pss = arbiter["pss"] + sum(w["pss"] for w in workers)
        total_rss = arbiter["rss"] + sum(w["rss"] for w in workers)
        pss = " / ".join(f"{w['pss']:.0f}" for w in workers)
        uss = " / ".join(f"{w['uss']:.0f}" for w in workers)
        print(f"| {label} | {arbiter['pss']:.0f} | {pss} | {uss} | {total_pss:.0f} | {total_rss:.0f} |")
    (_, (a2, w2)), (_, (a1, w1)) = rows
    one = a1["pss"] + sum(w["pss"] for w in w1)
    two = a2["pss"] + sum(w["pss"] for w in w2)
    print(f"\nthe second worker adds {two - one:.0f} MB PSS ({100 * (two - one) / one:.0f}% of arbiter + 1 worker)")


def snapshot(server: Server) -> tuple[dict, list[dict]]:
    return smaps(server.proc.pid), [smaps(pid) for pid in server.workers()]


def post(url: str, body: bytes) -> None:
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=30).read()


def gunicorn_settings() -> dict:
    """The values gunicorn.conf.py sets in this environment."""
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    return {k: conf[k] for k in ("workers", "worker_class", "threads", "keepalive")}


def http_table(tmp: Path, cities: list[dict], mode: dict) -> None:
    """Part 3: wrk against the service (default table) and a trivial Flask app, same settings."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")
    conf = gunicorn_settings()
    names = _default_names()
    rng = random.Random(7)
    extra = [c["name"] for c in rng.sample(cities, min(len(cities), 300))] if cities else []
    queries = [rng.choice(names) for _ in range(300)] + extra
    single = [json.dumps({"name": q}) for q in queries]
    batches = [json.dumps({"queries": [{"name": q} for q in rng.sample(queries, 100)]}) for _ in range(20)]
    (tmp / "no-hooks.conf.py").write_text("# the trivial app: settings on the command line, no hooks\n")
    cli = ["-c", str(tmp / "no-hooks.conf.py"), "-w", str(conf["workers"]), "-k", conf["worker_class"], "--threads", str(conf["threads"]),
           "--keep-alive", str(conf["keepalive"]), "--preload", "-b", "127.0.0.1:{port}", "--log-level", "warning"]
    # The load cycles through 600 bodies, so after the first pass every answer is in the
    # answer cache: measured with the cache (as served) and without it (every name worked out).
    # A run now and then gets half the CPU (every setup, the trivial app too, has shown
    # rounds at 40% of its others): wrk's keep-alive connections stay with the worker that
    # accepted them, and at times most land on one, or the shared machine's neighbours take
    # a CPU. So the setups take turns, round after round, and each row is its best round,
    # as timeit takes the fastest repeat. Every round's figure is printed.
    runs: dict[str, list[dict]] = {}
    memory = []
    for _ in range(mode["http_rounds"]):
        for label, cache in (("", {}), (" (answer cache off)", {"ANSWER_CACHE_SIZE": "0"})):
            with Server(["-c", "gunicorn.conf.py", "service.wsgi:app"], {"RELOAD_INTERVAL": "0", **cache},
                        tmp / "svc.log", workers=conf["workers"]) as svc:
                wrk(tmp, svc.url + "/v1/resolve", single, WARM_UP_SECONDS)
                runs.setdefault(f"POST /v1/resolve{label}", []).append(
                    wrk(tmp, svc.url + "/v1/resolve", single, mode["http_seconds"]))
                runs.setdefault(f"POST /v1/resolve/batch (100 names){label}", []).append(
                    wrk(tmp, svc.url + "/v1/resolve/batch", batches, mode["http_seconds"]))
                if not cache:
                    memory = [smaps(svc.proc.pid)] + [smaps(p) for p in svc.workers()]
        with Server([*cli, "bench.trivial_app:app"], {}, tmp / "trivial.log", workers=conf["workers"]) as trivial:
            wrk(tmp, trivial.url + "/echo", single, WARM_UP_SECONDS)
            runs.setdefault("trivial Flask JSON endpoint", []).append(
                wrk(tmp, trivial.url + "/echo", single, mode["http_seconds"]))
    rows = {label: max(results, key=lambda r: r["rps"]) for label, results in runs.items()}
    print(f"\n## 3. HTTP, default table, wrk {CONNECTIONS} connections / 2 threads, {mode['http_seconds']}s each, "
          f"best of {mode['http_rounds']} rounds\n")
    print(f"gunicorn: {conf['workers']} workers, {conf['worker_class']}, {conf['threads']} threads, "
          f"keepalive {conf['keepalive']}s, preload_app; {len(single)} distinct single bodies "
          f"({len(single) - len(extra)} default-table names, {len(extra)} city names not in it), "
          f"{len(batches)} distinct batches\n")
    print("| endpoint | requests/s | names/s | p50 ms | p99 ms | errors | requests/s of each round |")
    print("|---|---|---|---|---|---|---|")
    for label, r in rows.items():
        per = 100 if "batch" in label else 1
        each = " / ".join(f"{x['rps']:,.0f}" for x in runs[label])
        print(f"| {label} | {r['rps']:,.0f} | {r['rps'] * per:,.0f} | {r['p50']:.2f} | {r['p99']:.2f} | "
              f"{sum(x['errors'] for x in runs[label])} | {each} |")
    ceiling = rows["trivial Flask JSON endpoint"]["rps"]
    print()
    for label in ("POST /v1/resolve", "POST /v1/resolve (answer cache off)"):
        print(f"{label} throughput = {100 * rows[label]['rps'] / ceiling:.0f}% of the trivial endpoint's")
    workers = " / ".join(f"{m['pss']:.0f}" for m in memory[1:])
    print(f"default-table gunicorn memory after the cached run: total PSS {sum(m['pss'] for m in memory):.0f} MB "
          f"(arbiter {memory[0]['pss']:.0f}, workers {workers})")


def _default_names() -> list[str]:
    from service.table import load_table
    table = load_table(ROOT / "aliases.yaml")
    return [n for e in table.entities for n in (e.name, *e.aliases)]


def wrk(tmp: Path, url: str, bodies: list[str], seconds: int) -> dict:
    """Run wrk with POST bodies cycled by a Lua script; parse throughput, latency and errors."""
    script = tmp / "post.lua"
    items = ",\n".join(f"[==[{b}]==]" for b in bodies)
    script.write_text(f"""local bodies = {{{items}}}
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", nil, {{["Content-Type"] = "application/json"}}, bodies[(i % #bodies) + 1])
end
""")
    out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "-s", str(script), url],
                         capture_output=True, text=True, check=True).stdout
    if os.environ.get("PERF_SHOW_WRK"):
        print(out)
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    errors += int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    # Anchored: "Req/Sec ... 62.50%" must not be read as the 50th percentile.
    p50, p99 = (re.search(rf"^\s+{p}%\s+(\S+)", out, re.M) for p in (50, 99))
    if not (rps and p50 and p99):
        raise SystemExit(f"cannot read wrk's output:\n{out}")
    return {"rps": float(rps.group(1)), "p50": _ms(p50.group(1)), "p99": _ms(p99.group(1)), "errors": errors}


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
