"""What a curator needs to know before merging a table edit (`python -m service lint`).

Errors come from table.py: the table would not load. Warnings are findings
with level "warning": the table loads, but some names will confuse the
matcher or some dates contradict each other. `merged_ids` cycles are errors,
because an id in a cycle is both live and merged, which table.py refuses;
lint names the whole cycle instead of each id in it.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from .index import AliasIndex
from .matcher import CLASS_RANK, Matcher
from .table import AliasTable, Entity, Finding, TableError, load_table
from .yaml_lines import line_of, load_yaml


def lint_file(path: str | Path, *, threshold: float = 0.8, max_bytes: int | None = None,
              today: dt.date | None = None) -> list[Finding]:
    """Every error of a table file, or, if it loads, every warning."""
    try:
        table = load_table(path, max_bytes=max_bytes, lines=True)
    except TableError as exc:
        return _with_cycles(exc.findings, path)
    return lint_findings(table, threshold=threshold, today=today)


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
    """Names that normalize alike on different entities, reported at the last of them in the file."""
    owners: dict[str, dict[str, Entity]] = defaultdict(dict)
    for entry in index.entries:
        owners[entry.forms.norm][entry.entity.id] = entry.entity
    found = []
    for norm, entities in owners.items():
        if len(entities) > 1:
            ids = sorted(entities)
            last = max(entities.values(), key=lambda e: e.line)
            found.append(_warn(source, last, f"homonym: the name {norm!r} belongs to {len(ids)} entities "
                                             f"({', '.join(ids)}): a query for it is answered as ambiguous"))
    return found


def _outranked(result, entry, rival) -> bool:
    """The name resolves to its own entity on an equal key, the rival is merely similar (Aleppo vs
    Aleppo Governorate): the matcher already tells them apart. Equal phonetic keys still collide."""
    own = result.match
    return (own is not None and own.id == entry.entity.id
            and CLASS_RANK[own.how] > CLASS_RANK[rival.how] == CLASS_RANK["fuzzy"])


def _near_collisions(source: str, matcher: Matcher) -> list[Finding]:
    """Names of one entity that score above the threshold for another entity."""
    found, reported = [], set()
    for entry in matcher.index.entries:
        result = matcher.resolve(entry.text, limit=5, alternatives=True)
        for cand in result.candidates:
            pair = tuple(sorted((entry.entity.id, cand.id)))
            if (cand.id == entry.entity.id or cand.score < matcher.threshold or pair in reported
                    or cand.matched.forms.norm == entry.forms.norm or _outranked(result, entry, cand)):
                continue
            reported.add(pair)
            found.append(_warn(source, entry.entity,
                               f"near-collision: {entry.text!r} scores {cand.score:.2f} ({cand.how}) against "
                               f"{cand.matched.text!r} of {cand.id!r}"))
    return found


def _with_cycles(errors: list[Finding], path: str | Path) -> list[Finding]:
    """Replace the "also a live id" errors of a merged_ids cycle by one error naming the cycle."""
    try:
        items = load_yaml(Path(path).read_text(encoding="utf-8"))["entities"]
        merges = {e["id"]: [m for m in e.get("merged_ids") or [] if isinstance(m, str)]
                  for e in items if isinstance(e.get("id"), str)}
        lines = {e["id"]: line_of(items, index=i) for i, e in enumerate(items) if isinstance(e.get("id"), str)}
    except Exception:  # noqa: BLE001 - too broken to look for cycles; table.py's errors say why
        return errors
    cycles = merge_cycles(merges)
    explained = {(a, f"merged id {b!r} is also a live id")
                 for cycle in cycles for a, b in zip(cycle, cycle[1:] + cycle[:1])}
    kept = [f for f in errors if (f.entity, f.message) not in explained]
    for cycle in cycles:
        loop = " -> ".join([*cycle, cycle[0]])
        kept.append(Finding(str(path), lines[cycle[0]], f"merged_ids cycle {loop} (each lists the next in its "
                            "merged_ids): keep one live entity and list every retired id in its merged_ids",
                            cycle[0]))
    return sorted(kept, key=lambda f: (f.line, f.message))


def merge_cycles(merges: dict[str, list[str]]) -> list[tuple[str, ...]]:
    """Cycles in "entity id -> ids merged into it", each reported once.

    >>> merge_cycles({"a": ["b"], "b": ["a"], "c": ["c"], "d": ["e"]})
    [('a', 'b'), ('c',)]
    """
    cycles, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        path.append(node)
        for nxt in merges[node]:
            if state.get(nxt) == "open":
                cycles.append(tuple(path[path.index(nxt):]))
            elif nxt in merges and nxt not in state:
                visit(nxt, path)
        path.pop()
        state[node] = "done"

    for node in merges:
        if node not in state:
            visit(node, [])
    return cycles
