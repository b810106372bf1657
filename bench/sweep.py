"""Sweep the decision settings (MATCH_THRESHOLD, AMBIGUITY_MARGIN) on the accuracy benchmark.

    .venv/bin/python bench/sweep.py            # the full benchmark's data, service only
    .venv/bin/python bench/sweep.py --quick

Same data and seed as bench/accuracy.py; every figure is on its test slice.
Prints, per setting, the all-groups error and false-match rates, the
`removed` group's false-match rate (names of entities missing from the table)
and the `typo` group's top-1: a stricter setting declines one-edit typos of
names the table holds as it declines look-alikes of names it lacks.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))
from bench.accuracy import FULL, QUICK, SEED  # noqa: E402
from bench.datasets import build  # noqa: E402
from service.matcher import Matcher  # noqa: E402
from service.table import parse_table  # noqa: E402

SETTINGS = [(t, m) for t in (0.75, 0.8, 0.85, 0.9, 0.95) for m in (0.0, 0.03, 0.05)]


def rates(matcher: Matcher, queries) -> tuple[float, float, float, float]:
    """All-groups error %, all-groups false-match %, removed-group false-match %, typo-group top-1 %."""
    answers = matcher.resolve_batch([q.text for q in queries])
    got = [r.match.id if r.match else None for r in answers]
    wrong = sum(g != q.expected for g, q in zip(got, queries))
    false = sum(g is not None and g != q.expected for g, q in zip(got, queries))
    removed = [(g, q) for g, q in zip(got, queries) if q.group == "removed"]
    typos = [(g, q) for g, q in zip(got, queries) if q.group == "typo"]
    return (100 * wrong / len(queries), 100 * false / len(queries),
            100 * sum(g is not None for g, _ in removed) / max(len(removed), 1),
            100 * sum(g == q.expected for g, q in typos) / max(len(typos), 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    bench = build(SEED, **(QUICK if args.quick else FULL))
    test = [q for q in bench.queries if not q.dev]
    table = parse_table(bench.table, source="<sweep>")
    print(f"$ .venv/bin/python bench/sweep.py{' --quick' if args.quick else ''}")
    print(f"{len(test)} test queries, seed {SEED}\n")
    print("| threshold | margin | error % | false % | removed false % | typo top-1 % |")
    print("|---|---|---|---|---|---|")
    for threshold, margin in SETTINGS:
        error, false, removed, typo = rates(Matcher(table, threshold=threshold, margin=margin), test)
        print(f"| {threshold} | {margin} | {error:.1f} | {false:.1f} | {removed:.1f} | {typo:.1f} |")


if __name__ == "__main__":
    main()
