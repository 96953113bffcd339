"""The attribution lexicon (data/reporting_verbs.toml) as a frozen record."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from dashboard import settings
from dashboard.errors import DataFileError
from dashboard.lexicons import load_toml


@dataclass(frozen=True)
class Cues:
    """Lemmas that attribute speech. ``phrasal`` maps a verb lemma to its particles."""

    verbs: frozenset[str]
    phrasal: tuple[tuple[str, str], ...]
    documents: frozenset[str]
    sources: tuple[tuple[str, ...], ...]

    def is_verb(self, lemma: str) -> bool:
        return lemma.lower() in self.verbs

    def is_document(self, lemma: str) -> bool:
        return lemma.lower() in self.documents


def _words(table: dict, *keys: str) -> list[str]:
    value: object = table
    for key in keys:
        value = value.get(key, {}) if isinstance(value, dict) else {}
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"reporting verbs: {'.'.join(keys)} must be a list of strings")
    return [v.strip().lower() for v in value if v.strip()]


def cues_from(data: dict) -> Cues:
    """Build the lexicon from parsed TOML (a dict)."""
    verbs = _words(data, "verbs", "speech")
    phrasal = tuple(
        (pair.split()[0], " ".join(pair.split()[1:])) for pair in _words(data, "verbs", "phrasal", "pairs")
        if len(pair.split()) > 1
    )
    return Cues(
        verbs=frozenset(verbs),
        phrasal=phrasal,
        documents=frozenset(_words(data, "nouns", "documents")),
        sources=tuple(tuple(s.split()) for s in _words(data, "prepositions", "source")),
    )


@functools.lru_cache(maxsize=4)
def load_cues(path: Path | str | None = None) -> Cues:
    """The lexicon from ``settings.REPORTING_VERBS_FILE`` (or ``path``), read once."""
    return cues_from(load_toml(path or settings.REPORTING_VERBS_FILE))
