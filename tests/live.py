"""Helpers for tests against a live gunicorn: HTTP calls, worker pids, Prometheus samples."""
from __future__ import annotations

import http.client
import json
import os
from pathlib import Path
from urllib.parse import urlsplit

from prometheus_client.parser import text_string_to_metric_families


def call(url: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None,
         timeout: float = 60) -> tuple[int, dict, bytes]:
    """One request on a new connection; returns (status, headers, body)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, parts.path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.headers), response.read()
    finally:
        conn.close()


def post_json(url: str, payload: object, timeout: float = 60) -> tuple[int, dict, object]:
    status, headers, raw = call(url, "POST", json.dumps(payload).encode(), {"Content-Type": "application/json"},
                                timeout)
    return status, headers, json.loads(raw)


def children(parent: int) -> dict[int, str]:
    """The children of a process with their states (`Z` for a zombie), read from /proc."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found[int(stat.parent.name)] = fields[0]
    return found


def worker_pids(arbiter: int) -> set[int]:
    """The live children of a gunicorn arbiter."""
    return {pid for pid, state in children(arbiter).items() if state != "Z"}


def samples(text: str) -> dict[tuple, float]:
    """Prometheus text as {(sample name, sorted label pairs): value}."""
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def sample(text: str, name: str, **labels: str) -> float:
    """One sample's value (0 if absent)."""
    return samples(text).get((name, tuple(sorted(labels.items()))), 0.0)


def scrape(url: str) -> str:
    status, _, body = call(url + "/metrics")
    assert status == 200
    return body.decode()


def files_by_pid(directory: str | os.PathLike) -> set[int]:
    """The pids that have written prometheus multiprocess files."""
    return {int(p.stem.rsplit("_", 1)[1]) for p in Path(directory).glob("*.db")}
