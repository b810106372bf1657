"""The candidate index: built once per table load, read-only afterwards.

Every name of every entity (current name, aliases, former names and their
aliases) becomes one *entry*. Entries are found two ways:
  * exact lookups on the normalized form, the phonetic key and the skeleton;
  * the word index (words.py): query words to similar table words to the
    names holding them, which yields a short list for fuzzy scoring, so a
    query never scans the whole table.
A million entries must fit in a few hundred megabytes and be shared by
forked gunicorn workers, so the index holds no Python object per entry:
strings are packed into one buffer per field, lookups are sorted hash arrays,
and postings are numpy arrays. An `Entry` is built when asked for
(small tables keep them ready: MATERIALIZE_BELOW).
"""
from __future__ import annotations

import math
import operator
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import NamedTuple

import numpy as np

from .consonants import consonant_key, consonant_keys, joined_skeleton, joined_words
from .designators import DESIGNATORS
from .fork_map import FORK_FROM, fork_map
from .gc_paused import gc_paused
from .normalize import NameForms, content_words, name_forms, phonetic
from .table import AliasTable, Entity, FormerName
from .words import WordIndex

# A NameForms as a plain tuple, which pickles several times faster (see fork_map).
_FORMS_FIELDS = operator.attrgetter(*[f.name for f in fields(NameForms)])

KINDS = ("name", "alias", "former_name", "former_alias")
# Word weights are idf to this power: sharper than plain idf, so the words
# many entities share ("Republic", "Governorate", "al-Sham") weigh little next
# to the distinctive one (tuned on the accuracy benchmark: 1.5 beat 1 and 2).
IDF_POWER = 1.5
# A word shared by at least this many entities of one type may be common within
# that type ("Republic" among countries, "Brigade" among armed groups) though
# rare in the whole table; then it weighs as little as it says within the type.
TYPE_COMMON_MIN = 5
# A type whose names hold a state designator ("Republic", "Kingdom of"; designators.py) this
# often, and at least TYPE_COMMON_MIN times, is one such words describe: countries, not cities.
DESIGNATED_SHARE = 0.25
# Tables up to this many entries keep ready-made Entry objects: a few MB
# that save building ~40 entries per query; larger ones build them on demand.
MATERIALIZE_BELOW = 100_000
# Names are found by their consonants (consonant_key) from this many up: three
# consonants in order are shared by too many names to say which one is meant.
CONSONANT_KEY_MIN = 4
_EXACT_ONLY = 1


# A table of at least this many distinct words tells a typo by letters in a row none of them has.
TELLTALE_WORDS_FROM = 20_000


def letter_runs(word: str) -> set[str]:
    """A word's letters three in a row, its ends marked.

    >>> sorted(letter_runs("japan"))
    ['^ja', 'an$', 'apa', 'jap', 'pan']
    """
    padded = f"^{word}$"
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def _letter_runs_of(words: set[str]) -> frozenset[str]:
    """Every letter run (letter_runs) of the words, and some across two of them (with `$^`
    inside, which no query's run has), in one pass over them joined: faster than a set per word."""
    padded = "^" + "$^".join(words) + "$"
    return frozenset(padded[i:i + 3] for i in range(len(padded) - 2))


def is_acronym_like(text: str, forms: NameForms) -> bool:
    """Short all-caps strings and very short keys only ever match exactly.

    >>> is_acronym_like("HTS", name_forms("HTS")), is_acronym_like("Homs", name_forms("Homs"))
    (True, False)
    """
    if len(forms.tokens) == 1 and len(text) <= 20:  # six letters at most, with a few dots or spaces
        letters = [c for c in text if c.isalpha()]
        if letters and len(letters) <= 6 and all(c.isupper() for c in letters):
            return True
    # Arabic and Hebrew words are short because vowels are unwritten, not
    # because they are acronyms; and a key is short after folding when the
    # typed word was not (`Zhale` → `jal`).
    return len(forms.key) <= 3 and not forms.vowelless and len("".join(content_words(forms.norm))) <= 3


