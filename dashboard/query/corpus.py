"""The corpus aggregates as SQL: small frames for the corpus views and the explorer's options.

Speakers and actors are linked across articles by ``actors.key`` (see
``dashboard/store/actor_keys.py``); each key is shown under one display name, the
canonical name most article rows use (ties: the longest, then A–Z). Results have the
columns and order the pandas versions in ``dashboard/charts/corpus_counts.py`` had.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.charts.corpus_counts import UNDATED
from dashboard.query.derived import NO_KEY, CorpusFiles, article_ranges, in_range
from dashboard.query.relations import StoreTables, quote_literal

LISTED_ARTICLES = 20  # articles named per speaker in the "most quoted" table
SPEAKER_ARTICLES_COLUMNS = ["name", "quotes", "articles", "in_articles", "speaker_key"]
TIMELINE_COLUMNS = ["date", "article", "title", "mentions", "quotes"]


@dataclass(frozen=True)
class CorpusTotals:
    """Headline figures of the corpus."""

    articles: int
    quotes: int  # quoted fragments (rows of ``quotes``)
    statements: int  # acts of saying: what "quoted most" counts
    unattributed: int  # statements without a speaker
    first_date: str | None
    last_date: str | None
    undated: int


def corpus_totals(cursor: duckdb.DuckDBPyConnection, tables: StoreTables, files: CorpusFiles) -> CorpusTotals:
    articles = cursor.execute(
        f"""SELECT count(*), min(nullif(trim(date), '')), max(nullif(trim(date), '')),
                count(*) FILTER (WHERE nullif(trim(date), '') IS NULL)
            FROM {tables.sql("articles")}"""
    ).fetchone()
    quotes = cursor.execute(
        f"""SELECT sum(fragments), count(*), count(*) FILTER (WHERE unattributed)
            FROM (SELECT count(*) AS fragments, bool_and(speaker_key = {quote_literal(NO_KEY)}) AS unattributed
                  FROM {files.sql("quotes")} GROUP BY article, statement)"""
    ).fetchone()
    assert articles is not None and quotes is not None
    count, first, last, undated = articles
    fragments, statements, unattributed = (int(n or 0) for n in quotes)
    return CorpusTotals(int(count), fragments, statements, unattributed, first, last, int(undated))


def credits(cursor: duckdb.DuckDBPyConnection, tables: StoreTables) -> tuple[pd.Series, int]:
    """(articles per credit line — the outlet where there is none —, most first; articles with neither)."""
    rows = cursor.execute(
        f"""SELECT coalesce(nullif(trim(credit), ''), nullif(trim(outlet), '')) AS named, count(*) AS n
            FROM {tables.sql("articles")} GROUP BY named ORDER BY n DESC, named"""
    ).fetchall()
    used = pd.Series({str(name): int(n) for name, n in rows if name is not None}, dtype="int64")
    unnamed = sum(int(n) for name, n in rows if name is None)
    return used, unnamed


def key_names(cursor: duckdb.DuckDBPyConnection, files: CorpusFiles) -> pd.Series:
    """key → display name."""
    rows = cursor.execute(f"SELECT key, name FROM {files.sql('names')} ORDER BY key").fetchall()
    index = pd.Index([k for k, _ in rows], dtype=object, name="key")
    return pd.Series([n for _, n in rows], index=index, dtype=object, name="name")


def speaker_totals(cursor: duckdb.DuckDBPyConnection, tables: StoreTables, files: CorpusFiles) -> pd.DataFrame:
    """One row per speaker key: speaker_key, name, quotes, articles — most quoted first (ties by name)."""
    frame = cursor.execute(
        f"""SELECT s.key AS speaker_key, coalesce(n.name, s.key) AS name, s.quotes, s.articles
            FROM (
                SELECT key, sum(quotes)::BIGINT AS quotes, count(*)::BIGINT AS articles
                FROM {files.sql("key_articles")} WHERE quotes > 0 GROUP BY key
            ) s LEFT JOIN {files.sql("names")} n ON n.key = s.key
            ORDER BY quotes DESC, articles DESC, name, speaker_key"""
    ).df()
    return frame.astype({"speaker_key": object, "name": object, "quotes": "int64", "articles": "int64"})


def actor_totals(cursor: duckdb.DuckDBPyConnection, tables: StoreTables, files: CorpusFiles) -> pd.DataFrame:
    """One row per actor key: key, name, mentions, quotes, articles — in most articles first."""
    frame = cursor.execute(
        f"""SELECT s.key, coalesce(n.name, s.key) AS name, s.mentions, s.quotes, s.articles
            FROM (
                SELECT key, sum(mentions)::BIGINT AS mentions, sum(quotes)::BIGINT AS quotes,
                    count(*)::BIGINT AS articles
                FROM {files.sql("key_articles")} GROUP BY key
            ) s LEFT JOIN {files.sql("names")} n ON n.key = s.key
            ORDER BY articles DESC, mentions DESC, name, key"""
    ).df()
    return frame.astype({"key": object, "name": object, "mentions": "int64", "quotes": "int64", "articles": "int64"})


def speaker_articles(
    cursor: duckdb.DuckDBPyConnection,
    files: CorpusFiles,
    totals: pd.DataFrame,
    *,
    limit: int,
    listed: int = LISTED_ARTICLES,
) -> pd.DataFrame:
    """The ``limit`` most quoted speakers with the articles that quote them (most quotes first).

    Columns name, quotes, articles, in_articles ("Title (3); Other title (1)"), speaker_key.
    At most ``listed`` articles are named per speaker, then "… and N more".
    """
    top = totals.head(limit)
    if top.empty:
        return speaker_articles_empty()
    rows = cursor.execute(
        f"""SELECT key, title, quotes FROM {files.sql("key_articles")}
            WHERE key IN (SELECT unnest(?)) AND quotes > 0
            QUALIFY row_number() OVER (PARTITION BY key ORDER BY quotes DESC, article) <= ?
            ORDER BY key, quotes DESC, article""",
        [list(top["speaker_key"]), listed],
    ).fetchall()
    named: dict[str, list[str]] = {}
    for key, title, quotes in rows:
        named.setdefault(str(key), []).append(f"{title} ({quotes})")
    listing = []
    for key, spread in zip(top["speaker_key"], top["articles"], strict=True):
        parts = named.get(str(key), [])
        text = "; ".join(parts)
        if int(spread) > len(parts):
            text += f"; … and {int(spread) - len(parts):,} more"
        listing.append(text)
    out = top.assign(in_articles=listing)
    return out.loc[:, SPEAKER_ARTICLES_COLUMNS].reset_index(drop=True)


def speaker_articles_empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: [] for c in SPEAKER_ARTICLES_COLUMNS}, dtype=object)
    return frame.astype({"quotes": "int64", "articles": "int64"})


def actor_timeline(cursor: duckdb.DuckDBPyConnection, files: CorpusFiles, key: str) -> pd.DataFrame:
    """One actor's articles in publication order (undated last): date, article, title, mentions, quotes."""
    frame = cursor.execute(
        f"""SELECT coalesce(date, {quote_literal(UNDATED)}) AS date, article, title, mentions, quotes
            FROM {files.sql("key_articles")} WHERE key = ?
            ORDER BY date NULLS LAST, article""",
        [key],
    ).df()
    return frame.astype({"date": object, "article": object, "title": object, "mentions": "int64", "quotes": "int64"})


