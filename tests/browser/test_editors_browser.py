"""Readers and editors in Debian chromium against a real server (issue: the editors' desk).

- A reader (no editing configured) sees no correction controls, no "Add to corpus" and no
  Corrections page; a text analysed in one browser context is never seen in another, nor
  written to the tables, the corpus folder or the database.
- An editor (editing turned on for the test) corrects the speaker of a reference-article
  quote: it shows at once, survives ``python -m dashboard build --force``, is listed on the
  Corrections page with who and when, and undo restores it — on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dashboard import settings
from dashboard.store.files import read_tables
from dashboard.testing.browser import (
    WAIT_MS,
    choose_in_selectbox,
    keyed,
    open_page,
    screenshot,
    wait_for_app,
    wait_for_column,
)
from dashboard.testing.server import running_app

pytestmark = pytest.mark.browser

REFERENCE = settings.DEFAULT_ARTICLE
QUOTE_ID, WORDS = "q3", "full range of issues"  # Joe Biden's, in the reference article
EDITOR = "Alice Editor"
# glide columns: 0 = row selector, 1 = speaker, then "Corrected" when a row in view is corrected
SPEAKER_COLUMN, CORRECTED_COLUMN = 1, 2
SECRET = "Zorblax Quentari"  # a name that exists only in the reader's pasted text
PASTED = f'Harbour talks stall\n\n"We will not sign this," said union leader {SECRET} on Tuesday.\n'


def _site(base: Path, db_url: str) -> dict[str, Path | str]:
    """The reference article in its own corpus folder, built with the given database."""
    articles = base / "articles"
    articles.mkdir()
    for path in settings.ARTICLES_DIR.glob(f"{REFERENCE}.*"):
        shutil.copy(path, articles / path.name)
    tables = base / "build" / "tables"
    env = {"DASHBOARD_DB_URL": db_url, "DASHBOARD_ARTICLES_DIR": str(articles)}
    _build(tables, articles, env)
    return {"articles": articles, "tables": tables, **env}


def _build(tables: Path, articles: Path, env: dict[str, str], *extra: str) -> None:
    command = [sys.executable, "-m", "dashboard", "build", str(articles), "--out", str(tables), *extra]
    subprocess.run(command, env={**os.environ, **env}, check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def reader_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    base = tmp_path_factory.mktemp("reader_site")
    site = _site(base, f"sqlite:///{base / 'newsroom.sqlite'}")
    env = {k: str(v) for k, v in site.items() if k.startswith("DASHBOARD_")}
    env["DASHBOARD_EDITING"] = ""
    with running_app(build_dir=Path(site["tables"]), env=env, log_path=base / "streamlit.log") as app:
        yield app.url, base


def test_a_reader_sees_no_correction_controls_and_no_corrections_page(
    chromium: Any, reader_site: tuple[str, Path], artefacts: Path
) -> None:
    url, _ = reader_site
    context, page = open_page(chromium, f"{url}/quotes?article={REFERENCE}&quote={QUOTE_ID}")
    try:
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=WAIT_MS)
        wait_for_app(page)
        assert page.locator(keyed(f"corr_{REFERENCE}_{QUOTE_ID}_save")).count() == 0
        assert page.get_by_text("Save correction").count() == 0
        assert page.get_by_text("Corrections", exact=True).count() == 0  # not in the navigation
        page.goto(f"{url}/article?article={REFERENCE}")
        page.wait_for_selector("mark", timeout=WAIT_MS)
        wait_for_app(page)
        assert page.get_by_text("Add a quote the extractor missed").count() == 0
        screenshot(page, artefacts / "reader-article.png")
    finally:
        context.close()


def test_text_analysed_by_one_reader_stays_in_that_browser(
    chromium: Any, reader_site: tuple[str, Path], artefacts: Path
) -> None:
    url, base = reader_site
    before = read_tables(base / "build" / "tables")
    first, page = open_page(chromium, f"{url}/analyse")
    try:
        page.wait_for_selector(f"{keyed('analyse_text')} textarea", timeout=WAIT_MS)
        wait_for_app(page)
        page.locator(f"{keyed('analyse_text')} textarea").fill(PASTED)
        page.locator(f"{keyed('analyse_text')} textarea").press("Control+Enter")
        wait_for_app(page)
        page.locator(keyed("analyse_go")).get_by_role("button").click()
        page.wait_for_function("() => window.location.search.includes('article=harbour-talks-stall')", timeout=WAIT_MS)
        page.wait_for_selector(".st-key-headline_figures", timeout=WAIT_MS)
        wait_for_app(page)
        # The reader moves through the pages of this session: the text is there.
        page.get_by_role("link", name="Quotes").click()
        wait_for_column(page, SPEAKER_COLUMN, SECRET)
        page.get_by_role("link", name="Analyse").click()
        page.get_by_text("Harbour talks stall").first.wait_for(timeout=WAIT_MS)
        assert page.get_by_role("button", name="Add to corpus").count() == 0  # readers cannot
        screenshot(page, artefacts / "reader-analysed.png")
    finally:
        first.close()

    second, page = open_page(chromium, f"{url}/quotes?article=harbour-talks-stall")
    try:  # another browser opening the first reader's link is told there is no such article
        page.get_by_text("There is no article “harbour-talks-stall” in the tables").wait_for(timeout=WAIT_MS)
        wait_for_app(page)
        assert page.get_by_text(SECRET).count() == 0
        page.get_by_role("link", name="Analyse").click()
        page.get_by_text("Nothing analysed yet.").wait_for(timeout=WAIT_MS)
        assert page.get_by_text("Harbour talks stall").count() == 0
    finally:
        second.close()

    after = read_tables(base / "build" / "tables")
    for table, frame in before.items():
        pd.testing.assert_frame_equal(after[table], frame)
    for path in base.rglob("*"):
        if path.is_file() and path.suffix != ".log":
            assert SECRET.encode() not in path.read_bytes(), path.relative_to(base)


@pytest.fixture
def editor_site(tmp_path: Path, database_url: str) -> Iterator[dict[str, Any]]:
    """An editor's copy (editing on) on SQLite, then on the session's PostgreSQL server."""
    site = _site(tmp_path, database_url)
    env = {k: str(v) for k, v in site.items() if k.startswith("DASHBOARD_")}
    env |= {"DASHBOARD_EDITING": "1", "DASHBOARD_EDITOR": EDITOR}
    with running_app(build_dir=Path(site["tables"]), env=env, log_path=tmp_path / "streamlit.log") as app:
        yield {"url": app.url, **site}


def _quotes_view(site: dict[str, Any]) -> str:
    return f"{site['url']}/quotes?article={REFERENCE}&q={WORDS.replace(' ', '+')}&quote={QUOTE_ID}"


def test_an_editor_corrects_a_speaker_and_undoes_it(
    chromium: Any, editor_site: dict[str, Any], artefacts: Path
) -> None:
    site = editor_site
    today = dt.datetime.now(dt.UTC).date().isoformat()
    context, page = open_page(chromium, _quotes_view(site))
    try:
        wait_for_column(page, SPEAKER_COLUMN, "Joe Biden")
        page.wait_for_selector(keyed(f"corr_{REFERENCE}_{QUOTE_ID}_speaker"), timeout=WAIT_MS)
        wait_for_app(page)
        choose_in_selectbox(page, f"corr_{REFERENCE}_{QUOTE_ID}_speaker", "Kremlin")
        wait_for_app(page)
        page.locator(keyed(f"corr_{REFERENCE}_{QUOTE_ID}_save")).get_by_role("button").click()
        wait_for_column(page, SPEAKER_COLUMN, "Kremlin")  # at once
        wait_for_column(page, CORRECTED_COLUMN, f"corrected by {EDITOR} on {today}")
        screenshot(page, artefacts / "editor-corrected.png")

        _build(site["tables"], site["articles"], {"DASHBOARD_DB_URL": site["DASHBOARD_DB_URL"]}, "--force")
        built = read_tables(site["tables"])["quotes"].set_index("quote_id")
        assert built.loc[QUOTE_ID, "speaker"] == "Kremlin"  # in the tables on disk too
        page.goto(_quotes_view(site))
        wait_for_column(page, SPEAKER_COLUMN, "Kremlin")  # survives the rebuild

        page.get_by_role("link", name="Corrections").click()
        page.get_by_text("1 of 1 corrections").wait_for(timeout=WAIT_MS)
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=WAIT_MS)
        # The log has no row selector: 0 = #, 1 = when, 2 = editor, … 7 = status.
        wait_for_column(page, 2, EDITOR)  # who
        cells = page.eval_on_selector_all('[data-testid^="glide-cell-1-"]', "els => els.map(e => e.textContent)")
        assert cells and all(str(c).startswith(today) for c in cells), cells  # when
        wait_for_column(page, 7, "applied")
        screenshot(page, artefacts / "editor-corrections-log.png")

        choose_in_selectbox(page, "corrections_undo_choice", "#1")
        wait_for_app(page)
        page.locator(keyed("corrections_undo")).get_by_role("button").click()
        page.get_by_text("2 of 2 corrections").wait_for(timeout=WAIT_MS)  # the undo is a new record
        page.goto(_quotes_view(site))
        wait_for_column(page, SPEAKER_COLUMN, "Joe Biden")  # undo restores the original
        wait_for_column(page, CORRECTED_COLUMN, WORDS, substring=True)  # the statement: no mark column
    finally:
        context.close()
