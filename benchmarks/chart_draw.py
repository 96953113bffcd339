"""Benchmark: how long plotly takes to draw each of our charts, and whether it draws it twice.

    python -m benchmarks.chart_draw --build-dir DIR [--width 600] [--repeat 3]

Builds the Overview's and the Actors page's charts for every article in ``--build-dir`` and
draws each one alone in Debian chromium (plotly.js from the installed ``plotly`` package, the
page ``--width`` px wide), twice per round:

  - as shipped: the left margin reserved for the longest y label (``charts.template.finish``)
    and a heatmap's right margin for its colour key;
  - the baseline, in the same process: the same figure with those margins taken away, so
    plotly's ``automargin`` has to find the room (draw, measure the labels, widen, draw again).

It prints, per kind of chart, the median draw time of both and their ratio, and how many
charts plotly still had to widen (a margin it used larger than the one asked for: one more
draw). Figures only, no assertions: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go

from dashboard.testing.browser import CHROMIUM, chromium_available, launch_chromium

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
DRAW = """async (spec) => {
    const gd = document.getElementById('chart');
    Plotly.purge(gd);
    const start = performance.now();
    await Plotly.newPlot(gd, spec.data, spec.layout, {responsive: true});
    const ms = performance.now() - start;
    const size = gd._fullLayout._size;
    return {ms: ms, used: {l: size.l, r: size.r, t: size.t, b: size.b}};
}"""
TEMPLATE_MARGIN = {"l": 8, "r": 8}  # charts.template: what a chart asks for when nothing is reserved


def charts(build_dir: Path) -> Iterator[tuple[str, str, go.Figure]]:
    """(article, kind, figure) for each article's Overview and Actors charts."""
    logging.disable(logging.WARNING)  # Streamlit's cached loaders warn outside a running app
    from dashboard import loaders, settings
    from dashboard.charts.bars import mentions_bar, quoted_most_bar, topic_share_bar
    from dashboard.charts.heatmaps import actor_paragraph_heatmap, actor_topic_heatmap
    from dashboard.charts.sources import mentioned_quoted_chart, mentioned_vs_quoted
    from dashboard.charts.story_arc import story_arc_chart

    settings.BUILD_DIR = build_dir
    kinds: dict[str, Callable[[Any], go.Figure]] = {
        "quoted most (bar)": lambda d: quoted_most_bar(d.quotes),
        "topic share (bar)": lambda d: topic_share_bar(d.topic_mentions),
        "mentioned vs quoted": lambda d: mentioned_quoted_chart(mentioned_vs_quoted(d.actors, d.mentions, d.quotes)),
        "story arc": lambda d: story_arc_chart(d.actors, d.mentions, d.topic_mentions, d.paragraphs),
        "mentions (bar)": lambda d: mentions_bar(d.actors, d.mentions),
        "actor x paragraph": lambda d: actor_paragraph_heatmap(d.actors, d.mentions, d.paragraphs),
        "actor x topic": lambda d: actor_topic_heatmap(d.actors, d.mentions, d.topic_mentions),
    }
    for article in loaders.load_articles()["article"]:
        data = loaders.load_article(str(article))
        if data is None:
            continue
        for kind, make in kinds.items():
            yield str(article), kind, make(data)


def widened(asked: dict[str, Any], used: dict[str, float]) -> bool:
    """Did plotly take more room than the figure asked for (and so draw it again)?"""
    return any(used[side] > float(asked.get(side) if asked.get(side) is not None else 0) + 0.5 for side in ("l", "r"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, required=True, help="built tables (python -m dashboard build)")
    parser.add_argument("--width", type=int, default=600, help="chart width in px (default 600; a phone: 335)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds over all charts (default 3)")
    args = parser.parse_args()
    if not chromium_available():
        print(f"no chromium at {CHROMIUM}: apt-get install chromium", file=sys.stderr)
        return 1
    figures = list(charts(args.build_dir))
    if not figures:
        print(f"no built articles in {args.build_dir}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    times: dict[tuple[str, str], list[float]] = {}
    pushed: dict[str, set[tuple[str, str]]] = {"shipped": set(), "baseline": set()}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": args.width + 40, "height": 900})
            page.set_content(f"<div id='chart' style='width:{args.width}px'></div>")
            page.add_script_tag(path=str(PLOTLY_JS))
            for _ in range(args.repeat):
                for article, kind, fig in figures:
                    shipped = json.loads(fig.to_json())
                    baseline = json.loads(fig.to_json())
                    margin = baseline["layout"].setdefault("margin", {})
                    margin.update(TEMPLATE_MARGIN)
                    for variant, spec in (("shipped", shipped), ("baseline", baseline)):
                        drawn = page.evaluate(DRAW, spec)
                        times.setdefault((variant, kind), []).append(float(drawn["ms"]))
                        asked = {**TEMPLATE_MARGIN, **spec["layout"].get("margin", {})}
                        if widened(asked, drawn["used"]):
                            pushed[variant].add((article, kind))
        finally:
            browser.close()
    kinds = list(dict.fromkeys(kind for _, kind, _ in figures))
    print(f"{len(figures)} charts from {args.build_dir}, {args.width} px wide, {args.repeat} round(s); median draw ms")
    print(f"  {'chart':22} {'baseline':>9} {'shipped':>8} {'ratio':>6}")
    for kind in kinds:
        before = statistics.median(times[("baseline", kind)])
        after = statistics.median(times[("shipped", kind)])
        print(f"  {kind:22} {before:9.1f} {after:8.1f} {after / before:6.2f}")
    for variant in ("baseline", "shipped"):
        print(f"{variant}: {len(pushed[variant])} of {len(figures)} charts widened by automargin (drawn twice)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