def actor_timeline_empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: [] for c in TIMELINE_COLUMNS}, dtype=object)
    return frame.astype({"mentions": "int64", "quotes": "int64"})


def topic_dates(cursor: duckdb.DuckDBPyConnection, tables: StoreTables) -> pd.DataFrame:
    """Matched topic terms per (topic, publication date): topic, date ('undated' when unknown), terms.

    Counted chunk by chunk of articles (``article_ranges``), each chunk's join bounded, then
    summed: one join of every topic mention with every article ran out of the memory cap
    at 1,000,000 articles."""
    parts = []
    for lo, hi in article_ranges(cursor, tables):
        parts.append(
            cursor.execute(
                f"""SELECT t.topic, coalesce(nullif(trim(m.date), ''), {quote_literal(UNDATED)}) AS date,
                        count(*)::BIGINT AS terms
                    FROM (SELECT article, topic FROM {in_range(tables.sql("topic_mentions"), lo, hi)}) t
                    LEFT JOIN (SELECT article, date FROM {in_range(tables.sql("articles"), lo, hi)}) m
                        ON m.article = t.article
                    GROUP BY ALL"""
            ).df()
        )
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["topic", "date", "terms"])
    frame = frame.groupby(["topic", "date"], as_index=False)["terms"].sum().sort_values(["topic", "date"])
    return frame.reset_index(drop=True).astype({"topic": object, "date": object, "terms": "int64"})
