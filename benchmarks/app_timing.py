"""Benchmark: how fast does the dashboard answer in a real browser, and how much memory does it hold?

    python -m benchmarks.app_timing [--build-dir DIR] [--repeat 5] [--article ID]

Against a real ``streamlit run dashboard/app.py`` (headless, free port) reading prebuilt
tables (``--build-dir``, or tables built from data/articles into a temporary folder),
driven by Debian chromium through Playwright (never ``playwright install``):

  (a) navigation → first chart drawn, on the Overview and on the Actors page (goal <= 2 s), three
      ways: a new reader opening a link (fresh browser profile: Streamlit's JavaScript, incl. the
      4.7 MB plotly chunk, is downloaded and compiled), a returning reader opening it again (browser
      cache warm, new Streamlit session), and a click in the sidebar navigation from the Quotes page;
  (b) speaker-filter change on the Quotes page → updated table (goal <= 0.5 s);
  (c) the server's resident memory after visiting every page (goal <= 350 MB).

Each browser visit uses a fresh browser context (a new reader, a new Streamlit session);
the first repetition is the first visit to a freshly started server, so ``max`` includes
the cold caches. Figures only, no assertions: the machines are shared and noisy.
``measure_app(build_dir)`` is reused by benchmarks/corpus_scale.py.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from dashboard.testing.browser import (
    CHROMIUM,
    chromium_available,
    column_values,
    launch_chromium,
    new_page,
    seen_all,
    wait_for_app,
    watch,
    watched,
)
from dashboard.testing.server import running_app

PAGES = ("overview", "actors", "quotes", "topics", "article")
CHART = '[data-testid="stPlotlyChart"] .main-svg'
PAGE_READY = {
    "overview": CHART,
    "actors": CHART,
    "quotes": '[data-testid="stDataFrame"]',
    "topics": CHART,
    "article": '[data-testid="stMain"]',
}
SPEAKER_COLUMN = 1  # glide columns: 0 = row selector, 1 = speaker, 2 = statement
CELLS = '[data-testid^="glide-cell-"]'
WAIT_MS = 120_000
STARTUP_TIMEOUT_S = 120.0
GOAL_CHART_S = 2.0
GOAL_CORPUS_FILTER_S = 1.0  # the corpus issue's goal, at 10,000 articles
GOAL_FILTER_S = 0.5
GOAL_RSS_MB = 350.0
GOAL_FIRST_CONTENT_S = 1.5
GOAL_CHART_OVER_FLOOR = 1.15
# The headline and the figures: ours are a row of headings (ui/headline.figures_row), the floor's st.metric.
CONTENT = '[data-testid="stHeading"]', '.st-key-headline_figures [data-testid="stHeading"], [data-testid="stMetric"]'
FLOOR_PAGES = {
    "minimal page": (
        "import streamlit as st\n"
        "st.subheader('A headline about a summit', anchor=False)\n"
        "st.metric('Quotes', 21)\n"
    ),
    "one-chart page": (
        "import plotly.graph_objects as go\n"
        "import streamlit as st\n"
        "st.subheader('A headline about a summit', anchor=False)\n"
        "st.metric('Quotes', 21)\n"
        "st.plotly_chart(go.Figure(go.Bar(x=[4, 2, 1], y=['a', 'b', 'c'], orientation='h')), theme=None)\n"
    ),
}
# Timed inside the page from the navigation's start (dashboard.testing.browser.watch): content is
# the first animation frame with both the headline and a figure in the page, then the first chart.
FIRST_LANDMARKS = {"headline": CONTENT[0], "figures": CONTENT[1], "chart": CHART}
OVERVIEW_LAST_CHART = f".st-key-overview_arc {CHART}"  # the story arc, last on the page


# --- memory -------------------------------------------------------------------------------


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (from /proc/*/stat)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its children, in MB (VmRSS from /proc/PID/status)."""
    total_kb = 0
    for member in process_tree(pid):
        try:
            status = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024


def loaded_libraries(pid: int, names: tuple[str, ...]) -> dict[str, bool]:
    """Which of the packages ``names`` have compiled modules mapped into the process (spaCy has)."""
    try:
        maps = Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return {}
    return {name: f"/{name}/" in maps for name in names}


# --- the browser --------------------------------------------------------------------------


def stats(values: list[float]) -> dict[str, Any]:
    return {"runs": values, "median": statistics.median(values), "max": max(values)}


