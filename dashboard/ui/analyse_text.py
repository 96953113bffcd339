"""Analysing text in the app, for this browser session only.

A reader's paste or upload is parsed in a worker process (``dashboard/analysis``) with a
time budget; its tables live in ``st.session_state`` — shown on every page of this
session, never written to the shared tables, the corpus folder or anywhere on disk, and
never seen by another visitor. An editor can then **Add to corpus**: the text is kept in
the database, written into the articles folder and built (in a worker process too).
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard.analysis.run import AnalysisError, analyse_in_worker, budget_seconds
from dashboard.analysis.text import upload_article
from dashboard.corrections.connection import newsroom_store
from dashboard.corrections.database import DB_URL_ENV
from dashboard.errors import DashboardError
from dashboard.loaders import ArticleData, build_dir, load_known_articles
from dashboard.store.intake import add_to_corpus, candidate_ids
from dashboard.store.schema import empty
from dashboard.ui.roles import Role
from dashboard.ui.url_state import ARTICLE_PARAM, markdown_text

OVERVIEW = "app_pages/overview.py"
ACCEPTED = ["txt", "md", "html"]
SESSION_KEY = "analysed_articles"  # article id → SessionArticle, this browser session only
PER_ARTICLE = ("paragraphs", "sentences", "actors", "mentions", "quotes", "topic_mentions")


@dataclass(frozen=True)
class SessionArticle:
    data: bytes
    filename: str | None
    tables: dict[str, pd.DataFrame]


def _analysed() -> dict[str, SessionArticle]:
    found = st.session_state.setdefault(SESSION_KEY, {})
    return found if isinstance(found, dict) else {}


def session_articles() -> pd.DataFrame:
    """The ``articles`` rows of the texts this session analysed (for the article picker)."""
    rows = [a.tables["articles"] for a in _analysed().values()]
    return pd.concat(rows, ignore_index=True) if rows else empty("articles")


def session_article(article: str) -> ArticleData | None:
    """One analysed text of this session as ``ArticleData``, or None."""
    found = _analysed().get(article)
    if found is None:
        return None
    meta = found.tables["articles"].iloc[0]
    return ArticleData(
        article=article,
        title=str(meta["title"]),
        outlet=_text(meta["outlet"]),
        date=_text(meta["date"]),
        url=_text(meta["url"]),
        credit=_text(meta["credit"]),
        **{name: found.tables[name].assign(corrected="") if name == "quotes" and "corrected" not in
           found.tables[name] else found.tables[name] for name in PER_ARTICLE},
    )  # fmt: skip


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) or not str(value).strip() else str(value)


def _free_id(title: str, batch: int = 20) -> str:
    """``intake.free_id`` over the built articles and this session's texts; built ids are looked up
    ``batch`` candidates at a time (never the whole articles table)."""
    taken = set(_analysed())
    ids = candidate_ids(title)
    while True:
        candidates = list(itertools.islice(ids, batch))
        taken |= set(load_known_articles(candidates)["article"].astype(str))
        free = [c for c in candidates if c not in taken]
        if free:
            return free[0]


def analyse(data: bytes, *, filename: str | None) -> None:
    """Check the text, analyse it in the worker, keep it in this session, open it."""
    try:
        title = upload_article(data, filename=filename, article_id="new").title
    except DashboardError as error:
        st.error(str(error))
        return
    article = _free_id(title)
    budget = budget_seconds()
    with st.spinner(f"Analysing “{title}” (at most {budget:g} s)…"):
        try:
            result = analyse_in_worker(data, article_id=article, filename=filename, budget=budget)
        except AnalysisError as error:
            st.error(str(error))
            return
    _analysed()[article] = SessionArticle(data, filename, result.tables)
    st.switch_page(OVERVIEW, query_params={ARTICLE_PARAM: article})


def add_to_corpus_action(article: str, role: Role) -> None:
    """Editors only: keep the text in the database, write it to the corpus folder, build it."""
    found = _analysed().get(article)
    if found is None or not role.editor:
        return
    store = newsroom_store()
    try:
        path = add_to_corpus(found.data, filename=found.filename, store=store, by=role.name)
    except DashboardError as error:
        st.error(str(error))
        return
    budget = 2 * budget_seconds()
    env = {**os.environ, DB_URL_ENV: store.engine.url.render_as_string(hide_password=False)}
    command = [sys.executable, "-m", "dashboard", "build", str(path), "--out", str(build_dir())]
    with st.spinner(f"Adding “{path.stem}” to the corpus (at most {budget:g} s)…"):
        try:
            done = subprocess.run(command, env=env, capture_output=True, timeout=budget, check=False)
        except subprocess.TimeoutExpired:
            st.error(f"Building the article took longer than {budget:g} s; it is in the corpus folder and "
                     "will be built by the next `python -m dashboard build`.")  # fmt: skip
            return
    if done.returncode != 0:
        st.error(f"“{path.stem}” is in the corpus folder but could not be built; see the build log.")
        return
    del _analysed()[article]
    st.success(f"“{path.stem}” is now part of the corpus, for every reader.")
    if st.button("Open it", key=f"analyse_open_added_{path.stem}"):
        st.switch_page(OVERVIEW, query_params={ARTICLE_PARAM: path.stem})


def session_section(role: Role) -> None:
    """The texts analysed in this session: open each; editors can add it to the corpus."""
    analysed = _analysed()
    st.markdown("#### Analysed in this session")
    if role.editor:
        st.caption("Only you see these until you **Add to corpus**: then every reader sees the article.")
    else:
        st.caption(
            "Only you see these, and only in this browser tab: they are not saved and other readers never "
            "see them. Editors can add articles to the shared corpus."
        )
    if not analysed:
        st.caption("Nothing analysed yet.")
        return
    for article, found in list(analysed.items()):
        title = str(found.tables["articles"].iloc[0]["title"])
        row = st.container(horizontal=True, vertical_alignment="center")
        row.markdown(markdown_text(f"{title} · {article}"))
        if row.button("Open", key=f"analyse_open_{article}"):
            st.switch_page(OVERVIEW, query_params={ARTICLE_PARAM: article})
        if role.editor and row.button("Add to corpus", key=f"analyse_add_{article}"):
            add_to_corpus_action(article, role)
