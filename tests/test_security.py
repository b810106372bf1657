"""Security promises: safe YAML, no debug output, admin off without a token, CORS allow-list, quiet logs."""
from __future__ import annotations

import json

import pytest

from service import create_app
from service.config import Settings
from service.logs import flush as flush_logs
from service.matcher import Matcher
from service.table import TableError, load_table

TAGS = ["!!python/object/apply:os.system [{cmd!r}]",
        "!!python/object/apply:subprocess.check_call [[sh, -c, {cmd!r}]]",
        "!!python/object/new:os.system [{cmd!r}]",
        "!!python/name:os.system"]


@pytest.mark.parametrize("tag", TAGS)
def test_python_tags_are_rejected_and_never_run(tmp_path, tag):
    marker = tmp_path / "pwned"
    path = tmp_path / "aliases.yaml"
    path.write_text("version: 1\nentities:\n  - id: x\n    type: person\n"
                    f"    name: {tag.format(cmd=f'touch {marker}')}\n")
    with pytest.raises(TableError) as raised:
        load_table(path)
    assert "python/" in str(raised.value)
    client = create_app(Settings(aliases_path=path, reload_interval=0)).test_client()
    assert client.get("/readyz").status_code == 503
    status = client.get("/v1/status").get_json()
    assert status["table"] is None and status["last_reload"]["ok"] is False
    assert not marker.exists()


def test_debug_stays_off_and_an_error_is_a_bare_problem(monkeypatch, table_path):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    app = create_app(Settings(aliases_path=table_path, reload_interval=0))
    assert not app.debug

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals at /srv/service/matcher.py")

    monkeypatch.setattr(Matcher, "resolve", explode)
    response = app.test_client().post("/v1/resolve", json={"name": "al-Joulani"})
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["detail"] == "The server failed to answer this request."
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and "secret" not in body and "RuntimeError" not in body


def admin_client(table_path, token=None):
    return create_app(Settings(aliases_path=table_path, reload_interval=0, admin_token=token)).test_client()


def test_admin_reload_is_off_without_a_token(table_path):
    client = admin_client(table_path)
    for headers in ({}, {"Authorization": "Bearer "}, {"Authorization": "Bearer None"}):
        assert client.post("/v1/admin/reload", headers=headers).status_code == 404


@pytest.mark.parametrize("header,status", [
    (None, 401), ("Bearer wrong", 401), ("Bearer s3cret-token ", 401), ("Basic s3cret-token", 401),
    ("s3cret-token", 401), ("Bearer s3cret-token", 200)])
def test_admin_reload_requires_the_bearer_token(table_path, header, status):
    client = admin_client(table_path, "s3cret-token")
    response = client.post("/v1/admin/reload", headers={"Authorization": header} if header else {})
    assert response.status_code == status
    if status == 200:
        assert response.get_json()["last_reload"]["ok"] is True


def test_admin_reload_picks_up_an_edited_table(table_path):
    client = admin_client(table_path, "t")
    table_path.write_text(table_path.read_text().replace("Vladimir Poutine", "Wladimir Putin"))
    assert client.post("/v1/resolve", json={"name": "Wladimir Putin"}).get_json()["match"]["how"] != "exact"
    assert client.post("/v1/admin/reload", headers={"Authorization": "Bearer t"}).status_code == 200
    assert client.post("/v1/resolve", json={"name": "Wladimir Putin"}).get_json()["match"]["how"] == "exact"


PREFLIGHT = {"Origin": "https://recon.example", "Access-Control-Request-Method": "POST",
             "Access-Control-Request-Headers": "content-type"}


def test_cors_is_off_by_default(client):
    response = client.post("/v1/resolve", json={"name": "HTS"}, headers={"Origin": "https://recon.example"})
    assert "Access-Control-Allow-Origin" not in response.headers
    preflight = client.options("/v1/resolve", headers=PREFLIGHT)
    assert not any(h.startswith("Access-Control-") for h in preflight.headers.keys())


@pytest.mark.parametrize("origins,origin,allowed", [
    ("https://recon.example", "https://recon.example", "https://recon.example"),
    ("https://a.example, https://recon.example", "https://recon.example", "https://recon.example"),
    ("https://recon.example", "https://evil.example", None),
    ("https://recon.example", "https://recon.example.evil.example", None),
    ("*", "https://anyone.example", "*"),
])
def test_cors_answers_listed_origins_only(table_path, origins, origin, allowed):
    client = create_app({"ALIASES_PATH": str(table_path), "RELOAD_INTERVAL": "0",
                         "CORS_ORIGINS": origins}).test_client()
    response = client.post("/v1/resolve", json={"name": "HTS"}, headers={"Origin": origin})
    assert response.status_code == 200
    assert response.headers.get("Access-Control-Allow-Origin") == allowed
    assert "Origin" in response.headers.get("Vary", "")
    preflight = client.options("/v1/resolve", headers={**PREFLIGHT, "Origin": origin})
    assert preflight.headers.get("Access-Control-Allow-Origin") == allowed
    if allowed:
        assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
        assert "Content-Type" in preflight.headers["Access-Control-Allow-Headers"]
        assert "Authorization" not in preflight.headers["Access-Control-Allow-Headers"]
        assert "X-Request-ID" in response.headers["Access-Control-Expose-Headers"]


NAME = "Zyxwvut Qplmokn"


def resolve_and_read_logs(capsys, table_path, level: str) -> str:
    app = create_app(Settings(aliases_path=table_path, reload_interval=0, log_level=level))
    client = app.test_client()
    capsys.readouterr()
    assert client.post("/v1/resolve", json={"name": NAME}).status_code == 200
    assert client.post("/v1/resolve/batch", json={"queries": [{"name": NAME + " Jr"}]}).status_code == 200
    assert client.post("/v1/resolve", json={"name": NAME, "limit": 0}).status_code == 422
    assert client.get(f"/v1/entities/{NAME}").status_code == 404
    flush_logs()   # request lines are held up to LOG_FLUSH_SECONDS
    return capsys.readouterr().err


def test_logs_hold_no_queried_names_at_info(capsys, table_path):
    logs = resolve_and_read_logs(capsys, table_path, "INFO")
    lines = [json.loads(line) for line in logs.splitlines()]
    assert [line["status"] for line in lines if line["msg"] == "request"] == [200, 200, 422, 404]
    assert "Zyxwvut" not in logs.replace(f"/v1/entities/{NAME}", "")


def test_logs_hold_queried_names_at_debug(capsys, table_path):
    logs = resolve_and_read_logs(capsys, table_path, "DEBUG")
    lines = [json.loads(line) for line in logs.splitlines() if '"service.queries"' in line]
    assert [line["query"] for line in lines] == [NAME, NAME + " Jr"]
    assert all("read_as" in line for line in lines)   # which reading found a match, if another did
