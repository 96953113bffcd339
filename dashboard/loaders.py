"""Cached reads of the built tables — the only module with ``st.cache_*``.

Every read goes through DuckDB (``dashboard/query``): a page asks for what it shows (one
article's rows, a corpus aggregate, one page of the all-articles explorer), never for a
whole table. ``st.cache_data`` holds only such small results, and every cached function
takes the store version as an argument, so a rebuild (a new version) is picked up on the
next rerun without clearing caches. One DuckDB database per process
(``st.cache_resource``); every query runs on a cursor of its own, so sessions on other
threads never share one. Reading the tables never loads spaCy.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from dashboard import settings
from dashboard.charts.corpus import credits_source
from dashboard.charts.template import source_line
from dashboard.corrections.apply import apply_to_tables, corrected_frames
from dashboard.corrections.connection import newsroom_store
from dashboard.corrections.records import Correction
from dashboard.errors import DashboardError
from dashboard.query import articles as article_queries
from dashboard.query import corpus as corpus_queries
from dashboard.query import quotes as quote_queries
from dashboard.query.connection import connect
from dashboard.query.corpus import CorpusTotals
from dashboard.query.derived import CorpusFiles, corpus_files
from dashboard.query.quotes import CorpusFilter
from dashboard.query.relations import StoreTables
from dashboard.store.files import readable_version
from dashboard.store.schema import TABLES, empty

ARTICLE_TABLES = article_queries.ARTICLE_TABLES


@dataclass(frozen=True)
class ArticleData:
    """One article's rows of every table, plus its metadata."""

    article: str
    title: str
    outlet: str | None
    date: str | None
    url: str | None
    credit: str | None
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    actors: pd.DataFrame
    mentions: pd.DataFrame
    quotes: pd.DataFrame
    topic_mentions: pd.DataFrame

    @property
    def source(self) -> str:
        return source_line(self.title, self.outlet, self.credit)

    @property
    def byline(self) -> str:
        return " · ".join(p for p in (self.outlet, self.date) if p)


def build_dir() -> Path:
    return Path(settings.BUILD_DIR)


def store_version() -> str | None:
    """The version of the tables to serve, or None before the first build (not cached:
    read every rerun, so a rebuild or a repair shows up without a restart). When the
    current version is damaged this is the last good one (see ``readable_version``)."""
    return readable_version(build_dir())[0]


@st.cache_resource(show_spinner=False)
def _database() -> duckdb.DuckDBPyConnection:
    return connect()


@contextmanager
def _query(folder: str, version: str) -> Iterator[tuple[duckdb.DuckDBPyConnection, StoreTables]]:
    """A cursor of its own (thread-safe) and the version's tables as SQL relations."""
    cursor = _database().cursor()
    try:
        yield cursor, StoreTables(Path(folder), version)
    finally:
        cursor.close()


@st.cache_data(show_spinner=False, max_entries=4)
def _problem(folder: str, version: str) -> str | None:
    try:
        with _query(folder, version) as (cursor, tables):
            for table in TABLES:
                cursor.execute(f"SELECT * FROM {tables.sql(table)} LIMIT 0").fetchall()
    except (DashboardError, ValueError, OSError, duckdb.Error) as error:
        return str(error).splitlines()[0]
    return None


def store_problem() -> str | None:
    """Why the current tables cannot be read (e.g. a damaged part), or None."""
    version = store_version()
    return None if version is None else _problem(str(build_dir()), version)


# -- articles -----------------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=2)
def _articles(folder: str, version: str) -> pd.DataFrame:
    with _query(folder, version) as (cursor, tables):
        return article_queries.articles_table(cursor, tables)


def load_articles() -> pd.DataFrame:
    """The whole articles table (id, title, outlet, date, …) in article order.

    One row per article: for scripts and small stores. Pages use ``load_article_choices``,
    ``load_known_articles`` and ``load_article_titles``, which stay small at any size.
    """
    version = store_version()
    if version is None:
        return empty("articles")
    return _articles(str(build_dir()), version)


@st.cache_data(show_spinner=False, max_entries=8)
def _article_choices(folder: str, version: str, limit: int) -> tuple[pd.DataFrame, int]:
    with _query(folder, version) as (cursor, tables):
        return article_queries.newest_articles(cursor, tables, limit=limit), article_queries.article_count(
            cursor, tables
        )


def load_article_choices(limit: int) -> tuple[pd.DataFrame, int]:
    """(the last ``limit`` articles in article order — date, undated last, then id —, how many there are)."""
    version = store_version()
    if version is None:
        return empty("articles"), 0
    return _article_choices(str(build_dir()), version, limit)


