"""Analysing new text in the app: receive it, build it with a progress bar, open it.

The spaCy pipeline is imported only inside ``analyse`` and ``add_to_corpus_action`` (through
``dashboard.store.build``), never to show tables. The loaders key every cache on the store
version, so the new article shows up on the next run without clearing anything.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import settings
from dashboard.errors import ArticleError, DashboardError
from dashboard.loaders import build_dir, load_article_titles
from dashboard.store.intake import add_to_corpus, receive
from dashboard.ui.url_state import ARTICLE_PARAM, markdown_text

OVERVIEW = "app_pages/overview.py"
ACCEPTED = ["txt", "md", "html"]


def inbox_files() -> list[Path]:
    """Article files waiting in the inbox (analysed, not in the corpus folder), newest first."""
    folder = Path(settings.INBOX_DIR)
    if not folder.is_dir():
        return []
    files = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in settings.ARTICLE_SUFFIXES]
    return sorted(files, key=lambda p: (-p.stat().st_mtime, p.name))


def _build_one(path: Path, label: str) -> bool:
    """Build one article file with a visible progress bar; True when it went into the tables."""
    with st.status(label, expanded=True) as status:
        bar = st.progress(0.0, text="Loading the language model…")

        def progress(done: int, total: int, article: str) -> None:
            bar.progress(done / max(total, 1), text=f"Analysed {done} of {total}: {markdown_text(article)}")

        from dashboard.store.build import build  # imports spaCy: only when analysing

        try:
            summary = build([path], build_dir=build_dir(), progress=progress)
        except DashboardError as error:
            status.update(label="The article could not be analysed", state="error")
            st.error(markdown_text(error))
            return False
        if summary.failures:
            status.update(label="The article could not be analysed", state="error")
            for failure in summary.failures:
                st.error(markdown_text(f"{Path(failure.path).name}: {failure.problem}"))
            return False
        bar.progress(1.0, text="Tables updated")
        status.update(label=f"Analysed in {summary.seconds:.1f} s", state="complete", expanded=False)
    return True


def analyse(data: bytes, *, filename: str | None) -> None:
    """Check the text, write it to the inbox, build it, then open it on the Overview page."""
    try:
        received = receive(data, filename=filename)
    except ArticleError as error:
        st.error(markdown_text(error))
        return
    if _build_one(received.path, f"Analysing “{markdown_text(received.title)}”…"):
        st.switch_page(OVERVIEW, query_params={ARTICLE_PARAM: received.article})


def add_to_corpus_action(path: Path) -> None:
    """Move an inbox article into the corpus folder and build it again from there."""
    try:
        target = add_to_corpus(path)
    except ArticleError as error:
        st.error(markdown_text(error))
        return
    if _build_one(target, f"Adding “{markdown_text(target.stem)}” to the corpus…"):
        st.success(markdown_text(f"“{target.stem}” is now in the corpus folder ({settings.ARTICLES_DIR})."))


def inbox_section() -> None:
    """The inbox: analysed articles not yet in the corpus, each with 'Add to corpus'."""
    files = inbox_files()
    st.markdown("#### Inbox")
    st.caption(
        "Articles you analyse here go to the **inbox**: they are in the tables and open in every "
        "page, but their files are not in the corpus folder, so a fresh build of the corpus "
        "(`python -m dashboard build`) does not include them. **Add to corpus** moves the file "
        "into the corpus folder so it stays part of the corpus."
    )
    if not files:
        st.caption("The inbox is empty.")
        return
    titles = load_article_titles([str(p) for p in files])
    for path in files:
        row = st.container(horizontal=True, vertical_alignment="center")
        row.markdown(f"{markdown_text(titles.get(str(path), path.stem))} · `{path.stem}`")
        if row.button("Open", key=f"analyse_open_{path.stem}"):
            st.switch_page(OVERVIEW, query_params={ARTICLE_PARAM: path.stem})
        if row.button("Add to corpus", key=f"analyse_add_{path.stem}"):
            add_to_corpus_action(path)
