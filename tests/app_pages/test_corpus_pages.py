"""Corpus views, the quote explorer over all articles, and analysing new text — under AppTest.

A store is built once from data/articles in a tmp dir; the analyse tests work on a copy of
it with their own inbox and corpus folders, so data/ and build/ are never touched.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import settings
from dashboard.charts.corpus_counts import corpus_quotes
from dashboard.store.files import read_tables
from dashboard.testing.app_test import app_test
from dashboard.testing.figures import shown_figures

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
NEW_STORY = """Harbour bridge opens two years late

The mayor of Porthaven, Jane Smith, opened the new harbour bridge on Monday.

"This is a great day for the city," Smith said at the ceremony.

Critics were unimpressed. "It is late and it is over budget," said councillor Tom Brown.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dashboard.store.build import build

    folder = tmp_path_factory.mktemp("corpus_tables")
    summary = build([settings.ARTICLES_DIR], build_dir=folder)
    assert len(summary.built) >= 3 and not summary.failures
    return folder


@pytest.fixture(scope="module")
def store(built: Path) -> Iterator[Path]:
    """The app reads the module's store (read-only tests)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_BUILD_DIR", str(built))
        patch.setattr(settings, "BUILD_DIR", built)
        yield built


@pytest.fixture()
def writable(built: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the store, a copy of the corpus folder and an empty inbox, all in tmp."""
    tables = tmp_path / "tables"
    shutil.copytree(built, tables)
    articles = tmp_path / "articles"
    shutil.copytree(settings.ARTICLES_DIR, articles)
    inbox = tmp_path / "inbox"
    with pytest.MonkeyPatch.context() as patch:
        for name, folder in (("BUILD_DIR", tables), ("ARTICLES_DIR", articles), ("INBOX_DIR", inbox)):
            patch.setenv(f"DASHBOARD_{name}", str(folder))
            patch.setattr(settings, name, folder)
        yield tables


@pytest.fixture(scope="module")
def corpus(built: Path) -> pd.DataFrame:
    tables = read_tables(built)
    return corpus_quotes(tables["quotes"], tables["actors"], tables["articles"])


@pytest.fixture(scope="module")
def linked_speaker(corpus: pd.DataFrame) -> tuple[str, str, set[str]]:
    """(key, display name, articles) of the most quoted speaker quoted in two or more articles."""
    named = corpus[corpus["speaker_key"] != ""]
    spread = named.groupby("speaker_key")["article"].agg(["nunique", "size"])
    spread = spread[spread["nunique"] >= 2].sort_values("size", ascending=False)
    assert len(spread), "the corpus should have a speaker quoted in two articles (Donald Trump)"
    key = str(spread.index[0])
    theirs = named[named["speaker_key"] == key]
    return key, str(theirs["speaker_name"].iloc[0]), set(theirs["article"])


def run_app(query: dict[str, str | list[str]] | None = None, page: str | None = None) -> AppTest:
    at = app_test(APP, timeout=120)
    if page and page != "overview":
        at.run()
        at.switch_page(f"app_pages/{page}.py")
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def notes(at: AppTest) -> list[str]:
    # What the reader sees: the Markdown source without the escaping backslashes.
    return [n.value.replace("\\", "") for n in [*at.info, *at.warning]]


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    frames = [d.value for d in at.dataframe if column in d.value.columns]
    assert frames, f"no table with a {column!r} column"
    return frames[0]


@pytest.mark.parametrize("page", ["corpus", "analyse"])
def test_new_pages_run_without_notes(store: Path, page: str) -> None:
    at = run_app({}, page)
    no_exception(at)
    assert not notes(at), notes(at)


def test_corpus_page_draws_four_charts_with_summaries(store: Path, linked_speaker) -> None:
    key, name, articles = linked_speaker
    at = run_app({}, "corpus")
    no_exception(at)
    charts = at.get("plotly_chart")
    assert [c.key for c in charts] == ["corpus_quoted", "corpus_actor_timeline", "corpus_sources_mentioned_quoted",
                                       "corpus_topics"]  # fmt: skip
    first = charts[0].proto.spec
    assert name in first and "Wikinews, CC BY 2.5" in first  # the finding and the credit
    assert any(f"{name} " in c.value and "across the corpus" in c.value for c in at.caption)


def test_corpus_figures_count_statements_not_fragments(store: Path, corpus: pd.DataFrame) -> None:
    at = run_app({}, "corpus")
    metrics = shown_figures(at)
    statements = corpus.drop_duplicates(["article", "statement"])
    assert len(statements) < len(corpus)  # the shipped articles have split quotes
    assert metrics["Statements"] == f"{len(statements):,}"
    named = statements[statements["speaker_key"] != ""]
    top = named["speaker_key"].value_counts()
    leader = corpus.loc[corpus["speaker_key"] == top.index[0], "speaker_name"].iloc[0]
    assert any(f"{leader} {top.iloc[0]} statements in" in c.value for c in at.caption)


