"""Ranked bar charts: the title states the finding, the bars are the counts."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.charts.bars import (
    mentions_bar,
    quoted_most_bar,
    quoted_most_summary,
    quoted_most_title,
    topic_share_bar,
    topic_share_title,
)
from dashboard.charts.counts import UNATTRIBUTED, speaker_counts
from dashboard.store.schema import LIST, TABLES, conform, empty

DEFAULTS = {"string": "", "int32": 0, "int64": 0, LIST: []}


def table(name: str, *rows: dict) -> pd.DataFrame:
    if not rows:
        return empty(name)
    base = {c.name: DEFAULTS[c.dtype] for c in TABLES[name]}
    return conform(pd.DataFrame([{**base, "article": "a", **row} for row in rows]), name)


def quotes(*speakers: str | None) -> pd.DataFrame:
    return table(
        "quotes",
        *(
            {"quote_id": f"q{i}", "speaker": s, "text": f"t{i}", "kind": "direct", "statement": i + 1}
            for i, s in enumerate(speakers)
        ),
    )


def test_quoted_most_counts_statements_not_fragments() -> None:
    rows = quotes("White House", "White House", "White House", "Kremlin", "Kremlin")
    rows["statement"] = [1, 1, 1, 2, 3]  # three fragments of one White House statement
    assert speaker_counts(rows).to_dict() == {"Kremlin": 2, "White House": 1}
    assert quoted_most_title(rows) == "Kremlin is quoted most"
    assert "3 statements (5 quoted fragments)" in quoted_most_summary(rows)


@pytest.mark.parametrize(
    ("speakers", "title"),
    [
        (["Joe Biden", "Joe Biden", "Kremlin"], "Joe Biden is quoted most"),
        (["Kremlin", "Joe Biden"], "Joe Biden and Kremlin are quoted most"),
        ([None, None, "Kremlin"], "Kremlin is quoted most"),
        ([None], "No quotes are attributed to a speaker"),
        ([], "No quotes found"),
    ],
)
def test_quoted_most_title_states_the_finding(speakers: list[str | None], title: str) -> None:
    assert quoted_most_title(quotes(*speakers)) == title


def test_quoted_most_bar_draws_the_counts_largest_on_top() -> None:
    fig = quoted_most_bar(quotes("A", "B", "B", None), source="Source: Test")
    bar = fig.data[0]
    assert list(bar.y) == [UNATTRIBUTED, "A", "B"]  # reversed: largest drawn at the top
    assert list(bar.x) == [1, 1, 2]
    assert fig.layout.title.text == "B is quoted most"
    assert fig.layout.title.subtitle.text.startswith("Statements per speaker")
    assert fig.layout.template.layout.colorway[0] == "#0072B2"
    assert any(a.name == "source" and a.text == "Source: Test" for a in fig.layout.annotations)


def test_unattributed_quotes_are_counted_last() -> None:
    counts = speaker_counts(quotes(None, None, None, "Z"))
    assert list(counts.index) == ["Z", UNATTRIBUTED]
    assert list(counts) == [1, 3]


def test_summary_names_speakers_and_unattributed() -> None:
    text = quoted_most_summary(quotes("Kremlin", "Kremlin", None))
    assert text == "3 statements in all: Kremlin 2 statements; 1 statement without a speaker."


def test_topic_share_is_a_percentage() -> None:
    terms = table("topic_mentions", *({"topic": t, "term": t} for t in ["war", "war", "war", "oil"]))
    assert topic_share_title(terms) == "war leads the coverage (75% of topic terms)"
    fig = topic_share_bar(terms)
    assert list(fig.data[0].x) == [25, 75]
    assert fig.layout.title.text.startswith("War leads")  # sentence case


def test_names_with_markup_are_escaped_in_hover_and_title() -> None:
    fig = quoted_most_bar(quotes("<b>Evil</b>"))
    assert "<b>" not in fig.layout.title.text
    assert fig.data[0].customdata[0] == "&lt;b&gt;Evil&lt;/b&gt;"


@pytest.mark.parametrize(
    "build",
    [
        lambda: quoted_most_bar(empty("quotes")),
        lambda: mentions_bar(empty("actors"), empty("mentions")),
        lambda: topic_share_bar(empty("topic_mentions")),
    ],
)
def test_empty_tables_give_an_empty_figure_with_a_message(build) -> None:
    fig = build()
    assert len(fig.data) == 0
    assert any(a.name == "empty" and a.text for a in fig.layout.annotations)
    assert fig.layout.title.text.startswith("No ")
