"""The word index: candidate names found through their distinctive words.

Character n-grams of whole names favour names that share many common words
("Δημοκρατία της ..." in every Greek republic's long name). Here each query
word is first matched to similar table *words* (trigrams of the vocabulary,
then edit similarity, or the consonant skeleton for vowelless scripts), and
names collect the weights of the words they contain, rare words weighing
most. The few best names go on to full scoring in matcher.py.

Budgets and cut-offs break ties by position, so nothing here iterates a set
of strings: Python salts string hashes per process, and the same query would
get another answer after a restart.
"""
from __future__ import annotations

import threading

import numpy as np
from rapidfuzz import fuzz, process

from .normalize import NameForms, content_words, phonetic, skeleton

SIMILAR_WORDS = 8        # table words kept per query word
WORD_CANDIDATES = 64     # vocabulary words sharing the most trigrams, scored by edit similarity
MIN_WORD_SIMILARITY = 75  # (0-100) below this a table word is not a candidate
MIN_SKELETON = 3         # shorter skeletons match too many words
POSTING_BUDGET = 20_000  # most name postings one query reads, rarest words first
GRAM_BUDGET = 20_000     # most vocabulary postings one query word reads, rarest trigrams first
# One-edit variants are looked up for words up to this long: a longer word keeps most of its
# trigrams through a typo, and folding each variant of a 1,000-character name (a run of Han
# read as one word) took seconds. Gazetteer words this long are 0.02% of them (Han transcriptions).
VARIANTS_UP_TO = 24
# The words in the most names ("san", "de", "city") recur from query to query, and each reads a full
# trigram budget in `similar`: their answers are kept once worked out. At 1M names the 2,000 such words
# were 23% of the saved queries' `similar` calls and 16% of its time; kept, at most 4,000 small dicts.
COMMON_WORDS = 2_000


class WordIndex:
    """Vocabulary of the table's phonetic words, their names, and their trigrams."""

    def __init__(self, forms: list[NameForms], fuzzy: np.ndarray, idf: dict[str, float]):
        vocab: dict[str, int] = {}
        word_ids, name_ids = [], []
        for i in np.flatnonzero(fuzzy).tolist():
            for token in dict.fromkeys(forms[i].tokens):
                word_ids.append(vocab.setdefault(token, len(vocab)))
                name_ids.append(i)
        self.vocab = vocab
        self.words = list(vocab)
        self.weights = np.array([idf.get(w, 0.0) for w in self.words], dtype=np.float64)
        self.name_offsets, self.names = _csr(np.asarray(word_ids, dtype=np.int32),
                                             np.asarray(name_ids, dtype=np.intp), len(vocab))
        norms = np.zeros(len(forms), dtype=np.float64)
        np.add.at(norms, self.names, self.weights[np.repeat(np.arange(len(vocab)), np.diff(self.name_offsets))] ** 2)
        self.norms = np.sqrt(norms)
        self._build_trigrams()
        skeletons: dict[str, list[int]] = {}
        for wid, word in enumerate(self.words):
            if len(sk := skeleton(word)) >= MIN_SKELETON:
                skeletons.setdefault(sk, []).append(wid)
        self.by_skeleton = skeletons
        by_names = np.argsort(-np.diff(self.name_offsets), kind="stable")[:COMMON_WORDS].tolist()
        self._common = frozenset(self.words[w] for w in by_names)   # only tested for membership
        self._kept: dict[tuple[str, bool], dict[int, float]] = {}
        # Trigram counts are small integers (at most one per distinct trigram of the table, 5,740
        # at 1M names): uint16 holds them exactly in a quarter of float64's memory traffic, and
        # this array is read and written at random for every query word.
        self._word_sums = _Accumulator(len(self.words), np.uint16)
        self._name_sums = _Accumulator(len(forms))

    def _build_trigrams(self) -> None:
        gram_ids: dict[str, int] = {}
        grams, owners = [], []
        for wid, word in enumerate(self.words):
            for gram in _trigrams(word):
                grams.append(gram_ids.setdefault(gram, len(gram_ids)))
                owners.append(wid)
        self.gram_ids = gram_ids
        self.gram_offsets, self.gram_words = _csr(np.asarray(grams, dtype=np.int32),
                                                  np.asarray(owners, dtype=np.intp), len(gram_ids))

    def similar(self, word: str, vowelless: bool, spelled: str | None = None) -> dict[int, float]:
        """Table words like the phonetic `word` (`spelled` before folding), with similarity in [0, 1];
        for a word in the most names (COMMON_WORDS) asked without its spelling, kept once worked out.

        >>> idx = WordIndex([NameForms("x", ("julani",), "julani", "jln", False)], np.array([True]), {"julani": 1.0})
        >>> idx.similar("gulani", False), idx.similar("zzz", False)
        ({0: 0.83}, {})
        """
        if spelled is not None or word not in self._common:
            return self._similar(word, vowelless, spelled)
        # A common word's answer is the same for every query: worked out once, kept (a dict write is
        # atomic, and two threads working out the same word keep equal answers), handed out as a copy.
        key = (word, vowelless)
        found = self._kept.get(key)
        if found is None:
            found = self._kept[key] = self._similar(word, vowelless)
        return dict(found)

    def _similar(self, word: str, vowelless: bool, spelled: str | None = None) -> dict[int, float]:
        """similar, worked out."""
        found: dict[int, float] = {}
        if (wid := self.vocab.get(word)) is not None:
            found[wid] = 1.0
        gids = [g for gram in _trigrams(word) if (g := self.gram_ids.get(gram)) is not None]
        if gids:
            slices, ones = _budgeted([(self.gram_words[self.gram_offsets[g]:self.gram_offsets[g + 1]], 1)
                                      for g in gids], GRAM_BUDGET)
            wids = self._word_sums.top(slices, ones, WORD_CANDIDATES).tolist()
            for _, score, pos in process.extract(word, [self.words[w] for w in wids], scorer=fuzz.ratio,
                                                 limit=SIMILAR_WORDS, score_cutoff=MIN_WORD_SIMILARITY):
                found.setdefault(wids[pos], round(score / 100, 2))
        # A swap of neighbours breaks two trigrams, so the word with one swap
        # or one letter dropped is looked up directly. Folding can also turn
        # one typed edit into several (`zhale` → `jal`, `zahle` → `zahl`):
        # the typed word's variants are folded and looked up too (`skudagi`
        # → `skudai`, which folds to `skudi`, two edits from `skudagi`).
        variants = _one_edit_variants(word) if len(word) <= VARIANTS_UP_TO else set()
        if spelled and len(spelled) <= VARIANTS_UP_TO:
            variants |= {phonetic(v) for v in _one_edit_variants(spelled)}
        # Only the few variants the table writes are sorted (the order keeps `found`, and so the shortlist, stable).
        for variant in sorted(v for v in variants if v in self.vocab):
            if (wid := self.vocab[variant]) not in found:
                found[wid] = round(1 - 1 / max(len(word), len(variant)), 2)
        if vowelless and len(sk := skeleton(word)) >= MIN_SKELETON:
            for wid in self.by_skeleton.get(sk, ()):
                found[wid] = max(found.get(wid, 0.0), 0.85)
        return found

    def shortlist(self, forms: NameForms, limit: int, memo: dict | None = None) -> np.ndarray:
        """Entry ids of the names whose words best cover the query's, best first.

        `memo` keeps `similar` answers across the queries of a batch, so each
        distinct word of the batch is looked up once.
        """
        matches: dict[int, float] = {}
        # The typed spelling helps `similar` only for a one-word query: each of its variants costs a fold,
        # and a longer query has other words to find its names by.
        spelled_words = content_words(forms.norm) if len(forms.tokens) == 1 else [None] * len(forms.tokens)
        for token, spelled in dict.fromkeys(zip(forms.tokens, spelled_words)):
            key = (token, spelled, forms.vowelless)
            found = memo.get(key) if memo is not None else None
            if found is None:
                found = self.similar(token, forms.vowelless, spelled)
                if memo is not None:
                    memo[key] = found
            for wid, sim in found.items():
                matches[wid] = max(matches.get(wid, 0.0), sim)
        if not matches:
            return np.empty(0, dtype=np.int32)
        # Rarest words first, within a budget: a word in 100,000 names says little about any of them.
        postings, gains = _budgeted([(self.names[self.name_offsets[w]:self.name_offsets[w + 1]],
                                      float(self.weights[w]) ** 2 * sim) for w, sim in matches.items()],
                                    POSTING_BUDGET)
        return self._name_sums.top(postings, gains, limit, norms=self.norms)


