"""Reading and indexing a table pause the cyclic GC, and give back the caller's setting, even on errors."""
from __future__ import annotations

import gc

import pytest

from service import store as store_module
from service import table as table_module
from service.gc_paused import gc_paused
from service.index import AliasIndex
from service.store import TableStore
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


def _store_load(tmp_path):
    path = tmp_path / "aliases.json"
    path.write_text(GOOD)
    store = TableStore(path, threshold=0.8, margin=0.05, max_bytes=10 ** 6)
    assert store.reload(force=True).ok
    return store


STEPS = {
    "read a table": lambda tmp_path: _load(tmp_path, GOOD),
    "read a broken table": _load_broken,
    "index a table": lambda tmp_path: AliasIndex(parse_table({"version": 1, "entities": []})),
    "load a table into the store": _store_load,
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


def test_the_store_reads_and_indexes_a_table_in_one_gc_pause(gc_setting, monkeypatch, tmp_path):
    # Between two pauses the collector would walk the whole new table, holding the GIL (bench/RESULTS.md).
    gc.enable()
    seen, parse, build = [], table_module.parse_table, store_module.Matcher
    monkeypatch.setattr(table_module, "parse_table", lambda *a, **k: seen.append(gc.isenabled()) or parse(*a, **k))
    monkeypatch.setattr(store_module, "Matcher", lambda *a, **k: seen.append(gc.isenabled()) or build(*a, **k))
    _store_load(tmp_path)
    assert seen == [False, False] and gc.isenabled()


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()


@pytest.mark.parametrize("freeze", [True, False])
def test_a_freezing_store_puts_its_tables_out_of_the_collectors_sight(gc_setting, unfrozen, tmp_path, freeze):
    path = tmp_path / "aliases.json"
    path.write_text(GOOD)
    store = TableStore(path, threshold=0.8, margin=0.05, max_bytes=10 ** 6, freeze=freeze)
    assert store.reload(force=True).ok
    seen_by_collector = any(o is store.current.table for o in gc.get_objects())
    assert seen_by_collector is not freeze


def test_the_gc_is_off_inside_and_back_after_an_error(gc_setting):
    gc.enable()
    with pytest.raises(ValueError), gc_paused():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()
