"""Structured logs: one JSON line per record, one `request` line per HTTP request.

Queried names may be personal data: they are logged only at DEBUG
(`log_resolutions`), never in the INFO request line.
"""
from __future__ import annotations

import json
import logging
import os
import random
import re
import sys
import threading
import time

import orjson


REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
# LogRecord's own attributes; anything else on a record came in through `extra`.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}

log = logging.getLogger("service.access")
queries_log = logging.getLogger("service.queries")


class JsonFormatter(logging.Formatter):
    """A record as one JSON object, `extra` fields included.

    ASCII-escaped, so a name with a lone surrogate (valid in a JSON request)
    still makes a valid line.
    """

    def format(self, record: logging.LogRecord) -> str:
        body = {"ts": _timestamp(record.created), "level": record.levelname, "logger": record.name,
                "msg": record.getMessage()}
        fields = vars(record)
        body.update((k, fields[k]) for k in fields.keys() - _STANDARD)
        if record.exc_info:
            body["exc"] = self.formatException(record.exc_info)
        return json_line(body)


def json_line(body: dict) -> str:
    """`body` as one line of ASCII JSON.

    >>> print(json_line({"msg": "naïve", "n": 1}))
    {"msg":"na\\u00efve","n":1}
    """
    try:  # orjson first: a line per request is worth the fast path
        line = orjson.dumps(body, default=str).decode()
        if line.isascii():
            return line
    except TypeError:  # a lone surrogate, which only the stdlib escapes
        pass
    return json.dumps(body, default=str, separators=(",", ":"))


def _timestamp(created: float) -> str:
    """ISO 8601 UTC to the millisecond; the part up to the second is made once per second.

    >>> _timestamp(0.25)
    '1970-01-01T00:00:00.250+00:00'
    """
    global _last_second
    second, text = _last_second   # one tuple, read and replaced whole: safe across threads
    if second != int(created):
        second = int(created)
        text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
        _last_second = (second, text)
    return f"{text}.{int((created - second) * 1000):03d}+00:00"


_last_second: tuple[int | None, str] = (None, "")


class _StderrHandler(logging.StreamHandler):
    """Write to whatever sys.stderr is when a record comes (tests and servers swap it).

    Request lines may be held for up to `flush_seconds` and written together, as
    nginx's buffered and Envoy's access logs are: under gunicorn's threads each
    write is a system call that lets go of the GIL and waits to get it back, which
    cost 5-10% of the resolves per second (bench/RESULTS.md). Every other record
    is written at once, after the lines held, so the order of lines is kept.
    """

    def __init__(self, flush_seconds: float = 0.0):
        super().__init__()
        self.flush_seconds = flush_seconds
        self._held: list[str] = []
        self._held_chars = 0
        # The process whose writer thread runs: threads do not survive a fork.
        self._writer_pid: int | None = None
        self._closed = threading.Event()

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):
        pass

    def emit(self, record: logging.LogRecord) -> None:
        # StreamHandler's emit, with the stream read once and flushed here rather than
        # through flush(), which takes the handler's lock a second time.
        try:
            self.write_line(self.format(record))
        except RecursionError:
            raise
        except Exception:
            self.handleError(record)

    def write_line(self, line: str) -> None:
        """Write one formatted line now, after any lines held."""
        with self.lock:
            stream = sys.stderr
            stream.write(self._take_held() + line + "\n")
            stream.flush()

    def hold_line(self, line: str) -> None:
        """Write one formatted line within `flush_seconds` (now if 0), with others."""
        if self.flush_seconds <= 0:
            self.write_line(line)
            return
        with self.lock:
            self._held.append(line)
            self._held_chars += len(line)
            full = self._held_chars >= HOLD_CHARS
            if self._writer_pid != os.getpid() and not self._closed.is_set():
                self._writer_pid = os.getpid()
                threading.Thread(target=self._write_held_every, name="log-writer", daemon=True).start()
        if full:
            self.flush()

    def flush(self) -> None:
        """Write the lines held, if any."""
        with self.lock:
            if self._held:
                stream = sys.stderr
                stream.write(self._take_held())
                stream.flush()

    def close(self) -> None:
        self._closed.set()   # the writer thread stops; what is held is written here
        self.flush()
        super().close()

    def _take_held(self) -> str:
        text = "".join(line + "\n" for line in self._held)
        self._held.clear()
        self._held_chars = 0
        return text

    def _write_held_every(self) -> None:
        while not self._closed.wait(self.flush_seconds):
            self.flush()


# Held request lines are written at once past this many characters (about 300 lines):
# a burst of requests never holds much memory, and one write fits a pipe's 64 KiB buffer.
HOLD_CHARS = 48 * 1024


def configure_logging(level: str, flush_seconds: float = 0.0) -> None:
    """Send the `service` loggers to stderr as JSON lines, at `level` (replacing our previous handler).

    `flush_seconds`: how long a request line may wait to be written with others (LOG_FLUSH_SECONDS).
    """
    logger = logging.getLogger("service")
    for handler in [h for h in logger.handlers if getattr(h, "alias_json", False)]:
        logger.removeHandler(handler)
        handler.close()
    # A line shows neither the caller nor the thread names: don't work them out for each
    # record (the logging HOWTO, "Optimization"; a line per request adds up). The process
    # id stays: gunicorn's own lines print it ("[%(process)d]"), and None would not format.
    logging._srcfile = None
    logging.logThreads = logging.logMultiprocessing = False
    global _handler
    handler = _handler = _StderrHandler(flush_seconds)
    handler.setFormatter(JsonFormatter())
    handler.alias_json = True
    logger.addHandler(handler)
    logger.setLevel(level)


_handler: _StderrHandler | None = None   # the one configure_logging set up


def flush() -> None:
    """Write the request lines held (before a fork, so that no child inherits them to write again).

    At exit, logging.shutdown flushes every handler; a process killed outright loses at most
    LOG_FLUSH_SECONDS of request lines.
    """
    if _handler is not None:
        _handler.flush()


os.register_at_fork(before=flush)


def request_id(given: str | None) -> str:
    """The caller's X-Request-ID if it is short and plain, else a new one.

    >>> request_id("abc-123")
    'abc-123'
    >>> len(request_id("bad id\\n"))
    32
    """
    # 128 random bits as 32 hex digits, as uuid4().hex gives, without a UUID object or a
    # system call (os.urandom) per request: an id needs to be unique, not unpredictable,
    # and `random` is reseeded in each forked worker.
    return given if given and REQUEST_ID.fullmatch(given) else f"{random.getrandbits(128):032x}"


def log_request(method: str, path: str, status: int, seconds: float, request_id: str) -> None:
    """The one INFO line of an answered request (no queried name: see the module's doc).

    It is the line `log.info("request", extra=fields)` would write, written by the
    service's handler without a LogRecord (making the record and passing it through the
    logging module cost as much as formatting and writing it, on every request), within
    LOG_FLUSH_SECONDS together with the lines of other requests.
    """
    if not log.isEnabledFor(logging.INFO):
        return
    fields = {"method": method, "path": path[:200], "status": status, "duration_ms": round(seconds * 1000, 3),
              "request_id": request_id}
    if _handler is None:   # configure_logging not called (create_app always calls it)
        log.info("request", extra=fields)
        return
    _handler.hold_line(json_line({"ts": _timestamp(time.time()), "level": "INFO", "logger": log.name,
                                   "msg": "request", **fields}))


def log_resolutions(results, request_id: str | None) -> None:
    """At DEBUG only: each queried name and what it resolved to."""
    if not queries_log.isEnabledFor(logging.DEBUG):
        return
    for r in results:
        queries_log.debug("resolved", extra={"query": r.query, "match": r.match.id if r.match else None,
                                             "reason": r.reason, "read_as": r.read_as, "request_id": request_id})
