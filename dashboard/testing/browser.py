"""Driving the dashboard in Debian's chromium through Playwright's sync API.

Uses ``/usr/bin/chromium`` (``apt-get install chromium``); never ``playwright install``.
Playwright objects are typed ``Any``: the caller imports Playwright, so this module does not need it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dashboard.ui.below_fold import WATCH_KEY

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
WAIT_MS = 60_000
VIEWPORT_HEIGHT = 1000
APP_SHOWN = '[data-testid="stMain"]:visible'  # the sidebar may start collapsed (phones), and it comes first in the page
# Done: no script running and no part of the page still waiting below its fold (dashboard.ui.below_fold).
SCRIPT_DONE = (
    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    f" && !document.querySelector('.st-key-{WATCH_KEY}')"
)


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


def launch_chromium(playwright: Any) -> Any:
    """A headless Debian chromium from a started ``sync_playwright()``; the caller closes it."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))


def new_page(browser: Any, *, width: int = 1280) -> tuple[Any, Any]:
    """(context, page) in a fresh browser context: a new reader with an empty cache. Close the context."""
    context = browser.new_context(viewport={"width": width, "height": VIEWPORT_HEIGHT})
    return context, context.new_page()


def open_page(browser: Any, url: str, *, width: int = 1280) -> tuple[Any, Any]:
    """``new_page`` gone to ``url``, once the app's sidebar or main area is shown."""
    context, page = new_page(browser, width=width)
    page.goto(url)
    page.wait_for_selector(APP_SHOWN, timeout=WAIT_MS)
    return context, page


def wait_for_app(page: Any, *, timeout: int = WAIT_MS) -> None:
    """Until the script has finished running (Streamlit's status widget disappears) and the page is
    whole (no first run still waiting for its first chart to be drawn)."""
    page.wait_for_function(SCRIPT_DONE, timeout=timeout)


def column_values(page: Any, column: int) -> list[str]:
    """The text of the drawn cells of column ``column`` of a ``st.dataframe`` (0 is the row selector)."""
    cells = page.eval_on_selector_all(f'[data-testid^="glide-cell-{column}-"]', "els => els.map(e => e.textContent)")
    return [str(c) for c in cells]


def scrolled_column_values(page: Any, column: int, *, steps: int = 12) -> list[str]:
    """The cells of a column drawn while the table is scrolled down ``steps`` times (a
    ``st.dataframe`` draws only the rows in view)."""
    seen = column_values(page, column)
    grid = page.locator('[data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    if box is None:
        return seen
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(steps):
        page.mouse.wheel(0, box["height"])
        page.wait_for_timeout(150)
        seen.extend(column_values(page, column))
    return seen


def wait_for_column(page: Any, column: int, value: str, *, substring: bool = False, timeout: int = WAIT_MS) -> None:
    """Until column ``column`` draws at least one cell and every drawn cell shows ``value``
    (or, with ``substring``, contains it)."""
    page.wait_for_function(
        """([column, value, substring]) => {
            const cells = [...document.querySelectorAll(`[data-testid^="glide-cell-${column}-"]`)];
            return cells.length > 0 && cells.every(c => substring ? c.textContent.includes(value)
                                                                  : c.textContent === value);
        }""",
        arg=[column, value, substring],
        timeout=timeout,
    )


def choose_in_multiselect(page: Any, text: str, *, index: int = 0) -> None:
    """Type ``text`` into the ``index``-th ``st.multiselect``, take the first match and close the list."""
    page.locator('[data-testid="stMultiSelect"]').nth(index).click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")


def current_url(page: Any) -> str:
    return str(page.evaluate("window.location.href"))


def screenshot(page: Any, path: Path) -> None:
    """A full-page screenshot to ``path`` (its folder is made if missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


def keyed(key: str) -> str:
    """CSS selector of the element Streamlit draws for the widget with ``key``."""
    return f".st-key-{key}"


def choose_in_selectbox(page: Any, key: str, text: str) -> None:
    """Open the ``st.selectbox`` with ``key``, type ``text`` and take the first match."""
    page.locator(keyed(key)).click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


# Installed before a page's own scripts: on the page's clock (ms from the navigation's start),
# when each landmark (name → CSS selector) is first in the page and how many match then, and
# when each message from the server arrives.
WATCH = """(() => {
    const landmarks = LANDMARKS;
    const seen = {};
    const counts = {};
    const messages = [];
    window.__watch = {seen, counts, messages};
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
        constructor(...args) {
            super(...args);
            this.addEventListener('message', () => messages.push(performance.now()));
        }
    };
    const look = () => {
        for (const [name, selector] of Object.entries(landmarks)) {
            if (seen[name] !== undefined) continue;
            const found = document.querySelectorAll(selector);
            if (found.length) {
                seen[name] = performance.now();
                counts[name] = found.length;
            }
        }
        requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
})();"""


def watch(context: Any, landmarks: Mapping[str, str]) -> None:
    """Install ``WATCH`` for ``landmarks`` in every page of a browser context; read it with ``watched``."""
    context.add_init_script(WATCH.replace("LANDMARKS", json.dumps(dict(landmarks))))


def watched(page: Any) -> dict[str, Any]:
    """``{"seen": {name: ms}, "counts": {name: n}, "messages": [ms, ...]}`` of the current page."""
    return dict(page.evaluate("window.__watch"))


def seen_all(names: list[str]) -> str:
    """A ``wait_for_function`` condition: every landmark of ``names`` has been seen."""
    return f"() => window.__watch && {json.dumps(names)}.every(name => window.__watch.seen[name] !== undefined)"
