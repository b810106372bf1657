"""The packed index gives back what the normalizer made; the word index finds names by their words."""
from __future__ import annotations

import os
import subprocess
import sys
import weakref
from pathlib import Path

import numpy as np
import pytest

from service import index as index_module
from service import words as words_module
from service.gc_paused import gc_paused
from service.index import AliasIndex, HashLookup
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
def test_trigram_counts_rank_the_same_in_uint16(seed):
    # The word accumulator counts trigrams in uint16 (words.py): the same ids, in the same order, as float64.
    rng = np.random.default_rng(seed)
    size = 5000
    postings = [np.unique(rng.integers(0, size, rng.integers(1, 2000))).astype(np.intp) for _ in range(25)]
    ones = [1] * len(postings)
    wide, narrow = _Accumulator(size, np.float64), _Accumulator(size, np.uint16)
    for limit in (8, 64, 4000):
        assert wide.top(postings, ones, limit).tolist() == narrow.top(postings, ones, limit).tolist()


@pytest.mark.parametrize("materialize_below", [0, 10 ** 6])
def test_an_index_is_freed_without_the_cyclic_gc(monkeypatch, materialize_below):
    # The serving process freezes the GC's view of a loaded table (wsgi.py, store.py): a replaced
    # index in a reference cycle would never be freed.
    monkeypatch.setattr(index_module, "MATERIALIZE_BELOW", materialize_below)
    index = AliasIndex(parse_table(TABLE))
    index.words.shortlist(name_forms("Homms"), 3)   # the lookups' lazily re-packed columns too
    index.lookup(name_forms("Homs"))
    gone = weakref.ref(index)
    with gc_paused():
        del index
        assert gone() is None


@pytest.mark.parametrize("query,folds", [
    ("".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(1000)), False),   # read as one pinyin word
    ("q" + "wertyuiop" * 111, False),
    ("Hmos", True),   # a short word's typo is still looked up by its variants
])
def test_only_short_words_are_looked_up_by_their_one_edit_variants(monkeypatch, query, folds):
    # Folding every variant of a 1,000-character word took 5-8 s per name.
    folded, original = [], words_module.phonetic
    monkeypatch.setattr(words_module, "phonetic", lambda word: folded.append(word) or original(word))
    index = AliasIndex(parse_table(TABLE))
    index.words.shortlist(name_forms(query), 3)
    assert bool(folded) is folds


# Resolves names against a table full of near-ties, with the word index's budgets
# cut so that ties decide which words and names are read; prints every answer.
_TIES_SCRIPT = """
import json, random
from service import words
from service.matcher import Matcher
from service.table import parse_table
words.WORD_CANDIDATES, words.GRAM_BUDGET, words.POSTING_BUDGET = 4, 40, 40
rng = random.Random(7)
syllables = ["ka", "ri", "mo", "sa", "lu", "ne", "ta", "bo"]
def word():
    return "".join(rng.choice(syllables) for _ in range(3))
entities = [{"id": f"e{i}", "type": "place", "name": f"{word()} {word()} {word()}"} for i in range(300)]
matcher = Matcher(parse_table({"version": 1, "entities": entities}))
queries = [e["name"].replace(" ", " x", 1)[:-1] for e in entities[:60]] + [word() for _ in range(60)]
print(json.dumps([[(c.id, c.score, c.how) for c in matcher.resolve(q, limit=10, alternatives=True).candidates]
                  for q in queries]))
"""


