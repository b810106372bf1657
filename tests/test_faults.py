"""Faults under a real gunicorn: SIGTERM mid-load, a killed worker, reloads under load.

Every loop is bounded in count and time; nothing asserts on how long anything took.
"""
from __future__ import annotations

import http.client
import os
import random
import signal
import threading
import time

import pytest
import yaml

from service.table import load_table
from tests.conftest import ROOT
from tests.live import post_json, sample, scrape, worker_pids

pytestmark = [pytest.mark.process, pytest.mark.timeout(240)]

DEFAULT_TABLE = ROOT / "aliases.yaml"
PLACES = ["Aleppo", "Homs", "Hama", "Latakia", "Tartus", "Idlib", "Raqqa", "Daraa", "Qamishli", "Palmyra",
          "Manbij", "Afrin", "Kobani", "Hasakah", "Jableh", "Baniyas", "Suwayda", "Quneitra", "Douma", "Zabadani"]


class Load:
    """Client threads sending one kind of request until stopped; outcomes are recorded, not raised."""

    def __init__(self, send, threads: int, max_requests: int = 100_000):
        self.send, self.max_requests = send, max_requests
        self.ok = self.failed = 0
        self.errors: list[str] = []
        self.failed_at: list[float] = []  # time.monotonic() of each failure
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(60)

    def _run(self):
        while not self.stop.is_set() and self.ok + self.failed < self.max_requests:
            try:
                result = self.send()
                error = None if result is True else f"unexpected answer: {result}"
            except (OSError, http.client.HTTPException) as exc:  # refused, reset, cut mid-answer: it failed
                error = f"{type(exc).__name__}: {exc}"
            with self.lock:
                if error is None:
                    self.ok += 1
                else:
                    self.failed += 1
                    self.errors.append(error)
                    self.failed_at.append(time.monotonic())

    def wait_for(self, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while self.ok + self.failed < count and time.monotonic() < deadline:
            time.sleep(0.01)


def resolve_ok(url: str, name: str = "Bashar al-Assad"):
    status, _, body = post_json(url + "/v1/resolve", {"name": name}, timeout=30)
    return status == 200 or (status, body)


def slow_batch(url: str, seed: int) -> tuple[int, object]:
    """A batch at MAX_BATCH_CHARS of long random names: one of the slowest requests accepted."""
    rng = random.Random(seed)
    names = ["".join(rng.choice("abcdefghijklmnop ") for _ in range(1000)) for _ in range(100)]
    status, _, body = post_json(url + "/v1/resolve/batch", {"queries": [{"name": n} for n in names]}, timeout=120)
    return status, body


def test_sigterm_lets_in_flight_requests_finish(start_gunicorn, tmp_path):
    # Three slow batches, the steady load and the scrape that sees them must all be in
    # progress at once: 4 threads per worker leave room for that whatever the default.
    server = start_gunicorn(ALIASES_PATH=str(DEFAULT_TABLE), WEB_CONCURRENCY="2", GUNICORN_THREADS="4",
                            PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "prom"))
    answers: list = []
    slow = [threading.Thread(target=lambda i=i: answers.append(slow_batch(server.url, i))) for i in range(3)]
    for thread in slow:
        thread.start()
    # SIGTERM only once the server is working on all three. Nothing else is sent yet, so
    # three requests in progress besides this scrape are the batches: one still waiting in
    # the listen backlog at SIGTERM would be refused, not answered.
    for _ in range(1000):
        if sample(scrape(server.url), "alias_http_requests_in_progress") >= 4:
            break
    else:
        pytest.fail("the slow batches were never seen in progress")
    with Load(lambda: resolve_ok(server.url), threads=2) as load:
        load.wait_for(20)
        signalled = time.monotonic()
        server.signal(signal.SIGTERM)
        for thread in slow:
            thread.join(120)
    assert server.proc.wait(60) == 0
    assert [status for status, _ in answers] == [200, 200, 200]
    assert all(len(body["results"]) == 100 for _, body in answers)
    assert all(at >= signalled for at in load.failed_at), load.errors  # nothing failed before SIGTERM
    print(f"SIGTERM: {load.ok} small requests answered, {load.failed} refused after the signal")


