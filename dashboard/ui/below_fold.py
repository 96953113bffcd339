"""Above the fold first: the rest of a page is sent once the reader's browser has drawn its first chart.

A new reader's browser downloads and compiles plotly's 4.7 MB script before any chart can be
drawn, and then draws every chart the page holds in one frame: the first chart waits for the
last one, and every element sent before plotly's script is requested competes with it for the
browser's connections. So a page sends its top (headline, figures, first chart) in the first
run; a tiny component in the page (Streamlit's custom components v2: no iframe, our JavaScript
inline) watches for the first drawn chart and then tells the server, whose second run sends the
whole page. From then on the session's runs send whole pages: plotly is loaded, nothing to wait for.

If no chart is drawn within ``DASHBOARD_FOLD_FALLBACK_MS`` (default 6 s: a page whose top has
none, a very slow machine) the component tells the server anyway, so the rest of a page never
waits longer than that. ``DASHBOARD_PROGRESSIVE=0`` turns it all off (whole pages in one run).
AppTest runs no JavaScript: a test stands for the browser by setting ``DRAWN_KEY`` in the
session state.
"""

from __future__ import annotations

import functools
import os
from typing import Any

import streamlit as st

DRAWN_KEY = "first_chart_drawn"  # session state: this reader's browser has drawn a chart
WATCH_KEY = f"{DRAWN_KEY}_watch"  # the component's key (its element's class: st-key-WATCH_KEY)
DRAWN = '[data-testid="stPlotlyChart"] .main-svg'

_JS = """
export default function (component) {
    const { data, setStateValue } = component;
    let done = false;
    const finish = () => {
        if (done) return;
        done = true;
        observer.disconnect();
        clearTimeout(timer);
        // after the frame that shows the chart, so the rest never delays its paint
        requestAnimationFrame(() => setTimeout(() => setStateValue("drawn", true), 0));
    };
    const observer = new MutationObserver(() => {
        if (document.querySelector(data.selector)) finish();
    });
    const timer = setTimeout(finish, data.fallback_ms);
    observer.observe(document.body, { childList: true, subtree: true });
    if (document.querySelector(data.selector)) finish();
    return () => { done = true; observer.disconnect(); clearTimeout(timer); };
}
"""


@functools.cache
def _watcher() -> Any:
    """The component, registered on first use (inside a script run, not at import)."""
    return st.components.v2.component("dashboard_below_fold", js=_JS)


def progressive() -> bool:
    """Whether pages send their top first (``DASHBOARD_PROGRESSIVE``, on unless set to 0/false/no/off)."""
    return os.environ.get("DASHBOARD_PROGRESSIVE", "1").strip().lower() not in {"0", "false", "no", "off"}


def fallback_ms() -> int:
    """How long the rest of a page waits at most for the first chart (``DASHBOARD_FOLD_FALLBACK_MS``)."""
    try:
        return max(0, int(os.environ.get("DASHBOARD_FOLD_FALLBACK_MS", "6000")))
    except ValueError:
        return 6000


def _drawn() -> None:
    st.session_state[DRAWN_KEY] = True


def below_fold() -> bool:
    """Whether this run may draw what lies below the fold: call it where the top of a page ends.

    False until this session's browser has drawn a chart (with progressive pages on); the
    component mounted meanwhile reruns the page when it has.
    """
    if not progressive() or st.session_state.get(DRAWN_KEY):
        return True
    result = _watcher()(
        key=WATCH_KEY,
        data={"selector": DRAWN, "fallback_ms": fallback_ms()},
        height=0,
        on_drawn_change=_drawn,
    )
    return bool(getattr(result, "drawn", False))
