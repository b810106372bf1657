"""What an edit does to the table and to pipelines (`python -m service diff OLD NEW`).

Entities are compared by id. An entity whose `name` changed is *renamed*,
whatever became of the old name (a former name, as curators should do, an
alias, or nothing); the line says which. An id that disappeared and shows up
in some entity's `merged_ids` is *merged*; one that disappeared without that
is *removed*, and pipelines holding it get 404. Names are compared per entity
by their exact text; a name that only moved (alias to former alias, say) is
*changed*. With a list of names, each one whose answer differs is reported.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .matcher import Matcher, Resolution
from .table import AliasTable, Entity


@dataclass(frozen=True)
class Change:
    """One difference, printable as one line; `kind` names what happened."""

    kind: str          # added | removed | renamed | merged | unmerged | name_added | name_removed | name_changed
    #                    | resolution_changed
    id: str | None
    message: str
    details: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.kind.replace('_', ' ')}: {self.message}"

    def as_json(self) -> dict:
        return asdict(self)


def diff_tables(old: AliasTable, new: AliasTable) -> list[Change]:
    """Entities, ids and names added, removed, renamed or merged, in the new table's order."""
    changes: list[Change] = []
    for entity in new.entities:
        if entity.id not in old.by_id:
            changes.append(Change("added", entity.id, f"{entity.id} ({entity.type}) {entity.name!r}"))
        else:
            changes += _entity_changes(old.by_id[entity.id], entity)
    for entity in old.entities:
        if entity.id not in new.by_id:
            changes.append(_gone(entity, new))
    for retired, was in old.merged.items():
        now = new.live_id(retired)
        if now is None:
            changes.append(Change("unmerged", retired, f"{retired} (merged into {was}) no longer resolves: "
                                                       "pipelines holding it will get 404", {"was": was}))
        elif now != was and was in new.by_id:
            changes.append(Change("merged", retired, f"{retired} now points to {now} (was {was})",
                                  {"into": now, "was": was}))
    return changes


def _gone(entity: Entity, new: AliasTable) -> Change:
    into = new.merged.get(entity.id)
    if into:
        return Change("merged", entity.id, f"{entity.id} {entity.name!r} into {into} {new.by_id[into].name!r}",
                      {"into": into})
    same_name = [e.id for e in new.entities if e.name == entity.name]
    hint = f"; {same_name[0]} has its name: list {entity.id} in its merged_ids?" if same_name else ""
    return Change("removed", entity.id, f"{entity.id} ({entity.type}) {entity.name!r}: pipelines holding this "
                                        f"id will get 404{hint}")


def _names(entity: Entity) -> dict[str, str]:
    """Every name of an entity -> its kind (name, alias, former_name, former_alias)."""
    names = {entity.name: "name"}
    names.update((a, "alias") for a in entity.aliases if a not in names)
    for former in entity.former_names:
        names.setdefault(former.name, "former_name")
        names.update((a, "former_alias") for a in former.aliases if a not in names)
    return names


def _entity_changes(old: Entity, new: Entity) -> list[Change]:
    changes = []
    before, after = _names(old), _names(new)
    if old.name != new.name:
        kept = {"former_name": "kept as a former name", "alias": "kept as an alias",
                "former_alias": "kept as a former alias"}.get(after.get(old.name, ""), "dropped")
        changes.append(Change("renamed", new.id, f"{new.id} {old.name!r} -> {new.name!r} (old name {kept})",
                              {"from": old.name, "to": new.name}))
    told = {old.name, new.name} if old.name != new.name else set()  # the rename line says it
    for text, kind in after.items():
        if text in told:
            continue
        if text not in before:
            changes.append(Change("name_added", new.id, f"{new.id} {kind} {text!r}", {"name": text, "as": kind}))
        elif before[text] != kind:
            changes.append(Change("name_changed", new.id, f"{new.id} {text!r} {before[text]} -> {kind}",
                                  {"name": text, "from": before[text], "to": kind}))
    for text, kind in before.items():
        if text not in after and text not in told:
            changes.append(Change("name_removed", new.id, f"{new.id} {kind} {text!r}", {"name": text, "was": kind}))
    return changes


def diff_resolutions(old: Matcher, new: Matcher, names: list[str]) -> list[Change]:
    """The names whose answer (match id, or why there is none) differs between two tables."""
    changes = []
    for name in dict.fromkeys(names):
        before, after = _answer(old.resolve(name)), _answer(new.resolve(name))
        if before != after:
            note = ""
            if before[0] and after[0] and new.table.merged.get(before[0]) == after[0]:
                note = f" ({before[0]} was merged into {after[0]})"
            changes.append(Change("resolution_changed", after[0] or before[0],
                                  f"{name!r}: {_show(before)} -> {_show(after)}{note}",
                                  {"name": name, "before": before[0], "after": after[0],
                                   "before_reason": before[1], "after_reason": after[1]}))
    return changes


def _answer(result: Resolution) -> tuple[str | None, str | None, tuple[str, ...]]:
    """What a pipeline sees: the match id, or why none, and for ambiguity the contenders."""
    if result.match:
        return result.match.id, None, ()
    contenders = tuple(sorted({c.id for c in result.candidates[:2]})) if result.ambiguous else ()
    return None, result.reason, contenders


def _show(answer: tuple) -> str:
    match, reason, contenders = answer
    if match:
        return match
    return f"no match ({reason}{': ' + ', '.join(contenders) if contenders else ''})"
