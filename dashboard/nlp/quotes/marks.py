"""Quoted spans found from characters alone (no spaCy): which marks open and close quotes.

Handles straight and curly double quotes, single quotes used as quotation marks (told
apart from apostrophes by the characters on either side: "don't", "Russia’s", "the '90s",
"the Workers' Party" are not quotes), quotes nested inside quotes, and the journalistic
convention of a quote that runs over paragraphs (the paragraph is left open and the next
one re-opens with a new mark). Unbalanced marks never raise: what can be recovered is
returned, and each problem is reported as one line in ``QuoteMarks.problems``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.nlp.quotes.grammar import (
    DOUBLE,
    DOUBLE_CLOSE,
    DOUBLE_OPEN,
    MARKS,
    SINGLE,
    SINGLE_CLOSE,
    SINGLE_EITHER,
    SINGLE_OPEN,
)

_OPEN_CONTEXT = "([{—–-/" + DOUBLE + SINGLE  # characters after which a mark opens
_CLOSE_CONTEXT = ".,;:!?)]}…—–-" + DOUBLE + SINGLE  # characters before which a mark closes
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")

OPEN, CLOSE, EITHER = "open", "close", "either"


@dataclass(frozen=True)
class QuotedSpan:
    """The characters between a pair of quotation marks, ``text[start:end]``.

    ``depth`` 0 is a top-level quote; ``parent`` is the index of the enclosing quote;
    ``continues`` is the index of the previous part of a quote that runs over paragraphs;
    ``closed`` is False when the closing mark was missing and the span was recovered.
    """

    start: int
    end: int
    mark: str
    depth: int = 0
    parent: int | None = None
    continues: int | None = None
    closed: bool = True


@dataclass(frozen=True)
class QuoteMarks:
    spans: tuple[QuotedSpan, ...]
    problems: tuple[str, ...]


@dataclass(frozen=True)
class _Open:
    position: int
    mark: str
    double: bool


def _is_open_side(char: str) -> bool:
    return char == "" or char.isspace() or char in _OPEN_CONTEXT


def _is_close_side(char: str) -> bool:
    return char == "" or char.isspace() or char in _CLOSE_CONTEXT


def mark_role(text: str, i: int) -> str | None:
    """"open", "close", "either" for a quotation mark at ``text[i]``; None for an apostrophe
    or a character that is not a quotation mark."""
    char = text[i]
    if char not in MARKS:
        return None
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if char in DOUBLE_OPEN or char in SINGLE_OPEN:
        return None if char in SINGLE_OPEN and after.isdigit() else OPEN
    if char in DOUBLE_CLOSE or char in SINGLE_CLOSE:
        return CLOSE
    opens, closes = _is_open_side(before), _is_close_side(after)
    if char in SINGLE_EITHER:
        if before.isalnum() and after.isalnum():
            return None  # don't, Russia’s
        if opens and after.isdigit():
            return None  # the '90s
        if opens and not closes:
            return OPEN
        if closes and not opens:
            return CLOSE  # a closing quote, or a plural possessive (decided by pairing)
        return None
    if opens and not closes:
        return OPEN
    if closes and not opens:
        return CLOSE
    return EITHER


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _opens_paragraph(text: str, start: int, position: int) -> bool:
    return not text[start:position].strip()


def quoted_spans(text: str) -> QuoteMarks:
    """Every quoted span of ``text`` in order of its opening mark."""
    raw: list[tuple[int, int, str, bool, bool]] = []  # start, end, mark, closed, continued
    problems: list[str] = []
    for p_start, p_end in _paragraphs(text):
        stack: list[_Open] = []
        for i in range(p_start, p_end):
            role = mark_role(text, i)
            if role is None:
                continue
            double = text[i] in DOUBLE
            if double:
                open_double = next((k for k in range(len(stack) - 1, -1, -1) if stack[k].double), None)
                if role == OPEN or (role == EITHER and open_double is None):
                    stack.append(_Open(i, text[i], True))
                elif open_double is not None:
                    opened = stack[open_double]
                    del stack[open_double:]  # single marks left open inside were apostrophes
                    raw.append((opened.position + 1, i, opened.mark, True, False))
                else:
                    problems.append(f"closing quotation mark with no opening mark at character {i}")
            else:
                if role == OPEN:
                    stack.append(_Open(i, text[i], False))
                elif stack and not stack[-1].double:
                    opened = stack.pop()
                    raw.append((opened.position + 1, i, opened.mark, True, False))
        stack = [entry for entry in stack if entry.double]
        if stack:
            first = stack[0]
            end = p_end
            while end > first.position + 1 and text[end - 1].isspace():
                end -= 1
            following = text[p_end:].lstrip()
            continued = (
                _opens_paragraph(text, p_start, first.position)
                and bool(following)
                and following[0] in DOUBLE
                and mark_role(text, len(text) - len(following)) in (OPEN, EITHER)
            )
            if not continued:
                problems.append(
                    f"quotation mark at character {first.position} is never closed; "
                    "quote taken to the end of its paragraph"
                )
            raw.append((first.position + 1, end, first.mark, False, continued))
            for inner in stack[1:]:
                problems.append(f"quotation mark at character {inner.position} is never closed")
    return QuoteMarks(_link(raw), tuple(problems))


def _link(raw: list[tuple[int, int, str, bool, bool]]) -> tuple[QuotedSpan, ...]:
    """Order spans by position; find each one's parent and its continued predecessor."""
    raw.sort(key=lambda r: (r[0], -r[1]))
    spans: list[QuotedSpan] = []
    open_chain: list[int] = []  # indices of spans that may still contain the next one
    previous_continued: int | None = None
    for start, end, mark, closed, continued in raw:
        while open_chain and spans[open_chain[-1]].end < end:
            open_chain.pop()
        parent = open_chain[-1] if open_chain else None
        depth = spans[parent].depth + 1 if parent is not None else 0
        continues = None
        if parent is None and previous_continued is not None:
            continues = previous_continued
            previous_continued = None
        spans.append(QuotedSpan(start, end, mark, depth, parent, continues, closed))
        index = len(spans) - 1
        open_chain.append(index)
        if continued:
            previous_continued = index
    return tuple(spans)
