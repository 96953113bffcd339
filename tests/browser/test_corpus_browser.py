"""Corpus views in a real browser: the quote explorer over all articles, and uploading an article.

Marked ``browser``; Debian chromium through Playwright (never ``playwright install``). The
server reads tables, inbox and corpus folder from tmp dirs; screenshots go to ``test-artefacts/``.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard import settings

pytestmark = pytest.mark.browser

# Same server and browser set-up as test_app_browser.py (test modules do not import each other).
ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = ROOT / "test-artefacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WAIT_MS = 60_000

SPEAKER = "Donald Trump"
SPEAKER_KEY = "donald-trump"
ARTICLE_COLUMN = 1  # glide columns: 0 = row selector, 1 = article, 2 = date, 3 = quote, 4 = speaker
SPEAKER_COLUMN = 4
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_healthy(url: str, server: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not become healthy")


def open_page(browser, url: str, *, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector('[data-testid="stSidebar"], [data-testid="stMain"]', timeout=WAIT_MS)
    return context, page


def wait_for_app(page) -> None:
    """Until the script has finished running (the status widget disappears)."""
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=WAIT_MS)


def column_values(page, column: int) -> list[str]:
    cells = page.eval_on_selector_all(f'[data-testid^="glide-cell-{column}-"]', "els => els.map(e => e.textContent)")
    return [str(c) for c in cells]


def current_url(page) -> str:
    return str(page.evaluate("window.location.href"))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run` on a free port; tables, inbox and corpus folder in tmp dirs."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed")
    from dashboard.store.build import build

    base = tmp_path_factory.mktemp("corpus_browser")
    articles = base / "articles"
    shutil.copytree(settings.ARTICLES_DIR, articles)
    tables = base / "tables"
    build([articles], build_dir=tables)
    env = {
        **os.environ,
        "DASHBOARD_BUILD_DIR": str(tables),
        "DASHBOARD_ARTICLES_DIR": str(articles),
        "DASHBOARD_INBOX_DIR": str(base / "inbox"),
    }
    port = free_port()
    log = open(base / "streamlit.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard/app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


@pytest.fixture(scope="module")
def browser(server: str):
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def screenshot(page, name: str) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / name), full_page=True)


@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
def test_corpus_page_draws(browser, server: str, width: int) -> None:
    context, page = open_page(browser, f"{server}/corpus?actor={SPEAKER_KEY}", width=width)
    try:
        page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=WAIT_MS)
        wait_for_app(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        page.wait_for_function(
            "() => document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= 3",
            timeout=WAIT_MS,
        )
        assert page.get_by_text("Wikinews, CC BY 2.5").count() >= 1  # the source line credits the corpus
        screenshot(page, f"corpus-{width}.png")
    finally:
        context.close()


def test_filtering_all_articles_by_a_speaker_shows_both_articles(browser, server: str) -> None:
    context, page = open_page(browser, f"{server}/quotes?scope=all")
    try:
        page.wait_for_selector(f'[data-testid="glide-cell-{ARTICLE_COLUMN}-0"]', state="attached", timeout=WAIT_MS)
        wait_for_app(page)
        page.locator('[data-testid="stMultiSelect"]').first.click()
        page.keyboard.type(SPEAKER)
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        page.wait_for_function(f"() => window.location.search.includes('speaker={SPEAKER_KEY}')", timeout=WAIT_MS)
        wait_for_app(page)
        page.wait_for_function(
            f"""() => {{
                const cells = [...document.querySelectorAll('[data-testid^="glide-cell-{SPEAKER_COLUMN}-"]')];
                return cells.length > 0 && cells.every(c => c.textContent === '{SPEAKER}');
            }}""",
            timeout=WAIT_MS,
        )
        articles = column_values(page, ARTICLE_COLUMN)
        assert len(set(articles)) >= 2, articles
        assert "scope=all" in current_url(page)
        screenshot(page, "quotes-all-articles-speaker.png")
    finally:
        context.close()


def test_an_uploaded_html_story_is_analysed_and_its_quotes_have_speakers(browser, server: str, tmp_path: Path) -> None:
    story = tmp_path / "harbour-bridge.html"
    story.write_text(STORY, encoding="utf-8")
    context, page = open_page(browser, f"{server}/analyse")
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
        article = page.evaluate("new URLSearchParams(window.location.search).get('article')")
        page.wait_for_selector('[data-testid="stMetric"]', timeout=WAIT_MS)
        screenshot(page, "analyse-opened.png")
    finally:
        context.close()

    context, page = open_page(browser, f"{server}/quotes?article={article}")
    try:
        speaker_column = 2  # one article: 0 = row selector, 1 = quote, 2 = speaker
        page.wait_for_selector(f'[data-testid="glide-cell-{speaker_column}-0"]', state="attached", timeout=WAIT_MS)
        wait_for_app(page)
        speakers = column_values(page, speaker_column)
        named = {s for s in speakers if s and s != "(unattributed)"}
        assert named & {"Jane Smith", "Tom Brown"}, speakers
        screenshot(page, "analyse-quotes.png")
    finally:
        context.close()
