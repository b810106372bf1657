"""The OpenAPI 3.1 document, generated from the pydantic models so it cannot drift.

Requests are described by the very models api.py validates with (schemas.py);
responses by the models below, which tests/test_openapi.py holds every real
response to. `GET /openapi.json` serves the document of the running app, with
its configured limits.
"""
from __future__ import annotations

from dataclasses import fields
from typing import Literal, Optional

from flask import Blueprint, current_app, jsonify
from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import models_json_schema

from .config import Settings

docs = Blueprint("docs", __name__)
PROBLEM = "application/problem+json"


class _Response(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Query(_Response):
    name: str
    type: Optional[str]
    as_of: Optional[str] = Field(description="ISO date")
    limit: int


class Matched(_Response):
    name: str
    kind: Literal["name", "alias", "former_name", "former_alias"]
    from_: Optional[str] = Field(None, alias="from")
    until: Optional[str] = None


class FormerNameDates(_Response):
    name: str
    from_: Optional[str] = Field(alias="from")
    until: Optional[str]


class Compared(_Response):
    query: str
    candidate: str


class Candidate(_Response):
    id: str
    name: str
    type: str
    score: float = Field(ge=0, le=1)
    matched: Matched
    how: Literal["exact", "normalized", "phonetic", "consonants", "skeleton", "fuzzy"]
    compared: Compared
    former_names: list[FormerNameDates]
    dissolved: Optional[str] = Field(None, description="Present when the entity no longer exists.")
    name_at: Optional[str] = Field(None, description="The entity's name on `as_of`; present when it was given.")


class Resolution(_Response):
    query: Query
    normalized: str
    match: Optional[Candidate]
    ambiguous: bool
    reason: Optional[Literal["no_candidates", "below_threshold", "ambiguous"]]
    read_as: Optional[str] = Field(description="The other reading of the name that found the match, when the "
                                               "name as given did not: without a qualifier, a possessive or a "
                                               "title, in the nominative, by another spelling convention.")
    candidates: list[Candidate]


class ResolveResponse(Resolution):
    table_version: str


class BatchResponse(_Response):
    results: list[Resolution]
    table_version: str


class FormerName(FormerNameDates):
    aliases: list[str]


class EntityResponse(_Response):
    id: str
    type: str
    name: str
    aliases: list[str]
    former_names: list[FormerName]
    dissolved: Optional[str]
    external_ids: dict[str, str]
    merged_ids: list[str]
    sources: list[str]


class AnswerCacheInfo(_Response):
    """The answering worker's answer cache (ANSWER_CACHE_SIZE), emptied by each reload."""
    capacity: int
    size: int
    hits: int
    misses: int


class TableInfo(_Response):
    path: str
    sha256: str
    version: str
    entities: int
    aliases: int
    loaded_at: str
    answer_cache: AnswerCacheInfo


class ReloadInfo(_Response):
    ok: bool
    error: Optional[str]
    errors: list[str]
    at: str
    version: Optional[str]


class StatusResponse(_Response):
    table: Optional[TableInfo]
    last_reload: Optional[ReloadInfo]


class ReloadResponse(_Response):
    last_reload: Optional[ReloadInfo]


class HealthResponse(_Response):
    status: Literal["ok"]


class ReadyResponse(_Response):
    status: Literal["ready"]
    table_version: str


class FieldError(_Response):
    field: str
    message: str
    type: str


class ProblemResponse(_Response):
    """RFC 9457 problem details; `errors` lists each invalid field of a 422."""

    type: str
    title: str
    status: int
    detail: str
    errors: Optional[list[FieldError]] = None


RESPONSES = (ResolveResponse, BatchResponse, EntityResponse, StatusResponse, ReloadResponse,
             HealthResponse, ReadyResponse, ProblemResponse)
LIMITS = ("max_body_bytes", "max_batch", "max_batch_chars", "max_name_length", "max_limit", "max_json_depth")


@docs.get("/openapi.json")
def openapi_json():
    document = current_app.extensions.get("alias_openapi")
    if document is None:
        settings = current_app.extensions["alias_settings"]
        document = build_document(current_app.extensions["alias_models"], settings)
        current_app.extensions["alias_openapi"] = document
    return jsonify(document)


def build_document(models, settings: Settings) -> dict:
    """The OpenAPI 3.1 document for request models built from `settings`."""
    pairs = [(models.resolve, "validation"), (models.batch, "validation")]
    pairs += [(model, "serialization") for model in RESPONSES]
    _, schemas = models_json_schema(pairs, ref_template="#/components/schemas/{model}")
    return {
        "openapi": "3.1.0",
        "info": {"title": "alias-resolver", "version": "1", "description": _description(settings)},
        "paths": _paths(),
        "components": {
            "schemas": schemas["$defs"],
            "securitySchemes": {"adminToken": {"type": "http", "scheme": "bearer",
                                               "description": "The ADMIN_TOKEN the service was started with."}},
        },
    }


def _description(settings: Settings) -> str:
    defaults = {f.name: f.default for f in fields(Settings)}
    lines = ["Resolve entity names in any script against a curated alias table.", "",
             "Every response carries `X-Request-ID` (the caller's, if it is 1-128 characters of "
             "`A-Za-z0-9._:-`, else a generated one). Limits (environment variable: default, this server):"]
    lines += [f"- `{name.upper()}`: {defaults[name]}, {getattr(settings, name)}" for name in LIMITS]
    lines.append("Bodies must be UTF-8 JSON without NaN/Infinity or repeated keys, sent as `application/json`; "
                 "a name with an unpaired surrogate escape (`\\ud800`) is refused (422).")
    return "\n".join(lines)


def _ref(name: str, media: str = "application/json") -> dict:
    return {"content": {media: {"schema": {"$ref": f"#/components/schemas/{name}"}}}}


def _problems(*statuses: int) -> dict:
    return {str(s): {"description": _REASONS[s], **_ref("ProblemResponse", PROBLEM)} for s in statuses}


_REASONS = {400: "Not JSON, not UTF-8, NaN/Infinity, a repeated key or nested too deep.",
            401: "Missing or wrong bearer token.", 404: "Not found.",
            413: "Body over MAX_BODY_BYTES, or a batch over MAX_BATCH queries or MAX_BATCH_CHARS characters.",
            415: "Not sent as application/json.", 422: "Valid JSON that breaks the request schema.",
            503: "No valid table has been loaded yet."}
_BODY_ERRORS = (400, 413, 415, 422, 503)


def _post(summary: str, request: str, response: str) -> dict:
    return {"post": {"summary": summary, "requestBody": {"required": True, **_ref(request)},
                     "responses": {"200": {"description": "OK", **_ref(response)}, **_problems(*_BODY_ERRORS)}}}


def _get(summary: str, response: str, *problems: int) -> dict:
    return {"get": {"summary": summary,
                    "responses": {"200": {"description": "OK", **_ref(response)}, **_problems(*problems)}}}


def _paths() -> dict:
    entity = _get("One entity by id; a retired (merged) id redirects to the live one.", "EntityResponse", 404, 503)
    entity["get"]["parameters"] = [{"name": "entity_id", "in": "path", "required": True,
                                    "schema": {"type": "string"}}]
    entity["get"]["responses"]["308"] = {"description": "The id was merged into another; see Location.",
                                         "headers": {"Location": {"schema": {"type": "string"}}}}
    reload_ = {"post": {"summary": "Reload the table now (404 unless ADMIN_TOKEN is set).",
                        "security": [{"adminToken": []}],
                        "responses": {"200": {"description": "OK", **_ref("ReloadResponse")}, **_problems(401, 404)}}}
    text = {"content": {"text/plain": {"schema": {"type": "string"}}}}
    return {
        "/v1/resolve": _post("Resolve one name.", "ResolveRequest", "ResolveResponse"),
        "/v1/resolve/batch": _post("Resolve many names against one table version.", "BatchRequest",
                                   "BatchResponse"),
        "/v1/entities/{entity_id}": entity,
        "/v1/status": _get("The table served and the last reload.", "StatusResponse"),
        "/v1/admin/reload": reload_,
        "/healthz": _get("Liveness.", "HealthResponse"),
        "/readyz": _get("Readiness: a table is loaded.", "ReadyResponse", 503),
        "/metrics": {"get": {"summary": "Prometheus metrics.",
                             "responses": {"200": {"description": "Prometheus text format", **text}}}},
        "/openapi.json": {"get": {"summary": "This document.", "responses": {"200": {
            "description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
    }
