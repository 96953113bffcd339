"""The app in a real browser: Debian chromium driven by Playwright against `streamlit run`.

Marked ``browser``; run with ``pytest -m browser tests/browser``. Screenshots of every page
go to ``test-artefacts/``. Never runs ``playwright install``: it uses /usr/bin/chromium.
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

from dashboard import settings

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
REFERENCE = settings.DEFAULT_ARTICLE
SPEAKER = "Kremlin"
SPEAKER_COLUMN = 2  # glide columns: 0 = row selector, 1 = quote, 2 = speaker
WAIT_MS = 60_000


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
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run dashboard/app.py` on a free port against tables built in a tmp dir."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed")
    from dashboard.store.build import build

    tables = tmp_path_factory.mktemp("tables")
    build([settings.ARTICLES_DIR], build_dir=tables)
    port = free_port()
    env = {**os.environ, "DASHBOARD_BUILD_DIR": str(tables)}
    log = open(tmp_path_factory.mktemp("logs") / "streamlit.log", "wb")  # noqa: SIM115
    server = subprocess.Popen(
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
        wait_until_healthy(url, server)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


@pytest.fixture(scope="module")
def browser(server: str):
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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
def test_every_page_draws(browser, server: str, path: str, ready: str, width: int) -> None:
    context, page = open_page(browser, f"{server}/{path}?article={REFERENCE}", width=width)
    try:
        page.wait_for_selector(ready, timeout=WAIT_MS)
        wait_for_app(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / f"{path}-{width}.png"), full_page=True)
    finally:
        context.close()


def test_clicking_a_heatmap_cell_shows_its_sentences(browser, server: str) -> None:
    context, page = open_page(browser, f"{server}/actors?article={REFERENCE}")
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
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / "actors-cell-clicked.png"), full_page=True)
    finally:
        context.close()


def test_speaker_filter_goes_into_a_link_that_reproduces_the_rows(browser, server: str) -> None:
    context, page = open_page(browser, f"{server}/quotes?article={REFERENCE}")
    try:
        page.wait_for_selector(f'[data-testid="glide-cell-{SPEAKER_COLUMN}-0"]', state="attached", timeout=WAIT_MS)
        wait_for_app(page)
        everyone = column_values(page, SPEAKER_COLUMN)
        assert SPEAKER in everyone and len(set(everyone)) > 1

        page.locator('[data-testid="stMultiSelect"]').first.click()
        page.keyboard.type(SPEAKER)
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        page.wait_for_function(f"() => window.location.search.includes('speaker={SPEAKER}')", timeout=WAIT_MS)
        wait_for_app(page)
        page.wait_for_function(
            f"""() => {{
                const cells = [...document.querySelectorAll('[data-testid^="glide-cell-{SPEAKER_COLUMN}-"]')];
                return cells.length > 0 && cells.every(c => c.textContent === '{SPEAKER}');
            }}""",
            timeout=WAIT_MS,
        )
        link = current_url(page)
        rows = {
            "quotes": column_values(page, 1),
            "speakers": column_values(page, SPEAKER_COLUMN),
        }
        assert f"article={REFERENCE}" in link
        assert set(rows["speakers"]) == {SPEAKER}
        assert len(rows["speakers"]) < len(everyone)
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / "quotes-filtered.png"), full_page=True)
    finally:
        context.close()

    # The editor opens the link in a fresh browser context: the same rows.
    context, page = open_page(browser, link)
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


def test_article_survives_switching_pages(browser, server: str) -> None:
    article = "01-trump-state-of-emergency-border-wall"
    context, page = open_page(browser, f"{server}/quotes?article={article}")
    try:
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=WAIT_MS)
        wait_for_app(page)
        page.locator('[data-testid="stSidebarNav"] a', has_text="Actors").click()
        page.wait_for_function("() => window.location.pathname.endsWith('/actors')", timeout=WAIT_MS)
        wait_for_app(page)
        page.wait_for_function(f"() => window.location.search.includes('article={article}')", timeout=WAIT_MS)
    finally:
        context.close()
