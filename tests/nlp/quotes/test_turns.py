"""Unquoted transcript turns (dashboard.nlp.quotes.turns) on texts written for the tests (real pipeline)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

RADIO = (
    "Tom Baker spoke with harbour master Anna Holt on the morning show.\n\n"
    "BAKER: When will the bridge reopen?\n\n"
    "HOLT: We hope to reopen it in May, once the divers have finished.\n\n"
    "UPDATE: The council confirmed the date on Monday."
)
INTERVIEW = (
    "Our correspondent spoke with the ecologist Maria Lopez about the wetlands.\n\n"
    "((WN)) What drew you to the marshes?\n\n"
    "Maria Lopez: I grew up beside them and watched the herons every spring.\n\n"
    "((WN)) What happens next?\n\n"
    "ML: We will count the nests again in April and publish the figures in June."
)


def turns(nlp, text: str) -> list[tuple[str, str | None, str | None, str]]:
    """(cue, speaker, kind, words) of the rows the transcript rule gave."""
    doc = nlp(text)
    return [(q["cue"], q["speaker"], q["kind"], doc.text[q["start"] : q["end"]])
            for q in doc._.quotes if q["rule"].startswith("transcript_turn")]


def test_each_turn_is_a_direct_quote_of_the_person_its_capital_label_names(nlp) -> None:
    assert turns(nlp, RADIO) == [
        ("BAKER", "Tom Baker", "direct", "When will the bridge reopen?"),
        ("HOLT", "Anna Holt", "direct", "We hope to reopen it in May, once the divers have finished."),
    ]  # "UPDATE:" names nobody


def test_a_whole_name_label_and_then_its_initials(nlp) -> None:
    assert turns(nlp, INTERVIEW) == [
        ("Maria Lopez", "Maria Lopez", "direct", "I grew up beside them and watched the herons every spring."),
        ("ML", "Maria Lopez", "direct", "We will count the nests again in April and publish the figures in June."),
    ]  # the interviewer's "((WN))" questions are no one's quote


def test_no_reported_speech_is_read_inside_a_turn(nlp) -> None:
    text = RADIO.replace("once the divers have finished.", "and the engineers said that the piers are sound.")
    doc = nlp(text)
    assert not [q for q in doc._.quotes if q["kind"] == "indirect"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Anna Holt runs the port.\n\nHOLT: We hope to reopen it in May.\n\nThe council met on Monday.",
                     id="one-label-is-no-transcript"),
        pytest.param("Anna Holt and Ben Holt run the ferry.\n\nHOLT: We sail at six.\n\nHOLT: And back at nine.",
                     id="two-people-of-that-surname"),
        pytest.param("The show began.\n\nHOST: Welcome back.\n\nGUEST: Thank you for having me.",
                     id="labels-the-article-names-nowhere-else"),
        pytest.param("Anna Holt runs the port.\n\nAnna Holt: Our Port Will Reopen Before The Summer Season.\n\n"
                     "Anna Holt: Ferry Fares Will Fall This Winter, Officials Say.", id="title-case-headlines"),
        pytest.param("Anna Holt runs the port and Tom Baker the bridge.\n\nAnna Holt: Ferries and fares\n\n"
                     "Tom Baker: Bridges and tolls", id="a-lone-label-in-the-articles-own-case-is-a-heading"),
        pytest.param('Anna Holt runs the port.\n\nHOLT: "We reopen in May," she told us.\n\nBAKER: Thanks.',
                     id="a-quoted-turn-is-left-to-the-mark-rules"),
    ],
)
def test_no_turn(nlp, text: str) -> None:
    assert turns(nlp, text) == []