class _Accumulator:
    """Sums weights per id over a few posting lists without sorting them.

    Each thread has its own zeroed array as long as the id space; a posting
    list holds an id at most once, so increments never collide.
    """

    def __init__(self, size: int, dtype=np.float64):
        self._size, self._dtype, self._local = size, dtype, threading.local()

    def top(self, postings: list[np.ndarray], weights: list[float], limit: int,
            norms: np.ndarray | None = None) -> np.ndarray:
        """The `limit` ids with the largest summed weight (divided by norms if given), best first."""
        if not postings:
            return np.empty(0, dtype=np.int32)
        sums = getattr(self._local, "sums", None)
        if sums is None:
            sums = self._local.sums = np.zeros(self._size, dtype=self._dtype)
        fresh = []
        for ids, weight in zip(postings, weights):
            seen = sums[ids]
            fresh.append(ids[seen == 0])
            sums[ids] = seen + weight
        ids = np.concatenate(fresh)
        scores = sums[ids]
        sums[ids] = 0
        if norms is not None:
            scores = scores / np.maximum(norms[ids], 1e-9)
        else:
            scores = scores.astype(np.float32)   # an unsigned count cannot be negated below
        if len(ids) > limit:
            top = np.argpartition(-scores, limit)[:limit]
            ids, scores = ids[top], scores[top]
        return ids[np.lexsort((ids, -scores))].astype(np.int32)   # best first; equal scores by id


def _budgeted(lists: list[tuple[np.ndarray, float]], budget: int) -> tuple[list[np.ndarray], list[float]]:
    """The shortest posting lists (with their weights) whose total length stays within budget, at least one."""
    kept, weights, total = [], [], 0
    for postings, weight in sorted(lists, key=lambda pair: len(pair[0])):
        if kept and total + len(postings) > budget:
            break
        kept.append(postings)
        weights.append(weight)
        total += len(postings)
    return kept, weights


def _one_edit_variants(word: str) -> set[str]:
    """The word with two neighbours swapped or one letter dropped (4 letters or more).

    >>> sorted(_one_edit_variants("nrava"))
    ['narva', 'nava', 'nraa', 'nraav', 'nrav', 'nrva', 'nrvaa', 'rava', 'rnava']
    """
    if len(word) < 4:
        return set()
    swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}
    drops = {word[:i] + word[i + 1:] for i in range(len(word))}
    return (swaps | drops) - {word}


def _trigrams(word: str) -> list[str]:
    padded = f" {word} "
    return list(dict.fromkeys(padded[i:i + 3] for i in range(len(padded) - 2)))


def _csr(keys: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Group values by key: offsets[k]:offsets[k+1] slices the values of key k."""
    order = np.argsort(keys, kind="stable")
    counts = np.bincount(keys, minlength=n)
    return np.concatenate(([0], np.cumsum(counts))).astype(np.int64), values[order]
