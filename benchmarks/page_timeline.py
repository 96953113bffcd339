"""Where a brand-new reader's first seconds go: a timeline of one page in Debian chromium.

    python -m benchmarks.page_timeline --build-dir DIR [--path /overview] [--repeat 3] [--floor]

Serves the dashboard (``streamlit run``, headless, free port) on the tables in ``--build-dir``,
opens ``--path`` in a new chromium with an empty cache ``--repeat`` times (after one
unmeasured visit that warms the server) and prints, on the page's own clock (ms from the
navigation's start):

  - when each landmark was first drawn (sidebar, headline, headline figures, first chart,
    and how many charts were drawn at that moment);
  - the server's messages (first, last, how many);
  - the main thread's long animation frames (over 50 ms) and the script that took them;
  - the scripts fetched after the first message (requested → received, size), the largest first.

Figures only, no assertions: it explains ``app_timing --first-content``, it does not replace it.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.app_timing import FLOOR_PAGES
from dashboard.testing.browser import (
    CHROMIUM,
    chromium_available,
    launch_chromium,
    new_page,
    wait_for_app,
    watch,
    watched,
)
from dashboard.testing.server import running_app

WAIT_MS = 120_000
CHART = '[data-testid="stPlotlyChart"] .main-svg'
LANDMARKS = {
    "sidebar": '[data-testid="stSidebar"]',
    "headline": '[data-testid="stHeading"]',
    "figures": '.st-key-headline_figures [data-testid="stHeading"]',
    "first chart": CHART,
}
# The main thread's long animation frames, with the script that took most of each.
FRAMES = """(() => {
    const frames = [];
    window.__frames = frames;
    try {
        new PerformanceObserver((list) => {
            for (const e of list.getEntries()) {
                const script = (e.scripts || []).reduce((a, b) => (b.duration > (a ? a.duration : -1) ? b : a), null);
                frames.push([e.startTime, e.duration, script ? script.sourceURL.split('/').pop() : '']);
            }
        }).observe({type: 'long-animation-frame', buffered: true});
    } catch (error) { /* an older chromium: no frames */ }
})();"""
RESOURCES = """() => performance.getEntriesByType('resource')
    .filter(e => e.name.endsWith('.js'))
    .map(e => [e.name.split('/').pop(), e.startTime, e.responseEnd, e.transferSize])"""


def timeline(playwright: Any, url: str) -> dict[str, Any]:
    """One visit of ``url`` by a new chromium with an empty profile."""
    browser = launch_chromium(playwright)
    try:
        context, page = new_page(browser)
        watch(context, LANDMARKS)
        context.add_init_script(FRAMES)
        page.goto(url, wait_until="commit")
        page.wait_for_selector(CHART, timeout=WAIT_MS)
        wait_for_app(page, timeout=WAIT_MS)
        page.wait_for_timeout(500)  # the last frames are reported a little later
        found = watched(page)
        found["frames"] = page.evaluate("window.__frames")
        found["resources"] = page.evaluate(RESOURCES)
        context.close()
        return found
    finally:
        browser.close()


def report(found: dict[str, Any]) -> None:
    seen = found["seen"]
    for name in LANDMARKS:
        at = seen.get(name)
        layers = found["counts"].get(name, 0)
        extra = f" ({layers} chart layers drawn in the same frame)" if name == "first chart" else ""
        print(f"  {name:<12} {at:7.0f} ms{extra}" if at is not None else f"  {name:<12} not seen")
    messages = found["messages"]
    if messages:
        print(f"  server messages: {len(messages)}, first {messages[0]:.0f} ms, last {messages[-1]:.0f} ms")
    for start, duration, script in found["frames"]:
        if duration >= 50:
            print(f"  long frame   {start:7.0f} ms  {duration:5.0f} ms  {script}")
    first = messages[0] if messages else 0.0
    late = sorted((r for r in found["resources"] if r[1] >= first), key=lambda r: -r[3])
    for name, start, end, size in late[:12]:
        print(f"  script       {start:7.0f} → {end:7.0f} ms  {size / 1024:8.0f} KB  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, required=True, help="built tables to serve")
    parser.add_argument("--path", default="/overview", help="the page and its parameters (default /overview)")
    parser.add_argument("--repeat", type=int, default=3, help="measured visits (default 3)")
    parser.add_argument(
        "--floor", action="store_true", help="time app_timing's one-chart page (the floor) instead of the dashboard"
    )
    args = parser.parse_args()
    if not chromium_available():
        print(f"{CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with contextlib.ExitStack() as stack:
        playwright = stack.enter_context(sync_playwright())
        if args.floor:
            script = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "floor.py"
            script.write_text(FLOOR_PAGES["one-chart page"])
            app = stack.enter_context(running_app(build_dir=args.build_dir, script=script))
            url = f"{app.url}/"
        else:
            app = stack.enter_context(running_app(build_dir=args.build_dir))
            url = f"{app.url}{args.path}"
        timeline(playwright, url)  # warms the server's caches
        for visit in range(args.repeat):
            print(f"visit {visit + 1} of {url} (new browser, empty cache):")
            report(timeline(playwright, url))
    return 0


if __name__ == "__main__":
    sys.exit(main())
