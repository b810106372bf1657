"""Prometheus metrics at `GET /metrics`: requests, resolve outcomes, the table, reloads.

Under gunicorn, set PROMETHEUS_MULTIPROC_DIR (read by prometheus_client itself,
before it is imported): each process then writes its samples to files there
and a scrape of any worker sums them all (gunicorn.conf.py empties the
directory at start and retires dead workers' files). Without it, each app has
one in-memory registry. The table's figures are read from the scraped
process's current snapshot when scraped, so they need no files.
"""
from __future__ import annotations

import os
from collections import Counter as Tally

from flask import Blueprint, Flask, Response, current_app
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from .store import TableStore

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
LATENCY_BUCKETS = (.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30)
BATCH_BUCKETS = (1, 2, 5, 10, 25, 50, 100, 250, 500, 1000)
UNMATCHED = "(unmatched)"  # the endpoint label of a path no route serves: keeps label values bounded

exposition = Blueprint("metrics", __name__)


class Metrics:
    """The app's metric objects; `init_app` wires them to requests and the store."""

    def __init__(self, store: TableStore):
        self.store = store
        self.multiproc_dir = os.environ.get(MULTIPROC_ENV) or None
        if self.multiproc_dir:  # must exist before the first sample is written
            os.makedirs(self.multiproc_dir, exist_ok=True)
        r = self.registry = CollectorRegistry()
        labels = ("endpoint", "method", "status")
        self.requests = Counter("alias_http_requests", "HTTP requests answered.", labels, registry=r)
        self.latency = Histogram("alias_http_request_duration_seconds", "Time to answer a request.", labels,
                                 buckets=LATENCY_BUCKETS, registry=r)
        self.in_progress = Gauge("alias_http_requests_in_progress", "Requests being answered now.",
                                 multiprocess_mode="livesum", registry=r)
        self.outcomes = Counter("alias_resolve_outcomes", "Resolved queries by outcome.", ("outcome",), registry=r)
        self.match_kinds = Counter("alias_match_kinds", "Matched queries by how they matched.", ("how",),
                                   registry=r)
        self.cache_lookups = Counter("alias_answer_cache_lookups", "Resolved queries by whether the answer "
                                     "cache had them (hit) or they were worked out (miss).", ("result",), registry=r)
        self.batch_sizes = Histogram("alias_batch_size", "Queries per batch request.", buckets=BATCH_BUCKETS,
                                     registry=r)
        self.reloads = Counter("alias_table_reloads", "Table load attempts, per process.", ("result",),
                               registry=r)
        if not self.multiproc_dir:
            r.register(TableCollector(store))
        # labels() takes a lock and builds a key on every call; the children are kept
        # for good, so each request looks them up in a plain dict instead.
        self._children: dict[tuple, object] = {}

    def _child(self, metric, *labels: str):
        key = (id(metric), *labels)
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = metric.labels(*labels)
        return child

    def count_request(self, endpoint: str, method: str, status: int, seconds: float) -> None:
        """One answered request: its count and latency, by route, method and status."""
        labels = (endpoint, method, str(status))
        self._child(self.requests, *labels).inc()
        self._child(self.latency, *labels).observe(seconds)

    def on_reload(self, status, snapshot) -> None:
        """A store listener: count each load attempt."""
        self.reloads.labels("success" if status.ok else "failure").inc()

    def observe_resolutions(self, results, *, batch: bool) -> None:
        """Count outcomes (matched / ambiguous / no_match), match kinds and answer-cache hits of answered queries."""
        # One tally of (outcome, how, cache) triples: three increments per kind of answer, not per answer.
        kinds = {_kind(results[0]): 1} if len(results) == 1 else Tally(map(_kind, results))
        for (outcome, how, cached), n in kinds.items():
            self._child(self.outcomes, outcome).inc(n)
            if how is not None:
                self._child(self.match_kinds, how).inc(n)
            self._child(self.cache_lookups, "hit" if cached else "miss").inc(n)
        if batch:
            self.batch_sizes.observe(len(results))

    def render(self) -> bytes:
        """The text exposition: this app's registry, or every process's files."""
        if not self.multiproc_dir:
            return generate_latest(self.registry)
        registry = CollectorRegistry()
        MultiProcessCollector(registry, self.multiproc_dir)
        registry.register(TableCollector(self.store))
        return generate_latest(registry)


def _kind(r) -> tuple[str, str | None, bool]:
    """(outcome, how it matched, whether the answer cache had it) of one answer."""
    if r.match:
        return "matched", r.match.how, r.cached
    return "ambiguous" if r.ambiguous else "no_match", None, r.cached


class TableCollector:
    """The served table's size and version, read at scrape time."""

    def __init__(self, store: TableStore):
        self.store = store

    def collect(self):
        current = self.store.current
        if current is None:
            return
        table = current.table
        yield GaugeMetricFamily("alias_table_entities", "Entities in the served table.", len(table.entities))
        yield GaugeMetricFamily("alias_table_aliases", "Names and aliases indexed.", current.matcher.index.alias_count)
        yield InfoMetricFamily("alias_table", "The served table.", {"version": table.version, "sha256": table.sha256})


def init_app(app: Flask, store: TableStore) -> Metrics:
    """Create the metrics, listen to reloads, serve /metrics (service/lifecycle.py counts each request)."""
    metrics = Metrics(store)
    store.listeners.append(metrics.on_reload)
    app.extensions["alias_metrics"] = metrics
    app.register_blueprint(exposition)

    return metrics


def observe_resolutions(results, *, batch: bool = False) -> None:
    """Record the outcomes of this request's resolutions (see Metrics.observe_resolutions)."""
    current_app.extensions["alias_metrics"].observe_resolutions(results, batch=batch)


@exposition.get("/metrics")
def metrics_text():
    return Response(current_app.extensions["alias_metrics"].render(), content_type=CONTENT_TYPE_LATEST)
