"""fork_map: the same list as a plain map, with a real forked child or without one."""
from __future__ import annotations

import os
import threading
import time

import pytest

from service import fork_map as fork_map_module
from service import index as index_module
from service.fork_map import fork_map
from service.index import AliasIndex
from service.normalize import name_forms
from service.table import parse_table
from tests import live

WORDS = [f"word{i}" for i in range(101)]


def _parent_only(pid: int):
    def upper(text: str) -> str:
        if os.getpid() != pid:
            raise RuntimeError("the child fails")
        return text.upper()
    return upper


@pytest.mark.parametrize("func, min_items", [
    (str.upper, 1),            # forked: the child maps the second half
    (str.upper, 10 ** 6),      # too short to fork
    (_parent_only(os.getpid()), 1),   # the child fails: the parent maps its half too
])
def test_fork_map_equals_a_plain_map(func, min_items):
    assert fork_map(func, WORDS, min_items=min_items) == [w.upper() for w in WORDS]


@pytest.mark.parametrize("cpus, min_items, forked", [
    (2, 1, True),
    (2, 10 ** 6, False),   # too short
    (1, 1, False),         # one CPU allowed (taskset, --cpuset-cpus)
])
def test_the_second_half_is_mapped_in_a_child_only_when_it_pays(monkeypatch, cpus, min_items, forked):
    monkeypatch.setattr(fork_map_module, "_cpus", lambda: cpus)
    pids = fork_map(lambda _: os.getpid(), WORDS, min_items=min_items)
    half = len(WORDS) // 2
    assert set(pids[:half]) == {os.getpid()}
    assert (set(pids[half:]) != {os.getpid()}) is forked


def test_a_failure_on_this_side_stops_the_child_at_once(tmp_path):
    parent, done = os.getpid(), tmp_path / "done"

    def fails_here_slow_there(word: str) -> str:
        if os.getpid() == parent:
            raise KeyError(word)
        time.sleep(0.2)
        with done.open("a") as out:   # each word the child gets through
            out.write(word + "\n")
        return word

    with pytest.raises(KeyError):
        fork_map(fails_here_slow_there, WORDS, min_items=1)
    finished = done.read_text().split() if done.exists() else []
    assert len(finished) < len(WORDS) - len(WORDS) // 2   # stopped, not waited for through its 51 words


def test_results_cross_the_pipe_packed():
    got = fork_map(lambda w: {"w": w}, WORDS, pack=lambda d: d["w"], unpack=lambda w: {"w": w + "!"}, min_items=1)
    half = len(WORDS) // 2
    assert got == [{"w": w} for w in WORDS[:half]] + [{"w": w + "!"} for w in WORDS[half:]]


def test_the_child_is_reaped():
    fork_map(str.upper, WORDS, min_items=1)
    assert live.children(os.getpid()) == {}


TABLE = {"version": 1, "entities": [
    {"id": "syria", "type": "place", "name": "Syria", "aliases": ["سوريا", "Сирия", "シリア", "Συρία"]},
    {"id": "homs", "type": "place", "name": "Homs", "aliases": ["حمص", "Хомс", "Emesa", "ホムス"]},
    {"id": "qamishli", "type": "place", "name": "Qamishli", "aliases": ["القامشلي", "Камышлы", "Qamişlo"]},
]}


def _build(in_thread: bool) -> AliasIndex:
    """Index TABLE here, or in another thread as a worker's reload does."""
    if not in_thread:
        return AliasIndex(parse_table(TABLE))
    built = []
    thread = threading.Thread(target=lambda: built.append(AliasIndex(parse_table(TABLE))))
    thread.start()
    thread.join()
    return built[0]


@pytest.mark.parametrize("in_thread", [False, True])   # at start-up, and as a reload in a worker's thread
def test_an_index_built_on_two_cpus_holds_the_same_forms(monkeypatch, in_thread):
    monkeypatch.setattr(fork_map_module, "FORK_FROM", 1)
    built = _build(in_thread)
    entries = list(built.entries)
    assert len(entries) == 14
    for entry in entries:
        assert entry.forms == name_forms(entry.text)


LOOKUPS = ["by_norm", "by_key", "by_skeleton", "by_joined", "by_syllables", "by_joined_words", "by_joined_skeleton",
           "by_consonants"]


@pytest.mark.parametrize("in_thread", [False, True])   # at start-up, and as a reload in a worker's thread
def test_look_up_keys_hashed_in_a_child_equal_those_hashed_here(monkeypatch, in_thread):
    """The derived keys are hashed in the child for a long table: a forked child hashes strings as its parent."""
    serial = AliasIndex(parse_table(TABLE))
    halves = []
    forking = index_module.fork_map

    def recording(func, items, **kwargs):
        halves.append(len(items))
        return forking(func, items, **kwargs)

    monkeypatch.setattr(fork_map_module, "FORK_FROM", 1)
    monkeypatch.setattr(fork_map_module, "_cpus", lambda: 2)
    monkeypatch.setattr(index_module, "FORK_FROM", 1)
    monkeypatch.setattr(index_module, "fork_map", recording)
    built = _build(in_thread)
    assert halves == [len({n for e in TABLE["entities"] for n in [e["name"], *e["aliases"]]}), 2]
    assert bytes(built._flags) == bytes(serial._flags)
    for name in LOOKUPS:
        forked, alone = getattr(built, name), getattr(serial, name)
        assert (list(forked._hashes), list(forked._rows)) == (list(alone._hashes), list(alone._rows)), name
    assert built.by_norm.get("homs") == serial.by_norm.get("homs") != []
