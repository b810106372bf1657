"""The candidate index: built once per table load, read-only afterwards.

Every name of every entity (current name, aliases, former names and their
aliases) becomes one *entry*. Entries are found three ways:
  * exact lookups on the normalized form, the phonetic key and the skeleton;
  * an inverted index of character n-grams of the phonetic key and skeleton,
    which yields a short list for fuzzy scoring, so a query never scans the
    whole table.
A million entries must fit in a few hundred megabytes and be shared by
forked gunicorn workers, so the index holds no Python object per entry:
strings are packed into one buffer per field, lookups are sorted hash arrays,
and the n-gram postings are numpy arrays. An `Entry` is built when asked for
(small tables keep them ready: MATERIALIZE_BELOW).
"""
from __future__ import annotations

import math
import threading
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np

from .normalize import NameForms, name_forms
from .table import AliasTable, Entity, FormerName
from .words import WordIndex

KINDS = ("name", "alias", "former_name", "former_alias")
# Postings longer than this carry little information; they are skipped
# (unless a query has nothing else) to keep candidate retrieval cheap.
MAX_POSTING_FRACTION = 0.05
# Word weights are idf to this power: sharper than plain idf, so the words
# many entities share ("Republic", "Governorate", "al-Sham") weigh little next
# to the distinctive one (tuned on the accuracy benchmark: 1.5 beat 1 and 2).
IDF_POWER = 1.5
MAX_POSTING_FLOOR = 2000
# Tables up to this many entries keep ready-made Entry objects: a few MB
# that save building ~40 entries per query; larger ones build them on demand.
MATERIALIZE_BELOW = 100_000
# Most postings one query reads, rarest n-grams first: bounds a query's cost
# on a huge table, where even a 5% posting list is tens of thousands long.
POSTING_BUDGET = 15_000
_EXACT_ONLY = 1


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


def gram_codes(keys: list[str], skeletons: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """N-gram codes of many names at once: (codes, owner row), each pair once, by code then row.

    Trigrams of each phonetic word padded with spaces, and bigrams of each
    skeleton word (a one-letter skeleton word is its own gram), coded as
    integers in two disjoint ranges. Keys and skeletons are ASCII.

    >>> codes, rows = gram_codes(["hums"], ["hms"])
    >>> [decode_gram(c) for c in codes], rows.tolist()
    ([' hu', 'hum', 'ms ', 'ums', '#hm', '#ms'], [0, 0, 0, 0, 0, 0])
    """
    tri_codes, tri_rows = _windows(keys, 3)
    bi_codes, bi_rows = _windows(skeletons, 2)
    pairs = np.concatenate(((tri_codes << 32) | tri_rows, ((bi_codes | (1 << 21)) << 32) | bi_rows))
    pairs.sort()
    pairs = pairs[_first_of_runs(pairs)]
    return pairs >> 32, (pairs & 0xFFFFFFFF).astype(np.int32)


def _first_of_runs(values: np.ndarray) -> np.ndarray:
    """Mask of the first element of each run of equal values in a sorted array."""
    first = np.ones(len(values), dtype=bool)
    first[1:] = values[1:] != values[:-1]
    return first


def name_grams(key: str, skeleton: str) -> list[int]:
    """The n-gram codes of one name, sorted: what `gram_codes` gives its row, without numpy's overhead.

    >>> [decode_gram(c) for c in name_grams("hums", "hms")]
    [' hu', 'hum', 'ms ', 'ums', '#hm', '#ms']
    """
    codes = set()
    for word in key.encode("ascii", "replace").split():
        padded = b" " + word + b" "
        codes.update((padded[i] << 14) | (padded[i + 1] << 7) | padded[i + 2] for i in range(len(word)))
    for word in skeleton.encode("ascii", "replace").split():
        padded = word + b" " if len(word) == 1 else word
        codes.update((1 << 21) | (padded[i] << 7) | padded[i + 1] for i in range(len(padded) - 1))
    return sorted(codes)


def decode_gram(code: int) -> str:
    """The text of one n-gram code, skeleton grams tagged '#' (for reading and tests)."""
    if code >> 21:
        chars = [(code >> 7) & 127, code & 127]
        return "#" + "".join(chr(c) for c in chars).strip()
    return "".join(chr((code >> s) & 127) for s in (14, 7, 0))


def _windows(strings: list[str], width: int) -> tuple[np.ndarray, np.ndarray]:
    """Codes of the `width`-character windows inside words of each string, with the string's row.

    Strings are laid out as ' word word  word ': a window whose middle
    character is a space spans two words or two strings and is dropped.
    Trigrams keep their padding; bigrams have none, except that a one-letter
    word is coded as the letter and a space.
    """
    blob = np.frombuffer((" " + "  ".join(strings) + " ").encode("ascii", "replace"), dtype=np.uint8)
    lengths = np.fromiter((len(s) + 2 for s in strings), dtype=np.int64, count=len(strings))
    row_of = np.repeat(np.arange(len(strings), dtype=np.int32), lengths)
    a, b, c = (blob[i:len(blob) - 2 + i].astype(np.int64) for i in range(3))
    rows = row_of[1:len(blob) - 1]   # the row of the middle character, never a separator
    if width == 3:
        keep = b != 32
        codes = (a << 14) | (b << 7) | c
    else:
        keep = (b != 32) & ((c != 32) | (a == 32))   # a bigram, or a one-letter word (b, space)
        codes = (b << 7) | c
    return codes[keep], rows[keep]


class PackedStrings(Sequence):
    """Many strings in one UTF-8 buffer: no Python object per string until one is read."""

    def __init__(self, strings: list[str]):
        encoded = [s.encode() for s in strings]
        self._buffer = b"".join(encoded)
        ends = np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)))
        # array.array: one read is a plain int, many reads are one numpy gather on the same memory.
        self._offsets = array("q", np.concatenate(([0], ends)).astype(np.int64).tobytes())
        self._offsets_np = np.frombuffer(self._offsets, dtype=np.int64)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i: int) -> str:
        return self._buffer[self._offsets[i]:self._offsets[i + 1]].decode()

    def take(self, ids: np.ndarray) -> list[str]:
        """The strings at many positions, in order."""
        buf, offsets = self._buffer, self._offsets_np
        return [buf[a:b].decode() for a, b in zip(offsets[ids].tolist(), offsets[ids + 1].tolist())]


