"""The quote explorer over every article, in SQL: filter, count, one page of rows, export.

Rows come from the per-version derived ``quotes.parquet`` (see ``derived``). Corpus order
is publication date (undated last), article, paragraph, position; a page is
``ORDER BY … LIMIT n OFFSET k``, a top-n over the rows that pass the filter,
and only the rows on screen are materialised. Exports run the same filtered query and
turn it into CSV or JSON one Arrow batch at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa

from dashboard.charts.counts import UNATTRIBUTED
from dashboard.query.derived import NO_KEY, CorpusFiles

EXPORT_COLUMNS = [
    "article",
    "title",
    "date",
    "quote_id",
    "text",
    "kind",
    "speaker",
    "speaker_key",
    "cue",
    "paragraph",
    "sentence",
    "start",
    "end",
    "topics",
    "statement",
]
PAGE_COLUMNS = [
    "article",
    "title",
    "date",
    "quote_id",
    "text",
    "kind",
    "speaker",
    "speaker_id",
    "speaker_key",
    "speaker_name",
    "cue",
    "paragraph",
    "sentence",
    "start",
    "end",
    "topics",
    "topics_text",
    "statement",
]
BATCH_ROWS = 50_000
PAGE_SELECT = ", ".join(f'"{c}"' for c in PAGE_COLUMNS)
CORPUS_ORDER = "date NULLS LAST, article, paragraph, start, quote_id"


@dataclass(frozen=True)
class CorpusFilter:
    """What the reader asked for; empty tuples mean 'any'. Speakers are actor keys."""

    speakers: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    text: str = ""


def where(chosen: CorpusFilter) -> tuple[str, list[object]]:
    """The filter as a SQL condition with its parameters."""
    clauses: list[str] = []
    params: list[object] = []
    if chosen.speakers:
        clauses.append("speaker_key IN (SELECT unnest(?))")
        params.append(sorted({NO_KEY if s == UNATTRIBUTED else s for s in chosen.speakers}))
    if chosen.articles:
        clauses.append("article IN (SELECT unnest(?))")
        params.append(sorted(set(chosen.articles)))
    if chosen.kinds:
        clauses.append("kind IN (SELECT unnest(?))")
        params.append(sorted(set(chosen.kinds)))
    if chosen.topics:
        clauses.append("list_has_any(coalesce(topics, []), ?::VARCHAR[])")
        params.append(sorted(set(chosen.topics)))
    # Every word typed, in any order (the rule of ui.quote_filters.search_words).
    for word in dict.fromkeys(chosen.text.casefold().split()):
        searched = (
            "lower(concat_ws(' ', coalesce(text, ''), speaker_name, trim(coalesce(speaker, '')), coalesce(cue, '')))"
        )
        clauses.append(f"contains({searched}, ?)")
        params.append(word)
    return (" AND ".join(clauses) or "true"), params


def count_quotes(cursor: duckdb.DuckDBPyConnection, files: CorpusFiles, chosen: CorpusFilter) -> int:
    condition, params = where(chosen)
    row = cursor.execute(f"SELECT count(*) FROM {files.sql('quotes')} WHERE {condition}", params).fetchone()
    return int(row[0]) if row else 0


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.astype(
        {
            c: object
            for c in (
                "article",
                "title",
                "quote_id",
                "text",
                "kind",
                "speaker_id",
                "speaker_key",
                "speaker_name",
                "cue",
                "topics_text",
            )
        }
    )
    frame["speaker"] = frame["speaker"].astype("string")
    frame["date"] = frame["date"].astype("string")
    frame["topics"] = frame["topics"].map(lambda t: [str(x) for x in t] if t is not None else [])
    return frame


def quote_page(
    cursor: duckdb.DuckDBPyConnection, files: CorpusFiles, chosen: CorpusFilter, *, offset: int, limit: int
) -> pd.DataFrame:
    """Rows ``offset`` .. ``offset + limit`` of the filtered quotes, in corpus order."""
    condition, params = where(chosen)
    frame = cursor.execute(
        f"SELECT {PAGE_SELECT} FROM {files.sql('quotes')} WHERE {condition} "
        f"ORDER BY {CORPUS_ORDER} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).df()
    return _typed(frame).reset_index(drop=True)


def quote_row(cursor: duckdb.DuckDBPyConnection, files: CorpusFiles, article: str, quote_id: str) -> pd.Series | None:
    """One quote by its ids (for a link that names a quote outside the page shown)."""
    frame = cursor.execute(
        f"SELECT {PAGE_SELECT} FROM {files.sql('quotes')} WHERE article = ? AND quote_id = ?", [article, quote_id]
    ).df()
    return None if frame.empty else _typed(frame).iloc[0]


def _export_batches(
    cursor: duckdb.DuckDBPyConnection, files: CorpusFiles, chosen: CorpusFilter
) -> Iterator[pd.DataFrame]:
    condition, params = where(chosen)
    columns = ", ".join(f'"{c}"' for c in EXPORT_COLUMNS)
    sql = f"SELECT {columns} FROM {files.sql('quotes')} WHERE {condition} ORDER BY {CORPUS_ORDER}"
    query = cursor.sql(sql, params=params)
    reader: pa.RecordBatchReader = query.to_arrow_reader(BATCH_ROWS)
    for batch in reader:
        frame = batch.to_pandas()
        frame["speaker"] = frame["speaker"].astype("string").replace("", pd.NA)
        frame["date"] = frame["date"].astype("string")
        frame["topics"] = frame["topics"].map(lambda t: [str(x) for x in t] if t is not None else [])
        yield frame


def export_csv(cursor: duckdb.DuckDBPyConnection, files: CorpusFiles, chosen: CorpusFilter) -> str:
    """Every filtered row as CSV (columns ``EXPORT_COLUMNS``; topics joined by '; ')."""
    chunks: list[str] = []
    for i, frame in enumerate(_export_batches(cursor, files, chosen)):
        frame["topics"] = frame["topics"].map("; ".join)
        chunks.append(frame.to_csv(index=False, header=i == 0))
    return "".join(chunks) or pd.DataFrame(columns=EXPORT_COLUMNS).to_csv(index=False)


def export_json(cursor: duckdb.DuckDBPyConnection, files: CorpusFiles, chosen: CorpusFilter) -> str:
    """Every filtered row as a JSON list of objects (the same text ``json.dumps(rows, indent=1)`` gives)."""
    records: list[str] = []
    for frame in _export_batches(cursor, files, chosen):
        objects = frame.astype(object)
        for record in objects.where(objects.notna(), None).to_dict(orient="records"):
            records.append(json.dumps([record], ensure_ascii=False, indent=1, default=int)[2:-2])
    return "[\n" + ",\n".join(records) + "\n]" if records else "[]"
