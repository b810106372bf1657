"""The HTTP API through Flask's test client."""
from __future__ import annotations

import json

import pytest

from service import create_app
from service.config import Settings
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def default_client():
    """The service on the shipped default table."""
    return create_app(Settings(aliases_path=ROOT / "aliases.yaml", reload_interval=0)).test_client()


SEED_ARTICLE = [
    # (name as the article spells it, entity id, matched kind)
    ("al-Joulani", "ahmed-al-sharaa", "former_alias"),
    ("al-Julani", "ahmed-al-sharaa", "former_alias"),
    ("Jabhat al-Nusra", "hts", "former_name"),
    ("Kamyshly", "qamishli", "alias"),
    ("Hayat Tahrir al-Sham", "hts", "alias"),  # the name is written Hay'at; this spelling is an alias
    ("Bashar al-Assad", "bashar-al-assad", "name"),
    ("Hmeimim", "khmeimim-air-base", "alias"),
    ("Vladimir Putin", "vladimir-putin", "name"),
]


@pytest.mark.parametrize("name,entity_id,kind", SEED_ARTICLE)
def test_seed_article_names_resolve(default_client, name, entity_id, kind):
    body = default_client.post("/v1/resolve", json={"name": name}).get_json()
    assert body["match"]["id"] == entity_id
    assert body["match"]["matched"]["kind"] == kind


@pytest.mark.parametrize("name, entity_id, read_as", [
    ("Russian President Vladimir Putin", "vladimir-putin", "Vladimir Putin"),   # after a title or role
    ("Homs, Syria", "homs", "Homs"),                                             # without its qualifier
    ("Сирией", "syria", "Сирия"),                                                # in the nominative
    ("Vladimir Putin", "vladimir-putin", None),                                  # as given
    ("Qamishly", "qamishli", None),
])
def test_an_answer_found_by_another_reading_of_the_name_says_which(default_client, name, entity_id, read_as):
    single = default_client.post("/v1/resolve", json={"name": name}).get_json()
    batch = default_client.post("/v1/resolve/batch", json={"queries": [{"name": name}]}).get_json()["results"][0]
    for body in (single, batch):
        assert (body["match"]["id"], body["read_as"]) == (entity_id, read_as)


def test_former_name_resolves_to_current_entity_with_dates(default_client):
    match = default_client.post("/v1/resolve", json={"name": "Jabhat al-Nusra"}).get_json()["match"]
    assert match["name"] == default_client.get("/v1/entities/hts").get_json()["name"]
    assert match["matched"] == {"name": "Jabhat al-Nusra", "kind": "former_name", "from": "2012-01", "until": "2016-07"}
    assert {"name": "Jabhat al-Nusra", "from": "2012-01", "until": "2016-07"} in match["former_names"]


def test_cyrillic_surname_resolves(default_client):
    assert default_client.post("/v1/resolve", json={"name": "Путин"}).get_json()["match"]["id"] == "vladimir-putin"


def test_unknown_name_is_no_match(default_client):
    body = default_client.post("/v1/resolve", json={"name": "John Smith"}).get_json()
    assert body["match"] is None and body["ambiguous"] is False


def test_homonym_is_ambiguous(client):
    body = client.post("/v1/resolve", json={"name": "Alexandria"}).get_json()
    assert body["match"] is None and body["ambiguous"] is True and body["reason"] == "ambiguous"
    assert {c["id"] for c in body["candidates"]} == {"alexandria-egypt", "alexandria-virginia"}


def test_type_filter_and_limit(client):
    body = client.post("/v1/resolve", json={"name": "Alexandria", "type": "person", "limit": 1}).get_json()
    assert body["candidates"] == [] and body["match"] is None
    body = client.post("/v1/resolve", json={"name": "Assad", "limit": 1}).get_json()
    assert len(body["candidates"]) == 1


def test_as_of_gives_the_name_on_that_day(client):
    match = client.post("/v1/resolve", json={"name": "HTS", "as_of": "2014-03-01"}).get_json()["match"]
    assert match["name_at"] == "Jabhat al-Nusra"
    match = client.post("/v1/resolve", json={"name": "HTS", "as_of": "2020-01-01"}).get_json()["match"]
    assert match["name_at"] == "Hayat Tahrir al-Sham"


def test_batch_answers_in_order_and_repeats_agree(client):
    names = ["Kamyshly", "John Smith", "al-Joulani", "Kamyshly"]
    body = client.post("/v1/resolve/batch", json={"queries": [{"name": n} for n in names]}).get_json()
    ids = [r["match"]["id"] if r["match"] else None for r in body["results"]]
    assert ids == ["qamishli", None, "ahmed-al-sharaa", "qamishli"]
    assert [r["query"]["name"] for r in body["results"]] == names


