"""The shared sidebar article picker; its choice is kept in the URL as ``?article=``."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from dashboard import settings
from dashboard.loaders import ArticleData, load_article, load_article_choices, load_known_articles
from dashboard.ui.analyse_text import session_article, session_articles
from dashboard.ui.url_state import ARTICLE_PARAM, markdown_text, seed, set_param, url_value

ARTICLE_KEY = "app_article"
MAX_ARTICLES = 1_000  # articles listed in the picker (the most recent); a link can open any
NO_ARTICLE_PAGES = frozenset({"corpus", "analyse"})  # pages that show no single article


def shows_one_article(url_path: str, scope: str | None) -> bool:
    """Whether a page uses the sidebar's article (not Corpus, Analyse, or Quotes over all articles)."""
    return url_path not in NO_ARTICLE_PAGES and not (url_path == "quotes" and scope == "all")


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
    """Draw the picker in the sidebar; return the chosen article id (None if none are built).

    An article in the link that is not built is not replaced by another one: the picker
    stays empty and ``current_article`` says so and lists the articles.
    """
    articles, total = load_article_choices(MAX_ARTICLES)
    session = session_articles()  # texts this session analysed: only this reader sees them
    if len(session):
        articles = pd.concat([articles, session], ignore_index=True)
    if articles.empty:
        st.sidebar.info("No articles have been built yet.")
        return None
    wanted = url_value(ARTICLE_PARAM)
    listed = set(articles["article"])
    others = [a for a in (wanted, st.session_state.get(ARTICLE_KEY), settings.DEFAULT_ARTICLE) if a and a not in listed]
    if others:  # a link, the reader's choice or the default outside the most recent: list it first
        articles = pd.concat([load_known_articles(others), articles], ignore_index=True)
    ids = list(articles["article"])
    labels = article_labels(articles)
    default = settings.DEFAULT_ARTICLE if settings.DEFAULT_ARTICLE in ids else ids[0]
    if wanted is not None and wanted not in ids:
        st.session_state[ARTICLE_KEY] = None  # said plainly on the page (current_article)
    elif wanted is not None and st.session_state.get(ARTICLE_KEY) != wanted:
        st.session_state[ARTICLE_KEY] = wanted  # the address was edited or a link opened
    seed(ARTICLE_KEY, default)
    if st.session_state[ARTICLE_KEY] is not None and st.session_state[ARTICLE_KEY] not in ids:
        st.session_state[ARTICLE_KEY] = default  # a rebuild removed the article
    chosen = st.sidebar.selectbox(
        "Article",
        ids,
        key=ARTICLE_KEY,
        format_func=lambda article: labels.get(article, article),
        on_change=_clear_page_filters,
        placeholder="Pick an article",
        help="Every built article: headline, outlet and date."
        if total <= MAX_ARTICLES
        else f"The {MAX_ARTICLES:,} most recent of {total:,} articles: headline, outlet and date. "
        "A link (?article=…) opens any of them.",
    )
    if chosen is None:
        return None
    st.sidebar.caption(markdown_text(labels.get(str(chosen), str(chosen))))  # the whole title: the box cuts long ones
    set_param(ARTICLE_PARAM, chosen)
    return str(chosen)


MAX_LISTED = 50  # articles listed when a link names an unknown one


def current_article() -> ArticleData | None:
    """The article picked in the sidebar, with all its rows; None (with a note) if none.

    An unknown ``article`` in the link is said plainly, with the list of articles to pick from.
    """
    wanted = url_value(ARTICLE_PARAM)
    article = st.session_state.get(ARTICLE_KEY)
    data = (session_article(article) or load_article(article)) if article else None
    if data is not None:
        return data
    articles, total = load_article_choices(MAX_LISTED)
    if wanted is not None and load_known_articles([wanted]).empty:
        st.warning(f"There is no article “{markdown_text(wanted)}” in the tables. Pick one of these in the sidebar:")
        labels = article_labels(articles.tail(MAX_LISTED))
        lines = [f"- {markdown_text(label)} (article={_plain_id(a)})" for a, label in labels.items()]
        st.markdown("\n".join(lines))
        if total > MAX_LISTED:
            st.caption(f"The {MAX_LISTED} most recent of {total:,} articles; the sidebar lists more.")
        return None
    st.info("Pick an article in the sidebar. No built article is selected yet.")
    return None


def _plain_id(article: str) -> str:
    """An article id as typed in a link: shown as is when it is a plain slug, else escaped."""
    return article if re.fullmatch(r"[\w.-]+", article) else markdown_text(article)