class CodedValues(Sequence):
    """Few distinct values (a script name, a flag) stored as one byte per entry."""

    def __init__(self, values: list, distinct: list):
        code = {v: i for i, v in enumerate(distinct)}
        self._values, self._codes = distinct, array("B", [code[v] for v in values])

    def __len__(self) -> int:
        return len(self._codes)

    def __getitem__(self, i: int):
        return self._values[self._codes[i]]


class PackedTuples(Sequence):
    """Tuples of strings (the words of a name), packed like PackedStrings."""

    def __init__(self, values: list[tuple[str, ...]]):
        self._strings = PackedStrings(["\x1f".join(v) for v in values])

    def __len__(self) -> int:
        return len(self._strings)

    def __getitem__(self, i: int) -> tuple[str, ...]:
        text = self._strings[i]
        return tuple(text.split("\x1f")) if text else ()


def _column(values: list) -> Sequence:
    """A compact column for one NameForms field, whatever its type; a plain list if nothing fits."""
    distinct: dict = {}
    for v in values:
        if v not in distinct:
            distinct[v] = None
            if len(distinct) > 255:
                break
    if len(distinct) <= 255:
        return CodedValues(values, list(distinct))
    if all(isinstance(v, str) for v in values):
        return PackedStrings(values)
    if all(isinstance(v, tuple) and all(isinstance(w, str) and w and "\x1f" not in w for w in v) for v in values):
        return PackedTuples(values)
    return list(values)


class FormsColumns:
    """The NameForms of every entry, one compact column per field (new fields are kept too)."""

    def __init__(self, forms: list[NameForms]):
        self.names = [f.name for f in fields(NameForms)]
        self.columns = {name: _column([getattr(x, name) for x in forms]) for name in self.names}
        self._ordered = [self.columns[name] for name in self.names]

    def __getitem__(self, i: int) -> NameForms:
        return NameForms(*[column[i] for column in self._ordered])

    def strings(self, name: str) -> PackedStrings:
        """A string column as PackedStrings (small columns are re-packed on first use)."""
        column = self.columns[name]
        if not isinstance(column, PackedStrings):
            column = self.columns[name] = PackedStrings([column[i] for i in range(len(column))])
            self._ordered = [self.columns[n] for n in self.names]
        return column


