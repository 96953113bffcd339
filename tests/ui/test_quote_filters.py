"""Quote filters: pure selection, table rows, exports."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard.charts.counts import UNATTRIBUTED
from dashboard.extract.records import QUOTE_KINDS as RECORD_KINDS
from dashboard.store.schema import LIST, TABLES, conform
from dashboard.ui.quote_filters import (
    QUOTE_KINDS,
    QuoteFilter,
    export_csv,
    export_json,
    filter_quotes,
    quote_rows,
    quote_topics,
    statement_table_rows,
)

DEFAULTS = {"string": "", "int32": 0, "int64": 0, LIST: []}


def table(name: str, *rows: dict) -> pd.DataFrame:
    base = {c.name: DEFAULTS[c.dtype] for c in TABLES[name]}
    return conform(pd.DataFrame([{**base, "article": "a", **row} for row in rows]), name)


QUOTES = table(
    "quotes",
    {
        "quote_id": "q1",
        "text": "Peace is near",
        "kind": "direct",
        "speaker": "Joe Biden",
        "cue": "said",
        "paragraph": 1,
        "topics": ["diplomacy"],
    },
    {"quote_id": "q2", "text": "a killer", "kind": "scare", "speaker": None, "paragraph": 2},
    {
        "quote_id": "q3",
        "text": "act firmly",
        "kind": "partial",
        "speaker": "White House",
        "cue": "said",
        "paragraph": 3,
        "topics": ["diplomacy", "cyber"],
    },
    {"quote_id": "q0", "text": "summit soon", "kind": "indirect", "speaker": "Kremlin", "cue": "told", "paragraph": 0},
)


@pytest.mark.parametrize(
    ("chosen", "ids"),
    [
        (QuoteFilter(), ["q0", "q1", "q2", "q3"]),
        (QuoteFilter(speakers=("Joe Biden",)), ["q1"]),
        (QuoteFilter(speakers=(UNATTRIBUTED,)), ["q2"]),
        (QuoteFilter(speakers=("Kremlin", UNATTRIBUTED)), ["q0", "q2"]),
        (QuoteFilter(topics=("cyber",)), ["q3"]),
        (QuoteFilter(topics=("diplomacy",), kinds=("partial",)), ["q3"]),
        (QuoteFilter(kinds=("scare", "direct")), ["q1", "q2"]),
        (QuoteFilter(text="PEACE"), ["q1"]),
        (QuoteFilter(text="told"), ["q0"]),  # the cue is searched too
        (QuoteFilter(text="white house"), ["q3"]),  # and the speaker
        (QuoteFilter(text="near peace"), ["q1"]),  # every word, in any order
        (QuoteFilter(text="peace  Biden said"), ["q1"]),  # over quote, speaker and cue together
        (QuoteFilter(text="peace killer"), []),  # all the words, not any
        (QuoteFilter(text="   "), ["q0", "q1", "q2", "q3"]),
        (QuoteFilter(speakers=("Nobody",)), []),
    ],
)
def test_filter_quotes(chosen: QuoteFilter, ids: list[str]) -> None:
    assert list(filter_quotes(QUOTES, chosen)["quote_id"]) == ids


def test_rows_show_unattributed_and_topics() -> None:
    rows = quote_rows(QUOTES)
    assert list(rows.columns) == ["quote", "speaker", "cue", "paragraph", "kind", "topics", "corrected"]
    assert rows.loc[1, "speaker"] == UNATTRIBUTED
    assert rows.loc[2, "topics"] == "diplomacy, cyber"


def test_the_correction_mark_stands_next_to_the_speaker_only_when_a_row_in_view_is_corrected() -> None:
    plain = statement_table_rows(QUOTES)
    assert list(plain.columns[:2]) == ["speaker", "quote"] and "corrected" not in plain.columns
    marked = statement_table_rows(QUOTES.assign(corrected=["", "corrected by Ann on 2026-01-02", "", ""]))
    assert list(marked.columns[:3]) == ["speaker", "corrected", "quote"]
    assert marked["corrected"].tolist()[1] == "corrected by Ann on 2026-01-02"


def test_topics_of_quotes() -> None:
    assert quote_topics(QUOTES) == ["cyber", "diplomacy"]


def test_exports_hold_exactly_the_rows() -> None:
    rows = filter_quotes(QUOTES, QuoteFilter(topics=("diplomacy",)))
    records = json.loads(export_json(rows))
    assert [r["quote_id"] for r in records] == ["q1", "q3"]
    assert records[1]["topics"] == ["diplomacy", "cyber"]
    csv = export_csv(rows).splitlines()
    assert csv[0].startswith("article,quote_id,text,kind,speaker")
    assert len(csv) == 3 and "diplomacy; cyber" in csv[2]


def test_exports_carry_quote_and_statement_ids() -> None:
    rows = QUOTES.assign(statement=[1, 2, 3, 1])
    records = json.loads(export_json(rows))
    assert [(r["quote_id"], r["statement"]) for r in records] == [("q1", 1), ("q2", 2), ("q3", 3), ("q0", 1)]
    assert export_csv(rows).splitlines()[0].endswith(",topics,statement,corrected")


def test_kinds_match_the_records_module() -> None:
    assert QUOTE_KINDS == RECORD_KINDS