def test_an_actor_from_the_link_shows_its_articles_by_date(store: Path, corpus: pd.DataFrame, linked_speaker) -> None:
    key, name, articles = linked_speaker
    at = run_app({"actor": key}, "corpus")
    no_exception(at)
    assert at.selectbox(key="corpus_actor").value == key
    timeline = table_with(at, "mentions")
    assert articles <= set(timeline["article"])
    dates = list(timeline["date"])
    dated = [d for d in dates if d != "undated"]
    assert dated == sorted(dated) and dates == dated + ["undated"] * (len(dates) - len(dated))
    assert at.query_params["actor"] == key


def test_all_articles_scope_shows_rows_from_several_articles(store: Path, corpus: pd.DataFrame) -> None:
    at = run_app({"scope": "all"}, "quotes")
    no_exception(at)
    rows = table_with(at, "article")
    assert len(rows) == corpus.groupby(["article", "statement"]).ngroups < len(corpus)  # one row per statement
    assert rows["article"].nunique() >= 3
    assert at.query_params["scope"] == "all"


@pytest.mark.parametrize("by", ["key", "display name"])
def test_speaker_filter_by_key_shows_rows_from_two_articles(store: Path, linked_speaker, by: str) -> None:
    key, name, articles = linked_speaker
    at = run_app({"scope": "all", "speaker": key if by == "key" else name}, "quotes")
    no_exception(at)
    assert not notes(at), notes(at)
    assert at.multiselect(key="quotes_all_speaker").value == [key]
    rows = table_with(at, "article")
    assert set(rows["article"]) == articles and len(articles) >= 2
    assert set(rows["speaker"]) == {name}
    assert at.query_params["speaker"] == key


def test_picking_a_speaker_in_all_articles_filters_and_goes_into_the_url(store: Path, linked_speaker) -> None:
    key, name, articles = linked_speaker
    at = run_app({"scope": "all"}, "quotes")
    at.multiselect(key="quotes_all_speaker").set_value([key]).run()
    no_exception(at)
    assert set(table_with(at, "article")["article"]) == articles
    assert at.query_params["speaker"] == key and at.query_params["scope"] == "all"


def test_article_filter_in_all_articles(store: Path, linked_speaker) -> None:
    key, name, articles = linked_speaker
    one = sorted(articles)[0]
    at = run_app({"scope": "all", "speaker": key, "articles": one}, "quotes")
    no_exception(at)
    assert set(table_with(at, "article")["article"]) == {one}


def test_switching_scope_keeps_the_link_in_step(store: Path) -> None:
    at = run_app({}, "quotes")
    at.radio(key="quotes_scope").set_value("all").run()
    no_exception(at)
    assert at.query_params["scope"] == "all"
    assert table_with(at, "article")["article"].nunique() >= 3
    at.radio(key="quotes_scope").set_value("article").run()
    no_exception(at)
    assert "scope" not in at.query_params
    assert "article" not in table_with(at, "quote").columns


def test_sources_panel_per_outlet(store: Path) -> None:
    at = run_app({"outlet": "Wikinews"}, "corpus")
    no_exception(at)
    assert at.selectbox(key="corpus_outlet").value == "Wikinews"
    assert at.query_params["outlet"] == "Wikinews"
    assert any(c.value.replace("\\", "").startswith("Mentioned but never quoted:") for c in at.caption)
    assert any(m.value.startswith("**Gender of quoted people:**") for m in at.markdown)


@pytest.mark.parametrize(
    ("query", "page", "mentioned"),
    [
        ({"scope": "everything"}, "quotes", "everything"),
        ({"scope": "all", "speaker": "nobody-atall"}, "quotes", "nobody-atall"),
        ({"scope": "all", "articles": "no-such-article"}, "quotes", "no-such-article"),
        ({"scope": "all", "kind": "bogus"}, "quotes", "bogus"),
        ({"actor": "nobody-atall"}, "corpus", "nobody-atall"),
        ({"outlet": "No Such Paper"}, "corpus", "No Such Paper"),
    ],
)
def test_invalid_link_values_give_a_note_not_an_error(store: Path, query, page: str, mentioned: str) -> None:
    at = run_app(query, page)
    no_exception(at)
    assert any(mentioned in note for note in notes(at)), notes(at)
    assert at.dataframe, "the page still shows its table"