def time_first_chart(browser: Any, url: str) -> float:
    """Seconds from navigation to the first plotly chart drawn: a new reader (empty browser cache)."""
    context, page = new_page(browser)
    try:
        started = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_selector(CHART, timeout=WAIT_MS)
        elapsed = time.perf_counter() - started
        wait_for_app(page, timeout=WAIT_MS)
        return elapsed
    finally:
        context.close()


def time_first_content_and_chart(
    playwright: Any, url: str, *, chart: bool = True, last: str = CHART
) -> tuple[float, float | None, float | None]:
    """(first content, first chart, last chart) in seconds from navigation start, in a brand-new browser.

    A new Debian chromium process with a fresh profile (empty cache) for each measurement, so
    Streamlit's JavaScript (and plotly's bundle) is downloaded and compiled as for a new reader.
    ``last`` is the page's last chart (the whole page drawn): the Overview sends the charts below
    its fold once the first is drawn (dashboard.ui.below_fold), so both times are reported.
    """
    browser = launch_chromium(playwright)
    try:
        context, page = new_page(browser)
        watch(context, {**FIRST_LANDMARKS, "last": last})
        page.goto(url, wait_until="commit")
        wanted = ["headline", "figures", *(["chart", "last"] if chart else [])]
        page.wait_for_function(seen_all(wanted), timeout=WAIT_MS)
        seen = watched(page)["seen"]
        wait_for_app(page, timeout=WAIT_MS)
        context.close()
        content = max(float(seen["headline"]), float(seen["figures"]))
        if not chart:
            return content / 1000, None, None
        return content / 1000, float(seen["chart"]) / 1000, float(seen["last"]) / 1000
    finally:
        browser.close()


def measure_first_content(build_dir: Path, *, repeat: int = 3, article: str | None = None) -> dict[str, Any]:
    """First content and first chart for a brand-new browser: our Overview, a minimal Streamlit page
    and a minimal one-plotly-chart page (the floor), each served by ``streamlit run`` the same way,
    measured in turns (page after page, ``repeat`` rounds) so that machine noise hits all alike."""
    from playwright.sync_api import sync_playwright

    from dashboard import settings

    article = article or settings.DEFAULT_ARTICLE
    runs: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        playwright = stack.enter_context(sync_playwright())
        targets: dict[str, str] = {}
        app = stack.enter_context(running_app(build_dir=build_dir, log_path=Path(tmp) / "app.log"))
        targets["our Overview"] = f"{app.url}/overview?article={article}"
        for name, source in FLOOR_PAGES.items():
            script = Path(tmp) / f"{name.replace(' ', '_').replace('-', '_')}.py"
            script.write_text(source, encoding="utf-8")
            floor = stack.enter_context(running_app(build_dir=build_dir, script=script, log_path=Path(tmp) / "f.log"))
            targets[name] = f"{floor.url}/"
        lasts = {"our Overview": OVERVIEW_LAST_CHART}
        for name, url in targets.items():  # a first, unmeasured visit warms each server's caches
            time_first_content_and_chart(playwright, url, chart=name != "minimal page", last=lasts.get(name, CHART))
        for round_ in range(repeat):
            for name, url in targets.items():
                content, chart, last = time_first_content_and_chart(
                    playwright, url, chart=name != "minimal page", last=lasts.get(name, CHART)
                )
                runs.setdefault(name, {"content": [], "chart": [], "last": []})["content"].append(content)
                if chart is not None and last is not None:
                    runs[name]["chart"].append(chart)
                    runs[name]["last"].append(last)
                shown = f", first chart {chart:.3f} s, last chart {last:.3f} s" if chart and last else ""
                print(f"  round {round_ + 1} {name}: first content {content:.3f} s{shown}", flush=True)
    results = {
        name: {part: statistics.median(values) for part, values in figures.items() if values}
        for name, figures in runs.items()
    }
    _report_first(results)
    return results


