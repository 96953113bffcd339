"""Per-version derived Parquet files that the corpus views query instead of joining tables.

Made once per store version (by the first reader that needs them) in a cache folder
outside the store (``DASHBOARD_QUERY_CACHE_DIR``, default a folder in the system's
temporary directory), so a reader never writes to the tables:

- ``names.parquet`` — key → display name (the canonical name most article rows use, ties
  the longest, then A–Z);
- ``quotes-NNN.parquet`` — every quote with its article's title and date, the speaker's
  corpus-wide key and display name. The all-articles explorer filters these files and
  sorts only what passes the filter;
- ``key_articles-NNN.parquet`` — mentions and quotes per (actor key, article), with the
  article's title and date, sorted by key.

Quotes, actors and articles all belong to an article, so the joins run in chunks of
articles (an ``article`` range each, ``CHUNK_QUOTES`` quotes or so): the filter on the
range reaches the Parquet scans, every chunk's join fits in memory, and the work grows
linearly with the archive. The files are written into a temporary folder that is renamed
into place when complete, so two readers racing to make them never see half of them.
Older versions' folders are removed (the newest few are kept).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dashboard.charts.counts import UNATTRIBUTED
from dashboard.query.relations import StoreTables, quote_literal

CACHE_DIR = Path(os.environ.get("DASHBOARD_QUERY_CACHE_DIR", Path(tempfile.gettempdir()) / "dashboard-query"))
KEEP_VERSIONS = 3
FORMAT = "f6"  # bumped when the derived files change shape: old ones are not read
ROW_GROUP = 100_000
CHUNK_QUOTES = 200_000  # quotes per chunk of articles (about)
NO_KEY = ""  # speaker key of a quote without a speaker


def name_counts_sql(tables: StoreTables, lo: str | None = None, hi: str | None = None) -> str:
    """How many actor rows of the articles in [lo, hi) use each (key, name)."""
    return f"""
        SELECT key, name, count(*) AS n FROM {in_range(tables.sql("actors"), lo, hi)}
        WHERE key IS NOT NULL GROUP BY key, name
    """


def key_names_sql(counts: str) -> str:
    """key → display name from (key, name, n) counts: the canonical name most article rows
    use, ties the longest, then A–Z."""
    return f"""(
        SELECT key, name FROM (SELECT key, name, sum(n) AS n FROM {counts} GROUP BY key, name)
        QUALIFY row_number() OVER (PARTITION BY key ORDER BY n DESC, length(name) DESC, name) = 1
    )"""


def in_range(relation: str, lo: str | None, hi: str | None) -> str:
    """Rows of ``relation`` whose article is in [lo, hi) (None: unbounded)."""
    bounds = []
    if lo is not None:
        bounds.append(f"article >= {quote_literal(lo)}")
    if hi is not None:
        bounds.append(f"article < {quote_literal(hi)}")
    condition = " AND ".join(bounds) or "true"
    return f"(SELECT * FROM {relation} WHERE {condition})"


def corpus_quotes_sql(tables: StoreTables, names: str, lo: str | None = None, hi: str | None = None) -> str:
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
            FROM {in_range(tables.sql("quotes"), lo, hi)} q
            LEFT JOIN {in_range(tables.sql("actors"), lo, hi)} a ON a.article = q.article AND a.actor_id = q.speaker_id
            LEFT JOIN {in_range(tables.sql("articles"), lo, hi)} m ON m.article = q.article
        )
        SELECT l.article, l.title, l.date, l.quote_id, l.text, l.kind, l.speaker, l.speaker_id, l.speaker_key,
            CASE WHEN l.speaker_key = {quote_literal(NO_KEY)} THEN {quote_literal(UNATTRIBUTED)}
                 ELSE coalesce(n.name, trim(coalesce(l.speaker, ''))) END AS speaker_name,
            l.cue, l.paragraph, l.sentence, l.start, l."end", l.topics, l.statement,
            array_to_string(coalesce(l.topics, []), ', ') AS topics_text
        FROM linked l LEFT JOIN {names} n ON n.key = l.speaker_key
    """


def key_articles_sql(quotes_path: Path, tables: StoreTables, lo: str | None = None, hi: str | None = None) -> str:
    """Mentions (actors table) and quotes (derived quotes) per (key, article), by key, with
    the article's title and date (so one actor's timeline is a filter, never a join with
    every article)."""
    return f"""
        SELECT c.key, c.article, c.mentions, c.quotes,
            coalesce(m.title, c.article) AS title, nullif(trim(m.date), '') AS date
        FROM (
            SELECT key, article, sum(mentions)::BIGINT AS mentions, sum(quotes)::BIGINT AS quotes
            FROM (
                SELECT key, article, mentions::BIGINT AS mentions, 0::BIGINT AS quotes
                FROM {in_range(tables.sql("actors"), lo, hi)} WHERE key IS NOT NULL
                UNION ALL
                SELECT speaker_key, article, 0, count(DISTINCT statement)
                FROM read_parquet({quote_literal(str(quotes_path))})
                WHERE speaker_key <> {quote_literal(NO_KEY)}
                GROUP BY speaker_key, article
            )
            GROUP BY key, article
        ) c
        LEFT JOIN (SELECT article, title, date FROM {in_range(tables.sql("articles"), lo, hi)}) m
            ON m.article = c.article
        ORDER BY c.key, c.article
    """


