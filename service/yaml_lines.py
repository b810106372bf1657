"""A safe YAML loader that remembers where each mapping and item came from.

Curators need `file:line` in every error, and a duplicated key must be an
error rather than PyYAML's silent last-one-wins. Only the safe constructors
are registered, so tags such as ``!!python/object`` are rejected.
"""
from __future__ import annotations

import yaml


class LineDict(dict):
    """A mapping with the line of its first key and of every key."""

    line: int = 0
    key_lines: dict


class LineList(list):
    """A sequence with the line of each item."""

    line: int = 0
    item_lines: list


class DuplicateKeyError(yaml.MarkedYAMLError):
    """The same key twice in one mapping."""


# libyaml's parser (in PyYAML's wheels) reads a large table about 3.5x faster
# than the pure-Python one; both use the safe constructors below.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (str, int, float, bool)) and key in seen:
            raise DuplicateKeyError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen[key] = key_node.start_mark.line + 1
    result = LineDict(loader.construct_mapping(node, deep=True))
    result.line = node.start_mark.line + 1
    result.key_lines = seen
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_sequence(node, deep=True))
    result.line = node.start_mark.line + 1
    result.item_lines = [item.start_mark.line + 1 for item in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def load_yaml(text: str):
    """Parse YAML text with line information; raises yaml.YAMLError."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from (C)SafeLoader


def line_of(node, key=None, index=None, default: int = 0) -> int:
    """The line of a key or item of a loaded node, else the node's own line."""
    if key is not None and isinstance(node, LineDict):
        return node.key_lines.get(key, node.line)
    if index is not None and isinstance(node, LineList) and index < len(node.item_lines):
        return node.item_lines[index]
    return getattr(node, "line", default)
