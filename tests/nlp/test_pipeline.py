"""The pipeline's tokenizer and preset sentence bounds: a double quotation mark typed against a
word is a token of its own; a title abbreviation never ends a sentence (texts written for the test)."""

from __future__ import annotations

import pytest

from dashboard.nlp import QUOTES

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ('Ryan said,"Look here."', ["Ryan", "said", ",", '"', "Look", "here", ".", '"']),
        ("Ryan said,“Look here.”", ["Ryan", "said", ",", "“", "Look", "here", ".", "”"]),
        ('"It was late,"Ann Cole said.', ['"', "It", "was", "late", ",", '"', "Ann", "Cole", "said", "."]),
        ("He said“no” twice.", ["He", "said", "“", "no", "”", "twice", "."]),
        # apostrophes and single marks stay inside words; a mark after a number is its unit
        ("O’Neill doesn’t stop.", ["O’Neill", "does", "n’t", "stop", "."]),
        ("He is 5'11\" tall.", ["He", "is", "5'11", '"', "tall", "."]),
    ],
)
def test_a_double_mark_typed_against_a_word_is_its_own_token(nlp, text, tokens):
    assert [t.text for t in nlp.tokenizer(text)] == tokens


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Ryan said,"Look, these pictures have no place in a campaign."', "Ryan"),
        ('"It has been the most surprising thing to me,"Ann Cole said.', "Ann Cole"),
    ],
)
def test_a_quote_typed_without_a_space_keeps_its_speaker(nlp, text, speaker):
    quotes = nlp(text)._.get(QUOTES)
    assert [(q["kind"], q["speaker"]) for q in quotes] == [("direct", speaker)]


@pytest.mark.parametrize(
    ("heading", "sentence"),
    [("The vote", "Gen. Tom Baker said the bridge would open."), ("Title", "Rep. Gwen Moore said it."),
     ("The vote", "Sen. Ann Cole said the bridge would open.")],
)
def test_a_title_abbreviation_opening_a_paragraph_does_not_end_a_sentence(nlp, heading, sentence):
    doc = nlp(f"{heading}\n\n{sentence}")
    assert [s.text.strip() for s in doc.sents] == [heading, sentence]
