"""Token → sentence, built once per Doc (``Token.sent`` walks the sentence on every call)."""

from __future__ import annotations

from spacy.tokens import Doc, Span


class Sentences:
    """The Doc's sentences in order and each token's sentence number."""

    def __init__(self, doc: Doc) -> None:
        self.spans: list[Span] = list(doc.sents)
        self.number: list[int] = [0] * len(doc)
        for n, sent in enumerate(self.spans):
            for i in range(sent.start, sent.end):
                self.number[i] = n

    def of(self, i: int) -> Span:
        """The sentence holding token ``i``."""
        return self.spans[self.number[i]]

    def start(self, i: int) -> int:
        """Index of the first token of token ``i``'s sentence."""
        return self.spans[self.number[i]].start if self.spans else 0
