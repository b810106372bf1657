"""The candidate index: built once per table load, read-only afterwards.

Every name of every entity (current name, aliases, former names and their
aliases) becomes one *entry*. Entries are found three ways:
  * hash maps on the normalized form, the phonetic key and the skeleton;
  * an inverted index of character n-grams of the phonetic key and skeleton,
    which yields a short list for fuzzy scoring, so a query never scans the
    whole table.
Large per-entry data lives in flat lists and numpy arrays, and nothing is
written after the build, so gunicorn workers forked after a preload share it.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from .normalize import NameForms, name_forms
from .table import AliasTable, Entity, FormerName

KINDS = ("name", "alias", "former_name", "former_alias")
# Postings longer than this carry little information; they are skipped
# (unless a query has nothing else) to keep candidate retrieval cheap.
MAX_POSTING_FRACTION = 0.05
MAX_POSTING_FLOOR = 2000


def ngrams(forms: NameForms) -> set[str]:
    """Trigrams of the phonetic key and bigrams of the skeleton, tagged apart.

    >>> sorted(ngrams(name_forms("Homs")))
    [' hu', '#hm', '#ms', 'hum', 'ms ', 'ums']
    """
    grams = set()
    for token in forms.key.split():
        padded = f" {token} "
        grams.update(padded[i:i + 3] for i in range(len(padded) - 2))
    for token in forms.skeleton.split():
        grams.update("#" + token[i:i + 2] for i in range(len(token) - 1))
        if len(token) == 1:
            grams.add("#" + token)
    return grams


def is_acronym_like(text: str, forms: NameForms) -> bool:
    """Short all-caps strings and very short keys only ever match exactly.

    >>> is_acronym_like("HTS", name_forms("HTS")), is_acronym_like("Homs", name_forms("Homs"))
    (True, False)
    """
    letters = [c for c in text if c.isalpha()]
    if letters and len(letters) <= 6 and all(c.isupper() for c in letters) and len(forms.tokens) == 1:
        return True
    # Arabic and Hebrew words are short because vowels are unwritten, not because they are acronyms.
    return len(forms.key) <= 3 and not forms.vowelless


@dataclass(frozen=True, slots=True)
class Entry:
    """One table string, with what it is a name of."""

    entity: Entity
    text: str
    kind: str
    former: FormerName | None
    forms: NameForms
    exact_only: bool

    @property
    def name(self) -> str:
        """The table string, as the API reports it in `matched.name`."""
        return self.text


class AliasIndex:
    """Lookup structures over every name in a table."""

    def __init__(self, table: AliasTable):
        self.table = table
        self.entries: list[Entry] = []
        self.by_norm: dict[str, list[int]] = {}
        self.by_key: dict[str, list[int]] = {}
        self.by_skeleton: dict[str, list[int]] = {}
        token_entities: Counter = Counter()
        for entity in table.entities:
            tokens = set()
            for text, kind, former in _names_of(entity):
                forms = name_forms(text)
                if not forms.norm:  # a script the normalizer cannot read (lint warns)
                    continue
                self._add(Entry(entity, text, kind, former, forms, is_acronym_like(text, forms)))
                tokens.update(forms.tokens)
            token_entities.update(tokens)
        n = max(len(table.entities), 1)
        # Inverse entity frequency: a token many entities share says little.
        self.idf = {t: math.log(1 + n / df) for t, df in token_entities.items()}
        self.max_idf = math.log(1 + n)
        self._build_ngrams()

    def _add(self, entry: Entry) -> None:
        i = len(self.entries)
        self.entries.append(entry)
        self.by_norm.setdefault(entry.forms.norm, []).append(i)
        if entry.forms.key:
            self.by_key.setdefault(entry.forms.key, []).append(i)
        if entry.forms.skeleton and not entry.exact_only:
            self.by_skeleton.setdefault(entry.forms.skeleton, []).append(i)

    def _build_ngrams(self) -> None:
        gram_ids: dict[str, int] = {}
        grams, owners = [], []
        for i, entry in enumerate(self.entries):
            if entry.exact_only:
                continue
            for gram in ngrams(entry.forms):
                grams.append(gram_ids.setdefault(gram, len(gram_ids)))
                owners.append(i)
        gram_arr = np.asarray(grams, dtype=np.int32)
        order = np.argsort(gram_arr, kind="stable")
        self.postings = np.asarray(owners, dtype=np.int32)[order]
        counts = np.bincount(gram_arr, minlength=len(gram_ids))
        self.offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        self.gram_ids = gram_ids
        self.max_posting = max(MAX_POSTING_FLOOR, int(len(self.entries) * MAX_POSTING_FRACTION))

    def candidates(self, forms: NameForms, limit: int) -> np.ndarray:
        """Entry ids sharing the most n-grams with the query, best first."""
        slices = []
        for gram in ngrams(forms):
            gid = self.gram_ids.get(gram)
            if gid is not None:
                slices.append(self.postings[self.offsets[gid]:self.offsets[gid + 1]])
        if not slices:
            return np.empty(0, dtype=np.int32)
        selective = [s for s in slices if len(s) <= self.max_posting]
        ids, counts = np.unique(np.concatenate(selective or [min(slices, key=len)]), return_counts=True)
        if len(ids) > limit:
            top = np.argpartition(-counts, limit)[:limit]
            ids, counts = ids[top], counts[top]
        return ids[np.argsort(-counts, kind="stable")]

    def lookup(self, forms: NameForms, *, norm_only: bool = False) -> set[int]:
        """Entries whose normalized form, phonetic key or skeleton equals the query's."""
        found = set(self.by_norm.get(forms.norm, ()))
        if norm_only:
            return found
        if forms.key:
            found.update(self.by_key.get(forms.key, ()))
        if forms.skeleton and forms.vowelless:
            found.update(self.by_skeleton.get(forms.skeleton, ()))
        return found

    @property
    def alias_count(self) -> int:
        return len(self.entries)


def _names_of(entity: Entity):
    """Every string of an entity with its kind; duplicates within one entity once."""
    seen = set()
    items = [(entity.name, "name", None)] + [(a, "alias", None) for a in entity.aliases]
    for former in entity.former_names:
        items.append((former.name, "former_name", former))
        items.extend((a, "former_alias", former) for a in former.aliases)
    for text, kind, former in items:
        folded = text.casefold()
        if folded not in seen:
            seen.add(folded)
            yield text, kind, former
