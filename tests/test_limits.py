"""Every limit has a documented default and a clear problem+json; pathological input never breaks.

Documented choices: a name over MAX_NAME_LENGTH is 422 (it is valid JSON that
breaks the schema), whatever its size below MAX_BODY_BYTES (so a 100 kB name
is 422); a batch over MAX_BATCH queries or MAX_BATCH_CHARS characters is 413;
a lone surrogate escape (`"\\ud800"`) is not a character, so a name holding
one is 422, naming the field.
"""
from __future__ import annotations

import json
import random

import pytest

from service import create_app
from service.config import Settings

pytestmark = pytest.mark.timeout(300)

DEFAULTS = {"max_body_bytes": 4 * 1024 * 1024, "max_batch": 1000, "max_batch_chars": 100_000,
            "max_name_length": 1000, "max_limit": 50, "max_json_depth": 8}


def test_limit_defaults_are_the_documented_ones():
    settings = Settings()
    assert {name: getattr(settings, name) for name in DEFAULTS} == DEFAULTS


def batch(*names: str) -> bytes:
    return json.dumps({"queries": [{"name": n} for n in names]}).encode()


JSON = "application/json"
# (what, path, raw body, content type, expected status, a word the detail must contain)
BROKEN = [
    ("body size", "/v1/resolve", b'{"name": "' + b"x" * 5_000_000 + b'"}', JSON, 413, "large"),
    ("batch size", "/v1/resolve/batch", batch(*["x"] * 1001), JSON, 413, "MAX_BATCH"),
    ("batch characters", "/v1/resolve/batch", batch(*["x" * 1000] * 101), JSON, 413, "MAX_BATCH_CHARS"),
    ("name length", "/v1/resolve", json.dumps({"name": "a" * 1001}).encode(), JSON, 422, "name"),
    ("name length in a batch", "/v1/resolve/batch", batch("a" * 1001), JSON, 422, "queries.0.name"),
    ("empty name", "/v1/resolve", b'{"name": ""}', JSON, 422, "name"),
    ("blank name", "/v1/resolve", b'{"name": " \\t "}', JSON, 422, "whitespace"),
    ("limit too small", "/v1/resolve", b'{"name": "x", "limit": 0}', JSON, 422, "limit"),
    ("limit too large", "/v1/resolve", b'{"name": "x", "limit": 51}', JSON, 422, "limit"),
    ("limit as a string", "/v1/resolve", b'{"name": "x", "limit": "5"}', JSON, 422, "limit"),
    ("limit as a boolean", "/v1/resolve", b'{"name": "x", "limit": true}', JSON, 422, "limit"),
    ("limit a fraction", "/v1/resolve", b'{"name": "x", "limit": 2.5}', JSON, 422, "limit"),
    ("as_of not a date", "/v1/resolve", b'{"name": "x", "as_of": 1420070400}', JSON, 422, "as_of"),
    ("empty batch", "/v1/resolve/batch", b'{"queries": []}', JSON, 422, "queries"),
    ("unknown field", "/v1/resolve", b'{"name": "x", "nmae": "y"}', JSON, 422, "nmae"),
    ("not an object", "/v1/resolve", b'["x"]', JSON, 422, "body"),
    ("nesting depth", "/v1/resolve", b'{"name": "x", "type": ' + b"[" * 9 + b"]" * 9 + b"}", JSON, 400, "nests"),
    ("a value one level too deep", "/v1/resolve", b'{"name": "x", "type": ' + b"[" * 7 + b"1" + b"]" * 7 + b"}", JSON,
     400, "nests"),
    ("very deep nesting", "/v1/resolve", b"[" * 100_000 + b"]" * 100_000, JSON, 400, "JSON"),
    ("non-UTF-8 bytes", "/v1/resolve", b'{"name": "\xff\xfe"}', JSON, 400, "UTF-8"),
    ("UTF-16", "/v1/resolve", '{"name": "x"}'.encode("utf-16"), JSON, 400, "UTF-8"),
    ("NaN", "/v1/resolve", b'{"name": "x", "limit": NaN}', JSON, 400, "NaN"),
    ("Infinity", "/v1/resolve", b'{"name": "x", "limit": Infinity}', JSON, 400, "Infinity"),
    ("-Infinity", "/v1/resolve", b'{"name": "x", "limit": -Infinity}', JSON, 400, "Infinity"),
    ("duplicate keys", "/v1/resolve", b'{"name": "a", "name": "b"}', JSON, 400, "repeats"),
    ("duplicate keys in a batch", "/v1/resolve/batch", b'{"queries": [{"name": "a", "name": "b"}]}', JSON, 400,
     "repeats"),
    ("not JSON", "/v1/resolve", b"{name: x}", JSON, 400, "JSON"),
    ("wrong content type", "/v1/resolve", b'{"name": "x"}', "text/plain", 415, "application/json"),
    ("form content type", "/v1/resolve", b"name=x", "application/x-www-form-urlencoded", 415, "application/json"),
    ("no content type", "/v1/resolve", b'{"name": "x"}', None, 415, "application/json"),
]


@pytest.mark.parametrize("what,path,body,content_type,status,word", BROKEN, ids=[case[0] for case in BROKEN])
def test_each_limit_answers_a_clear_problem(client, what, path, body, content_type, status, word):
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post(path, data=body, headers=headers)
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    problem = response.get_json(force=True)
    assert problem["status"] == status and problem["title"] and problem["type"].startswith("https://")
    assert word.lower() in problem["detail"].lower() + json.dumps(problem.get("errors", "")).lower()


