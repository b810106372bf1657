"""The packed index gives back what the normalizer made; the word index finds names by their words."""
from __future__ import annotations

import numpy as np
import pytest

from service import index as index_module
from service.index import AliasIndex
from service.normalize import name_forms
from service.table import parse_table
from service.words import _Accumulator

TABLE = {"version": 1, "entities": [
    {"id": "syria", "type": "place", "name": "Syria", "aliases": ["سوريا", "Sirya"],
     "former_names": [{"name": "United Arab Republic", "until": "1961", "aliases": ["UAR"]}]},
    {"id": "homs", "type": "place", "name": "Homs", "aliases": ["حمص", "Хомс", "Emesa"]},
    {"id": "argentina", "type": "country", "name": "Argentina", "aliases": ["Αργεντινή"]},
    {"id": "korea", "type": "country", "name": "South Korea", "aliases": ["Κορέα, Δημοκρατία της"]},
    {"id": "botswana", "type": "country", "name": "Botswana", "aliases": ["Δημοκρατία της Μποτσουάνας"]},
]}


@pytest.mark.parametrize("materialize_below", [0, 10 ** 6])
def test_entries_give_back_the_forms_and_names_of_the_table(monkeypatch, materialize_below):
    monkeypatch.setattr(index_module, "MATERIALIZE_BELOW", materialize_below)
    index = AliasIndex(parse_table(TABLE))
    got = {(e.entity.id, e.text, e.kind, e.former.name if e.former else None) for e in index.entries}
    assert ("syria", "UAR", "former_alias", "United Arab Republic") in got
    assert ("homs", "حمص", "alias", None) in got
    for entry in index.entries:
        assert entry.forms == name_forms(entry.text)


def test_lookup_finds_equal_keys():
    index = AliasIndex(parse_table(TABLE))
    found = index.lookup(name_forms("HOMS"))
    assert {index.entries[i].text for i in found} == {"Homs", "Хомс"}


@pytest.mark.parametrize("query,entity_id", [
    ("Homms", "homs"),
    ("Δημοκρατία της Αργεντινής", "argentina"),  # the distinctive word wins over shared ones
    ("Sirija", "syria"),
])
def test_word_index_shortlists_names_by_their_distinctive_words(query, entity_id):
    index = AliasIndex(parse_table(TABLE))
    shortlist = index.words.shortlist(name_forms(query), 3)
    assert index.entries[int(shortlist[0])].entity.id == entity_id


def test_word_index_finds_nothing_for_unknown_words():
    index = AliasIndex(parse_table(TABLE))
    assert len(index.words.shortlist(name_forms("zzzz qqqq"), 10)) == 0


def test_empty_table_indexes():
    index = AliasIndex(parse_table({"version": 1, "entities": []}))
    assert index.alias_count == 0 and len(index.words.shortlist(name_forms("Homs"), 10)) == 0


@pytest.mark.parametrize("seed", range(5))
def test_trigram_counts_rank_the_same_in_float32(seed):
    # The word accumulator counts trigrams in float32 (words.py): the same ids, in the same order, as float64.
    rng = np.random.default_rng(seed)
    size = 5000
    postings = [np.unique(rng.integers(0, size, rng.integers(1, 2000))).astype(np.int32) for _ in range(25)]
    ones = [1.0] * len(postings)
    wide, narrow = _Accumulator(size, np.float64), _Accumulator(size, np.float32)
    for limit in (8, 64, 4000):
        assert wide.top(postings, ones, limit).tolist() == narrow.top(postings, ones, limit).tolist()
