"""schemathesis against a live gunicorn: no 5xx, every response as the OpenAPI document says.

Bounded: at most 30 examples per operation, with a fixed seed so a CI failure replays.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA

pytestmark = [pytest.mark.process, pytest.mark.timeout(600)]
CONFIG = Path(__file__).resolve().parent / "schemathesis.toml"


def test_the_api_keeps_its_openapi_contract(start_gunicorn, tmp_path):
    server = start_gunicorn(ALIASES_PATH=str(DATA / "small.yaml"), WEB_CONCURRENCY="2", ADMIN_TOKEN="st-token")
    command = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "run",
               server.url + "/openapi.json", "--checks", "all", "--max-examples", "30", "--seed", "7",
               "--generation-database", "none", "--header", "Authorization: Bearer st-token"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=540)
    report = result.stdout[-6000:] + result.stderr[-2000:]
    assert result.returncode == 0, report
    assert " passed" in result.stdout and "failures" not in result.stdout.split("SUMMARY")[-1], report
