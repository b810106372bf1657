"""Score a query against the index and decide: a match, ambiguous, or none.

Scores are floats in [0, 1]. Equal normalized forms score 1.0, equal phonetic
keys 0.97; anything else is a *weighted token* score: each query word is paired
with its most similar table word (by edit similarity, or by consonant
skeleton where one side is written without short vowels), and words weigh by
how rare they are across the table's entities. So `Ahrar al-Sham` does not
become `Tahrir al-Sham` (`sham` is common, `ahrar` ≠ `tahrir`) and
`Vladimir Solovyov` does not become `Vladimir Putin`.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Hamming

from .answer_cache import AnswerCache
from .dates import within
from .consonants import syllabic_readings
from .designators import DESIGNATORS, designator_stem
from .directions import DIRECTIONS, directions_of
from .index import (AliasIndex, Entry, ScoringView, TypeWeights, in_syllables, is_acronym_like, joined_words,
                    letter_runs, run_together)
from .normalize import NameForms, content_words, is_lossy, name_forms, skeleton
from .readings import (GREEK_READINGS, LATIN_READINGS, OTHER_READINGS, REGION_WORDS, affixed_head, backed_head,
                       baltic_stem, bracketed, greek_nominative, located_head, qualified_head, qualifiers,
                       role_heads, russian_nominatives)
from .table import AliasTable, Entity
from .transliteration import PARTICLES

PHONETIC_SCORE = 0.97
SKELETON_SIMILARITY = 0.9   # two words with the same consonants (4 or more), one side vowelless
SHORT_SKELETON_SIMILARITY = 0.85  # the same with 3 consonants; 2 say too little to count
CONSONANT_SCORE = 0.88      # a query in syllables or without vowels with a name's consonants in order
PERSON = "person"          # the entity type whose names' word order says who is who (_out_of_order)
COMMON_ONLY_SCORE = 0.5     # most a name matched by words common within its type alone scores (_score_tokens)
# Most a name scores when the query contradicts it: another direction (directions.py), another number,
# a person's words in another order (_contradicted, _out_of_order).
CONTRADICTED_SCORE = 0.5
WORD_THRESHOLD = 0.75       # below this, two words do not correspond at all
SHORT_WORD = 3              # words this short must be equal to correspond...
SHORT_TYPO_SIMILARITY = 0.8  # ... unless the query's word is unknown to the table (see _score_tokens)
# A one-word query has no other words to back it up, and one edit in a short
# word is another word as often as a typo (Hama/Hamas, Mosul/Moscou): there,
# the shorter the word, the closer a fuzzy pair must be.
LONE_EDITS = ((9, 2), (5, 1))  # (shortest length, edits allowed): 1 from 5 letters, 2 from 9
TELLTALE_FROM = 4            # a query this long may be read as a typo by its telltale marks (_by_telltale_typo)
SUBSTITUTION_FROM = 6       # a changed letter counts only in words this long; shorter ones may swap, add or drop
INITIAL_WEIGHT = 0.3        # an unmatched initial ("Donald J. Trump") weighs this much of a word
INITIAL_SIMILARITY = 0.8     # an initial against a word of the name it begins ("V. Putin")
ACRONYM_UP_TO = 4            # letters of a word in a longer query read as initials of the name's words ("US")
# A likeness between a lossy romanization (Indic, Ethiopic, Thai...) and
# another script is weaker evidence than one within a script (tuned on the
# accuracy benchmark: it halves false matches from such scripts).
LOSSY_SCRIPT_TRUST = 0.9
# Match classes: a candidate equal on a key is not made ambiguous by a merely similar one.
CLASS_RANK = {"exact": 2, "normalized": 2, "phonetic": 1, "consonants": 0, "skeleton": 0, "fuzzy": 0}
RESCORE = 40                # names per query that get the full token score
SPELLING_LEAD = 0.1         # how much closer a written spelling must be to break a tie
TYPED_SLACK = 1             # edits a one-word fuzzy match may add as typed, beyond the typo budget
LONG_SLACK_FROM = 7         # ... and one more from this length
WHOLE_NAME_TYPO_FROM = 5    # letters a name of several words needs for a typo in it to be read as one
WHOLE_NAME_TYPO_SCORE = 0.9
# Names of up to this many words are read by other conventions (readings.OTHER_READINGS and
# GREEK_READINGS): each reading is another resolve, and place names are short (a name of 200
# junk words took 175 ms with its readings).
READ_WORDS_UP_TO = 4
CAPITALS_READ_FROM = 4      # letters of a key a word in capitals needs to be read as a word, not an acronym
TYPO_SPAN_UP_TO = 20        # letters (spaces included) a typo is looked for in by spelling every edit
QUERY_SHARE = 0.75          # how much covering the query counts against covering the table name
DESIGNATOR_STEM_SIMILARITY = 0.9  # two forms of one designator (designators.designator_stem)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One entity proposed for a query, with how it matched."""

    entity: Entity
    score: float
    matched: Entry
    how: str                 # exact | normalized | phonetic | consonants | skeleton | fuzzy
    compared: tuple[str, str]  # the query's and the table name's keys

    @property
    def id(self) -> str:
        return self.entity.id


@dataclass(frozen=True, slots=True)
class _Hit:
    """A scored entry before its Candidate is built: most never are (see Matcher._decide)."""

    score: float
    how: str
    row: int                          # the entry's position in the index
    entity: Entity
    compared: tuple[str, str] | None  # None: the query's and the entry's phonetic keys


@dataclass(frozen=True, slots=True)
class _Reread:
    """What Matcher._reread's rules read: the name as typed, its answer, and how to resolve a reading."""

    name: str
    forms: NameForms
    answer: Resolution
    type: str | None
    limit: int
    as_of: dt.date | None
    resolve: Callable[[str], Resolution]

    @property
    def unmatched(self) -> bool:
        return self.answer.match is None

    @property
    def unsure(self) -> bool:
        """Whether the name matched nothing, or only by likeness: a reading found by its keys may do better."""
        return self.answer.match is None or self.answer.match.how == "fuzzy"

    def found(self, reading: str | None) -> "Resolution | None":
        """The answer for a reading of the name, if there is a reading and it matches."""
        if reading and (found := self.resolve(reading)).match is not None:
            return found
        return None

    def keyed_over(self, found: "Resolution") -> bool:
        """Whether a reading's answer is found by its keys and, against a match by likeness, scores higher."""
        return _by_keys(found) and (self.unmatched or found.match.score > self.answer.match.score)

    def typo_answer(self, typo: "Candidate") -> "Resolution":
        """The name read as a typo of `typo`'s: that name first among the shown candidates, then the
        answer's for other entities."""
        shown = (typo,) + tuple(c for c in self.answer.candidates if c.id != typo.id)[:self.limit - 1]
        return Resolution(self.name, self.forms, typo, False, None, shown, self.as_of)


@dataclass(frozen=True, slots=True)
class Resolution:
    """The answer for one query."""

    query: str
    forms: NameForms
    match: Candidate | None
    ambiguous: bool
    reason: str | None          # why match is null: no_candidates | below_threshold | ambiguous
    candidates: tuple[Candidate, ...]
    as_of: dt.date | None = None
    cached: bool = False        # answered from the Matcher's answer cache (counted in metrics, not shown)
    read_as: str | None = None  # the other reading of the query that found the match (Matcher._reread)


def name_at(entity: Entity, day: dt.date) -> str:
    """The entity's name on a day: a former name whose dates cover it, else the current name."""
    for former in entity.former_names:
        if (former.start or former.end) and within(day, former.start, former.end):
            return former.name
    return entity.name


