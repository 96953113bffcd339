"""The top of every page: the article's headline, byline and headline figures."""

from __future__ import annotations

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


def headline_figures(data: ArticleData) -> None:
    """Actors, speakers, statements (acts of saying; scare quotes not counted) and topics."""
    speakers = set(speaker_labels(data.quotes)) - {UNATTRIBUTED}
    topics = set(data.topic_mentions["topic"])
    row = st.container(horizontal=True)  # wraps two by two on a phone
    row.metric("Actors", len(data.actors), width=140)
    row.metric("Speakers", len(speakers), width=140)
    statements = int(statement_keys(data.quotes[data.quotes["kind"] != "scare"]).nunique())
    row.metric("Statements", statements, width=140, help=f"{len(data.quotes)} quoted fragments and scare quotes")
    row.metric("Topics", len(topics), width=140)
