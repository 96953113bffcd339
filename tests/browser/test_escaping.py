"""Article text is shown as text: markup in a title, a paragraph or a quote never runs in the browser.

An article whose headline and paragraphs carry a ``<script>``, an ``<img onerror=…>`` and a
quote with ``<b>`` is built into its own tables and opened on every page in Debian chromium.
Marked ``browser``; screenshots go to ``test-artefacts/escaping-<page>.png``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

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
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed")
    port = free_port()
    env = {**os.environ, "DASHBOARD_BUILD_DIR": str(tables)}
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
        "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    log = open(tmp_path_factory.mktemp("logs") / "streamlit.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
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


def wait_for_app(page) -> None:
    """Until the script has finished running (the status widget disappears)."""
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=WAIT_MS)


def injected_images(page) -> int:
    """``<img src="x">`` elements in the page and in every frame (st.html, components)."""
    return sum(frame.locator('img[src="x"]').count() for frame in page.frames)


def page_text(page) -> str:
    return str(page.locator('[data-testid="stMain"]').inner_text())


@pytest.mark.parametrize("path", list(PAGES))
def test_markup_in_an_article_is_shown_not_run(browser, server: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
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
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / f"escaping-{path}.png"), full_page=True)

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
