"""Actors: who is mentioned most, where in the story, with which topics — click a cell to read."""

from __future__ import annotations

import streamlit as st

from dashboard.charts.bars import mentions_bar, mentions_summary
from dashboard.charts.heatmaps import (
    MAX_ROWS,
    actor_paragraph_heatmap,
    actor_paragraph_summary,
    actor_topic_heatmap,
    actor_topic_summary,
)
from dashboard.ui.article_picker import current_article
from dashboard.ui.below_fold import below_fold
from dashboard.ui.chart_block import chart, clickable_chart
from dashboard.ui.evidence import actor_paragraph_evidence, actor_topic_evidence
from dashboard.ui.headline import article_heading, article_source
from dashboard.ui.url_state import keep_params, share_link

keep_params(("cell", "pair"))
data = current_article()
if data is None:
    st.stop()

article_heading(data)
chart(
    mentions_bar(data.actors, data.mentions, source=article_source(data)),
    mentions_summary(data.actors, data.mentions),
    key="actors_bar",
)
if not below_fold():  # a new reader's first run ends with the first chart (dashboard.ui.below_fold)
    st.stop()

st.markdown("**Where each actor appears** — click a cell to read the sentences behind it.")
show_all = len(data.actors) > MAX_ROWS and st.toggle(
    f"Show all {len(data.actors)} actors", key=f"actors_all_{data.article}", help=f"The top {MAX_ROWS} otherwise"
)
limit = None if show_all else MAX_ROWS
points = clickable_chart(
    actor_paragraph_heatmap(data.actors, data.mentions, data.paragraphs, source=article_source(data), limit=limit),
    actor_paragraph_summary(data.actors, data.mentions, data.paragraphs),
    key=f"actors_paragraph_map_{data.article}",
)
actor_paragraph_evidence(data, points)

st.markdown("**Actors and topics** — click a cell to read the sentences that join them.")
points = clickable_chart(
    actor_topic_heatmap(data.actors, data.mentions, data.topic_mentions, source=article_source(data), limit=limit),
    actor_topic_summary(data.actors, data.mentions, data.topic_mentions),
    key=f"actors_topic_map_{data.article}",
)
actor_topic_evidence(data, points)
share_link()
