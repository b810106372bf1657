"""`python -m service lint`: every warning kind, merged_ids cycles, exit codes, CI and JSON output."""
from __future__ import annotations

import json
import re
import textwrap

import pytest

from service.cli import main

HEAD = "version: 1\nentities:\n"


def table(tmp_path, body: str):
    """Write a table whose entities are `body` (YAML, dedented); line 3 is the first entity."""
    path = tmp_path / "aliases.yaml"
    path.write_text(HEAD + textwrap.indent(textwrap.dedent(body).strip("\n"), "  ") + "\n", encoding="utf-8")
    return path


CLEAN = """
- id: qamishli
  type: place
  name: Qamishli
  aliases: [Qamişlo, Камышлы]
  sources: [https://en.wikipedia.org/wiki/Qamishli]
"""

WARNINGS = [
    # (what, table, line, message fragment)
    ("homonym", """
     - id: alexandria-egypt
       type: place
       name: Alexandria
       sources: [s]
     - id: alexandria-virginia
       type: place
       name: ALEXANDRIA
       sources: [s]
     """, 7, "homonym: the name 'alexandria' belongs to 2 entities (alexandria-egypt, alexandria-virginia)"),
    ("near-collision", """
     - id: muhammad-hamdan
       type: person
       name: Muhammad Hamdan
       sources: [s]
     - id: mohammed-hamdaan
       type: person
       name: Mohammed Hamdaan
       sources: [s]
     """, 3, "near-collision: 'Muhammad Hamdan' scores 0.97 (phonetic) against 'Mohammed Hamdaan' of "
             "'mohammed-hamdaan'"),
    ("former name still open", """
     - id: hts
       type: organization
       name: Hayat Tahrir al-Sham
       former_names:
         - {name: Jabhat al-Nusra, from: 2012}
       sources: [s]
     """, 3, "former name 'Jabhat al-Nusra' has no 'until': it overlaps the current name"),
    ("former name ending in the future", """
     - id: hts
       type: organization
       name: Hayat Tahrir al-Sham
       former_names:
         - {name: Jabhat al-Nusra, from: 2012, until: 2999}
       sources: [s]
     """, 3, "former name 'Jabhat al-Nusra' ends in the future (2999): it overlaps the current name"),
    ("former names overlapping each other", """
     - id: hts
       type: organization
       name: Hayat Tahrir al-Sham
       former_names:
         - {name: Jabhat al-Nusra, from: 2012-01, until: 2016-12}
         - {name: Jabhat Fatah al-Sham, from: 2016-07, until: 2017-01}
       sources: [s]
     """, 3, "former names 'Jabhat al-Nusra' and 'Jabhat Fatah al-Sham' have overlapping dates"),
    ("former name after dissolution", """
     - id: hts
       type: organization
       name: Hayat Tahrir al-Sham
       dissolved: 2015
       former_names:
         - {name: Jabhat Fatah al-Sham, from: 2016-07, until: 2017-01}
       sources: [s]
     """, 3, "former name 'Jabhat Fatah al-Sham' starts after the entity was dissolved (2015)"),
    ("name listed twice", """
     - id: qamishli
       type: place
       name: Qamishli
       aliases: [qamishli]
       sources: [s]
     """, 3, "'qamishli' is listed twice"),
    ("no sources", """
     - id: qamishli
       type: place
       name: Qamishli
     """, 3, "no sources: cite where the names and dates come from"),
]


@pytest.mark.parametrize("what,body,line,message", WARNINGS, ids=[w[0] for w in WARNINGS])
def test_each_warning_kind_is_reported_at_its_entity(tmp_path, capsys, what, body, line, message):
    path = table(tmp_path, body)
    assert main(["lint", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:{line}: warning: " in out and message in out
    assert main(["lint", "--strict", str(path)]) == 2


ERRORS = [
    # (what, table, expected lines of output: every finding, in order)
    ("two-entity cycle", """
     - id: jabhat-al-nusra
       type: organization
       name: Jabhat al-Nusra
       merged_ids: [hts]
       sources: [s]
     - id: hts
       type: organization
       name: Hayat Tahrir al-Sham
       merged_ids: [jabhat-al-nusra]
       sources: [s]
     """, ["3: error: entity 'jabhat-al-nusra': merged_ids cycle jabhat-al-nusra -> hts -> jabhat-al-nusra"]),
    ("self-merge", """
     - id: hts
       type: organization
       name: Hayat Tahrir al-Sham
       merged_ids: [hts]
       sources: [s]
     """, ["3: error: entity 'hts': merged_ids cycle hts -> hts"]),
    ("merged id still live, no cycle", """
     - id: hts
       type: organization
       name: Hayat Tahrir al-Sham
       merged_ids: [jabhat-al-nusra]
       sources: [s]
     - id: jabhat-al-nusra
       type: organization
       name: Jabhat al-Nusra
       sources: [s]
     """, ["3: error: entity 'hts': merged id 'jabhat-al-nusra' is also a live id"]),
    ("schema error", """
     - id: hts
       type: organization
       sources: [s]
     """, ["3: error: entity 'hts': name is empty"]),
]


@pytest.mark.parametrize("what,body,expected", ERRORS, ids=[e[0] for e in ERRORS])
def test_errors_exit_1_with_file_and_line(tmp_path, capsys, what, body, expected):
    path = table(tmp_path, body)
    assert main(["lint", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(expected)
    for got, want in zip(lines, expected):
        assert got.startswith(f"{path}:{want}")


def test_clean_table_exits_0_even_when_strict(tmp_path, capsys):
    path = table(tmp_path, CLEAN)
    assert main(["lint", str(path)]) == 0
    assert main(["lint", "--strict", str(path)]) == 0
    assert capsys.readouterr().out == ""


def test_every_output_line_is_file_line_level_message(tmp_path, capsys):
    path = table(tmp_path, WARNINGS[0][1] + WARNINGS[7][1])
    main(["lint", str(path)])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert all(re.fullmatch(rf"{re.escape(str(path))}:\d+: (error|warning): .+", line) for line in lines)


def test_json_lists_findings_with_file_line_level_entity(tmp_path, capsys):
    path = table(tmp_path, WARNINGS[0][1])
    assert main(["lint", "--json", "--strict", str(path)]) == 2
    findings = json.loads(capsys.readouterr().out)
    assert findings == [{"file": str(path), "line": 7, "level": "warning", "entity": "alexandria-virginia",
                         "message": WARNINGS[0][3] + ": a query for it is answered as ambiguous"}]


def test_unreadable_file_is_an_error(tmp_path, capsys):
    assert main(["lint", str(tmp_path / "missing.yaml")]) == 1
    assert "error: cannot read: No such file or directory" in capsys.readouterr().out
