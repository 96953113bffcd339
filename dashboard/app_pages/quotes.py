"""Quotes: filter by speaker, topic, kind and words; see a quote in its paragraph; download.

Scope "all articles" (``?scope=all``) explores every article's quotes at once: the article
becomes a filter and a column, and speakers are the same person across articles.
"""

from __future__ import annotations

import streamlit as st

from dashboard.charts.evidence import quote_in_paragraph
from dashboard.charts.statements import statement_rows
from dashboard.loaders import load_article, load_corpus
from dashboard.ui.article_picker import current_article
from dashboard.ui.corpus_quotes import (
    CORPUS_PARAMS,
    corpus_downloads,
    corpus_quote_filters,
    corpus_quote_page,
    corpus_quote_table,
    shown_note,
)
from dashboard.ui.correction_controls import correction_controls
from dashboard.ui.headline import article_heading
from dashboard.ui.quote_filters import (
    ALL_ARTICLES,
    PARAMS,
    QuoteFilter,
    downloads,
    empty_note,
    filter_quotes,
    matched_statements,
    quote_filters,
    quote_table,
    scope_control,
    show_fragments,
)
from dashboard.ui.url_state import keep_params, markdown_text, share_link

keep_params((*PARAMS, *CORPUS_PARAMS))
scope = scope_control()

if scope == ALL_ARTICLES:
    corpus = load_corpus()
    if corpus is None:
        st.info("No articles have been built yet.")
        st.stop()
    st.subheader(f"Quotes in all {corpus.totals.articles:,} articles", anchor=False)
    wanted = corpus_quote_filters(corpus)
    page = corpus_quote_page(wanted)
    st.caption(shown_note(len(page.rows), page.total, corpus.totals.quotes, first=page.offset + 1))
    if page.total == 0:
        st.info(empty_note(QuoteFilter(wanted.speakers, wanted.topics, wanted.kinds, wanted.text)))
    selected = corpus_quote_table(statement_rows(page.rows)) if page.total else None  # the page's statements
    if selected is not None:
        article = load_article(str(selected["article"]))
        if article is not None:
            st.caption(markdown_text(f"From “{article.title}” {('· ' + article.byline) if article.byline else ''}"))
            st.html(quote_in_paragraph(selected, article.paragraphs))
    corpus_downloads(wanted, page.total)
    share_link()
    st.stop()

data = current_article()
if data is None:
    st.stop()

article_heading(data)
chosen = quote_filters(data.quotes, article=data.article)
rows = filter_quotes(data.quotes, chosen)
statements = matched_statements(data.quotes, rows)
total = statement_rows(data.quotes)
st.caption(
    f"Showing {len(statements)} of {len(total)} statements ({len(rows)} of {len(data.quotes)} quoted fragments). "
    "Select a row to read it in context."
)
if statements.empty:
    st.info(empty_note(chosen))
else:
    selected = quote_table(statements, article=data.article)
    if selected is not None:
        st.html(quote_in_paragraph(selected, data.paragraphs))
        show_fragments(selected, data.quotes, key=f"quotes_fragments_{data.article}")
    correction_controls(data, selected)  # editors only
    downloads(rows, article=data.article)
share_link()