def word_similarity(a: str, b: str, vowelless: bool, lone: bool = False) -> float:
    """Similarity of two words in [0, 1].

    >>> word_similarity("julani", "julani", False)
    1.0
    >>> word_similarity("shr", "shara", True)
    0.85
    >>> word_similarity("ahrar", "tahrir", False) < WORD_THRESHOLD
    True
    >>> word_similarity("hama", "hamas", False, lone=True)
    0.0
    """
    if a == b:
        return 1.0
    if len(a) <= SHORT_WORD and len(b) <= SHORT_WORD and not vowelless:
        return 0.0
    score = fuzz.ratio(a, b) / 100
    if lone:
        score = _lone_similarity(a, b, score)
    if vowelless and len(sk := skeleton(a)) >= (4 if lone else 3) and sk == skeleton(b) and _long_vowels_agree(a, b):
        score = max(score, SKELETON_SIMILARITY if len(sk) >= 4 else SHORT_SKELETON_SIMILARITY)
    return score


def _long_vowels_agree(a: str, b: str) -> bool:
    """Whether one word's vowels, between its consonants, all stand where the other word has vowels too.

    A script without short vowels still writes the long ones (ا و ي): بشار (bshar) is Bashar, with a
    long a between sh and r, but بشرى (bshra), Bushra, ends in one where Bashar has none.

    >>> _long_vowels_agree("bshar", "bashar"), _long_vowels_agree("bshra", "bashar")
    (True, False)
    """
    mine, theirs = _vowel_gaps(a), _vowel_gaps(b)
    return all(m <= t for m, t in zip(mine, theirs)) or all(t <= m for m, t in zip(mine, theirs))


def _vowel_gaps(word: str) -> list[bool]:
    """For each gap around a word's consonants (before the first, ..., after the last): whether a vowel is in it."""
    gaps = [False]
    for letter in word:
        if letter in "aeiouy":
            gaps[-1] = True
        else:
            gaps.append(False)
    return gaps


def _similarity(pairs: dict, a: str, b: str, vowelless: bool, lone: bool) -> float:
    """word_similarity, remembered for one query (`lone` is the query's): the names of its shortlist
    share words, and half of the words it compares are compared before."""
    key = (a, b, vowelless)
    score = pairs.get(key)
    if score is None:
        score = pairs[key] = word_similarity(a, b, vowelless, lone)
    return score


def _one_edit_away(word: str, others: list[str], used: list[bool] | None = None) -> int:
    """The index of the first short word of `others` (not yet `used`) one edit from `word`, or -1."""
    for j, other in enumerate(others):
        if (used is None or not used[j]) and len(other) <= SHORT_WORD + 1 \
                and OSA.distance(word, other, score_cutoff=2) <= 1:
            return j
    return -1


def _particles(norm: str) -> list[str]:
    return [w for w in norm.split() if w in PARTICLES]


_HOW_ORDER = {"exact": 5, "normalized": 4, "phonetic": 3, "consonants": 2, "skeleton": 1, "fuzzy": 0}
_KIND_ORDER = {"name": 3, "alias": 2, "former_name": 1, "former_alias": 0}


def _strength(hit: _Hit, index: AliasIndex) -> tuple:
    """Which of one entity's matching names to report: best score, then the
    stronger kind of match, then current before former names, then the shorter string."""
    return hit.score, _HOW_ORDER[hit.how], _KIND_ORDER[index.kind_of(hit.row)], -len(index.text_of(hit.row))


def _lone_similarity(a: str, b: str, ratio: float) -> float:
    """A one-word query's word against a table word: a typo's worth of edits, no more.

    Counted as edits (a swap of neighbours is one), not as a ratio, so that
    `Gabno` meets `Gabon` while `Hamas` (4+1 letters) does not meet `Hama`,
    nor `Damas` (a 5-letter word one letter off is as often another word).

    >>> _lone_similarity("gabnu", "gabun", 0.8), _lone_similarity("hama", "hamas", 0.89)
    (0.8, 0.0)
    >>> _lone_similarity("hamas", "damas", 0.8)
    0.0
    """
    shorter = min(len(a), len(b))
    allowed = next((edits for length, edits in LONE_EDITS if shorter >= length), 0)
    edits = OSA.distance(a, b, score_cutoff=allowed + 1)
    substituted = len(a) == len(b) and edits == 1 and Hamming.distance(a, b) == 1
    if edits > allowed or (substituted and shorter < SUBSTITUTION_FROM):
        return 0.0
    return max(ratio, 1 - edits / max(len(a), len(b)))


_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"   # what a normalized form is spelled with, spaces apart


def _one_edit_spellings(word: str, letters: str = _LETTERS, lo: int = 0, hi: int | None = None) -> set[str]:
    """A word with one letter dropped, swapped with the next, changed or added (from `letters`),
    at positions lo to hi.

    >>> {"eath", "enath", "nexth", "neaths"} <= _one_edit_spellings("neath"), len(_one_edit_spellings("neath"))
    (True, 395)
    """
    n = len(word)
    hi = n if hi is None else hi
    out = {word[:i] + word[i + 1:] for i in range(lo, hi)}
    out.update(word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(lo, min(hi, n - 1)))
    out.update(word[:i] + c + word[i + 1:] for i in range(lo, hi) for c in letters)
    out.update(word[:i] + c + word[i:] for i in range(lo, hi + 1) for c in letters)
    out.discard(word)
    return out


def _norm_variants(norm: str, several: bool, lo: int = 0, hi: int | None = None) -> set[str]:
    """A normalized name with one edit between positions lo and hi: every letter dropped, swapped,
    changed or added (only a space changed or added when it is one word: `elgfasher` → `el fasher`).

    >>> "el fasher" in _norm_variants("elgfasher", False), "la habra" in _norm_variants("la babra", True, 2, 8)
    (True, True)
    """
    n = len(norm)
    if not several:
        return ({norm[:i] + " " + norm[i + 1:] for i in range(1, n - 1)}
                | {norm[:i] + " " + norm[i:] for i in range(1, n)}) - {norm}
    out = _one_edit_spellings(norm, _LETTERS + " ", lo, hi)
    # An edit beside a space may leave two spaces, or one at an end: spaced as the normalizer spaces.
    return {" ".join(v.split()) if "  " in v or v[:1] == " " or v[-1:] == " " else v for v in out} - {norm}


def _one_typo(a: str, b: str) -> bool:
    """Whether two spellings of one word are a typo apart: one edit, a changed letter only from 6 letters.

    >>> _one_typo("vaso", "vasto"), _one_typo("vasou", "vasto"), _one_typo("xuigu", "xiugu"), _one_typo("cofu", "kofu")
    (False, False, True, False)
    """
    # The one-word typo budget (_lone_similarity), held to a single edit.
    return min(len(a), len(b)) >= LONE_EDITS[-1][0] and OSA.distance(a, b, score_cutoff=2) <= 1 \
        and _lone_similarity(a, b, 0.0) > 0


def _vowel_dropped(norm: str, held: str, final: bool = True) -> bool:
    """Whether a word is another with one vowel left out (`kapn`/`kapan`), its last one only if final.

    >>> _vowel_dropped("kapn", "kapan"), _vowel_dropped("arta", "marta"), _vowel_dropped("kent", "kenti", False)
    (True, False, False)
    """
    last = len(held) if final else len(held) - 1
    return len(held) == len(norm) + 1 and any(held[i] in "aeiou" and held[:i] + held[i + 1:] == norm
                                              for i in range(last))


def _typed(text: str) -> str:
    """A name's letters as written, case folded, without the marks around them."""
    return unicodedata.normalize("NFC", text).casefold().strip(" .,'-")


def _typo_among_tied(name: str, forms: NameForms, candidates: tuple[Candidate, ...], margin: float) -> Candidate | None:
    """Of the names an ambiguous one-word query was tied between, the only one a typo from it as typed, if any."""
    typed = _typed(name)
    tied = [c for c in candidates if c.score >= candidates[0].score - margin]
    if any(forms.norm in c.matched.forms.norm.split() for c in tied):   # `Norveç Krallığı` holds `Norveç`
        return None
    typos = [c for c in tied
             if _one_typo(forms.norm, c.matched.forms.norm) and _one_typo(typed, _typed(c.matched.text))]
    return typos[0] if len({c.id for c in typos}) == 1 else None


