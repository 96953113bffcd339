"""Pure string helpers for actor names: keys for matching, slugs for ids."""

from __future__ import annotations

import functools
import re
import unicodedata

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_POSSESSIVE = re.compile(r"(?:'s|')$")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Accents removed and case folded: "Erdoğan" → "erdogan"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def latin_name(text: str) -> bool:
    """Whether every letter of a name is a Latin letter ("Dubé" yes, "و" no)."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(_latin(ch) for ch in letters)


def foreign_script(text: str) -> bool:
    """Whether a name has letters and none of them is Latin ("Тюмень", "习近平")."""
    return any(ch.isalpha() for ch in text) and not any(_latin(ch) for ch in text)


def _latin(ch: str) -> bool:
    return "LATIN" in unicodedata.name(ch, "")


@functools.lru_cache(maxsize=65_536)
def name_key(text: str) -> str:
    """The form names are compared in: folded, brackets, possessive and leading "the" off.

    "The Kremlin", "Kremlin’s" and "[Kremlin]" share one key.
    """
    words = fold(text).replace("[", " ").replace("]", " ").split()
    if words and words[0] == "the":
        words = words[1:]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    return " ".join(w for w in (_EDGE.sub("", w) if len(w) > 1 else w for w in words) if w)


def name_tokens(text: str) -> tuple[str, ...]:
    """The words of a name key: "Joe Biden's" → ("joe", "biden")."""
    return tuple(name_key(text).split())


def slug(name: str) -> str:
    """An id from a canonical name: "Joe Biden" → "joe-biden"."""
    return _SLUG.sub("-", fold(name)).strip("-") or "actor"


def unique_ids(names: list[str]) -> list[str]:
    """Slugs of ``names``, with "-2", "-3"… added where two would collide."""
    seen: dict[str, int] = {}
    ids = []
    for name in names:
        base = slug(name)
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids
