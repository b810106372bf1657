"""Typed settings from the environment; every default in one place.

Each setting is read from an environment variable of the same name in upper
case. Tests pass their own mapping instead of touching os.environ.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Mapping

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(ValueError):
    """An environment variable with a value we cannot use; names the variable."""


@dataclass(frozen=True)
class Settings:
    # The curated table to serve (a file path; a directory means <dir>/aliases.yaml).
    aliases_path: Path = PROJECT_ROOT / "aliases.yaml"
    # gunicorn's listen port (read by gunicorn.conf.py).
    port: int = 8000
    # gunicorn worker processes (read by gunicorn.conf.py).
    web_concurrency: int = 2
    # Minimum score for a candidate to be returned as `match`.
    match_threshold: float = 0.8
    # A runner-up from another entity this close to the best makes the answer ambiguous.
    ambiguity_margin: float = 0.05
    # Most queries in one POST /v1/resolve/batch.
    max_batch: int = 1000
    # Longest accepted name, in characters.
    max_name_length: int = 1000
    # Most characters in all the names of one batch together; a query's cost grows with its
    # words, so this bounds the time one batch can take (1,000 names of 1,000 characters take
    # ~20 s on one core and would run into gunicorn's worker timeout; the slowest junk found
    # at this cap, 100 names of 1,000 characters in many words, takes 5-7 s: bench/worst_case.py).
    max_batch_chars: int = 100_000
    # Deepest nesting of objects and arrays accepted in a request body.
    max_json_depth: int = 8
    # Largest accepted request body, in bytes.
    max_body_bytes: int = 4 * 1024 * 1024
    # Most candidates a query may ask for with `limit`.
    max_limit: int = 50
    # Largest table file accepted on load or reload, in bytes.
    max_table_bytes: int = 256 * 1024 * 1024
    # Answers each worker remembers (least recently used go first); 0 turns the cache off.
    # A reload starts with an empty cache, so no answer outlives its table.
    answer_cache_size: int = 10_000
    # Seconds between checks of the table file for changes; 0 turns polling off.
    reload_interval: float = 2.0
    # Python logging level name.
    log_level: str = "INFO"
    # Seconds a request's log line may wait to be written together with others (one write for
    # many lines, as nginx's buffered and Envoy's access logs do); 0 writes each at once.
    # Every other line (warnings, errors, reloads) is written at once, after the lines waiting.
    log_flush_seconds: float = 1.0
    # Bearer token for POST /v1/admin/reload; unset means the endpoint is off.
    admin_token: str | None = field(default=None, repr=False)
    # Comma-separated origins allowed by CORS; empty means CORS is off; `*` allows any origin.
    cors_origins: tuple[str, ...] = ()
    # Seconds a browser may cache a CORS preflight answer.
    cors_max_age: int = 600

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        """Build settings from an environment mapping (default: os.environ)."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            raw = environ.get(f.name.upper())
            if raw is None or raw.strip() == "":
                continue
            values[f.name] = _parse(f.name.upper(), f.default, raw.strip())
        settings = cls(**values)
        settings.check()
        return settings

    def check(self) -> None:
        """Reject values that are well-typed but make no sense."""
        if not 0.0 <= self.match_threshold <= 1.0:
            raise ConfigError(f"MATCH_THRESHOLD must be within [0, 1], got {self.match_threshold}")
        if not 0.0 <= self.ambiguity_margin < 1.0:
            raise ConfigError(f"AMBIGUITY_MARGIN must be within [0, 1), got {self.ambiguity_margin}")
        for name in ("max_batch", "max_name_length", "max_batch_chars", "max_json_depth", "max_body_bytes",
                     "max_limit", "max_table_bytes", "web_concurrency", "port"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name.upper()} must be at least 1, got {getattr(self, name)}")
        if self.answer_cache_size < 0:
            raise ConfigError(f"ANSWER_CACHE_SIZE must not be negative, got {self.answer_cache_size}")
        if self.reload_interval < 0:
            raise ConfigError(f"RELOAD_INTERVAL must not be negative, got {self.reload_interval}")
        if self.log_flush_seconds < 0:
            raise ConfigError(f"LOG_FLUSH_SECONDS must not be negative, got {self.log_flush_seconds}")

    @property
    def table_file(self) -> Path:
        """The table file: ALIASES_PATH, or aliases.yaml inside it if it is a directory."""
        path = Path(self.aliases_path)
        return path / "aliases.yaml" if path.is_dir() else path


def _parse(name: str, default: object, raw: str) -> object:
    try:
        if isinstance(default, bool):
            return raw.lower() in ("1", "true", "yes", "on")
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        if isinstance(default, Path):
            return Path(raw)
        if isinstance(default, tuple):
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        if name == "LOG_LEVEL":
            return raw.upper()
        return raw
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a valid {type(default).__name__}") from None
