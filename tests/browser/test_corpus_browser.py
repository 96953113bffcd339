"""Corpus views in a real browser: the quote explorer over all articles, and uploading an article.

Marked ``browser``; Debian chromium through Playwright (never ``playwright install``). The
server reads tables, inbox and corpus folder from tmp dirs; screenshots go to ``test-artefacts/``.
"""

from __future__ import annotations

import shutil
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
    scrolled_column_values,
    wait_for_app,
    wait_for_column,
)
from dashboard.testing.server import running_app

pytestmark = pytest.mark.browser

SPEAKER = "Donald Trump"
SPEAKER_KEY = "donald-trump"
SPEAKER_COLUMN = 1  # glide columns: 0 = row selector, 1 = speaker, 2 = statement, 3 = article, 4 = date
ARTICLE_COLUMN = 3
STORY = """<!doctype html>
<html><head><title>Harbour bridge opens two years late</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> Share on Facebook</nav>
<article>
<h1>Harbour bridge opens two years late</h1>
<p>The mayor of Porthaven, Jane Smith, opened the new harbour bridge on Monday after two years of delays
and a long row with the regional government over who would pay for the extra work.</p>
<p>"This is a great day for the city, and for everyone who waited so patiently," Smith said at the
ceremony, which drew several hundred residents to the waterfront.</p>
<p>Critics were unimpressed. "It is late and it is badly over budget," said councillor Tom Brown, who
has called for an independent inquiry into the contract.</p>
<p>The regional transport minister, Alan Reed, said the bridge would cut journey times by a third.</p>
</article>
<footer>Related Articles</footer>
</body></html>
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run` on a free port; tables, inbox and corpus folder in tmp dirs."""
    from dashboard.store.build import build

    base = tmp_path_factory.mktemp("corpus_browser")
    articles = base / "articles"
    shutil.copytree(settings.ARTICLES_DIR, articles)
    tables = base / "tables"
    build([articles], build_dir=tables)
    env = {"DASHBOARD_ARTICLES_DIR": str(articles), "DASHBOARD_INBOX_DIR": str(base / "inbox")}
    with running_app(build_dir=tables, env=env, log_path=base / "streamlit.log") as app:
        yield app.url


@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
def test_corpus_page_draws(chromium: Any, server: str, artefacts: Path, width: int) -> None:
    context, page = open_page(chromium, f"{server}/corpus?actor={SPEAKER_KEY}", width=width)
    try:
        page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=WAIT_MS)
        wait_for_app(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        page.wait_for_function(
            "() => document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= 3",
            timeout=WAIT_MS,
        )
        assert page.get_by_text("Wikinews, CC BY 2.5").count() >= 1  # the source line credits the corpus
        screenshot(page, artefacts / f"corpus-{width}.png")
    finally:
        context.close()


def test_filtering_all_articles_by_a_speaker_shows_both_articles(chromium: Any, server: str, artefacts: Path) -> None:
    context, page = open_page(chromium, f"{server}/quotes?scope=all")
    try:
        page.wait_for_selector(f'[data-testid="glide-cell-{ARTICLE_COLUMN}-0"]', state="attached", timeout=WAIT_MS)
        wait_for_app(page)
        choose_in_multiselect(page, SPEAKER)
        page.wait_for_function(f"() => window.location.search.includes('speaker={SPEAKER_KEY}')", timeout=WAIT_MS)
        wait_for_app(page)
        wait_for_column(page, SPEAKER_COLUMN, SPEAKER)
        articles = scrolled_column_values(page, ARTICLE_COLUMN)  # one article's statements can fill the view
        assert len(set(articles)) >= 2, articles
        assert "scope=all" in current_url(page)
        screenshot(page, artefacts / "quotes-all-articles-speaker.png")
    finally:
        context.close()


def test_an_uploaded_html_story_is_analysed_and_its_quotes_have_speakers(
    chromium: Any, server: str, artefacts: Path, tmp_path: Path
) -> None:
    story = tmp_path / "harbour-bridge.html"
    story.write_text(STORY, encoding="utf-8")
    context, page = open_page(chromium, f"{server}/analyse")
    try:
        page.wait_for_selector('[data-testid="stFileUploaderDropzoneInput"]', state="attached", timeout=WAIT_MS)
        wait_for_app(page)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(story))
        page.get_by_text(story.name).first.wait_for(timeout=WAIT_MS)
        wait_for_app(page)
        page.get_by_role("button", name="Analyse").click()
        # Overview is the default page: its address is the app's root.
        page.wait_for_function(
            "() => !window.location.pathname.endsWith('/analyse')"
            " && window.location.search.includes('article=harbour-bridge')",
            timeout=WAIT_MS,
        )
        wait_for_app(page)
        page.wait_for_selector(".st-key-headline_figures", timeout=WAIT_MS)
        screenshot(page, artefacts / "analyse-opened.png")
        # The analysed text is this reader's only: they move to Quotes within the same session.
        page.get_by_role("link", name="Quotes").click()
        # One article: the speaker is in the same column as over all articles.
        page.wait_for_selector(f'[data-testid="glide-cell-{SPEAKER_COLUMN}-0"]', state="attached", timeout=WAIT_MS)
        wait_for_app(page)
        speakers = column_values(page, SPEAKER_COLUMN)
        named = {s for s in speakers if s and s != "(unattributed)"}
        assert named & {"Jane Smith", "Tom Brown"}, speakers
        screenshot(page, artefacts / "analyse-quotes.png")
    finally:
        context.close()