def test_pasted_text_is_analysed_for_this_session_only(writable: Path) -> None:
    before = read_tables(writable)
    corpus_files = sorted(p.name for p in settings.ARTICLES_DIR.iterdir())
    at = run_app({}, "analyse")
    at.text_area(key="analyse_text").input(NEW_STORY)
    at.button(key="analyse_go").click().run()
    no_exception(at)
    assert not at.error, [e.value for e in at.error]

    # Opened on Overview for this reader …
    article = at.query_params["article"]
    assert article == "harbour-bridge-opens-two-years-late"
    assert at.selectbox(key="app_article").value == article
    assert set(shown_figures(at)) == {"Actors", "Speakers", "Statements", "Topics"}
    at.switch_page("app_pages/quotes.py").run()
    speakers = set(table_with(at, "speaker")["speaker"])
    assert speakers & {"Jane Smith", "Tom Brown"}, speakers
    # … and nowhere else: the shared tables and the corpus folder are unchanged.
    after = read_tables(writable)
    for table, frame in before.items():
        pd.testing.assert_frame_equal(after[table], frame)
    assert sorted(p.name for p in settings.ARTICLES_DIR.iterdir()) == corpus_files
    # Another visitor (a new session) does not know the article.
    other = run_app({"article": article}, "overview")
    assert any(article in note for note in notes(other)), notes(other)
    assert other.selectbox(key="app_article").value != article


def test_a_reader_cannot_add_to_the_corpus(writable: Path) -> None:
    at = run_app({}, "analyse")
    at.text_area(key="analyse_text").input(NEW_STORY)
    at.button(key="analyse_go").click().run()
    at.switch_page("app_pages/analyse.py").run()
    assert "Harbour bridge opens two years late" in "".join(m.value for m in at.markdown)
    assert not [b for b in at.button if str(b.key).startswith("analyse_add_")]


def test_an_editor_adds_an_analysed_article_to_the_corpus(writable: Path, tmp_path: Path) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_EDITING", "1")
        patch.setenv("DASHBOARD_EDITOR", "Alice")
        patch.setenv("DASHBOARD_DB_URL", f"sqlite:///{tmp_path / 'newsroom.sqlite'}")
        at = run_app({}, "analyse")
        at.text_area(key="analyse_text").input(NEW_STORY)
        at.button(key="analyse_go").click().run()
        article = at.query_params["article"]
        at.switch_page("app_pages/analyse.py").run()
        at.button(key=f"analyse_add_{article}").click().run()
        no_exception(at)
        assert not at.error, [e.value for e in at.error]
    assert (settings.ARTICLES_DIR / f"{article}.txt").is_file()
    articles = read_tables(writable)["articles"]
    row = articles[articles["article"] == article]
    assert len(row) == 1 and Path(row["path"].iloc[0]).parent == settings.ARTICLES_DIR
    from dashboard.corrections.database import CorrectionStore

    [stored] = CorrectionStore.open(f"sqlite:///{tmp_path / 'newsroom.sqlite'}").articles()
    assert (stored.name, stored.added_by) == (f"{article}.txt", "Alice")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Just a headline", "pasted text: no paragraphs"),
        ("   ", "Paste some text"),
    ],
)
def test_bad_text_gets_one_clear_message(writable: Path, text: str, problem: str) -> None:
    before = read_tables(writable)["articles"]
    at = run_app({}, "analyse")
    at.text_area(key="analyse_text").input(text)
    at.button(key="analyse_go").click().run()
    no_exception(at)
    messages = [e.value.replace("\\", "") for e in [*at.error, *at.warning]]  # shown escaped (Markdown)
    assert len(messages) == 1 and problem in messages[0], messages
    assert len(read_tables(writable)["articles"]) == len(before)


def test_a_linked_quote_from_another_article_is_shown_in_its_paragraph(store: Path, corpus: pd.DataFrame) -> None:
    quote = corpus[corpus["article"] != settings.DEFAULT_ARTICLE].iloc[0]
    at = run_app({"scope": "all", "quote": f"{quote['article']}~{quote['quote_id']}"}, "quotes")
    no_exception(at)
    body = "".join(h.proto.body for h in at.get("html"))
    assert 'class="hl-focus"' in body


@pytest.mark.parametrize(
    "module",
    ["dashboard.ui.analyse_text", "dashboard.ui.corpus_quotes", "dashboard.ui.corpus_focus", "dashboard.charts.corpus"],
)
def test_showing_the_corpus_never_imports_spacy(module: str) -> None:
    code = f"import sys, {module}; sys.exit(1 if 'spacy' in sys.modules else 0)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
