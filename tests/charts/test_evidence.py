"""The text behind a number: sentences behind a cell, a quote in its paragraph."""

from __future__ import annotations

import pandas as pd

from dashboard.charts.evidence import (
    actor_paragraph_sentences,
    actor_topic_sentences,
    article_html,
    quote_in_paragraph,
)
from dashboard.store.schema import LIST, TABLES, conform, empty

DEFAULTS = {"string": "", "int32": 0, "int64": 0, LIST: []}


def table(name: str, *rows: dict) -> pd.DataFrame:
    base = {c.name: DEFAULTS[c.dtype] for c in TABLES[name]}
    return conform(pd.DataFrame([{**base, "article": "a", **row} for row in rows]), name)


#            0         1         2         3         4         5
#            0123456789012345678901234567890123456789012345678901234
ARTICLE = "Talks\n\nBiden met <Putin>. Biden said “peace is near”."
PARAGRAPHS = table(
    "paragraphs",
    {"paragraph": 0, "start": 0, "end": 5, "text": "Talks"},
    {"paragraph": 1, "start": 7, "end": 53, "text": ARTICLE[7:53]},
)
SENTENCES = table(
    "sentences",
    {"paragraph": 1, "sentence": 1, "start": 7, "end": 24, "text": ARTICLE[7:24]},
    {"paragraph": 1, "sentence": 2, "start": 25, "end": 53, "text": ARTICLE[25:53]},
)
MENTIONS = table(
    "mentions",
    {"actor_id": "biden", "paragraph": 1, "sentence": 1, "start": 7, "end": 12, "text": "Biden"},
    {"actor_id": "putin", "paragraph": 1, "sentence": 1, "start": 17, "end": 22, "text": "Putin"},
    {"actor_id": "biden", "paragraph": 1, "sentence": 2, "start": 25, "end": 30, "text": "Biden"},
)
TERMS = table(
    "topic_mentions",
    {"topic": "peace", "paragraph": 1, "sentence": 2, "start": 37, "end": 42, "term": "peace"},
)
QUOTE = table(
    "quotes",
    {
        "quote_id": "q1",
        "text": "peace is near",
        "kind": "direct",
        "speaker": "Joe Biden",
        "paragraph": 1,
        "sentence": 2,
        "start": 37,
        "end": 50,
    },
).iloc[0]


def test_sentences_behind_an_actor_paragraph_cell() -> None:
    blocks = actor_paragraph_sentences("putin", 1, sentences=SENTENCES, mentions=MENTIONS)
    assert len(blocks) == 1
    assert "&lt;<mark" in blocks[0] and ">Putin</mark>&gt;" in blocks[0]
    both = actor_paragraph_sentences("biden", 1, sentences=SENTENCES, mentions=MENTIONS)
    assert len(both) == 2


def test_sentences_behind_an_actor_topic_cell_mark_both() -> None:
    blocks = actor_topic_sentences("biden", "peace", sentences=SENTENCES, mentions=MENTIONS, topic_mentions=TERMS)
    assert len(blocks) == 1
    assert 'class="hl-actor"' in blocks[0] and 'class="hl-topic"' in blocks[0]
    assert actor_topic_sentences("putin", "peace", sentences=SENTENCES, mentions=MENTIONS, topic_mentions=TERMS) == []


def test_quote_in_its_paragraph_is_highlighted_and_escaped() -> None:
    html_text = quote_in_paragraph(QUOTE, PARAGRAPHS)
    assert ">peace is near</mark>" in html_text
    assert "&lt;Putin&gt;" in html_text
    assert 'title="direct quote — Joe Biden"' in html_text


def test_article_layers_can_be_switched_off() -> None:
    on = "".join(article_html(PARAGRAPHS, mentions=MENTIONS, topic_mentions=TERMS))
    off = "".join(article_html(PARAGRAPHS))
    assert on.count('class="hl-actor"') == 3 and on.count('class="hl-topic"') == 1
    assert "<mark" not in off and "&lt;Putin&gt;" in off


def test_empty_tables_give_no_sentences() -> None:
    assert actor_paragraph_sentences("x", 1, sentences=empty("sentences"), mentions=empty("mentions")) == []
    assert article_html(empty("paragraphs")) == []


def test_the_speaker_of_each_statement_is_shown_in_the_text_once() -> None:
    quotes = table(
        "quotes",
        {"quote_id": "q1", "kind": "indirect", "speaker": "Joe Biden", "paragraph": 1, "start": 37, "end": 52,
         "text": "“peace is near”", "statement": 1},
        {"quote_id": "q2", "kind": "partial", "speaker": "Joe Biden", "paragraph": 1, "start": 38, "end": 51,
         "text": "peace is near", "statement": 1},
    )  # fmt: skip
    body = "".join(article_html(PARAGRAPHS, quotes=quotes))
    assert body.count('class="hl-who"') == 1  # visible without hovering, once per statement
    assert '<span class="hl-who"' in body and ">Joe Biden</span>" in body


def test_a_statement_highlights_each_of_its_fragments() -> None:
    statement = pd.Series(
        {"paragraph": 1, "start": 17, "end": 52, "text": "Putin … peace is near", "kind": "direct", "speaker": "B"}
    )
    body = quote_in_paragraph(statement, PARAGRAPHS)
    assert body.count('class="hl-focus"') == 2
