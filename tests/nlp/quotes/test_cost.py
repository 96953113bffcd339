"""What the quote rules read grows with the quotes, not with the sentence or paragraph they
sit in: work is counted (tokens read, rows compared), never timed. Texts written for the test."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from dashboard.nlp.quotes.context import WINDOW, QuoteContext
from dashboard.nlp.quotes.cues import load_cues
from dashboard.nlp.quotes.marks import quoted_spans
from dashboard.nlp.quotes.speakers import SpeakerResolver

pytestmark = pytest.mark.model


class _CountingDoc:
    """A Doc that counts the tokens handed out one by one and through slices."""

    def __init__(self, doc: Doc) -> None:
        self._doc = doc
        self.tokens = 0

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        found = self._doc[key]
        self.tokens += len(found) if isinstance(key, slice) else 1
        return found

    def __len__(self) -> int:
        return len(self._doc)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._doc, name)


def _tokens_read(nlp, text: str) -> tuple[int, int, int]:
    """(tokens read by ``outside`` over every quote, tokens it returned, quotes)."""
    doc = nlp(text)
    cues = load_cues()
    resolver = SpeakerResolver(doc, cues)
    ctx = QuoteContext.build(doc, quoted_spans(resolver.text), resolver, cues)
    counting = _CountingDoc(doc)
    ctx.doc = counting  # type: ignore[assignment]
    returned = 0
    for index in range(len(ctx.marks.spans)):
        returned += len(ctx.outside(index)) + len(ctx.outside(index, next_sentence=True))
    return counting.tokens, returned, len(ctx.marks.spans)


def test_outside_reads_only_the_words_it_returns(nlp) -> None:
    """A sentence listing hundreds of quoted words has almost nothing outside quotes: the
    quotation marks and spaces around each quote are never turned into Tokens."""
    text = "Lee listed " + " ".join(f'"w{i}"' for i in range(300)) + "."
    read, returned, quotes = _tokens_read(nlp, text)
    assert quotes == 300
    assert read <= returned + 2 * quotes  # the quote's own neighbours at most, not the window


@pytest.mark.parametrize("shape", ["one sentence", "one paragraph of short sentences"])
def test_outside_reads_a_bounded_window_per_quote(nlp, shape: str) -> None:
    def text(n: int) -> str:
        if shape == "one sentence":
            return "Lee listed " + ", ".join(f'"word {i}" with a comment' for i in range(n)) + "."
        return " ".join(f'"Yes {i}." Ann Lee said that.' for i in range(n))

    small_read, _, small = _tokens_read(nlp, text(40))
    large_read, _, large = _tokens_read(nlp, text(320))
    assert large_read / large <= 1.2 * small_read / small
    assert large_read / large <= 6 * WINDOW