def test_entity_and_merged_id_redirect(client):
    assert client.get("/v1/entities/hts").get_json()["former_names"][0]["name"] == "Jabhat al-Nusra"
    response = client.get("/v1/entities/alexandria-va")
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/v1/entities/alexandria-virginia")


def test_every_response_carries_the_table_version(client):
    version = client.get("/v1/status").get_json()["table"]["version"]
    assert len(version) == 12
    for response in (client.get("/healthz"), client.post("/v1/resolve", json={"name": "x"}), client.get("/nope")):
        assert response.headers["X-Alias-Table-Version"] == version


@pytest.mark.parametrize("method, path, status", [("POST", "/v1/resolve", 200), ("GET", "/nope", 404),
                                                  ("DELETE", "/v1/resolve", 405)])
def test_a_request_leaves_only_its_id_and_snapshot_in_the_environ(app, method, path, status):
    """The lifecycle layer takes back the request it had Flask leave there: no reference cycle stays."""
    from werkzeug.test import EnvironBuilder
    environ = EnvironBuilder(path=path, method=method, json={"name": "al-Joulani"}).get_environ()
    answered = []
    b"".join(app.wsgi_app(environ, lambda status_line, headers, exc_info=None: answered.append(status_line)))
    assert int(answered[0][:3]) == status
    assert [key for key in environ if key.startswith("alias.")] == ["alias.request_id", "alias.snapshot"]
    assert environ.get("werkzeug.request") is None


def test_probes(client, tmp_path):
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    broken = tmp_path / "missing.yaml"
    unready = create_app(Settings(aliases_path=broken, reload_interval=0)).test_client()
    assert unready.get("/healthz").status_code == 200
    assert unready.get("/readyz").status_code == 503
    assert unready.post("/v1/resolve", json={"name": "x"}).status_code == 503
    assert unready.get("/v1/status").get_json()["last_reload"]["ok"] is False


ERRORS = [
    # (method, path, request kwargs, status, words in detail)
    ("post", "/v1/resolve", {"data": "{bad", "content_type": "application/json"}, 400, "not valid JSON"),
    ("post", "/v1/resolve", {"data": b"\xff", "content_type": "application/json"}, 400, "UTF-8"),
    ("post", "/v1/resolve", {"data": '{"name": NaN}', "content_type": "application/json"}, 400, "NaN"),
    ("post", "/v1/resolve", {"data": '{"name": "a", "name": "b"}', "content_type": "application/json"}, 400,
     "repeats the key"),
    ("post", "/v1/resolve", {"json": {"name": [[[[[[[[["deep"]]]]]]]]]}}, 400, "nests deeper"),
    ("get", "/v1/entities/nope", {}, 404, "nope"),
    ("get", "/v1/missing", {}, 404, ""),
    ("get", "/v1/resolve", {}, 405, ""),
    ("post", "/v1/resolve", {"data": "x" * (5 * 1024 * 1024), "content_type": "application/json"}, 413, ""),
    ("post", "/v1/resolve/batch", {"json": {"queries": [{"name": "x"}] * 1001}}, 413, "MAX_BATCH"),
    ("post", "/v1/resolve", {"data": "name=x", "content_type": "application/x-www-form-urlencoded"}, 415, "JSON"),
    ("post", "/v1/resolve", {"json": {}}, 422, "name: Field required"),
    ("post", "/v1/resolve", {"json": {"name": 3}}, 422, "valid string"),
    ("post", "/v1/resolve", {"json": {"name": "   "}}, 422, "whitespace"),
    ("post", "/v1/resolve", {"json": {"name": "x" * 1001}}, 422, "at most 1000"),
    ("post", "/v1/resolve", {"json": {"name": "x", "limit": 0}}, 422, "limit"),
    ("post", "/v1/resolve", {"json": {"name": "x", "as_of": "yesterday"}}, 422, "as_of"),
    ("post", "/v1/resolve", {"json": {"name": "x", "nmae": "y"}}, 422, "nmae"),
    ("post", "/v1/resolve/batch", {"json": {"queries": []}}, 422, "queries"),
    ("post", "/v1/resolve/batch", {"json": [{"name": "x"}]}, 422, ""),
]


@pytest.mark.parametrize("method,path,kwargs,status,words", ERRORS,
                         ids=[f"{e[3]}-{e[4] or e[1]}" for e in ERRORS])
def test_bad_input_gets_problem_json(client, method, path, kwargs, status, words):
    before = client.get("/v1/status").get_json()["table"]
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status
    assert response.content_type == "application/problem+json"
    problem = json.loads(response.data)
    assert problem["status"] == status and problem["type"].startswith("https://")
    assert words in problem["detail"]
    assert client.get("/v1/status").get_json()["table"] == before
