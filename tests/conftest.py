"""Shared fixtures. The only conftest in the project."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from dashboard import settings
from dashboard.testing.browser import CHROMIUM, chromium_available, launch_chromium

ARTEFACTS = Path(__file__).resolve().parents[1] / "test-artefacts"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real pipeline (trained model + our components), loaded once per test session."""
    from dashboard.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def data_dir():
    return settings.DATA_DIR


def _cannot_run_browser_tests(reason: str) -> None:
    """CI installs chromium and Playwright: missing there is a failure; elsewhere the tests are skipped."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian chromium launched through Playwright once per session; each test opens its own context."""
    if not chromium_available():
        _cannot_run_browser_tests(f"Debian chromium is not installed ({CHROMIUM}; apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _cannot_run_browser_tests("Playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def artefacts() -> Path:
    """``test-artefacts/`` at the project root: where the browser tests put their screenshots."""
    return ARTEFACTS