def _other_qualifier(query: str, name: str) -> bool:
    """Whether a table name qualified in its own way ("Virgin Islands, U.S.") is qualified otherwise
    by the query ("Virgin Islands, British"): none of their qualifiers share a key."""
    theirs = {name_forms(part).key for part in qualifiers(name)} - {""}
    return bool(theirs) and not theirs & {name_forms(part).key for part in qualifiers(query)}


def _keyed(how: str) -> bool:
    """Whether a match of this kind was found by a key of the name (exactly, normalized or phonetically)."""
    return CLASS_RANK[how] >= CLASS_RANK["phonetic"]


def _by_keys(answer: Resolution) -> bool:
    """Whether an answer is a match found by a key of the name."""
    return answer.match is not None and _keyed(answer.match.how)


def _held_in_another(head: NameForms, whole: NameForms, match: Candidate, candidates: tuple[Candidate, ...]) -> bool:
    """Whether another entity proposed for the whole name has a name holding every word of its head and more;
    not a region's name (`Raqqa Governorate`) when the words dropped from the whole (`Raqqa city`) name none."""
    words = set(head.tokens)
    asks_region = bool((set(whole.tokens) - words) & REGION_WORDS)
    return any(c.id != match.id and words < (held := set(c.matched.forms.tokens))
               and (asks_region or not held - words <= REGION_WORDS) for c in candidates)


def _typed_too_far(typed: str, table: str) -> bool:
    """Whether a one-word query, close to a table word once both are folded,
    is too many edits from it as typed.

    Folding is for conventions (`Charaa`/`Sharaa` fold to one key and match
    as phonetic); a fuzzy one-word match on top of it must also be near the
    spelling in the table, or any name finds a look-alike in a big table
    (`Senegal` folds one letter from `Tsanakkale`). Allowed: the typo budget
    plus one edit, plus one more from 7 letters (`Turquie`/`Türkiye`).
    Arabic and Hebrew romanizations have no vowels to compare and are exempt.

    >>> _typed_too_far("senegal", "tsanakkale"), _typed_too_far("turquie", "turkiye")
    (True, False)
    """
    shorter = min(len(typed), len(table))
    budget = next((edits for length, edits in LONE_EDITS if shorter >= length), 0)
    budget += TYPED_SLACK + (shorter >= LONG_SLACK_FROM)
    return OSA.distance(typed, table, score_cutoff=budget + 1) > budget


def _closest_spelling(forms: NameForms, tied: list[Candidate]) -> Candidate | None:
    """Of candidates tied on the folded keys, the one spelled clearly closest to the query, if none scores higher.

    Folding sounds together is what lets `Scharaa` meet `Sharaa`, and also what
    makes `Bmaenda` tie `Bamenda` with `Banda`; the spelling as written breaks
    such ties of one-word queries. (Longer names share generic words, and
    `Szlovák Köztársaság` is spelled closer to `Szlovén Köztársaság` than to `Slovák`.)
    """
    closeness = sorted(((fuzz.ratio(forms.norm, c.matched.forms.norm) / 100, c) for c in tied),
                       key=lambda pair: -pair[0])
    (first, winner), (second, _) = closeness[0], closeness[1]
    return winner if first - second >= SPELLING_LEAD and winner.score == tied[0].score else None


def _common_within(weights) -> Mapping[str, float] | tuple:
    """The words common within a type (TypeWeights holds them; weights of a type without any are the
    table's), for membership tests."""
    return weights if isinstance(weights, TypeWeights) else ()


def _holds_in_a_row(words: list[str], run: list[str]) -> bool:
    """Whether `run` is in `words` word for word and in a row.

    >>> _holds_in_a_row(["kuang", "shun", "ch", "ang"], ["kuang", "ch", "ang"])
    False
    """
    n = len(run)
    return n > 0 and any(words[i:i + n] == run for i in range(len(words) - n + 1))


def _equal_keys(query: NameForms, name: NameForms) -> tuple[str, str] | None:
    """The two keys a phonetic match compared: the phonetic keys, or the words run
    together (a one-word query also against the name's words with their particles,
    and a name against one of another word count as one folded word: 蒙特雷/meng te lei)."""
    if query.key and name.key == query.key:
        return query.key, name.key
    if query.tokens and ((joined := "".join(query.tokens)) == "".join(name.tokens)
                         or (len(query.tokens) == 1 and joined == joined_words(name))):
        return joined, joined
    joined = _same_syllables(query, name)
    return (joined, joined) if joined else None


def _same_syllables(query: NameForms, name: NameForms) -> str | None:
    """The words both names run together into, when they have other word counts (蒙特雷/meng te lei)."""
    if query.tokens and len(query.norm.split()) != len(name.norm.split()) \
            and (joined := run_together(query)) == run_together(name):
        return joined
    return None


def _other_directions(word: str, other: str) -> bool:
    """Whether two paired words are both points of the compass, and not the same (western/eastern)."""
    mine, theirs = DIRECTIONS.get(word), DIRECTIONS.get(other)
    return mine is not None and theirs is not None and mine != theirs


def _contradicted(query: tuple[str, ...], unmatched: list[str], name: tuple[str, ...], left: list[str]) -> bool:
    """Whether a likeness of two names is contradicted by a word that says another entity, however
    alike the rest: a direction among the words one side lacks, and none or another among the other's
    ("Sudão" is not "Sudão do Sul", "Ghouta" not "Eastern Ghouta"), or other numbers ("T5 airbase" is
    not "T4 Airbase": a number is not a typo)."""
    if not (DIRECTIONS.keys().isdisjoint(unmatched) and DIRECTIONS.keys().isdisjoint(left)) \
            and directions_of(unmatched) != directions_of(left):
        return True
    return bool((numbers := _numbers(query)) and (theirs := _numbers(name)) and numbers != theirs)


def _out_of_order(positions: list[int]) -> bool:
    """Whether three or more words of a person's name, by their positions in the name in the query's
    order, come in another order than the name's, or its turned around from a word on ("Assad Bashar
    Hafez", as lists write a family name first): in "Hafez Bashar al-Assad", Hafez is the son of
    Bashar, not Bashar Hafez al-Assad.

    >>> _out_of_order([1, 0, 2]), _out_of_order([2, 0, 1]), _out_of_order([1, 0])
    (True, False, False)
    """
    descents = sum(a > b for a, b in zip(positions, positions[1:]))
    return len(positions) >= 3 and (descents > 1 or (descents == 1 and positions[-1] > positions[0]))


def _initials_run(letters: str, words: list[str], used: list[bool]) -> list[int]:
    """The positions of the first unused words in a row whose initials are the letters, or [].

    >>> _initials_run("us", ["united", "states", "central", "command"], [False] * 4)
    [0, 1]
    >>> _initials_run("uk", ["united", "states"], [False] * 2)
    []
    """
    n = len(letters)
    for start in range(len(words) - n + 1):
        run = range(start, start + n)
        if all(not used[j] and words[j][:1] == letter for j, letter in zip(run, letters)):
            return list(run)
    return []


_DIGITS = re.compile(r"\d+")


@functools.lru_cache(maxsize=4096)   # asked of the query once per name it is scored against
def _numbers(words: tuple[str, ...]) -> frozenset[int]:
    """The numbers written in the words, by value ("06" is 6).

    >>> sorted(_numbers(("t5", "irbas"))), sorted(_numbers(("marsil", "06"))), _numbers(("damask",))
    ([5], [6], frozenset())
    """
    joined = " ".join(words)
    return frozenset(map(int, _DIGITS.findall(joined))) if _DIGITS.search(joined) else frozenset()


