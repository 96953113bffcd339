"""Above the fold first (dashboard.ui.below_fold) under AppTest, which runs no JavaScript: the
first run stops where the fold is and mounts the watcher; once the browser's signal is in the
session (or progressive pages are off) pages run whole. tests/browser/test_app_browser.py
tests the real signal in chromium."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.ui.below_fold import DRAWN_KEY, fallback_ms, progressive


def folded_page() -> None:
    import streamlit as st

    from dashboard.ui.below_fold import below_fold

    st.markdown("top of the page")
    if not below_fold():
        st.stop()
    st.markdown("below the fold")


def shown(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def watchers(at: AppTest) -> int:
    return sum(1 for e in at.main if getattr(e, "type", None) == "bidi_component")


def test_first_run_sends_the_top_and_the_watcher_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DASHBOARD_PROGRESSIVE", raising=False)
    at = AppTest.from_function(folded_page).run()
    assert not at.exception
    assert shown(at) == ["top of the page"]
    assert watchers(at) == 1


def test_once_a_chart_is_drawn_the_page_runs_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DASHBOARD_PROGRESSIVE", raising=False)
    at = AppTest.from_function(folded_page)
    at.session_state[DRAWN_KEY] = True  # what the watcher's callback sets when the browser has drawn
    at.run()
    assert shown(at) == ["top of the page", "below the fold"]
    assert watchers(at) == 0


def test_progressive_pages_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_PROGRESSIVE", "0")
    assert not progressive()
    at = AppTest.from_function(folded_page).run()
    assert shown(at) == ["top of the page", "below the fold"]
    assert watchers(at) == 0


@pytest.mark.parametrize(("value", "expected"), [(None, 6000), ("250", 250), ("-5", 0), ("soon", 6000)])
def test_fallback_wait(monkeypatch: pytest.MonkeyPatch, value: str | None, expected: int) -> None:
    if value is None:
        monkeypatch.delenv("DASHBOARD_FOLD_FALLBACK_MS", raising=False)
    else:
        monkeypatch.setenv("DASHBOARD_FOLD_FALLBACK_MS", value)
    assert fallback_ms() == expected
