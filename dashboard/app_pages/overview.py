"""Overview: headline figures, who is quoted most, the topics, the sources panel and the story arc."""

from __future__ import annotations

import streamlit as st

from dashboard.charts.bars import (
    quoted_most_bar,
    quoted_most_summary,
    topic_share_bar,
    topic_share_summary,
)
from dashboard.charts.story_arc import story_arc_chart, story_arc_summary
from dashboard.charts.template import align_tops
from dashboard.ui.article_picker import current_article
from dashboard.ui.below_fold import below_fold
from dashboard.ui.chart_block import chart
from dashboard.ui.headline import article_heading, article_source, headline_figures
from dashboard.ui.sources_panel import sources_panel
from dashboard.ui.url_state import keep_params, share_link

keep_params(())
data = current_article()
if data is None:
    st.stop()

article_heading(data)
headline_figures(data)

first = quoted_most_bar(data.quotes, source=article_source(data))
second = topic_share_bar(data.topic_mentions, source=article_source(data))
align_tops(first, second)  # side by side: plot areas start level
left, right = st.columns(2)
with left:
    chart(
        first,
        quoted_most_summary(data.quotes),
        key="overview_quoted",
    )
# Above the fold ends here: a new reader's first run stops after the first chart, and the
# run its drawing starts sends the rest (dashboard.ui.below_fold).
if not below_fold():
    st.stop()
with right:
    chart(
        second,
        topic_share_summary(data.topic_mentions),
        key="overview_topics",
    )

st.markdown("#### Sources: who is mentioned, who gets to speak")
sources_panel(
    actors=data.actors,
    mentions=data.mentions,
    quotes=data.quotes,
    sentences=data.sentences,
    source=article_source(data),
    key="overview_sources",
)

chart(
    story_arc_chart(data.actors, data.mentions, data.topic_mentions, data.paragraphs, source=article_source(data)),
    story_arc_summary(data.actors, data.mentions, data.topic_mentions, data.paragraphs),
    key="overview_arc",
)
share_link()
