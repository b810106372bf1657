"""GET /metrics: in one process, and summed across gunicorn workers (multiprocess mode)."""
from __future__ import annotations

import pytest

from service.store import TableStore
from tests.conftest import DATA
from tests.live import call, files_by_pid, post_json, sample, samples, scrape, worker_pids

# (name, expected outcome) in the small test table
QUERIES = [("al-Joulani", "matched"), ("Alexandria", "ambiguous"), ("Nobody At All", "no_match"),
           ("Vladimir Poutine", "matched")]
BATCHES = [1, 3, 10, 3]


def expected_counts(rounds: int) -> dict[str, int]:
    counts = {"matched": 0, "ambiguous": 0, "no_match": 0}
    for _, outcome in QUERIES:
        counts[outcome] += rounds
    for size in BATCHES:
        for i in range(size):
            counts[QUERIES[i % len(QUERIES)][1]] += 1
    return counts


def batch(size: int) -> dict:
    return {"queries": [{"name": QUERIES[i % len(QUERIES)][0], "limit": 1 + i // len(QUERIES)} for i in range(size)]}


def test_counts_in_one_process(client):
    for name, _ in QUERIES:
        assert client.post("/v1/resolve", json={"name": name}).status_code == 200
    for size in BATCHES:
        assert client.post("/v1/resolve/batch", json=batch(size)).status_code == 200
    client.get("/v1/entities/nobody")
    text = client.get("/metrics").get_data(as_text=True)
    assert sample(text, "alias_http_requests_total", endpoint="/v1/resolve", method="POST", status="200") == 4
    assert sample(text, "alias_http_requests_total", endpoint="/v1/entities/<entity_id>", method="GET",
                  status="404") == 1
    for outcome, count in expected_counts(1).items():
        assert sample(text, "alias_resolve_outcomes_total", outcome=outcome) == count
    assert sample(text, "alias_batch_size_count") == len(BATCHES)
    assert sample(text, "alias_batch_size_sum") == sum(BATCHES)
    # The batches repeat (name, limit) pairs: 7 of the 21 queries are answered from the cache.
    assert sample(text, "alias_answer_cache_lookups_total", result="hit") == 7
    assert sample(text, "alias_answer_cache_lookups_total", result="miss") == 14
    assert sample(text, "alias_table_entities") == 10
    assert sample(text, "alias_table_reloads_total", result="success") == 1


def test_unrouted_paths_share_one_label(client):
    for path in ("/a", "/b", "/c/d"):
        client.get(path)
    text = client.get("/metrics").get_data(as_text=True)
    assert sample(text, "alias_http_requests_total", endpoint="(unmatched)", method="GET", status="404") == 3


def test_reload_failures_and_successes_are_counted(app, table_path):
    store: TableStore = app.extensions["alias_store"]
    table_path.write_text("version: 1\nentities: [")
    store.reload(force=True)
    table_path.write_text((DATA / "small.yaml").read_text())
    store.reload(force=True)
    text = app.test_client().get("/metrics").get_data(as_text=True)
    assert sample(text, "alias_table_reloads_total", result="failure") == 1
    assert sample(text, "alias_table_reloads_total", result="success") == 2


@pytest.mark.process
@pytest.mark.timeout(180)
def test_counts_add_up_across_gunicorn_workers(start_gunicorn, tmp_path):
    directory = tmp_path / "not-yet" / "prometheus"  # missing: the service creates it
    server = start_gunicorn(ALIASES_PATH=str(DATA / "small.yaml"), WEB_CONCURRENCY="2",
                            PROMETHEUS_MULTIPROC_DIR=str(directory))
    workers = worker_pids(server.proc.pid)
    assert len(workers) == 2
    rounds = 0
    # Each request on a new connection: keep going until both workers have answered some.
    while rounds < 25 or (rounds < 500 and not workers <= files_by_pid(directory)):
        for name, _ in QUERIES:
            assert post_json(server.url + "/v1/resolve", {"name": name})[0] == 200
        rounds += 1
    assert workers <= files_by_pid(directory), "one worker answered every request"
    for size in BATCHES:
        assert post_json(server.url + "/v1/resolve/batch", batch(size))[0] == 200
    assert call(server.url + "/nowhere")[0] == 404

    texts = [scrape(server.url) for _ in range(6)]  # answered by either worker: all say the same
    for text in texts:
        assert sample(text, "alias_http_requests_total", endpoint="/v1/resolve", method="POST",
                      status="200") == rounds * len(QUERIES)
        assert sample(text, "alias_http_request_duration_seconds_count", endpoint="/v1/resolve", method="POST",
                      status="200") == rounds * len(QUERIES)
        assert sample(text, "alias_http_requests_total", endpoint="(unmatched)", method="GET", status="404") == 1
        for outcome, count in expected_counts(rounds).items():
            assert sample(text, "alias_resolve_outcomes_total", outcome=outcome) == count
        assert sample(text, "alias_match_kinds_total", how="exact") == expected_counts(rounds)["matched"]
        assert sample(text, "alias_batch_size_count") == len(BATCHES)
        assert sample(text, "alias_batch_size_sum") == sum(BATCHES)
        assert sample(text, "alias_table_entities") == 10
        assert sample(text, "alias_table_reloads_total", result="success") >= 1
        assert sample(text, "alias_http_requests_in_progress") == 1  # the scrape itself
    assert any(name == "alias_table_info" for name, _ in samples(texts[0]))
