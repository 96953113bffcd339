"""The app in a real browser: Debian chromium driven by Playwright against `streamlit run`.

Marked ``browser``; run with ``pytest -m browser tests/browser``. Screenshots of every page
go to ``test-artefacts/``. Never runs ``playwright install``: it uses /usr/bin/chromium.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard import settings
from dashboard.testing.browser import (
    WAIT_MS,
    choose_in_multiselect,
    column_values,
    current_url,
    open_page,
    screenshot,
    wait_for_app,
    wait_for_column,
)
from dashboard.testing.server import running_app

pytestmark = pytest.mark.browser

REFERENCE = settings.DEFAULT_ARTICLE
SPEAKER = "Kremlin"
SPEAKER_COLUMN = 2  # glide columns: 0 = row selector, 1 = quote, 2 = speaker


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run dashboard/app.py` on a free port against tables built in a tmp dir."""
    from dashboard.store.build import build

    tables = tmp_path_factory.mktemp("tables")
    build([settings.ARTICLES_DIR], build_dir=tables)
    log_path = tmp_path_factory.mktemp("logs") / "streamlit.log"
    with running_app(build_dir=tables, log_path=log_path) as app:
        yield app.url


@pytest.mark.parametrize(
    ("path", "ready"),
    [
        ("overview", '[data-testid="stPlotlyChart"] .main-svg'),
        ("actors", '[data-testid="stPlotlyChart"] .main-svg'),
        ("quotes", '[data-testid="stDataFrame"]'),
        ("topics", '[data-testid="stPlotlyChart"] .main-svg'),
        ("article", "mark"),
    ],
)
@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
def test_every_page_draws(chromium: Any, server: str, artefacts: Path, path: str, ready: str, width: int) -> None:
    context, page = open_page(chromium, f"{server}/{path}?article={REFERENCE}", width=width)
    try:
        page.wait_for_selector(ready, timeout=WAIT_MS)
        wait_for_app(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        screenshot(page, artefacts / f"{path}-{width}.png")
    finally:
        context.close()


def test_clicking_a_heatmap_cell_shows_its_sentences(chromium: Any, server: str, artefacts: Path) -> None:
    context, page = open_page(chromium, f"{server}/actors?article={REFERENCE}")
    try:
        page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=WAIT_MS)
        wait_for_app(page)
        heatmap = page.locator('[data-testid="stPlotlyChart"]').nth(1)
        heatmap.scroll_into_view_if_needed()
        assert heatmap.locator(".heatmaplayer image").count() >= 1  # the heatmap is drawn
        cell = heatmap.locator(".scatterlayer .point").first.bounding_box()
        assert cell is not None
        x, y = cell["x"] + cell["width"] / 2, cell["y"] + cell["height"] / 2
        page.mouse.move(x, y)
        page.mouse.click(x, y)
        page.wait_for_function("() => window.location.search.includes('cell=')", timeout=WAIT_MS)
        wait_for_app(page)
        page.wait_for_selector("mark.hl-actor", timeout=WAIT_MS)
        screenshot(page, artefacts / "actors-cell-clicked.png")
    finally:
        context.close()


def gold_quotes_of(speaker: str) -> list[str]:
    """Texts of the reference article's gold quotes whose gold speaker is ``speaker``."""
    gold = json.loads((settings.GOLD_DIR / f"{REFERENCE}.json").read_text(encoding="utf-8"))
    texts = [q["text"] for q in gold["quotes"] if q["speaker"] == speaker]
    assert texts, f"no gold quote by {speaker}"
    return texts


def test_speaker_filter_goes_into_a_link_that_reproduces_the_rows(chromium: Any, server: str, artefacts: Path) -> None:
    context, page = open_page(chromium, f"{server}/quotes?article={REFERENCE}")
    try:
        page.wait_for_selector(f'[data-testid="glide-cell-{SPEAKER_COLUMN}-0"]', state="attached", timeout=WAIT_MS)
        wait_for_app(page)
        everyone = column_values(page, SPEAKER_COLUMN)
        assert SPEAKER in everyone and len(set(everyone)) > 1

        choose_in_multiselect(page, SPEAKER)
        page.wait_for_function(f"() => window.location.search.includes('speaker={SPEAKER}')", timeout=WAIT_MS)
        wait_for_app(page)
        wait_for_column(page, SPEAKER_COLUMN, SPEAKER)
        link = current_url(page)
        rows = {
            "quotes": column_values(page, 1),
            "speakers": column_values(page, SPEAKER_COLUMN),
        }
        assert f"article={REFERENCE}" in link
        assert set(rows["speakers"]) == {SPEAKER}
        assert len(rows["speakers"]) < len(everyone)
        assert set(gold_quotes_of(SPEAKER)) <= set(rows["quotes"])  # the Kremlin's 2 gold quotes
        screenshot(page, artefacts / "quotes-filtered.png")
    finally:
        context.close()

    # The editor opens the link in a fresh browser context: the same rows.
    context, page = open_page(chromium, link)
    try:
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=WAIT_MS)
        wait_for_app(page)
        page.wait_for_function(
            f"() => document.querySelectorAll('[data-testid^=\"glide-cell-{SPEAKER_COLUMN}-\"]').length"
            f" === {len(rows['speakers'])}",
            timeout=WAIT_MS,
        )
        assert column_values(page, 1) == rows["quotes"]
        assert column_values(page, SPEAKER_COLUMN) == rows["speakers"]
        assert current_url(page) == link
    finally:
        context.close()


def test_article_survives_switching_pages(chromium: Any, server: str) -> None:
    article = "01-trump-state-of-emergency-border-wall"
    context, page = open_page(chromium, f"{server}/quotes?article={article}")
    try:
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=WAIT_MS)
        wait_for_app(page)
        page.locator('[data-testid="stSidebarNav"] a', has_text="Actors").click()
        page.wait_for_function("() => window.location.pathname.endsWith('/actors')", timeout=WAIT_MS)
        wait_for_app(page)
        page.wait_for_function(f"() => window.location.search.includes('article={article}')", timeout=WAIT_MS)
    finally:
        context.close()
