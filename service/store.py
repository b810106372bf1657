"""The live table: load, watch for edits, validate off to the side, swap.

Requests read `store.current` once and use that snapshot to the end, so an
answer never mixes two tables. A reload builds a whole new Snapshot (table
and index) beside the old one and replaces it with one assignment; a table
that fails to load leaves the old snapshot serving and is reported in
`last_reload`.

A change is noticed by the resolved path's stat (device, inode, size, mtime)
and content hash, so in-place writes, save-by-rename and a ConfigMap's
`..data` symlink swap all count; the poller loads a changed file only once it
has stopped changing (SETTLE_SECONDS). See docs/curating.md.
"""
from __future__ import annotations

import datetime as dt
import gc
import hashlib
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from typing import Callable

from .gc_paused import gc_paused
from .matcher import Matcher
from .table import AliasTable, Finding, TableError, parse_table_bytes

log = logging.getLogger(__name__)
# Files up to this size are hashed on every poll, so even an in-place write
# that keeps size and mtime is seen; larger ones only when their stat changes.
ALWAYS_HASH_BYTES = 1024 * 1024
# A changed file must look the same twice this far apart before the poller
# loads it: an editor or `cat >` writing in place is not caught half-way.
SETTLE_SECONDS = 0.2


@dataclass(frozen=True)
class Snapshot:
    """One loaded table and its index, never modified."""

    table: AliasTable
    matcher: Matcher
    loaded_at: dt.datetime


@dataclass(frozen=True)
class ReloadStatus:
    """The outcome of the latest load attempt."""

    ok: bool
    at: dt.datetime
    version: str | None
    error: str | None = None
    findings: tuple[str, ...] = ()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _pause(seconds: float) -> None:
    time.sleep(seconds)


class _Unreadable(Exception):
    """A table file that cannot even be read; `key` tells one such state from the next."""

    def __init__(self, key: tuple, finding: Finding):
        self.key, self.error = key, TableError([finding])


class TableStore:
    """Holds the current snapshot and reloads it when the file changes."""

    def __init__(self, path: Path, *, threshold: float, margin: float, max_bytes: int, cache_size: int = 0,
                 listeners: list[Callable[[ReloadStatus, Snapshot | None], None]] | None = None,
                 freeze: bool = False):
        self.path = Path(path)
        # With freeze, each table loaded is moved out of the cyclic GC's sight (gc.freeze, a
        # whole-process act: for the process that serves, not for tests that build many stores).
        self.freeze = freeze
        self.threshold, self.margin, self.max_bytes = threshold, margin, max_bytes
        self.cache_size = cache_size
        self.current: Snapshot | None = None
        self.last_reload: ReloadStatus | None = None
        self.listeners = list(listeners or [])
        self._seen: tuple | None = None      # (stat signature, sha256) of the last file examined
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def reload(self, *, force: bool = False, settle: float = 0.0) -> ReloadStatus | None:
        """Load the file if it changed (or if forced); return the new status, or None if unchanged.

        With `settle`, a changed file is looked at again that many seconds later
        and loaded only if it is still the same, so a table caught half-written
        in place is not served (the next call tries again).
        """
        with self._lock:
            try:
                signature, raw = self._read(always=force)
            except _Unreadable as exc:
                return self._failed(exc.key, str(exc.error), tuple(map(str, exc.error.findings)), force)
            if raw is None:
                return None
            sha = hashlib.sha256(raw).hexdigest()
            if not force and self._seen and self._seen[1] == sha:
                self._seen = (signature, sha)
                return None
            if settle > 0 and not force:
                _pause(settle)
                try:
                    if self._read(always=True) != (signature, raw):
                        return None  # still being written: look again at the next poll
                except _Unreadable:
                    return None
            self._seen = (signature, sha)
            return self._load(raw, sha)

    def _read(self, *, always: bool = False) -> tuple[tuple, bytes | None]:
        """The file's stat signature and bytes; bytes None when a large file's stat is unchanged."""
        source = str(self.path)
        try:
            stat = os.stat(self.path)
            signature = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
            if not S_ISREG(stat.st_mode):
                kind = "Is a directory" if S_ISDIR(stat.st_mode) else "Not a regular file"
                raise _Unreadable(("unreadable", kind), Finding(source, 0, f"cannot read: {kind}"))
            if not always and self._seen and self._seen[0] == signature and stat.st_size > ALWAYS_HASH_BYTES:
                return signature, None
            if stat.st_size > self.max_bytes:
                raise _Unreadable(signature, Finding(source, 0, f"file is {stat.st_size} bytes, "
                                                                f"over the limit of {self.max_bytes}"))
            with open(self.path, "rb") as f:
                raw = f.read(self.max_bytes + 1)  # the file may have grown since the stat
        except OSError as exc:
            message = f"cannot read: {exc.strerror or exc}"
            raise _Unreadable(("unreadable", message), Finding(source, 0, message)) from None
        if len(raw) > self.max_bytes:
            raise _Unreadable(signature, Finding(source, 0, f"file is over the limit of {self.max_bytes} bytes"))
        return signature, raw

    def _load(self, raw: bytes, sha: str) -> ReloadStatus:
        """Parse, validate and index off to the side; swap in only a fully built snapshot.

        One GC pause covers parsing and indexing: when the collector comes back
        it walks every object made while it was off, holding the GIL, and so
        every request thread (1.4 s at 1M aliases, bench/RESULTS.md). Frozen
        before it comes back, the new table is never walked at all.
        """
        try:
            with gc_paused():
                table = parse_table_bytes(raw, source=str(self.path))
                snapshot = Snapshot(table, Matcher(table, threshold=self.threshold, margin=self.margin,
                                                      cache_size=self.cache_size), _now())
                if self.freeze:
                    gc.freeze()
        except TableError as exc:
            return self._report(ReloadStatus(False, _now(), sha[:12], str(exc),
                                             tuple(map(str, exc.findings))), None)
        self.current = snapshot
        log.info("table loaded", extra={"table_version": table.version,
                                        "entities": len(table.entities),
                                        "aliases": snapshot.matcher.index.alias_count})
        return self._report(ReloadStatus(True, snapshot.loaded_at, table.version), snapshot)

    def _failed(self, key: tuple, error: str, findings: tuple, force: bool) -> ReloadStatus | None:
        # Report a broken file once, not on every poll, until it changes again.
        if not force and self._seen and self._seen[0] == key:
            return None
        self._seen = (key, None)
        return self._report(ReloadStatus(False, _now(), None, error, findings or (error,)), None)

    def _report(self, status: ReloadStatus, snapshot: Snapshot | None) -> ReloadStatus:
        self.last_reload = status
        if not status.ok:
            log.error("table not loaded, keeping the last good one: %s", status.error,
                      extra={"table_version": self.current.table.version if self.current else None})
        for listener in self.listeners:
            listener(status, snapshot)
        return status

    def start_polling(self, interval: float) -> None:
        """Check the file every `interval` seconds in a daemon thread (idempotent)."""
        if interval <= 0 or (self._thread and self._thread.is_alive()):
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._poll, args=(interval,), name="table-reloader", daemon=True)
        self._thread.start()

    def stop_polling(self) -> None:
        self._stop.set()

    def _poll(self, interval: float) -> None:
        while not self._stop.wait(interval):
            try:
                self.reload(settle=min(interval, SETTLE_SECONDS))
            except Exception:  # a reloader that dies would silently freeze the table
                log.exception("unexpected error while checking the table")
