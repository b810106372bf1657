"""Loading and validating tables: every error names file, line and entity."""
from __future__ import annotations

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


@pytest.mark.parametrize("text,line,words", BROKEN, ids=[w[-1] for _, _, w in BROKEN])
def test_broken_table_error_names_file_and_line(tmp_path, text, line, words):
    path = tmp_path / "aliases.yaml"
    path.write_text(text)
    with pytest.raises(TableError) as caught:
        load_table(path)
    message = str(caught.value)
    assert f"{path}:{line}:" in message
    for word in words:
        assert word in message


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
