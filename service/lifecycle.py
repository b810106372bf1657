"""What every request gets, in one WSGI layer around the Flask app.

Before: an id (the caller's X-Request-ID if sane, else a new one), a timer,
a place in the in-progress gauge, and the table snapshot it uses from start
to end, left in the WSGI environ for the view (`request_id`, `snapshot`).
As the answer starts: the X-Request-ID and X-Alias-Table-Version headers.
After: out of the gauge, the request metrics and the log line.

A layer around the app rather than Flask's before, after and teardown hooks:
Flask runs each hook through its own dispatch on every request, and each
hook reads `g` and `request` through their proxies. Around the app, a cached
resolve costs about 5% less CPU in-process (bench/RESULTS.md, Performance),
and every request still gets all of the above, whatever Flask does with it
(404, 405, a 413 body, an error).
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from flask import Flask, Request, request

from . import logs
from .metrics import UNMATCHED, Metrics
from .store import Snapshot, TableStore

REQUEST_ID_KEY = "alias.request_id"   # the WSGI environ keys this layer sets for the request
SNAPSHOT_KEY = "alias.snapshot"
REQUEST_KEY = "alias.request"         # ... and the one its Request sets (_Request)


def init_app(app: Flask, store: TableStore, metrics: Metrics) -> None:
    """Wrap the app's WSGI callable (Flask's documented place for middleware)."""
    app.request_class = _Request
    app.wsgi_app = Lifecycle(app.wsgi_app, store, metrics)


def request_id() -> str | None:
    """This request's id (inside a request)."""
    return request.environ.get(REQUEST_ID_KEY)


def snapshot() -> Snapshot | None:
    """The table this request uses from start to end, None if none is loaded (inside a request)."""
    return request.environ.get(SNAPSHOT_KEY)


class _Request(Request):
    """Flask's request, also left in the environ for the WSGI layer to read the matched route
    and decoded path once the app is done: Flask clears werkzeug's own `werkzeug.request` key
    as the request ends, and the layer takes this one out itself (no reference cycle stays)."""

    def __init__(self, environ: dict, *args, **kwargs):
        super().__init__(environ, *args, **kwargs)
        environ[REQUEST_KEY] = self


class Lifecycle:
    """The WSGI layer: one call before the app, one as the answer starts, one after."""

    def __init__(self, wsgi_app: Callable, store: TableStore, metrics: Metrics):
        self.wsgi_app, self.store, self.metrics = wsgi_app, store, metrics

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        started = time.perf_counter()
        rid = environ[REQUEST_ID_KEY] = logs.request_id(environ.get("HTTP_X_REQUEST_ID"))
        snap = environ[SNAPSHOT_KEY] = self.store.current
        statuses: list[int] = []

        def answer(status: str, headers: list, exc_info=None):
            statuses.append(int(status[:3]))
            headers.append(("X-Request-ID", rid))
            if snap is not None:
                headers.append(("X-Alias-Table-Version", snap.table.version))
            return start_response(status, headers, exc_info)

        self.metrics.in_progress.inc()
        try:
            return self.wsgi_app(environ, answer)
        finally:
            self.metrics.in_progress.dec()
            seconds = time.perf_counter() - started
            status = statuses[-1] if statuses else 500   # no answer started: the server answers 500
            req = environ.pop(REQUEST_KEY, None)   # None if the app failed before it made one
            rule = req.url_rule.rule if req is not None and req.url_rule is not None else UNMATCHED
            path = req.path if req is not None else environ.get("PATH_INFO", "")
            method = environ.get("REQUEST_METHOD", "")
            self.metrics.count_request(rule, method, status, seconds)
            logs.log_request(method, path, status, seconds, rid)
