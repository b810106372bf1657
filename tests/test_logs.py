"""One JSON line per request, and the request id a caller can follow."""
from __future__ import annotations

import json
import logging
import os
import re
import time

import pytest

from service import create_app, logs
from service.config import Settings


@pytest.fixture
def logged(capsys, table_path):
    """A client and a function returning the JSON lines logged since the last call (held lines written)."""
    client = create_app(Settings(aliases_path=table_path, reload_interval=0)).test_client()
    capsys.readouterr()

    def lines():
        logs.flush()
        return [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    return client, lines


def held_app(table_path, seconds: float):
    return create_app(Settings(aliases_path=table_path, reload_interval=0, log_flush_seconds=seconds)).test_client()


def err_lines(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().err.splitlines()]


def test_request_lines_wait_and_any_other_line_writes_them_first(capsys, table_path):
    client = held_app(table_path, 600)   # the writer thread will not come round during this test
    capsys.readouterr()
    for rid in ("r1", "r2", "r3"):
        client.get("/healthz", headers={"X-Request-ID": rid})
    assert err_lines(capsys) == []
    logging.getLogger("service.store").warning("a warning")
    assert [line.get("request_id", line["msg"]) for line in err_lines(capsys)] == ["r1", "r2", "r3", "a warning"]


def test_held_lines_are_written_by_the_writer_thread(capsys, table_path):
    client = held_app(table_path, 0.05)
    capsys.readouterr()
    client.get("/healthz", headers={"X-Request-ID": "waiting"})
    seen: list[dict] = []
    for _ in range(400):   # no timing asserted: only that the line comes
        seen += err_lines(capsys)
        if seen:
            break
        time.sleep(0.05)
    assert [line["request_id"] for line in seen] == ["waiting"]


def test_with_zero_each_line_is_written_at_once(capsys, table_path):
    client = held_app(table_path, 0)
    capsys.readouterr()
    client.get("/healthz", headers={"X-Request-ID": "now"})
    assert [line["request_id"] for line in err_lines(capsys)] == ["now"]


def test_many_held_lines_are_written_without_waiting(capsys, table_path):
    client = held_app(table_path, 600)
    capsys.readouterr()
    sent = [f"burst-{i}" for i in range(logs.HOLD_CHARS // 150 + 10)]   # more than HOLD_CHARS of lines
    for rid in sent:
        client.get("/healthz", headers={"X-Request-ID": rid})
    written = [line["request_id"] for line in err_lines(capsys)]
    assert written and written == sent[:len(written)]


def test_a_forked_child_does_not_inherit_held_lines(capfd, table_path):
    client = held_app(table_path, 600)
    client.get("/healthz", headers={"X-Request-ID": "before-fork"})
    pid = os.fork()
    if pid == 0:   # the child writes whatever it holds, as a normal exit would, and leaves
        logs.flush()
        os._exit(0)
    os.waitpid(pid, 0)
    logs.flush()
    assert capfd.readouterr().err.count('"before-fork"') == 1


def test_one_line_per_request_with_its_fields(logged):
    client, lines = logged
    client.post("/v1/resolve", json={"name": "HTS"})
    client.get("/nowhere")
    logged_lines = lines()
    assert [(line["method"], line["path"], line["status"]) for line in logged_lines] == [
        ("POST", "/v1/resolve", 200), ("GET", "/nowhere", 404)]
    for line in logged_lines:
        assert set(line) == {"ts", "level", "logger", "msg", "method", "path", "status", "duration_ms", "request_id"}
        assert line["level"] == "INFO" and line["msg"] == "request" and line["logger"] == "service.access"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", line["ts"])
        assert line["duration_ms"] >= 0 and line["request_id"]


def test_the_request_line_is_the_line_a_log_record_makes(logged, monkeypatch, capsys):
    # The line is written without a LogRecord; through the logging module it must read the same.
    client, lines = logged
    client.get("/healthz", headers={"X-Request-ID": "direct"})
    direct = lines()[-1]
    monkeypatch.setattr(logs, "_handler", None)   # falls back to log.info, through the same handler
    client.get("/healthz", headers={"X-Request-ID": "record"})
    through_logging = lines()[-1]
    for line in (direct, through_logging):
        del line["ts"], line["duration_ms"], line["request_id"]
    assert direct == through_logging


@pytest.mark.parametrize("given,kept", [
    ("req-42", True), ("0f8fad5b-d9cb-469f-a165-70867728950e", True), ("a:b.c_d", True),
    ("x" * 128, True), ("x" * 129, False), ("", False), ("has space", False), ("<script>", False),
    ("naïve", False), ("a\tb", False)])
def test_a_sane_request_id_is_echoed_and_any_other_replaced(logged, given, kept):
    client, lines = logged
    response = client.get("/healthz", headers={"X-Request-ID": given})
    echoed = response.headers["X-Request-ID"]
    assert (echoed == given) is kept
    assert len(echoed) == 32 or kept
    assert lines()[-1]["request_id"] == echoed


def test_request_ids_are_generated_and_distinct(logged):
    client, lines = logged
    ids = {client.get("/healthz").headers["X-Request-ID"] for _ in range(20)}
    assert len(ids) == 20
    assert {line["request_id"] for line in lines()} == ids


def test_errors_carry_a_request_id_too(logged):
    client, lines = logged
    response = client.post("/v1/resolve", data=b"{", content_type="application/json",
                           headers={"X-Request-ID": "broken-1"})
    assert response.status_code == 400 and response.headers["X-Request-ID"] == "broken-1"
    assert lines()[-1]["request_id"] == "broken-1"
