"""The OpenAPI document: generated from the models, complete, and true of real responses."""
from __future__ import annotations

import jsonschema_rs
import pytest

from service.config import Settings
from service.openapi import build_document
from service.schemas import build_models

# (method, path as sent, path template in the document, body, headers, expected status)
CASES = [
    ("POST", "/v1/resolve", "/v1/resolve", {"name": "al-Joulani"}, {}, 200),
    ("POST", "/v1/resolve", "/v1/resolve", {"name": "al-Joulani", "as_of": "2015-06-01", "limit": 2}, {}, 200),
    ("POST", "/v1/resolve", "/v1/resolve", {"name": "Alexandria"}, {}, 200),
    ("POST", "/v1/resolve", "/v1/resolve", {"name": "Nobody At All"}, {}, 200),
    ("POST", "/v1/resolve", "/v1/resolve", {"name": "Jabhat al-Nusra", "type": "organization"}, {}, 200),
    ("POST", "/v1/resolve", "/v1/resolve", {"name": 7}, {}, 422),
    ("POST", "/v1/resolve", "/v1/resolve", {"name": "x", "limit": 0}, {}, 422),
    ("POST", "/v1/resolve/batch", "/v1/resolve/batch",
     {"queries": [{"name": "Putin"}, {"name": "Alexandria"}, {"name": "zzz"}]}, {}, 200),
    ("POST", "/v1/resolve/batch", "/v1/resolve/batch", {"queries": [{"name": "x"}] * 1001}, {}, 413),
    ("GET", "/v1/entities/hts", "/v1/entities/{entity_id}", None, {}, 200),
    ("GET", "/v1/entities/alexandria-va", "/v1/entities/{entity_id}", None, {}, 308),
    ("GET", "/v1/entities/nobody", "/v1/entities/{entity_id}", None, {}, 404),
    ("GET", "/v1/status", "/v1/status", None, {}, 200),
    ("POST", "/v1/admin/reload", "/v1/admin/reload", None, {"Authorization": "Bearer t0ken"}, 200),
    ("POST", "/v1/admin/reload", "/v1/admin/reload", None, {"Authorization": "Bearer wrong"}, 401),
    ("GET", "/healthz", "/healthz", None, {}, 200),
    ("GET", "/readyz", "/readyz", None, {}, 200),
]


@pytest.fixture
def app(table_path):
    from service import create_app
    return create_app(Settings(aliases_path=table_path, reload_interval=0, admin_token="t0ken"))


@pytest.fixture
def document(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def validator(document: dict, schema: dict):
    """A validator for one schema of the document, with its `#/components/...` refs resolvable."""
    return jsonschema_rs.Draft202012Validator({**schema, "components": document["components"]})


@pytest.mark.parametrize("method,path,template,body,headers,status", CASES)
def test_real_responses_conform_to_the_document(client, document, method, path, template, body, headers, status):
    response = client.open(path, method=method, json=body, headers=headers)
    assert response.status_code == status
    documented = document["paths"][template][method.lower()]["responses"][str(status)]
    if "content" not in documented:
        return
    media = response.mimetype
    schema = documented["content"][media]["schema"]
    errors = [e.message for e in validator(document, schema).iter_errors(response.get_json(force=True))]
    assert errors == []


def test_every_route_is_documented_and_nothing_else(app, document):
    routes = {(rule.rule.replace("<", "{").replace(">", "}"), method.lower())
              for rule in app.url_map.iter_rules() if rule.endpoint != "static"
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {(path, method) for path, item in document["paths"].items() for method in item}
    assert routes == documented


def test_request_schemas_are_the_validation_models():
    settings = Settings(max_name_length=77, max_batch=9, max_limit=4)
    models = build_models(settings)
    schemas = build_document(models, settings)["components"]["schemas"]
    resolve = schemas["ResolveRequest"]
    assert resolve["properties"]["name"]["maxLength"] == 77
    assert resolve["properties"]["limit"]["maximum"] == 4
    assert schemas["BatchRequest"]["properties"]["queries"]["maxItems"] == 9
    assert resolve == models.resolve.model_json_schema(ref_template="#/components/schemas/{model}")


def test_document_is_openapi_3_1_with_documented_limits(document):
    assert document["openapi"].startswith("3.1")
    for variable in ("MAX_BODY_BYTES", "MAX_BATCH", "MAX_BATCH_CHARS", "MAX_NAME_LENGTH", "MAX_LIMIT",
                     "MAX_JSON_DEPTH"):
        assert f"`{variable}`" in document["info"]["description"]


@pytest.mark.parametrize("name,valid", [("al-Joulani", True), (" x ", True), ("   ", False), ("\x1c\u3000", False)])
def test_blank_names_mean_the_same_to_the_document_and_the_validator(client, document, name, valid):
    schema = document["components"]["schemas"]["ResolveRequest"]
    assert validator(document, schema).is_valid({"name": name}) is valid
    assert (client.post("/v1/resolve", json={"name": name}).status_code == 200) is valid
