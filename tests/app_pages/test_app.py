"""The whole app under AppTest, against a store built once from data/articles in a tmp dir."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import settings
from dashboard.charts.counts import UNATTRIBUTED, speaker_counts
from dashboard.store.files import read_tables
from dashboard.testing.app_test import app_test
from dashboard.testing.figures import shown_figures
from dashboard.ui.quote_filters import QuoteFilter, filter_quotes, matched_statements

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
REFERENCE = settings.DEFAULT_ARTICLE
WIKINEWS = "01-trump-state-of-emergency-border-wall"
PAGES = ["overview", "actors", "quotes", "topics", "article"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Tables of every article in data/articles, built once; the app is pointed at them."""
    from dashboard.store.build import build

    folder = tmp_path_factory.mktemp("tables")
    summary = build([settings.ARTICLES_DIR], build_dir=folder)
    assert REFERENCE in summary.built and WIKINEWS in summary.built
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_BUILD_DIR", str(folder))
        patch.setattr(settings, "BUILD_DIR", folder)
        yield folder


@pytest.fixture(scope="module")
def quotes(store: Path) -> pd.DataFrame:
    return read_tables(store)["quotes"]


def run_app(query: dict[str, str | list[str]] | None = None, page: str | None = None) -> AppTest:
    """A fresh session opening ``/<page>?<query>``, as a browser opening a shared link would.

    AppTest can only switch pages after a first run, so the link's parameters are set just
    before the run that draws the requested page.
    """
    at = app_test(APP, timeout=60)
    if page and page != "overview":
        at.run()
        at.switch_page(f"app_pages/{page}.py")
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def table_of(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value


def top_speaker(quotes: pd.DataFrame, article: str) -> str:
    return str(speaker_counts(quotes[quotes["article"] == article]).index[0])


@pytest.mark.parametrize("article", [REFERENCE, WIKINEWS])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(store: Path, page: str, article: str) -> None:
    at = run_app({"article": article}, page)
    no_exception(at)
    assert at.selectbox(key="app_article").value == article
    assert not at.warning and not at.info, "a valid link must not produce notes"


def test_opens_on_the_reference_article_with_headline_figures(store: Path) -> None:
    at = run_app()
    no_exception(at)
    assert at.selectbox(key="app_article").value == REFERENCE
    assert at.query_params["article"] == REFERENCE
    figures = {label: int(value.replace(",", "")) for label, value in shown_figures(at).items()}
    assert set(figures) == {"Actors", "Speakers", "Statements", "Topics"}
    assert figures["Statements"] > 0


def test_picking_a_speaker_filters_the_table_and_goes_into_the_url(store: Path, quotes) -> None:
    at = run_app({"article": REFERENCE}, "quotes")
    everything = table_of(at)
    speaker = top_speaker(quotes, REFERENCE)
    at.multiselect(key=f"quotes_speaker_{REFERENCE}").set_value([speaker]).run()
    no_exception(at)
    rows = table_of(at)
    assert 0 < len(rows) < len(everything)
    assert set(rows["speaker"]) == {speaker}
    assert at.query_params["speaker"] == speaker


def rarest_kind(quotes: pd.DataFrame, article: str, speaker: str | None = None) -> str:
    rows = quotes[quotes["article"] == article]
    if speaker is not None:
        rows = rows[rows["speaker"] == speaker]
    return str(rows["kind"].value_counts(ascending=True).index[0])


def speaker_and_their_rarest_kind(quotes: pd.DataFrame, article: str) -> dict[str, str]:
    speaker = top_speaker(quotes, article)
    return {"speaker": speaker, "kind": rarest_kind(quotes, article, speaker)}


@pytest.mark.parametrize(
    "make_query",
    [
        lambda quotes: {"kind": rarest_kind(quotes, REFERENCE)},
        lambda quotes: speaker_and_their_rarest_kind(quotes, REFERENCE),
        lambda quotes: {"q": "Ukraine"},
        lambda quotes: {"speaker": speaker_counts(quotes[quotes["article"] == REFERENCE]).index[:2].tolist()},
    ],
    ids=["kind", "speaker+kind", "search", "two-speakers"],
)
def test_filters_from_the_link_change_the_table(store: Path, quotes: pd.DataFrame, make_query) -> None:
    query = make_query(quotes)
    at = run_app({"article": REFERENCE, **query}, "quotes")
    no_exception(at)
    assert not at.info, [n.value for n in at.info]
    wanted = QuoteFilter(
        speakers=tuple(_as_list(query.get("speaker"))),
        kinds=tuple(_as_list(query.get("kind"))),
        text=str(query.get("q", "")),
    )
    reference = quotes[quotes["article"] == REFERENCE]
    expected = matched_statements(reference, filter_quotes(reference, wanted))
    rows = table_of(at)
    assert 0 < len(rows) < len(reference)
    assert list(rows["quote"]) == list(expected["text"])  # one row per statement, fragments joined
    for param, value in query.items():
        assert _as_list(at.query_params.get(param)) == _as_list(value)


def _as_list(value: str | list[str] | None) -> list[str]:
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def test_unattributed_quotes_can_be_filtered(store: Path, quotes: pd.DataFrame) -> None:
    unattributed = quotes[quotes["speaker"].fillna("") == ""]
    if unattributed.empty:
        pytest.skip("no article has a quote without a speaker in this build")
    article = str(unattributed["article"].iloc[0])
    at = run_app({"article": article, "speaker": UNATTRIBUTED}, "quotes")
    no_exception(at)
    rows = table_of(at)
    assert len(rows) == (unattributed["article"] == article).sum()
    assert set(rows["speaker"]) == {UNATTRIBUTED}


def test_a_link_preselects_article_and_speaker(store: Path, quotes) -> None:
    speaker = top_speaker(quotes, WIKINEWS)
    at = run_app({"article": WIKINEWS, "speaker": speaker}, "quotes")
    no_exception(at)
    assert at.selectbox(key="app_article").value == WIKINEWS
    assert at.multiselect(key=f"quotes_speaker_{WIKINEWS}").value == [speaker]
    assert set(table_of(at)["speaker"]) == {speaker}


@pytest.mark.parametrize(
    ("query", "page", "mentioned"),
    [
        ({"article": REFERENCE, "speaker": "Nobody Atall"}, "quotes", "Nobody Atall"),
        ({"article": REFERENCE, "kind": "bogus"}, "quotes", "bogus"),
        ({"article": REFERENCE, "topic": "knitting"}, "topics", "knitting"),
        ({"article": REFERENCE, "cell": "nobody~99"}, "actors", "nobody~99"),
    ],
)
def test_invalid_link_values_are_ignored_with_a_note(store: Path, query, page, mentioned) -> None:
    at = run_app(query, page)
    no_exception(at)
    # What the reader sees: the Markdown source without the escaping backslashes.
    notes = [n.value.replace("\\", "") for n in [*at.info, *at.warning]]
    assert any(mentioned in note for note in notes), notes
    assert at.selectbox(key="app_article").value in (query["article"], REFERENCE)


@pytest.mark.parametrize("page", ["overview", "quotes", "article"])
def test_an_unknown_article_says_so_and_offers_the_list(store: Path, page: str) -> None:
    at = run_app({"article": "no-such-article"}, page)
    no_exception(at)
    notes = [n.value.replace("\\", "") for n in at.warning]
    assert any("no-such-article" in note for note in notes), notes
    listed = "".join(m.value for m in at.markdown)
    assert f"article={REFERENCE}" in listed and f"article={WIKINEWS}" in listed
    assert not shown_figures(at) and not at.dataframe  # no other article shown in its place


def test_overview_counts_statements_and_shows_the_sources_panel(store: Path, quotes: pd.DataFrame) -> None:
    at = run_app({"article": REFERENCE})
    no_exception(at)
    reference = quotes[quotes["article"] == REFERENCE]
    captions = " ".join(c.value for c in at.caption).replace("\\", "")  # shown escaped
    kremlin = reference[reference["speaker"] == "Kremlin"]
    assert len(kremlin) > kremlin["statement"].nunique()  # the Kremlin's fragments share statements
    assert f"Kremlin {kremlin['statement'].nunique()} statements" in captions  # "quoted most" counts statements
    assert "Mentioned but never quoted: Vladimir Putin (9 mentions)" in captions
    shares = " ".join(m.value for m in at.markdown)
    assert "**Named or not:** **93%** named (14)" in shares and "**Gender of quoted people:**" in shares
    at.button_group(key="overview_sources_rows").set_value("Named or not").run()  # the rows, one click away
    named = at.dataframe[0].value
    assert len(named) == 15 and set(named["named"]) == {"named", "unnamed"}


def test_one_row_per_statement_and_its_fragments_when_opened(store: Path, quotes: pd.DataFrame) -> None:
    reference = quotes[quotes["article"] == REFERENCE]
    shared = reference.groupby("statement")["quote_id"].agg(list)
    first, *rest = shared[shared.map(len) > 1].iloc[0]
    at = run_app({"article": REFERENCE}, "quotes")
    no_exception(at)
    assert len(table_of(at)) == reference["statement"].nunique() < len(reference)
    at = run_app({"article": REFERENCE, "quote": first}, "quotes")
    no_exception(at)
    fragments = at.dataframe[1].value
    assert list(fragments["quote_id"]) == [first, *rest]


def test_article_survives_a_page_switch(store: Path) -> None:
    at = run_app({"article": WIKINEWS})
    at.switch_page("app_pages/article.py").run()
    no_exception(at)
    assert at.selectbox(key="app_article").value == WIKINEWS
    assert at.query_params["article"] == WIKINEWS


def test_article_page_marks_actors_and_can_switch_layers_off(store: Path) -> None:
    at = run_app({"article": REFERENCE, "actors": "off"}, "article")
    no_exception(at)
    assert at.toggle(key=f"article_actors_{REFERENCE}").value is False
    body = "".join(h.proto.body for h in at.get("html"))
    assert 'class="hl-quote"' in body and 'class="hl-actor"' not in body


def test_a_linked_quote_is_shown_in_its_paragraph(store: Path, quotes: pd.DataFrame) -> None:
    quote = quotes[quotes["article"] == REFERENCE].iloc[0]
    at = run_app({"article": REFERENCE, "quote": str(quote["quote_id"])}, "quotes")
    no_exception(at)
    body = "".join(h.proto.body for h in at.get("html"))
    assert 'class="hl-focus"' in body
    assert at.query_params["quote"] == str(quote["quote_id"])


def test_a_linked_heatmap_cell_shows_its_sentences(store: Path) -> None:
    mentions = read_tables(store)["mentions"]
    first = mentions[mentions["article"] == REFERENCE].iloc[0]
    cell = f"{first['actor_id']}~{int(first['paragraph'])}"
    at = run_app({"article": REFERENCE, "cell": cell}, "actors")
    no_exception(at)
    body = "".join(h.proto.body for h in at.get("html"))
    assert 'class="hl-actor"' in body
    assert at.query_params["cell"] == cell


def test_showing_built_tables_never_imports_spacy(store: Path) -> None:
    """Every page, in a fresh interpreter: neither spaCy nor our pipeline gets imported.

    ``dashboard.nlp.gender`` (the given-name and gendered-word lists, pure Python) is allowed.
    """
    script = f"""
import sys
from streamlit.testing.v1 import AppTest
from dashboard.testing.app_test import app_test
at = app_test({APP!r}, timeout=60)
at.run()
for page in {PAGES[1:]!r}:
    at.switch_page(f"app_pages/{{page}}.py").run()
    assert not at.exception, page
pure = {{"dashboard.nlp", "dashboard.nlp.gender"}}  # word lists for the sources panel; no spaCy
print(sorted(m for m in sys.modules if m == "spacy" or (m.startswith("dashboard.nlp") and m not in pure)))
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "DASHBOARD_BUILD_DIR": str(store)},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_picking_another_article_in_the_sidebar_sticks_and_clears_filters(store: Path, quotes) -> None:
    at = run_app({"article": REFERENCE, "speaker": top_speaker(quotes, REFERENCE)}, "quotes")
    at.selectbox(key="app_article").set_value(WIKINEWS).run()
    no_exception(at)
    assert at.selectbox(key="app_article").value == WIKINEWS
    assert at.query_params["article"] == WIKINEWS
    assert "speaker" not in at.query_params
    at.run()  # a later rerun keeps the choice
    assert at.selectbox(key="app_article").value == WIKINEWS