class HashLookup:
    """Exact-match lookup from string to entry ids: sorted hashes, verified against the strings."""

    def __init__(self, strings: PackedStrings, keys: list[str], rows: np.ndarray):
        hashes = np.fromiter((hash(k) for k in keys), dtype=np.int64, count=len(keys))
        order = np.argsort(hashes, kind="stable")
        self._hashes, self._rows, self._strings = hashes[order], rows[order].astype(np.int32), strings

    def get(self, key: str) -> list[int]:
        h = hash(key)
        lo, hi = np.searchsorted(self._hashes, h, "left"), np.searchsorted(self._hashes, h, "right")
        return [r for r in self._rows[lo:hi].tolist() if self._strings[r] == key]


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
        entity_rows, kinds, formers, texts, forms = [], [], [], [], []
        token_entities: Counter = Counter()
        known: dict[str, NameForms] = {}   # place names repeat across a gazetteer
        for row, entity in enumerate(table.entities):
            tokens = set()
            for text, kind, former in _names_of(entity):
                f = known.get(text) or known.setdefault(text, name_forms(text))
                if not f.norm:  # a script the normalizer cannot read (lint warns)
                    continue
                entity_rows.append(row)
                kinds.append(kind)
                formers.append(former)
                texts.append(text)
                forms.append(f)
                tokens.update(f.tokens)
            token_entities.update(tokens)
        del known
        n = max(len(table.entities), 1)
        # Inverse entity frequency: a token many entities share says little.
        self.idf = {t: math.log(1 + n / df) ** IDF_POWER for t, df in token_entities.items()}
        self.max_idf = math.log(1 + n) ** IDF_POWER
        self._store_entries(entity_rows, kinds, formers, texts, forms)
        self._build_lookups(forms)
        self._build_ngrams(forms)
        self.words = WordIndex(forms, (np.frombuffer(self._flags, dtype=np.uint8) & _EXACT_ONLY) == 0, self.idf)
        self._keys = self._forms.strings("key")
        self.entries = _Entries(self)
        if self.alias_count < MATERIALIZE_BELOW:
            self.entries = [self.entry(i) for i in range(self.alias_count)]
        self._scratch = threading.local()

    def _store_entries(self, entity_rows, kinds, formers, texts, forms) -> None:
        # array.array, not numpy: entries are read one at a time, and a numpy scalar read is slow.
        self._entity = array("i", entity_rows)
        self._kind = array("B", [KINDS.index(k) for k in kinds])
        self._former = array("h", [-1 if f is None else self._former_position(e, f)
                                   for e, f in zip(entity_rows, formers)])
        self._flags = array("B", [_EXACT_ONLY if is_acronym_like(t, f) else 0 for t, f in zip(texts, forms)])
        self._text = PackedStrings(texts)
        self._forms = FormsColumns(forms)

    def _former_position(self, row: int, former: FormerName) -> int:
        return next(i for i, f in enumerate(self.table.entities[row].former_names) if f is former)

    def _build_lookups(self, forms: list[NameForms]) -> None:
        every = np.arange(len(forms), dtype=np.int32)
        self.by_norm = HashLookup(self._forms.strings("norm"), [f.norm for f in forms], every)
        keyed = np.flatnonzero([bool(f.key) for f in forms]).astype(np.int32)
        self.by_key = HashLookup(self._forms.strings("key"), [forms[i].key for i in keyed.tolist()], keyed)
        fuzzy = (np.frombuffer(self._flags, dtype=np.uint8) & _EXACT_ONLY) == 0
        skel = np.flatnonzero(np.asarray([bool(f.skeleton) for f in forms], dtype=bool) & fuzzy).astype(np.int32)
        self.by_skeleton = HashLookup(self._forms.strings("skeleton"), [forms[i].skeleton for i in skel.tolist()], skel)

    def _build_ngrams(self, forms: list[NameForms]) -> None:
        fuzzy = np.flatnonzero((np.frombuffer(self._flags, dtype=np.uint8) & _EXACT_ONLY) == 0)
        codes, rows = gram_codes([forms[i].key for i in fuzzy.tolist()], [forms[i].skeleton for i in fuzzy.tolist()])
        self.postings = fuzzy[rows].astype(np.int32)
        starts = np.flatnonzero(_first_of_runs(codes))
        self.gram_codes = codes[starts]
        self.offsets = np.append(starts, len(codes)).astype(np.int64)
        # A gram shared with few entries says more than one shared with many
        # ("dimokratia" is in every Greek republic's long name).
        self.gram_weights = np.log1p(max(self.alias_count, 1) / np.maximum(np.diff(self.offsets), 1)).astype(np.float32)
        self.max_posting = max(MAX_POSTING_FLOOR, int(len(self._flags) * MAX_POSTING_FRACTION))

    def candidates(self, forms: NameForms, limit: int) -> np.ndarray:
        """Entry ids sharing the most (rarity-weighted) n-grams with the query, best first."""
        codes = np.array(name_grams(forms.key, forms.skeleton), dtype=np.int64)
        if not len(codes) or not len(self.gram_codes):
            return np.empty(0, dtype=np.int32)
        pos = np.minimum(np.searchsorted(self.gram_codes, codes), len(self.gram_codes) - 1)
        pos = pos[self.gram_codes[pos] == codes]
        if not len(pos):
            return np.empty(0, dtype=np.int32)
        starts, ends = self.offsets[pos], self.offsets[pos + 1]
        lengths = ends - starts
        chosen = np.flatnonzero(lengths <= self.max_posting)
        if not len(chosen):
            chosen = np.array([np.argmin(lengths)])
        chosen = chosen[np.argsort(lengths[chosen], kind="stable")]
        chosen = chosen[:max(1, np.searchsorted(np.cumsum(lengths[chosen]), POSTING_BUDGET, side="right"))]
        postings = [self.postings[s:e] for s, e in zip(starts[chosen].tolist(), ends[chosen].tolist())]
        ids, scores = self._weigh(postings, self.gram_weights[pos[chosen]].tolist())
        return _best(ids, scores, limit)

    def _weigh(self, postings: list[np.ndarray], weights: list[float]) -> tuple[np.ndarray, np.ndarray]:
        """The distinct entries of some posting lists, each with the summed weight of the lists holding it.

        Sums go into a per-thread array as long as the table (a posting list
        holds an entry at most once, and weights are positive), so nothing is sorted.
        """
        sums = getattr(self._scratch, "sums", None)
        if sums is None:
            sums = self._scratch.sums = np.zeros(self.alias_count, dtype=np.float64)
        fresh = []
        for ids, weight in zip(postings, weights):
            seen = sums[ids]
            fresh.append(ids[seen == 0])
            sums[ids] = seen + weight
        ids = np.sort(np.concatenate(fresh))   # ascending, so ties are broken the same way every time
        scores = sums[ids]
        sums[ids] = 0
        return ids, scores

    def lookup(self, forms: NameForms, *, norm_only: bool = False) -> set[int]:
        """Entries whose normalized form, phonetic key or skeleton equals the query's."""
        found = set(self.by_norm.get(forms.norm))
        if norm_only:
            return found
        if forms.key:
            found.update(self.by_key.get(forms.key))
        if forms.skeleton and forms.vowelless:
            found.update(self.by_skeleton.get(forms.skeleton))
        return found

    def keys(self, ids: np.ndarray) -> list[str]:
        """The phonetic keys of many entries, for scoring a short list in one call."""
        return self._keys.take(ids)

    def entry(self, i: int) -> Entry:
        """Entry i, built from the packed arrays."""
        entity = self.table.entities[self._entity[i]]
        former = self._former[i]
        return Entry(entity, self._text[i], KINDS[self._kind[i]],
                     entity.former_names[former] if former >= 0 else None, self._forms[i],
                     bool(self._flags[i] & _EXACT_ONLY))

    @property
    def alias_count(self) -> int:
        return len(self._flags)


def _best(ids: np.ndarray, scores: np.ndarray, limit: int) -> np.ndarray:
    """The `limit` ids with the highest scores, best first (ids ascending, so equal scores keep id order).

    >>> _best(np.array([1, 3, 7, 9]), np.array([1.0, 2.0, 1.0, 1.0]), 4).tolist()
    [3, 1, 7, 9]
    """
    if len(ids) > limit:
        top = np.argpartition(-scores, limit)[:limit]
        ids, scores = ids[top], scores[top]
    return ids[np.argsort(-scores, kind="stable")]


class _Entries(Sequence):
    """`index.entries[i]`: entries built on demand."""

    def __init__(self, index: AliasIndex):
        self._index, self._len = index, index.alias_count

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i: int) -> Entry:
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError(i)
        return self._index.entry(i)


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
