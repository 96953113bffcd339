"""Picking one topic (kept in ``?topic=``) and showing its evidence terms and quotes."""

from __future__ import annotations

import streamlit as st

from dashboard.loaders import ArticleData
from dashboard.ui.evidence import topic_terms
from dashboard.ui.quote_filters import quote_rows
from dashboard.ui.url_state import note_ignored, seed, set_param, url_value

TOPIC = "topic"


def topic_picker(topics: list[str], *, article: str) -> str | None:
    """A topic select box seeded from the URL; returns the topic or None."""
    if not topics:
        st.caption("No topics were matched in this article.")
        return None
    key = f"topics_focus_{article}"
    wanted = url_value(TOPIC)
    if key not in st.session_state and wanted is not None and wanted not in topics:
        note_ignored("the topic", [wanted])
    seed(key, wanted if wanted in topics else None)
    chosen = st.selectbox("Topic", topics, key=key, index=None, placeholder="Choose a topic")
    set_param(TOPIC, chosen)
    return chosen


def topic_evidence(data: ArticleData, topic: str) -> None:
    """The words that matched the topic and the quotes that touch it."""
    left, right = st.columns([1, 2])
    with left:
        st.markdown("**Evidence terms**")
        st.dataframe(topic_terms(data.topic_mentions, topic), hide_index=True, key="topics_terms")
    with right:
        touching = data.quotes[data.quotes["topics"].map(lambda t: topic in (t or []))]
        st.markdown(f"**Quotes touching this topic** ({len(touching)})")
        if touching.empty:
            st.caption("No quote touches this topic.")
        else:
            st.dataframe(quote_rows(touching).drop(columns=["topics"]), hide_index=True, key="topics_quotes")
