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
