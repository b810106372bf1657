"""Other readings of a name, tried when it matches nothing as written (Matcher._answer).

Each function here returns the name read another way (some, a few readings),
or None when the rule does not apply: the name without its qualifier (after a
comma, in brackets) or its possessive, a person after their title or role, a
group after who leads or backs it ("US-backed SDF"), the place or group
without the words that say where it lies or what it is, a Lithuanian or
Latvian word without its nominative ending, a Russian name in another case in
the nominative, Cyrillic letters read by the conventions of other languages, a
Slavic, German or Turkish Latin spelling's j, ch and c read as y, kh and j, an
Albanian or Dutch ë ending a word as a, a Greek official name's declined
country in the nominative, and Greek letters
read by their other values. They work on the name as typed, before
normalization, because the words and letters they look for are lost in it.
"""
from __future__ import annotations

import re

from . import transliteration as tr
from .designators import DESIGNATORS
from .normalize import name_forms, normalize, script_of


_QUALIFIER = re.compile(r"\s*[,،、，]\s*")
_APOSTROPHE = "['’ʼ]"   # as news writes a possessive, a case ending or an elision
# A part in brackets: an acronym, another name, or where or what the entity is (full-width too).
_BRACKETED = re.compile(r"\s*[(\[（［]([^()\[\]（）［］]*)[)\]）］]\s*")