def test_a_killed_worker_is_replaced_and_only_its_requests_fail(start_gunicorn):
    server = start_gunicorn(ALIASES_PATH=str(DEFAULT_TABLE), WEB_CONCURRENCY="2")
    workers = worker_pids(server.proc.pid)
    threads = 4
    with Load(lambda: resolve_ok(server.url), threads=threads) as load:
        load.wait_for(100)
        victim = sorted(workers)[0]
        os.kill(victim, signal.SIGKILL)
        for _ in range(3000):  # until the arbiter has forked a replacement
            now = worker_pids(server.proc.pid)
            if len(now) == 2 and victim not in now:
                break
            time.sleep(0.01)
        else:
            pytest.fail("the killed worker was not replaced")
        failed_by_then = load.failed
        ok_by_then = load.ok
        load.wait_for(load.ok + load.failed + 200)
    # At most one request per client thread was on the killed worker when it died.
    assert failed_by_then <= threads, load.errors
    assert load.failed == failed_by_then, load.errors  # nothing failed after the replacement
    assert load.ok > ok_by_then
    assert all("unexpected answer" not in error for error in load.errors)
    assert resolve_ok(server.url) is True
    print(f"SIGKILL: {load.ok} answered, {load.failed} failed on the killed worker: {load.errors}")


def write_table(path, version: int) -> str:
    """Table A (version 0) names t-k after PLACES[k]; table B shifts every name one entity on."""
    entities = [{"id": f"t-{k}", "type": "place", "name": PLACES[(k + version) % len(PLACES)]}
                for k in range(len(PLACES))]
    tmp = path.with_suffix(".tmp")
    tmp.write_text(yaml.safe_dump({"version": 1, "entities": entities}, allow_unicode=True))
    os.replace(tmp, path)  # atomic: a reader sees one file or the other
    return load_table(path).version


def expected_id(versions: dict, table_version: str, place: str) -> str:
    shift = versions[table_version]
    return f"t-{(PLACES.index(place) - shift) % len(PLACES)}"


def consistent_batch(url: str, versions: dict, size: int, seen: dict):
    queries = [{"name": PLACES[i % len(PLACES)], "limit": 1 + (i // len(PLACES)) % 5} for i in range(size)]
    status, headers, body = post_json(url + "/v1/resolve/batch", {"queries": queries})
    if status != 200:
        return status, body
    version = body["table_version"]
    if headers["X-Alias-Table-Version"] != version:
        return "header and body disagree", version
    got = [r["match"]["id"] if r["match"] else None for r in body["results"]]
    want = [expected_id(versions, version, q["name"]) for q in queries]
    if got != want:
        return "mixed tables", version, [(g, w) for g, w in zip(got, want) if g != w][:5]
    seen[version] = seen.get(version, 0) + 1
    return True


def consistent_single(url: str, versions: dict, rng: random.Random, seen: dict):
    place = rng.choice(PLACES)
    status, headers, body = post_json(url + "/v1/resolve", {"name": place})
    if status != 200 or body["match"] is None:
        return status, body
    version = body["table_version"]
    if headers["X-Alias-Table-Version"] != version or body["match"]["id"] != expected_id(versions, version, place):
        return "mixed tables", version, place, body["match"]["id"]
    seen[version] = seen.get(version, 0) + 1
    return True


def test_resolves_during_reloads_and_big_batches_come_from_one_table(start_gunicorn, tmp_path):
    path = tmp_path / "aliases.yaml"
    versions = {write_table(path, 1): 1}
    versions[write_table(path, 0)] = 0
    server = start_gunicorn(ALIASES_PATH=str(path), WEB_CONCURRENCY="2", RELOAD_INTERVAL="0.05")
    seen_batches: dict = {}
    seen_singles: dict = {}
    rng = random.Random(3)
    batches = Load(lambda: consistent_batch(server.url, versions, 1000, seen_batches), threads=2, max_requests=400)
    singles = Load(lambda: consistent_single(server.url, versions, rng, seen_singles), threads=2,
                   max_requests=20_000)
    with batches, singles:
        for flip in range(200):  # swap the table under the load until both loads have seen both tables
            write_table(path, (flip + 1) % 2)
            time.sleep(0.3)
            if flip >= 6 and all(len(seen) == 2 and min(seen.values()) >= 3 for seen in (seen_batches, seen_singles)):
                break
    assert batches.failed == 0 and singles.failed == 0, (batches.errors + singles.errors)[:5]
    assert set(seen_batches) == set(seen_singles) == set(versions), (seen_batches, seen_singles)
    print(f"reloads: {flip + 1} swaps, batches {seen_batches}, single resolves {seen_singles}")
