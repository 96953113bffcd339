"""Quoted spans from characters alone: marks, apostrophes, nesting, paragraphs, bad input."""

from __future__ import annotations

import pytest

from dashboard.nlp.quotes.marks import mark_role, quoted_spans


def texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in quoted_spans(text).spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('The mayor said "we will rebuild the bridge" on Monday.', ["we will rebuild the bridge"]),
        ("The mayor said “we will rebuild the bridge” on Monday.", ["we will rebuild the bridge"]),
        ("Critics called the plan 'reckless' and 'rushed'.", ["reckless", "rushed"]),
        ("The council’s budget doesn't cover the '80s housing.", []),
        ("The Smiths' garden and Jones's car were both damaged.", []),
        ("She wrote ‘we are ready’ in a letter.", ["we are ready"]),
        ('"First part," the coach said, "second part."', ["First part,", "second part."]),
        ('He said "yes" and "no".', ["yes", "no"]),
        ('Mixed “curly start and straight end" here.', ["curly start and straight end"]),
    ],
)
def test_finds_the_text_between_marks(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "outer", "inner"),
    [
        (
            "The aide wrote: \"The boss told me, 'Wait until Friday.' \"",
            "The boss told me, 'Wait until Friday.' ",
            "Wait until Friday.",
        ),
        (
            '“The so-called "reform" is a sham,” the senator said.',
            'The so-called "reform" is a sham,',
            "reform",
        ),
    ],
)
def test_a_quote_inside_a_quote_is_its_own_span(text, outer, inner):
    spans = quoted_spans(text).spans
    assert [text[s.start : s.end] for s in spans] == [outer, inner]
    assert spans[1].parent == 0 and spans[1].depth == 1


def test_a_quote_running_over_paragraphs_is_continued():
    text = '"The first paragraph of the speech.\n\n"The second paragraph," she said.'
    result = quoted_spans(text)
    assert [text[s.start : s.end] for s in result.spans] == [
        "The first paragraph of the speech.",
        "The second paragraph,",
    ]
    assert result.spans[1].continues == 0
    assert result.problems == ()


@pytest.mark.parametrize(
    ("text", "recovered"),
    [
        (
            'He said "this never closes. And the paragraph ends.',
            ["this never closes. And the paragraph ends."],
        ),
        ('He said "one" and then "two.\n\nNext paragraph.', ["one", "two."]),
        ('An odd mark" here and "a real quote" there.', ["a real quote"]),
    ],
)
def test_unbalanced_marks_are_recovered_and_reported(text, recovered):
    result = quoted_spans(text)
    assert [text[s.start : s.end] for s in result.spans] == recovered
    assert result.problems


def test_a_very_long_quote_is_one_span():
    body = "word " * 4000
    text = f'The report said "{body.strip()}" and stopped.'
    spans = quoted_spans(text).spans
    assert len(spans) == 1 and spans[0].end - spans[0].start == len(body.strip())


@pytest.mark.parametrize(
    ("text", "index", "role"),
    [
        ("don't", 3, None),
        ("the '90s", 4, None),
        ("said 'yes", 5, "open"),
        ("yes' he", 3, "close"),
        ('a " b', 2, "either"),
        ("“a", 0, "open"),
        ("a”", 1, "close"),
    ],
)
def test_mark_role_reads_the_characters_around_a_mark(text, index, role):
    assert mark_role(text, index) == role
