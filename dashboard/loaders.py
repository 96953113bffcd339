"""Cached reads of the built tables — the only module with ``st.cache_*``.

Every cached function takes the store version as an argument, so a rebuild (which writes a
new version and moves ``CURRENT``) is picked up on the next rerun without clearing caches.
Reading the tables never loads spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import settings
from dashboard.charts.corpus import corpus_source
from dashboard.charts.corpus_counts import (
    actor_article_counts,
    actor_totals,
    corpus_quotes,
    key_names,
    speaker_article_counts,
    speaker_totals,
    topic_article_counts,
)
from dashboard.charts.template import source_line
from dashboard.corrections.apply import apply_to_tables, corrected_frames
from dashboard.corrections.connection import newsroom_store
from dashboard.corrections.records import Correction
from dashboard.errors import DashboardError
from dashboard.store.files import current_version, read_table, read_tables

ARTICLE_TABLES = ("paragraphs", "sentences", "actors", "mentions", "quotes", "topic_mentions")


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
    """The current version of the tables, or None before the first build (not cached)."""
    return current_version(build_dir())


@st.cache_data(show_spinner=False, max_entries=4)
def _articles(folder: str, version: str) -> pd.DataFrame:
    frame = read_table(Path(folder), "articles", version)
    return frame.sort_values(["date", "article"], na_position="last", kind="stable").reset_index(drop=True)


@st.cache_data(show_spinner=False, max_entries=4)
def _problem(folder: str, version: str) -> str | None:
    try:
        _tables(folder, version)
    except (DashboardError, ValueError, OSError) as error:
        return str(error)
    return None


def store_problem() -> str | None:
    """Why the current tables cannot be read (e.g. built by an older schema), or None."""
    version = store_version()
    return None if version is None else _problem(str(build_dir()), version)


def load_articles() -> pd.DataFrame:
    """The articles table (id, title, outlet, date, …) of the current version."""
    version = store_version()
    if version is None:
        return read_table(build_dir(), "articles")  # empty, with the schema's columns
    return _articles(str(build_dir()), version)


@st.cache_data(show_spinner=False, max_entries=4)
def _tables(folder: str, version: str) -> dict[str, pd.DataFrame]:
    return read_tables(Path(folder), version)


@st.cache_data(show_spinner=False, max_entries=64)
def _article(folder: str, version: str, article: str, corrections: int = 0) -> ArticleData | None:
    tables = _tables(folder, version)
    meta = tables["articles"][tables["articles"]["article"] == article]
    if meta.empty:
        return None
    row = meta.iloc[0]
    frames = {name: tables[name][tables[name]["article"] == article].reset_index(drop=True) for name in ARTICLE_TABLES}
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


# -- the whole corpus ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CorpusData:
    """Aggregates over every article, computed once per store version.

    ``quotes`` has one row per quote of every article (with title, date, speaker key and
    display name); the others are small: counts per (speaker key, article), per (actor
    key, article) and per (topic, article).
    """

    articles: pd.DataFrame
    quotes: pd.DataFrame
    speaker_articles: pd.DataFrame
    speakers: pd.DataFrame
    names: pd.Series
    actor_articles: pd.DataFrame
    actors: pd.DataFrame
    topic_articles: pd.DataFrame

    @property
    def source(self) -> str:
        return corpus_source(self.articles)


@st.cache_data(show_spinner="Counting across the corpus…", max_entries=2)
def _corpus(folder: str, version: str, corrections: int = 0) -> CorpusData:
    tables, _ = apply_to_tables(_tables(folder, version), _log(corrections))
    articles = _articles(folder, version)
    quotes = corpus_quotes(tables["quotes"], tables["actors"], articles)
    names = key_names(tables["actors"])
    per_speaker = speaker_article_counts(quotes)
    per_actor = actor_article_counts(tables["actors"], per_speaker)
    return CorpusData(
        articles=articles,
        quotes=quotes,
        speaker_articles=per_speaker,
        speakers=speaker_totals(per_speaker, names),
        names=names,
        actor_articles=per_actor,
        actors=actor_totals(per_actor, names),
        topic_articles=topic_article_counts(tables["topic_mentions"], articles),
    )


def load_corpus() -> CorpusData | None:
    """The corpus aggregates of the current version, or None before the first build."""
    version = store_version()
    if version is None:
        return None
    return _corpus(str(build_dir()), version, corrections_revision())


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