def _same_numbers(a: str, b: str) -> bool:
    """Whether two spellings write the same numbers: an edit to a number is no typo (T5/T4).

    >>> _same_numbers("t5 airbase", "t4 airbase"), _same_numbers("la babra", "la habra")
    (False, True)
    """
    return _DIGITS.findall(a) == _DIGITS.findall(b)


def _script_trust(a: str, b: str) -> float:
    """How far a likeness of romanizations from two scripts (NameForms.script) can be trusted."""
    return LOSSY_SCRIPT_TRUST if a != b and (is_lossy(a) or is_lossy(b)) else 1.0


def _settled(found: dict[str, _Hit], type: str | None) -> bool:
    """Whether the exact and phonetic look-ups already decide the answer.

    A consonant or fuzzy score stays below PHONETIC_SCORE and ranks in a
    lower class (see _decide): once a name of the wanted type is found at
    that score, no merely similar name can beat it or make it ambiguous.
    """
    return any(c.score >= PHONETIC_SCORE and (type is None or c.entity.type == type) for c in found.values())


class Matcher:
    """Resolve names against one table; immutable once built."""

    def __init__(self, table: AliasTable, *, threshold: float = 0.8, margin: float = 0.05, cache_size: int = 0):
        self.table = table
        self.index = AliasIndex(table)
        self.threshold = threshold
        self.margin = margin
        # Off by default, so benchmarks and tests measure the matcher; the service turns it on.
        self.answers: AnswerCache[Resolution] = AnswerCache(cache_size)

    def resolve(self, name: str, *, type: str | None = None, as_of: dt.date | None = None,
                limit: int = 5, alternatives: bool = False) -> Resolution:
        """Resolve one name. "No match" is a Resolution with match None, never an exception.

        A name found exactly, or phonetically at full score, is answered from
        the exact look-ups alone: no merely similar name can beat it or make it
        ambiguous (see _settled). With `alternatives`, similar names are scored
        and listed as candidates anyway.
        """
        query = (name, type, as_of, limit)
        if alternatives:
            return self._answer(query, name_forms(name), alternatives=True)
        return self.answers.get(query) or self._remember(query, self._answer(query, name_forms(name)))

    def resolve_batch(self, names: list[str], *, type: str | None = None, as_of: dt.date | None = None,
                      limit: int = 5) -> list[Resolution]:
        """Resolve many names with the same options; repeated names are scored once."""
        return self.resolve_queries([(name, type, as_of, limit) for name in names])

    def resolve_queries(self, queries: list[tuple]) -> list[Resolution]:
        """Resolve (name, type, as_of, limit) tuples in order, in bulk.

        Repeated queries are answered once, each distinct name is normalized
        once, and each distinct word of the whole batch is looked up in the
        word index once.
        """
        done = {query: self.answers.get(query) for query in dict.fromkeys(queries)}
        fresh = [query for query, answer in done.items() if answer is None]
        memo: dict = {}
        forms = {name: name_forms(name) for name in dict.fromkeys(q[0] for q in fresh)}
        for query in fresh:
            done[query] = self._remember(query, self._answer(query, forms[query[0]], memo=memo))
        return [done[query] for query in queries]

    def _remember(self, query: tuple, answer: Resolution) -> Resolution:
        if self.answers.capacity > 0:   # without a cache the copy (dataclasses.replace, slow) would be dropped
            self.answers.put(query, replace(answer, cached=True))
        return answer

    def _answer(self, query: tuple, forms: NameForms, *, memo: dict | None = None,
                alternatives: bool = False, reread: bool = True) -> Resolution:
        name, type_, as_of, limit = query
        answer = self._decide(name, forms, self._rank(name, forms, type_, memo=memo, alternatives=alternatives),
                              limit, as_of)
        better = self._reread(query, answer, memo) if reread else None
        if better is not None:
            # A typo's answer is the query's own (typo_answer); another reading's says what was resolved.
            read_as = better.query if better.query != name else None
            return Resolution(name, forms, better.match, False, None, better.candidates, as_of, read_as=read_as)
        return answer

    def _reread(self, query: tuple, answer: Resolution, memo: dict | None) -> Resolution | None:
        """The answer for another reading of a name that matched nothing, or only by likeness, when
        that reading is found well enough: the rules below in turn (service/readings.py)."""
        name, type_, as_of, limit = query

        def resolve(text: str) -> Resolution:
            # Once only: a reading's own readings would multiply (a Cyrillic name of 200 junk
            # words took 2.3 s through readings of readings).
            return self._answer((text, type_, as_of, limit), name_forms(text), memo=memo, reread=False)

        reread = _Reread(name, answer.forms, answer, type_, limit, as_of, resolve)
        for rule in (self._by_capitals, self._by_qualified_head, self._by_affix, self._by_role,
                     self._by_backer, self._by_located_head, self._by_baltic_stem, self._by_greek_nominative,
                     self._by_syllabic_reading, self._by_cyrillic_readings, self._by_russian_nominative,
                     self._by_greek_readings, self._by_latin_readings, self._by_whole_name_typo, self._by_word_typo):
            if (found := rule(reread)) is not None:
                return found
        return None

    def _by_qualified_head(self, r: "_Reread") -> Resolution | None:
        """"Colón, Panama", "Homs, Syria", "Hayat Tahrir al-Sham (HTS)", "Frankfurt (Oder)": the name without
        what qualifies it (its region or country, its acronym, another of its names). Found only by
        likeness, it must not be another entity than a part in brackets names by its keys ("Сянган
        (Гонконг)", Xianggang (Hong Kong), is not Xianyang for looking like it)."""
        if not r.unmatched or (found := r.found(qualified_head(r.name))) is None:
            return None
        if _by_keys(found):
            return found
        if any(self._ids_by_keys(part, r.type) - {found.match.id} for part in bracketed(r.name)) \
                or _other_qualifier(r.name, found.match.matched.text):
            return None
        return found

    @staticmethod
    def _by_capitals(r: "_Reread") -> Resolution | None:
        """"PUTIN", "LAVROV": a word in capitals, as headlines and sanctions lists write surnames, is
        matched only exactly, as an acronym would be (is_acronym_like); then it is read as a word."""
        if r.unmatched and len(r.forms.key) >= CAPITALS_READ_FROM and is_acronym_like(r.name, r.forms):
            return r.found(r.name.title())
        return None

    @staticmethod
    def _by_affix(r: "_Reread") -> Resolution | None:
        """"Assad's", "Damascus'", "Putin'in", "l'Iran": the name without the possessive or Turkish case
        ending it ends in, or the French or Italian article it begins with (readings.affixed_head)."""
        return r.found(affixed_head(r.name)) if r.unmatched else None

    @staticmethod
    def _by_role(r: "_Reread") -> Resolution | None:
        """"Russian President Vladimir Putin", "Kremlin spokesman Dmitry Peskov", "Hezbollah leader Naim
        Qassem", "الرئيس السوري أحمد الشرع": the person after what they are, found by its keys; against a
        match by likeness (the group's name is in the query too), with a higher score."""
        if not r.unsure:
            return None
        for head in role_heads(r.name):
            if r.keyed_over(found := r.resolve(head)):
                return found
        return None

    @staticmethod
    def _by_backer(r: "_Reread") -> Resolution | None:
        """"US-backed SDF", "Iran-backed Hezbollah", "Iran's Quds Force": the group or person after who
        leads, backs or owns it, found by its keys; against a match by likeness, with a higher score.
        A person may be found by likeness, as by a family name alone ("Russia's Lavrov"); a group or a
        place not ("Turkey's Foreign Ministry" is not Russia's, "Iran's Kurdistan" not Iraq's)."""
        if not r.unsure or (head := backed_head(r.name)) is None:
            return None
        found = r.resolve(head)
        if r.keyed_over(found) or (r.unmatched and found.match is not None and found.match.entity.type == PERSON):
            return found
        return None

    @staticmethod
    def _by_located_head(r: "_Reread") -> Resolution | None:
        """"Cáceres i Spania", "Thành phố Québec": the place without where it lies or what it is.

        Dropped words were evidence: the rest must be found by its keys, not by likeness, and not
        where the whole is close to another name that holds it ("Lungsod ng México" is not Mexico
        while the table has Mexico City).
        """
        if not r.unsure or not (head := located_head(r.name)):
            return None
        found = r.resolve(head)
        if r.keyed_over(found) and not _held_in_another(name_forms(head), r.forms, found.match, r.answer.candidates):
            return found
        return None

    @staticmethod
    def _by_baltic_stem(r: "_Reread") -> Resolution | None:
        """"Džilongas", "Noridžas": a foreign name with a Lithuanian or Latvian nominative ending."""
        return r.found(baltic_stem(r.name)) if r.unmatched else None

    @staticmethod
    def _by_greek_nominative(r: "_Reread") -> Resolution | None:
        """"Δημοκρατία της Κούβας", "Γαλλική Δημοκρατία": a Greek official name with its country
        declined; the country in the nominative must be found by its keys."""
        if r.unmatched and (nominative := greek_nominative(r.name)):
            if _by_keys(found := r.resolve(nominative)):
                return found
        return None

    def _by_syllabic_reading(self, r: "_Reread") -> Resolution | None:
        """"スース", "스코키": a foreign name in syllables, read without the vowels the script adds
        and with r as l. A reading must be found by its keys, and name one entity."""
        if not _by_keys(r.answer):
            reading = self._syllabic_reading(r.answer, r.type)
            if reading is not None and (found := r.resolve(reading[0])).match is not None \
                    and found.match.id == reading[1]:
                return found
        return None

    @staticmethod
    def _by_cyrillic_readings(r: "_Reread") -> Resolution | None:
        """"Олдъм", "Гюстров", "Йёвик", "Горкі": a Cyrillic letter read by another convention;
        a j, h, u or o is right only in a Latin spelling."""
        if r.unmatched and len(r.forms.norm.split()) <= READ_WORDS_UP_TO:
            for reading, latin_only in OTHER_READINGS:
                if (read := reading(r.name)) and (found := r.resolve(read)).match is not None \
                        and (not latin_only or found.match.matched.forms.script == "LATIN"):
                    return found
        return None

    def _by_russian_nominative(self, r: "_Reread") -> Resolution | None:
        """"Дамаске", "Хмеймиме", "Израиля", "Марии Захаровой": a Russian name in another case, read back
        to the nominative. The readings found by their keys in a Cyrillic name must name one entity (Ракке
        is Ракка, Raqqa, or a masculine Ракк), and the one found is taken over a likeness of the whole
        (Израиля, of Israel, is a word of the IDF's Russian name). Only a Cyrillic name confirms a reading:
        a nominative in -а is as common as a genitive, and its stem meets other scripts' names by chance
        (Вижаиха is not Weiji). A surname alone (Путина, Трампа) has no name of its own to equal: it is
        resolved when its nominative is a word the table writes, and its readings find one entity."""
        if not r.unsure or r.forms.script != "CYRILLIC" \
                or len(r.forms.norm.split()) > READ_WORDS_UP_TO:
            return None
        readings = russian_nominatives(r.name)
        found = self._readings_by_keys(readings, r.type, script="CYRILLIC")
        if not found and r.unmatched and " " not in r.forms.norm:
            # A surname alone (Путина, Лаврова): its nominative is a word of a name the table writes.
            words = [read for read in readings if self.index.writes_word(name_forms(read).norm)]
            answers = [a for a in map(r.resolve, words) if a.match is not None]
            return answers[0] if len({a.match.id for a in answers}) == 1 else None
        if len(found) != 1:
            return None
        answer = r.resolve(next(iter(found.values())))
        return answer if _by_keys(answer) else None

    @staticmethod
    def _by_greek_readings(r: "_Reread") -> Resolution | None:
        """"Αϊτή", "Τζέτζου", "Ελ Μόντε", "Μπούμπα", "Στίλγουοτερ", "Χρζάνοβ": a Greek letter or
        digraph read by its other value: found by its keys, or in a Latin spelling; against a
        match by likeness, found by its keys (and in a Latin spelling if that is asked)."""
        if r.unsure and len(r.forms.norm.split()) <= READ_WORDS_UP_TO:
            for reading, latin_only in GREEK_READINGS:
                if (read := reading(r.name)) and (found := r.resolve(read)).match is not None \
                        and (found.match.matched.forms.script == "LATIN" or not latin_only) \
                        and ((r.unmatched and latin_only) or _by_keys(found)):
                    return found
        return None

    def _by_latin_readings(self, r: "_Reread") -> Resolution | None:
        """"Tajšet", "Chmejmim", "Jablonovskij", "el-Colani", "Kubë": a Slavic or German Latin spelling's j
        read as y and its ch as kh, a Turkish c as j, an Albanian or Dutch final ë as a; found by its keys
        (in other alphabets these letters are other sounds too often to do with less). Many names have
        such a reading: it is resolved only once a key finds it."""
        if r.unmatched and r.forms.script == "LATIN" and len(r.forms.norm.split()) <= READ_WORDS_UP_TO:
            for reading in LATIN_READINGS:
                if (read := reading(r.name)) and self._ids_by_keys(read, r.type) and _by_keys(found := r.resolve(read)):
                    return found
        return None

    def _ids_by_keys(self, text: str, type_: str | None, script: str | None = None) -> set[str]:
        """The entities of the type with a name (in the script, if given) equal to the text by its keys
        (exactly, normalized or phonetically)."""
        forms = name_forms(text)
        return {hit.entity.id for i in self.index.lookup(forms)
                if (hit := self._score_exact(text, forms, i, [])) is not None
                and _keyed(hit.how) and (type_ is None or hit.entity.type == type_)
                and (script is None or self.index.script_of(i) == script)}

    def _readings_by_keys(self, readings: list[str], type_: str | None, script: str | None = None) -> dict[str, str]:
        """Each entity some reading finds by its keys (_ids_by_keys), with the first reading that does."""
        found: dict[str, str] = {}
        for reading in readings:
            for entity_id in self._ids_by_keys(reading, type_, script):
                found.setdefault(entity_id, reading)
        return found

    def _by_whole_name_typo(self, r: "_Reread") -> Resolution | None:
        """"Km Ombo", "La Babra", "ElgFasher": a name of several words with a typo in one of them,
        or two of them glued by a typed letter: one edit from a name as a whole."""
        if r.unmatched and (typo := self._name_one_edit_away(r.forms, r.type)) is not None:
            return r.typo_answer(typo)
        return None

    def _by_word_typo(self, r: "_Reread") -> Resolution | None:
        """"Xuigu", "Nebath", "Doulas": a one-word query one typo from one name as typed, whose
        answer (a look-alike by folded keys, another name's word, or a tie) is not: the typo is the
        likelier reading. (Not in a script without short vowels: a letter there is a vowel
        elsewhere, not a typo.) Past the typo budget, an edit must bear a typo's mark where nothing
        or a tie was found (_by_telltale_typo), and not where a name of several words was found
        by likeness (`Beat`: `Behat`, not `la ba te`)."""
        forms, answer = r.forms, r.answer
        if answer.match is None and not answer.ambiguous:
            return self._by_telltale_typo(r)
        if len(forms.tokens) != 1 or " " in forms.norm or not (answer.ambiguous or self._may_be_typo(forms, answer)):
            return None
        if answer.ambiguous:
            if forms.vowelless:
                return None
            if (typo := _typo_among_tied(r.name, forms, answer.candidates, self.margin)) is None:
                return self._by_telltale_typo(r)
        elif (typo := self._word_one_typo_away(r.name, forms, r.type)) is None:
            several = answer.match.how == "fuzzy" and " " in answer.match.matched.forms.norm
            return self._by_telltale_typo(r, marked_only=False) if several else None
        return r.typo_answer(typo)

    def _by_telltale_typo(self, r: "_Reread", marked_only: bool = True) -> Resolution | None:
        """"Kapn", "Japcn", "Chna": a one-word query (4 letters or more) one edit from a one-word
        name (5 letters or more) as typed, past the typo budget, when the edit bears a typo's mark:
        a vowel dropped from the name (`Kapn`/`Kapan`), or letters in a row that no word of the
        table has while the name's are all seen (`pcn` in `Japcn`). A real name absent from the
        table is as often one edit from another (`Konya`/`Konda`, `Roxas`/`Rojas`, `Arta`/`Marta`)
        but reads as a word. If the name is the only one an edit away, any vowel dropped is a mark
        (`Tenr`/`Tenri`); of several, only one dropped inside the name (`Chna`: `China`, not
        `Chía` or `CNA`; `Kent`: neither `Kenti` nor `Kens`). Unless marked_only, the only name
        an edit away needs no mark."""
        forms, name = r.forms, r.name
        norm = forms.norm
        if forms.script != "LATIN" or not norm.isascii() or " " in norm or len(forms.tokens) != 1 \
                or not TELLTALE_FROM <= len(norm) <= TYPO_SPAN_UP_TO or name.isupper():
            return None
        typed = _typed(name)
        # Three letters in a row (or two at an end) that no word of the table has (index.letter_runs:
        # big tables only); they mark a typo when the name one edit away has none such.
        seen = self.index.letter_runs
        unseen = bool(seen) and not letter_runs(norm) <= seen
        if marked_only and not unseen \
                and not self.index.by_norm.get_many([norm[:i] + v + norm[i:] for i in range(len(norm) + 1)
                                                     for v in "aeiou"]):
            # Without letters in a row the table never writes, only a dropped vowel can mark a typo:
            # no name is the query with a vowel put back (a quick look-up first; most queries
            # that reach here are names the table lacks, and all their one-edit spellings cost 0.3 ms).
            return None
        found: dict[str, int] = {}
        for variant, row in self._names_spelled(_one_edit_spellings(norm)):
            entity = self.index.view(row).entity
            if (r.type is None or entity.type == r.type) and OSA.distance(typed, _typed(self.index.text_of(row))) <= 1:
                found.setdefault(entity.id, row)
        only = len(found) == 1
        marked = [row for row in found.values() if len(held := self.index.norm_of(row)) >= LONE_EDITS[-1][0]
                  and ((only and not marked_only) or _vowel_dropped(norm, held, final=only)
                       or (unseen and letter_runs(held) <= seen))]
        if len(marked) != 1:
            return None
        entry = self.index.entries[marked[0]]
        typo = Candidate(entry.entity, WHOLE_NAME_TYPO_SCORE, entry, "fuzzy", (norm, entry.forms.norm))
        return r.typo_answer(typo)

    def _syllabic_reading(self, answer: Resolution, type_: str | None) -> tuple[str, str] | None:
        """The one reading of a kana or Hangul name (consonants.syllabic_readings) that equals the
        names of exactly one entity by their keys, other than the answer's, with that entity's id."""
        found = self._readings_by_keys(syllabic_readings(answer.forms), type_)
        if len(found) != 1 or (answer.match is not None and answer.match.id in found):
            return None
        (entity_id, reading), = found.items()
        return reading, entity_id

    @staticmethod
    def _may_be_typo(forms: NameForms, answer: Resolution) -> bool:
        """Whether a one-word query's match is by likeness only: not equal as written, not one typo
        from it as written, and not a name holding the query's word as written (`Norveç Krallığı`)."""
        match = answer.match
        if match is None or CLASS_RANK[match.how] >= CLASS_RANK["exact"]:
            return False
        held = match.matched.forms.norm
        return not _one_typo(forms.norm, held) and forms.norm not in held.split()

    def _names_spelled(self, spellings: set[str]) -> list[tuple[str, int]]:
        """(spelling, entry) for every entry whose normalized form is one of the spellings, in the
        spellings' order: one numpy look-up, then the few hits sorted, not the thousand spellings."""
        return sorted(self.index.by_norm.get_many(list(spellings)), key=lambda hit: hit[0])

    def _word_one_typo_away(self, name: str, forms: NameForms, type_: str | None) -> Candidate | None:
        """The one entity with a one-word name a typo from the query as typed (see _one_typo), if any:
        in its normalized form and with its own letters (`Bələk` is not a typo of `Abalak`)."""
        norm = forms.norm
        typed = _typed(name)
        if forms.script != "LATIN" or not norm.isascii() or not LONE_EDITS[-1][0] <= len(norm) <= TYPO_SPAN_UP_TO:
            return None
        found: dict[str, int] = {}
        for variant, row in self._names_spelled(_one_edit_spellings(norm)):
            entity = self.index.view(row).entity
            if (type_ is None or entity.type == type_) and _one_typo(norm, variant) \
                    and _one_typo(typed, _typed(self.index.text_of(row))) and _same_numbers(norm, variant):
                found.setdefault(entity.id, row)
        if len(found) != 1:
            return None
        entry = self.index.entries[next(iter(found.values()))]
        return Candidate(entry.entity, WHOLE_NAME_TYPO_SCORE, entry, "fuzzy", (norm, entry.forms.norm))

    def _name_one_edit_away(self, forms: NameForms, type_: str | None) -> Candidate | None:
        """The one entity with a name of several words one edit from the query's normalized form, if any.

        The other words (particles included) are spelled as the name spells them, so the edit is
        counted against the whole name: a word whose typo alone would be too much for its length
        (`babra`/`habra`, `km`/`kom`) is backed up by the rest (`La Babra`, `Km Ombo`).
        """
        norm = forms.norm
        if forms.script != "LATIN" or len(norm.replace(" ", "")) < WHOLE_NAME_TYPO_FROM or not norm.isascii():
            return None
        several = " " in norm
        # The edited word must be one the table never writes: `Qing Lai` is not a typo of `Qing Nai`.
        unknown = [w for w in norm.split() if not self.index.writes_word(w)]
        if not unknown:
            return None
        # ... so the one edit is in or beside it (from the first unknown word to the last).
        starts = [m.start() for m in re.finditer(r"\S+", norm) if m.group() in unknown]
        lo, hi = max(0, starts[0] - 1), min(len(norm), starts[-1] + len(norm[starts[-1]:].split()[0]) + 1)
        if hi - lo > TYPO_SPAN_UP_TO:   # no typo is repaired in a long word (a 1,000-letter junk name: 74,000 variants)
            return None
        found: dict[str, int] = {}
        spaced = [f" {w} " for w in unknown]
        for variant, row in self._names_spelled(_norm_variants(norm, several, lo, hi)):
            if " " not in variant or any(w in f" {variant} " for w in spaced) or not _same_numbers(norm, variant):
                continue
            entry = self.index.entries[row]
            if (type_ is not None and entry.entity.type != type_) or (not several and in_syllables(entry.forms)):
                continue
            found.setdefault(entry.entity.id, row)
        if len(found) != 1:
            return None
        row = next(iter(found.values()))
        entry = self.index.entries[row]
        return Candidate(entry.entity, WHOLE_NAME_TYPO_SCORE, entry, "fuzzy", (norm, entry.forms.norm))

    def _rank(self, text: str, forms: NameForms, type: str | None, *, memo: dict | None = None,
              alternatives: bool = False) -> list[_Hit]:
        """Best hit per entity, best first."""
        if not forms.norm:
            return []
        found: dict[str, _Hit] = {}
        acronym = is_acronym_like(text, forms)
        query_words = self._query_words(forms)
        pairs: dict = {}   # word similarities (_similarity)
        for i in self.index.lookup(forms, norm_only=acronym):
            self._keep(found, self._score_exact(text, forms, i, query_words, pairs))
        if forms.tokens and not acronym and (alternatives or not _settled(found, type)):
            rows, key = self.index.by_consonants_of(forms)
            for view in map(self.index.view, rows):
                score = round(CONSONANT_SCORE * _script_trust(forms.script, view.script), 4)
                self._keep(found, _Hit(score, "consonants", view.row, view.entity, (key, key)))
            for view in map(self.index.view, self._fuzzy_shortlist(forms, memo)):
                known = found.get(view.entity.id)
                if known is None or known.score < PHONETIC_SCORE:
                    self._keep(found, self._score_tokens(forms, view, query_words, pairs))
        ranked = [c for c in found.values() if type is None or c.entity.type == type]
        ranked.sort(key=lambda c: (-c.score, c.entity.id))
        return ranked

    def _keep(self, found: dict[str, _Hit], hit: _Hit | None) -> None:
        # _strength compares scores first; its other fields are read only for an equal score.
        if hit is not None and ((known := found.get(hit.entity.id)) is None or hit.score > known.score
                                or (hit.score == known.score
                                    and _strength(hit, self.index) > _strength(known, self.index))):
            found[hit.entity.id] = hit

    def _candidate(self, forms: NameForms, hit: _Hit) -> Candidate:
        """The Candidate of a hit that is shown or decides the answer, with its Entry."""
        entry = self.index.entries[hit.row]
        return Candidate(hit.entity, hit.score, entry, hit.how, hit.compared or (forms.key, entry.forms.key))

    def _fuzzy_shortlist(self, forms: NameForms, memo: dict | None = None) -> list[int]:
        """The names whose words best cover the query's (words.py), for full scoring."""
        return self.index.words.shortlist(forms, RESCORE, memo).tolist()

    def _score_exact(self, text: str, forms: NameForms, row: int,
                     query_words: list[tuple[str, str]], pairs: dict | None = None) -> _Hit | None:
        # Each field is read from its column when needed, no Entry built: a common name is found
        # exactly under a dozen entries of a million-name table, most equal on the first key read.
        index = self.index
        norm = index.norm_of(row)
        if norm == forms.norm:
            how = "exact" if index.text_of(row).casefold() == text.strip().casefold() else "normalized"
            return _Hit(1.0, how, row, index.entity_of(row), (forms.norm, norm))
        exact_only = index.exact_only(row)
        if not exact_only and forms.key and index.key_of(row) == forms.key and self._key_decides(forms, row):
            # _equal_keys' first case
            score = round(PHONETIC_SCORE * _script_trust(forms.script, index.script_of(row)), 4)
            return _Hit(score, "phonetic", row, index.entity_of(row), (forms.key, forms.key))
        name = index.forms_of(row)
        if exact_only:
            # A name in syllables whose key is short once its particles go (`lei da` is `li`)
            # is found by all its syllables run together (雷達, leida), never by that key.
            joined = _same_syllables(forms, name) if in_syllables(name) else None
            if joined is None:
                return None
            score = round(PHONETIC_SCORE * _script_trust(forms.script, name.script), 4)
            return _Hit(score, "phonetic", row, index.entity_of(row), (joined, joined))
        compared = _equal_keys(forms, name)
        if compared is not None and self._key_decides(forms, row, name):
            score = round(PHONETIC_SCORE * _script_trust(forms.script, name.script), 4)
            return _Hit(score, "phonetic", row, index.entity_of(row), compared)
        return self._score_tokens(forms, ScoringView(row, index.entity_of(row), name.tokens, name.vowelless,
                                                     name.script, False), query_words, pairs)

    def _key_decides(self, forms: NameForms, row: int, name: NameForms | None = None) -> bool:
        """Whether a key equal to the query's decides for entry `row` (whose forms are `name`, read if
        needed): a key holds the words sorted, so a person's three or more in another order
        (_out_of_order) are compared word by word instead (_score_tokens)."""
        if len(forms.tokens) < 3 or self.index.entity_of(row).type != PERSON:
            return True
        words = (name or self.index.forms_of(row)).tokens
        return not _out_of_order([words.index(word) for word in forms.tokens if word in words])

    def _query_words(self, forms: NameForms) -> list[tuple[str, str]]:
        """The query's (phonetic, as spelled) words, rarest first: each is paired once per name."""
        idf, default = self.index.idf, self.index.max_idf
        spelled = dict(zip(forms.tokens, content_words(forms.norm)))
        return sorted(spelled.items(), key=lambda pair: -idf.get(pair[0], default))

    def _score_tokens(self, forms: NameForms, entry: ScoringView,
                      query_words: list[tuple[str, str]], pairs: dict | None = None) -> _Hit | None:
        """Weighted soft token overlap, the geometric blend of both sides' coverage."""
        if entry.exact_only or not entry.tokens:
            return None
        pairs = {} if pairs is None else pairs
        vowelless = forms.vowelless or entry.vowelless
        idf, default = self.index.weights(entry.entity.type), self.index.max_idf
        common = _common_within(idf)
        distinctive = False
        table_words = entry.tokens
        # A state designator ("Republic", "Kingdom of", "מדינת"; designators.py) the query holds and
        # the name lacks weighs as a word common within the type, whether or not the table knows it,
        # and names nothing: only against a type such words describe ("Panama Republic" is not
        # Panama City), and next to a word that does name something (in "United Kingdom" they do).
        designators = query_designators = ()
        designator_weight = self.index.designator_weights.get(entry.entity.type)
        if designator_weight is not None:
            designators = DESIGNATORS if any(w not in DESIGNATORS for w in table_words) else ()
            query_designators = DESIGNATORS if any(w not in DESIGNATORS for w, _ in query_words) else ()
        table_spelled = None
        initials: set[str] | None = None   # of the name's words, for a query word that may be an acronym
        lone = len(forms.tokens) == 1
        used = [False] * len(table_words)
        matched = query_total = 0.0
        via_skeleton = False
        unmatched: list[str] = []
        other_way = False   # a word of the query is like one of the name's, but one says another direction
        person = entry.entity.type == PERSON
        paired: dict[int, int] = {}   # a person's: query word's position, the name's word it is paired with
        discounted = 0.0
        for word, spelled in query_words:
            best, best_j = 0.0, -1
            for j, other in enumerate(table_words):
                if not used[j] and (s := _similarity(pairs, word, other, vowelless, lone)) > best:
                    best, best_j = s, j
            if best < WORD_THRESHOLD and (spelled != word or lone):
                # Folding can turn one typed edit into several: compare the words as spelled.
                table_spelled = table_spelled or content_words(self.index.norm_of(entry.row))
                for j, other in enumerate(table_spelled):
                    if not used[j] and (s := _similarity(pairs, spelled, other, vowelless, lone)) > best:
                        best, best_j = s, j
            if best < WORD_THRESHOLD and word in query_designators and (stem := designator_stem(word)):
                # "Демократическая" is the name's "Democratic" (designators.designator_stem).
                stem_j = next((j for j, other in enumerate(table_words) if not used[j] and other in DESIGNATORS
                               and designator_stem(other) == stem), -1)
                if stem_j >= 0:
                    best, best_j = DESIGNATOR_STEM_SIMILARITY, stem_j
            if best < WORD_THRESHOLD and len(word) == 1 and not lone:
                # An initial ("V. Putin", "Donald J. Trump") stands for a word of the name it begins.
                table_spelled = table_spelled or content_words(self.index.norm_of(entry.row))
                initial_j = next((j for j, other in enumerate(table_words) if not used[j] and len(other) > 1
                                  and word in (other[0], table_spelled[j][0])), -1)
                if initial_j >= 0:
                    best, best_j = INITIAL_SIMILARITY, initial_j
            if best < WORD_THRESHOLD and not lone and 2 <= len(spelled) <= ACRONYM_UP_TO \
                    and word not in self.index.idf and spelled.isalpha():
                # "US Central Command": a short word the table never writes, that spells the initials of
                # words of the name in a row ("United States"), as "U.S." initials each of them.
                table_spelled = table_spelled or content_words(self.index.norm_of(entry.row))
                initials = initials or {w[:1] for w in table_spelled}
                if initials.issuperset(spelled) and (run := _initials_run(spelled, table_spelled, used)):
                    if person:
                        paired[forms.tokens.index(word)] = run[0]
                    for j in run:
                        used[j] = True
                        weight = idf.get(table_words[j], default)
                        distinctive |= table_words[j] not in common and table_words[j] not in designators
                        matched += weight * weight * INITIAL_SIMILARITY
                        query_total += weight * weight
                    continue
            if best < WORD_THRESHOLD and not lone and len(word) <= SHORT_WORD and word not in self.index.idf:
                # A short word the table has never seen, in a longer name: a typo of the name's
                # short word (Yad Rappenau) or of a particle it drops (Lca Vista), not a new word.
                best_j = _one_edit_away(word, table_words, used)
                if best_j < 0:
                    if _one_edit_away(spelled, _particles(self.index.norm_of(entry.row))) >= 0:
                        continue
                else:
                    best = SHORT_TYPO_SIMILARITY
            if lone and not vowelless and WORD_THRESHOLD <= best < 1.0:
                table_spelled = table_spelled or content_words(self.index.norm_of(entry.row))
                if _typed_too_far(spelled, table_spelled[best_j]):
                    best = 0.0
            if best >= WORD_THRESHOLD:
                used[best_j] = True
                if person:
                    paired[forms.tokens.index(word)] = best_j
                if word in DIRECTIONS:
                    other_way |= _other_directions(word, table_words[best_j])
                weight = idf.get(table_words[best_j], default)
                distinctive |= table_words[best_j] not in common and table_words[best_j] not in designators
                matched += weight * weight * best
                via_skeleton |= vowelless and best in (SKELETON_SIMILARITY, SHORT_SKELETON_SIMILARITY)
            else:
                unmatched.append(word)
                weight = idf.get(word, default) * (INITIAL_WEIGHT if len(word) == 1 else 1.0)
                if word in query_designators and weight > designator_weight:
                    discounted += weight * weight - designator_weight * designator_weight
            query_total += weight * weight
        left = [w for j, w in enumerate(table_words) if not used[j]]   # the name's words the query lacks
        if discounted and not any(w not in common and w not in designators for w in left):
            # The query's designators weigh little only against a name with no word of its own left:
            # "Kurdistan Democratic Party" against "Kurdistan Workers' Party" differs by a word on each
            # side, and there "Democratic" is what tells the parties apart, not a state's designator.
            query_total -= discounted
        table_total = sum(idf.get(w, default) ** 2 for w in table_words)
        if not matched:
            return None
        score = (matched / query_total) ** QUERY_SHARE * (matched / table_total) ** (1 - QUERY_SHARE)
        if not distinctive:
            # Only words common within the type ("Republic of", "Assad" among the Assads): nothing names
            # one entity. Listed, so the answer shows who shares them, but never near a match.
            score = min(score, COMMON_ONLY_SCORE)
        if other_way or _contradicted(forms.tokens, unmatched, table_words, left) or (
                person and _out_of_order([p for _, p in sorted(paired.items())])):
            score = min(score, CONTRADICTED_SCORE)
        score = min(score, PHONETIC_SCORE - 0.01) * _script_trust(forms.script, entry.script)
        return _Hit(round(score, 4), "skeleton" if via_skeleton else "fuzzy", entry.row, entry.entity, None)

    def _sole_holder(self, forms: NameForms, tied: list[Candidate]) -> Candidate | None:
        """Of tied candidates, the only one whose name holds the query's words as written and in a row
        (of several, the only one in the query's script), if its other words only say what the entity
        is (designators, words common within its type): `瑞典` is `瑞典王国` (Kingdom of Sweden), not a
        likeness of its reading in another script (`Rudian`); `Tékkland` is `Lýðveldið Tékkland`
        (Republic of Czechia), not `Tæland`. The others are only like the query once folded or
        romanized, and folding loses what the same letters keep."""
        # The query's own designators need not be held: "República da Guiné" is Guinea's "Guinê".
        words = [w for w, t in zip(content_words(forms.norm), forms.tokens) if t not in DESIGNATORS]
        holders = [c for c in tied if _holds_in_a_row(content_words(c.matched.forms.norm), words)]
        if len(holders) > 1:
            holders = [c for c in holders if c.matched.forms.script == forms.script]
        if not words or len(holders) != 1:
            return None
        holder = holders[0]
        common = _common_within(self.index.weights(holder.entity.type))
        extra = set(holder.matched.forms.tokens) - set(forms.tokens)
        # A query that writes a state's form names that form: "جمهوری کنگو" (Republic of the Congo) is
        # not "جمهوری دموکراتیک کنگو" for holding its words, the "Democratic" is what tells them apart.
        if any(t in DESIGNATORS for t in forms.tokens):
            return None if extra else holder
        return holder if all(t in DESIGNATORS or t in common for t in extra) else None

    def _designators_held(self, forms: NameForms, best: _Hit, ranked: list[_Hit]) -> dict[int, int]:
        """How many of the query's designator stems the best name holds, and so each fuzzy hit
        above the threshold whose name holds every other word of the best's (a longer form of it);
        empty if the query has no designator."""
        stems = {designator_stem(t) for t in forms.tokens if t in DESIGNATORS} - {None}
        if not stems:
            return {}
        named = {t for t in self.index.view(best.row).tokens if t not in DESIGNATORS}
        held = {}
        for hit in ranked:
            tokens = self.index.view(hit.row).tokens
            if hit is best or (hit.how == "fuzzy" and hit.score >= self.threshold and named <= set(tokens)):
                held[hit.row] = len(stems & {designator_stem(t) for t in tokens if t in DESIGNATORS})
        return held

    def _decide(self, name: str, forms: NameForms, ranked: list[_Hit], limit: int,
                as_of: dt.date | None) -> Resolution:
        """The answer from the ranked hits; only the shown and the tied become Candidates."""
        built: dict[int, Candidate] = {}

        def candidate(hit: _Hit) -> Candidate:
            if hit.row not in built:
                built[hit.row] = self._candidate(forms, hit)
            return built[hit.row]

        shown = tuple(map(candidate, ranked[:limit]))
        if not ranked:
            return Resolution(name, forms, None, False, "no_candidates", shown, as_of)
        best = ranked[0]
        if best.score < self.threshold:
            return Resolution(name, forms, None, False, "below_threshold", shown, as_of)
        if best.how == "fuzzy" and (held := self._designators_held(forms, best, ranked)):
            # A designator of the query that the best name lacks and a longer form of it holds, in
            # any language, decides between them: "Демократическая Республика Конго" is not the Congo
            # when the Democratic Republic of the Congo is found too (designators.same_stem).
            most = max(held.values())
            if held[best.row] < most:
                ranked = [c for c in ranked if held.get(c.row) == most]
                best = ranked[0]
        rivals = [c for c in ranked[1:] if CLASS_RANK[c.how] >= CLASS_RANK[best.how]]
        if rivals and rivals[0].score >= best.score - self.margin:
            tied = [candidate(c) for c in [best, *rivals] if c.score >= best.score - self.margin]
            chosen = (_closest_spelling(forms, tied) if len(forms.tokens) == 1 else None) \
                or self._sole_holder(forms, tied)
            if chosen is None:
                return Resolution(name, forms, None, True, "ambiguous", shown, as_of)
            return Resolution(name, forms, chosen, False, None, shown, as_of)
        return Resolution(name, forms, candidate(best), False, None, shown, as_of)
