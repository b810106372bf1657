"""Consonant keys: a name transcribed in syllables or without vowels keeps its consonants in order."""
from __future__ import annotations

import pytest

from service.consonants import consonant_key, joined_skeleton
from service.normalize import name_forms


SAME_CONSONANTS = [
    # a foreign name transcribed in syllables keeps the consonants of its Latin spelling
    ("Spokane", "スポケーン", "斯波坎", "스포캔"),       # a vowel after every consonant
    ("Belfast", "ベルファスト"),                         # r and l are one sound
    ("Gladstone", "格拉德斯通"),                         # a syllable's final ng for n
    ("Hudson", "哈德遜"),                                # pinyin x is an s
    ("La Pintana", "라핀타나"),                          # particles are written into the word
]


@pytest.mark.parametrize("spellings", SAME_CONSONANTS, ids=lambda s: s[0])
def test_transcriptions_share_a_consonant_key(spellings):
    keys = {consonant_key(name_forms(s)) for s in spellings}
    assert len(keys) == 1, keys


JOINED_SKELETONS = [
    # written without short vowels, words joined or split otherwise than in Latin
    ("Montevideo", "مونته ویدئو"),
    ("Beersheba", "באר שבע"),
    ("Abd Allah", "عبدالله"),
]


@pytest.mark.parametrize("spellings", JOINED_SKELETONS, ids=lambda s: s[0])
def test_vowelless_spellings_share_a_joined_skeleton(spellings):
    keys = {joined_skeleton(name_forms(s)) for s in spellings}
    assert len(keys) == 1, keys


def test_r_and_l_are_one_only_in_the_syllabic_key():
    """Arabic and Hebrew tell r from l, so their key keeps them apart."""
    assert consonant_key(name_forms("Lima")) == consonant_key(name_forms("Rima"))
    assert joined_skeleton(name_forms("Lima")) != joined_skeleton(name_forms("Rima"))
