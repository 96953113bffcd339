"""The app in a real browser: Debian chromium driven by Playwright against `streamlit run`.

Marked ``browser``; run with ``pytest -m browser tests/browser``. Screenshots of every page at
1280 and 375 px go to ``test-artefacts/<page>-<width>.png``. Never runs ``playwright install``:
it uses /usr/bin/chromium.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from dashboard import settings
from dashboard.testing.browser import (
    WAIT_MS,
    choose_in_multiselect,
    column_values,
    current_url,
    new_page,
    open_page,
    screenshot,
    seen_all,
    wait_for_app,
    wait_for_column,
    watch,
    watched,
)
from dashboard.testing.server import running_app

pytestmark = pytest.mark.browser

REFERENCE = settings.DEFAULT_ARTICLE
SPEAKER = "Kremlin"
SPEAKER_COLUMN = 1  # glide columns: 0 = row selector, 1 = speaker (pinned), 2 = statement
QUOTE_COLUMN = 2
CHART = '[data-testid="stPlotlyChart"] .main-svg'
ARC = f".st-key-overview_arc {CHART}"  # the Overview's last chart
CARDS = ".quote-card"
# Page → what shows it is drawn (at 375 px the quote explorer shows cards, not the table).
PAGES: dict[str, dict[int, str]] = {
    "overview": {1280: CHART, 375: CHART},
    "actors": {1280: CHART, 375: CHART},
    "quotes": {1280: '[data-testid="stDataFrame"]', 375: CARDS},
    "topics": {1280: CHART, 375: CHART},
    "article": {1280: "mark", 375: "mark"},
    "corpus": {1280: CHART, 375: CHART},
    "analyse": {1280: '[data-testid="stTextArea"]', 375: '[data-testid="stTextArea"]'},
}
README_PATH = re.compile(r"`(/[a-z][a-z0-9_-]*(?:\?[^`\s]*)?)`")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run dashboard/app.py` on a free port against tables built in a tmp dir."""
    from dashboard.store.build import build

    tables = tmp_path_factory.mktemp("tables")
    build([settings.ARTICLES_DIR], build_dir=tables)
    log_path = tmp_path_factory.mktemp("logs") / "streamlit.log"
    # No fallback within a test's time: the part of the Overview below its fold comes only when
    # the browser's own signal (its first chart drawn) reaches the server.
    with running_app(build_dir=tables, log_path=log_path, env={"DASHBOARD_FOLD_FALLBACK_MS": "600000"}) as app:
        yield app.url


