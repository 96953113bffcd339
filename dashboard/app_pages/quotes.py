"""Quotes: filter by speaker, topic, kind and words; see a quote in its paragraph; download.

Scope "all articles" (``?scope=all``) explores every article's quotes at once: the article
becomes a filter and a column, and speakers are the same person across articles.
"""

from __future__ import annotations

import streamlit as st

from dashboard.charts.evidence import quote_in_paragraph
from dashboard.loaders import load_article, load_corpus
from dashboard.ui.article_picker import current_article
from dashboard.ui.corpus_quotes import (
    CORPUS_PARAMS,
    MAX_ROWS,
    corpus_downloads,
    corpus_quote_filters,
    corpus_quote_table,
    filter_corpus_quotes,
    shown_note,
)
from dashboard.ui.correction_controls import correction_controls
from dashboard.ui.headline import article_heading
from dashboard.ui.quote_filters import (
    ALL_ARTICLES,
    PARAMS,
    downloads,
    filter_quotes,
    quote_filters,
    quote_table,
    scope_control,
)
from dashboard.ui.url_state import keep_params, share_link

keep_params((*PARAMS, *CORPUS_PARAMS))
scope = scope_control()

if scope == ALL_ARTICLES:
    corpus = load_corpus()
    if corpus is None:
        st.info("No articles have been built yet.")
        st.stop()
    st.subheader(f"Quotes in all {len(corpus.articles):,} articles", anchor=False)
    rows = filter_corpus_quotes(corpus.quotes, corpus_quote_filters(corpus))
    st.caption(shown_note(min(len(rows), MAX_ROWS), len(rows), len(corpus.quotes)))
    selected = corpus_quote_table(rows)
    if selected is not None:
        article = load_article(str(selected["article"]))
        if article is not None:
            st.caption(f"From “{article.title}” {('· ' + article.byline) if article.byline else ''}")
            st.html(quote_in_paragraph(selected, article.paragraphs))
    corpus_downloads(rows)
    share_link()
    st.stop()

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
correction_controls(data, selected)  # editors only
downloads(rows, article=data.article)
share_link()
