"""Article files → tables on disk, incrementally.

An article is parsed again only when its content hash changed; every other article's
rows are carried over from the current version. One bad article never stops a build:
its problem goes into the ``failures`` table and the build goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from spacy.tokens import Doc

from dashboard import settings
from dashboard.articles import Article, article_id_for, read_article
from dashboard.corrections.apply import apply_to_tables
from dashboard.corrections.records import Correction
from dashboard.corrections.service import records_for_build
from dashboard.errors import ArticleError
from dashboard.extract import ArticleTables, extract_tables
from dashboard.extract.records import FailureRecord
from dashboard.store.actor_keys import actor_keys
from dashboard.store.files import current_version, read_table, read_tables, write_tables, writer_lock
from dashboard.store.schema import TABLES, conform, empty

# progress(done, total, article id)
Progress = Callable[[int, int, str], None]

# Tables with one or more rows per article, keyed by the ``article`` column.
ARTICLE_TABLES = tuple(f.name for f in fields(ArticleTables))


@dataclass(frozen=True)
class BuildSummary:
    built: tuple[str, ...]
    unchanged: tuple[str, ...]
    failures: tuple[FailureRecord, ...]
    version: str
    seconds: float
    words: int

    def describe(self) -> str:
        rate = self.words / self.seconds if self.seconds and self.words else 0.0
        return (
            f"built {len(self.built)} article(s), {len(self.unchanged)} unchanged, "
            f"{len(self.failures)} failed, in {self.seconds:.1f} s "
            f"({self.words:,} words parsed, {rate:,.0f} words/s); tables version {self.version}"
        )


def find_article_files(paths: Iterable[Path]) -> list[Path]:
    """Files to build: the given files, and article files inside given folders (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.is_file() and p.suffix.lower() in settings.ARTICLE_SUFFIXES and not p.name.startswith(".")
                )
            )
        else:
            found.append(path)
    return found


def build(
    paths: Sequence[Path],
    *,
    build_dir: Path | None = None,
    n_process: int = 1,
    progress: Progress | None = None,
    force: bool = False,
    corrections: Sequence[Correction] | None = None,
) -> BuildSummary:
    """Build (or update) the tables from article files and folders.

    Editors' ``corrections`` are applied to the tables written (default: the log in
    ``DASHBOARD_DB_URL`` or the SQLite file next to the build folder).
    """
    started = time.perf_counter()
    build_dir = build_dir or settings.BUILD_DIR
    files = find_article_files(paths)
    built_before = read_table(build_dir, "articles")
    known = {
        article: (content_hash, path)
        for article, content_hash, path in zip(
            built_before["article"], built_before["content_hash"], built_before["path"], strict=True
        )
    }
    when = datetime.now(UTC).isoformat(timespec="seconds")

    failures: list[FailureRecord] = []
    to_parse: list[Article] = []
    unchanged: list[str] = []
    for path in files:
        try:
            article = read_article(path)
        except ArticleError as error:
            failures.append(FailureRecord(str(path), article_id_for(path), error.problem, when))
            continue
        if not force and known.get(article.id) == (article.content_hash, article.path):
            unchanged.append(article.id)
        else:
            to_parse.append(article)

    new = _NewRows()
    total = len(to_parse)
    for done, (article, outcome) in enumerate(_parse_all(to_parse, n_process=n_process), start=1):
        if isinstance(outcome, ArticleTables):
            new.add(outcome)
        else:
            failures.append(FailureRecord(article.path, article.id, outcome, when))
        if progress:
            progress(done, total, article.id)

    with writer_lock(build_dir):
        # Read again under the lock: another build may have landed while we parsed.
        old = read_tables(build_dir)
        version = current_version(build_dir)
        if new.articles or failures or version is None:
            log = records_for_build(build_dir) if corrections is None else corrections
            tables = _merge(old, new, failures, attempted={str(p) for p in files}, corrections=log)
            version = write_tables(build_dir, tables)
    return BuildSummary(
        built=tuple(new.articles),
        unchanged=tuple(unchanged),
        failures=tuple(failures),
        version=version,
        seconds=time.perf_counter() - started,
        words=new.words,
    )


