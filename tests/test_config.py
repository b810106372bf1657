"""Settings from the environment: typed values, and errors that name the variable."""
from __future__ import annotations

from pathlib import Path

import pytest

from service.config import ConfigError, Settings

GOOD = [
    # (environment, setting, value)
    ({}, "answer_cache_size", 10_000),
    ({"ANSWER_CACHE_SIZE": "0"}, "answer_cache_size", 0),
    ({"MATCH_THRESHOLD": "0.9"}, "match_threshold", 0.9),
    ({"RELOAD_INTERVAL": "0"}, "reload_interval", 0.0),
    ({"ALIASES_PATH": "/data/table.yaml"}, "aliases_path", Path("/data/table.yaml")),
    ({"CORS_ORIGINS": "https://a.example, https://b.example"}, "cors_origins",
     ("https://a.example", "https://b.example")),
    ({"LOG_LEVEL": "debug"}, "log_level", "DEBUG"),
    ({}, "log_flush_seconds", 1.0),
    ({"LOG_FLUSH_SECONDS": "0"}, "log_flush_seconds", 0.0),
    ({"MAX_BATCH": "  "}, "max_batch", 1000),   # blank means unset
]

BAD = [
    # (environment, words the error must contain)
    ({"ANSWER_CACHE_SIZE": "-1"}, "ANSWER_CACHE_SIZE"),
    ({"ANSWER_CACHE_SIZE": "lots"}, "ANSWER_CACHE_SIZE"),
    ({"MATCH_THRESHOLD": "1.5"}, "MATCH_THRESHOLD"),
    ({"AMBIGUITY_MARGIN": "1"}, "AMBIGUITY_MARGIN"),
    ({"MAX_BATCH": "0"}, "MAX_BATCH"),
    ({"PORT": "http"}, "PORT"),
    ({"RELOAD_INTERVAL": "-2"}, "RELOAD_INTERVAL"),
    ({"LOG_FLUSH_SECONDS": "-1"}, "LOG_FLUSH_SECONDS"),
    ({"LOG_FLUSH_SECONDS": "soon"}, "LOG_FLUSH_SECONDS"),
]


@pytest.mark.parametrize("environ, setting, value", GOOD)
def test_settings_are_read_and_typed(environ, setting, value):
    assert getattr(Settings.from_env(environ), setting) == value


@pytest.mark.parametrize("environ, word", BAD)
def test_bad_settings_name_the_variable(environ, word):
    with pytest.raises(ConfigError, match=word):
        Settings.from_env(environ)
