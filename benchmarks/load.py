"""Benchmark: many readers at once — how long does a speaker-filter change take, what goes wrong?

    python -m benchmarks.load [--build-dir DIR] [--sessions 1 5 10] [--changes 5] [--analyse-kb 950]

Against a real ``streamlit run dashboard/app.py`` (headless, free port) on a copy of prebuilt
tables (``--build-dir``, or tables built from data/articles), with readers simulated by
``dashboard.testing.streamlit_client``: each is a websocket session speaking Streamlit's
protocol, as a browser tab does, without drawing (so the client costs the shared CPU little
and the times are the server's). Each reader opens the Quotes page of one article, then changes
the speaker filter ``--changes`` times (a pause of 0.2–0.6 s between changes, as a person
would); all readers start their changes together.

Reported per number of concurrent sessions (1, 5, 10):
  - median and p95 seconds from sending a change to the table that shows only the chosen
    speaker ("table"), and to the end of the script run ("run");
  - errors: exceptions in the page, runs that did not finish, changes not applied (table rows of
    another speaker), and download-button media URLs that answer 404 when fetched as the
    frontend does on drawing the button ("Download Button source error - 404");
  - server memory (RSS of the server and its children) before and after, and its growth.
Then the same with one more session pasting a ~1 MB article on the Analyse page and pressing
Analyse while the others filter: their median/p95, and how long the analysis run took.

Goals (issue 12, 2-core machine): p95 at 10 sessions <= 2 s, 0 errors, RSS growth <= 50 MB;
readers' p95 <= 2 s while a 1 MB article is analysed. Figures only, no assertions: the machine
is shared and noisy; ratios are against the 1-session run of the same process.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.app_timing import pick_article, rss_mb
from dashboard.testing.server import running_app
from dashboard.testing.streamlit_client import AppSession, Run, widget

STARTUP_TIMEOUT_S = 120.0
GOAL_P95_S = 2.0
GOAL_RSS_GROWTH_MB = 50.0
PAUSE_S = (0.2, 0.6)
ANALYSE_TIMEOUT_S = 900.0
ANALYSE_HEAD_START_S = 2.0  # let the analysis get going before the readers start filtering


@dataclass
class Figures:
    """What the readers of one scenario saw."""

    sessions: int
    table_s: list[float] = field(default_factory=list)
    run_s: list[float] = field(default_factory=list)
    open_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rss_before_mb: float = 0.0
    rss_after_mb: float = 0.0
    analyse: dict[str, Any] = field(default_factory=dict)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100), linear between the nearest ranks; nan when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def speaker_column(run: Run) -> list[str] | None:
    """The ``speaker`` column of the quotes table drawn in ``run`` (None if no such table)."""
    import pyarrow as pa

    for element in run.elements:
        if element.kind != "dataframe":
            continue
        table = pa.ipc.open_stream(element.proto.arrow_data.data).read_all()
        if "speaker" in table.column_names:
            return [str(v) for v in table.column("speaker").to_pylist()]
    return None


def speaker_filter(run: Run) -> Any:
    """The speaker multiselect of the Quotes page (by label or key; else the first multiselect)."""
    boxes = [e.proto for e in run.elements if e.kind == "multiselect"]
    named = [b for b in boxes if "speaker" in b.label.lower() or "speaker" in b.id.lower()]
    return (named or boxes or [None])[0]


def table_seconds(run: Run) -> float | None:
    """Seconds from sending the change to the quotes table arriving."""
    for element in run.elements:
        if element.kind == "dataframe":
            return element.received - run.started
    return None


def reader(
    url: str, article: str, changes: int, start: threading.Barrier, figures: Figures, lock: threading.Lock,
    downloads: ThreadPoolExecutor, seed: int,
) -> None:  # fmt: skip
    """One reader: open /quotes?article=…, wait for the others, change the speaker ``changes`` times."""
    rng = random.Random(seed)
    errors: list[str] = []
    table: list[float] = []
    runs: list[float] = []
    opened = 0.0
    try:
        with AppSession(url, page="quotes", query=f"article={article}", downloads=downloads) as session:
            run = session.rerun()
            opened = run.seconds
            start.wait()
            for change in range(changes):
                speaker = speaker_filter(run)
                if speaker is None or len(speaker.options) < 2:
                    errors.append("no speaker filter with two or more speakers on the page")
                    break
                time.sleep(rng.uniform(*PAUSE_S))
                option = speaker.options[(change + seed) % len(speaker.options)]
                run = session.rerun([widget(speaker, string_array_value=[option])])
                shown = set(speaker_column(run) or [])
                if run.errors:
                    continue
                if len(shown) != 1 or not option.startswith(next(iter(shown))):
                    errors.append(f"change not applied: asked for {option!r}, the table shows {sorted(shown)}")
                    continue
                table.append(table_seconds(run) or run.seconds)
                runs.append(run.seconds)
            errors.extend(session.errors)
            errors.extend(session.download_errors())
    except Exception as error:  # a reader that breaks is an error to report, not a crash of the benchmark
        errors.append(f"{type(error).__name__}: {error}")
        if start.n_waiting and not start.broken:
            start.abort()
    with lock:
        figures.table_s.extend(table)
        figures.run_s.extend(runs)
        figures.open_s.append(opened)
        figures.errors.extend(errors)


def long_article(target_bytes: int) -> str:
    """A ~``target_bytes`` article built by repeating the body paragraphs of data/articles."""
    from dashboard import settings

    paragraphs: list[str] = []
    for path in sorted(settings.ARTICLES_DIR.glob("*.txt")):
        blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        paragraphs.extend(blocks[1:])
    if not paragraphs:
        raise RuntimeError(f"no article text in {settings.ARTICLES_DIR}")
    parts = ["Load test: a very long article made of many short reports"]
    size = len(parts[0].encode("utf-8"))
    index = 0
    while size < target_bytes:
        block = paragraphs[index % len(paragraphs)]
        size += len(block.encode("utf-8")) + 2
        parts.append(block)
        index += 1
    return "\n\n".join(parts[:-1]) + "\n"


def analyser(url: str, text: str, result: dict[str, Any], started: threading.Event) -> None:
    """One reader on the Analyse page: paste ``text`` and press Analyse; record how it went."""
    try:
        with AppSession(url, page="analyse") as session:
            page = session.rerun()
            area = next((e.proto for e in page.elements if e.kind == "text_area"), None)
            button = next((e.proto for e in page.elements if e.kind == "button" and "Analyse" in e.proto.label), None)
            if area is None or button is None:
                result["errors"] = ["the Analyse page has no text area or no Analyse button"]
                return
            started.set()
            run = session.rerun(
                [widget(area, string_value=text), widget(button, trigger_value=True)], timeout=ANALYSE_TIMEOUT_S
            )
            runs = [run]
            # A page that runs the analysis elsewhere polls with st.fragment(run_every=…): poll as a tab does.
            while session.auto_reruns and time.perf_counter() - run.started < ANALYSE_TIMEOUT_S:
                fragment, interval = next(iter(session.auto_reruns.items()))
                time.sleep(interval)
                runs.append(session.rerun(fragment=fragment, timeout=ANALYSE_TIMEOUT_S))
            result["seconds"] = time.perf_counter() - run.started
            result["status"] = runs[-1].status
            result["polls"] = len(runs) - 1
            result["errors"] = session.errors
            result["notes"] = [  # errors, warnings, successes the page showed at the end
                str(e.proto.body)[:160] for e in runs[-1].elements if e.kind == "alert"
            ]
    except Exception as error:
        result["errors"] = [f"{type(error).__name__}: {error}"]
    finally:
        started.set()


def scenario(
    url: str, pid: int, article: str, sessions: int, changes: int, *, analyse_text: str | None = None
) -> Figures:
    """``sessions`` readers filtering at once (plus one analysing ``analyse_text`` if given)."""
    figures = Figures(sessions=sessions)
    figures.rss_before_mb = rss_mb(pid)
    lock = threading.Lock()
    barrier = threading.Barrier(sessions)
    with ThreadPoolExecutor(max_workers=8) as downloads:
        threads = [
            threading.Thread(target=reader, args=(url, article, changes, barrier, figures, lock, downloads, i))
            for i in range(sessions)
        ]
        analysis: threading.Thread | None = None
        if analyse_text is not None:
            begun = threading.Event()
            analysis = threading.Thread(target=analyser, args=(url, analyse_text, figures.analyse, begun))
            analysis.start()
            begun.wait(timeout=120)
            time.sleep(ANALYSE_HEAD_START_S)
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if analysis is not None:
            figures.analyse["readers_done_while_running"] = analysis.is_alive()
            analysis.join()
    time.sleep(1.0)  # let the last runs end and free their frames
    figures.rss_after_mb = rss_mb(pid)
    return figures


def describe(figures: Figures, baseline: Figures | None) -> str:
    table_p95 = percentile(figures.table_s, 95)
    ratio = ""
    if baseline is not None and baseline.table_s and figures.table_s:
        ratio = f"  ({table_p95 / percentile(baseline.table_s, 95):.1f}x the 1-session p95)"
    return (
        f"  {figures.sessions:>2} session(s), {len(figures.table_s):>3} changes: "
        f"table median {statistics.median(figures.table_s) if figures.table_s else float('nan'):5.2f} s "
        f"p95 {table_p95:5.2f} s max {max(figures.table_s, default=float('nan')):5.2f} s | "
        f"run median {statistics.median(figures.run_s) if figures.run_s else float('nan'):5.2f} s "
        f"p95 {percentile(figures.run_s, 95):5.2f} s | open median "
        f"{statistics.median(figures.open_s) if figures.open_s else float('nan'):5.2f} s | "
        f"errors {len(figures.errors)} | RSS {figures.rss_before_mb:.0f} -> {figures.rss_after_mb:.0f} MB{ratio}"
    )


def summarise_errors(errors: list[str], limit: int = 8) -> list[str]:
    counts: dict[str, int] = {}
    for error in errors:
        counts[error[:160]] = counts.get(error[:160], 0) + 1
    return [f"      {n} x {text}" for text, n in sorted(counts.items(), key=lambda kv: -kv[1])[:limit]]


def measure(build_dir: Path, *, sessions: list[int], changes: int, analyse_kb: int, article: str | None) -> None:
    article, _, _ = pick_article(build_dir, article)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        tables = work / "tables"
        shutil.copytree(build_dir, tables)  # the analysis writes to the store: never the caller's copy
        env = {"DASHBOARD_INBOX_DIR": str(work / "inbox"), "DASHBOARD_ARTICLES_DIR": str(work / "articles")}
        (work / "articles").mkdir()
        log_path = work / "streamlit.log"
        results: list[Figures] = []
        try:
            with running_app(build_dir=tables, env=env, log_path=log_path, startup_timeout=STARTUP_TIMEOUT_S) as app:
                print(f"load: server {app.url}, article {article!r}, {changes} speaker changes per session", flush=True)
                started_mb = rss_mb(app.pid)
                warm = scenario(app.url, app.pid, article, 1, 2)  # first run of every cache; not reported
                print(f"  warm-up: {len(warm.table_s)} changes, errors {len(warm.errors)}", flush=True)
                baseline_mb = rss_mb(app.pid)
                for count in sessions:
                    results.append(scenario(app.url, app.pid, article, count, changes))
                    print(describe(results[-1], results[0]), flush=True)
                    print(*summarise_errors(results[-1].errors), sep="\n") if results[-1].errors else None
                filters_mb = rss_mb(app.pid)
                loaded: Figures | None = None
                if analyse_kb:
                    text = long_article(analyse_kb * 1000)
                    readers = max(max(sessions) - 1, 1)
                    print(f"  + one session analysing a {len(text.encode()) / 1e6:.2f} MB article, "
                          f"{readers} filtering:", flush=True)  # fmt: skip
                    loaded = scenario(app.url, app.pid, article, readers, changes, analyse_text=text)
                    loaded.analyse["megabytes"] = len(text.encode()) / 1e6
                    print(describe(loaded, results[0]), flush=True)
                    print(*summarise_errors(loaded.errors), sep="\n") if loaded.errors else None
                    print(f"    analysis: {loaded.analyse}", flush=True)
                final_mb = rss_mb(app.pid)
        except Exception:
            print("streamlit log (last lines):", *log_path.read_text(errors="replace").splitlines()[-30:], sep="\n")
            raise
        log_errors = [line for line in log_path.read_text(errors="replace").splitlines() if "Traceback" in line]
    _report(results, loaded, started_mb, baseline_mb, filters_mb, final_mb, log_errors)


def _report(
    results: list[Figures], loaded: Figures | None, started_mb: float, baseline_mb: float, filters_mb: float,
    final_mb: float, log_errors: list[str],
) -> None:  # fmt: skip
    print("results:")
    for figures in results:
        print(describe(figures, results[0]))
    top = results[-1]
    p95 = percentile(top.table_s, 95)
    growth = filters_mb - baseline_mb
    verdict = "ok" if p95 <= GOAL_P95_S and not top.errors else "MISSED"
    print(f"  {top.sessions} sessions: p95 {p95:.2f} s (goal <= {GOAL_P95_S:g} s), errors {len(top.errors)} "
          f"(goal 0): {verdict}")  # fmt: skip
    verdict = "ok" if growth <= GOAL_RSS_GROWTH_MB else "MISSED"
    print(f"  server RSS: {started_mb:.0f} MB at start, {baseline_mb:.0f} MB after warm-up, {filters_mb:.0f} MB after "
          f"the filter runs: growth {growth:+.0f} MB (goal <= {GOAL_RSS_GROWTH_MB:g} MB): {verdict}")  # fmt: skip
    if loaded is not None:
        p95 = percentile(loaded.table_s, 95)
        verdict = "ok" if p95 <= GOAL_P95_S and not loaded.errors else "MISSED"
        seconds = loaded.analyse.get("seconds")
        took = f"{seconds:.1f} s" if isinstance(seconds, float) else "did not finish"
        during = "all during the analysis" if loaded.analyse.get("readers_done_while_running") else "some after it"
        print(f"  while a {loaded.analyse.get('megabytes', 0):.2f} MB article is analysed ({took}, "
              f"{loaded.analyse.get('status')}): readers' p95 {p95:.2f} s (goal <= {GOAL_P95_S:g} s), "
              f"errors {len(loaded.errors)} ({during}): {verdict}")  # fmt: skip
        print(f"  server RSS after the analysis: {final_mb:.0f} MB ({final_mb - filters_mb:+.0f} MB)")
    print(f"  tracebacks in the server log: {len(log_errors)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, default=None, help="prebuilt tables (copied; default: build now)")
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 10], help="concurrent sessions")
    parser.add_argument("--changes", type=int, default=5, help="speaker changes per session (default 5)")
    parser.add_argument("--analyse-kb", type=int, default=950, help="size of the analysed article; 0 = skip")
    parser.add_argument("--article", default=None, help="article id to open (default: the reference article)")
    args = parser.parse_args()
    options = {"sessions": args.sessions, "changes": args.changes, "analyse_kb": args.analyse_kb}
    if args.build_dir is not None:
        measure(args.build_dir, article=args.article, **options)
        return 0
    from dashboard import settings
    from dashboard.store.build import build

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        summary = build([settings.ARTICLES_DIR], build_dir=Path(tmp))
        print(f"built the tables in {time.perf_counter() - started:.1f} s: {summary.describe()}", flush=True)
        measure(Path(tmp), article=args.article, **options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
