"""apply_corrections on frames written for the test: every action, undo, idempotence, stale anchors."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.corrections.apply import APPLIED, STALE_ARTICLE, apply_corrections, apply_to_tables
from dashboard.corrections.records import (
    Correction,
    CorrectionError,
    actor_merge,
    actor_rename,
    added_quote,
    kind_change,
    not_a_quote,
    speaker_change,
    undo_of,
)
from dashboard.store.schema import conform

HASH = "h1"
ARTICLE = "a"


def _quotes() -> pd.DataFrame:
    rows = [
        ("q1", "We will win", "direct", "Ann Lee", "ann-lee", "said", 1, 1, 10, 21),
        ("q2", "a disaster", "partial", "Bob Ray", "bob-ray", "called", 2, 1, 40, 50),
        ("q3", "the plan", "scare", None, None, None, 3, 1, 70, 78),
    ]
    frame = pd.DataFrame(
        rows,
        columns=["quote_id", "text", "kind", "speaker", "speaker_id", "cue", "paragraph", "sentence", "start", "end"],
    )
    frame["article"] = ARTICLE
    frame["topics"] = [["vote"], [], []]
    frame["corrected"] = ""
    frame["rule"] = "governing_cue"
    frame["statement"] = [1, 2, 3]
    return conform(frame, "quotes")


def _actors() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "article": ARTICLE,
            "actor_id": ["ann-lee", "bob-ray", "robert-ray"],
            "name": ["Ann Lee", "Bob Ray", "Robert Ray"],
            "type": "PERSON",
            "aliases": [["Lee"], ["Ray"], ["Robert Ray"]],
            "mentions": [2, 1, 3],
            "first_paragraph": [1, 2, 2],
            "role": None,
            "key": ["ann-lee", "bob-ray", "robert-ray"],
        }
    )
    return conform(frame, "actors")


def _mentions() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "article": ARTICLE,
            "actor_id": ["ann-lee", "bob-ray", "robert-ray"],
            "paragraph": [1, 2, 2],
            "sentence": 1,
            "start": [1, 31, 90],
            "end": [4, 34, 100],
            "text": ["Lee", "Ray", "Robert Ray"],
        }
    )
    return conform(frame, "mentions")


def _stored(*records: Correction) -> list[Correction]:
    """Records as the database returns them: with ids in order."""
    return [Correction(**{**r.__dict__, "id": i}) for i, r in enumerate(records, start=1)]


def _apply(records: list[Correction], quotes: pd.DataFrame | None = None, *, content_hash: str = HASH):
    return apply_corrections(
        _quotes() if quotes is None else quotes, _actors(), _mentions(), records, content_hash=content_hash
    )


def _row(quotes: pd.DataFrame, quote_id: str) -> pd.Series:
    return quotes[quotes["quote_id"] == quote_id].iloc[0]


def test_no_corrections_adds_an_empty_corrected_column_only() -> None:
    quotes = _quotes().drop(columns="corrected")
    applied = _apply([], quotes)
    assert list(applied.quotes["corrected"]) == ["", "", ""]
    assert applied.quotes.drop(columns="corrected").equals(quotes)


@pytest.mark.parametrize(
    ("make", "quote_id", "column", "value"),
    [
        pytest.param(
            lambda q: speaker_change(q, content_hash=HASH, speaker="Bob Ray", speaker_id="bob-ray", by="ed"),
            "q1",
            "speaker",
            "Bob Ray",
            id="speaker-to-actor",
        ),
        pytest.param(
            lambda q: speaker_change(q, content_hash=HASH, speaker="Jane Roe", speaker_id=None, by="ed"),
            "q1",
            "speaker_id",
            None,
            id="speaker-typed-name",
        ),
        pytest.param(
            lambda q: kind_change(q, content_hash=HASH, kind="scare", by="ed"), "q1", "kind", "scare", id="kind"
        ),
    ],
)
def test_a_quote_change_shows_with_its_mark_and_undo_restores(make, quote_id, column, value) -> None:
    original = _row(_quotes(), quote_id)
    [first] = _stored(make(original))
    applied = _apply([first])
    row = _row(applied.quotes, quote_id)
    assert (None if pd.isna(row[column]) else row[column]) == value
    assert row["corrected"] == f"corrected by ed on {first.day}"
    assert applied.status == {1: APPLIED}
    undone = _stored(first, undo_of(first, by="chief"))
    restored = _apply(undone).quotes
    assert restored.equals(_quotes())


def test_not_a_quote_removes_the_row_and_undo_puts_it_back() -> None:
    [record] = _stored(not_a_quote(_row(_quotes(), "q3"), content_hash=HASH, by="ed"))
    assert list(_apply([record]).quotes["quote_id"]) == ["q1", "q2"]
    assert _apply(_stored(record, undo_of(record, by="ed"))).quotes.equals(_quotes())


def test_an_added_quote_is_inserted_in_text_order_and_undo_removes_it() -> None:
    record = added_quote(
        article=ARTICLE,
        content_hash=HASH,
        text="no comment",
        start=55,
        paragraph=2,
        sentence=2,
        speaker="Ann Lee",
        speaker_id="ann-lee",
        kind="direct",
        by="ed",
    )
    [stored] = _stored(record)
    quotes = _apply([stored]).quotes
    assert list(quotes["quote_id"]) == ["q1", "q2", "e55", "q3"]
    assert _row(quotes, "e55")["speaker"] == "Ann Lee"
    assert _apply(_stored(record, undo_of(stored, by="ed"))).quotes.equals(_quotes())


def test_renaming_an_actor_renames_its_quotes_speaker() -> None:
    actor = _actors().iloc[1]
    [record] = _stored(actor_rename(actor, _quotes(), content_hash=HASH, name="Roberta Ray", by="ed"))
    applied = _apply([record])
    assert _row(applied.quotes, "q2")["speaker"] == "Roberta Ray"
    assert "Roberta Ray" in set(applied.actors["name"])
    back = _apply(_stored(record, undo_of(record, by="ed")))
    assert back.quotes.equals(_quotes()) and back.actors.equals(_actors())


def test_merging_actors_moves_quotes_mentions_and_aliases_and_undo_splits_them() -> None:
    bob, robert = _actors().iloc[1], _actors().iloc[2]
    [record] = _stored(actor_merge(bob, robert, _quotes(), _mentions(), content_hash=HASH, by="ed"))
    applied = _apply([record])
    assert list(applied.actors["actor_id"]) == ["ann-lee", "robert-ray"]
    merged = applied.actors.iloc[1]
    assert set(merged["aliases"]) >= {"Bob Ray", "Ray"} and merged["mentions"] == 4
    assert _row(applied.quotes, "q2")["speaker"] == "Robert Ray"
    assert set(applied.mentions["actor_id"]) == {"ann-lee", "robert-ray"}
    back = _apply(_stored(record, undo_of(record, by="ed")))
    assert back.quotes.equals(_quotes())
    assert sorted(back.actors["actor_id"]) == ["ann-lee", "bob-ray", "robert-ray"]
    assert back.mentions.sort_values("start").reset_index(drop=True).equals(_mentions())


def test_merging_an_actor_into_itself_is_refused() -> None:
    actor = _actors().iloc[0]
    with pytest.raises(CorrectionError, match="itself"):
        actor_merge(actor, actor, _quotes(), _mentions(), content_hash=HASH, by="ed")


def test_applying_to_tables_that_already_carry_the_log_changes_nothing() -> None:
    """The build writes corrected tables and the loaders apply the log again on read."""
    quotes = _quotes()
    records = _stored(
        speaker_change(_row(quotes, "q1"), content_hash=HASH, speaker="Bob Ray", speaker_id="bob-ray", by="ed"),
        not_a_quote(_row(quotes, "q3"), content_hash=HASH, by="ed"),
    )
    once = _apply(records)
    twice = apply_corrections(once.quotes, once.actors, once.mentions, records, content_hash=HASH)
    assert twice.quotes.equals(once.quotes)
    assert twice.status == {1: APPLIED, 2: APPLIED}


def test_a_changed_article_makes_its_corrections_stale_and_they_are_not_applied() -> None:
    [record] = _stored(speaker_change(_row(_quotes(), "q1"), content_hash=HASH, speaker="X", speaker_id=None, by="ed"))
    applied = _apply([record], content_hash="h2")
    assert applied.quotes.equals(_quotes())
    assert applied.status == {1: STALE_ARTICLE}


def test_a_quote_no_longer_in_the_tables_is_stale() -> None:
    quotes = _quotes()
    [record] = _stored(speaker_change(_row(quotes, "q1"), content_hash=HASH, speaker="X", speaker_id=None, by="ed"))
    moved = quotes.assign(end=quotes["end"] + 1)  # the extractor now takes one character more
    applied = _apply([record], moved)
    assert applied.quotes.equals(moved)
    assert applied.status[1].startswith("stale: ")


def test_apply_to_tables_touches_only_corrected_articles() -> None:
    other = _quotes().assign(article="b")
    tables = {
        "articles": pd.DataFrame({"article": [ARTICLE, "b"], "content_hash": [HASH, "hb"]}),
        "quotes": pd.concat([_quotes(), other], ignore_index=True),
        "actors": _actors(),
        "mentions": _mentions(),
    }
    [record] = _stored(speaker_change(_row(_quotes(), "q1"), content_hash=HASH, speaker="Z", speaker_id=None, by="ed"))
    out, status = apply_to_tables(tables, [record])
    changed = out["quotes"][out["quotes"]["speaker"] == "Z"]
    assert list(changed["article"]) == [ARTICLE]
    assert len(out["quotes"]) == 6 and status == {1: APPLIED}


def test_apply_to_tables_keeps_the_article_order() -> None:
    first = _quotes()
    second = _quotes().assign(article="b")
    tables = {
        "articles": pd.DataFrame({"article": [ARTICLE, "b"], "content_hash": [HASH, "hb"]}),
        "quotes": pd.concat([first, second], ignore_index=True),
        "actors": _actors(),
        "mentions": _mentions(),
    }
    [record] = _stored(not_a_quote(_row(first, "q2"), content_hash=HASH, by="ed"))
    out, _ = apply_to_tables(tables, [record])
    assert list(out["quotes"]["article"]) == [ARTICLE, ARTICLE, "b", "b", "b"]
    assert list(out["quotes"]["quote_id"]) == ["q1", "q3", "q1", "q2", "q3"]
