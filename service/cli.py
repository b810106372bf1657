"""Command line: lint, diff, resolve, serve (`python -m service --help`)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .config import PROJECT_ROOT, Settings
from .table import TableError, load_table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    lint = commands.add_parser("lint", help="validate a table; exit 1 on errors")
    lint.add_argument("path", nargs="?", help="table file (default: ALIASES_PATH)")
    lint.add_argument("--json", action="store_true", help="print findings as JSON")
    lint.add_argument("--strict", action="store_true", help="exit 2 when there are warnings")
    diff = commands.add_parser("diff", help="what an edit changes: entities, names, ids, resolutions")
    diff.add_argument("old", help="the table before the edit")
    diff.add_argument("new", help="the table after the edit")
    diff.add_argument("--names", help="file of names, one a line: report those that resolve differently")
    diff.add_argument("--json", action="store_true", help="print changes as JSON")
    resolve = commands.add_parser("resolve", help="resolve names as POST /v1/resolve does")
    resolve.add_argument("names", nargs="+")
    resolve.add_argument("--table", help="table file (default: ALIASES_PATH)")
    resolve.add_argument("--type")
    resolve.add_argument("--limit", type=int, default=5)
    resolve.add_argument("--json", action="store_true", help="print the API's JSON")
    commands.add_parser("serve", help="run gunicorn with the repository's gunicorn.conf.py")
    args = parser.parse_args(argv)
    return {"lint": run_lint, "diff": run_diff, "resolve": run_resolve, "serve": run_serve}[args.command](args)


def _table_path(given: str | None) -> Path:
    return Path(given) if given else Settings.from_env().table_file


def run_lint(args) -> int:
    from .lint import lint_file
    path = _table_path(args.path)
    settings = Settings.from_env()
    findings = lint_file(path, threshold=settings.match_threshold, max_bytes=settings.max_table_bytes)
    errors = [f for f in findings if f.level == "error"]
    if args.json:
        print(json.dumps([{"file": f.source, "line": f.line, "level": f.level, "entity": f.entity,
                           "message": f.message} for f in findings], ensure_ascii=False, indent=2))
    else:
        for f in findings:
            where = f"{f.source}:{f.line}" if f.line else f.source
            who = f"entity '{f.entity}': " if f.entity else ""
            print(f"{where}: {f.level}: {who}{f.message}")
        if not findings:
            print(f"{path}: ok", file=sys.stderr)
    if errors:
        return 1
    return 2 if args.strict and findings else 0


def run_diff(args) -> int:
    from .diff import diff_resolutions, diff_tables
    from .matcher import Matcher
    settings = Settings.from_env()
    try:
        old, new = (load_table(path, max_bytes=settings.max_table_bytes) for path in (args.old, args.new))
        names = _read_names(args.names) if args.names else []
    except TableError as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{exc.filename}: cannot read: {exc.strerror}", file=sys.stderr)
        return 1
    changes = diff_tables(old, new)
    if names:
        tuning = dict(threshold=settings.match_threshold, margin=settings.ambiguity_margin)
        changes += diff_resolutions(Matcher(old, **tuning), Matcher(new, **tuning), names)
    if args.json:
        print(json.dumps({"old": {"path": old.source, "version": old.version},
                          "new": {"path": new.source, "version": new.version},
                          "changes": [c.as_json() for c in changes]}, ensure_ascii=False, indent=2))
    else:
        for change in changes:
            print(change)
        print(f"{len(changes)} change(s) from {old.version} to {new.version}", file=sys.stderr)
    return 0


def _read_names(path: str) -> list[str]:
    """Names one a line; blank lines and lines starting with # are skipped."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def run_resolve(args) -> int:
    from .api import resolution_json
    from .matcher import Matcher
    from .schemas import build_models
    settings = Settings.from_env()
    try:
        table = load_table(_table_path(args.table))
    except TableError as exc:
        print(exc, file=sys.stderr)
        return 1
    matcher = Matcher(table, threshold=settings.match_threshold, margin=settings.ambiguity_margin)
    model = build_models(settings).resolve
    results = []
    for name in args.names:
        query = model(name=name, type=args.type, limit=args.limit)
        body = resolution_json(matcher.resolve(name, type=args.type, limit=args.limit), query)
        body["table_version"] = table.version
        results.append(body)
        if not args.json:
            match = body["match"]
            if match:
                m = match["matched"]
                read_as = f"\tread as: {body['read_as']}" if body["read_as"] else ""
                print(f"{name}\t{match['id']}\t{match['name']}\t{match['score']:.3f}\t{match['how']}\t"
                      f"{m['kind']}: {m['name']}{read_as}")
            else:
                print(f"{name}\t-\t({body['reason']})")
    if args.json:
        print(json.dumps(results if len(results) > 1 else results[0], ensure_ascii=False, indent=2))
    return 0


def run_serve(args) -> int:
    os.chdir(PROJECT_ROOT)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    argv = [str(gunicorn), "-c", str(PROJECT_ROOT / "gunicorn.conf.py"), "service.wsgi:app"]
    os.execv(argv[0], argv)
    return 0  # not reached
