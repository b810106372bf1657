"""Words for a point of the compass, which tell apart names that are otherwise alike.

South Sudan is not Sudan, Western Ghouta is not Eastern Ghouta, East Los
Angeles is not Los Angeles, North Macedonia's "Macedonia" is a former name.
Such words are common among names, so their weight (inverse frequency) is
small, and a name that lacks one, or has another, would still match on the
rest: "Sudão" (Portuguese, Sudan) scored 0.96 against "Sudão do Sul" (South
Sudan). A direction is not a word to weigh but a contradiction: a match
whose unmatched words on either side name different directions
(matcher._score_tokens) is capped below any threshold and only listed.

General linguistic knowledge, one direction a block, normalized through the
service's own normalizer (so the map holds phonetic words, as names' tokens).
Left out are words that fold into another word of names, where an unmatched
word would read as a direction it is not:
- Malay `timur` (east, and Timor), `barat` (Barra), Vietnamese `nam` (south,
  and Việt Nam);
- Turkish `kuzey` (Polish `Kości`), Azerbaijani `qərbi` (Kerby);
- Hungarian `kelet` (Kelaa) and `dél` (read as the particle `del`);
- Irish `theas` (Turkmen `täze`), Basque `hego` (Hague), Esperanto `suda`
  (Souda) and its kin;
- Estonian `lõuna` (Luna), `ida` and `lääne` (Vietnamese `lận`), Finnish
  `itä` (Itá);
- Scandinavian `syd`, `norr`; bare Arabic `شرق` (Persian `شهرک`, a town).
German `Ost` is kept though it folds as Russian `Ust-` ("mouth of"): Ust-Labinsk
is not Labinsk either.
"Oriental" and its translations are left out too: it is in the official name
of Uruguay, not a direction that tells it from another country.
"""
from __future__ import annotations

from .normalize import name_forms

_WORDS = {
    "south": """
        south southern sud sur sul süd südlich südliche zuid sør söder etelä południowa południowy południowe
        jižní južná južné južna južni jugut jugu jugore pietų selatan kusini timog suður güney cənubi
        meridionale
        южная южный южное южные юг південна південний південне південні паўднёвая паўднёвы южна южен южни
        јужна јужни јужно
        νότια νότιο νότιος νότιες νότιου
        דרום דרומית
        جنوب الجنوبية الجنوبي جنوبی جنوبي""",
    "north": """
        north northern nord norte nördlich nördliche noord norður pohjois põhja észak północna północny północne
        severní severná severné severna severni sjeverna sjeverni šiaurės utara kaskazini hilaga thuaidh
        şimali settentrionale
        северная северный северное северные север північна північний північне північні паўночная паўночны
        северна северен северни
        βόρεια βόρειο βόρειος βόρειες βορείου
        צפון צפונית
        شمال الشمالية الشمالي شمالی شمالي""",
    "east": """
        east eastern est este leste ost oost öst øst östlich östliche austur wschodni wschodnia wschodnie
        východní východný vzhodni vzhodna istočni istočna rytų mashariki silangan thoir doğu şərqi
        восточная восточный восточное восточные восток східна східний східне усходняя усходні източна източен
        источни источна
        ανατολικό ανατολικός ανατολική ανατολικού
        מזרח מזרחית
        الشرقية الشرقي شرقی شرقي""",
    "west": """
        west western ouest oeste ovest vest väst westlich westliche länsi nyugat zachodni zachodnia zachodnie
        západní západný zahodna zahodni zapadna zapadni vakarų magharibi kanluran thiar batı
        occidentale
        западная западный западное западные запад західна західний західне заходняя заходні западна западен
        δυτική δυτικό δυτικός δυτικού
        מערב מערבית
        الغربية الغربي غربی غربي""",
}

DIRECTIONS: dict[str, str] = {
    token: direction for direction, words in _WORDS.items() for word in words.split()
    for token in name_forms(word).tokens}


def directions_of(words) -> frozenset[str]:
    """The points of the compass the (phonetic) words name.

    >>> sorted(directions_of(name_forms("Sudão do Sul").tokens)), directions_of(name_forms("Sudão").tokens)
    (['south'], frozenset())
    >>> directions_of(name_forms("الغوطة الشرقية").tokens) == directions_of(name_forms("East Ghouta").tokens)
    True
    """
    return frozenset(DIRECTIONS[w] for w in words if w in DIRECTIONS)