def _report_first(results: dict[str, dict[str, float]]) -> None:
    ours, floor = results["our Overview"], results["one-chart page"]
    print("brand-new browser, medians (seconds from navigation start):")
    for name, figures in results.items():
        chart = ""
        if "chart" in figures:
            chart = f"  first chart {figures['chart']:.3f} s  last chart {figures['last']:.3f} s"
        print(f"  {name:<16} first content {figures['content']:.3f} s{chart}")
    ratio = ours["chart"] / floor["chart"]
    content_ok = "ok" if ours["content"] <= GOAL_FIRST_CONTENT_S else "MISSED"
    chart_ok = "ok" if ratio <= GOAL_CHART_OVER_FLOOR else "MISSED"
    print(f"  our first content {ours['content']:.3f} s (goal <= {GOAL_FIRST_CONTENT_S:g} s: {content_ok})")
    print(
        f"  our first chart / one-chart floor = {ours['chart']:.3f} / {floor['chart']:.3f} = {ratio:.2f}"
        f" (goal <= {GOAL_CHART_OVER_FLOOR:g}: {chart_ok})"
    )
    whole = ours["last"] / floor["chart"]
    print(f"  our last chart (whole page) / one-chart floor = {ours['last']:.3f} / {floor['chart']:.3f} = {whole:.2f}")


def time_first_chart_returning(browser: Any, url: str, repeat: int) -> list[float]:
    """As ``time_first_chart`` for a returning reader: one browser context (its HTTP cache holds
    Streamlit's JavaScript) opens the page once unmeasured, then ``repeat`` times, each a new session."""
    context, page = new_page(browser)
    try:
        page.goto(url)
        page.wait_for_selector(CHART, timeout=WAIT_MS)
        wait_for_app(page, timeout=WAIT_MS)
        values = []
        for _ in range(repeat):
            page.goto("about:blank")
            started = time.perf_counter()
            page.goto(url, wait_until="commit")
            page.wait_for_selector(CHART, timeout=WAIT_MS)
            values.append(time.perf_counter() - started)
            wait_for_app(page, timeout=WAIT_MS)
        return values
    finally:
        context.close()


def time_first_chart_in_app(browser: Any, url: str, start: str, target: str, repeat: int) -> list[float]:
    """Seconds from clicking ``target`` in the sidebar navigation (coming from page ``start``, which
    has no chart) to its first chart drawn; the first click also loads the chart code."""
    context, page = new_page(browser)
    try:
        page.goto(url.replace(f"/{target}?", f"/{start}?"))
        values = []
        for _ in range(repeat):
            page.wait_for_selector('[data-testid="stSidebarNav"]', timeout=WAIT_MS)
            wait_for_app(page, timeout=WAIT_MS)
            if page.locator(CHART).count():
                raise RuntimeError(f"the page {start!r} draws a chart: cannot time {target!r} from it")
            link = page.locator('[data-testid="stSidebarNav"] a', has_text=target.capitalize())
            started = time.perf_counter()
            link.click()
            page.wait_for_selector(CHART, timeout=WAIT_MS)
            values.append(time.perf_counter() - started)
            wait_for_app(page, timeout=WAIT_MS)
            page.locator('[data-testid="stSidebarNav"] a', has_text=start.capitalize()).click()
            page.wait_for_function(f"() => window.location.pathname.endsWith('/{start}')", timeout=WAIT_MS)
        return values
    finally:
        context.close()


def table_text(page: Any) -> str:
    return str(page.eval_on_selector_all(CELLS, "els => els.map(e => e.textContent).join('\\u241f')"))


WATCH_TABLE = """([selector, before]) => {
    document.addEventListener('click', () => { window.__clickedAt = performance.now(); }, {capture: true, once: true});
    const look = () => {
        const cells = [...document.querySelectorAll(selector)];
        if (window.__clickedAt !== undefined && cells.length > 0
                && cells.map(e => e.textContent).join('\\u241f') !== before) {
            window.__tableChangedAt = performance.now();
        } else {
            requestAnimationFrame(look);
        }
    };
    requestAnimationFrame(look);
}"""


def time_speaker_filter(browser: Any, url: str, speaker: str, label: str, *, same_name: bool = True) -> float:
    """Seconds from clicking ``speaker`` (option ``label``) in the filter to the table showing other rows.

    ``same_name``: every row must then show exactly ``speaker`` (across articles a linked
    speaker may appear under other names, "Trump" and "Donald Trump").
    """
    context, page = new_page(browser)
    try:
        page.goto(url)
        page.wait_for_selector(f'[data-testid="glide-cell-{SPEAKER_COLUMN}-0"]', state="attached", timeout=WAIT_MS)
        wait_for_app(page, timeout=WAIT_MS)
        before = table_text(page)
        page.locator('[data-testid="stMultiSelect"]').first.click()
        page.keyboard.type(speaker)
        option = page.get_by_role("option", name=label, exact=True)
        option.wait_for(timeout=WAIT_MS)
        # Timed inside the page: from the click on the option to the first animation frame
        # whose table text differs (Playwright's own round trips are not counted).
        page.evaluate(WATCH_TABLE, [CELLS, before])
        option.click()
        page.wait_for_function("() => window.__tableChangedAt !== undefined", timeout=WAIT_MS)
        elapsed = float(page.evaluate("window.__tableChangedAt - window.__clickedAt")) / 1000
        speakers = set(column_values(page, SPEAKER_COLUMN))
        if same_name and speakers != {speaker}:
            raise RuntimeError(f"the filtered table shows speakers {sorted(speakers)}, not only {speaker!r}")
        wait_for_app(page, timeout=WAIT_MS)
        return elapsed
    finally:
        context.close()


