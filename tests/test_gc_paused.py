"""Reading and indexing a table pause the cyclic GC, and give back the caller's setting, even on errors."""
from __future__ import annotations

import gc

import pytest

from service.gc_paused import gc_paused
from service.index import AliasIndex
from service.table import TableError, load_table, parse_table

GOOD = '{"version": 1, "entities": [{"id": "homs", "type": "place", "name": "Homs"}]}'
BROKEN = '{"version": 1, "entities": [{"id": "homs", "type": "place"}]}'


def _load(tmp_path, text):
    path = tmp_path / "aliases.json"
    path.write_text(text)
    return load_table(path)


def _load_broken(tmp_path):
    with pytest.raises(TableError):
        _load(tmp_path, BROKEN)


STEPS = {
    "read a table": lambda tmp_path: _load(tmp_path, GOOD),
    "read a broken table": _load_broken,
    "index a table": lambda tmp_path: AliasIndex(parse_table({"version": 1, "entities": []})),
}


@pytest.fixture
def gc_setting():
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("step", STEPS)
def test_the_callers_gc_setting_survives(gc_setting, tmp_path, step, enabled):
    (gc.enable if enabled else gc.disable)()
    STEPS[step](tmp_path)
    assert gc.isenabled() is enabled


def test_the_gc_is_off_inside_and_back_after_an_error(gc_setting):
    gc.enable()
    with pytest.raises(ValueError), gc_paused():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()
