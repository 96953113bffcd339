"""The app under Streamlit's AppTest as a reader's browser sees it once its first chart is drawn."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.ui.below_fold import DRAWN_KEY


def app_test(path: str | Path, *, timeout: float = 60) -> AppTest:
    """``AppTest.from_file`` with the below-the-fold signal already given.

    AppTest runs no JavaScript, so the component that tells the server a chart is drawn
    (dashboard.ui.below_fold) never answers there; set as the browser sets it, pages run whole.
    tests/ui/test_below_fold.py tests the first run without it; the browser tests the real signal.
    """
    at = AppTest.from_file(str(path), default_timeout=timeout)
    at.session_state[DRAWN_KEY] = True
    return at
