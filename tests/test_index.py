"""The packed index gives back what the normalizer made, and its two n-gram paths agree."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from service import index as index_module
from service.index import AliasIndex, gram_codes, name_grams
from service.normalize import name_forms
from service.table import parse_table

TABLE = {"version": 1, "entities": [
    {"id": "syria", "type": "place", "name": "Syria", "aliases": ["سوريا", "Sirya"],
     "former_names": [{"name": "United Arab Republic", "until": "1961", "aliases": ["UAR"]}]},
    {"id": "homs", "type": "place", "name": "Homs", "aliases": ["حمص", "Хомс", "Emesa"]},
]}

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
names = st.lists(words, max_size=4).map(" ".join)


@given(st.lists(st.tuples(names, names), min_size=1, max_size=5))
def test_one_name_grams_equal_the_vectorized_build(pairs):
    codes, rows = gram_codes([k for k, _ in pairs], [s for _, s in pairs])
    for row, (key, skeleton) in enumerate(pairs):
        assert codes[rows == row].tolist() == name_grams(key, skeleton)


@pytest.mark.parametrize("materialize_below", [0, 10 ** 6])
def test_entries_give_back_the_forms_and_names_of_the_table(monkeypatch, materialize_below):
    monkeypatch.setattr(index_module, "MATERIALIZE_BELOW", materialize_below)
    index = AliasIndex(parse_table(TABLE))
    got = {(e.entity.id, e.text, e.kind, e.former.name if e.former else None) for e in index.entries}
    assert ("syria", "UAR", "former_alias", "United Arab Republic") in got
    assert ("homs", "حمص", "alias", None) in got
    for entry in index.entries:
        assert entry.forms == name_forms(entry.text)


def test_lookup_finds_equal_keys_and_candidates_find_near_spellings():
    index = AliasIndex(parse_table(TABLE))
    found = index.lookup(name_forms("HOMS"))
    assert {index.entries[i].text for i in found} == {"Homs", "Хомс"}
    near = index.candidates(name_forms("Homms"), 10)
    assert index.entries[int(near[0])].entity.id == "homs"
    assert index.candidates(name_forms("zzzz"), 10).dtype == np.int32


def test_empty_table_indexes():
    index = AliasIndex(parse_table({"version": 1, "entities": []}))
    assert index.alias_count == 0 and len(index.candidates(name_forms("Homs"), 10)) == 0
