"""Text to comparison keys. Pure functions: no Flask, no YAML.

The same functions read the table and the queries, so both sides of every
comparison are folded the same way.

>>> normalize("  Abū Muḥammad al-Jūlānī ")
'abu muhammad al julani'
>>> normalize("الجولاني")
'al julani'
>>> name_forms("al-Joulani").key == name_forms("الجولاني").key
True
>>> name_forms("Assad, Bashar").key == name_forms("President Bashar al-Assad").key
True
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

from . import transliteration as tr

_LATIN_SPECIALS = re.compile("|".join(map(re.escape, tr.LATIN_BEFORE_ASCII)))
_ARABIC = r"\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF"
_HEBREW = r"\u0590-\u05FF\uFB1D-\uFB4F"
_VOWELLESS = re.compile(f"[{_ARABIC}{_HEBREW}]")
# A run of one script that our own romanizers read (one pass finds them all).
_SCRIPT_RUN = re.compile(f"(?P<arabic>[{_ARABIC}]+)|(?P<hebrew>[{_HEBREW}]+)|(?P<kana>[\u3041-\u30FA]+)"
                         r"|(?P<han>[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+)|(?P<hangul>[\uAC00-\uD7A3]+)")
_HAN_PARTS = re.compile("|".join(sorted(tr.HAN_DESIGNATORS, key=len, reverse=True))
                        + f"|(?<=[\u3400-\u9FFF\uF900-\uFAFF]{{2}})[{tr.HAN_PLACE_SUFFIXES}]$")
# Greek ντ is d at the start of a word but nd after a vowel (Λουντ = Lund, Όραντζ = Orange);
# its nasal is never said after a consonant or before one, where it is d (Μάλντεν = Malden,
# Έντμοντον = Edmonton); in ντζ the τ is part of τζ.
# Foreign names written in Cyrillic and Greek: initial у before a vowel is an
# English w (Уиндзор = Windsor), initial γι before a vowel a y (Γιορκ = York).
# Greek υ is the y of modern romanizations (ELOT 743, UN: Κέρκυρα = Kerkyra, Φυλή = Fyli),
# where unidecode writes u; after α, ε, η it is a v, or an f before a voiceless
# consonant (Ευρώπη = Evropi, Λευκωσία = Lefkosia); ου stays ou, and ϋ is a vowel of its own.
_GREEK_CYRILLIC = re.compile(r"(?<=[αεηιουωάέήίόύώϊϋΐΰΑΕΗΙΟΥΩΆΈΉΊΌΎΏΪΫ])(?P<nd>ντ)(?![βγδθκλμνξπρσςτφχψ])"
                             r"|(?<![^\W\d_])(?:(?P<w>[Уу])(?=[аеиоэАЕИОЭ])|(?P<y>[Γγ][ιΙ])(?=[αεοουωάέόύώΑΕΟΥΩ]))"
                             r"|(?P<ou>[οόΟΌ][υύΥΎ])"
                             r"|(?P<f>[αεηάέήΑΕΗΆΈΉ])[υύΥΎ](?=[θκξπστφχψςΘΚΞΠΣΤΦΧΨ])"
                             r"|(?P<v>[αεηάέήΑΕΗΆΈΉ])[υύΥΎ]"
                             r"|(?P<upsilon>[υύϋΰΥΎΫ])")
_GREEK_CYRILLIC_AS = {"nd": "νδ", "w": "w", "y": "y", "upsilon": "y"}


def _greek_cyrillic(m: re.Match) -> str:
    """The replacement for one match of _GREEK_CYRILLIC."""
    group = m.lastgroup
    if group == "ou":
        return m.group(0)
    if group in ("f", "v"):   # the vowel of the pair stays for unidecode, the υ becomes a consonant
        return m.group(group) + group
    return _GREEK_CYRILLIC_AS[group]


# Belarusian writes the -ov of Slavic names (Russian -ов) as -аў: unstressed о is written а (akanye)
# and в closing a syllable is ў (Кіраў = Kirov, Чэхаў = Chekhov); Latin spellings of such
# names mostly follow the Russian -ov. A word-final аў is read as ов (оў and ёў too cost a
# match on the accuracy benchmark and gained none).
_BELARUSIAN_OV = re.compile(r"(?<=[^\W\d_])([аА])ў(?![^\W\d_])")
_BELARUSIAN_OV_AS = {"а": "ов", "А": "ОВ"}

# Wade-Giles, the older romanization of Mandarin, in the gazetteer's place names (P’u-miao-hsü,
# Yün-chin): a hyphenated chain of its syllables, marked as such by an aspiration apostrophe, ü, hs,
# -ih, -ieh, -ien or ts/tz, is read as pinyin syllables (yun jin), which the index also joins (Yunjin).
_WG_INITIALS = ("ch'", "ch", "hs", "k'", "k", "p'", "p", "t'", "t", "ts'", "ts", "tz'", "tz", "sh", "ss", "sz",
                "j", "s", "m", "f", "n", "l", "h", "y", "w", "")
_WG_FINALS = frozenset(("a ai an ang ao e ei en eng erh i ia iang iao ieh ien ih in ing iu iung o ou u ua uai uan uang "
                        "ui un ung uo ü üan üeh ün ueh uei").split())
_WG_PINYIN_INITIAL = {"ch'": "ch", "ch": "zh", "hs": "x", "k'": "k", "k": "g", "p'": "p", "p": "b", "t'": "t", "t": "d",
                      "ts'": "c", "ts": "z", "tz'": "c", "tz": "z", "j": "r", "ss": "s", "sz": "s"}
_WG_PINYIN_FINAL = {"ien": "ian", "ieh": "ie", "ung": "ong", "iung": "iong", "üeh": "üe", "ueh": "üe", "erh": "er",
                    "ih": "i", "uei": "ui"}
_WG_MARKS = re.compile(r"['’ʼ‘]|ü|hs|ih\b|ieh|ien\b|\bts|\btz")
_WG_CHAIN = re.compile(r"(?<![^\W\d_'’ʼ‘])[a-zü'’ʼ‘]+(?:-[a-zü'’ʼ‘]+)+(?![^\W\d_'’ʼ‘])")


def _wade_giles_syllable(syllable: str) -> str | None:
    """One Wade-Giles syllable in pinyin, or None if it is not one."""
    syllable = syllable.replace("’", "'").replace("ʼ", "'").replace("‘", "'")
    for initial in _WG_INITIALS:
        if syllable.startswith(initial) and (final := syllable[len(initial):]) in _WG_FINALS:
            break
    else:
        return None
    if initial in ("ss", "sz", "tz", "tz'") and final == "u" \
            or final == "ih" and initial not in ("ch", "ch'", "sh", "j"):
        if final == "ih":
            return None
        final = "i"   # tzu, ssu: zi, si
    pinyin = _WG_PINYIN_INITIAL.get(initial, initial)
    if initial in ("ch", "ch'") and final[0] in "iü" and final != "ih":
        pinyin = "j" if initial == "ch" else "q"
    if initial in ("k", "k'", "h", "") and final == "o":
        final = "e"
    if initial == "y":
        final = {"en": "an", "eh": "e", "u": "ou", "ü": "u", "ung": "ong", "üan": "uan", "ün": "un"}.get(final, final)
    final = _WG_PINYIN_FINAL.get(final, final)
    if pinyin in ("j", "q", "x", "y"):
        final = final.replace("ü", "u")
    return pinyin + final


def _wade_giles(match: re.Match) -> str:
    """A chain of hyphenated Wade-Giles syllables as pinyin syllables (Yün-chin: yun jin), else unchanged."""
    chain = match.group(0)
    if not _WG_MARKS.search(chain):
        return chain
    parts = [_wade_giles_syllable(s) for s in chain.split("-")]
    return chain if None in parts else " ".join(parts)


# A Hebrew letter followed by an apostrophe typed for its geresh (צ'ילה, Chile).
_HEBREW_APOSTROPHE = re.compile(f"([\u05d0-\u05ea])[{tr.HEBREW_APOSTROPHES}]")
# Three or more hyphenated syllables of at most three letters each (see normalize).
_SYLLABLE_CHAIN = re.compile(r"(?<![a-z0-9'-])[a-z]{1,3}(?:-[a-z]{1,3}){2,}(?![a-z0-9'-])")
_APOSTROPHES = str.maketrans("", "", "'`")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def _needed_literal(pattern: str) -> str | None:
    """The letters every match of a folding rule contains, or None (several alternatives, or no letters).

    A substring test costs a tenth of a regex pass that finds nothing, and
    most rules find nothing in most words (index build time, issue 4). A rule
    of several alternatives just runs: testing each costs about what the pass does.

    >>> _needed_literal("ch"), _needed_literal("[ao]w(?=[^aeiouy]|$)"), _needed_literal("q|ck")
    ('ch', 'w', None)
    >>> _needed_literal("(.)\\1+") is None
    True
    """
    if re.search(r"\|(?![^(\[]*[)\]])", pattern):   # a top-level alternative
        return None
    # Lookarounds, classes, groups and anchors are not literal letters: split there.
    parts = re.split(r"\(\?<?[=!][^)]*\)|\[[^\]]*\]|\(.*?\)|\\\d|[$^+*?.]", pattern)
    longest = max(parts, key=len)
    return longest if longest.isalpha() else None


# (rule, replacement, the letters every match contains or None)
_PHONETIC = [(re.compile(pattern), repl, _needed_literal(pattern)) for pattern, repl in tr.PHONETIC_RULES]
_SHADDA, _TATWEEL = "\u0651", "\u0640"


def normalize(text: str) -> str:
    """Fold any name to lowercase ASCII words separated by single spaces.

    >>> normalize("Qamişlo")
    'qamishlo'
    >>> normalize("Хмеймим")
    'khmeimim'
    """
    if "-" in text:
        folded = text.casefold()
        if _WG_MARKS.search(folded):
            text = _WG_CHAIN.sub(_wade_giles, folded)
    if not text.isascii():
        text = _to_ascii(text)
    text = text.casefold()
    if "-" in text:
        # A chain of three or more short syllables is one word, as Vietnamese writes a
        # foreign name (Gua-tê-ma-la, Xi-ê-ra Lê-ô-nê): no syllable alone is a word of it.
        text = _SYLLABLE_CHAIN.sub(lambda m: m.group(0).replace("-", ""), text)
    # Apostrophes vanish inside words (al-Ja'bari); other punctuation separates.
    return _NOT_ALNUM.sub(" ", text.translate(_APOSTROPHES)).strip()


def _to_ascii(text: str) -> str:
    """Every script to ASCII letters; plain ASCII text never needs this."""
    text = unicodedata.normalize("NFKC", text)
    # Controls, zero-width and bidi marks, surrogates: never part of a name.
    text = text.translate(_CONTROLS)
    beyond_latin = text > "" and max(text) >= "\u0370"   # most gazetteer names are Latin with accents: skip two passes
    if beyond_latin:
        text = _GREEK_CYRILLIC.sub(_greek_cyrillic, text)
        if "ў" in text:
            text = _BELARUSIAN_OV.sub(lambda m: _BELARUSIAN_OV_AS[m.group(1)], text)
    if beyond_latin and "\u05d0" <= max(text):
        # A Hebrew letter's geresh typed as an apostrophe (צ'ילה): the apostrophe would be dropped below.
        text = _HEBREW_APOSTROPHE.sub(lambda m: m.group(1) + tr.HEBREW_GERESH, text)
    # Keep sounds that plain ASCII would lose (ş→sh), drop ʿayn/hamza marks.
    text = _LATIN_SPECIALS.sub(lambda m: tr.LATIN_BEFORE_ASCII[m.group(0)], text)
    if beyond_latin:
        # Scripts without written short vowels, Han and kana get our own romanization.
        text = _SCRIPT_RUN.sub(lambda m: " " + _ROMANIZERS[m.lastgroup](m.group(0)) + " ", text)
    # Strip accents and stacked combining marks, then everything else to ASCII.
    text = unicodedata.normalize("NFKD", text).translate(_COMBINING)
    return unidecode(text)


_CHAR_CACHE = 1 << 16  # distinct characters remembered per table: names use a few thousand; a flood stays bounded


class _CharTable(dict):
    """A str.translate table filled per character on first sight (a name holds few distinct ones)."""

    def __init__(self, rule):
        super().__init__()
        self._rule = rule

    def __missing__(self, codepoint: int):
        value = self._rule(chr(codepoint))
        if len(self) < _CHAR_CACHE:
            self[codepoint] = value
        return value


def _control_rule(ch: str):
    category = unicodedata.category(ch)
    if category in ("Cc", "Zl", "Zp"):
        return " "
    return None if category in ("Cf", "Cs", "Co", "Cn") else ch


_CONTROLS = _CharTable(_control_rule)
_COMBINING = _CharTable(lambda ch: None if unicodedata.combining(ch) else ch)


def _romanize_arabic(word: str) -> str:
    """Romanize one Arabic-script word; the article ال becomes a separate 'al'."""
    word = word.replace(_TATWEEL, "")
    prefix = ""
    if word.startswith(tr.ARABIC_ARTICLE) and len(word) > 3:
        prefix, word = "al ", word[2:]
    out: list[str] = []
    uyghur = not tr.UYGHUR_VOWELS.isdisjoint(word)   # a word in Uyghur's letters
    for i, ch in enumerate(word):
        initial, final = i == 0, i == len(word) - 1
        if uyghur and ch in "ىئ":
            out.append("i" if ch == "ى" else "")
        elif ch in tr.ARABIC_FINAL_HEH and final and i >= 2 and out and out[-1][-1] not in "aiu":
            out.append("e" if ch == "ه" else "a")
        elif ch in tr.ARABIC_CONSONANTS:
            latin = tr.ARABIC_CONSONANTS[ch]
            # Adjacent consonants must not read as a digraph: ت+ح is t-h, not th.
            if latin == "h" and ch != tr.ARABIC_ASPIRATE and out and out[-1][-1] in "tskdgzc":
                latin = "hh"
            out.append(latin)
        elif ch in tr.ARABIC_VOWEL_LETTERS:
            out.append(tr.ARABIC_VOWEL_LETTERS[ch])
        elif ch in tr.ARABIC_ALEF:
            if initial and ch in "اأ" and _next_is(word, i, tr.ARABIC_WAW) \
                    and not _next_is(word, i + 1, tr.ARABIC_ALEF):
                continue   # a vowel's seat: the waw after it is the vowel (اوگره Ogre, اورواپان Uruapan)
            out.append("i" if ch == "إ" else "a")
        elif ch == tr.ARABIC_WAW:
            if final and i >= 2 and word[i - 1] == tr.ARABIC_WAW:
                out[-1] = "o"   # final وو: a vowel and a consonant, the -ov/-ow of a foreign name (کیروو Kirov)
                out.append("v")
            else:
                out.append("w" if initial or _next_is(word, i, tr.ARABIC_ALEF) else "u")
        elif ch in tr.ARABIC_YEH:
            if ch == "ى" and final:
                out.append("a")
            elif ch == "ے" and not initial:   # Urdu bari ye: e (تھانے Thane)
                out.append("e")
            else:
                out.append("y" if initial or _next_is(word, i, tr.ARABIC_ALEF) else "i")
        elif ch == tr.ARABIC_HAMZA_YEH:
            out.append("" if initial else "i")
        elif ch in tr.ARABIC_TEH_MARBUTA:
            out.append("a")
        elif ch in tr.ARABIC_VOWEL_MARKS:
            out.append(tr.ARABIC_VOWEL_MARKS[ch])
        elif ch == _SHADDA and out:
            out.append(out[-1][-1])
        elif ch in tr.ARABIC_SILENT or unicodedata.combining(ch):
            continue
        else:
            out.append(ch)
    return prefix + "".join(out)


def _romanize_hebrew(word: str) -> str:
    """Romanize one Hebrew word: vav and yod read as vowels inside a word.

    >>> [_romanize_hebrew(w) for w in ("ג׳רמאנא", "אוטווה", "ברגן", "אונגני")]
    ['jrmana', 'otva', 'brgn', 'ongni']
    """
    out: list[str] = []
    skip = False
    for i, ch in enumerate(word):
        if skip:
            skip = False
            continue
        initial, final = i == 0, i == len(word) - 1
        if _next_is(word, i, tr.HEBREW_GERESH) and ch in tr.HEBREW_WITH_GERESH:
            out.append(tr.HEBREW_WITH_GERESH[ch])
        elif ch == tr.HEBREW_ALEF and initial and _next_is(word, i, tr.HEBREW_VAV):
            continue   # a vowel's silent seat: the vav after it is the vowel (אוטווה Ottawa, אונגני Ungheni)
        elif ch == tr.HEBREW_BET and initial:
            out.append("b")   # dagesh at the start of a word: b, not v (ברגן Bergen, בלק Belek)
        elif ch in tr.HEBREW_LETTERS:
            out.append("a" if ch == "ה" and final and not initial else tr.HEBREW_LETTERS[ch])
        elif ch == tr.HEBREW_VAV:
            # A doubled vav is one consonant, v or w (אוטווה Ottawa, טאיוואן Taiwan).
            skip = _next_is(word, i, tr.HEBREW_VAV)
            out.append("v" if initial or skip else "o")
        elif ch == tr.HEBREW_YOD:
            out.append("y" if initial else "i")
        elif ch in tr.HEBREW_SILENT:
            out.append("a" if initial else "")
        elif not unicodedata.combining(ch) and ch != tr.HEBREW_GERESH:
            out.append(ch)
    return "".join(out)


def _romanize_han(run: str) -> str:
    """A run of Han characters as one pinyin word, designators and place suffixes apart.

    >>> _romanize_han("北京"), _romanize_han("亚美尼亚共和国"), _romanize_han("阿尔托纳区")
    ('BeiJing', 'YaMeiNiYa GongHeGuo', 'AErTuoNa Qu')
    """
    run = _HAN_PARTS.sub(lambda m: " " + m.group(0) + " ", run)
    return " ".join(unidecode(part).replace(" ", "") for part in run.split())


def _romanize_kana(run: str) -> str:
    """Romanize a run of kana (composed, so voiced marks stay: ゴ is go, not ko).

    >>> [normalize(w) for w in ("ベルファスト", "ピテシュティ", "ウィーン", "ゴーダ", "イェーテボリ")]
    ['berufasuto', 'piteshuti', 'win', 'goda', 'yetebori']
    """
    out: list[str] = []
    for ch in run:
        if ch in tr.KANA_SILENT:
            continue
        latin = tr.KANA_HEPBURN.get(ch) or unidecode(ch)
        if out and ch in tr.KANA_SMALL_Y and out[-1].endswith("i"):
            stem = out[-1][:-1]   # キ+ャ: k+ya; シ+ャ: sh+a
            out[-1] = stem + (latin[1:] if stem.endswith(("sh", "ch", "j")) else latin)
        elif out and ch in tr.KANA_SMALL_VOWELS and out[-1][-1] in "aiueo":
            stem = out[-1][:-1] or {"u": "w", "i": "y"}.get(out[-1], "")  # フ+ァ: f+a; ウ+ィ: w+i
            out[-1] = stem + latin
        else:
            out.append(latin)
    return "".join(out)


def _romanize_hangul(run: str) -> str:
    """Romanize a run of Hangul syllables: ㄲ ㄸ ㅃ are kk tt pp, and a syllable's final
    consonant is written as Revised Romanization writes it, k t p before
    a consonant or at the end (퀘벡 kwebek, 라페이엣 rapeiet: ㅅ stands for a foreign
    final t), its initial value before a vowel (한국어 hangugeo); ㄹㄹ is ll, and ㅅ
    before a y-vowel sh, as English spellings of foreign names have it (샤 sha, 슈 shu).

    Korean also writes a foreign consonant cluster with a filler vowel ㅡ (스 seu
    for s). It is kept: gazetteers hold Korean names in Revised Romanization,
    which writes it too, and dropping it lost more of those than it gained.

    >>> [_romanize_hangul(w) for w in ("트리폴리", "샬럿", "서울", "김정은", "몹티", "은천읍", "한국어")]
    ['teuripolli', 'shalleot', 'seoul', 'gimjeongeun', 'mopti', 'eunceoneup', 'hangugeo']
    """
    out: list[str] = []
    for ch in run:
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            out.append(unidecode(ch))
            continue
        initial, rest = divmod(code, 588)
        vowel, final = divmod(rest, 28)
        if out and out[-1][-1:] == "\x00":   # the previous syllable's final, as this initial decides
            coda = out[-1][-2]
            out[-1] = out[-1][:-2] + (tr.HANGUL_LIAISON[coda] if initial == 11 else tr.HANGUL_FINALS[coda])
        out.append(tr.HANGUL_INITIALS[initial] + tr.HANGUL_VOWELS[vowel] + (chr(final) + "\x00" if final else ""))
    if out and out[-1][-1:] == "\x00":
        out[-1] = out[-1][:-2] + tr.HANGUL_FINALS[out[-1][-2]]
    return "".join(out).replace("lr", "ll").replace("sy", "sh")


def _next_is(word: str, i: int, letters) -> bool:
    return i + 1 < len(word) and word[i + 1] in letters


_ROMANIZERS = {"arabic": _romanize_arabic, "hebrew": _romanize_hebrew, "kana": _romanize_kana, "han": _romanize_han,
               "hangul": _romanize_hangul}


def content_words(norm: str) -> list[str]:
    """Drop leading titles and all particles; a name of particles alone has none.

    >>> content_words("president abu mohammad al julani")
    ['mohammad', 'julani']
    >>> content_words("al")
    []
    """
    words = norm.split()
    while len(words) > 1 and words[0] in tr.TITLES:
        if words[0] in tr.PLACE_TITLES and sum(w not in tr.PARTICLES for w in words[1:]) < 2:
            break
        words.pop(0)
    return [w for w in words if w not in tr.PARTICLES]


@lru_cache(maxsize=65536)
def phonetic(word: str) -> str:
    """Fold one word's transliteration conventions onto a single spelling.

    >>> [phonetic(w) for w in ("sharaa", "charaa", "scharaa", "shara")]
    ['shara', 'shara', 'shara', 'shara']
    >>> phonetic("khmeimim") == phonetic("hmeimim")
    True
    """
    for pattern, repl, needs in _PHONETIC:
        if needs is None or needs in word:
            word = pattern.sub(repl, word)
    return word


def skeleton(word: str) -> str:
    """Consonants of a phonetic word, close ones merged.

    Letters that only meet once the vowels between them are gone stay apart:
    `hmimim` is `hmmm`, not `hm`.

    >>> skeleton(phonetic("julani")) == skeleton(phonetic("jolani")) == "jln"
    True
    """
    return word.translate(tr.SKELETON_FOLD)


# Scripts that write foreign names in syllables (see consonants.consonant_key).
SYLLABIC_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL"})

# Scripts whose romanization keeps a name recognizable: ours for Arabic and
# Hebrew, unidecode's for alphabets and for Han (pinyin), kana and Hangul.
# The others (Indic abugidas, Ethiopic, Thai...) come out of unidecode too
# rough to fuzzy-match another script with full confidence.
FAITHFUL_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW", "ARMENIAN", "GEORGIAN",
                              "CJK", "HIRAGANA", "KATAKANA", "HANGUL"})


def is_lossy(script: str) -> bool:
    """Whether names in this script (script_of) are romanized too roughly to compare fuzzily with another script."""
    return script not in FAITHFUL_SCRIPTS


def script_of(text: str) -> str:
    """The script of most letters in text (Unicode's name prefix), 'LATIN' for ASCII.

    >>> script_of("Qamishli"), script_of("Камышлы"), script_of("만디아")
    ('LATIN', 'CYRILLIC', 'HANGUL')
    """
    if text.isascii():
        return "LATIN"
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            script = _SCRIPTS.get(ch)
            if script is None:
                script = unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]
                if len(_SCRIPTS) < _CHAR_CACHE:
                    _SCRIPTS[ch] = script
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get) if counts else "LATIN"


_SCRIPTS: dict[str, str] = {}  # letter -> script, filled on first sight


@dataclass(frozen=True, slots=True)
class NameForms:
    """Every key the matcher compares for one name."""

    norm: str                 # normalize(): lowercase ASCII words
    tokens: tuple[str, ...]   # phonetic content words, in order
    key: str                  # tokens sorted and joined: word order does not matter
    skeleton: str             # consonant skeletons of the tokens, sorted and joined
    vowelless: bool           # written in a script without short vowels
    script: str = "LATIN"     # script_of() the original text

    @property
    def lossy(self) -> bool:
        """Romanized too roughly to compare fuzzily with another script."""
        return is_lossy(self.script)

    @property
    def syllabic(self) -> bool:
        """Written in syllables, so compared by its consonants too (consonants.consonant_key)."""
        return self.script in SYLLABIC_SCRIPTS


def has_vowelless_script(text: str) -> bool:
    """Whether text holds Arabic or Hebrew letters (short vowels unwritten)."""
    return not text.isascii() and bool(_VOWELLESS.search(text))


def name_forms(text: str) -> NameForms:
    """All comparison keys for a name, from one pass of the normalizer."""
    norm = normalize(text)
    tokens = tuple(phonetic(w) for w in content_words(norm))
    skeletons = sorted(s for s in (skeleton(t) for t in tokens) if s)
    return NameForms(norm=norm, tokens=tokens, key=" ".join(sorted(tokens)),
                     skeleton=" ".join(skeletons), vowelless=has_vowelless_script(text), script=script_of(text))
