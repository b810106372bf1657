"""The answer cache: bounded, the same answers as without it, and emptied by every reload."""
from __future__ import annotations

import dataclasses

import pytest

from service.answer_cache import AnswerCache
from service.matcher import Matcher
from service.table import load_table
from tests.conftest import DATA

QUERIES = ["al-Joulani", "Alexandria", "Nobody At All", "Vladimir Poutine", "HTS", "Kamyshly", "القامشلي"]


def test_least_recently_used_answer_goes_first():
    cache = AnswerCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1          # "a" is now the more recent
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)
    assert cache.stats() == {"capacity": 2, "size": 2, "hits": 3, "misses": 1}


def test_capacity_zero_keeps_nothing():
    cache = AnswerCache(0)
    cache.put("a", 1)
    assert cache.get("a") is None
    assert cache.stats()["size"] == 0


@pytest.fixture(scope="module")
def table():
    return load_table(DATA / "small.yaml")


def test_cached_answers_equal_fresh_ones(table):
    plain, cached = Matcher(table), Matcher(table, cache_size=100)
    for _ in range(2):
        for name in QUERIES:
            fresh = plain.resolve(name, limit=3)
            answer = cached.resolve(name, limit=3)
            assert dataclasses.replace(answer, cached=False) == fresh
    assert cached.answers.stats()["hits"] == len(QUERIES)
    assert all(cached.resolve(name, limit=3).cached for name in QUERIES)
    assert not any(plain.resolve(name, limit=3).cached for name in QUERIES)


def test_options_are_part_of_the_key(table):
    matcher = Matcher(table, cache_size=100)
    assert len(matcher.resolve("Alexandria", limit=5).candidates) == 2
    assert len(matcher.resolve("Alexandria", limit=1).candidates) == 1
    assert matcher.resolve("HTS", type="organization").match is not None
    assert matcher.resolve("HTS", type="person").match is None


def test_batches_share_the_cache_with_single_queries(table):
    matcher = Matcher(table, cache_size=100)
    single = matcher.resolve("Kamyshly")
    batch = matcher.resolve_batch(["Kamyshly", "Nobody At All", "Kamyshly"])
    assert [r.cached for r in batch] == [True, False, True]
    assert batch[0].match == single.match
    assert matcher.resolve_batch(["Nobody At All"])[0].cached


def test_alternatives_are_never_cached(table):
    matcher = Matcher(table, cache_size=100)
    matcher.resolve("Qamishli")
    assert not matcher.resolve("Qamishli", alternatives=True).cached
    assert matcher.answers.stats()["size"] == 1


def test_a_reload_starts_with_an_empty_cache(client, app, table_path):
    """An answer never outlives its table: the edited table answers at once."""
    assert client.post("/v1/resolve", json={"name": "Kamyshly"}).get_json()["match"]["id"] == "qamishli"
    assert client.post("/v1/resolve", json={"name": "Kamyshly"}).get_json()["match"]["id"] == "qamishli"
    status = client.get("/v1/status").get_json()["table"]["answer_cache"]
    assert (status["hits"], status["misses"]) == (1, 1)
    table_path.write_text(table_path.read_text().replace("name: Qamishli", "name: Qamishli Town"))
    app.extensions["alias_store"].reload(force=True)
    body = client.post("/v1/resolve", json={"name": "Kamyshly"}).get_json()
    assert body["match"]["name"] == "Qamishli Town"
    assert client.get("/v1/status").get_json()["table"]["answer_cache"]["size"] == 1


def test_the_cache_can_be_turned_off(table_path):
    from service import create_app
    from service.config import Settings

    client = create_app(Settings(aliases_path=table_path, reload_interval=0, answer_cache_size=0)).test_client()
    for _ in range(2):
        client.post("/v1/resolve", json={"name": "Kamyshly"})
    assert client.get("/v1/status").get_json()["table"]["answer_cache"] == {
        "capacity": 0, "size": 0, "hits": 0, "misses": 0}