def test_answers_do_not_depend_on_the_hash_seed():
    # Python salts str hashes per process: an index that iterated sets of words
    # or trigrams broke ties differently after every restart.
    root = Path(__file__).resolve().parent.parent
    answers = [subprocess.run([sys.executable, "-c", _TIES_SCRIPT], cwd=root, check=True, capture_output=True,
                              text=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2", "3")]
    assert answers[0] and answers[0] == answers[1] == answers[2]


@pytest.mark.parametrize("many", [False, True])   # with and without the bitmap that turns most keys away
@pytest.mark.parametrize("n_keys", [0, 1, 50, 5000])
def test_get_many_finds_what_get_finds_in_the_order_asked(many, n_keys):
    rng = np.random.default_rng(n_keys)
    keys = [f"k{int(v)}" for v in rng.integers(0, 3 * n_keys + 1, size=n_keys)]   # repeats: a key of several rows
    lookup = HashLookup(keys.__getitem__, np.array([hash(k) for k in keys], dtype=np.int64),
                        np.arange(n_keys), many=many)
    asked = [f"k{v}" for v in range(3 * n_keys + 2)] + ["", "k0"]
    expected = [(k, row) for k in asked for row in lookup.get(k)]
    assert lookup.get_many(asked) == expected
    assert all(keys[row] == k for k, row in expected) and len({row for _, row in expected}) == n_keys


def _word_index(monkeypatch, common_words: int):
    monkeypatch.setattr(words_module, "COMMON_WORDS", common_words)
    return AliasIndex(parse_table(TABLE)).words


@pytest.mark.parametrize("vowelless", [False, True])
def test_a_common_words_kept_look_alikes_are_the_ones_worked_out(monkeypatch, vowelless):
    # WordIndex.similar keeps the answer for the words in the most names (COMMON_WORDS): kept or
    # worked out, first asked or again, and whatever a caller did to an earlier answer, the same.
    plain, kept = _word_index(monkeypatch, 0), _word_index(monkeypatch, 10 ** 6)
    queries = plain.words + ["homms", "sirija", "zzz"]
    for word in queries:
        expected = plain.similar(word, vowelless)
        first = kept.similar(word, vowelless)
        first.clear()
        assert expected == kept.similar(word, vowelless) == kept.similar(word, vowelless)
        assert kept.similar(word, vowelless, spelled=word) == plain.similar(word, vowelless, spelled=word)
    assert set(kept._kept) == {(w, vowelless) for w in plain.words}


def test_only_the_words_in_the_most_names_are_kept(monkeypatch):
    words = _word_index(monkeypatch, 2)
    for word in words.words:
        words.similar(word, False)
    names_holding = np.diff(words.name_offsets).tolist()
    in_most = sorted(range(len(words.words)), key=lambda w: -names_holding[w])[:2]
    assert sorted(words._kept) == sorted((words.words[w], False) for w in in_most)


@pytest.mark.parametrize("common_words", [3, 10 ** 6])
def test_kept_look_alikes_give_the_answers_worked_out_ones_give(monkeypatch, common_words):
    # A table of near-ties with the word index's budgets cut (as _TIES_SCRIPT): every answer and
    # candidate of single and batch resolves, twice (the second time from what was kept), as without keeping.
    import random
    from service.matcher import Matcher
    monkeypatch.setattr(words_module, "WORD_CANDIDATES", 4)
    monkeypatch.setattr(words_module, "GRAM_BUDGET", 40)
    monkeypatch.setattr(words_module, "POSTING_BUDGET", 40)
    rng = random.Random(7)
    syllables = ["ka", "ri", "mo", "sa", "lu", "ne", "ta", "bo"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(3))

    entities = [{"id": f"e{i}", "type": "place", "name": f"{word()} {word()} {word()}"} for i in range(300)]
    queries = [e["name"].replace(" ", " x", 1)[:-1] for e in entities[:60]] + [f"{word()} {word()}" for _ in range(60)]

    def answers(keep: int) -> list:
        monkeypatch.setattr(words_module, "COMMON_WORDS", keep)
        matcher = Matcher(parse_table({"version": 1, "entities": entities}))
        got = []
        for _ in range(2):
            for r in [matcher.resolve(q, limit=10) for q in queries] + matcher.resolve_batch(queries, limit=10):
                got.append((r.match and r.match.id, r.reason, [(c.id, c.score, c.how) for c in r.candidates]))
        return got

    assert answers(common_words) == answers(0)
