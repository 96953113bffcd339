"""Where a Doc character sits in the article: paragraph, sentence, source offset."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span

from dashboard.articles import Article


class Positions:
    """Built once per (Doc, Article); answers position questions for extractors."""

    def __init__(self, doc: Doc, article: Article) -> None:
        self.article = article
        self._sent_starts: list[int] = []
        self._sent_numbers: list[tuple[int, int]] = []
        counts: dict[int, int] = {}
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            first = next(t for t in sent if not t.is_space)
            paragraph, _ = article.locate(first.idx)
            counts[paragraph] = counts.get(paragraph, 0) + 1
            self._sent_starts.append(sent.start_char)
            self._sent_numbers.append((paragraph, counts[paragraph]))

    def paragraph_sentence(self, char: int) -> tuple[int, int]:
        """(paragraph number, sentence number within it) of a Doc character offset."""
        index = max(bisect.bisect_right(self._sent_starts, char) - 1, 0)
        if not self._sent_numbers:
            return self.article.locate(char)[0], 1
        return self._sent_numbers[index]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Doc character span → offsets into the article's original text."""
        return self.article.source_span(start, end)

    def of_span(self, span: Span) -> tuple[int, int, int, int]:
        """(paragraph, sentence, source start, source end) of a span."""
        paragraph, sentence = self.paragraph_sentence(span.start_char)
        start, end = self.source_span(span.start_char, span.end_char)
        return paragraph, sentence, start, end
