"""Gender of a person's name or role noun, from editable word lists (a heuristic).

``data/first_names.toml`` lists given names, ``data/gendered_words.toml`` titles, role
and kin nouns. Both are deliberately incomplete: an unknown name or word gives None,
which every caller treats as "could be anyone". A name listed under both genders is
unknown. The functions are pure; the lexicon is read once.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from dashboard import settings
from dashboard.errors import DataFileError
from dashboard.lexicons import load_toml

Gender = Literal["male", "female"]
GENDERS: tuple[Gender, Gender] = ("male", "female")
FIRST_NAMES_FILE = settings.FIRST_NAMES_FILE
GENDERED_WORDS_FILE = settings.GENDERED_WORDS_FILE


@dataclass(frozen=True)
class GenderLexicon:
    """Folded given names and words of each gender; ``couple_words`` ⊂ gendered words."""

    names: dict[str, Gender]
    words: dict[str, Gender]
    couple_words: frozenset[str] = frozenset()


def fold(word: str) -> str:
    """Lower case, accents off, final full stop off: "José" → "jose", "Mr." → "mr"."""
    decomposed = unicodedata.normalize("NFKD", word.strip().lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).rstrip(".")


def _by_gender(sections: dict[Gender, Iterable[str]]) -> dict[str, Gender]:
    """word → gender; a word listed under both genders is left out (ambiguous)."""
    seen: dict[str, set[Gender]] = {}
    for gender, words in sections.items():
        for word in words:
            seen.setdefault(fold(word), set()).add(gender)
    return {word: next(iter(genders)) for word, genders in seen.items() if len(genders) == 1 and word}


def _strings(value: Any, where: str) -> list[str]:
    if isinstance(value, dict):  # a table of lists (regional groups)
        return [w for key, v in value.items() for w in _strings(v, f"{where}.{key}")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"{where}: expected a list of strings")
    return value


def lexicon_from_dicts(names: dict[str, Any], words: dict[str, Any]) -> GenderLexicon:
    """Build the lexicon from the parsed TOML files (raises DataFileError on bad entries)."""
    gendered = _by_gender(
        {g: _strings(words.get(g, {}).get("words", []), f"gendered_words.{g}") for g in GENDERS}
    )
    couples = _strings(words.get("couples", {}).get("words", []), "gendered_words.couples")
    return GenderLexicon(
        names=_by_gender({g: _strings(names.get(g, []), f"first_names.{g}") for g in GENDERS}),
        words=gendered,
        couple_words=frozenset(fold(w) for w in couples if fold(w) in gendered),
    )


@functools.lru_cache(maxsize=4)
def load_gender_lexicon(names_path: Path | str | None = None, words_path: Path | str | None = None) -> GenderLexicon:
    """The lexicon from the two data files, read once (raises DataFileError)."""
    return lexicon_from_dicts(
        load_toml(names_path or FIRST_NAMES_FILE), load_toml(words_path or GENDERED_WORDS_FILE)
    )


def _default() -> GenderLexicon:
    try:
        return load_gender_lexicon()
    except DataFileError:
        return GenderLexicon({}, {})


def gender_of_word(word: str, lexicon: GenderLexicon | None = None) -> Gender | None:
    """ "spokeswoman" → female, "Mr." → male, "president" → None."""
    return (lexicon or _default()).words.get(fold(word))


def gender_of_words(words: Iterable[str], lexicon: GenderLexicon | None = None) -> Gender | None:
    """The gender the gendered words of a phrase agree on ("the mother of two" → female);
    None when there are none or they disagree ("the spokesman for the queen")."""
    lexicon = lexicon or _default()
    found = {g for g in (lexicon.words.get(fold(w)) for w in words) if g}
    return found.pop() if len(found) == 1 else None


def gender_of_name(name: str, lexicon: GenderLexicon | None = None) -> Gender | None:
    """Gender of a person's name from a leading gendered title ("Mrs Ng") or else its first
    word, a given name ("Louise Turpin" → female); hyphenated names whole, then by the
    first part ("Jean-Marc"). Unknown → None."""
    lexicon = lexicon or _default()
    words = name.replace("’", "'").split()
    if words and fold(words[0]) in lexicon.words:
        return lexicon.words[fold(words[0])]
    if not words:
        return None
    first = fold(words[0])
    if first in lexicon.names:
        return lexicon.names[first]
    return lexicon.names.get(first.split("-")[0]) if "-" in first else None
