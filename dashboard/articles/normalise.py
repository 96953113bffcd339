"""Whitespace normalisation that remembers where every character came from."""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence

# Zero-width characters are dropped; every other Unicode space separator (no-break,
# thin, narrow no-break, figure, ideographic ...) and any line break becomes one space.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


def _is_space(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) == "Zs"


# Text that needs no change: no zero-width character, no whitespace but single spaces
# between words. Most paragraphs are like this; they skip the character loop.
_NEEDS_WORK = re.compile(rf"[{''.join(sorted(ZERO_WIDTH))}]|[^\S ]|  |^\s|\s$")  # \s includes odd spaces


def normalise_block(text: str, base: int = 0) -> tuple[str, Sequence[int]]:
    """Fold runs of (odd) whitespace to one space, trim, drop zero-width characters.

    Returns the clean text and, for each of its characters, the offset of the character
    it came from in the original string (plus ``base``).
    """
    if not _NEEDS_WORK.search(text):
        return text, range(base, base + len(text))  # O(1) memory for the common case
    chars: list[str] = []
    offsets: list[int] = []
    pending_space: int | None = None
    for i, char in enumerate(text):
        if char in ZERO_WIDTH:
            continue
        if _is_space(char):
            if pending_space is None:
                pending_space = i
            continue
        if pending_space is not None and chars:
            chars.append(" ")
            offsets.append(base + pending_space)
        pending_space = None
        chars.append(char)
        offsets.append(base + i)
    return "".join(chars), array("q", offsets)  # 8 bytes a character, not a tuple of ints
