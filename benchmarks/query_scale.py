"""Benchmark: the app on an archive-sized store — memory, time per page, all-articles speaker filter.

    python -m benchmarks.query_scale --build-dir DIR [--baseline-dir DIR] [--repeat 3]
    python -m benchmarks.query_scale --in-process --build-dir DIR [--baseline-dir DIR] [--repeat 3]

The first form starts the dashboard (``streamlit run``, headless, free port) on the tables in
``--build-dir`` and drives it in Debian chromium (Playwright, never ``playwright install``):

  - time per page: navigation → the page's content drawn and the script finished, for every
    page (the reader's browser has Streamlit's JavaScript cached; each visit is a new
    session). The first visit to a freshly started server is reported apart (cold: the
    query layer's per-version files are made then). Timed inside the page: the later of the
    first animation frame showing the page's content and the last message from the server
    (Playwright only waits; its polling, every 500 ms after the first few tries, would round
    a page up by up to half a second);
  - the all-articles quote explorer: click on a speaker in the filter → the table showing
    that speaker's rows (timed inside the page, as ``app_timing`` does);
  - the server's resident memory (process tree) after every page was visited.

With ``--baseline-dir`` the same is measured, in the same run, for the whole-table loader
of git ``main`` before the query layer (``--baseline-ref``, default the first commit that
has ``dashboard/query`` minus one): its code is exported with ``git archive`` into a
temporary folder and served from there, on the baseline store (10,000 articles).

``--in-process`` runs every page's script with Streamlit's ``AppTest`` in a fresh
interpreter (no browser, no network), reports wall and CPU seconds per page and for the
speaker filter's rerun, and that interpreter's RSS: the server's share of a page, with less
noise from a shared machine than a browser adds.

Large stores for it come from ``python -m benchmarks.replicate SRC DEST --articles N``.
Figures only, no assertions: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from benchmarks.app_timing import loaded_libraries, rss_mb, time_speaker_filter
from dashboard.store.files import current_version, table_parts
from dashboard.testing.browser import (
    CHROMIUM,
    chromium_available,
    launch_chromium,
    new_page,
    wait_for_app,
    watch,
    watched,
)
from dashboard.testing.server import free_port, stop, wait_until_healthy

ROOT = Path(__file__).resolve().parents[1]
WAIT_MS = 300_000
STARTUP_TIMEOUT_S = 300.0
CHART = '[data-testid="stPlotlyChart"] .main-svg'
TABLE = '[data-testid="stDataFrame"]'
PAGES = {
    "overview": CHART,
    "actors": CHART,
    "quotes": TABLE,
    "topics": CHART,
    "article": '[data-testid="stMain"] p',
    "corpus": CHART,
    "quotes?scope=all": TABLE,
    "analyse": '[data-testid="stMain"] textarea',
}
GOALS = {100_000: (600.0, 1.5, 1.0), 1_000_000: (1024.0, 1.5, 2.0)}  # RSS MB, page s, speaker filter s


# --- servers ----------------------------------------------------------------------------------


@contextlib.contextmanager
def server(code_root: Path, build_dir: Path, log: Path) -> Iterator[tuple[str, int]]:
    """``streamlit run dashboard/app.py`` of the code in ``code_root`` on ``build_dir``."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(code_root), "DASHBOARD_BUILD_DIR": str(build_dir)}
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command, cwd=code_root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_healthy(url, process, STARTUP_TIMEOUT_S)
            yield url, process.pid
        finally:
            stop(process)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)


def export_ref(ref: str, target: Path) -> Path:
    """The project's code at git ``ref`` (``git archive``) in ``target``."""
    archive = target / "code.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", "-o", str(archive), ref], check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(target / "code", filter="data")
    return target / "code"


# --- what to open -----------------------------------------------------------------------------


