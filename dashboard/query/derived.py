"""Per-version derived Parquet files that the corpus views query instead of joining tables.

Two files per store version, written once (by the first reader that needs them) into a
cache folder outside the store (``DASHBOARD_QUERY_CACHE_DIR``, default a folder in the
system's temporary directory), so a reader never writes to the tables:

- ``quotes.parquet`` — every quote with its article's title and date, the speaker's
  corpus-wide key and display name, in corpus order (date, undated last; article;
  paragraph; start) with that order's row number ``pos``. The all-articles explorer
  filters and pages this one file; rows are fetched only for the page shown.
- ``key_articles.parquet`` — mentions and quotes per (actor key, article), sorted by key
  so one actor's rows are a pruned read.

Files are written under a temporary name and renamed, so two readers racing to make them
never see half a file. Older versions' folders are removed (the newest few are kept).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dashboard.charts.counts import UNATTRIBUTED
from dashboard.query.relations import StoreTables, quote_literal

CACHE_DIR = Path(os.environ.get("DASHBOARD_QUERY_CACHE_DIR", Path(tempfile.gettempdir()) / "dashboard-query"))
KEEP_VERSIONS = 3
ROW_GROUP = 100_000
NO_KEY = ""  # speaker key of a quote without a speaker


def key_names_sql(tables: StoreTables) -> str:
    """key → display name: the canonical name most article rows use, ties the longest, then A–Z."""
    return f"""(
        SELECT key, name FROM (
            SELECT key, name, count(*) AS n FROM {tables.sql("actors")} WHERE key IS NOT NULL GROUP BY key, name
        )
        QUALIFY row_number() OVER (PARTITION BY key ORDER BY n DESC, length(name) DESC, name) = 1
    )"""


def corpus_quotes_sql(tables: StoreTables) -> str:
    """Every quote, linked to its speaker's corpus-wide key and display name, in corpus order.

    A quote whose speaker is not an actor of its article gets the key of its speaker text
    (the build's ``name_key``); a quote with no speaker gets the key '' and the name
    '(unattributed)'.
    """
    speaker = "trim(coalesce(q.speaker, ''))"
    return f"""
        WITH linked AS (
            SELECT q.*,
                CASE WHEN coalesce(a.key, '') <> '' THEN a.key
                     WHEN {speaker} <> '' THEN name_key({speaker})
                     ELSE {quote_literal(NO_KEY)} END AS speaker_key,
                coalesce(m.title, q.article) AS title,
                nullif(trim(m.date), '') AS date
            FROM {tables.sql("quotes")} q
            LEFT JOIN {tables.sql("actors")} a ON a.article = q.article AND a.actor_id = q.speaker_id
            LEFT JOIN {tables.sql("articles")} m ON m.article = q.article
        )
        SELECT row_number() OVER (ORDER BY l.date NULLS LAST, l.article, l.paragraph, l.start, l.quote_id) AS pos,
            l.article, l.title, l.date, l.quote_id, l.text, l.kind, l.speaker, l.speaker_id, l.speaker_key,
            CASE WHEN l.speaker_key = {quote_literal(NO_KEY)} THEN {quote_literal(UNATTRIBUTED)}
                 ELSE coalesce(n.name, trim(coalesce(l.speaker, ''))) END AS speaker_name,
            l.cue, l.paragraph, l.sentence, l.start, l."end", l.topics,
            array_to_string(coalesce(l.topics, []), ', ') AS topics_text
        FROM linked l LEFT JOIN {key_names_sql(tables)} n ON n.key = l.speaker_key
        ORDER BY pos
    """


def key_articles_sql(quotes_path: Path, tables: StoreTables) -> str:
    """Mentions (actors table) and quotes (derived quotes) per (key, article), by key."""
    return f"""
        WITH mentioned AS (
            SELECT key, article, sum(mentions)::BIGINT AS mentions
            FROM {tables.sql("actors")} WHERE key IS NOT NULL GROUP BY key, article
        ), quoted AS (
            SELECT speaker_key AS key, article, count(*)::BIGINT AS quotes
            FROM read_parquet({quote_literal(str(quotes_path))})
            WHERE speaker_key <> {quote_literal(NO_KEY)} GROUP BY speaker_key, article
        )
        SELECT coalesce(m.key, q.key) AS key, coalesce(m.article, q.article) AS article,
            coalesce(m.mentions, 0)::BIGINT AS mentions, coalesce(q.quotes, 0)::BIGINT AS quotes
        FROM mentioned m FULL OUTER JOIN quoted q ON m.key = q.key AND m.article = q.article
        ORDER BY key, article
    """


@dataclass(frozen=True)
class CorpusFiles:
    """The derived files of one store version (see the module docstring)."""

    quotes: Path
    key_articles: Path

    def sql(self, name: str) -> str:
        return f"read_parquet({quote_literal(str(getattr(self, name)))})"


def version_folder(tables: StoreTables, cache_dir: Path = CACHE_DIR) -> Path:
    store = hashlib.sha256(str(Path(tables.build_dir).resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_dir / store / tables.version


def _write(cursor: duckdb.DuckDBPyConnection, sql: str, target: Path) -> None:
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        cursor.execute(
            f"COPY ({sql}) TO {quote_literal(str(partial))} (FORMAT parquet, ROW_GROUP_SIZE {ROW_GROUP})"
        )
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def corpus_files(
    cursor: duckdb.DuckDBPyConnection, tables: StoreTables, cache_dir: Path = CACHE_DIR
) -> CorpusFiles:
    """The derived files of ``tables``' version, made now if they do not exist yet."""
    folder = version_folder(tables, cache_dir)
    files = CorpusFiles(quotes=folder / "quotes.parquet", key_articles=folder / "key_articles.parquet")
    if files.quotes.is_file() and files.key_articles.is_file():
        return files
    folder.mkdir(parents=True, exist_ok=True)
    if not files.quotes.is_file():
        _write(cursor, corpus_quotes_sql(tables), files.quotes)
    if not files.key_articles.is_file():
        _write(cursor, key_articles_sql(files.quotes, tables), files.key_articles)
    _prune(folder.parent, keep=folder.name)
    return files


def _prune(store_folder: Path, *, keep: str) -> None:
    versions = sorted((p for p in store_folder.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    old = [p for p in versions if p.name != keep][: -(KEEP_VERSIONS - 1) or None]
    for path in old:
        shutil.rmtree(path, ignore_errors=True)
