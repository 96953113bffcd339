"""One article's rows, and the article list the pickers show.

``article_rows`` filters every table on ``article = ?``: DuckDB pushes the predicate into
the Parquet scan, so only row groups whose ``article`` range holds the id are read.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pandas as pd

from dashboard.query.relations import StoreTables
from dashboard.store.schema import conform, empty

ARTICLE_TABLES = ("paragraphs", "sentences", "actors", "mentions", "quotes", "topic_mentions")
# Article order everywhere: publication date (undated — missing or blank — last), then id.
ARTICLE_ORDER = "nullif(trim(date), '') NULLS LAST, article"
ARTICLE_ORDER_REVERSED = "nullif(trim(date), '') DESC NULLS FIRST, article DESC"


# Rows of a list of articles: a semi join with the list. (``article IN (…)`` over the union
# of a large archive's parts ran out of DuckDB's memory cap at 1,000,000 articles; the semi
# join reads the same rows in a few hundredths of a second.)
WANTED_IDS = "SEMI JOIN (SELECT unnest(?) AS article) wanted USING (article)"


def frame(cursor: duckdb.DuckDBPyConnection, sql: str, params: Iterable[object] = ()) -> pd.DataFrame:
    """The result of one query as a pandas DataFrame."""
    return cursor.execute(sql, list(params)).df()


def table_rows(cursor: duckdb.DuckDBPyConnection, tables: StoreTables, table: str, article: str) -> pd.DataFrame:
    """One article's rows of ``table`` in stored order, with the schema's dtypes."""
    rows = frame(cursor, f"SELECT * FROM {tables.sql(table)} WHERE article = ?", [article])
    return conform(rows, table)


def article_meta(cursor: duckdb.DuckDBPyConnection, tables: StoreTables, article: str) -> pd.Series | None:
    """The article's row of the articles table, or None if it is not in the version."""
    rows = table_rows(cursor, tables, "articles", article)
    return None if rows.empty else rows.iloc[0]


def article_rows(cursor: duckdb.DuckDBPyConnection, tables: StoreTables, article: str) -> dict[str, pd.DataFrame]:
    """Every per-article table's rows of one article."""
    return {name: table_rows(cursor, tables, name, article) for name in ARTICLE_TABLES}


def several_articles_rows(
    cursor: duckdb.DuckDBPyConnection, tables: StoreTables, articles: Iterable[str], names: Iterable[str]
) -> dict[str, pd.DataFrame]:
    """The rows of several articles, one query per table (``names``: which tables), the
    ``articles`` table included; rows keep their stored order within each article."""
    ids = list(dict.fromkeys(str(a) for a in articles))
    if not ids:
        return {name: empty(name) for name in ("articles", *names)}
    out = {}
    for name in ("articles", *names):
        rows = frame(cursor, f"SELECT t.* FROM {tables.sql(name)} t {WANTED_IDS}", [ids])
        out[name] = conform(rows, name)
    return out


def article_count(cursor: duckdb.DuckDBPyConnection, tables: StoreTables) -> int:
    row = cursor.execute(f"SELECT count(*) FROM {tables.sql('articles')}").fetchone()
    return int(row[0]) if row else 0


def articles_table(cursor: duckdb.DuckDBPyConnection, tables: StoreTables) -> pd.DataFrame:
    """The whole articles table in article order (one row per article: small next to the rest)."""
    rows = frame(cursor, f"SELECT * FROM {tables.sql('articles')} ORDER BY {ARTICLE_ORDER}")
    return conform(rows, "articles")


def newest_articles(cursor: duckdb.DuckDBPyConnection, tables: StoreTables, *, limit: int) -> pd.DataFrame:
    """The last ``limit`` articles in article order (all of them when there are fewer)."""
    # Rank on the two narrow columns first, then read the whole rows of the chosen ones: a
    # top-N over every column of a million articles ran out of DuckDB's memory cap.
    articles = tables.sql("articles")
    newest = f"SELECT article FROM {articles} ORDER BY {ARTICLE_ORDER_REVERSED} LIMIT ?"
    rows = frame(
        cursor,
        f"SELECT * FROM {articles} WHERE article IN ({newest}) ORDER BY {ARTICLE_ORDER_REVERSED}",
        [limit],
    )
    return conform(rows.iloc[::-1], "articles")


def known_articles(cursor: duckdb.DuckDBPyConnection, tables: StoreTables, ids: Iterable[str]) -> pd.DataFrame:
    """The rows of the articles among ``ids`` that are in the version (article order)."""
    wanted = sorted(set(ids))
    if not wanted:
        return conform(frame(cursor, f"SELECT * FROM {tables.sql('articles')} WHERE false"), "articles")
    rows = frame(cursor, f"SELECT t.* FROM {tables.sql('articles')} t {WANTED_IDS} ORDER BY {ARTICLE_ORDER}", [wanted])
    return conform(rows, "articles")


def titles_by_path(cursor: duckdb.DuckDBPyConnection, tables: StoreTables, paths: Iterable[str]) -> dict[str, str]:
    """File path → headline, for the built articles among ``paths``."""
    wanted = sorted(set(paths))
    if not wanted:
        return {}
    rows = cursor.execute(
        f"SELECT path, title FROM {tables.sql('articles')} WHERE path IN (SELECT unnest(?))", [wanted]
    ).fetchall()
    return {str(path): str(title) for path, title in rows}
