"""The sources panel's counts: tables of cases on rows written for the test."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.charts.counts import UNATTRIBUTED
from dashboard.charts.sources import (
    GOVERNMENT,
    NAMED,
    ORGANISATION,
    PEOPLE,
    UNNAMED,
    gender_table,
    is_named,
    is_proper_description,
    mentioned_quoted_chart,
    mentioned_quoted_title,
    mentioned_vs_quoted,
    person_gender,
    source_kind,
    source_rows,
    sources_summary,
)
from dashboard.store.schema import LIST, TABLES, conform

DEFAULTS = {"string": "", "int32": 0, "int64": 0, LIST: []}


def table(name: str, *rows: dict) -> pd.DataFrame:
    base = {c.name: DEFAULTS[c.dtype] for c in TABLES[name]}
    return conform(pd.DataFrame([{**base, "article": "a", **row} for row in rows]), name)


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("Joe Biden", True),
        ("White House", True),
        ("a senior administration official", False),
        ("people familiar with the matter", False),
        ("the minister", False),
    ],
)
def test_is_named(name: str, named: bool) -> None:
    assert is_named(name) is named


@pytest.mark.parametrize(
    ("description", "proper"),
    [
        ("TVN24", True),
        ("United States Department of Defense", True),
        ("Russia’s deputy foreign minister", False),
        ("Erdogan's office", False),
        ("US intelligence officials", False),
        ("Critics", False),  # capitalised only because it starts the sentence: an anonymous group
    ],
)
def test_is_proper_description(description: str, proper: bool) -> None:
    assert is_proper_description(description) is proper


@pytest.mark.parametrize(
    ("name", "actor_type", "role", "kind"),
    [
        ("Russia", "GPE", None, GOVERNMENT),
        ("White House", "ORG", None, GOVERNMENT),
        ("Ministry of Health", "ORG", None, GOVERNMENT),
        ("Greenpeace", "ORG", None, ORGANISATION),
        ("Joe Biden", "PERSON", "US president", GOVERNMENT),
        ("Ann Lee", "PERSON", "spokeswoman", GOVERNMENT),
        ("Maria Rossi", "PERSON", "shop owner", PEOPLE),
        ("Maria Rossi", "PERSON", None, PEOPLE),
    ],
)
def test_source_kind(name: str, actor_type: str, role: str | None, kind: str) -> None:
    assert source_kind(name, actor_type, role) == kind


@pytest.mark.parametrize(
    ("name", "aliases", "role", "sentences", "expected"),
    [
        ("Ann Lee", ["Ann Lee", "Ms Lee"], None, [], ("female", "the article (title or role word)")),
        ("Kim Park", ["Kim Park"], "spokesman", [], ("male", "the article (title or role word)")),
        ("Kim Park", ["Kim Park"], None, ["“We won,” she said."], ("female", "the article (he/she)")),
        ("Kim Park", ["Kim Park"], None, ["He told her so."], ("unknown", "unknown")),  # both: not a guess
        ("Louise Turpin", ["Louise Turpin"], None, [], ("female", "given name list")),
        ("Kim Park", ["Kim Park"], None, [], ("unknown", "unknown")),
    ],
)
def test_person_gender(name: str, aliases: list[str], role: str | None, sentences: list[str], expected) -> None:
    assert person_gender(name, aliases, role, sentences) == expected


ACTORS = table(
    "actors",
    {"actor_id": "putin", "name": "Vladimir Putin", "type": "PERSON", "aliases": ["Putin"], "key": "vladimir-putin"},
    {"actor_id": "kremlin", "name": "Kremlin", "type": "ORG", "key": "kremlin"},
    {"actor_id": "lee", "name": "Ann Lee", "type": "PERSON", "aliases": ["Ms Lee"], "key": "ann-lee"},
)
MENTIONS = table(
    "mentions",
    *({"actor_id": "putin", "paragraph": p, "sentence": 1} for p in range(1, 10)),
    {"actor_id": "kremlin", "paragraph": 1, "sentence": 1},
    {"actor_id": "lee", "paragraph": 3, "sentence": 1},
)
QUOTES = table(
    "quotes",
    {"quote_id": "q1", "speaker": "Kremlin", "speaker_id": "kremlin", "kind": "indirect", "statement": 1,
     "start": 0, "end": 50, "text": "that talks had begun"},
    {"quote_id": "q2", "speaker": "Kremlin", "speaker_id": "kremlin", "kind": "partial", "statement": 1,
     "start": 10, "end": 20, "text": "talks"},
    {"quote_id": "q3", "speaker": "Ann Lee", "speaker_id": "lee", "kind": "direct", "statement": 2,
     "start": 60, "end": 80, "text": "We are ready"},
    {"quote_id": "q4", "speaker": "a senior official", "speaker_id": None, "kind": "indirect", "statement": 3,
     "start": 90, "end": 120, "text": "nothing was agreed"},
    {"quote_id": "q5", "speaker": None, "speaker_id": None, "kind": "direct", "statement": 4,
     "start": 130, "end": 140, "text": "Peace"},
    {"quote_id": "q6", "speaker": None, "speaker_id": None, "kind": "scare", "statement": 5,
     "start": 150, "end": 155, "text": "deal"},
)  # fmt: skip
SENTENCES = table("sentences", {"paragraph": 1, "sentence": 1, "text": "x"})


def test_mentioned_vs_quoted_counts_statements_and_finds_the_silent() -> None:
    counts = mentioned_vs_quoted(ACTORS, MENTIONS, QUOTES)
    assert counts.set_index("name")[["mentions", "statements"]].to_dict("index") == {
        "Vladimir Putin": {"mentions": 9, "statements": 0},
        "Kremlin": {"mentions": 1, "statements": 1},  # two fragments, one statement
        "Ann Lee": {"mentions": 1, "statements": 1},
    }
    assert mentioned_quoted_title(counts) == "Vladimir Putin is mentioned 9 times and never quoted"
    fig = mentioned_quoted_chart(counts, source="Source: S")
    assert [t.name for t in fig.data] == ["mentioned", "quoted (statements)"]


def test_source_rows_one_per_statement_without_scare_quotes() -> None:
    rows = source_rows(QUOTES, ACTORS, SENTENCES, MENTIONS)
    assert list(rows["quote_id"]) == ["q1", "q3", "q4", "q5"]
    assert list(rows["named"]) == [NAMED, NAMED, UNNAMED, UNATTRIBUTED]
    assert list(rows["source"])[:2] == [GOVERNMENT, PEOPLE]
    assert list(rows["gender"]) == ["", "female", "unknown", ""]  # never a gender for the Kremlin
    people = gender_table(rows)
    assert list(people["speaker"]) == ["Ann Lee", "a senior official"]
    summary = sources_summary(mentioned_vs_quoted(ACTORS, MENTIONS, QUOTES), rows)
    assert summary.startswith("Mentioned but never quoted: Vladimir Putin (9 mentions).")
    assert "4 statements: named 50% (2), unnamed 25% (1), (unattributed) 25% (1)." in summary
    assert "female 50% (1), unknown 50% (1)" in summary


def test_nothing_to_count() -> None:
    empty_quotes = QUOTES.iloc[0:0]
    assert source_rows(empty_quotes, ACTORS, SENTENCES, MENTIONS).empty
    assert mentioned_vs_quoted(ACTORS.iloc[0:0], MENTIONS, empty_quotes).empty
    assert mentioned_quoted_title(mentioned_vs_quoted(ACTORS.iloc[0:0], MENTIONS, empty_quotes)) == "No actors found"
