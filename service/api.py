"""The HTTP layer: parse and validate, call the core, serialize. No matching here."""
from __future__ import annotations

import hmac
import json

from flask import Blueprint, current_app, jsonify, redirect, request, url_for
from pydantic import ValidationError

from . import lifecycle
from .errors import Problem
from .logs import log_resolutions
from .matcher import Candidate, Resolution, name_at
from .metrics import observe_resolutions
from .store import Snapshot, TableStore
from .table import Entity, FormerName, RepeatedKeyError, unique_keys

v1 = Blueprint("v1", __name__, url_prefix="/v1")
probes = Blueprint("probes", __name__)


def store() -> TableStore:
    return current_app.extensions["alias_store"]


def snapshot() -> Snapshot:
    """The table this request uses from start to end (taken as it began: lifecycle.py)."""
    snap = lifecycle.snapshot()
    if snap is None:
        raise Problem(503, "Table Not Loaded", "No valid alias table has been loaded yet; see GET /v1/status.")
    return snap


@v1.post("/resolve")
def resolve():
    query = validate(current_app.extensions["alias_models"].resolve, read_json())
    snap = snapshot()
    result = snap.matcher.resolve(query.name, type=query.type, as_of=query.as_of, limit=query.limit)
    observe_resolutions([result])
    log_resolutions([result], lifecycle.request_id())
    body = resolution_json(result, query)
    body["table_version"] = snap.table.version
    return jsonify(body)


@v1.post("/resolve/batch")
def resolve_batch():
    data = read_json()
    settings = current_app.extensions["alias_settings"]
    if isinstance(data, dict) and isinstance(data.get("queries"), list) and len(data["queries"]) > settings.max_batch:
        raise Problem(413, "Batch Too Large", f"{len(data['queries'])} queries; at most {settings.max_batch} "
                                              f"are accepted per batch (MAX_BATCH).")
    batch = validate(current_app.extensions["alias_models"].batch, data)
    chars = sum(len(q.name) for q in batch.queries)
    if chars > settings.max_batch_chars:
        raise Problem(413, "Batch Too Large", f"The names add up to {chars} characters; at most "
                                              f"{settings.max_batch_chars} are accepted per batch (MAX_BATCH_CHARS).")
    snap = snapshot()
    results = snap.matcher.resolve_queries([(q.name, q.type, q.as_of, q.limit) for q in batch.queries])
    observe_resolutions(results, batch=True)
    log_resolutions(results, lifecycle.request_id())
    return jsonify({"results": [resolution_json(r, q) for r, q in zip(results, batch.queries)],
                    "table_version": snap.table.version})


@v1.get("/entities/<entity_id>")
def entity(entity_id: str):
    table = snapshot().table
    live = table.live_id(entity_id)
    if live is None:
        raise Problem(404, "Not Found", f"No entity has the id {entity_id!r}.")
    if live != entity_id:
        return redirect(url_for("v1.entity", entity_id=live), code=308)
    return jsonify(entity_json(table.by_id[live]))


@v1.get("/status")
def status():
    current = store().current
    body = {"table": None, "last_reload": reload_json(store().last_reload)}
    if current:
        table = current.table
        body["table"] = {"path": table.source, "sha256": table.sha256, "version": table.version,
                         "entities": len(table.entities), "aliases": current.matcher.index.alias_count,
                         "loaded_at": current.loaded_at.isoformat(),
                         "answer_cache": current.matcher.answers.stats()}
    return jsonify(body)