def readme_paths() -> list[str]:
    """Every app address the README gives (`/overview`, `/quotes?article=…&speaker=Kremlin`, …)."""
    text = (settings.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    found = dict.fromkeys(README_PATH.findall(text))
    return [path for path in found if not Path(urlsplit(path).path).exists()]  # `/tmp` is a folder, not a page


def no_error_shown(page: Any) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Page not found").count() == 0


def test_the_readme_gives_the_addresses_of_every_page() -> None:
    paths = {urlsplit(p).path for p in readme_paths()}
    assert {f"/{page}" for page in PAGES} <= paths


@pytest.mark.parametrize("path", readme_paths())
def test_every_readme_address_opens_its_page(chromium: Any, server: str, path: str) -> None:
    context, page = open_page(chromium, f"{server}{path}")
    try:
        wait_for_app(page)
        page.wait_for_selector('[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]')
        no_error_shown(page)
        opened = urlsplit(current_url(page))
        assert opened.path == urlsplit(path).path  # its own page, not a fallback to the main one
        for pair in filter(None, urlsplit(path).query.split("&")):
            assert pair in opened.query  # the link's parameters are kept
    finally:
        context.close()


@pytest.mark.parametrize("path", list(PAGES))
@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
def test_every_page_draws(chromium: Any, server: str, artefacts: Path, path: str, width: int) -> None:
    query = "" if path in ("corpus", "analyse") else f"?article={REFERENCE}"
    context, page = open_page(chromium, f"{server}/{path}{query}", width=width)
    try:
        page.wait_for_selector(PAGES[path][width], timeout=WAIT_MS)
        wait_for_app(page)
        no_error_shown(page)
        screenshot(page, artefacts / f"{path}-{width}.png")
    finally:
        context.close()


TOPS_OF_FIRST_TWO_CHARTS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].slice(0, 2)
    .map(chart => ({title: chart.querySelector('.gtitle').getBoundingClientRect().top,
                    plot: chart.querySelector('.nsewdrag').getBoundingClientRect().top}))"""  # .nsewdrag: the plot area


@pytest.mark.parametrize("path", ["overview", "topics"])
def test_side_by_side_charts_are_level(chromium: Any, server: str, path: str) -> None:
    """The two charts drawn side by side at 1280 px: titles and plot areas start at the same height."""
    context, page = open_page(chromium, f"{server}/{path}?article={REFERENCE}", width=1280)
    try:
        page.wait_for_selector(CHART, timeout=WAIT_MS)
        wait_for_app(page)
        page.wait_for_function("document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .gtitle').length >= 2")
        left, right = page.evaluate(TOPS_OF_FIRST_TWO_CHARTS)
        assert abs(left["title"] - right["title"]) <= 1, (left, right)
        assert abs(left["plot"] - right["plot"]) <= 1, (left, right)
    finally:
        context.close()


SPEAKERS_ON_SCREEN = """() => {
    const width = window.innerWidth, height = window.innerHeight;
    const out = [];
    for (const card of document.querySelectorAll('.quote-card')) {
        const text = card.querySelector('.qc-text').getBoundingClientRect();
        if (text.bottom <= 0 || text.top >= height || text.height === 0) continue;  // not in view
        const who = card.querySelector('.qc-speaker');
        const box = who.getBoundingClientRect();
        out.push({speaker: who.textContent, shown: box.height > 0 && box.left >= 0 && box.right <= width
                  && box.bottom > 0 && box.top < height});
    }
    return out;
}"""


def test_on_a_phone_every_visible_quote_shows_its_speaker(chromium: Any, server: str, artefacts: Path) -> None:
    context, page = open_page(chromium, f"{server}/quotes?article={REFERENCE}", width=375)
    try:
        page.wait_for_selector(CARDS, timeout=WAIT_MS)
        wait_for_app(page)
        assert not page.locator('[data-testid="stDataFrame"]').first.is_visible()  # cards instead of the table
        page.locator(CARDS).first.scroll_into_view_if_needed()
        seen = 0
        for _ in range(4):  # a few screens down the list
            cards = page.evaluate(SPEAKERS_ON_SCREEN)
            assert cards, "no quote card on screen"
            assert all(c["shown"] and c["speaker"].strip() for c in cards), cards
            seen += len(cards)
            page.mouse.wheel(0, 600)
            page.wait_for_timeout(200)
        assert seen >= 4
        screenshot(page, artefacts / "quotes-cards-375.png")
    finally:
        context.close()


def test_a_new_reader_gets_the_first_chart_before_the_rest_of_the_overview(chromium: Any, server: str) -> None:
    """The first run stops after the first chart; the run its drawing starts sends the rest."""
    context, page = new_page(chromium)
    try:
        watch(context, {"first chart": CHART, "sources": ".st-key-overview_sources_mentioned_quoted", "arc": ARC})
        page.goto(f"{server}/overview?article={REFERENCE}")
        page.wait_for_function(seen_all(["first chart", "sources", "arc"]), timeout=WAIT_MS)
        wait_for_app(page)
        seen = watched(page)["seen"]
        assert seen["first chart"] < seen["sources"] <= seen["arc"]
        assert page.locator('.st-key-overview_topics [data-testid="stPlotlyChart"]').count() == 1
        no_error_shown(page)
    finally:
        context.close()


def test_sources_panel_shows_putin_mentioned_and_not_quoted(chromium: Any, server: str, artefacts: Path) -> None:
    context, page = open_page(chromium, f"{server}/overview?article={REFERENCE}")
    try:
        finding = page.get_by_text("Mentioned but never quoted: Vladimir Putin (9 mentions)", exact=False)
        finding.wait_for(timeout=WAIT_MS)
        wait_for_app(page)
        assert finding.is_visible()
        title = page.locator(".gtitle", has_text="Vladimir Putin is mentioned 9 times")
        title.first.wait_for(timeout=WAIT_MS)  # the chart's title states the finding
        assert title.count() == 1
        page.get_by_role("radio", name="Named or not").click()  # the rows behind the figure (pills are radios)
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=WAIT_MS)
        screenshot(page, artefacts / "overview-sources.png")
    finally:
        context.close()


def test_clicking_a_heatmap_cell_shows_its_sentences(chromium: Any, server: str, artefacts: Path) -> None:
    context, page = open_page(chromium, f"{server}/actors?article={REFERENCE}")
    try:
        page.wait_for_selector(CHART, timeout=WAIT_MS)
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
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page.wait_for_selector(f'[data-testid="glide-cell-{SPEAKER_COLUMN}-0"]', state="attached", timeout=WAIT_MS)
        wait_for_app(page)
        everyone = column_values(page, SPEAKER_COLUMN)  # the rows drawn (the table scrolls)
        assert len(set(everyone)) > 1

        choose_in_multiselect(page, SPEAKER)
        page.wait_for_function(f"() => window.location.search.includes('speaker={SPEAKER}')", timeout=WAIT_MS)
        wait_for_app(page)
        wait_for_column(page, SPEAKER_COLUMN, SPEAKER)
        link = current_url(page)
        rows = {"quotes": column_values(page, QUOTE_COLUMN), "speakers": column_values(page, SPEAKER_COLUMN)}
        assert f"article={REFERENCE}" in link
        assert set(rows["speakers"]) == {SPEAKER}
        for gold in gold_quotes_of(SPEAKER):  # the Kremlin's 2 gold quotes, inside its statements
            assert any(gold in statement for statement in rows["quotes"]), gold

        page.wait_for_selector("button.copy-link[data-ready]", state="attached", timeout=WAIT_MS)  # wired
        page.get_by_role("button", name="Copy link").first.click()  # beside the filters
        page.wait_for_function("() => document.querySelector('button.copy-link').textContent.includes('copied')")
        assert page.evaluate("navigator.clipboard.readText()") == link
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
        assert column_values(page, QUOTE_COLUMN) == rows["quotes"]
        assert column_values(page, SPEAKER_COLUMN) == rows["speakers"]
        assert current_url(page) == link

        page.get_by_role("button", name="Clear filters").click()
        page.wait_for_function("() => !window.location.search.includes('speaker=')", timeout=WAIT_MS)
        wait_for_app(page)
        page.wait_for_function(
            f"() => document.querySelectorAll('[data-testid^=\"glide-cell-{SPEAKER_COLUMN}-\"]').length"
            f" === {len(everyone)}",
            timeout=WAIT_MS,
        )
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


def test_link_and_embed_code_give_this_view(chromium: Any, server: str, artefacts: Path) -> None:
    context, page = open_page(chromium, f"{server}/quotes?article={REFERENCE}&speaker={SPEAKER}")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=WAIT_MS)
        wait_for_app(page)
        link = current_url(page)
        page.get_by_text("Link and embed code").last.click()
        shown = page.locator('[data-testid="share-link"]').last
        shown.wait_for(timeout=WAIT_MS)
        assert shown.input_value() == link
        # click only once the page's script has wired the button (a slow CI machine can be quicker to click)
        page.wait_for_selector("button.copy-field[data-ready]", state="attached", timeout=WAIT_MS)
        page.get_by_role("button", name="Copy embed code").last.click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('button.copy-field')].some(b => b.textContent === 'Copied')"
        )
        snippet = page.evaluate("navigator.clipboard.readText()")
        assert snippet == page.locator('[data-testid="share-embed"]').last.input_value()
        src = re.search(r'<iframe src="([^"]+)"', snippet)
        assert src, snippet
        embedded = src.group(1).replace("&amp;", "&")
        assert embedded == f"{link}&embed=true"
        screenshot(page, artefacts / "share-panel.png")
    finally:
        context.close()

    # The iframe's address opens the same rows.
    context, page = open_page(chromium, embedded)
    try:
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=WAIT_MS)
        wait_for_app(page)
        no_error_shown(page)
        wait_for_column(page, SPEAKER_COLUMN, SPEAKER)
    finally:
        context.close()