def choose(build_dir: Path, *, with_key: bool = False) -> Any:
    """(an article with quotes, (speaker name, option label) of the second most quoted speaker[, its key])."""
    from dashboard.query import connect
    from dashboard.query.corpus import speaker_totals
    from dashboard.query.derived import corpus_files
    from dashboard.query.relations import StoreTables

    version = current_version(build_dir)
    assert version is not None
    database = connect()
    with database.cursor() as cursor:
        tables = StoreTables(build_dir, version)
        started = time.perf_counter()
        files = corpus_files(cursor, tables)  # the server finds them made (DASHBOARD_QUERY_CACHE_DIR)
        print(f"  query layer's derived files ready in {time.perf_counter() - started:.1f} s", flush=True)
        speakers = speaker_totals(cursor, tables, files)
        row = cursor.execute(
            f"SELECT article FROM {tables.sql('quotes')} WHERE article IN ("
            f"  SELECT article FROM {tables.sql('articles')} ORDER BY article DESC LIMIT 50)"
            " GROUP BY article ORDER BY count(DISTINCT speaker) DESC, article LIMIT 1"
        ).fetchone()
    database.close()
    assert row is not None and len(speakers) >= 2
    top = speakers.iloc[1]
    chosen = str(row[0]), (str(top["name"]), f"{top['name']} ({int(top['quotes'])} in {int(top['articles'])})")
    return (*chosen, str(top["speaker_key"])) if with_key else chosen


# --- the measurement ----------------------------------------------------------------------------


def watch_pages(context: Any) -> None:
    """Watch every page's content selector (``dashboard.testing.browser.watch``) in the context."""
    watch(context, {ready: ready for ready in PAGES.values()})


def time_page(page: Any, url: str, ready: str) -> float:
    """Seconds from navigation to ``ready`` drawn and the script finished (same browser context,
    watched by ``watch_pages``): the later of the first frame showing ``ready`` and the server's
    last message (its "script finished"), on the page's own clock."""
    page.goto("about:blank")
    page.goto(url, wait_until="commit")
    page.wait_for_selector(ready, timeout=WAIT_MS)
    wait_for_app(page, timeout=WAIT_MS)
    if page.locator('[data-testid="stException"]').count():
        raise RuntimeError(f"{url} shows an exception")
    found = watched(page)
    drawn, messages = found["seen"].get(ready), found["messages"]
    if drawn is None:
        raise RuntimeError(f"{url}: the page watcher did not see {ready!r}")
    return max(float(drawn), float(messages[-1]) if messages else 0.0) / 1000