def visit(browser: Any, url: str, ready: str) -> None:
    context, page = new_page(browser)
    try:
        page.goto(url)
        page.wait_for_selector(ready, timeout=WAIT_MS)
        wait_for_app(page, timeout=WAIT_MS)
        if page.locator('[data-testid="stException"]').count():
            raise RuntimeError(f"{url} shows an exception")
    finally:
        context.close()


# --- choosing what to open ----------------------------------------------------------------


def pick_article(build_dir: Path, wanted: str | None = None) -> tuple[str, str, str]:
    """(article, speaker, option label): the reference article if built, else the one with the most
    quotes by two or more speakers; the speaker is its second most quoted (a real change of rows)."""
    from dashboard import settings
    from dashboard.charts.counts import speaker_counts
    from dashboard.store.files import read_table

    quotes = read_table(build_dir, "quotes")
    per_article = {article: speaker_counts(rows) for article, rows in quotes.groupby("article", sort=True)}
    usable = {article: counts for article, counts in per_article.items() if len(counts) >= 2}
    if not usable:
        raise RuntimeError(f"no article in {build_dir} has quotes by two or more speakers")
    for candidate in (wanted, settings.DEFAULT_ARTICLE):
        if candidate in usable:
            article = candidate
            break
    else:
        article = max(usable, key=lambda a: (int(usable[a].sum()), a))
    speaker = str(usable[article].index[1])
    return str(article), speaker, f"{speaker} ({int(usable[article].iloc[1])})"  # as the multiselect shows it


def pick_corpus_speaker(build_dir: Path) -> tuple[str, str]:
    """(name, option label) of the second most quoted speaker across all articles, as the
    all-articles speaker filter lists it: "Name (quotes in articles)"."""
    from dashboard.charts.corpus_counts import corpus_quotes, key_names, speaker_article_counts, speaker_totals
    from dashboard.store.files import read_tables

    tables = read_tables(build_dir)
    quotes = corpus_quotes(tables["quotes"], tables["actors"], tables["articles"])
    speakers = speaker_totals(speaker_article_counts(quotes), key_names(tables["actors"]))
    if len(speakers) < 2:
        raise RuntimeError(f"fewer than two speakers in {build_dir}")
    row = speakers.iloc[1]
    return str(row["name"]), f"{row['name']} ({int(row['quotes'])} in {int(row['articles'])})"


# --- the measurement ----------------------------------------------------------------------


def measure_app(build_dir: Path, *, repeat: int = 5, article: str | None = None) -> dict[str, Any]:
    """Start the server on ``build_dir``, measure (a), (b), (c), print them; return the figures."""
    from playwright.sync_api import sync_playwright

    build_dir = Path(build_dir)
    article, speaker, label = pick_article(build_dir, article)
    corpus_speaker = pick_corpus_speaker(build_dir)
    print(f"app timing: {repeat} repetitions, article {article!r}, speaker filter {speaker!r}", flush=True)
    results: dict[str, Any] = {"article": article, "speaker": speaker, "repeat": repeat, "corpus": corpus_speaker}
    with tempfile.TemporaryDirectory() as logs:
        log_path = Path(logs) / "streamlit.log"
        try:
            with (
                running_app(build_dir=build_dir, log_path=log_path, startup_timeout=STARTUP_TIMEOUT_S) as app,
                sync_playwright() as playwright,
            ):
                results["rss_mb_started"] = rss_mb(app.pid)
                browser = launch_chromium(playwright)
                try:
                    _measure(browser, app.url, article, (speaker, label), results)
                    for page in PAGES:
                        visit(browser, f"{app.url}/{page}?article={article}", PAGE_READY[page])
                    time.sleep(1)  # let the last runs finish and free their frames
                    results["rss_mb"] = rss_mb(app.pid)
                    results["libraries"] = loaded_libraries(app.pid, ("spacy", "thinc", "torch"))
                finally:
                    browser.close()
        except Exception:
            print("streamlit log (last lines):", *log_path.read_text(errors="replace").splitlines()[-30:], sep="\n")
            raise
    _report(results)
    return results


