"""Article text is shown as text: markup in a title, a paragraph or a quote never runs in the browser.

An article whose headline and paragraphs carry a ``<script>``, an ``<img onerror=…>`` and a
quote with ``<b>`` is built into its own tables and opened on every page in Debian chromium.
Marked ``browser``; screenshots go to ``test-artefacts/escaping-<page>.png``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard.testing.browser import WAIT_MS, new_page, screenshot, wait_for_app
from dashboard.testing.server import running_app

pytestmark = pytest.mark.browser

ARTICLE = "markup-in-the-text"
SCRIPT = "<script>window.__pwned = 1</script>"
IMAGE = '<img src=x onerror="window.__pwned=2">'
BOLD = "<b>bold</b>"
SPEAKER = "Maria Lopez"
TEXT = f"""Council budget vote {SCRIPT} divides the city

The city council of Springfield voted on Monday on the new budget for schools and roads.

{SPEAKER}, who chairs the finance committee, opposed the plan {SCRIPT} from the start.

"We were promised {BOLD} answers and got none," {SPEAKER} said after the vote.

Residents posted pictures of the meeting {IMAGE} on social media.

The mayor said the budget would be reviewed next year.
"""
PAGES = {
    "overview": '[data-testid="stPlotlyChart"] .main-svg',
    "actors": '[data-testid="stPlotlyChart"] .main-svg',
    "quotes": '[data-testid="stDataFrame"]',
    "topics": '[data-testid="stHeading"]',
    "article": "mark",
}


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tables built from one article full of markup; the quote with <b> must be attributed."""
    from dashboard.store.build import build
    from dashboard.store.files import read_tables

    articles = tmp_path_factory.mktemp("articles")
    (articles / f"{ARTICLE}.txt").write_text(TEXT, encoding="utf-8")
    folder = tmp_path_factory.mktemp("tables")
    summary = build([articles], build_dir=folder)
    assert ARTICLE in summary.built, summary.describe()
    built = read_tables(folder)
    assert SCRIPT in built["articles"]["title"].iloc[0]
    quote = built["quotes"][built["quotes"]["text"].str.contains(BOLD, regex=False)]
    assert len(quote) == 1 and SPEAKER in str(quote["speaker"].iloc[0]), "the <b> quote needs its speaker"
    return folder


@pytest.fixture(scope="module")
def server(tables: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_app(build_dir=tables, log_path=tmp_path_factory.mktemp("logs") / "streamlit.log") as app:
        yield app.url


def injected_images(page) -> int:
    """``<img src="x">`` elements in the page and in every frame (st.html, components)."""
    return sum(frame.locator('img[src="x"]').count() for frame in page.frames)


def page_text(page) -> str:
    return str(page.locator('[data-testid="stMain"]').inner_text())


@pytest.mark.parametrize("path", list(PAGES))
def test_markup_in_an_article_is_shown_not_run(chromium: Any, server: str, artefacts: Path, path: str) -> None:
    context, page = new_page(chromium)
    dialogs: list[str] = []

    def refuse(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    try:
        page.goto(f"{server}/{path}?article={ARTICLE}")
        page.wait_for_selector(PAGES[path], timeout=WAIT_MS)
        wait_for_app(page)
        page.wait_for_timeout(500)  # let any injected handler (img onerror) fire before looking
        screenshot(page, artefacts / f"escaping-{path}.png")

        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert injected_images(page) == 0
        assert dialogs == []
        assert SCRIPT in page_text(page), "the headline must show its <script> as text"
        if path == "article":
            text = page_text(page)
            assert BOLD in text and IMAGE in text
            assert page.locator('[data-testid="stMain"] b', has_text="bold").count() == 0
        if path == "quotes":
            cells = page.eval_on_selector_all('[data-testid^="glide-cell-"]', "els => els.map(e => e.textContent)")
            assert any(BOLD in str(cell) for cell in cells)
    finally:
        context.close()