def _split_qualified(name: str) -> tuple[str, str | None]:
    """The name without its parts in brackets and what follows its first comma, and that part (None if
    nothing follows a comma)."""
    stripped = _BRACKETED.sub(" ", name).strip()
    parts = _QUALIFIER.split(stripped, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 and parts[1] else (stripped, None)


def qualified_head(name: str) -> str | None:
    """The name without what qualifies it, if anything does: the parts in brackets ("Hayat Tahrir
    al-Sham (HTS)", "Frankfurt (Oder)"), then all after a comma ("Colón, Panama" → "Colón").

    >>> qualified_head("Colón, Panama"), qualified_head("Homs"), qualified_head(", x")
    ('Colón', None, None)
    >>> qualified_head("Hayat Tahrir al-Sham (HTS)"), qualified_head("Сянган (Гонконг)"), qualified_head("(HTS)")
    ('Hayat Tahrir al-Sham', 'Сянган', None)
    """
    name = name.strip()
    head = _split_qualified(name)[0]
    return head if head and head != name else None


def qualifiers(name: str) -> list[str]:
    """What qualifies a name: the parts in brackets, then all after a comma (qualified_head drops them).

    >>> qualifiers("Virgin Islands, U.S."), qualifiers("Frankfurt (Oder)"), qualifiers("Homs")
    (['U.S.'], ['Oder'], [])
    """
    after = _split_qualified(name)[1]
    return bracketed(name) + ([after] if after else [])


def bracketed(name: str) -> list[str]:
    """The parts of a name in brackets (qualified_head drops them).

    >>> bracketed("Сянган (Гонконг)"), bracketed("Homs")
    (['Гонконг'], [])
    """
    return [part.strip() for part in _BRACKETED.findall(name) if part.strip()]


# Words that say where a place lies, "in", "on" or "at" in the gazetteer's languages:
# Scandinavian i, på, ved; German in, im, bei; Dutch in, op, aan; Italian in, nel, nella;
# Spanish en; Portuguese em; Polish w, we; Czech and Slovak v, ve; Serbo-Croatian u;
# Latvian pie; Lithuanian prie ("Cáceres i Spania", "Oranjestad på Aruba").
LOCATING_WORDS = frozenset("i pa ved in im bei op aan nel nella en em w we v ve u pie prie".split())
# Words that say what a place is (city, town, district, province...), normalized, as
# languages write them before a name ("Thành phố Québec", "Вилояти Гронинген") ...
DESIGNATOR_PREFIXES = tuple(tuple(p.split()) for p in (
    "thanh pho|thi xa|tinh|huyen"                          # Vietnamese
    "|lungsod ng|lalawigan ng|bayan ng"                    # Tagalog
    "|ciudad de|ciudad|cidade de|municipio de|provincia de"  # Spanish, Portuguese
    "|comune di|citta di|provincia di|ville de|commune de"  # Italian, French
    "|city of|town of|borough of|stadt|gemeinde|gemeente"  # English, German, Dutch
    "|miasto|gmina|mesto|obec"                             # Polish, Czech, Slovak
    "|gorod|selo|poselok|misto|gorad|veska|kamuna|komuna|kommuna"  # Russian, Ukrainian, Belarusian
    "|viloiati|ielati|shahri|altepetl"                     # Tajik (province, state, city), Nahuatl
    # what an armed or political group is, as news writes it before the name: Arabic organization,
    # group, militia, movement (تنظيم داعش); Russian (террористическая) группировка, организация, движение
    "|tnzim|jmaa|milishya|milishyat|hrka"
    "|terroristicheskaia gruppirovka|terroristicheskaia organizatsiia|gruppirovka|organizatsiia|dvizhenie"
).split("|"))
# ... or after it ("Тлемсен қаласы", "Pulü Zhen", "P’u-miao-chen"), in romanizations too.
DESIGNATOR_SUFFIXES = tuple(tuple(p.split()) for p in (
    "city|town|township|borough|stadt|stad|kommun|kommune"  # English, German, Scandinavian
    "|kaupunki|linn|pilseta|miestas|varos"                 # Finnish, Estonian, Latvian, Lithuanian, Hungarian
    "|kalasy|shaary|shahri|shahari|shehri|ili|ilcesi"      # Kazakh, Kyrgyz, Uzbek/Tajik, Azerbaijani, Turkish
    "|raion|rajon"                                         # Russian, Ukrainian (district)
    "|shi|machi|cho|mura|xian|zhen|cun"                    # Japanese, pinyin (city, town, county, village)
    "|shih|hsien|chen|tsun|chhi"                           # Wade-Giles, Pe̍h-ōe-jī
    "|si|gun|eup|myeon"                                    # Korean
    "|group|militia|movement|organization|organisation"    # what an armed or political group is, as news adds it
    "|teror orgutu|orgutu"                                 # ... in Turkish (PKK terör örgütü)
).split("|"))
# Words for a region named after its main place (Aleppo Governorate, Idlib Province): a query that
# says "city" or "town" asks for the place, not the region, though the region's name holds it.
REGION_WORDS = frozenset(t for w in (
    "governorate province provincia provinz region oblast district county state prefecture muhafazah "
    "mohafazat wilayah wilayat canton department departement voivodeship raion rajon").split()
    for t in name_forms(w).tokens)
_WORD_SPLIT = re.compile(r"[\s\-‐‑–—]+")
# Korean writes what a place is after its name, without a space (천안시, 은천읍, 평양직할시):
# city (시, directly governed, metropolitan, special), county, district, town, township.
_HANGUL_DESIGNATOR = re.compile(r"(?<=[\uac00-\ud7a3]{2})(?:직할시|광역시|특별시|시|군|구역|구|읍|면)$")


def located_head(name: str) -> str | None:
    """The place a name locates (before "in", "on", "at") or designates (without "city", "town"...), if any.

    >>> located_head("Cáceres i Spania"), located_head("Thành phố Québec"), located_head("Kure-shi")
    ('Cáceres', 'Québec', 'Kure')
    >>> located_head("평양직할시"), located_head("천안시"), located_head("부산")
    ('평양', '천안', None)
    >>> located_head("Québec"), located_head("Thành phố")
    (None, None)
    """
    words = [w for w in _WORD_SPLIT.split(name.strip()) if w]
    if len(words) == 1 and (head := _HANGUL_DESIGNATOR.sub("", words[0])) != words[0]:
        return head
    if len(words) < 2:
        return None
    norms = [normalize(w) for w in words]
    for k in range(1, len(words) - 1):
        if norms[k] in LOCATING_WORDS:
            return " ".join(words[:k])
    for phrase in DESIGNATOR_PREFIXES:
        if len(words) > len(phrase) and tuple(norms[:len(phrase)]) == phrase:
            return " ".join(words[len(phrase):])
    for phrase in DESIGNATOR_SUFFIXES:
        if len(words) > len(phrase) and tuple(norms[-len(phrase):]) == phrase:
            return " ".join(words[:-len(phrase)])
    return None


# News writes a person after what they are ("Russian President Vladimir Putin", "Kremlin spokesman
# Dmitry Peskov", "Hezbollah leader Naim Qassem", "الرئيس السوري أحمد الشرع", "президент Владимир
# Путин"): a title (transliteration.TITLES) or one of these roles, as normalize() writes them in the
# main languages of the news this service reads (Arabic الرئيس al riis, الشيخ al shikh, وزير wzir,
# المتحدث al mthhdth; Russian президент prezident, министр ministr; Turkish cumhurbaşkanı, başkanı, bakanı;
# Hebrew הנשיא hnshia...). Words that are also names (amir, qaid) are left out.
ROLE_WORDS = (tr.TITLES - {"the"}) | frozenset(
    "leader leaders chief spokesman spokeswoman spokesperson envoy ambassador elect deputy governor mayor "
    "founder head chancellor dictator diktator dictateur dictador ruler strongman autocrat "
    "riis shikh wzir natq mthhdth "
    "prezident prezydent ministr premer lider glava komanduiushchii sekretar rukovoditel "
    "cumhurbashkani bashkani bakani lideri sozcusu komutani "
    "hnshia nshia hmnhig mnhig "
    "prasident presidente ministre ministro sprecher parole dirigeant kanzler".split())


def role_heads(name: str) -> list[str]:
    """The name after the last title or role among its words (as typed), if two words or more follow
    it (one would be a place's: Prince George, General Santos); then without its first word, if two
    or more remain (the country after the role: "Президент России Владимир Путин").

    >>> role_heads("Russian President Vladimir Putin"), role_heads("Iran's Supreme Leader Ali Khamenei")
    (['Vladimir Putin'], ['Ali Khamenei'])
    >>> role_heads("Президент России Владимир Путин"), role_heads("الرئيس أحمد الشرع")
    (['России Владимир Путин', 'Владимир Путин'], ['أحمد الشرع'])
    >>> role_heads("President-elect Donald Trump"), role_heads("Vladimir Putin"), role_heads("Prince George")
    (['Donald Trump'], [], [])
    """
    words = name.split()
    last = max((k for k, w in enumerate(words[:-2]) if set(normalize(w).split()) & ROLE_WORDS), default=-1)
    if last < 0:
        return []
    rest = words[last + 1:]
    return [" ".join(rest)] + ([" ".join(rest[1:])] if len(rest) > 2 else [])


# News writes who leads, backs or hosts a group as a hyphenated word before its name ("US-backed SDF",
# "Kurdish-led forces", "Turkish-backed Syrian National Army", "Damascus-based"): it says who stands
# behind the entity, not which one it is. No name begins with such a word.
_BACKER = re.compile(r"^\S+[-‐‑](?:led|backed|based|linked|affiliated|aligned|allied|sponsored|funded|supported|"
                     r"controlled|dominated|held|run|installed|appointed)$", re.IGNORECASE)


# ... or as its owner's possessive ("Iran's Quds Force", "Syria's Ahmed al-Sharaa", "UK's MI6"): of a
# word of three letters or more, or an acronym; not Arabic's ra's (head, cape) in "Ra’s al Khafjī".
_OWNER = re.compile(rf"^(?:\S{{3,}}|[A-Z]{{2}})(?:{_APOSTROPHE}[sS]|(?<=[sS]){_APOSTROPHE})$")


def backed_head(name: str) -> str | None:
    """The name after the words that say who leads, backs or owns it (hyphenated, or a possessive;
    and English's "the"), if any do and a name follows.

    >>> backed_head("US-backed SDF"), backed_head("the Iran-backed Hezbollah"), backed_head("Iran's Quds Force")
    ('SDF', 'Hezbollah', 'Quds Force')
    >>> backed_head("Kurdish-led, US-backed SDF"), backed_head("Syria’s Ahmed al-Sharaa")
    ('SDF', 'Ahmed al-Sharaa')
    >>> backed_head("Damascus-based"), backed_head("Hayat Tahrir al-Sham"), backed_head("Assad's")
    (None, None, None)
    >>> backed_head("UK's MI6"), backed_head("Ra’s al Khafjī"), backed_head("Rebels' Idlib")
    ('MI6', None, 'Idlib')
    """
    words = name.split()
    k = 1 if words and words[0].casefold() == "the" else 0
    start = k
    while k < len(words) - 1 and (_BACKER.match(word := words[k].rstrip(",")) or _OWNER.match(word)):
        k += 1
    return " ".join(words[k:]) if k > start else None


# What the news of a language writes onto a name with an apostrophe, which folding would join to it
# ("l'Iran" is `liran`). English ends a name in 's when it is a possessive ("Assad's", "Erdoğan's"),
# in an apostrophe when the name ends in s ("Damascus'"). Turkish writes a proper noun's case ending
# after one ("Putin'in", "Şam'da", "Esad'ı": genitive, locative, ablative, dative, accusative,
# instrumental, with vowel harmony); not the bare 'a, 'e, 'i, 'u that Arabic romanizations end names
# in (Sana'a, Shafi'i), and only after a word of three letters or more, as Wade-Giles marks its
# aspirated syllables with one too (Nan-ch’a-t’un). French and Italian elide an article or
# preposition into a name that begins with a vowel ("l'Iran", "d'Alep", "dell'Iraq").
_POSSESSIVE = re.compile(rf"(?<=\w)(?:{_APOSTROPHE}s|(?<=s){_APOSTROPHE})$", re.IGNORECASE)
_TURKISH_CASE = re.compile(rf"(?<=[^\W\d_]{{3}}){_APOSTROPHE}"
                           r"(?:n?[ıiuü]n|n?[dt][ae]n?|n?[dt][ae]ki|[yn][ae]|[yn][ıiuü]|[ıü]|y?l[ae])$", re.IGNORECASE)
_ELIDED = re.compile(rf"^(?:l|d|qu|dell|dall|nell|sull|all){_APOSTROPHE}(?=\w)", re.IGNORECASE)


def affixed_head(name: str) -> str | None:
    """A Latin name without the possessive or case ending it ends in, or the article it begins with,
    if it has one.

    >>> affixed_head("Assad's"), affixed_head("Damascus'"), affixed_head("Erdoğan’s"), affixed_head("Assad")
    ('Assad', 'Damascus', 'Erdoğan', None)
    >>> affixed_head("Putin'in"), affixed_head("Şam'da"), affixed_head("Esad'ı"), affixed_head("Sana'a")
    ('Putin', 'Şam', 'Esad', None)
    >>> affixed_head("Irak'ın"), affixed_head("Nan-ch’a-t’un")
    ('Irak', None)
    >>> affixed_head("l'Iran"), affixed_head("d'Alep"), affixed_head("dell'Iraq"), affixed_head("Hay'at")
    ('Iran', 'Alep', 'Iraq', None)
    """
    name = name.strip()
    if script_of(name) != "LATIN":
        return None
    head = _ELIDED.sub("", _TURKISH_CASE.sub("", _POSSESSIVE.sub("", name)))
    return (head.strip() or None) if head != name else None


# Lithuanian and Latvian give a foreign name a nominative ending (Džilongas = Geelong,
# Noridžas = Norwich, Bombėjus = Bombay); their letters tell such a word from others.
_BALTIC_LETTERS = re.compile("[ąčęėįšųūžāēģīķļņĄČĘĖĮŠŲŪŽĀĒĢĪĶĻŅ]")
_BALTIC_ENDING = re.compile(r"(?<=[^\W\d_]{3})(?:ius|as|is|ys|us)$")


def baltic_stem(name: str) -> str | None:
    """A one-word name in Lithuanian or Latvian letters without its nominative ending, if it has one.

    >>> baltic_stem("Džilongas"), baltic_stem("Bombėjus"), baltic_stem("Kaunas"), baltic_stem("Nuevo Laredo")
    ('Džilong', 'Bombėj', None, None)
    """
    name = name.strip()
    if not name or " " in name or "-" in name or not _BALTIC_LETTERS.search(name):
        return None
    stem = _BALTIC_ENDING.sub("", name)
    return stem if stem != name else None


# Bulgarian ъ between consonants, or opening a word before one, is a vowel (Олдъм = Oldham, Обърн =
# Auburn, Устър = Worcester), which Bulgaria's romanization writes a; the normalizer reads ъ as the
# hard sign of Russian and the old orthographies (silent: Томьскъ, Нейпълс as Naples, Брайтън as Britn).
_BULGARIAN_ER = re.compile(r"(?:(?<=[бвгджзйклмнпрстфхцчшщ])|(?<![^\W\d_]))ъ(?=[бвгджзйклмнпрстфхцчшщ])",
                           re.IGNORECASE)


def _read_as(pattern: re.Pattern, letters: str, name: str) -> str | None:
    """The name with each match of the pattern read as `letters`, capitalized where the match begins
    with a capital, or None if nothing matches.

    >>> _read_as(re.compile("c", re.IGNORECASE), "j", "Colani"), _read_as(re.compile("x"), "y", "Homs")
    ('Jolani', None)
    """
    read = pattern.sub(lambda m: letters.capitalize() if m.group(0)[:1].isupper() else letters, name)
    return read if read != name else None


def bulgarian_reading(name: str) -> str | None:
    """A name with Bulgarian ъ between consonants read as the vowel а, if it has one.

    >>> bulgarian_reading("Олдъм"), bulgarian_reading("Ъкфийлд"), bulgarian_reading("Подъезд")
    ('Олдам', 'Акфийлд', None)
    """
    if "ъ" not in name and "Ъ" not in name:
        return None
    return _read_as(_BULGARIAN_ER, "а", name)


# Russian writes the ü and ö of German, French, Scandinavian and Turkish names as ю and ё after a
# consonant (Гюстров = Güstrow, Бюссюм = Bussum, Мёнхенгладбах = Mönchengladbach), where Latin
# spellings without the marks have u and o; the normalizer reads them as Russian's yu and e.
_FOREIGN_UMLAUT = re.compile(r"(?<=[бвгджзклмнпрстфхцчшщ])[юё]", re.IGNORECASE)
_UMLAUT_AS = {"ю": "у", "Ю": "У", "ё": "о", "Ё": "О"}


def umlaut_reading(name: str) -> str | None:
    """A name with ю and ё after a consonant read as the u and o of a foreign ü and ö, if it has one.

    >>> umlaut_reading("Гюстров"), umlaut_reading("Мёнхенгладбах"), umlaut_reading("Юрмала")
    ('Густров', 'Монхенгладбах', None)
    """
    read = _FOREIGN_UMLAUT.sub(lambda m: _UMLAUT_AS[m.group(0)], name)
    return read if read != name else None


# German, Dutch, Scandinavian and the Slavic Latin alphabets write the y sound as j (Jevik, Jukel,
# Jablonovskij), which Cyrillic writes й, ј, or as the vowels я, ю, ё opening a syllable
# (Йёвик = Gjøvik, Юкел = Ukkel); the normalizer reads them as English y.
_IOTATED = re.compile(r"[йј]|(?:(?<![^\W\d_])|(?<=[аеёиоуыэюяіїєьъ]))[яюё]", re.IGNORECASE)
_IOTATED_AS = {"й": "j", "ј": "j", "я": "ja", "ю": "ju", "ё": "jo"}


def j_reading(name: str) -> str | None:
    """A name with its Cyrillic y sounds read as the j of a Latin alphabet, if it has one.

    >>> j_reading("Йёвик"), j_reading("Юкел"), j_reading("Тюмень"), j_reading("Омск")
    ('Jёвик', 'Juкел', None, None)
    """
    def latin(m: re.Match) -> str:
        ch = m.group(0)
        out = _IOTATED_AS[ch.lower()]
        return out.capitalize() if ch.isupper() else out
    read = _IOTATED.sub(latin, name)
    return read if read != name else None


# Ukrainian and Belarusian г is h (Горкі = Horki, Гомель = Homyel), and older Russian transcription
# writes a foreign h as г (Гамбург = Hamburg); the normalizer reads г as Russian's g.
def h_reading(name: str) -> str | None:
    """A name with г read as h, if it has one.

    >>> h_reading("Горкі"), h_reading("Омск")
    ('Hоркі', None)
    """
    read = name.replace("г", "h").replace("Г", "H")
    return read if read != name else None


# Readings tried in turn when a Cyrillic name is not found (Matcher._answer), and whether
# only a match on a Latin spelling confirms them.
OTHER_READINGS = ((bulgarian_reading, False), (umlaut_reading, True), (j_reading, True), (h_reading, True))


# The Latin alphabets of Slavic languages, German, Dutch and the Scandinavian ones write the y
# sound as j (Tajšet, Sergej, Jablonovskij for Тайшет, Сергей, Яблоновский), and Czech, Slovak,
# Polish and German write kh as ch (Chmejmim, Chabarovsk): the normalizer reads them as English j
# and ch. Only a j after a vowel and before none, or opening a word before one: other j are
# consonants in these languages too (Kladanj, Hajdúszoboszló's dj).
_LATIN_Y = re.compile(r"(?<=[aeiouyáéíóúýěåäöüæøœą])j(?![aeiouyáéíóúýěåäöüæøœą])|\bj(?=[aeiouáéíóúěåäöü])",
                      re.IGNORECASE)
_LATIN_KH = re.compile(r"(?<![sS])ch", re.IGNORECASE)


def latin_y_reading(name: str) -> str | None:
    """A Latin name with the j of a y sound read as y, if it has one.

    >>> latin_y_reading("Tajšet"), latin_y_reading("Jablonovskij"), latin_y_reading("Kladanj")
    ('Tayšet', 'Yablonovskiy', None)
    """
    return _read_as(_LATIN_Y, "y", name)


def latin_kh_reading(name: str) -> str | None:
    """A Latin name with its y sounds as y (latin_y_reading) and ch read as kh, if it has a ch.

    >>> latin_kh_reading("Chmejmim"), latin_kh_reading("Tajšet"), latin_kh_reading("Schwerin")
    ('Khmeymim', None, None)
    """
    read = _read_as(_LATIN_KH, "kh", name)
    return read and (latin_y_reading(read) or read)


# Turkish writes the j sound as c (Colani, Cerablus for Julani, Jarablus).
_TURKISH_C = re.compile("c", re.IGNORECASE)


def turkish_c_reading(name: str) -> str | None:
    """A Latin name with c read as the j of Turkish spelling, if it has one.

    >>> turkish_c_reading("Ebu Muhammed el-Colani"), turkish_c_reading("Şam")
    ('Ebu Muhammed el-Jolani', None)
    """
    return _read_as(_TURKISH_C, "j", name)


# Albanian ends a name in ë where other languages end it in a (Kubë Cuba, Guatemalë, Afrikë), and Dutch
# writes -ia as -ië (Bolivië): folded, the ë is a silent final e and the name loses a letter.
_FINAL_SCHWA = re.compile(r"(?<=\w)ë\b", re.IGNORECASE)


def final_schwa_reading(name: str) -> str | None:
    """A Latin name with an ë ending a word read as a, if one does.

    >>> final_schwa_reading("Kubë"), final_schwa_reading("Republika e Guatemalës"), final_schwa_reading("Noël")
    ('Kuba', None, None)
    """
    return _read_as(_FINAL_SCHWA, "a", name)


# Readings tried in turn when a Latin name is not found.
LATIN_READINGS = (latin_y_reading, latin_kh_reading, turkish_c_reading, final_schwa_reading)


# Russian declines names, and Russian news writes them in every case: Путина, Путину, Путиным for
# Путин; Захаровой for Захарова; Дамаска, Дамаске for Дамаск. A name's words agree in case, so each
# case's endings go back to the nominative over all its words at once (masculine, then feminine).
_RUSSIAN_CASES = (
    (("ом", ""), ("ым", ""), ("ем", "й")),                    # masculine: instrumental (Путиным, Сергеем)
    (("а", ""), ("я", "й")),                                  # ... genitive, accusative (Путина, Сергея)
    (("у", ""), ("ю", "й")),                                  # ... dative (Путину, Сергею)
    (("е", ""),),                                             # ... prepositional (Дамаске)
    (("я", "ь"), ("ю", "ь"), ("ем", "ь"), ("е", "ь")),        # ... soft stems (Израиля, Израилем)
    # feminine, every case (Марии Захаровой, Москвы, Москве, Москву)
    (("ой", "а"), ("ей", "я"), ("ии", "ия"), ("ы", "а"), ("и", "а"), ("е", "а"), ("у", "а")),
)
_CYRILLIC_WORD = re.compile(r"^[а-яё]{4,}$")


def russian_nominatives(name: str) -> list[str]:
    """A Russian name in another case read back to the nominative, one reading per case whose
    endings its words have (words of four letters or more, three of them left).

    >>> russian_nominatives("Владимира Путина")[0], russian_nominatives("Путиным")[0]
    ('Владимир Путин', 'Путин')
    >>> "Мария Захарова" in russian_nominatives("Марии Захаровой"), russian_nominatives("Путин")
    (True, [])
    """
    words = name.split()
    if not any(_CYRILLIC_WORD.match(w.lower()) for w in words):
        return []
    readings = []
    for endings in _RUSSIAN_CASES:
        read = []
        for word in words:
            lower = word.lower()
            end = next(((e, n) for e, n in endings if lower.endswith(e) and len(lower) - len(e) >= 3
                        and _CYRILLIC_WORD.match(lower)), None)
            read.append(word[:len(word) - len(end[0])] + end[1] if end else word)
        text = " ".join(read)
        if text != name and text not in readings:
            readings.append(text)
    return readings


# Greek declines names: an official name puts the country after the genitive article (Δημοκρατία
# της Κούβας, Μεγάλο Δουκάτο του Λουξεμβούργου, Κοινοπολιτεία των Μπαχαμών) or makes it an adjective
# (Γαλλική Δημοκρατία, from Γαλλία), where the table holds the nominative (Κούβα, Λουξεμβούργο,
# Μπαχάμες, Γαλλία). Genitive endings back to the nominative: feminine -ας → -α, -ης → -η, masculine
# and neuter -ου → -ο, plural -ών → -ες; the adjective of a country in -ία is -ικός, -ική, -ικό.
_GREEK_LETTERS = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")
_GREEK_ARTICLES = frozenset("του της των τον την το τη η ο οι τα".split())
_GREEK_GENITIVE = ((re.compile(r"(?<=\w{2})([αά])ς$"), r"\1"), (re.compile(r"(?<=\w{2})([ηή])ς$"), r"\1"),
                   (re.compile(r"(?<=\w{2})ο([υύ])$"), lambda m: "ό" if m.group(1) == "ύ" else "ο"),
                   (re.compile(r"(?<=\w{2})[ωώ]ν$"), "ες"))
_GREEK_ADJECTIVE = re.compile(r"(?<=\w{2})ικ(?:ή|η|ό|ο|ός|ος)$")


def _greek_nominative(word: str) -> str:
    for pattern, repl in _GREEK_GENITIVE:
        read = pattern.sub(repl, word)
        if read != word:
            return read
    return word


def greek_nominative(name: str) -> str | None:
    """The country a Greek official name declines, in the nominative, if the rest of it is designators.

    The country follows a designator in the genitive, after an article or not, or is an adjective
    before one; the designators ("Δημοκρατία", "Δουκάτο"...) must be all the rest.

    >>> greek_nominative("Δημοκρατία της Κούβας"), greek_nominative("Κοινοπολιτεία των Μπαχαμών")
    ('Κούβα', 'Μπαχαμες')
    >>> greek_nominative("Μεγάλο Δουκάτο του Λουξεμβούργου"), greek_nominative("Γαλλική Δημοκρατία")
    ('Λουξεμβούργο', 'Γαλλία')
    >>> greek_nominative("Ηνωμένες Πολιτείες Αμερικής"), greek_nominative("Πόλη του Μεξικού")
    ('Αμερική', None)
    >>> greek_nominative("Ανατολική Δημοκρατία της Ουρουγουάης")
    'Ουρουγουάη'
    >>> greek_nominative("Δημοκρατία του Κονγκό"), greek_nominative("Κέρκυρα"), greek_nominative("Cuba")
    (None, None, None)
    """
    words = [w for w in _WORD_SPLIT.split(name.strip()) if w]
    if len(words) < 2 or not _GREEK_LETTERS.search(name):
        return None
    lowered = [w.lower() for w in words]
    if any(w in _GREEK_ARTICLES for w in lowered):
        k = next(k for k, w in enumerate(lowered) if w in _GREEK_ARTICLES)
        head, country = words[:k], words[k + 1:]
    else:
        head, country = words[:-1], words[-1:]
        if _GREEK_ADJECTIVE.search(words[0]) and _designators_only(words[1:]):
            # "Γαλλική Δημοκρατία": the adjective of a country in -ία.
            return _GREEK_ADJECTIVE.sub("ία", words[0])
    if not head or not country or len(country) > 2 or not _designators_only(head, adjectives=True):
        return None
    read = [_greek_nominative(w) for w in country]
    return " ".join(read) if read != country else None


# "Grand" of Grand Duchy (Μεγάλο Δουκάτο), which the lexicon does not hold as a word of its own.
_GREEK_GRAND = frozenset(name_forms("Μεγάλο").tokens)


def _designators_only(words: list[str], adjectives: bool = False) -> bool:
    """Whether words are all designators of a state (designators.DESIGNATORS), "Grand" included, or
    adjectives (Ανατολική Δημοκρατία, the Oriental Republic) if asked, with at least one designator."""
    tokens = [t for w in words for t in name_forms(w).tokens]
    adjective = {t for w in words if adjectives and _GREEK_ADJECTIVE.search(w) for t in name_forms(w).tokens}
    return bool(tokens) and all(t in DESIGNATORS or t in _GREEK_GRAND or t in adjective for t in tokens) \
        and any(t in DESIGNATORS for t in tokens)


# Greek letters and digraphs that stand for more than the normalizer reads them as (it follows the
# classical values and one foreign sound per digraph). Modern Greek says η as i (Αϊτή = Haiti, Τρηρ
# = Trier) and τζ as an English j (Τζέτζου = Jeju); these are confirmed by a name's keys.
# Between vowels ντ is nt as often as nd (Έντμοντον = Edmonton, Ελ Μόντε = El Monte) and μπ is mb
# (Μπούμπα = Bumba); γου before a vowel is an English w (Στίλγουοτερ = Stillwater); χ is the ch of
# German and the Slavic languages (Χρζάνοβ = Chrzanów); these are confirmed only by a Latin spelling.
_GREEK_VOWEL = "αεηιουωάέήίόύώϊϋΐΰΑΕΗΙΟΥΩΆΈΉΊΌΎΏΪΫ"


def _greek_sub(pattern: re.Pattern, repl, name: str) -> str | None:
    if not _GREEK_LETTERS.search(name):
        return None
    read = pattern.sub(repl, name)
    return read if read != name else None


_ETA = re.compile("[ηήΗΉ]")
_ETA_AS = {"η": "ι", "ή": "ί", "Η": "Ι", "Ή": "Ί"}


def eta_reading(name: str) -> str | None:
    """A Greek name with η read as the i of modern Greek, if it has one.

    >>> eta_reading("Αϊτή"), eta_reading("Τρηρ"), eta_reading("Ρόδος")
    ('Αϊτί', 'Τριρ', None)
    """
    return _greek_sub(_ETA, lambda m: _ETA_AS[m.group(0)], name)


_TZ = re.compile("[τΤ][ζΖ]")


def tz_reading(name: str) -> str | None:
    """A Greek name with τζ read as j, if it has one.

    >>> tz_reading("Τζέτζου"), tz_reading("Ρόδος")
    ('jέjου', None)
    """
    return _greek_sub(_TZ, "j", name)


_INNER_NT = re.compile(f"(?<=[{_GREEK_VOWEL}])ντ(?=[{_GREEK_VOWEL}])")


def nt_reading(name: str) -> str | None:
    """A Greek name with ντ between vowels read as nt, if it has one.

    >>> nt_reading("Ελ Μόντε"), nt_reading("Ντίσελντορφ")
    ('Ελ Μόntε', None)
    """
    return _greek_sub(_INNER_NT, "nt", name)


_INNER_MP = re.compile(f"(?<=[{_GREEK_VOWEL}])μπ(?=[{_GREEK_VOWEL}])")


def mb_reading(name: str) -> str | None:
    """A Greek name with μπ between vowels read as mb, if it has one.

    >>> mb_reading("Μπούμπα"), mb_reading("Μπαχ")
    ('Μπούmbα', None)
    """
    return _greek_sub(_INNER_MP, "mb", name)


_GOU = re.compile(f"[γΓ][οΟ][υύΥΎ](?=[{_GREEK_VOWEL}])")


def w_reading(name: str) -> str | None:
    """A Greek name with γου before a vowel read as w, if it has one.

    >>> w_reading("Στίλγουοτερ"), w_reading("Ουρουγουάη"), w_reading("Γουρούνι")
    ('Στίλwοτερ', 'Ουρουwάη', None)
    """
    return _greek_sub(_GOU, "w", name)


_CHI = re.compile("[χΧ]")


def ch_reading(name: str) -> str | None:
    """A Greek name with χ read as ch, if it has one.

    >>> ch_reading("Χρζάνοβ"), ch_reading("Ρόδος")
    ('chρζάνοβ', None)
    """
    return _greek_sub(_CHI, "ch", name)


# Readings tried in turn when a Greek name is not found (Matcher._answer), and whether only a match
# on a Latin spelling confirms them (else a match by the name's keys does).
GREEK_READINGS = ((eta_reading, False), (tz_reading, False), (nt_reading, True), (mb_reading, True),
                  (w_reading, True), (ch_reading, True))
