"""The shared sidebar article picker; its choice is kept in the URL as ``?article=``."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import settings
from dashboard.loaders import ArticleData, load_article, load_articles
from dashboard.ui.analyse_text import session_article, session_articles
from dashboard.ui.url_state import ARTICLE_PARAM, note_ignored, seed, set_param, url_value

ARTICLE_KEY = "app_article"


def article_labels(articles: pd.DataFrame) -> dict[str, str]:
    """Article id → 'Headline — Outlet, 2019-01-07' (outlet and date when known).

    Column-wise, not row by row: the picker runs on every rerun, and a corpus has
    thousands of articles.
    """
    outlet = articles["outlet"].fillna("").astype(str).str.strip()
    date = articles["date"].fillna("").astype(str).str.strip()
    extra = (outlet + ", " + date).str.strip(", ")
    extra = extra.where((outlet != "") & (date != ""), outlet + date)
    title = articles["title"].fillna("").astype(str)
    labels = title.where(extra == "", title + " — " + extra)
    return dict(zip(articles["article"].astype(str), labels, strict=True))


def _clear_page_filters() -> None:
    """A new article starts with a clean view: drop every parameter but the article, and put
    the reader's choice in the URL now (the next run reads the article from there)."""
    for param in [p for p in st.query_params if p != ARTICLE_PARAM]:
        del st.query_params[param]
    st.query_params[ARTICLE_PARAM] = st.session_state[ARTICLE_KEY]


def article_picker() -> str | None:
    """Draw the picker in the sidebar; return the chosen article id (None if none are built)."""
    articles = load_articles()
    session = session_articles()  # texts this session analysed: only this reader sees them
    if len(session):
        articles = pd.concat([articles, session], ignore_index=True)
    ids = list(articles["article"])
    if not ids:
        st.sidebar.info("No articles have been built yet.")
        return None
    labels = article_labels(articles)
    wanted = url_value(ARTICLE_PARAM)
    default = settings.DEFAULT_ARTICLE if settings.DEFAULT_ARTICLE in ids else ids[0]
    if wanted is not None and wanted not in ids:
        note_ignored("the article", [wanted])
    elif wanted is not None and st.session_state.get(ARTICLE_KEY) not in (None, wanted):
        st.session_state[ARTICLE_KEY] = wanted  # the address was edited or a link opened
    seed(ARTICLE_KEY, wanted if wanted in ids else default)
    if st.session_state[ARTICLE_KEY] not in ids:
        st.session_state[ARTICLE_KEY] = default  # a rebuild removed the article
    chosen = st.sidebar.selectbox(
        "Article",
        ids,
        key=ARTICLE_KEY,
        format_func=lambda article: labels.get(article, article),
        on_change=_clear_page_filters,
        help="Every built article: headline, outlet and date.",
    )
    set_param(ARTICLE_PARAM, chosen)
    return str(chosen)


def current_article() -> ArticleData | None:
    """The article picked in the sidebar, with all its rows; None (with a note) if none."""
    article = st.session_state.get(ARTICLE_KEY)
    data = (session_article(article) or load_article(article)) if article else None
    if data is None:
        st.info("Pick an article in the sidebar. No built article is selected yet.")
    return data
