"""First start: no tables on disk yet, so build them with a visible progress bar.

This is the only path in the app that loads spaCy, and only when there is nothing to show.
"""

from __future__ import annotations

import streamlit as st

from dashboard import settings
from dashboard.corrections.connection import newsroom_store
from dashboard.corrections.database import restore_articles
from dashboard.errors import DashboardError
from dashboard.loaders import build_dir, store_problem, store_version
from dashboard.store.files import readable_version
from dashboard.ui.url_state import markdown_text

RESTORED = "articles_restored"


def restore_editors_articles() -> None:
    """Once per session: articles editors added (kept in the database) that a fresh disk lacks
    are written back into the corpus folder and built (in this process: like a first build)."""
    if st.session_state.get(RESTORED):
        return
    st.session_state[RESTORED] = True
    try:
        store = newsroom_store()
        restored = restore_articles(store, settings.ARTICLES_DIR)
    except DashboardError as error:
        st.warning(f"Articles added by editors could not be restored: {error}")
        return
    if restored and store_version() is not None:
        from dashboard.store.build import build  # imports spaCy: only when something was restored

        with st.spinner(f"Restoring {len(restored)} article(s) added by editors…"):
            build(restored, build_dir=build_dir(), corrections=store.records())


def ensure_tables() -> None:
    """Build the tables from ``settings.ARTICLES_DIR`` if none have been built; else nothing.

    When the current tables are damaged the loaders serve the last good version (see
    ``files.readable_version``); the reader sees a one-line notice saying so.
    """
    restore_editors_articles()
    version, damage = readable_version(build_dir())
    if damage:
        (st.warning if version else st.error)(markdown_text(damage))
        if version is None:
            st.stop()
    if store_version() is not None:
        problem = store_problem()
        if problem:
            st.error(
                f"The built tables cannot be read: {markdown_text(problem)}. Repair them with "
                "`python -m dashboard build`, then reload this page."
            )
            st.stop()
        return
    if not settings.ARTICLES_DIR.is_dir():
        st.error(
            "No tables have been built and the articles folder does not exist. "
            "Run `python -m dashboard build` with your articles, then reload."
        )
        st.stop()
    notice = st.empty()
    with notice.container(border=True):
        st.markdown("**First start: building the tables from the articles…**")
        bar = st.progress(0.0, text="Loading the language model…")

        def progress(done: int, total: int, article: str) -> None:
            bar.progress(done / max(total, 1), text=f"Analysed {done} of {total}: {markdown_text(article)}")

        from dashboard.store.build import build  # imports spaCy: only ever needed here

        summary = build(
            [settings.ARTICLES_DIR], build_dir=build_dir(), progress=progress, corrections=newsroom_store().records()
        )
    notice.success(f"Tables built — {summary.describe()}")
    for failure in summary.failures:
        st.warning(markdown_text(f"{failure.path}: {failure.problem}"))
    for warning in summary.warnings:
        st.warning(markdown_text(warning))