@st.cache_data(show_spinner=False, max_entries=64)
def _known_articles(folder: str, version: str, ids: tuple[str, ...]) -> pd.DataFrame:
    with _query(folder, version) as (cursor, tables):
        return article_queries.known_articles(cursor, tables, ids)


def load_known_articles(ids: Sequence[str]) -> pd.DataFrame:
    """The articles-table rows of those of ``ids`` that are built (article order)."""
    version = store_version()
    if version is None or not ids:
        return empty("articles")
    return _known_articles(str(build_dir()), version, tuple(sorted(set(ids))))


def load_article_titles(paths: Sequence[str]) -> dict[str, str]:
    """File path → headline for the built articles among ``paths`` (not cached: a short list)."""
    version = store_version()
    if version is None or not paths:
        return {}
    with _query(str(build_dir()), version) as (cursor, tables):
        return article_queries.titles_by_path(cursor, tables, paths)


@st.cache_data(show_spinner=False, max_entries=64)
def _article(folder: str, version: str, article: str, corrections: int = 0) -> ArticleData | None:
    with _query(folder, version) as (cursor, tables):
        row = article_queries.article_meta(cursor, tables, article)
        if row is None:
            return None
        frames = article_queries.article_rows(cursor, tables, article)
    # Editors' corrections apply on read too, so one made after the build shows at once.
    frames.update(corrected_frames(frames, _log(corrections, article), content_hash=str(row["content_hash"])))
    return ArticleData(
        article=article,
        title=str(row["title"]),
        outlet=_text(row["outlet"]),
        date=_text(row["date"]),
        url=_text(row["url"]),
        credit=_text(row["credit"]),
        **frames,
    )


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) or not str(value).strip() else str(value)


def load_article(article: str) -> ArticleData | None:
    """All rows of one article, or None if the article is not in the build."""
    version = store_version()
    if version is None:
        return None
    return _article(str(build_dir()), version, article, corrections_revision())


@st.cache_data(show_spinner=False, max_entries=8)
def _several(folder: str, version: str, articles: tuple[str, ...], corrections: int = 0) -> dict[str, pd.DataFrame]:
    with _query(folder, version) as (cursor, tables):
        frames = article_queries.several_articles_rows(cursor, tables, articles, SEVERAL_TABLES)
    wanted = set(articles)
    records = [r for r in _log(corrections) if r.article in wanted]
    if records:
        frames, _ = apply_to_tables(frames, records)
    return {name: frames[name] for name in SEVERAL_TABLES}


SEVERAL_TABLES = ("actors", "mentions", "quotes", "sentences")


def load_several_articles(articles: Sequence[str]) -> dict[str, pd.DataFrame]:
    """The actors, mentions, quotes and sentences of several articles together (one query per
    table; for panels over many articles, e.g. one outlet's), editors' corrections applied."""
    version = store_version()
    if version is None or not articles:
        return {name: empty(name) for name in SEVERAL_TABLES}
    return _several(str(build_dir()), version, tuple(str(a) for a in articles), corrections_revision())


# -- the whole corpus ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CorpusData:
    """The corpus aggregates of one store version: small whatever the corpus size.

    ``speakers``: one row per speaker key (speaker_key, name, quotes, articles), most
    quoted first; ``actors``: one row per actor key (key, name, mentions, quotes,
    articles), in most articles first; ``names``: key → display name; ``topic_dates``:
    matched terms per (topic, date); ``topics``: every matched topic, A–Z.
    """

    totals: CorpusTotals
    source: str
    speakers: pd.DataFrame
    names: pd.Series
    actors: pd.DataFrame
    topic_dates: pd.DataFrame
    topics: tuple[str, ...]


def _files(cursor: duckdb.DuckDBPyConnection, tables: StoreTables) -> CorpusFiles:
    return corpus_files(cursor, tables)


@st.cache_data(show_spinner="Counting across the corpus…", max_entries=2)
def _corpus(folder: str, version: str) -> CorpusData:
    with _query(folder, version) as (cursor, tables):
        files = _files(cursor, tables)
        used, unnamed = corpus_queries.credits(cursor, tables)
        topic_dates = corpus_queries.topic_dates(cursor, tables)
        return CorpusData(
            totals=corpus_queries.corpus_totals(cursor, tables, files),
            source=credits_source(used, unnamed),
            speakers=corpus_queries.speaker_totals(cursor, tables, files),
            names=corpus_queries.key_names(cursor, files),
            actors=corpus_queries.actor_totals(cursor, tables, files),
            topic_dates=topic_dates,
            topics=tuple(sorted(set(topic_dates["topic"].astype(str)))),
        )


