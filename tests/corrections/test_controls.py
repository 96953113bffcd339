"""The editors' controls in the app (Streamlit's AppTest): hidden from readers; an editor's
speaker change, added quote and actor rename show at once and are logged with their name."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import settings
from dashboard.corrections.database import CorrectionStore
from dashboard.store.files import read_tables
from dashboard.testing.app_test import app_test

pytestmark = pytest.mark.model

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
REFERENCE = settings.DEFAULT_ARTICLE
EDITOR = "Ed Itor"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dashboard.store.build import build

    base = tmp_path_factory.mktemp("controls")
    articles = base / "articles"
    articles.mkdir()
    for path in settings.ARTICLES_DIR.glob(f"{REFERENCE}.*"):
        shutil.copy(path, articles / path.name)
    build([articles], build_dir=base / "tables", corrections=[])
    return base


@pytest.fixture
def site(built: Path, tmp_path: Path) -> Iterator[str]:
    """A copy of the built site and an empty SQLite database; yields the database URL."""
    shutil.copytree(built, tmp_path / "site")
    url = f"sqlite:///{tmp_path / 'newsroom.sqlite'}"
    with pytest.MonkeyPatch.context() as patch:
        for name, folder in (
            ("BUILD_DIR", tmp_path / "site" / "tables"),
            ("ARTICLES_DIR", tmp_path / "site" / "articles"),
        ):
            patch.setenv(f"DASHBOARD_{name}", str(folder))
            patch.setattr(settings, name, folder)
        patch.setenv("DASHBOARD_DB_URL", url)
        patch.setenv("DASHBOARD_EDITOR", EDITOR)
        yield url


def run_app(page: str, query: dict[str, str]) -> AppTest:
    at = app_test(APP, timeout=120)
    at.run()
    at.switch_page(f"app_pages/{page}.py")
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def quotes_shown(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "speaker" in d.value.columns)


def keys(at: AppTest) -> set[str]:
    return {str(w.key) for kind in ("button", "selectbox", "text_input") for w in at.get(kind)}


def test_a_reader_gets_no_controls(site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_EDITING", "0")
    for page, query in (("quotes", {"article": REFERENCE, "quote": "q3"}), ("article", {"article": REFERENCE})):
        at = run_app(page, query)
        assert not at.exception
        assert not [k for k in keys(at) if k.startswith("corr_")], page
    assert "Corrections" not in [p.label for p in at.get("page_link")]


def test_an_editor_changes_a_speaker_and_it_shows_at_once(site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_EDITING", "1")
    at = run_app("quotes", {"article": REFERENCE, "quote": "q3"})
    assert quotes_shown(at).iloc[2]["speaker"] == "Joe Biden"
    at.selectbox(key=f"corr_{REFERENCE}_q3_speaker").set_value("Kremlin")
    at.text_input(key=f"corr_{REFERENCE}_q3_note").input("checked the transcript")
    at.button(key=f"corr_{REFERENCE}_q3_save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    row = quotes_shown(at).iloc[2]
    assert row["speaker"] == "Kremlin" and row["corrected"].startswith(f"corrected by {EDITOR} on ")
    [record] = CorrectionStore.open(site).records()
    assert (record.by, record.note, record.target, record.after) == (
        EDITOR, "checked the transcript", "q3", {"speaker": "Kremlin", "speaker_id": "kremlin"}
    )  # fmt: skip

    # The all-articles explorer (SQL over the stored parts) shows it at once too.
    every = quotes_shown(run_app("quotes", {"scope": "all"}))
    shown = every[every["quote"].str.contains("full range of issues")]
    assert shown["speaker"].tolist() == ["Kremlin"]


def test_an_editor_adds_a_missed_quote_from_the_article_page(site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_EDITING", "1")
    paragraphs = read_tables(settings.BUILD_DIR)["paragraphs"]
    paragraph = paragraphs[paragraphs["paragraph"] == 1].iloc[0]
    words = " ".join(str(paragraph["text"]).split()[:5])
    at = run_app("article", {"article": REFERENCE})
    key = f"corr_add_{REFERENCE}"
    at.selectbox(key=f"{key}_paragraph").set_value(1)
    at.text_input(key=f"{key}_words").input(words)
    at.selectbox(key=f"{key}_speaker").set_value("Joe Biden")
    at.button(key=f"{key}_go").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    at = run_app("quotes", {"article": REFERENCE})
    added = quotes_shown(at)
    added = added[added["quote"] == words]
    assert len(added) == 1 and added.iloc[0]["speaker"] == "Joe Biden"


def test_words_not_in_the_paragraph_are_refused(site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_EDITING", "1")
    at = run_app("article", {"article": REFERENCE})
    at.text_input(key=f"corr_add_{REFERENCE}_words").input("words that are nowhere")
    at.button(key=f"corr_add_{REFERENCE}_go").click().run()
    assert [e.value for e in at.error] == [
        "Those words are not in that paragraph, exactly once. Copy them from the text."
    ]
    assert CorrectionStore.open(site).records() == []


def test_an_editor_renames_an_actor_and_its_quotes_follow(site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_EDITING", "1")
    at = run_app("article", {"article": REFERENCE})
    key = f"corr_actor_{REFERENCE}"
    at.selectbox(key=f"{key}_which").set_value("joe-biden")
    at.text_input(key=f"{key}_name").input("President Joe Biden")
    at.button(key=f"{key}_rename").click().run()
    assert not at.exception and not at.error
    speakers = set(quotes_shown(run_app("quotes", {"article": REFERENCE}))["speaker"])
    assert "President Joe Biden" in speakers and "Joe Biden" not in speakers


def test_articles_added_by_editors_come_back_on_a_fresh_disk(site: str) -> None:
    """The database keeps them: a wiped corpus folder gets them back (and built) on start."""
    text = "Ferry strike ends\n\n“We are back at work,” said union leader Mia Kerr on Friday.\n"
    CorrectionStore.open(site).add_article(
        "ferry-strike-ends.txt",
        text.encode(),
        {"title": "Ferry strike ends"},
        by=EDITOR,
        at="2026-12-01T10:00:00+00:00",
    )
    assert not (settings.ARTICLES_DIR / "ferry-strike-ends.txt").exists()
    at = run_app("overview", {"article": "ferry-strike-ends"})
    assert not at.exception
    assert (settings.ARTICLES_DIR / "ferry-strike-ends.txt").read_text(encoding="utf-8") == text
    assert at.selectbox(key="app_article").value == "ferry-strike-ends"