DEEP_ENOUGH = [  # bodies at the depth limit or with brackets only in strings: past the depth check
    ("as deep as allowed", b'{"name": "x", "type": ' + b"[" * 6 + b"1" + b"]" * 6 + b"}", 422),
    ("brackets in a name", json.dumps({"name": "[[[[[[[[[[{{{{{{{{{{ Damascus"}).encode(), 200),
    ("brackets in a batch's names", batch(*["[[[[{{{{x"] * 3), 200),
]


@pytest.mark.parametrize("what,body,status", DEEP_ENOUGH, ids=[case[0] for case in DEEP_ENOUGH])
def test_depth_is_counted_in_levels_not_brackets(client, what, body, status):
    path = "/v1/resolve/batch" if b"queries" in body else "/v1/resolve"
    assert client.post(path, data=body, content_type=JSON).status_code == status


def test_limits_follow_the_settings(table_path):
    client = create_app(Settings(aliases_path=table_path, reload_interval=0, max_body_bytes=100, max_batch=2,
                                 max_batch_chars=10, max_name_length=5, max_limit=3, max_json_depth=4)).test_client()
    assert client.post("/v1/resolve", data=b'{"name": "' + b"x" * 100 + b'"}',
                       content_type=JSON).status_code == 413
    assert client.post("/v1/resolve/batch", data=batch("a", "b", "c"), content_type=JSON).status_code == 413
    assert client.post("/v1/resolve/batch", data=batch("abcd", "efgh", "ij"), content_type=JSON).status_code == 413
    assert client.post("/v1/resolve", json={"name": "abcdef"}).status_code == 422
    assert client.post("/v1/resolve", json={"name": "abc", "limit": 4}).status_code == 422
    assert client.post("/v1/resolve", json={"name": "abc", "type": [[[1]]]}).status_code == 400


def _random_names(count: int, length: int) -> list[str]:
    rng = random.Random(7)
    letters = "abcdefghijklmnop qrstuvwxyz" + "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "бвгдежзийклмнопрст"
    return ["".join(rng.choice(letters) for _ in range(length)) for _ in range(count)]


PATHOLOGICAL = {
    "one character repeated": "a" * 1000,
    "one Arabic letter repeated": "ش" * 1000,
    "one word repeated": "Sham " * 199,
    "stacked combining marks": "a" + "\u0301" * 999,
    "combining marks on every letter": "".join(c + "\u0308\u0323\u0301" for c in "Ahmed al-Sharaa" * 16)[:1000],
    "RTL and zero-width marks": "\u202eAhmed\u200b al\u200d-Sharaa\u200f\u2066\ufeff\u200c",
    "bidi controls only": "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" * 100,
    "control characters": "".join(map(chr, range(1, 32))) + "Putin" + "\x7f\x80\x9f",
    "NUL characters": "\x00" * 10 + "HTS",
    "private use and noncharacters": "\ue000\uffff\U0010fffd\ufdd0 Putin",
    "emoji and symbols": "🇸🇾👨‍👩‍👧‍👦 ℍ𝕋𝕊 ﷺ ㍿",
    "many tiny words": "a " * 500,
    "digits": "1" * 1000,
}
LONE_SURROGATES = [b'{"name": "\\ud800"}', b'{"name": "abc\\udfff"}', b'{"name": "\\udc00\\ud800 Putin"}',
                   b'{"queries": [{"name": "\\ud83d"}, {"name": "Hafez \\udead al-Assad"}]}']


@pytest.mark.parametrize("name", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_names_are_answered(client, name):
    response = client.post("/v1/resolve", json={"name": name})
    assert response.status_code in (200, 422)
    assert response.status_code == 200 or response.get_json(force=True)["errors"][0]["field"] == "name"


def test_pathological_names_in_one_batch(client):
    response = client.post("/v1/resolve/batch", json={"queries": [{"name": n} for n in PATHOLOGICAL.values()]})
    assert response.status_code == 200
    assert len(response.get_json()["results"]) == len(PATHOLOGICAL)


@pytest.mark.parametrize("body", LONE_SURROGATES)
def test_lone_surrogates_are_refused_by_name(client, body):
    response = client.post("/v1/resolve" if b"queries" not in body else "/v1/resolve/batch", data=body,
                           content_type=JSON)
    assert response.status_code == 422
    assert "surrogate" in response.get_json()["detail"]


def test_a_100_kb_name_is_refused_as_too_long(client):
    response = client.post("/v1/resolve", json={"name": "x" * 100_000})
    assert response.status_code == 422
    assert response.get_json()["errors"][0] == {"field": "name", "message": "String should have at most 1000 "
                                                "characters", "type": "string_too_long"}


def test_1000_names_of_1000_characters_are_refused_by_the_character_budget(client):
    response = client.post("/v1/resolve/batch", json={"queries": [{"name": n} for n in _random_names(1000, 1000)]})
    assert response.status_code == 413
    assert "MAX_BATCH_CHARS" in response.get_json()["detail"]


def test_a_batch_at_the_character_budget_is_answered(client):
    names = _random_names(100, 1000)
    response = client.post("/v1/resolve/batch", json={"queries": [{"name": n} for n in names]})
    assert response.status_code == 200
    assert [r["query"]["name"] for r in response.get_json()["results"]] == names


def test_1000_names_of_1000_characters_finish_when_the_budget_allows_them(table_path):
    client = create_app(Settings(aliases_path=table_path, reload_interval=0, max_batch_chars=1_000_000)).test_client()
    names = _random_names(1000, 1000)
    response = client.post("/v1/resolve/batch", json={"queries": [{"name": n} for n in names]})
    assert response.status_code == 200
    assert len(response.get_json()["results"]) == 1000
