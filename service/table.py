"""Read and validate aliases.yaml into an immutable AliasTable.

Every rule here is documented in the README ("The alias table"). Validation
collects all errors, each naming the file, the line and the entity, so a
curator fixes a broken edit in one pass.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import yaml

from .dates import PartialDate
from .gc_paused import gc_paused
from .yaml_lines import line_of, load_yaml

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._:-]*$")
TYPE_PATTERN = re.compile(r"^[a-z][a-z_-]*$")
TOP_KEYS = {"version", "entities"}
ENTITY_KEYS = {"id", "type", "name", "aliases", "former_names", "external_ids",
               "merged_ids", "sources", "dissolved"}
FORMER_KEYS = {"name", "from", "until", "aliases"}
SUPPORTED_VERSIONS = {1}


@dataclass(frozen=True, slots=True)
class Finding:
    """One validation error or warning, printable as `file:line: message`."""

    source: str
    line: int
    message: str
    entity: str | None = None
    level: str = "error"

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        who = f"entity '{self.entity}': " if self.entity else ""
        return f"{where}: {who}{self.message}"


class TableError(Exception):
    """A table that cannot be served; `findings` lists every error."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("\n".join(map(str, findings)))


@dataclass(frozen=True, slots=True)
class FormerName:
    name: str
    start: PartialDate | None
    end: PartialDate | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    former_names: tuple[FormerName, ...] = ()
    external_ids: Mapping[str, str] = field(default_factory=dict)
    merged_ids: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    dissolved: PartialDate | None = None
    line: int = 0


@dataclass(frozen=True)
class AliasTable:
    """A validated table: entities by id and retired ids to live ones."""

    entities: tuple[Entity, ...]
    source: str = "<memory>"
    sha256: str = ""
    by_id: Mapping[str, Entity] = field(init=False)
    merged: Mapping[str, str] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "by_id", MappingProxyType({e.id: e for e in self.entities}))
        object.__setattr__(self, "merged", MappingProxyType(
            {old: e.id for e in self.entities for old in e.merged_ids}))

    @property
    def version(self) -> str:
        """Short content hash: what pipelines record next to a resolution."""
        return self.sha256[:12]

    def live_id(self, entity_id: str) -> str | None:
        """The live id for a live or retired id, else None."""
        if entity_id in self.by_id:
            return entity_id
        return self.merged.get(entity_id)


def load_table(path: str | Path, *, max_bytes: int | None = None, lines: bool = False) -> AliasTable:
    """Read, hash, parse and validate a table file; raise TableError if it is bad.

    `lines`: give every entity its line even when the file is JSON (lint's
    warnings name lines; serving needs them only in errors).
    """
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise TableError([Finding(source, 0, f"file is {size} bytes, over the limit of {max_bytes}")])
        raw = path.read_bytes()
    except OSError as exc:
        raise TableError([Finding(source, 0, f"cannot read: {exc.strerror or exc}")]) from None
    return parse_table_bytes(raw, source=source, lines=lines)


