"""The service under a real gunicorn on a free loopback port."""
from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.process


def call(url: str, method: str = "GET", body: bytes | None = None, content_type: str | None = None):
    """One HTTP request; a server that answers before reading a huge body is still heard."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        try:
            conn.request(method, parts.path, body=body, headers={"Content-Type": content_type} if content_type else {})
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server refused the body early (413) and closed its side
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from tests.conftest import DATA, Gunicorn
    tmp = tmp_path_factory.mktemp("gunicorn")
    proc = Gunicorn({"ALIASES_PATH": str(DATA / "small.yaml"), "WEB_CONCURRENCY": "2"}, tmp / "gunicorn.log")
    proc.wait_ready()
    yield proc
    assert proc.stop() == 0


def test_resolve_through_gunicorn(server):
    status, headers, body = call(server.url + "/v1/resolve", "POST", b'{"name": "al-Joulani"}', "application/json")
    assert status == 200
    assert json.loads(body)["match"]["id"] == "ahmed-al-sharaa"
    assert headers["X-Alias-Table-Version"]


ERRORS = [
    # (method, path, body, content type, expected status)
    ("POST", "/v1/resolve", b"{not json", "application/json", 400),
    ("GET", "/v1/nothing-here", None, None, 404),
    ("GET", "/v1/entities/no-such-entity", None, None, 404),
    ("GET", "/v1/resolve", None, None, 405),
    ("POST", "/v1/resolve", b"x" * (5 * 1024 * 1024), "application/json", 413),
    ("POST", "/v1/resolve/batch", json.dumps({"queries": [{"name": "x"}] * 1001}).encode(), "application/json", 413),
    ("POST", "/v1/resolve", b'{"name": "x"}', "text/plain", 415),
    ("POST", "/v1/resolve", b'{}', "application/json", 422),
    ("POST", "/v1/resolve", b'{"name": 7}', "application/json", 422),
    ("POST", "/v1/resolve", json.dumps({"name": "a" * 1001}).encode(), "application/json", 422),
]


@pytest.mark.parametrize("method,path,body,content_type,expected", ERRORS)
def test_errors_are_problem_json_through_gunicorn(server, method, path, body, content_type, expected):
    status, headers, raw = call(server.url + path, method, body, content_type)
    assert status == expected
    assert headers["Content-Type"] == "application/problem+json"
    problem = json.loads(raw)
    assert problem["status"] == expected and problem["title"] and problem["detail"] and problem["type"]
    assert "Traceback" not in raw.decode()


def test_gunicorn_log_lines_are_written_not_tracebacks(server):
    """gunicorn's own lines show the process id: the logging set-up must leave it on."""
    log = server.output()
    assert "Booting worker with pid" in log
    assert "Logging error" not in log and "Traceback" not in log, log[:2000]


def _han_run(k: int) -> str:
    return "".join(chr(0x4E00 + (i * 7919 + k * 104729) % 20000) for i in range(1000))


def _cyrillic_words(k: int) -> str:
    letters = "абвгдежзийклмнопрстуфхцчшщъыьэюяё"
    return " ".join("".join(letters[(i * 31 + j * 7 + k) % len(letters)] for j in range(4)) for i in range(200))[:1000]


@pytest.mark.parametrize("junk", [_han_run, _cyrillic_words], ids=["han-run", "cyrillic-words"])
def test_a_batch_of_the_longest_junk_names_is_answered(server, junk):
    # 100 names of 1,000 characters (MAX_BATCH_CHARS), each of which once outlived gunicorn's 30 s
    # worker timeout as a batch, and the worker was killed mid-request: a run of Han is read as one
    # pinyin word of ~3,000 letters, whose one-edit variants took 5-8 s a name to fold; 200 junk
    # Cyrillic words were read by other conventions, and those readings by others in turn (1.7 s a name).
    names = [junk(k) for k in range(100)]
    body = json.dumps({"queries": [{"name": n} for n in names]}).encode()
    status, _, raw = call(server.url + "/v1/resolve/batch", "POST", body, "application/json")
    assert status == 200, raw[:500]
    assert len(json.loads(raw)["results"]) == 100


def test_request_lines_held_at_sigterm_are_written_before_the_workers_exit(start_gunicorn):
    # Held far longer than the test: only the workers' exit can write these lines.
    from tests.conftest import DATA
    server = start_gunicorn(ALIASES_PATH=str(DATA / "small.yaml"), WEB_CONCURRENCY="2", LOG_FLUSH_SECONDS="600")
    sent = [f"sigterm-{i}" for i in range(20)]
    for rid in sent:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        conn.request("GET", "/healthz", headers={"X-Request-ID": rid})
        assert conn.getresponse().status == 200
        conn.close()
    assert not any(rid in server.output() for rid in sent)
    assert server.stop() == 0
    lines = server.log_path.read_text().splitlines()
    logged = [json.loads(line)["request_id"] for line in lines if '"sigterm-' in line]
    assert sorted(logged) == sorted(sent)