def measure(label: str, code_root: Path, build_dir: Path, repeat: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    article, speaker = choose(build_dir)
    print(f"{label}: {build_dir} (article {article!r}, speaker {speaker[0]!r})", flush=True)
    results: dict[str, Any] = {"label": label, "pages": {}}
    with tempfile.TemporaryDirectory() as logs, sync_playwright() as playwright:
        log = Path(logs) / "streamlit.log"
        try:
            with server(code_root, build_dir, log) as (url, pid):
                results["rss_started"] = rss_mb(pid)
                browser = launch_chromium(playwright)
                try:
                    context, page = new_page(browser)
                    watch_pages(context)
                    page.goto(f"{url}/overview?article={article}")  # the browser caches the JavaScript
                    page.wait_for_selector(CHART, timeout=WAIT_MS)
                    wait_for_app(page, timeout=WAIT_MS)
                    for name, ready in PAGES.items():
                        sep = "&" if "?" in name else "?"
                        link = f"{url}/{name}{sep}article={article}"
                        values = [time_page(page, link, ready) for _ in range(repeat + 1)]
                        results["pages"][name] = values
                        print(f"  {name:<18} first {values[0]:6.2f} s, then "
                              + ", ".join(f"{v:.2f}" for v in values[1:]) + " s", flush=True)  # fmt: skip
                    context.close()
                    time.sleep(1)
                    results["rss_pages"] = rss_mb(pid)
                    print(f"  RSS after every page: {results['rss_pages']:.0f} MB", flush=True)
                    filters = []
                    for _ in range(repeat):
                        filters.append(
                            time_speaker_filter(browser, f"{url}/quotes?scope=all", *speaker, same_name=False)
                        )
                        print(f"  all-articles speaker filter: {filters[-1]:.3f} s", flush=True)
                    results["speaker_filter"] = filters
                    time.sleep(1)
                    results["rss"] = rss_mb(pid)
                    results["libraries"] = loaded_libraries(pid, ("spacy", "thinc", "torch"))
                finally:
                    browser.close()
        except Exception:
            print("streamlit log (last lines):", *log.read_text(errors="replace").splitlines()[-30:], sep="\n")
            raise
    return results


def own_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_pages_in_process(code_root: Path, article: str, speaker_key: str, repeat: int) -> dict[str, Any]:
    """Every page's script run with Streamlit's AppTest in this process (the code in ``code_root``, the
    store in ``DASHBOARD_BUILD_DIR``): wall and CPU seconds per run, then this process's RSS."""
    from streamlit.testing.v1 import AppTest

    from dashboard.testing.app_test import app_test

    app = str(code_root / "dashboard" / "app.py")

    def run(name: str) -> tuple[AppTest, float, float]:
        page, _, query = name.partition("?")
        at = app_test(app, timeout=900)  # the whole page, as after the browser's first chart
        if page != "overview":
            at.switch_page(f"app_pages/{page}.py")
        at.query_params["article"] = article
        for pair in filter(None, query.split("&")):
            key, _, value = pair.partition("=")
            at.query_params[key] = value
        wall, cpu = time.perf_counter(), time.process_time()
        at.run()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if at.exception:
            raise RuntimeError(f"{name}: {at.exception[0].value}")
        return at, wall, cpu

    pages: dict[str, list[tuple[float, float]]] = {}
    for name in PAGES:
        pages[name] = [run(name)[1:] for _ in range(repeat + 1)]
    rss_pages = own_rss_mb()
    filters = []
    for _ in range(repeat):
        at, _, _ = run("quotes?scope=all")
        wall, cpu = time.perf_counter(), time.process_time()
        at.multiselect(key="quotes_all_speaker").set_value([speaker_key]).run()
        filters.append((time.perf_counter() - wall, time.process_time() - cpu))
        if at.exception:
            raise RuntimeError(f"speaker filter: {at.exception[0].value}")
    return {"pages": pages, "rss_pages": rss_pages, "filters": filters, "rss": own_rss_mb()}


def measure_in_process(label: str, code_root: Path, build_dir: Path, repeat: int) -> dict[str, Any]:
    """``run_pages_in_process`` in a fresh interpreter importing the code in ``code_root``."""
    import json

    article, (name, _label), key = choose(build_dir, with_key=True)
    print(f"{label} (in process): {build_dir} (article {article!r}, speaker {name!r})", flush=True)
    env = {**os.environ, "PYTHONPATH": str(code_root), "DASHBOARD_BUILD_DIR": str(build_dir)}
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(code_root), article, key, str(repeat)]
    done = subprocess.run(command, cwd=code_root, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{label}: in-process run failed:\n{done.stderr[-3000:]}")
    results = json.loads(done.stdout.strip().splitlines()[-1])
    results["label"] = label
    return results


def report_in_process(results: dict[str, Any], articles: int) -> None:
    goal_rss, goal_page, goal_filter = GOALS.get(articles, (None, None, None))
    print(f"results (page scripts in process, wall / CPU s) — {results['label']}, {articles:,} articles:")
    for name, values in results["pages"].items():
        wall = statistics.median(v[0] for v in values[1:])
        cpu = statistics.median(v[1] for v in values[1:])
        verdict = "" if goal_page is None else (" ok" if wall <= goal_page else " MISSED")
        print(f"  page {name:<18} median {wall:6.2f} / {cpu:5.2f} s "
              f"(first run {values[0][0]:6.2f} / {values[0][1]:5.2f} s){verdict}")  # fmt: skip
    wall = statistics.median(v[0] for v in results["filters"])
    cpu = statistics.median(v[1] for v in results["filters"])
    goal = f" (goal <= {goal_filter} s)" if goal_filter else ""
    print(f"  all-articles speaker filter: median {wall:.3f} / {cpu:.3f} s{goal}")
    goal = f" (goal <= {goal_rss:.0f} MB)" if goal_rss else ""
    print(f"  process RSS after every page {results['rss_pages']:.0f} MB, "
          f"after the filters {results['rss']:.0f} MB{goal}")  # fmt: skip


def report(results: dict[str, Any], articles: int) -> None:
    goal_rss, goal_page, goal_filter = GOALS.get(articles, (None, None, None))
    warm = {name: statistics.median(values[1:]) for name, values in results["pages"].items()}
    cold = {name: values[0] for name, values in results["pages"].items()}
    print(f"results — {results['label']}, {articles:,} articles:")
    for name in warm:
        verdict = "" if goal_page is None else (" ok" if warm[name] <= goal_page else " MISSED")
        print(f"  page {name:<18} median {warm[name]:6.2f} s (first visit {cold[name]:6.2f} s){verdict}")
    slowest = max(warm, key=lambda n: warm[n])
    print(f"  slowest page: {slowest} {warm[slowest]:.2f} s" + (f" (goal <= {goal_page} s)" if goal_page else ""))
    median_filter = statistics.median(results["speaker_filter"])
    print(f"  all-articles speaker filter: median {median_filter:.3f} s, max {max(results['speaker_filter']):.3f} s"
          + (f" (goal <= {goal_filter} s)" if goal_filter else ""))  # fmt: skip
    rss = max(results["rss_pages"], results["rss"])
    goal = f" (goal <= {goal_rss:.0f} MB)" if goal_rss else ""
    print(f"  server RSS: started {results['rss_started']:.0f} MB, after every page {results['rss_pages']:.0f} MB, "
          f"after the filters {results['rss']:.0f} MB{goal}")  # fmt: skip
    loaded = [n for n, present in results.get("libraries", {}).items() if present]
    print(f"  compiled libraries mapped in the server: {', '.join(loaded) or 'none of spacy, thinc, torch'}")
    results["summary"] = {"page_s": warm, "first_s": cold, "filter_s": median_filter, "rss_mb": rss}


def count_articles(build_dir: Path) -> int:
    version = current_version(build_dir)
    parts = table_parts(build_dir, "articles", version)
    return sum(pq.ParquetFile(p.path).metadata.num_rows for p in parts)  # masks ignored: an estimate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, help="the store to measure the query layer on")
    parser.add_argument("--baseline-dir", type=Path, help="a store to measure the whole-table loader on")
    parser.add_argument("--baseline-ref", default="3a93aba", help="git ref of the whole-table loader")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--in-process", action="store_true", help="time page scripts in process (no browser)")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        import json

        code_root, article, key, repeat = args.child
        print(json.dumps(run_pages_in_process(Path(code_root), article, key, int(repeat))))
        return 0
    if args.build_dir is None:
        parser.error("give --build-dir (and optionally --baseline-dir)")
    if args.in_process:
        done = []
        if args.baseline_dir is not None:
            with tempfile.TemporaryDirectory() as tmp:
                code = export_ref(args.baseline_ref, Path(tmp))
                label = f"whole-table loader ({args.baseline_ref})"
                done.append((measure_in_process(label, code, args.baseline_dir, args.repeat), args.baseline_dir))
        done.append((measure_in_process("DuckDB query layer", ROOT, args.build_dir, args.repeat), args.build_dir))
        for results, folder in done:
            report_in_process(results, count_articles(folder))
        return 0
    if not chromium_available():
        print(f"{CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 2
    runs = []
    if args.baseline_dir is not None:
        with tempfile.TemporaryDirectory() as tmp:
            code = export_ref(args.baseline_ref, Path(tmp))
            runs.append((measure(f"whole-table loader ({args.baseline_ref})", code, args.baseline_dir, args.repeat),
                         count_articles(args.baseline_dir)))  # fmt: skip
    runs.append((measure("DuckDB query layer", ROOT, args.build_dir, args.repeat), count_articles(args.build_dir)))
    for results, articles in runs:
        report(results, articles)
    if len(runs) == 2:
        (old, _), (new, _) = runs
        print(
            f"ratio query layer / whole-table loader: RSS {new['summary']['rss_mb'] / old['summary']['rss_mb']:.2f}, "
            f"speaker filter {new['summary']['filter_s'] / old['summary']['filter_s']:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
