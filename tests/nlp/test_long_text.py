"""A long text is parsed in pieces (on two processes when it can) and joined into one Doc:
the pieces join back into the text, and the joined Doc gives the records one Doc gives.
Texts written for the test; the length limits are lowered so that they stay small."""

from __future__ import annotations

import pytest

from dashboard import settings
from dashboard.nlp import ACTOR_MENTIONS, QUOTES
from dashboard.nlp.pipeline import parse_chunks, parse_text

PARAGRAPH = ('"The bridge will be finished by spring," Mayor Ann Lee said on Monday. "We have waited long '
             'enough." Tom Baker, who leads the opposition, called the plan "reckless". He said the vote '
             'was rushed.')


@pytest.mark.parametrize(
    "text",
    [
        "\n\n".join([PARAGRAPH] * 12),  # paragraphs
        " ".join([PARAGRAPH] * 12),  # one paragraph of sentences
        "Lee listed " + " ".join(f'"w{i}"' for i in range(400)) + ".",  # one sentence
        "x" * 700 + " " + "y" * 700,  # no whitespace for a whole piece
        "Short text.",
    ],
)
def test_pieces_join_back_into_the_text_and_end_at_whitespace(text: str) -> None:
    pieces = parse_chunks(text, 300)
    assert "".join(pieces) == text
    assert all(piece for piece in pieces)
    assert all(piece[-1].isspace() for piece in pieces[:-1])
    assert all(not piece[0].isspace() for piece in pieces[1:])
    assert all(len(piece) <= 300 for piece in pieces if " " in piece[:300])


def test_pieces_end_at_a_paragraph_break_else_a_sentence_end() -> None:
    by_paragraph = parse_chunks("\n\n".join([PARAGRAPH] * 12), 600)
    assert all(piece.endswith("\n\n") for piece in by_paragraph[:-1])
    by_sentence = parse_chunks(" ".join([PARAGRAPH] * 12), 600)
    assert all(piece.rstrip()[-1] in '."' for piece in by_sentence[:-1])


@pytest.mark.model
@pytest.mark.parametrize("processes", [1, 2])
def test_a_long_text_gives_the_quotes_and_actors_of_one_doc(nlp, monkeypatch, processes: int) -> None:
    text = "Council votes\n\n" + "\n\n".join([PARAGRAPH] * 20)
    whole = nlp(text)
    monkeypatch.setattr(settings, "LONG_TEXT_CHARS", 1_000)
    monkeypatch.setattr(settings, "PARSE_CHUNK_CHARS", 700)
    assert len(parse_chunks(text)) > 4
    doc = parse_text(text, n_process=processes)
    assert doc.text == text
    assert [t.text for t in doc] == [t.text for t in whole]
    assert doc._.quotes == whole._.quotes  # kinds, speakers, cues, rules, offsets
    assert [(s.start, s.end, s.kb_id_) for s in doc.spans[QUOTES]] == [
        (s.start, s.end, s.kb_id_) for s in whole.spans[QUOTES]]
    assert doc._.actors == whole._.actors
    assert [(s.start, s.end, s.kb_id_) for s in doc.spans[ACTOR_MENTIONS]] == [
        (s.start, s.end, s.kb_id_) for s in whole.spans[ACTOR_MENTIONS]]


@pytest.mark.model
def test_a_short_text_is_one_doc(nlp, monkeypatch) -> None:
    calls = []
    monkeypatch.setattr("dashboard.nlp.pipeline.parse_chunks", lambda *a, **k: calls.append(a) or [])
    doc = parse_text(PARAGRAPH)
    assert not calls and doc._.quotes == nlp(PARAGRAPH)._.quotes
