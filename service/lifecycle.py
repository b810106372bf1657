"""What every request gets, in one hook on either side of it.

Before: an id (the caller's X-Request-ID if sane, else a new one), a timer,
a place in the in-progress gauge, and the table snapshot it uses from start
to end. After: the X-Request-ID and X-Alias-Table-Version headers, the
request metrics and the log line; once torn down, out of the gauge.

One hook each way rather than one per concern (id, metrics, snapshot):
Flask checks every hook function for a coroutine on every request, and each
hook would read `g` and `request` through their proxies again. With the
cheaper request ids and metrics made alongside, a cached resolve went from
about 165 to 145 µs of CPU in-process (bench/RESULTS.md, Performance).
"""
from __future__ import annotations

import time

from flask import Flask, g, request

from . import logs
from .metrics import UNMATCHED, Metrics
from .store import TableStore


def init_app(app: Flask, store: TableStore, metrics: Metrics) -> None:
    """Register the three hooks."""

    @app.before_request
    def _begin():
        state = g._get_current_object()   # one proxy look-up per hook, not one per field
        state.started = time.perf_counter()
        state.request_id = logs.request_id(request.headers.get("X-Request-ID"))
        metrics.in_progress.inc()
        state.in_progress = True
        state.snapshot = store.current

    @app.after_request
    def _answered(response):
        state, req = g._get_current_object(), request._get_current_object()
        # A request that failed before `_begin` finished still gets an id and is counted.
        rid = state.get("request_id") or logs.request_id(None)
        response.headers["X-Request-ID"] = rid
        if (snap := state.get("snapshot")) is not None:
            response.headers["X-Alias-Table-Version"] = snap.table.version
        now = time.perf_counter()
        seconds = now - state.get("started", now)
        status = response.status_code
        metrics.count_request(req.url_rule.rule if req.url_rule else UNMATCHED, req.method, status, seconds)
        logs.log_request(req.method, req.path, status, seconds, rid)
        return response

    @app.teardown_request
    def _end(exc):
        if g.pop("in_progress", None):
            metrics.in_progress.dec()
