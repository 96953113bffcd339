"""Markdown injection in a real browser (issue 12, item 1): no outside link, image or request.

The attack links of the issue (``/quotes?scope=…``, ``/corpus?actor=…``) and the stored payloads
(headline, outlet, credit, sidecar ``url`` in ``fixtures/articles``) are opened in Debian chromium
against a real server. The DOM of every frame must hold no ``<a href>`` or ``<img>`` pointing to
evil.example, and the page must not ask evil.example for anything (a tracking image would).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from dashboard.testing.browser import new_page, screenshot, wait_for_app
from dashboard.testing.server import running_app

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAYLOADS: list[str] = json.loads((FIXTURES / "markdown_payloads.json").read_text(encoding="utf-8"))["payloads"]
ALL_PAYLOADS = " ~ ".join(PAYLOADS)
ARTICLE = "hostile-markdown"
LINKS = {
    "quotes-scope": f"quotes?article={ARTICLE}&scope={quote(ALL_PAYLOADS)}",
    "corpus-actor": f"corpus?actor={quote(ALL_PAYLOADS)}",
    "article-stored": f"article?article={ARTICLE}",
    "article-bad-url": "article?article=hostile-link",
    "overview-article-param": f"overview?article={quote(ALL_PAYLOADS)}",
    "topics-stored": f"topics?article={ARTICLE}&topic={quote(ALL_PAYLOADS)}",
}
EVIL = "evil.example"
OUTSIDE = f'a[href*="{EVIL}" i], img[src*="{EVIL}" i], img[src="x"], a[href^="javascript:" i]'


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from dashboard.store.build import build

    tables = tmp_path_factory.mktemp("hostile_browser_tables")
    summary = build([FIXTURES / "articles"], build_dir=tables)
    assert ARTICLE in summary.built, summary.describe()
    with running_app(build_dir=tables, log_path=tmp_path_factory.mktemp("logs") / "streamlit.log") as app:
        yield app.url


@pytest.mark.parametrize("name", list(LINKS))
def test_attack_links_show_no_outside_link_or_image(chromium: Any, server: str, artefacts: Path, name: str) -> None:
    context, page = new_page(chromium)
    asked: list[str] = []
    context.route(f"**/*{EVIL}*", lambda route: (asked.append(route.request.url), route.abort()))
    try:
        page.goto(f"{server}/{LINKS[name]}")
        page.wait_for_selector('[data-testid="stMain"] [data-testid="stMarkdownContainer"]', timeout=60_000)
        wait_for_app(page)
        page.wait_for_timeout(500)
        screenshot(page, artefacts / f"hostile-{name}.png")
        assert page.locator('[data-testid="stException"]').count() == 0
        html = "els => els.map(e => e.outerHTML)"
        outside = [el for frame in page.frames for el in frame.eval_on_selector_all(OUTSIDE, html)]
        assert outside == []
        assert asked == []
        if name in ("quotes-scope", "corpus-actor"):
            shown = page.locator('[data-testid="stMain"]').inner_text().replace("\u2060", "")
            assert "[a link](https://evil.example/x)" in shown, "the value is shown as text"
    finally:
        context.close()
