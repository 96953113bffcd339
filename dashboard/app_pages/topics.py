"""Topics: their share, where they appear, and for a chosen topic its terms and quotes."""

from __future__ import annotations

import streamlit as st

from dashboard.charts.bars import topic_share_bar, topic_share_summary
from dashboard.charts.counts import topic_counts
from dashboard.charts.heatmaps import topic_paragraph_heatmap, topic_paragraph_summary
from dashboard.charts.template import align_tops
from dashboard.ui.article_picker import current_article
from dashboard.ui.below_fold import below_fold
from dashboard.ui.chart_block import chart
from dashboard.ui.headline import article_heading, article_source
from dashboard.ui.topic_focus import topic_evidence, topic_picker
from dashboard.ui.url_state import keep_params, share_link

keep_params(("topic",))
data = current_article()
if data is None:
    st.stop()

article_heading(data)
first = topic_share_bar(data.topic_mentions, source=article_source(data))
second = topic_paragraph_heatmap(data.topic_mentions, data.paragraphs, source=article_source(data))
align_tops(first, second)  # side by side: plot areas start level
left, right = st.columns(2)
with left:
    chart(
        first,
        topic_share_summary(data.topic_mentions),
        key="topics_share",
    )
if not below_fold():  # a new reader's first run ends with the first chart (dashboard.ui.below_fold)
    st.stop()
with right:
    chart(
        second,
        topic_paragraph_summary(data.topic_mentions, data.paragraphs),
        key="topics_map",
    )

topic = topic_picker(list(topic_counts(data.topic_mentions).index), article=data.article)
if topic:
    topic_evidence(data, topic)
share_link()
