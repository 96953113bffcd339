"""The top of every page: the article's headline, byline and headline figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import streamlit as st

from dashboard.charts.counts import UNATTRIBUTED, speaker_labels
from dashboard.charts.statements import statement_keys
from dashboard.charts.template import source_line
from dashboard.loaders import ArticleData
from dashboard.ui.url_state import markdown_text


def article_source(data: ArticleData) -> str:
    """The source line under every chart of one article: outlet and date when known, and the credit."""
    return source_line(data.title, data.outlet, data.credit, data.date)


def article_heading(data: ArticleData) -> None:
    st.subheader(markdown_text(data.title), anchor=False)
    parts = [p for p in (data.credit or data.outlet, data.date) if p]
    if parts:
        st.caption(" · ".join(markdown_text(p) for p in parts))


class Figure(NamedTuple):
    """One headline figure: its label, its value as shown, and an optional line under it."""

    label: str
    value: str
    note: str = ""


FIGURES_KEY = "headline_figures"  # the row's CSS class is st-key-headline_figures


def figures_row(figures: Sequence[Figure], *, key: str = FIGURES_KEY) -> None:
    """The figures in one row (two by two on a phone): a label, the number as a heading, a note.

    Only elements of Streamlit's first bundle (caption, heading): ``st.metric`` and Markdown
    with raw HTML each make a new reader wait for scripts of their own before the numbers show."""
    row = st.container(horizontal=True, gap="medium", key=key)
    for figure in figures:
        cell = row.container(width=136, gap=None)
        cell.caption(markdown_text(figure.label))
        cell.header(markdown_text(figure.value), anchor=False)
        if figure.note:
            cell.caption(markdown_text(figure.note))


def headline_figures(data: ArticleData) -> None:
    """Actors, speakers, statements (acts of saying; scare quotes not counted) and topics."""
    speakers = set(speaker_labels(data.quotes)) - {UNATTRIBUTED}
    topics = set(data.topic_mentions["topic"])
    said = data.quotes[data.quotes["kind"] != "scare"]
    statements = int(statement_keys(said).nunique())
    figures_row(
        [
            Figure("Actors", f"{len(data.actors):,}"),
            Figure("Speakers", f"{len(speakers):,}"),
            Figure("Statements", f"{statements:,}", f"from {len(said):,} quoted fragments"),
            Figure("Topics", f"{len(topics):,}"),
        ]
    )
