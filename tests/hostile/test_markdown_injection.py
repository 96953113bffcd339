"""Markdown injection (issue 12, item 1): link and article values never form links, images or HTML.

Every page is opened under AppTest with every query parameter set to the attack payloads of
``fixtures/markdown_payloads.json``, on tables built from ``fixtures/articles`` (a headline,
outlet, credit and sidecar ``url`` that carry the same payloads). Every string the page renders
as Markdown (bodies, captions, alerts, headings, labels, help, radio options) is rendered with
a CommonMark parser and must hold no link or image to evil.example, no raw HTML, no auto-link.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import settings
from dashboard.testing.app_test import app_test
from dashboard.testing.markdown_check import link_targets, live_markup, markdown_strings
from dashboard.ui.url_state import markdown_link, markdown_text, safe_url

HERE = Path(__file__).resolve().parent
APP = str(HERE.parents[1] / "dashboard" / "app.py")
FIXTURES = HERE / "fixtures"
PAYLOADS: list[str] = json.loads((FIXTURES / "markdown_payloads.json").read_text(encoding="utf-8"))["payloads"]
ALL_PAYLOADS = " ~ ".join(PAYLOADS)  # one value holding every payload ("~" reaches the cell parser)
ARTICLE = "hostile-markdown"
BAD_URL_ARTICLE = "hostile-link"
PAGES = ["overview", "actors", "quotes", "topics", "article", "corpus", "analyse"]
PARAMS = ["speaker", "topic", "kind", "q", "quote", "scope", "articles", "actor", "cell", "pair", "actors", "quotes"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from dashboard.store.build import build

    folder = tmp_path_factory.mktemp("hostile_tables")
    summary = build([FIXTURES / "articles"], build_dir=folder)
    assert {ARTICLE, BAD_URL_ARTICLE} <= set(summary.built), summary.describe()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_BUILD_DIR", str(folder))
        patch.setattr(settings, "BUILD_DIR", folder)
        yield folder


def open_page(page: str, query: dict[str, str]) -> AppTest:
    at = app_test(APP, timeout=90)
    if page != "overview":
        at.run()
        at.switch_page(f"app_pages/{page}.py")
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def injected(at: AppTest) -> list[str]:
    """Every live link, image or HTML tag in what the page renders as Markdown."""
    assert not at.exception, [e.value for e in at.exception]
    found = []
    for tree in (at.main, at.sidebar):
        for kind, text in markdown_strings(tree):
            found += [f"{kind}: {problem} in {text[:120]!r}" for problem in live_markup(text)]
    return found


@pytest.mark.parametrize(
    "query",
    [
        pytest.param({"article": ARTICLE, **dict.fromkeys(PARAMS, ALL_PAYLOADS)}, id="every-param"),
        pytest.param({"article": ARTICLE, **dict.fromkeys(PARAMS, ALL_PAYLOADS), "scope": "all"}, id="all-articles"),
        pytest.param({"article": ALL_PAYLOADS}, id="article-param"),
        pytest.param({"article": BAD_URL_ARTICLE}, id="sidecar-url"),
    ],
)
@pytest.mark.parametrize("page", PAGES)
def test_no_link_image_or_html_reaches_markdown(store: Path, page: str, query: dict[str, str]) -> None:
    assert injected(open_page(page, query)) == []


@pytest.mark.parametrize(
    ("page", "param"),
    [("quotes", "scope"), ("corpus", "actor")],
)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_reported_url_values_are_shown_escaped(store: Path, page: str, param: str, payload: str) -> None:
    """The two notes the attack used: ``/quotes?scope=…`` and ``/corpus?actor=…``."""
    at = open_page(page, {"article": ARTICLE, param: payload})
    assert injected(at) == []
    assert any(markdown_text(payload) in info.value for info in at.info), "the ignored value is named"


def test_all_articles_explorer_caption_escapes_title(store: Path) -> None:
    """The explorer's 'From “title” · byline' caption under a selected quote of the hostile article."""
    from dashboard.store.files import read_tables
    from dashboard.ui.corpus_quotes import SEPARATOR

    quotes = read_tables(store)["quotes"]
    quote_id = str(quotes[quotes["article"] == ARTICLE]["quote_id"].iloc[0])
    at = open_page("quotes", {"article": ARTICLE, "scope": "all", "quote": f"{ARTICLE}{SEPARATOR}{quote_id}"})
    assert any(caption.value.startswith("From") for caption in at.caption), "the quote's article is named"
    assert injected(at) == []


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://news.example/a", True),
        ("HTTP://news.example/a", True),
        ("https://news.example/a?x=[b](https://evil.example/p)", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//evil.example/x", False),
        ("https:///nohost", False),
        ("https://news.example/a b", False),
        ("[Click](https://evil.example/p)", False),
        ("", False),
    ],
)
def test_only_http_addresses_become_links(url: str, linked: bool) -> None:
    shown = markdown_link("Original", url)
    assert (safe_url(url) is not None) is linked
    assert [urlsplit(target).hostname for target in link_targets(shown)] == (["news.example"] if linked else [])
    if not linked:
        assert live_markup(shown) == []