class PackedStrings(Sequence):
    """Many strings in one UTF-8 buffer: no Python object per string until one is read."""

    def __init__(self, strings: list[str]):
        joined = "".join(strings)
        if joined.isascii():   # a byte per character (every key the normalizer makes): one encode for all
            self._buffer = joined.encode("ascii")
            sized = strings
        else:
            sized = [s.encode() for s in strings]
            self._buffer = b"".join(sized)
        del joined
        ends = np.cumsum(np.fromiter(map(len, sized), dtype=np.int64, count=len(sized)))
        # array.array: one read is a plain int, many reads are one numpy gather on the same memory.
        self._offsets = array("q", np.concatenate(([0], ends)).astype(np.int64).tobytes())

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i: int) -> str:
        return self._buffer[self._offsets[i]:self._offsets[i + 1]].decode()


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
        self._strings = PackedStrings(list(map("\x1f".join, values)))

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
    # Type checks by the set of types, in C: a generator of isinstance calls cost a second at 1M names.
    types = set(map(type, values))
    if types == {str}:
        return PackedStrings(values)
    if types == {tuple} and _packable_words([w for v in values for w in v]):
        return PackedTuples(values)
    return list(values)


def _packable_words(words: list) -> bool:
    """Whether PackedTuples can hold these words: non-empty strings without its separator."""
    return set(map(type, words)) <= {str} and all(words) and "\x1f" not in "".join(words)


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


# A name of several words this short is read as syllables written apart (see run_together).
SYLLABLE_LETTERS = 4


def run_together(forms: NameForms) -> str:
    """A name's content words written as one and folded as one word.

    Romanized syllables written apart (pinyin `meng te lei`, Korean `ke li`)
    then meet the one word they spell (蒙特雷, read `mengtelei`): folding each
    syllable alone would treat each end as a word's end. Such syllables are
    all kept, even those that read as particles elsewhere (pinyin `la`, `er`,
    `de`: `qi ke la yue` is 奇克拉约, `a er ji er` 阿爾及爾).

    >>> run_together(name_forms("meng te lei")) == run_together(name_forms("蒙特雷"))
    True
    >>> run_together(name_forms("a er ji er")) == run_together(name_forms("阿爾及爾"))
    True
    """
    if in_syllables(forms):
        return phonetic(forms.norm.replace(" ", ""))
    return phonetic("".join(content_words(forms.norm)))


def in_syllables(forms: NameForms) -> bool:
    """Whether a name is several words of at most SYLLABLE_LETTERS letters, read as syllables written apart.

    >>> [in_syllables(name_forms(n)) for n in ("en de pei", "Entebbe", "de Gaulle")]
    [True, False, False]
    """
    words = forms.norm.split()
    return len(words) > 1 and max(map(len, words)) <= SYLLABLE_LETTERS


class HashLookup:
    """Exact-match lookup from string to entry ids: sorted hashes, verified against each entry's string.

    `key_of(row)` gives an entry's key back (read from the packed columns), to
    weed out hash collisions without keeping the keys themselves.
    """

    def __init__(self, key_of: Callable[[int], str], hashes: np.ndarray, rows: np.ndarray, many: bool = False):
        """`hashes[j]` is hash() of row `rows[j]`'s key (made in a forked child too: it hashes as this process)."""
        order = np.argsort(hashes, kind="stable")
        # array.array, not numpy: a query makes about five look-ups, and bisect on an array
        # costs a third of two np.searchsorted calls on one scalar each (1.1 against 3.4 µs).
        self._hashes = array("q", hashes[order].tobytes())
        self._rows = array("i", rows[order].astype(np.int32).tobytes())
        self._key_of = key_of
        # For get_many: one bit per hash value modulo a power of two, 8 or more bits per key (1 MB at a
        # million), set where a key hashes. Most spellings looked up in bulk are no key, and a bit read
        # from this small array turns nine in ten of them away before the search of the big sorted one.
        self._bits = None
        if many:
            size = 1 << max(3, (8 * len(hashes) - 1).bit_length())
            seen = np.zeros(size, dtype=bool)
            seen[hashes & (size - 1)] = True
            self._bits = np.packbits(seen, bitorder="little")

    def get(self, key: str) -> list[int]:
        h = hash(key)
        lo = bisect_left(self._hashes, h)
        return [r for r in self._rows[lo:bisect_right(self._hashes, h, lo)] if self._key_of(r) == key]

    def get_many(self, keys: list[str]) -> list[tuple[str, int]]:
        """(key, row) for every entry whose key is one of `keys`, in the order of keys: one numpy
        search for all (a one-letter typo's ~700 spellings cost 2 ms a query as single look-ups)."""
        table = np.frombuffer(self._hashes, dtype=np.int64)
        if not keys or not len(table):
            return []
        hashes = _hashes(keys)
        maybe = np.arange(len(keys))
        if self._bits is not None:
            low = hashes & (8 * len(self._bits) - 1)
            maybe = np.flatnonzero((self._bits[low >> 3] >> (low & 7).astype(np.uint8)) & 1)
            hashes = hashes[maybe]
        at = np.minimum(np.searchsorted(table, hashes), len(table) - 1)
        return [(keys[k], row) for k in maybe[table[at] == hashes].tolist() for row in self.get(keys[k])]


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


