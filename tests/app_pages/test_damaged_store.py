"""A damaged current version: the app serves the last good one with a notice, and sees
the repair without a restart (issue 12, item 4)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import settings
from dashboard.store import files
from dashboard.store.build import build
from dashboard.testing.app_test import app_test
from dashboard.testing.figures import shown_figures

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
FIRST = [settings.DEFAULT_ARTICLE]
ADDED = "01-trump-state-of-emergency-border-wall"

pytestmark = pytest.mark.model


def _copy(names: list[str], folder: Path) -> None:
    for name in names:
        for path in settings.ARTICLES_DIR.glob(f"{name}.*"):
            shutil.copy(path, folder / path.name)


def _texts(at: AppTest) -> str:
    return " ".join(str(e.value) for e in [*at.warning, *at.error, *at.info])


def test_the_app_serves_the_last_good_version_and_notices_the_repair(tmp_path: Path, monkeypatch) -> None:
    folder, store = tmp_path / "articles", tmp_path / "tables"
    folder.mkdir()
    _copy(FIRST, folder)
    first = build([folder], build_dir=store).version
    _copy([ADDED], folder)
    build([folder], build_dir=store)
    added = [p for p in files.table_parts(store, "articles") if ADDED in files.articles_in(p.path, {ADDED})]
    added[0].path.write_bytes(b"damaged")
    monkeypatch.setenv("DASHBOARD_BUILD_DIR", str(store))
    monkeypatch.setattr(settings, "BUILD_DIR", store)

    at = app_test(APP, timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "damaged" in _texts(at) and first in _texts(at)
    picker = at.selectbox(key="app_article")  # the page is drawn from the good version
    assert picker.value == settings.DEFAULT_ARTICLE and len(picker.options) == 1  # the added one is not
    assert set(shown_figures(at)) >= {"Statements"}

    repaired = build([folder], build_dir=store)
    assert ADDED in repaired.built
    at.run()  # the same running session, next rerun
    assert not at.exception, [e.value for e in at.exception]
    assert "damaged" not in _texts(at)
    assert len(at.selectbox(key="app_article").options) == 2
