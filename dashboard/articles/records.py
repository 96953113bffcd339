"""Article records: what ingestion hands to the NLP step. No spaCy here."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph; number 0 is the headline, body paragraphs count from 1.

    ``text`` is the normalised text (odd spaces folded); ``offsets[i]`` is the offset in
    the article's ``source_text`` of ``text[i]``, so every span maps back to the file.
    """

    number: int
    text: str
    offsets: Sequence[int] = field(repr=False)  # a range when nothing was folded

    @property
    def start(self) -> int:
        return self.offsets[0]

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1


@dataclass(frozen=True)
class Article:
    """An article file read, cleaned and split into paragraphs."""

    id: str
    path: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    source_text: str = field(repr=False)
    content_hash: str
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    credit: str | None = None
    warnings: tuple[str, ...] = field(default=(), compare=False)  # metadata left out, one line each

    @cached_property
    def text(self) -> str:
        """The text the NLP pipeline sees: paragraphs joined by blank lines."""
        return PARAGRAPH_SEPARATOR.join(p.text for p in self.paragraphs)

    @property
    def word_count(self) -> int:
        return sum(len(p.text.split()) for p in self.paragraphs)

    @cached_property
    def _starts(self) -> list[int]:
        starts, pos = [], 0
        for p in self.paragraphs:
            starts.append(pos)
            pos += len(p.text) + len(PARAGRAPH_SEPARATOR)
        return starts

    def locate(self, char: int) -> tuple[int, int]:
        """(paragraph number, offset in source_text) of character ``char`` of ``self.text``.

        A character in a separator belongs to the paragraph before it.
        """
        starts = self._starts
        index = max(bisect.bisect_right(starts, char) - 1, 0)
        paragraph = self.paragraphs[index]
        within = min(char - starts[index], len(paragraph.text) - 1)
        return paragraph.number, paragraph.offsets[max(within, 0)]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) character span of ``self.text`` to ``source_text`` offsets."""
        _, source_start = self.locate(start)
        _, last = self.locate(max(end - 1, start))
        return source_start, last + 1