def _measure(browser: Any, url: str, article: str, speaker: tuple[str, str], results: dict[str, Any]) -> None:
    repeat = results["repeat"]
    overview, actors = f"{url}/overview?article={article}", f"{url}/actors?article={article}"
    for name, run in {
        "overview_first_chart_s": lambda: time_first_chart(browser, overview),
        "actors_first_chart_s": lambda: time_first_chart(browser, actors),
        "quotes_filter_s": lambda: time_speaker_filter(browser, f"{url}/quotes?article={article}", *speaker),
        "corpus_quotes_filter_s": lambda: time_speaker_filter(
            browser, f"{url}/quotes?scope=all", *results["corpus"], same_name=False
        ),
    }.items():
        values = []
        for i in range(repeat):
            values.append(run())
            print(f"  {name} run {i + 1}: {values[-1]:.3f} s", flush=True)
        results[name] = stats(values)
    for name, series in {
        "overview_returning_s": lambda: time_first_chart_returning(browser, overview, repeat),
        "actors_returning_s": lambda: time_first_chart_returning(browser, actors, repeat),
        "overview_in_app_s": lambda: time_first_chart_in_app(browser, overview, "quotes", "overview", repeat),
        "actors_in_app_s": lambda: time_first_chart_in_app(browser, actors, "quotes", "actors", repeat),
    }.items():
        values = series()
        print(f"  {name}: " + ", ".join(f"{v:.3f}" for v in values) + " s", flush=True)
        results[name] = stats(values)


def _report(results: dict[str, Any]) -> None:
    def line(label: str, name: str, goal: float) -> None:
        figure = results[name]
        verdict = "ok" if figure["median"] <= goal else "MISSED"
        print(
            f"  {label:<42} median {figure['median']:6.3f} s  max {figure['max']:6.3f} s"
            f"  (goal <= {goal:g} s: {verdict})"
        )

    print("results:")
    line("(a) Overview: new reader opens link", "overview_first_chart_s", GOAL_CHART_S)
    line("(a) Actors: new reader opens link", "actors_first_chart_s", GOAL_CHART_S)
    line("(a) Overview: returning reader opens link", "overview_returning_s", GOAL_CHART_S)
    line("(a) Actors: returning reader opens link", "actors_returning_s", GOAL_CHART_S)
    line("(a) Overview: sidebar click from Quotes", "overview_in_app_s", GOAL_CHART_S)
    line("(a) Actors: sidebar click from Quotes", "actors_in_app_s", GOAL_CHART_S)
    line("(b) Quotes: speaker filter -> new table", "quotes_filter_s", GOAL_FILTER_S)
    line("(b) Quotes, all articles: speaker filter", "corpus_quotes_filter_s", GOAL_CORPUS_FILTER_S)
    verdict = "ok" if results["rss_mb"] <= GOAL_RSS_MB else "MISSED"
    print(
        f"  {'(c) server RSS after every page':<42} {results['rss_mb']:7.1f} MB"
        f"  (at start {results['rss_mb_started']:.1f} MB; goal <= {GOAL_RSS_MB:g} MB: {verdict})"
    )
    loaded = [name for name, present in results.get("libraries", {}).items() if present]
    print(f"  libraries with compiled code mapped in the server: {', '.join(loaded) or 'none of spacy, thinc, torch'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, default=None, help="prebuilt tables (default: build them now)")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions of each timing (default 5)")
    parser.add_argument("--article", default=None, help="article id to open (default: the reference article)")
    parser.add_argument(
        "--first-content",
        action="store_true",
        help="only first content and first chart for a brand-new browser, next to the minimal pages (floor)",
    )
    args = parser.parse_args()
    if not chromium_available():
        print(f"{CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 2
    measure = measure_first_content if args.first_content else measure_app
    if args.build_dir is not None:
        measure(args.build_dir, repeat=args.repeat, article=args.article)
        return 0
    from dashboard import settings
    from dashboard.store.build import build

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        summary = build([settings.ARTICLES_DIR], build_dir=Path(tmp))
        print(f"built the tables in {time.perf_counter() - started:.1f} s: {summary.describe()}", flush=True)
        measure(Path(tmp), repeat=args.repeat, article=args.article)
    return 0


if __name__ == "__main__":
    sys.exit(main())
