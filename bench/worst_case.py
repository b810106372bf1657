"""The slowest names a client can send: prints a table, writes nothing else.

    .venv/bin/python bench/worst_case.py                # default table and ~100k aliases
    .venv/bin/python bench/worst_case.py --size 0       # default table only

Each input is as long as the API allows (MAX_NAME_LENGTH, 1,000 characters):
junk that an OSINT pipeline can meet in scraped text, or that a client can
send on purpose. A batch may carry MAX_BATCH_CHARS (100,000) characters,
so a batch of 100 such names costs 100 times the figure shown: that must
stay well inside gunicorn's 30 s worker timeout.
"""
from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import perfdata  # noqa: E402
from service.matcher import Matcher  # noqa: E402
from service.table import load_table  # noqa: E402

LENGTH = 1000
REPEATS = 3   # the slowest of three runs is shown


def inputs(table_names: list[str]) -> dict[str, str]:
    """Adversarial names of LENGTH characters, the same every run."""
    rng = random.Random(11)
    letters = "abcdefghijklmnoprstuvyz"

    def words(count: int, size: int) -> str:
        return " ".join("".join(rng.choice(letters) for _ in range(size)) for _ in range(count))[:LENGTH]

    return {
        "one Latin word": "".join(rng.choice(letters) for _ in range(LENGTH)),
        "one run of Han": "".join(chr(0x4E00 + rng.randrange(20000)) for _ in range(LENGTH)),
        "one run of Arabic": "".join(rng.choice("ابتثجحخدذرزسشصضطظعغفقكلمنهوي") for _ in range(LENGTH)),
        "one run of katakana": "".join(chr(0x30A2 + rng.randrange(80)) for _ in range(LENGTH)),
        "200 four-letter Cyrillic words": " ".join("".join(rng.choice("абвгдежзийклмнопрстуфхцчшщъыьэюяё")
                                                           for _ in range(4)) for _ in range(200))[:LENGTH],
        "200 four-letter Greek words": " ".join("".join(rng.choice("αβγδεζηθικλμνξοπρστυφχψω")
                                                        for _ in range(4)) for _ in range(200))[:LENGTH],
        "200 four-letter words": words(200, 4),
        "100 nine-letter words": words(100, 9),
        "table names run on": " ".join(rng.sample(table_names, min(len(table_names), 200)))[:LENGTH],
        # Each letter is an initial that looks for the table word it begins (Matcher._score_tokens).
        "500 initials": " ".join(rng.choice(letters).upper() + "." for _ in range(500))[:LENGTH],
        # Each word says who backs the next, down to the last (readings.backed_head).
        "hyphenated backers": " ".join(f"{rng.choice(letters) * 3}-backed" for _ in range(100))[:LENGTH - 4] + " SDF",
        # Each owner's possessive says whose the next word is (readings.backed_head) ...
        "possessives": " ".join(f"{rng.choice(letters) * 4}'s" for _ in range(140))[:LENGTH - 4] + " SDF",
        # ... each short unknown word may spell initials of a name's words in a row (matcher._initials_run).
        "330 two-letter capitals": " ".join(rng.choice(letters).upper() + rng.choice(letters).upper()
                                            for _ in range(334))[:LENGTH],
    }


def slowest(matcher: Matcher, name: str) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        matcher.resolve(name)
        times.append(time.perf_counter() - start)
    return max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100_000, help="aliases of the gazetteer table (0: none)")
    args = parser.parse_args()
    tables = [("default table", ROOT / "aliases.yaml")]
    with tempfile.TemporaryDirectory(prefix="alias-worst-") as tmp:
        if args.size:
            work = perfdata.gazetteer(perfdata.load_cities(), args.size, 10)
            path = Path(tmp) / "table.json"
            path.write_text(json.dumps(work.table, ensure_ascii=False))
            tables.append((f"cities {work.aliases:,}", path))
        print(f"bench/worst_case.py --size {args.size}; python {sys.version.split()[0]}; "
              f"names of {LENGTH} characters, slowest of {REPEATS}\n")
        print("| table | input | ms per name | a batch of 100 (MAX_BATCH_CHARS), s |")
        print("|---|---|---|---|")
        for label, path in tables:
            matcher = Matcher(load_table(path))
            # As the service does (store.py): the table's objects are frozen out of the cyclic GC's
            # sight, or a collection that happens to fall in a resolve walks them all (130-200 ms at 100k).
            gc.collect()
            gc.freeze()
            names = [e.name for e in matcher.table.entities]
            for kind, name in inputs(names).items():
                seconds = slowest(matcher, name)
                print(f"| {label} | {kind} | {seconds * 1e3:,.0f} | {seconds * 100:,.1f} |")


if __name__ == "__main__":
    main()