def load_corpus() -> CorpusData | None:
    """The corpus aggregates of the current version, or None before the first build."""
    version = store_version()
    if version is None:
        return None
    return _corpus(str(build_dir()), version)


@st.cache_data(show_spinner=False, max_entries=4)
def _speaker_articles(folder: str, version: str, limit: int) -> pd.DataFrame:
    totals = _corpus(folder, version).speakers
    with _query(folder, version) as (cursor, tables):
        return corpus_queries.speaker_articles(cursor, _files(cursor, tables), totals, limit=limit)


def load_speaker_articles(limit: int) -> pd.DataFrame:
    """The ``limit`` most quoted speakers and the articles that quote them (see ``query.corpus``)."""
    version = store_version()
    if version is None:
        return corpus_queries.speaker_articles_empty()
    return _speaker_articles(str(build_dir()), version, limit)


@st.cache_data(show_spinner=False, max_entries=16)
def _actor_timeline(folder: str, version: str, key: str) -> pd.DataFrame:
    with _query(folder, version) as (cursor, tables):
        return corpus_queries.actor_timeline(cursor, _files(cursor, tables), key)


def load_actor_timeline(key: str) -> pd.DataFrame:
    """One actor's articles in publication order: date, article, title, mentions, quotes."""
    version = store_version()
    if version is None:
        return corpus_queries.actor_timeline_empty()
    return _actor_timeline(str(build_dir()), version, key)


# -- the all-articles quote explorer ------------------------------------------------------------


@dataclass(frozen=True)
class QuotePage:
    """One page of the filtered quotes (in corpus order) and how many quotes pass the filter."""

    rows: pd.DataFrame
    total: int
    offset: int


@st.cache_data(show_spinner=False, max_entries=8)
def _quote_page(folder: str, version: str, chosen: CorpusFilter, offset: int, limit: int) -> QuotePage:
    with _query(folder, version) as (cursor, tables):
        files = _files(cursor, tables)
        total = quote_queries.count_quotes(cursor, files, chosen)
        rows = quote_queries.quote_page(cursor, files, chosen, offset=offset, limit=limit)
    return QuotePage(rows=rows, total=total, offset=offset)


def load_corpus_quotes(chosen: CorpusFilter, *, offset: int = 0, limit: int) -> QuotePage:
    """The quotes of every article that pass ``chosen``: rows ``offset`` to ``offset + limit`` only."""
    version = store_version()
    if version is None:
        return QuotePage(rows=pd.DataFrame(columns=quote_queries.PAGE_COLUMNS), total=0, offset=0)
    return _quote_page(str(build_dir()), version, chosen, offset, limit)


def load_corpus_quote(article: str, quote_id: str) -> pd.Series | None:
    """One quote of the corpus by its ids, as a row of ``load_corpus_quotes``; None if unknown."""
    version = store_version()
    if version is None:
        return None
    with _query(str(build_dir()), version) as (cursor, tables):
        return quote_queries.quote_row(cursor, _files(cursor, tables), article, quote_id)


def corpus_quotes_csv(chosen: CorpusFilter) -> str:
    """Every quote that passes ``chosen`` as CSV, made now batch by batch (never cached)."""
    version = store_version()
    if version is None:
        return ""
    with _query(str(build_dir()), version) as (cursor, tables):
        return quote_queries.export_csv(cursor, _files(cursor, tables), chosen)


def corpus_quotes_json(chosen: CorpusFilter) -> str:
    """Every quote that passes ``chosen`` as JSON, made now batch by batch (never cached)."""
    version = store_version()
    if version is None:
        return "[]"
    with _query(str(build_dir()), version) as (cursor, tables):
        return quote_queries.export_json(cursor, _files(cursor, tables), chosen)


# -- editors' corrections (dashboard/corrections): applied on read, keyed by the log's revision --


def corrections_revision() -> int:
    """The corrections log's newest id (not cached: one small query per rerun); -1 if unreachable."""
    try:
        return newsroom_store().revision()
    except DashboardError as error:
        st.warning(f"Editors' corrections are not shown: {error}")
        return -1


def _log(revision: int, article: str | None = None) -> list[Correction]:
    return [] if revision <= 0 else newsroom_store().records(article)
