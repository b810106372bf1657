"""`python -m service diff`: what an edit does to entities, names, ids and resolutions."""
from __future__ import annotations

import json

import pytest

from service.cli import main
from service.diff import diff_tables
from service.table import parse_table
from tests.conftest import DATA

BEFORE, AFTER, NAMES = DATA / "small.yaml", DATA / "diff" / "after.yaml", DATA / "diff" / "names.txt"

# One line per change in tests/data/diff/after.yaml, in the order the diff prints them.
EXPECTED = """\
name changed: ahmed-al-sharaa 'al-Joulani' former_alias -> alias
renamed: hts 'Hayat Tahrir al-Sham' -> 'HTS Syria' (old name kept as a former name)
name added: hts alias "Hay'at Tahrir"
name removed: hts alias 'HTS'
name removed: bashar-al-assad alias 'Башар Асад'
renamed: vladimir-putin 'Vladimir Putin' -> 'Vladimir Vladimirovich Putin' (old name kept as an alias)
added: al-qamishli (place) 'Qamishli'
added: tartus (place) 'Tartus'
removed: ahrar-al-sham (organization) 'Ahrar al-Sham': pipelines holding this id will get 404
merged: qamishli 'Qamishli' into al-qamishli 'Qamishli'
unmerged: alexandria-va (merged into alexandria-virginia) no longer resolves: pipelines holding it will get 404
"""

# Of tests/data/diff/names.txt, only these answer differently (al-Julani, al-Joulani, Vladimir Putin do not).
EXPECTED_RESOLUTIONS = """\
resolution changed: 'HTS': hts -> no match (no_candidates)
resolution changed: 'Ahrar al-Sham': ahrar-al-sham -> no match (below_threshold)
resolution changed: 'Qamishli': qamishli -> al-qamishli (qamishli was merged into al-qamishli)
resolution changed: 'Tartus': no match (no_candidates) -> tartus
"""


def test_diff_prints_one_line_per_change(capsys):
    assert main(["diff", str(BEFORE), str(AFTER)]) == 0
    assert capsys.readouterr().out == EXPECTED


def test_diff_with_names_reports_only_changed_resolutions(capsys):
    assert main(["diff", str(BEFORE), str(AFTER), "--names", str(NAMES)]) == 0
    assert capsys.readouterr().out == EXPECTED + EXPECTED_RESOLUTIONS


def test_diff_json_carries_versions_kinds_and_details(capsys):
    assert main(["diff", str(BEFORE), str(AFTER), "--names", str(NAMES), "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["old"]["path"] == str(BEFORE) and len(body["new"]["version"]) == 12
    kinds = [c["kind"] for c in body["changes"]]
    assert kinds.count("resolution_changed") == 4
    assert {"added", "removed", "renamed", "merged", "unmerged", "name_added", "name_removed",
            "name_changed"} <= set(kinds)
    merged = next(c for c in body["changes"] if c["kind"] == "merged")
    assert merged["id"] == "qamishli" and merged["details"] == {"into": "al-qamishli"}
    moved = next(c for c in body["changes"] if c["details"].get("name") == "Qamishli")
    assert moved["details"] == {"name": "Qamishli", "before": "qamishli", "after": "al-qamishli",
                                "before_reason": None, "after_reason": None}


def test_identical_tables_have_no_changes(capsys):
    assert main(["diff", str(BEFORE), str(BEFORE), "--names", str(NAMES)]) == 0
    assert capsys.readouterr().out == ""


def test_an_invalid_table_exits_1(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nentities: [\n")
    assert main(["diff", str(BEFORE), str(broken)]) == 1
    assert f"{broken}:3: invalid YAML" in capsys.readouterr().err


def table(*entities: dict):
    return parse_table({"version": 1, "entities": [{"type": "place", **e} for e in entities]})


CASES = [
    # (what, before, after, expected lines)
    ("a renamed entity whose old name was dropped",
     [{"id": "a", "name": "Old Town"}], [{"id": "a", "name": "New Town"}],
     ["renamed: a 'Old Town' -> 'New Town' (old name dropped)"]),
    ("an id changed without merged_ids",
     [{"id": "a", "name": "Homs"}], [{"id": "homs", "name": "Homs"}],
     ["added: homs (place) 'Homs'",
      "removed: a (place) 'Homs': pipelines holding this id will get 404; homs has its name: "
      "list a in its merged_ids?"]),
    ("a retired id moved to another entity",
     [{"id": "a", "name": "Homs", "merged_ids": ["x"]}, {"id": "b", "name": "Hama"}],
     [{"id": "a", "name": "Homs"}, {"id": "b", "name": "Hama", "merged_ids": ["x"]}],
     ["merged: x now points to b (was a)"]),
    ("an entity merged with its retired ids",
     [{"id": "a", "name": "Homs", "merged_ids": ["x"]}, {"id": "b", "name": "Hims"}],
     [{"id": "b", "name": "Hims", "merged_ids": ["a", "x"]}],
     ["merged: a 'Homs' into b 'Hims'"]),
    ("a former name's alias becomes a former name",
     [{"id": "a", "name": "Homs", "former_names": [{"name": "Emesa", "aliases": ["Hims"]}]}],
     [{"id": "a", "name": "Homs", "former_names": [{"name": "Emesa"}, {"name": "Hims"}]}],
     ["name changed: a 'Hims' former_alias -> former_name"]),
]


@pytest.mark.parametrize("what,before,after,expected", CASES, ids=[c[0] for c in CASES])
def test_diff_tables(what, before, after, expected):
    assert [str(c) for c in diff_tables(table(*before), table(*after))] == expected
