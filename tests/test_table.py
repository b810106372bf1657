"""Loading and validating tables: every error names file, line and entity."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from service.table import TableError, load_table

ROOT = Path(__file__).resolve().parent.parent

GOOD_ENTITY = """\
version: 1
entities:
  - id: hts
    type: organization
    name: Hayat Tahrir al-Sham
"""

BROKEN = [
    # (table text, line, words the message must contain)
    ("version: 1\nentities:\n  - id: hts\n    name: x\n   type: bad indent\n    aliases: []\n", 5,
     ["invalid YAML"]),
    (GOOD_ENTITY + "    nmae: typo\n", 6, ["entity 'hts'", "unknown key 'nmae'"]),
    (GOOD_ENTITY + "  - id: hts\n    type: place\n    name: Other\n", 6, ["entity 'hts'", "duplicate id"]),
    (GOOD_ENTITY + "    former_names:\n      - name: Jabhat al-Nusra\n        until: 2016-13\n", 8,
     ["entity 'hts'", "former_names[0].until", "'2016-13' is not a date"]),
    ("version: 1\nentities:\n  - id: hts\n    type: organization\n", 3, ["entity 'hts'", "name is empty"]),
    (GOOD_ENTITY + "    name: Again\n", 6, ["duplicate key 'name'"]),
    (GOOD_ENTITY + "  - id: Bad Id\n    type: place\n    name: X\n", 6, ["must match"]),
    (GOOD_ENTITY + "    merged_ids: [hts]\n", 3, ["merged id 'hts' is also a live id"]),
    (GOOD_ENTITY + "    aliases: [HTS, '']\n", 6, ["aliases[1] is empty"]),
    (GOOD_ENTITY + "    aliases: [yes]\n", 6, ["must be a string"]),
    (GOOD_ENTITY + "    former_names:\n      - name: A\n        from: 2017\n        until: 2016\n", 8,
     ["from 2017 is after its until 2016"]),
    ("version: 2\nentities: []\n", 1, ["version must be one of [1]"]),
]


@pytest.mark.parametrize("raw,words", [
    (b"", ["empty"]),
    (b"version: 1\nentities:\n  - id: x\n    name: \xff\xfe\n", ["not UTF-8", ":4:"]),
])
def test_unusable_bytes_are_errors(tmp_path, raw, words):
    path = tmp_path / "aliases.yaml"
    path.write_bytes(raw)
    with pytest.raises(TableError) as caught:
        load_table(path)
    assert all(word in str(caught.value) for word in words)


def test_homonyms_load(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("version: 1\nentities:\n"
                    "  - {id: alexandria-egypt, type: place, name: Alexandria}\n"
                    "  - {id: alexandria-virginia, type: place, name: Alexandria}\n")
    assert [e.id for e in load_table(path).entities] == ["alexandria-egypt", "alexandria-virginia"]


def test_shipped_table_loads_and_is_sourced():
    table = load_table(ROOT / "aliases.yaml")
    assert len(table.entities) >= 150
    assert all(entity.sources for entity in table.entities)


def _as_json(path: Path) -> Path:
    """The shipped table written as JSON, as tools write big tables."""
    import yaml

    data = yaml.safe_load((ROOT / "aliases.yaml").read_text())
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    return path


def test_a_json_table_loads_like_its_yaml(tmp_path):
    yaml_table = load_table(ROOT / "aliases.yaml")
    json_table = load_table(_as_json(tmp_path / "aliases.json"))
    assert [dataclasses.replace(e, line=0) for e in yaml_table.entities] == list(json_table.entities)
    # lint asks for lines: then a JSON table has them too
    assert all(e.line > 0 for e in load_table(tmp_path / "aliases.json", lines=True).entities)


JSON_BROKEN = [
    # (JSON table text, line, words the message must contain): JSON errors name lines as YAML's do
    ('{\n "version": 1,\n "entities": [\n  {"id": "hts",\n   "type": "Org",\n   "name": "HTS"}\n ]\n}\n', 5,
     ["entity 'hts'", "type 'Org' must be a lowercase word"]),
    ('{\n "version": 1,\n "version": 1,\n "entities": []\n}\n', 3, ["duplicate key 'version'"]),
    ('{\n "version": 1,\n "entities": [\n  {"id": "hts", "type": "place", "name": "X"},\n]\n', 6,
     ["invalid YAML"]),
]


BROKEN_FILES = [("aliases.yaml", *case) for case in BROKEN] + [("aliases.json", *case) for case in JSON_BROKEN]


@pytest.mark.parametrize("name,text,line,words", BROKEN_FILES, ids=[f"{n}: {w[-1]}" for n, _, _, w in BROKEN_FILES])
def test_broken_table_error_names_file_and_line(tmp_path, name, text, line, words):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(TableError) as caught:
        load_table(path)
    message = str(caught.value)
    assert f"{path}:{line}:" in message, message
    assert all(word in message for word in words), message