@gc_paused()   # the store's loads and reloads come through here, as load_table does
def parse_table_bytes(raw: bytes, *, source: str = "<memory>", lines: bool = False) -> AliasTable:
    """Decode, parse and validate table bytes.

    JSON is YAML too, and tools that write big tables (a gazetteer, a
    sanctions list) often write JSON: such a file is read by the JSON parser,
    some 30 times faster than YAML's. JSON knows no line numbers, so a JSON
    table that fails (bad JSON, a duplicated key, a validation error) is read
    again as YAML, and every error names its line as for any table.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TableError([Finding(source, line, f"not UTF-8 (byte {exc.start})")]) from None
    if not text.strip():
        raise TableError([Finding(source, 0, "file is empty")])
    sha256 = hashlib.sha256(raw).hexdigest()
    json_errors = None
    if not lines and text.lstrip().startswith("{"):
        try:
            return parse_table(json.loads(text, object_pairs_hook=unique_keys), source=source, sha256=sha256)
        except TableError as exc:
            json_errors = exc  # valid JSON, invalid table: YAML will name the lines
        except (ValueError, RecursionError):
            pass  # not JSON after all, or a duplicated key: YAML says where
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        if json_errors is not None:  # JSON that YAML cannot read (tabs): the errors without lines
            raise json_errors from None
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise TableError([Finding(source, mark.line + 1 if mark else 0, f"invalid YAML: {problem}")]) from None
    return parse_table(data, source=source, sha256=sha256)


class RepeatedKeyError(ValueError):
    """A JSON object that repeats a key: JSON parsers would keep the last one silently."""

    def __init__(self, key: str):
        super().__init__(f"repeats the key {key!r}")
        self.key = key


def unique_keys(pairs: list[tuple[str, object]]) -> dict:
    """`object_pairs_hook` for json.loads: a repeated key is an error, for tables and request bodies alike.

    >>> unique_keys([("a", 1), ("b", 2)])
    {'a': 1, 'b': 2}
    >>> unique_keys([("a", 1), ("b", 2), ("b", 3), ("a", 4)])
    Traceback (most recent call last):
    service.table.RepeatedKeyError: repeats the key 'b'
    """
    result = dict(pairs)
    if len(result) < len(pairs):   # rare: only then look for which key came twice
        seen: set = set()
        raise RepeatedKeyError(next(key for key, _ in pairs if key in seen or seen.add(key)))
    return result


def parse_table(data: object, *, source: str = "<memory>", sha256: str = "") -> AliasTable:
    """Validate already-parsed table data (e.g. a dict built in memory)."""
    checker = _Checker(source)
    entities = checker.table(data)
    if checker.errors:
        raise TableError(checker.errors)
    if not sha256:
        sha256 = hashlib.sha256(repr(data).encode()).hexdigest()
    return AliasTable(tuple(entities), source=source, sha256=sha256)


class _Checker:
    """Walks the parsed YAML, building entities and collecting errors."""

    def __init__(self, source: str):
        self.source = source
        self.errors: list[Finding] = []
        self.entity_id: str | None = None

    def error(self, line: int, message: str) -> None:
        self.errors.append(Finding(self.source, line, message, self.entity_id))

    def table(self, data: object) -> list[Entity]:
        if not isinstance(data, dict):
            self.error(line_of(data), "the table must be a mapping with 'version' and 'entities'")
            return []
        self.unknown_keys(data, TOP_KEYS, "top level")
        if data.get("version") not in SUPPORTED_VERSIONS:
            self.error(line_of(data, "version"), f"version must be one of {sorted(SUPPORTED_VERSIONS)}, "
                                                 f"not {data.get('version')!r}")
        items = data.get("entities")
        if not isinstance(items, list):
            self.error(line_of(data, "entities"), "'entities' must be a list")
            return []
        entities = [e for i, item in enumerate(items) if (e := self.entity(item, line_of(items, index=i)))]
        self.cross_checks(entities)
        return entities

    def entity(self, item: object, line: int) -> Entity | None:
        self.entity_id = None
        if not isinstance(item, dict):
            self.error(line, "each entity must be a mapping")
            return None
        raw_id = item.get("id")
        self.entity_id = raw_id if isinstance(raw_id, str) else None
        self.unknown_keys(item, ENTITY_KEYS, "entity")
        ok = len(self.errors)
        entity_id = self.required_string(item, "id")
        if entity_id is not None and not ID_PATTERN.match(entity_id):
            self.error(line_of(item, "id"), f"id {entity_id!r} must match {ID_PATTERN.pattern}")
        etype = self.required_string(item, "type")
        if etype is not None and not TYPE_PATTERN.match(etype):
            self.error(line_of(item, "type"), f"type {etype!r} must be a lowercase word")
        name = self.name(item.get("name"), line_of(item, "name", default=line), "name")
        entity = Entity(
            id=entity_id or "", type=etype or "", name=name or "",
            aliases=self.names(item, "aliases"),
            former_names=self.former_names(item),
            external_ids=self.external_ids(item),
            merged_ids=tuple(self.ids(item, "merged_ids")),
            sources=tuple(self.strings(item, "sources")),
            dissolved=self.date(item, "dissolved", "dissolved"),
            line=line,
        )
        return entity if len(self.errors) == ok else None

    def unknown_keys(self, node: dict, allowed: set, what: str) -> None:
        for key in node:
            if key not in allowed:
                self.error(line_of(node, key), f"unknown key {key!r} in {what} (allowed: {', '.join(sorted(allowed))})")

    def required_string(self, node: dict, key: str) -> str | None:
        value = node.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            self.error(line_of(node, key), f"'{key}' is required")
            return None
        if not isinstance(value, str):
            self.error(line_of(node, key), f"'{key}' must be a string, not {value!r}")
            return None
        return value.strip()

    def name(self, value: object, line: int, what: str) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            self.error(line, f"{what} is empty")
            return None
        if not isinstance(value, str):
            self.error(line, f"{what} {value!r} must be a string (quote it in YAML)")
            return None
        return value.strip()

    def list_of(self, node: dict, key: str) -> list:
        value = node.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(line_of(node, key), f"'{key}' must be a list")
            return []
        return value

    def names(self, node: dict, key: str, prefix: str = "") -> tuple[str, ...]:
        items = self.list_of(node, key)
        found = (self.name(v, line_of(items, index=i, default=line_of(node, key)), f"{prefix}{key}[{i}]")
                 for i, v in enumerate(items))
        return tuple(n for n in found if n)

    def strings(self, node: dict, key: str) -> list[str]:
        items = self.list_of(node, key)
        for i, value in enumerate(items):
            if not isinstance(value, str) or not value.strip():
                self.error(line_of(items, index=i, default=line_of(node, key)), f"{key}[{i}] must be a non-empty string")
        return [v.strip() for v in items if isinstance(v, str) and v.strip()]

    def ids(self, node: dict, key: str) -> list[str]:
        ids = self.strings(node, key)
        for value in ids:
            if not ID_PATTERN.match(value):
                self.error(line_of(node, key), f"{key} entry {value!r} must match {ID_PATTERN.pattern}")
        return ids

    def date(self, node: dict, key: str, what: str) -> PartialDate | None:
        if node.get(key) is None:
            return None
        try:
            return PartialDate.parse(node[key])
        except ValueError as exc:
            self.error(line_of(node, key), f"{what} {exc}")
            return None

    def former_names(self, node: dict) -> tuple[FormerName, ...]:
        result = []
        for i, item in enumerate(self.list_of(node, "former_names")):
            where = f"former_names[{i}]"
            line = line_of(node["former_names"], index=i)
            if not isinstance(item, dict):
                self.error(line, f"{where} must be a mapping with 'name', 'from', 'until', 'aliases'")
                continue
            self.unknown_keys(item, FORMER_KEYS, where)
            name = self.name(item.get("name"), line_of(item, "name", default=line), f"{where}.name")
            start = self.date(item, "from", f"{where}.from")
            end = self.date(item, "until", f"{where}.until")
            if start and end and start.first > end.last:
                self.error(line_of(item, "from"), f"{where}.from {start} is after its until {end}")
            aliases = self.names(item, "aliases", prefix=f"{where}.")
            if name:
                result.append(FormerName(name, start, end, aliases))
        return tuple(result)

    def external_ids(self, node: dict) -> Mapping[str, str]:
        value = node.get("external_ids")
        if value is None:
            return MappingProxyType({})
        if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, (str, int)) and not isinstance(v, bool) for k, v in value.items()):
            self.error(line_of(node, "external_ids"), "'external_ids' must map names to string ids")
            return MappingProxyType({})
        return MappingProxyType({k: str(v) for k, v in value.items()})

    def cross_checks(self, entities: list[Entity]) -> None:
        """Rules that span entities: unique ids, merged ids that are not live."""
        seen: dict[str, Entity] = {}
        for entity in entities:
            self.entity_id = entity.id
            if entity.id in seen:
                self.error(entity.line, f"duplicate id (first defined at line {seen[entity.id].line})")
            seen.setdefault(entity.id, entity)
        retired: dict[str, str] = {}
        for entity in entities:
            self.entity_id = entity.id
            for old in entity.merged_ids:
                if old in seen:
                    self.error(entity.line, f"merged id {old!r} is also a live id")
                elif old in retired and retired[old] != entity.id:
                    self.error(entity.line, f"merged id {old!r} is already merged into {retired[old]!r}")
                retired[old] = entity.id
        self.entity_id = None