def parquet_files(paths: Sequence[Path]) -> str:
    """These Parquet files as one relation."""
    listed = ", ".join(quote_literal(str(p)) for p in paths)
    return f"read_parquet([{listed}])"


@dataclass(frozen=True)
class CorpusFiles:
    """The derived files of one store version (see the module docstring)."""

    names: Path
    quotes: tuple[Path, ...]
    key_articles: tuple[Path, ...]

    def sql(self, name: str) -> str:
        paths = getattr(self, name)
        return parquet_files((paths,) if isinstance(paths, Path) else paths)

    @classmethod
    def in_folder(cls, folder: Path) -> CorpusFiles | None:
        if not (folder / "names.parquet").is_file():
            return None
        return cls(
            names=folder / "names.parquet",
            quotes=tuple(sorted(folder.glob("quotes-*.parquet"))),
            key_articles=tuple(sorted(folder.glob("key_articles-*.parquet"))),
        )


def version_folder(tables: StoreTables, cache_dir: Path = CACHE_DIR) -> Path:
    store = hashlib.sha256(str(Path(tables.build_dir).resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_dir / store / f"{tables.version}-{FORMAT}"


def _copy(cursor: duckdb.DuckDBPyConnection, sql: str, target: Path) -> None:
    cursor.execute(f"COPY ({sql}) TO {quote_literal(str(target))} (FORMAT parquet, ROW_GROUP_SIZE {ROW_GROUP})")


def article_ranges(cursor: duckdb.DuckDBPyConnection, tables: StoreTables) -> list[tuple[str | None, str | None]]:
    """[lo, hi) article ranges of about ``CHUNK_QUOTES`` quotes each, covering every id."""
    row = cursor.execute(f"SELECT count(*) FROM {tables.sql('quotes')}").fetchone()
    chunks = max(1, -(-int(row[0] if row else 0) // CHUNK_QUOTES))
    if chunks == 1:
        return [(None, None)]
    fractions = [i / chunks for i in range(1, chunks)]
    cuts = cursor.execute(
        f"SELECT DISTINCT unnest(quantile_disc(article, ?)) AS cut FROM {tables.sql('articles')} ORDER BY cut",
        [fractions],
    ).fetchall()
    bounds: list[str | None] = [None, *(str(c[0]) for c in cuts if c[0] is not None), None]
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def corpus_files(
    cursor: duckdb.DuckDBPyConnection, tables: StoreTables, cache_dir: Path = CACHE_DIR
) -> CorpusFiles:
    """The derived files of ``tables``' version, made now if they do not exist yet."""
    folder = version_folder(tables, cache_dir)
    ready = CorpusFiles.in_folder(folder)
    if ready is not None:
        return ready
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".{folder.name}.{uuid.uuid4().hex}"
    staging.mkdir()
    try:
        # Names from counts made chunk by chunk: one query over every actor row of a large
        # archive ran out of the memory cap with two threads (1,000,000 articles).
        ranges = article_ranges(cursor, tables)
        counts = [staging / f"name_counts-{i:04d}.parquet" for i in range(len(ranges))]
        for (lo, hi), path in zip(ranges, counts, strict=True):
            _copy(cursor, name_counts_sql(tables, lo, hi), path)
        names = staging / "names.parquet"
        _copy(cursor, f"SELECT * FROM {key_names_sql(parquet_files(counts))}", names)
        for path in counts:
            path.unlink()
        named = f"read_parquet({quote_literal(str(names))})"
        for i, (lo, hi) in enumerate(ranges):
            quotes = staging / f"quotes-{i:04d}.parquet"
            _copy(cursor, corpus_quotes_sql(tables, named, lo, hi), quotes)
            _copy(cursor, key_articles_sql(quotes, tables, lo, hi), staging / f"key_articles-{i:04d}.parquet")
        with contextlib.suppress(OSError):  # another reader finished first: theirs are used
            staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _prune(folder.parent, keep=folder.name)
    made = CorpusFiles.in_folder(folder)
    assert made is not None
    return made


def _prune(store_folder: Path, *, keep: str) -> None:
    done = [p for p in store_folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
    versions = sorted(done, key=lambda p: p.stat().st_mtime)
    old = [p for p in versions if p.name != keep][: -(KEEP_VERSIONS - 1) or None]
    for path in old:
        shutil.rmtree(path, ignore_errors=True)