class ScoringView(NamedTuple):
    """What the token score reads of entry `row`, without building its Entry.

    A query scores some 25 names of its shortlist and shows five at most: at a
    million names, building an Entry for each cost a fifth of a query.
    """

    row: int
    entity: Entity
    tokens: tuple[str, ...]
    vowelless: bool
    script: str
    exact_only: bool


class TypeWeights(dict):
    """One type's lower weights for its common words, the table's weights for every other word."""

    def __init__(self, common: dict[str, float], table: dict[str, float]):
        super().__init__(common)
        self._table = table

    def get(self, word: str, default: float | None = None) -> float | None:
        value = dict.get(self, word)
        return value if value is not None else self._table.get(word, default)


class AliasIndex:
    """Lookup structures over every name in a table."""

    def __init__(self, table: AliasTable):
        with gc_paused():
            self._build(table)

    def _build(self, table: AliasTable) -> None:
        self.table = table
        entity_rows, kinds, formers, texts, forms = [], [], [], [], []
        # Each entity's distinct words, entity after entity, per type: counted in one call per type
        # (two Counter.update calls per entity cost 1.6 s at 1M names).
        type_words: dict[str, list[str]] = {}
        designated: Counter = Counter()
        names = [list(_names_of(entity)) for entity in table.entities]
        # Each distinct string normalized once (place names repeat across a gazetteer), on two CPUs if long.
        distinct = list(dict.fromkeys(text for of_entity in names for text, _, _ in of_entity))
        known = dict(zip(distinct, fork_map(name_forms, distinct, pack=_FORMS_FIELDS,
                                            unpack=lambda values: NameForms(*values))))
        del distinct
        for row, entity in enumerate(table.entities):
            tokens = set()
            for text, kind, former in names[row]:
                f = known[text]
                if not f.norm:  # a script the normalizer cannot read (lint warns)
                    continue
                entity_rows.append(row)
                kinds.append(kind)
                formers.append(former)
                texts.append(text)
                forms.append(f)
                tokens.update(f.tokens)
            type_words.setdefault(entity.type, []).extend(tokens)
            designated[entity.type] += not tokens.isdisjoint(DESIGNATORS)
        del known, names
        type_entities = {type_: Counter(words) for type_, words in type_words.items()}
        del type_words
        token_entities: Counter = Counter()
        for counts in type_entities.values():
            token_entities.update(counts)
        n = max(len(table.entities), 1)
        # Inverse entity frequency: a token many entities share says little.
        self.idf = {t: math.log(1 + n / df) ** IDF_POWER for t, df in token_entities.items()}
        self.max_idf = math.log(1 + n) ** IDF_POWER
        sizes = Counter(e.type for e in table.entities)
        self._type_weights = self._weights_by_type(type_entities, sizes)
        # Per such type, what a designator weighs at most: as the rarest word common within the type.
        self.designator_weights = {t: math.log(1 + sizes[t] / TYPE_COMMON_MIN) ** IDF_POWER
                                   for t, k in designated.items()
                                   if k >= TYPE_COMMON_MIN and k >= DESIGNATED_SHARE * sizes[t]}
        derived = _DerivedKeys.of(texts, forms)
        self._store_entries(entity_rows, kinds, formers, texts, forms, derived.flags)
        self._build_lookups(forms, derived)
        self.words = WordIndex(forms, (np.frombuffer(self._flags, dtype=np.uint8) & _EXACT_ONLY) == 0, self.idf)
        self.entries = self._packed
        if self.alias_count < MATERIALIZE_BELOW:
            self.entries = [self.entry(i) for i in range(self.alias_count)]

    def weights(self, type_: str) -> Mapping[str, float]:
        """Word weights for comparing with names of one entity type (see TYPE_COMMON_MIN)."""
        return self._type_weights.get(type_, self.idf)

    def _weights_by_type(self, type_entities: dict[str, Counter], sizes: Counter) -> dict[str, "TypeWeights"]:
        """Per entity type with common words: those words' weights among its entities, over the table's."""
        weights = {}
        for type_, counts in type_entities.items():
            common = {t: w for t, df in counts.items() if df >= TYPE_COMMON_MIN
                      and (w := math.log(1 + sizes[type_] / df) ** IDF_POWER) < self.idf[t]}
            if common:
                weights[type_] = TypeWeights(common, self.idf)
        return weights

    def _store_entries(self, entity_rows, kinds, formers, texts, forms, flags: np.ndarray) -> None:
        # array.array, not numpy: entries are read one at a time, and a numpy scalar read is slow.
        self._flags = array("B", flags.tobytes())
        self._forms = FormsColumns(forms)
        self._packed = _Entries(self.table, array("i", entity_rows), array("B", [KINDS.index(k) for k in kinds]),
                                array("h", [-1 if f is None else self._former_position(e, f)
                                            for e, f in zip(entity_rows, formers)]),
                                PackedStrings(texts), self._forms, self._flags)

    def _former_position(self, row: int, former: FormerName) -> int:
        return next(i for i, f in enumerate(self.table.entities[row].former_names) if f is former)

    def _build_lookups(self, forms: list[NameForms], derived: "_DerivedKeys") -> None:
        # The key functions below close over the columns, never over self (see _Entries).
        columns = self._forms
        self.by_norm = HashLookup(self._forms.strings("norm").__getitem__, *derived.norm, many=True)
        # The words the table writes, as hashes (a collision only makes writes_word say yes once too often).
        words = {w for f in forms for w in f.norm.split()}
        self._norm_words = array("q", np.unique(_hashes(words)).tobytes())
        # ... and their letters three in a row: in a big table, a query with a run that no word has
        # is likelier a typo than a name (Matcher._by_telltale_typo); in a small one most runs are unseen.
        self.letter_runs = _letter_runs_of(words) if len(words) >= TELLTALE_WORDS_FROM else frozenset()
        del words
        self.by_key = HashLookup(self._forms.strings("key").__getitem__, *derived.key)
        self.by_skeleton = HashLookup(self._forms.strings("skeleton").__getitem__, *derived.skeleton)
        # The keys below are made by _DerivedKeys (see there what each one is for).
        tokens = self._forms.columns["tokens"]
        self.by_joined = HashLookup(lambda i: "".join(tokens[i]), *derived.joined)
        self.by_syllables = HashLookup(lambda i: run_together(columns[i]), *derived.syllables)
        self.by_joined_words = HashLookup(lambda i: joined_words(columns[i]), *derived.joined_words)
        self.by_joined_skeleton = self._consonant_lookup(joined_skeleton, *derived.joined_skeleton)
        self.by_consonants = self._consonant_lookup(consonant_key, *derived.consonants)

    def _consonant_lookup(self, key_of: Callable[[NameForms], str], hashes: np.ndarray,
                          rows: np.ndarray) -> HashLookup:
        columns = self._forms
        return HashLookup(lambda i: key_of(columns[i]), hashes, rows)

    def lookup(self, forms: NameForms, *, norm_only: bool = False) -> set[int]:
        """Entries whose normalized form, phonetic key, skeleton or joined words equal the query's."""
        found = set(self.by_norm.get(forms.norm))
        if norm_only:
            return found
        if forms.key:
            found.update(self.by_key.get(forms.key))
        if forms.skeleton and forms.vowelless:
            found.update(self.by_skeleton.get(forms.skeleton))
        if forms.tokens:
            joined = "".join(forms.tokens)
            found.update(self.by_joined.get(joined))
            if len(forms.tokens) > 1:
                found.update(self.by_key.get(joined))
                found.update(self.by_key.get(run_together(forms)))
            else:
                found.update(self.by_joined_words.get(joined))
                found.update(self.by_syllables.get(joined))
        return found

    def writes_word(self, word: str) -> bool:
        """Whether some name of the table has this word in its normalized form."""
        h = hash(word)
        i = bisect_left(self._norm_words, h)
        return i < len(self._norm_words) and self._norm_words[i] == h

    def by_consonants_of(self, forms: NameForms) -> tuple[list[int], str]:
        """Entries with the consonants in order of a query written in syllables (consonant_key)
        or without short vowels (joined_skeleton), and the key compared; else none."""
        lookup, key_of = ((self.by_consonants, consonant_key) if forms.syllabic else
                          (self.by_joined_skeleton, joined_skeleton) if forms.vowelless else (None, None))
        if lookup is None or len(key := key_of(forms)) < CONSONANT_KEY_MIN:
            return [], ""
        return lookup.get(key), key

    def entry(self, i: int) -> Entry:
        """Entry i, built from the packed arrays."""
        return self._packed.build(i)

    def view(self, i: int) -> ScoringView:
        """What the token score reads of entry i (0 <= i < alias_count)."""
        return self._packed.view(i)

    def norm_of(self, i: int) -> str:
        """Entry i's normalized form."""
        return self._forms.columns["norm"][i]

    def key_of(self, i: int) -> str:
        """Entry i's phonetic key (NameForms.key)."""
        return self._forms.columns["key"][i]

    def script_of(self, i: int) -> str:
        """Entry i's script (NameForms.script)."""
        return self._forms.columns["script"][i]

    def forms_of(self, i: int) -> NameForms:
        """Entry i's NameForms, without the rest of its Entry (ready-made in a small table)."""
        return self.entries[i].forms if isinstance(self.entries, list) else self._forms[i]

    def entity_of(self, i: int) -> Entity:
        """The entity entry i names."""
        return self._packed.entity_of(i)

    def exact_only(self, i: int) -> bool:
        """Whether entry i is only ever matched exactly (is_acronym_like)."""
        return self._packed.exact_only(i)

    def kind_of(self, i: int) -> str:
        """Entry i's kind (KINDS)."""
        return self._packed.kind_of(i)

    def text_of(self, i: int) -> str:
        """Entry i's string as the table writes it."""
        return self._packed.text_of(i)

    @property
    def alias_count(self) -> int:
        return len(self._flags)


