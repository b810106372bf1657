"""The service for bench/perf.py's memory run, reading its table file as JSON.

A YAML file of a million aliases takes minutes to parse with the
line-tracking loader, which would dominate the benchmark; the same data as
JSON goes through the same validation, index build and store.
"""
import hashlib

import orjson

from service import store
from service.table import parse_table


def _parse_json(raw: bytes, *, source: str = "<memory>"):
    return parse_table(orjson.loads(raw), source=source, sha256=hashlib.sha256(raw).hexdigest())


store.parse_table_bytes = _parse_json

from service.wsgi import app  # noqa: E402,F401  (after the patch: the table loads at import)
