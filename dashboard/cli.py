"""Command line: ``python -m dashboard build | compact | extract | import-csv | evaluate``.

Every expected problem is one line on stderr naming the file and the problem, and a
non-zero exit; no traceback reaches the user (``--debug`` shows one for bug reports).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from dashboard import settings
from dashboard.errors import ArticleError, DashboardError


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except DashboardError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as error:
        if args.debug:
            raise
        print(
            f"internal error: {type(error).__name__}: {error} (run again with --debug for details)",
            file=sys.stderr,
        )
        return 70


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build the tables from article files")
    build.add_argument("paths", nargs="*", type=Path, help=f"files or folders (default: {settings.ARTICLES_DIR})")
    build.add_argument("--out", type=Path, default=None, help=f"build folder (default: {settings.BUILD_DIR})")
    build.add_argument("--n-process", type=_positive, default=1, help="processes for nlp.pipe (default 1)")
    build.add_argument("--force", action="store_true", help="rebuild articles whose content is unchanged")
    build.add_argument(
        "--engine",
        choices=("process", "dask"),
        default="process",
        help="parse here (default) or on a Dask cluster",
    )
    build.add_argument(
        "--scheduler", default=None, help="address of a running Dask scheduler (default: a local cluster)"
    )
    build.add_argument("--workers", type=_positive, default=None, help="worker processes of the local Dask cluster")
    build.set_defaults(run=_build)

    compact = commands.add_parser("compact", help="merge every table's parts into one (drops masked rows)")
    compact.add_argument("--out", type=Path, default=None, help=f"build folder (default: {settings.BUILD_DIR})")
    compact.set_defaults(run=_compact)

    extract = commands.add_parser("extract", help="print one JSON object per article per line")
    extract.add_argument("files", nargs="+", type=Path)
    extract.set_defaults(run=_extract)

    importer = commands.add_parser(
        "import-csv", help="turn a CSV of articles (url, date, title, text) into article files"
    )
    importer.add_argument("file", type=Path)
    importer.add_argument("--out", type=Path, default=settings.ARTICLES_DIR, help="folder for the article files")
    importer.add_argument("--outlet", default=None, help="outlet name (default: the URL's host)")
    importer.add_argument("--credit", default=None, help="credit line, e.g. 'Wikinews, CC BY 2.5'")
    importer.set_defaults(run=_import_csv)

    evaluate = commands.add_parser("evaluate", help="score quotes, speakers and actors against gold")
    evaluate.add_argument(
        "--gold", nargs="+", type=Path, default=[settings.GOLD_DIR], help="gold JSON files or folders"
    )
    evaluate.add_argument("--articles", type=Path, default=settings.ARTICLES_DIR, help="folder with the articles")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate.add_argument("--strict", action="store_true", help="list errors at 80%% coverage instead of 30%%")
    evaluate.add_argument("--by-rule", action="store_true", help="also print fired/precision/speaker accuracy per rule")
    evaluate.set_defaults(run=_evaluate)
    return parser


class _Bar:
    """A progress bar on stderr: redrawn in place on a terminal, a line per 10% otherwise."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.last_tenth = -1

    def __call__(self, done: int, total: int, article: str) -> None:
        if total <= 1:
            return
        if self.tty:
            filled = int(30 * done / total)
            self.stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} {article[:40]:<40}")
            if done == total:
                self.stream.write("\n")
        elif (tenth := 10 * done // total) != self.last_tenth:
            self.last_tenth = tenth
            self.stream.write(f"{done}/{total} articles\n")
        self.stream.flush()


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return number


def _build(args: argparse.Namespace) -> int:
    from dashboard.store.build import build

    if args.engine != "dask" and (args.scheduler or args.workers):
        print("error: --scheduler and --workers need --engine dask", file=sys.stderr)
        return 2
    paths = args.paths or [settings.ARTICLES_DIR]
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        print(f"error: {path}: no such file or folder", file=sys.stderr)
    summary = build(
        [p for p in paths if p.exists()],
        build_dir=args.out,
        n_process=args.n_process,
        progress=_Bar(),
        force=args.force,
        engine=args.engine,
        scheduler=args.scheduler,
        workers=args.workers,
    )
    for warning in summary.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for failure in summary.failures:
        print(f"error: {failure.path}: {failure.problem}", file=sys.stderr)
    print(summary.describe(), file=sys.stderr)
    return 1 if summary.failures or missing else 0


def _compact(args: argparse.Namespace) -> int:
    from dashboard.store.compact import compact

    print(compact(args.out).describe(), file=sys.stderr)
    return 0


def _extract(args: argparse.Namespace) -> int:
    from dashboard.articles import read_article
    from dashboard.extract import extract_tables
    from dashboard.extract.json_lines import article_json
    from dashboard.nlp.pipeline import load_pipeline

    failed = 0
    nlp = None
    for path in args.files:
        try:
            article = read_article(path)
            nlp = nlp or load_pipeline()
            tables = extract_tables(nlp(article.text), article)
        except ArticleError as error:
            print(f"error: {error}", file=sys.stderr)
            failed += 1
            continue
        print(json.dumps(article_json(tables), ensure_ascii=False), flush=True)
    return 1 if failed else 0


def _import_csv(args: argparse.Namespace) -> int:
    from dashboard.articles.from_csv import import_csv

    written = skipped = 0
    for row in import_csv(args.file, args.out, outlet=args.outlet, credit=args.credit):
        if row.problem:
            skipped += 1
            print(f"error: {args.file}: line {row.line}: {row.problem}", file=sys.stderr)
        else:
            written += 1
        for warning in row.warnings:
            print(f"warning: {args.file}: {warning}", file=sys.stderr)
    print(f"wrote {written} article file(s) to {args.out}, skipped {skipped} row(s)", file=sys.stderr)
    return 1 if skipped else 0


def _evaluate(args: argparse.Namespace) -> int:
    from dashboard.evaluation.report import main as evaluate

    return evaluate(list(args.gold), args.articles, out=sys.stdout, as_json=args.json, strict=args.strict,
                    by_rule=args.by_rule)
