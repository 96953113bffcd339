"""The quote_finder component on texts written for the tests (real pipeline)."""

from __future__ import annotations

import pytest

from dashboard.nlp import QUOTES

pytestmark = pytest.mark.model


def rows(nlp, text: str) -> list[tuple[str, str, str | None]]:
    """(text, kind, speaker) of the non-indirect quotes, in order."""
    doc = nlp(text)
    assert len(doc.spans[QUOTES]) == len(doc._.quotes)
    return [
        (doc.text[q["start"] : q["end"]], q["kind"], q["speaker"])
        for q in doc._.quotes
        if q["kind"] != "indirect"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # direct, attribution after and before, inverted
        (
            '"The bridge is safe," Maria Lopez said.',
            [("The bridge is safe,", "direct", "Maria Lopez")],
        ),
        (
            'Maria Lopez said, "The bridge is safe."',
            [("The bridge is safe.", "direct", "Maria Lopez")],
        ),
        (
            '"The bridge is safe," said Maria Lopez.',
            [("The bridge is safe,", "direct", "Maria Lopez")],
        ),
        # partial quote inside the writer's sentence
        (
            'Maria Lopez called the repairs "a complete success".',
            [("a complete success", "partial", "Maria Lopez")],
        ),
        # a quote split by its attribution: two rows, one speaker
        (
            '"The bridge," Maria Lopez said, "will reopen on Friday."',
            [
                ("The bridge,", "direct", "Maria Lopez"),
                ("will reopen on Friday.", "direct", "Maria Lopez"),
            ],
        ),
        # colon lead-in
        (
            'Tom Baker gave a different account: "Nobody told us about the cracks."',
            [("Nobody told us about the cracks.", "direct", "Tom Baker")],
        ),
        # according to
        (
            'According to Tom Baker, the repairs were "far too slow".',
            [("far too slow", "partial", "Tom Baker")],
        ),
        # scare quote: nobody is said to have said it
        (
            'The storm left a "lunar landscape" along the coast.',
            [("lunar landscape", "scare", None)],
        ),
        # pronoun speaker
        (
            'Maria Lopez visited the site on Monday. "We found no damage," she said.',
            [("We found no damage,", "direct", "Maria Lopez")],
        ),
    ],
)
def test_quotes_kinds_and_speakers(nlp, text, expected):
    assert rows(nlp, text) == expected


def test_a_quote_inside_a_quote_has_its_own_speaker(nlp):
    text = "Tom Baker wrote: \"I asked and Maria Lopez said, 'Come back tomorrow.' \""
    found = rows(nlp, text)
    assert found[0][2] == "Tom Baker"
    assert found[1] == ("Come back tomorrow.", "direct", "Maria Lopez")


def test_the_speaker_carries_over_to_the_next_quote_paragraph(nlp):
    text = (
        'Maria Lopez spoke to reporters on Monday. "The bridge is safe," she said.\n\n'
        '"We checked every cable twice and found nothing wrong."'
    )
    found = rows(nlp, text)
    assert [speaker for _, _, speaker in found] == ["Maria Lopez", "Maria Lopez"]


def test_a_quote_running_over_paragraphs_keeps_its_speaker(nlp):
    text = (
        '"We checked every cable twice and found nothing wrong.\n\n'
        '"The bridge will reopen on Friday," Maria Lopez said.'
    )
    assert [speaker for _, _, speaker in rows(nlp, text)] == ["Maria Lopez", "Maria Lopez"]


@pytest.mark.parametrize(
    "text",
    [
        'He said "this never closes and the article just ends',
        'Odd " marks " everywhere " in " this " text.',
        "Mixed “curly start and straight end\" and 'single' marks’ too.",
        '"' * 7,
        'She said "' + "very long quote " * 1300 + '" and left.',
        "",
        "\n\n\n",
    ],
)
def test_bad_input_never_raises(nlp, text):
    doc = nlp(text)
    assert len(doc.spans[QUOTES]) == len(doc._.quotes)
    for info in doc._.quotes:
        assert 0 <= info["start"] < info["end"] <= len(doc.text)


def test_an_unclosed_quote_is_recovered_and_reported(nlp):
    doc = nlp('The minister said "we will never give up.\n\nThe next paragraph is narration.')
    texts = [doc.text[q["start"] : q["end"]] for q in doc._.quotes if q["kind"] != "indirect"]
    assert texts == ["we will never give up."]
    assert any("never closed" in problem for problem in doc._.problems)
