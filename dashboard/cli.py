"""Command line: ``python -m dashboard build | compact | extract | import-csv | evaluate | correct | corrections``.

Every expected problem is one line on stderr naming the file and the problem, and a
non-zero exit; no traceback reaches the user (``--debug`` shows one for bug reports).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from dashboard import settings
from dashboard.errors import ArticleError, DashboardError

if TYPE_CHECKING:
    import pandas as pd

    from dashboard.corrections.database import CorrectionStore
    from dashboard.corrections.records import Correction


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
    _correction_commands(commands)
    return parser


def _correction_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    def tables_option(command: argparse.ArgumentParser) -> None:
        command.add_argument("--tables", type=Path, default=None, help=f"build folder (default: {settings.BUILD_DIR})")

    correct = commands.add_parser(
        "correct", help="correct one quote (kept in the corrections database: DASHBOARD_DB_URL or build/)"
    )
    correct.add_argument("article", help="article id")
    correct.add_argument("quote_id", help="quote id (the quote_id column)")
    change = correct.add_mutually_exclusive_group(required=True)
    change.add_argument("--speaker", help="the right speaker: an actor of the article or any name ('' for none)")
    change.add_argument("--kind", choices=("direct", "partial", "indirect", "scare"))
    change.add_argument("--not-a-quote", action="store_true", help="the row is not a quote")
    correct.add_argument("--by", required=True, help="who corrects (shown in the log and on the row)")
    correct.add_argument("--note", default="", help="why")
    tables_option(correct)
    correct.set_defaults(run=_correct)

    log = commands.add_parser("corrections", help="the corrections log: list, undo, export as gold")
    actions = log.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="every correction, with applied/stale")
    listing.add_argument("--article", default=None)
    listing.add_argument("--by", default=None, help="only this editor's corrections")
    tables_option(listing)
    listing.set_defaults(run=_corrections_list)
    undo = actions.add_parser("undo", help="undo a correction (a new record)")
    undo.add_argument("id", type=int)
    undo.add_argument("--by", required=True)
    undo.add_argument("--note", default="")
    tables_option(undo)
    undo.set_defaults(run=_corrections_undo)
    export = actions.add_parser("export", help="write gold files of every corrected article")
    export.add_argument("--gold", type=Path, required=True, help="folder for the gold JSON files")
    tables_option(export)
    export.set_defaults(run=_corrections_export)


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
    from dashboard.nlp.pipeline import parse_text

    failed = 0
    for path in args.files:
        try:
            article = read_article(path)
            tables = extract_tables(parse_text(article.text), article)
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


def _correction_context(args: argparse.Namespace) -> _Log:
    """The store and the tables with the log applied, for the correction commands."""
    from dashboard.corrections.database import CorrectionStore, default_url
    from dashboard.corrections.service import corrected_tables
    from dashboard.store.files import read_tables

    folder = getattr(args, "tables", None) or settings.BUILD_DIR
    store = CorrectionStore.open(default_url(folder))
    records = store.records()
    tables, status = corrected_tables(read_tables(folder), records)
    return _Log(Path(folder), store, records, tables, status)


@dataclass(frozen=True)
class _Log:
    folder: Path
    store: CorrectionStore
    records: list[Correction]
    tables: dict[str, pd.DataFrame]
    status: dict[int | None, str]


def _correct(args: argparse.Namespace) -> int:
    from dashboard.corrections.service import quote_correction, save

    log = _correction_context(args)
    record = quote_correction(
        log.tables,
        args.article,
        args.quote_id,
        by=args.by,
        speaker=args.speaker,
        kind=args.kind,
        remove=args.not_a_quote,
        note=args.note,
    )
    saved = save(log.store, record, build_dir=log.folder)
    print(f"correction #{saved.record.id}: {args.article} {args.quote_id}: {saved.record.describe()}", file=sys.stderr)
    return _tables_note(saved.problem)


def _corrections_list(args: argparse.Namespace) -> int:
    log = _correction_context(args)
    for record in log.records:
        if (args.article and record.article != args.article) or (args.by and record.by != args.by):
            continue
        state = log.status.get(record.id, "stale: the article is not in the tables")
        print(
            f"#{record.id}\t{record.at}\t{record.by}\t{record.article}\t{record.target}\t"
            f"{record.describe()}\t{state}\t{record.note}"
        )
    return 0


def _corrections_undo(args: argparse.Namespace) -> int:
    from dashboard.corrections.service import undo

    log = _correction_context(args)
    saved = undo(log.store, args.id, by=args.by, note=args.note, build_dir=log.folder)
    print(f"correction #{saved.record.id}: {saved.record.describe()}", file=sys.stderr)
    return _tables_note(saved.problem)


def _tables_note(problem: str | None) -> int:
    if problem:
        print(f"saved in the log; the tables take it at the next build ({problem})", file=sys.stderr)
    return 0


def _corrections_export(args: argparse.Namespace) -> int:
    from dashboard.corrections.gold import gold_documents, write_gold

    log = _correction_context(args)
    written = write_gold(gold_documents(log.tables, log.records), args.gold)
    print(f"wrote {len(written)} gold file(s) to {args.gold}", file=sys.stderr)
    return 0
