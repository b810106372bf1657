"""Keys of a name's words run together, and of its consonants in order, for names whose vowels say little.

A query written in syllables (Japanese kana, Chinese characters, Hangul) or
without short vowels (Arabic, Hebrew) keeps a foreign name's consonants, in
order, better than its vowels; the index finds names by these keys for such
queries (index.AliasIndex.by_consonants_of). Pure functions, like normalize.
"""
from __future__ import annotations

import re

from . import transliteration as tr
from .normalize import NameForms, name_forms, phonetic, skeleton  # noqa: F401 (name_forms: doctests)

_R_AS_L = str.maketrans("r", "l")
# A syllable's final ng stands for a foreign n as often as for ng (格拉德斯通 ge-la-de-si-tong, Gladstone).
_FINAL_NG = re.compile(r"ng(?![aeiou])")
# Pinyin x is an s (哈德遜 ha-de-xun, Hudson); the phonetic fold read it as an English ks.
_PINYIN_X = re.compile(r"ks(?=[aeiou])")


# Vowels a syllabic script adds to a foreign consonant that has none (epenthesis): Japanese
# writes u after a consonant, o after t and d (Lund ルンド rundo, Skokie スコーキー),
# Korean ㅡ eu (스코키 seukoki, 베른 bereun); only before a consonant or at the end of a word.
_EPENTHETIC = {"KATAKANA": re.compile(r"(?<=[bcdfghjkmnprstvz])u(?![aeiou])|(?<=[td])o(?![aeiou])"),
               "HANGUL": re.compile(r"(?<=[bcdghjkmnprst])eu(?![aeiou])")}
_EPENTHETIC["HIRAGANA"] = _EPENTHETIC["KATAKANA"]
_R = re.compile("r")
_VOWEL = re.compile("[aeiouy]")
READINGS_MAX = 256   # a long name's readings are cut off here (8 optional letters)
# Read so only names up to this long (romanized): a foreign place name in kana or Hangul is
# rarely longer, and each reading is normalized and looked up (a 1,000-character junk name
# took 93 ms with its 256 readings, 1 ms without).
READINGS_UP_TO = 32


def syllabic_readings(forms: NameForms) -> list[str]:
    """Latin spellings a name written in kana or Hangul may stand for: each vowel the
    script adds to a lone consonant (_EPENTHETIC) dropped or kept, and each r read as
    r or l, since Japanese and Korean write both with one letter (ローウェル, 로웰 Lowell).

    >>> "lund" in syllabic_readings(name_forms("ルンド")), "skoki" in syllabic_readings(name_forms("스코키"))
    (True, True)
    >>> "lowel" in syllabic_readings(name_forms("로웰")), syllabic_readings(name_forms("Lund"))
    (True, [])
    >>> syllabic_readings(name_forms("ルンド" * 7))   # longer than READINGS_UP_TO
    []
    """
    pattern = _EPENTHETIC.get(forms.script)
    if pattern is None or len(forms.norm) > READINGS_UP_TO:
        return []
    norm = forms.norm
    spots = [(m.start(), m.end(), "") for m in pattern.finditer(norm)]
    spots += [(m.start(), m.end(), "l") for m in _R.finditer(norm)]
    spots.sort()
    readings = []
    for choice in range(min(1 << len(spots), READINGS_MAX)):
        out, at = [], 0
        for bit, (start, end, repl) in enumerate(spots):
            if choice >> bit & 1:
                out.append(norm[at:start] + repl)
                at = end
        out.append(norm[at:])
        reading = "".join(out)
        if choice and all(_VOWEL.search(w) for w in reading.split()):   # no word is consonants alone (an acronym)
            readings.append(reading)
    return readings


def joined_words(forms: NameForms) -> str:
    """Every word of a name, particles too, folded and run together.

    Arabic often writes a name's inner article without a space (ديرالزور for
    دير الزور); the query's single word then meets the name's words joined.

    >>> joined_words(name_forms("دير الزور")) == joined_words(name_forms("ديرالزور"))
    True
    """
    return "".join(_all_words(forms))


def _all_words(forms: NameForms) -> tuple[str, ...] | list[str]:
    """Every word of a name folded: its tokens, unless particles or titles were dropped from them."""
    if forms.norm.count(" ") + 1 == len(forms.tokens):
        return forms.tokens
    return [phonetic(w) for w in forms.norm.split()]


def consonant_key(forms: NameForms) -> str:
    """A name's consonants in order, r and l as one letter: what a syllabic
    transcription keeps of a foreign name.

    Japanese, Chinese and Korean write a foreign name in syllables, so every
    consonant gets a vowel (スポケーン su-po-kē-n, 斯波坎 si-bo-kan, 스포캔
    seu-po-kaen) and r and l are one sound (ベルファスト berufasuto, Belfast).
    Their vowels say little about the name; its consonants in order do.
    Particles count: a transcription writes them into the word (라핀타나, La Pintana).

    >>> consonant_key(name_forms("スポケーン")) == consonant_key(name_forms("Spokane"))
    True
    >>> consonant_key(name_forms("ベルファスト")) == consonant_key(name_forms("Belfast"))
    True
    >>> consonant_key(name_forms("哈德遜")) == consonant_key(name_forms("Hudson"))
    True
    """
    return consonant_keys(forms)[1]


def joined_skeleton(forms: NameForms) -> str:
    """The consonant skeleton of all a name's words run together, particles too.

    Arabic and Hebrew write some names as one word that Latin spells as two
    (عبدالله, Abd Allah) and the reverse; the consonants in order still agree.

    >>> joined_skeleton(name_forms("عبدالله")) == joined_skeleton(name_forms("Abd Allah"))
    True
    """
    return consonant_keys(forms)[0]


def consonant_keys(forms: NameForms) -> tuple[str, str]:
    """joined_skeleton and consonant_key in one pass (the index makes both for every name)."""
    words = _all_words(forms)
    joined = "".join(words)
    plain = joined.translate(tr.SKELETON_FOLD)
    if forms.script != "CJK" and "ng" not in joined:   # most names: the skeleton with r as l
        return plain, plain.translate(_R_AS_L)
    if "ng" in joined:
        joined = "".join(_FINAL_NG.sub("n", w) for w in words)
    if forms.script == "CJK":
        joined = _PINYIN_X.sub("s", joined)
    return plain, skeleton(joined).translate(_R_AS_L)