@v1.post("/admin/reload")
def admin_reload():
    token = current_app.extensions["alias_settings"].admin_token
    if not token:
        raise Problem(404, "Not Found", "The admin API is off (ADMIN_TOKEN is not set).")
    given = request.headers.get("Authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        raise Problem(401, "Unauthorized", "A valid 'Authorization: Bearer <ADMIN_TOKEN>' header is required.")
    result = store().reload(force=True)
    return jsonify({"last_reload": reload_json(result)})


@probes.get("/healthz")
def healthz():
    return jsonify({"status": "ok"})


@probes.get("/readyz")
def readyz():
    if store().current is None:
        raise Problem(503, "Not Ready", "No valid alias table has been loaded yet.")
    return jsonify({"status": "ready", "table_version": store().current.table.version})


def read_json() -> object:
    """The request body as JSON, held to strict rules: UTF-8, no NaN, no duplicate keys."""
    mimetype = request.mimetype
    if not mimetype or not (mimetype == "application/json" or mimetype.endswith("+json")):
        raise Problem(415, "Unsupported Media Type", "Send the body as JSON with 'Content-Type: application/json'.")
    raw = request.get_data(cache=False)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Problem(400, "Bad Request", f"The body is not valid UTF-8 (byte {exc.start}).") from None
    try:
        data = _DECODER.decode(text)
    except RepeatedKeyError as exc:
        raise Problem(400, "Bad Request", f"The body repeats the key {exc.key!r}.") from None
    except _JSONRuleBroken as exc:
        raise Problem(400, "Bad Request", str(exc)) from None
    except (ValueError, RecursionError) as exc:
        raise Problem(400, "Bad Request", f"The body is not valid JSON: {str(exc)[:200]}") from None
    max_depth = current_app.extensions["alias_settings"].max_json_depth
    # Each level is a bracket, or the value in the last one: only a body with at least as many
    # brackets as levels allowed can nest too deep (brackets in strings count too, which errs
    # towards walking it), so most bodies are not walked at all.
    if raw.count(b"{") + raw.count(b"[") >= max_depth and _depth(data, max_depth) > max_depth:
        raise Problem(400, "Bad Request", f"The body nests deeper than {max_depth} levels (MAX_JSON_DEPTH).")
    return data


class _JSONRuleBroken(ValueError):
    pass


def _no_constants(name):
    raise _JSONRuleBroken(f"The body contains {name}, which is not valid JSON.")


# json.loads(text, **hooks) would build a decoder and its scanner for every body.
_DECODER = json.JSONDecoder(object_pairs_hook=unique_keys, parse_constant=_no_constants)


def _depth(value, limit: int, level: int = 1) -> int:
    if level > limit:
        return level
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return max((_depth(child, limit, level + 1) for child in children), default=level)


def validate(model, data):
    """Validate with the request model; errors name each field (RFC 9457 extension `errors`)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = [{"field": ".".join(map(str, e["loc"])) or "(body)", "message": _MESSAGES.get(e["type"], e["msg"]),
                   "type": e["type"]}
                  for e in exc.errors(include_url=False, include_input=False, include_context=False)]
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        raise Problem(422, "Unprocessable Content", f"The request is not valid: {detail}",
                      slug="validation-error", errors=errors[:100]) from None


_MESSAGES = {"string_unicode": "Input contains an unpaired surrogate escape (\\ud800-\\udfff), "
                              "which is not a character"}


def resolution_json(result: Resolution, query) -> dict:
    as_of = query.as_of
    return {
        "query": {"name": _printable(query.name), "type": query.type,
                  "as_of": as_of.isoformat() if as_of else None, "limit": query.limit},
        "normalized": result.forms.norm,
        "match": candidate_json(result.match, as_of) if result.match else None,
        "ambiguous": result.ambiguous,
        "reason": result.reason,
        "read_as": _printable(result.read_as) if result.read_as is not None else None,
        "candidates": [candidate_json(c, as_of) for c in result.candidates],
    }


def candidate_json(c: Candidate, as_of) -> dict:
    e = c.entity
    matched = {"name": c.matched.text, "kind": c.matched.kind}
    if c.matched.former is not None:
        matched.update(_dates(c.matched.former))
    body = {"id": e.id, "name": e.name, "type": e.type, "score": c.score, "matched": matched,
            "how": c.how, "compared": {"query": c.compared[0], "candidate": c.compared[1]},
            "former_names": [{"name": f.name, **_dates(f, keep_none=True)} for f in e.former_names]}
    if e.dissolved:
        body["dissolved"] = str(e.dissolved)
    if as_of is not None:
        body["name_at"] = name_at(e, as_of)
    return body


def entity_json(e: Entity) -> dict:
    return {"id": e.id, "type": e.type, "name": e.name, "aliases": list(e.aliases),
            "former_names": [{"name": f.name, **_dates(f, keep_none=True), "aliases": list(f.aliases)}
                             for f in e.former_names],
            "dissolved": str(e.dissolved) if e.dissolved else None,
            "external_ids": dict(e.external_ids), "merged_ids": list(e.merged_ids), "sources": list(e.sources)}


def reload_json(status) -> dict | None:
    if status is None:
        return None
    return {"ok": status.ok, "error": status.error, "errors": list(status.findings),
            "at": status.at.isoformat(), "version": status.version}


def _dates(former: FormerName, keep_none: bool = False) -> dict:
    dates = {"from": str(former.start) if former.start else None,
             "until": str(former.end) if former.end else None}
    return dates if keep_none else {k: v for k, v in dates.items() if v is not None}


def _printable(text: str) -> str:
    """Echo a query safely: lone surrogates cannot be encoded as UTF-8 JSON."""
    return text.encode("utf-8", "replace").decode("utf-8") if not text.isascii() else text

