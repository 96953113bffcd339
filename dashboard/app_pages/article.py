"""Article: the text with actors, quotes and topic terms highlighted; a toggle per layer."""

from __future__ import annotations

import streamlit as st

from dashboard.charts.counts import actor_names
from dashboard.charts.evidence import article_html
from dashboard.charts.highlight import legend
from dashboard.ui.article_picker import current_article
from dashboard.ui.correction_controls import correction_controls
from dashboard.ui.headline import article_heading
from dashboard.ui.layers import LAYER_PARAMS, layer_toggles
from dashboard.ui.url_state import keep_params, markdown_link, share_link

keep_params(LAYER_PARAMS)
data = current_article()
if data is None:
    st.stop()

article_heading(data)
layers = layer_toggles(article=data.article)
st.html(legend([layer for layer, on in layers.items() if on]))
st.html(
    "".join(
        article_html(
            data.paragraphs,
            mentions=data.mentions if layers["actor"] else None,
            quotes=data.quotes if layers["quote"] else None,
            topic_mentions=data.topic_mentions if layers["topic"] else None,
            actor_labels=actor_names(data.actors),
        )
    )
)
if data.url:
    st.caption(f"Original: {markdown_link(data.url, data.url)}")
correction_controls(data)  # editors only
share_link()