class _NewRows:
    """Rows of the articles parsed by this build. Records become DataFrames every ``CHUNK``
    articles, so a large build never holds millions of record objects at once."""

    CHUNK = 500

    def __init__(self) -> None:
        self.articles: list[str] = []
        self.words = 0
        self._pending: list[ArticleTables] = []
        self._frames: dict[str, list[pd.DataFrame]] = {table: [] for table in ARTICLE_TABLES}

    def add(self, tables: ArticleTables) -> None:
        self.articles.append(tables.articles[0].article)
        self.words += tables.articles[0].words
        self._pending.append(tables)
        if len(self._pending) >= self.CHUNK:
            self._flush()

    def table(self, table: str) -> pd.DataFrame:
        self._flush()
        return _stack(*self._frames[table], table=table)

    def _flush(self) -> None:
        if self._pending:
            for table in ARTICLE_TABLES:
                self._frames[table].append(_frame((r for t in self._pending for r in getattr(t, table)), table))
            self._pending = []


def _parse_all(articles: list[Article], *, n_process: int) -> Iterator[tuple[Article, ArticleTables | str]]:
    """Parse with one nlp.pipe over all articles; if the pipe breaks, the articles it did
    not deliver are parsed one at a time so that only the culprit fails."""
    from dashboard.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    delivered = 0
    processes = n_process if len(articles) > 1 else 1
    try:
        docs = nlp.pipe((a.text for a in articles), n_process=processes, batch_size=settings.PIPE_BATCH_SIZE)
        for article, doc in zip(articles, docs, strict=False):
            delivered += 1
            yield article, _extract(doc, article)
    except Exception:  # noqa: S110 - handled below, article by article
        pass
    for article in articles[delivered:]:
        try:
            doc = nlp(article.text)
        except Exception as error:
            yield article, _problem(error)
            continue
        yield article, _extract(doc, article)


def _extract(doc: Doc, article: Article) -> ArticleTables | str:
    try:
        return extract_tables(doc, article)
    except Exception as error:
        return _problem(error)


def _problem(error: Exception) -> str:
    return f"could not be analysed ({type(error).__name__}: {error})"


def _frame(records: Iterable[object], table: str) -> pd.DataFrame:
    rows = [vars(r) for r in records]  # flat records of plain values: no deep copy needed
    return conform(pd.DataFrame(rows), table) if rows else empty(table)


def _stack(*frames: pd.DataFrame, table: str) -> pd.DataFrame:
    parts = [frame for frame in frames if len(frame)]
    return conform(pd.concat(parts, ignore_index=True), table) if parts else empty(table)


def _merge(
    old: dict[str, pd.DataFrame],
    new: _NewRows,
    failures: list[FailureRecord],
    *,
    attempted: set[str],
    corrections: Sequence[Correction] = (),
) -> dict[str, pd.DataFrame]:
    """Old rows of articles not rebuilt + new rows; failures of this run replace old ones.

    An article that fails now keeps its last good rows (the failure is recorded).
    """
    rebuilt = set(new.articles)
    merged: dict[str, pd.DataFrame] = {}
    for table in ARTICLE_TABLES:
        keep = old[table][~old[table]["article"].isin(rebuilt)]
        merged[table] = _stack(keep, new.table(table), table=table)
    old_failures = old["failures"][~old["failures"]["path"].isin(attempted)]
    old_failures = old_failures[~old_failures["article"].isin(rebuilt)]
    merged, _ = apply_to_tables(merged, corrections)  # editors' corrections: dashboard/corrections
    merged["actors"] = merged["actors"].assign(key=actor_keys(merged["actors"]))
    merged["failures"] = _stack(old_failures, _frame(failures, "failures"), table="failures")
    assert set(merged) == set(TABLES)
    return merged