def _hashes(keys) -> np.ndarray:
    """hash() of each string, as int64."""
    return np.fromiter(map(hash, keys), dtype=np.int64, count=len(keys))


class _DerivedKeys(NamedTuple):
    """What the index computes from each entry's name alone: its flags, and the keys of the look-ups
    made from its forms, each as (hashes, rows). Made on two CPUs for a long table (`of`)."""

    flags: np.ndarray                             # uint8, _EXACT_ONLY
    norm: tuple[np.ndarray, np.ndarray]           # every name's normalized form
    key: tuple[np.ndarray, np.ndarray]            # phonetic key, names that have one
    skeleton: tuple[np.ndarray, np.ndarray]       # skeleton, names that have one and match fuzzily
    joined: tuple[np.ndarray, np.ndarray]         # words run together, names of several words
    syllables: tuple[np.ndarray, np.ndarray]      # run_together, names in syllables (in_syllables)
    joined_words: tuple[np.ndarray, np.ndarray]   # joined_words, names with particles
    joined_skeleton: tuple[np.ndarray, np.ndarray]   # joined_skeleton, CONSONANT_KEY_MIN letters or more
    consonants: tuple[np.ndarray, np.ndarray]     # consonant_key, CONSONANT_KEY_MIN letters or more

    @classmethod
    def of(cls, texts: list[str], forms: list[NameForms]) -> "_DerivedKeys":
        """The keys of every entry; the second half of a long table's made in a forked child (fork_map):
        a second and a half of the build at 1M names, on the other CPU."""
        n = len(forms)
        halves = [range(0, n // 2), range(n // 2, n)] if n >= FORK_FROM else [range(n)]
        parts = fork_map(lambda rows: cls._of_rows(texts, forms, rows), halves, min_items=2)
        pairs = [tuple(np.concatenate([part[k][j] for part in parts]) for j in (0, 1))
                 for k in range(1, len(cls._fields))]
        return cls(np.concatenate([part.flags for part in parts]), *pairs)

    @classmethod
    def _of_rows(cls, texts: list[str], forms: list[NameForms], rows: range) -> "_DerivedKeys":
        flags = np.array([_EXACT_ONLY if is_acronym_like(texts[i], forms[i]) else 0 for i in rows], dtype=np.uint8)
        fuzzy = [i for i, flag in zip(rows, flags.tolist()) if not flag & _EXACT_ONLY]
        keyed = [i for i in rows if forms[i].key]
        skeletal = [i for i in fuzzy if forms[i].skeleton]
        # Names of several words by their words run together: `Santo Tomé` meets
        # `SantoTomé`, and pinyin syllables (`bei jing`) meet `Beijing`.
        multi = [i for i in fuzzy if len(forms[i].tokens) > 1]
        # ... and, when its words are all short, as the syllables of one word (meng te lei); this
        # one also for names whose key is too short to match on (`en de pei` is `pi` without particles).
        syllables = [i for i in rows if in_syllables(forms[i])]
        # ... and with their particles, where a name has any (ديرالزور meets دير الزور).
        with_particles = [i for i in multi if len(forms[i].norm.split()) > len(forms[i].tokens)]
        # Every name by its consonants in order, for queries written in syllables (スポケーン, Spokane)
        # and, without merging r and l, for those written without short vowels (عبدالله, Abd Allah).
        # Only for such queries: a gazetteer holds a syllabic transcription of nearly every place,
        # and their loose keys would lend any other query a look-alike (accuracy benchmark).
        plain_rows, plain, syllabic_rows, syllabic = [], [], [], []
        for i in fuzzy:
            plain_key, syllabic_key = consonant_keys(forms[i])
            if len(plain_key) >= CONSONANT_KEY_MIN:
                plain_rows.append(i)
                plain.append(plain_key)
            if len(syllabic_key) >= CONSONANT_KEY_MIN:
                syllabic_rows.append(i)
                syllabic.append(syllabic_key)
        return cls(flags, _keyed([forms[i].norm for i in rows], rows), _keyed([forms[i].key for i in keyed], keyed),
                   _keyed([forms[i].skeleton for i in skeletal], skeletal),
                   _keyed(["".join(forms[i].tokens) for i in multi], multi),
                   _keyed([run_together(forms[i]) for i in syllables], syllables),
                   _keyed([joined_words(forms[i]) for i in with_particles], with_particles),
                   _keyed(plain, plain_rows), _keyed(syllabic, syllabic_rows))


def _keyed(keys: list[str], rows: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    return _hashes(keys), np.asarray(rows, dtype=np.int32)


class _Entries(Sequence):
    """`index.entries[i]`: entries built on demand from the packed columns.

    It holds the columns, not the index: an index in no reference cycle is
    freed as soon as the last request using it ends, even though the service
    freezes the cyclic GC's view of every table it loads (store.py).
    """

    def __init__(self, table: AliasTable, entity: array, kind: array, former: array, text: PackedStrings,
                 forms: FormsColumns, flags: array):
        self._table, self._entity, self._kind, self._former = table, entity, kind, former
        self._text, self._forms, self._flags, self._len = text, forms, flags, len(flags)

    def build(self, i: int) -> Entry:
        """Entry i (0 <= i < len)."""
        entity = self._table.entities[self._entity[i]]
        former = self._former[i]
        return Entry(entity, self._text[i], KINDS[self._kind[i]],
                     entity.former_names[former] if former >= 0 else None, self._forms[i],
                     bool(self._flags[i] & _EXACT_ONLY))

    def view(self, i: int) -> ScoringView:
        """The fields of entry i the token score reads, each read from its column alone."""
        columns = self._forms.columns
        return ScoringView(i, self._table.entities[self._entity[i]], columns["tokens"][i], columns["vowelless"][i],
                           columns["script"][i], bool(self._flags[i] & _EXACT_ONLY))

    def kind_of(self, i: int) -> str:
        return KINDS[self._kind[i]]

    def entity_of(self, i: int) -> Entity:
        return self._table.entities[self._entity[i]]

    def exact_only(self, i: int) -> bool:
        return bool(self._flags[i] & _EXACT_ONLY)

    def text_of(self, i: int) -> str:
        return self._text[i]

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i: int) -> Entry:
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError(i)
        return self.build(i)


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
