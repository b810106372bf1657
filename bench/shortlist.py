"""Does the candidate index lose answers? The matcher with its word-index shortlist against the same
matcher scoring every name of the table, on the accuracy benchmark (issue 4: "accuracy must not drop
against exhaustive scoring").

    .venv/bin/python bench/shortlist.py                   # 100 test queries per group (~3 minutes on 2 cores)
    .venv/bin/python bench/shortlist.py --per-group 20    # a fast check

Table and queries are the accuracy benchmark's (bench/datasets.py, same seed): from each group, the
first test queries in an order drawn with the seed. "Every name" replaces only the word index's
shortlist (up to matcher.RESCORE names, service/words.py) with every name the fuzzy scorer may
compare; everything else, the look-ups by key and the rules that read a name again, is the same
code. A name scored by every-name only finds answers the shortlist missed, and false matches the
shortlist spared.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.append(str(Path(__file__).resolve().parent.parent))
from bench.accuracy import FULL, SEED, Answer, score_group, versions  # noqa: E402
from bench.datasets import GROUPS, build  # noqa: E402
from service import index as index_module  # noqa: E402
from service.matcher import Matcher  # noqa: E402
from service.table import parse_table  # noqa: E402


class EveryName(Matcher):
    """The matcher, fuzzy-scoring every name instead of the word index's shortlist."""

    def __init__(self, table):
        super().__init__(table)
        flags = np.frombuffer(self.index._flags, dtype=np.uint8)
        self._every = np.flatnonzero((flags & index_module._EXACT_ONLY) == 0).tolist()   # what the shortlist draws from

    def _fuzzy_shortlist(self, forms, memo=None) -> list[int]:
        return self._every


_MATCHERS: dict[str, Matcher] = {}   # built before the pool forks, read by _answer


def _answer(job: tuple[str, str]) -> tuple[Answer, float]:
    which, text = job
    started = time.process_time()
    match = _MATCHERS[which].resolve(text).match
    took = time.process_time() - started
    return (Answer(match.id, match.score, match.how, match.matched.text) if match else Answer(None, 0.0)), took


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-group", type=int, default=100, metavar="N", help="test queries per group")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--show", type=int, default=10, metavar="N", help="print N queries answered differently")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    print("$ .venv/bin/python bench/shortlist.py " + " ".join(sys.argv[1:] if argv is None else argv))
    print(versions())
    bench = build(args.seed, **FULL)
    test = [q for q in bench.queries if not q.dev]
    random.Random(args.seed).shuffle(test)
    picked = [q for group in GROUPS for q in [q for q in test if q.group == group][:args.per_group]]
    table = parse_table(bench.table, source="<accuracy benchmark>")
    _MATCHERS.update(shortlist=Matcher(table), every=EveryName(table))
    print(f"seed {args.seed}; {len(_MATCHERS['every']._every)} names the fuzzy scorer may compare; "
          f"{len(picked)} test queries ({args.per_group} per group at most)\n")
    systems, cpu = {}, {}
    for which in _MATCHERS:
        with multiprocessing.get_context("fork").Pool(os.cpu_count() or 1) as pool:
            out = pool.map(_answer, [(which, q.text) for q in picked], chunksize=4)
        systems[which] = [a for a, _ in out]
        cpu[which] = sorted(t for _, t in out)
    print_table(picked, systems)
    only = {s: sum(a.got == q.expected != b.got for a, b, q in zip(systems[s], systems[o], picked))
            for s, o in (("shortlist", "every"), ("every", "shortlist"))}
    differ = [(q, a, b) for q, a, b in zip(picked, systems["shortlist"], systems["every"]) if a.got != b.got]
    print(f"\nanswers that differ: {len(differ)} of {len(picked)}; right only with the shortlist: "
          f"{only['shortlist']}, right only when every name is scored: {only['every']}")
    for which, times in cpu.items():
        print(f"CPU per query, {which}: median {1000 * times[len(times) // 2]:.2f} ms, "
              f"mean {1000 * sum(times) / len(times):.2f} ms")
    for q, a, b in differ[:args.show]:
        print(f"- [{q.group}] {q.text!r}: expected {q.expected}; shortlist {a.got} ({a.how} {a.matched!r}), "
              f"every name {b.got} ({b.how} {b.matched!r})")
    print(f"\ntotal run time {time.perf_counter() - started:.0f}s wall")


def print_table(queries, systems: dict[str, list[Answer]]) -> None:
    print("| group | n | shortlist top-1 | shortlist false | every name top-1 | every name false |")
    print("|---|---|---|---|---|---|")
    for group in [*GROUPS, "all"]:
        idx = [i for i, q in enumerate(queries) if group == "all" or q.group == group]
        if not idx:
            continue
        cells = []
        for answers in systems.values():
            top1, false = score_group([answers[i] for i in idx], [queries[i] for i in idx])
            cells.append(f"{top1:.1f} | {false:.1f}")
        print(f"| {group} | {len(idx)} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
