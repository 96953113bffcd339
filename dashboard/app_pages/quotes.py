"""Quotes: filter by speaker, topic, kind and words; see a quote in its paragraph; download."""

from __future__ import annotations

import streamlit as st

from dashboard.charts.evidence import quote_in_paragraph
from dashboard.ui.article_picker import current_article
from dashboard.ui.headline import article_heading
from dashboard.ui.quote_filters import (
    PARAMS,
    downloads,
    filter_quotes,
    quote_filters,
    quote_table,
)
from dashboard.ui.url_state import keep_params, share_link

keep_params(PARAMS)
data = current_article()
if data is None:
    st.stop()

article_heading(data)
chosen = quote_filters(data.quotes, article=data.article)
rows = filter_quotes(data.quotes, chosen)
st.caption(f"Showing {len(rows)} of {len(data.quotes)} quotes. Select a row to read it in context.")
selected = quote_table(rows, article=data.article)
if selected is not None:
    st.html(quote_in_paragraph(selected, data.paragraphs))
downloads(rows, article=data.article)
share_link()
