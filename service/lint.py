"""Warnings a curator needs before merging a table edit (errors come from table.py).

Each finding is a `Finding` with level "warning": the table still loads.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .index import AliasIndex
from .matcher import Matcher
from .table import AliasTable, Entity, Finding


def lint_findings(table: AliasTable, *, threshold: float = 0.8, today: dt.date | None = None) -> list[Finding]:
    """All warnings for a valid table, in table order."""
    matcher = Matcher(table, threshold=threshold)
    today = today or dt.date.today()
    findings: list[Finding] = []
    for entity in table.entities:
        findings += _entity_warnings(table.source, entity, today)
    findings += _homonyms(table.source, matcher.index)
    findings += _near_collisions(table.source, matcher)
    return sorted(findings, key=lambda f: (f.line, f.message))


def _warn(source: str, entity: Entity, message: str) -> Finding:
    return Finding(source, entity.line, message, entity.id, level="warning")


def _entity_warnings(source: str, entity: Entity, today: dt.date) -> list[Finding]:
    found = []
    seen: dict[str, str] = {}
    names = [entity.name, *entity.aliases]
    for former in entity.former_names:
        names += [former.name, *former.aliases]
    for name in names:
        if name.casefold() in seen:
            found.append(_warn(source, entity, f"{name!r} is listed twice"))
        seen.setdefault(name.casefold(), name)
    for i, former in enumerate(entity.former_names):
        if former.start and not former.end:
            found.append(_warn(source, entity, f"former name {former.name!r} has no 'until': "
                                               "it overlaps the current name"))
        elif former.end and former.end.first > today:
            found.append(_warn(source, entity, f"former name {former.name!r} ends in the future ({former.end}): "
                                               "it overlaps the current name"))
        if entity.dissolved and former.start and former.start.first > entity.dissolved.last:
            found.append(_warn(source, entity, f"former name {former.name!r} starts after the entity "
                                               f"was dissolved ({entity.dissolved})"))
        for other in entity.former_names[i + 1:]:
            if _overlap(former, other):
                found.append(_warn(source, entity, f"former names {former.name!r} and {other.name!r} "
                                                   "have overlapping dates"))
    if not entity.sources:
        found.append(_warn(source, entity, "no sources: cite where the names and dates come from"))
    return found


def _overlap(a, b) -> bool:
    """Strict overlap; ranges that merely touch at the same month or year do not count."""
    if not (a.start and a.end and b.start and b.end):
        return False
    return a.start.last < b.end.first and b.start.last < a.end.first


def _homonyms(source: str, index: AliasIndex) -> list[Finding]:
    owners: dict[str, dict[str, Entity]] = defaultdict(dict)
    for entry in index.entries:
        owners[entry.forms.norm][entry.entity.id] = entry.entity
    found = []
    for norm, entities in owners.items():
        if len(entities) > 1:
            ids = sorted(entities)
            first = entities[ids[0]]
            found.append(_warn(source, first, f"the name {norm!r} belongs to {len(ids)} entities "
                                              f"({', '.join(ids)}): a query for it is answered as ambiguous"))
    return found


def _near_collisions(source: str, matcher: Matcher) -> list[Finding]:
    """Names of one entity that score above the threshold for another entity."""
    found, reported = [], set()
    for entry in matcher.index.entries:
        for cand in matcher.resolve(entry.text, limit=5).candidates:
            pair = tuple(sorted((entry.entity.id, cand.id)))
            if (cand.id == entry.entity.id or cand.score < matcher.threshold or pair in reported
                    or cand.matched.forms.norm == entry.forms.norm):
                continue
            reported.add(pair)
            found.append(_warn(source, entry.entity,
                               f"near-collision: {entry.text!r} scores {cand.score:.2f} ({cand.how}) against "
                               f"{cand.id!r}'s {cand.matched.text!r}"))
    return found
