"""The live table: load, watch for edits, validate off to the side, swap.

Requests read `store.current` once and use that snapshot to the end, so an
answer never mixes two tables. A reload builds a whole new Snapshot (table
and index) beside the old one and replaces it with one assignment; a table
that fails to load leaves the old snapshot serving and is reported in
`last_reload`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .matcher import Matcher
from .table import AliasTable, Finding, TableError, parse_table_bytes

log = logging.getLogger(__name__)
# Files up to this size are hashed on every poll, so even an in-place write
# that keeps size and mtime is seen; larger ones only when their stat changes.
ALWAYS_HASH_BYTES = 1024 * 1024


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


class TableStore:
    """Holds the current snapshot and reloads it when the file changes."""

    def __init__(self, path: Path, *, threshold: float, margin: float, max_bytes: int,
                 listeners: list[Callable[[ReloadStatus, Snapshot | None], None]] | None = None):
        self.path = Path(path)
        self.threshold, self.margin, self.max_bytes = threshold, margin, max_bytes
        self.current: Snapshot | None = None
        self.last_reload: ReloadStatus | None = None
        self.listeners = list(listeners or [])
        self._seen: tuple | None = None      # (stat signature, sha256) of the last file examined
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def reload(self, *, force: bool = False) -> ReloadStatus | None:
        """Load the file if it changed (or if forced); return the new status, or None if unchanged."""
        with self._lock:
            try:
                stat = os.stat(self.path)
                signature = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
                if not force and self._seen and self._seen[0] == signature and stat.st_size > ALWAYS_HASH_BYTES:
                    return None
                if stat.st_size > self.max_bytes:
                    raise TableError([Finding(str(self.path), 0, f"file is {stat.st_size} bytes, "
                                                                 f"over the limit of {self.max_bytes}")])
                raw = self.path.read_bytes()
            except OSError as exc:
                return self._failed(("missing",), f"{self.path}: cannot read: {exc.strerror or exc}", (), force)
            except TableError as exc:
                return self._failed((signature,), str(exc), tuple(map(str, exc.findings)), force)
            sha = hashlib.sha256(raw).hexdigest()
            seen = (signature, sha)
            if not force and self._seen and self._seen[1] == sha:
                self._seen = seen
                return None
            self._seen = seen
            try:
                table = parse_table_bytes(raw, source=str(self.path))
                snapshot = Snapshot(table, Matcher(table, threshold=self.threshold, margin=self.margin), _now())
            except TableError as exc:
                return self._report(ReloadStatus(False, _now(), sha[:12], str(exc),
                                                 tuple(map(str, exc.findings))), None)
            self.current = snapshot
            log.info("table loaded", extra={"table_version": table.version,
                                            "entities": len(table.entities),
                                            "aliases": snapshot.matcher.index.alias_count})
            return self._report(ReloadStatus(True, snapshot.loaded_at, table.version), snapshot)

    def _failed(self, seen: tuple, error: str, findings: tuple, force: bool) -> ReloadStatus | None:
        # Report a broken file once, not on every poll, until it changes again.
        if not force and self._seen and self._seen[0] == seen[0]:
            return None
        self._seen = (seen[0], None)
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
                self.reload()
            except Exception:  # a reloader that dies would silently freeze the table
                log.exception("unexpected error while checking the table")
