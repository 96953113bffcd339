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
    """Lemmas that attribute speech. ``phrasal`` maps a verb lemma to its particles.

    ``naming`` verbs ("called", "dubbed") give a thing a name: a quote they attach to a noun
    with no speaker of its own is a name, not speech; ``things`` are nouns that never speak
    ("results", "the border closure"): no speaker; ``persons`` are the common nouns for a
    person a pronoun may refer back to ("the minister"), ``groups`` those for a group or an
    organisation ("the council": never a "he" or "she");
    ``speech`` nouns name an act of saying ("claim", "call"): a quote in what one holds is
    said by its possessor, or by the subject of an ``issuing`` verb that has the noun as
    its object ("issued a statement, "..."", "made the claim that "..."");
    ``interview_tags`` are regular expressions for the speaker tag opening a paragraph of an
    interview transcript ("((WN))", "Q:").

    ``weak`` verbs ("call", "speak", "think") attribute a quote only when the parse attaches
    the quote to them, or with a listed particle ("called on"); ``anaphoric`` nouns
    ("this person") refer back to someone already in the story; ``scare`` words right before
    a quote ("so-called") make it a scare quote; ``titles`` are nouns right before a quoted
    title-cased name that make it the name of a work or thing ('his book "An American Son"').
    """

    verbs: frozenset[str]
    phrasal: tuple[tuple[str, str], ...]
    documents: frozenset[str]
    sources: tuple[tuple[str, ...], ...]
    weak: frozenset[str] = frozenset()
    anaphoric: frozenset[str] = frozenset()
    scare: tuple[str, ...] = ()
    naming: frozenset[str] = frozenset()
    things: frozenset[str] = frozenset()
    persons: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    speech: frozenset[str] = frozenset()
    issuing: frozenset[str] = frozenset()
    interview_tags: tuple[str, ...] = ()
    titles: frozenset[str] = frozenset()

    def is_verb(self, lemma: str) -> bool:
        """Any cue verb, strong or weak."""
        return lemma.lower() in self.verbs or lemma.lower() in self.weak

    def is_weak(self, lemma: str) -> bool:
        return lemma.lower() in self.weak

    @functools.cached_property
    def phrasal_verbs(self) -> frozenset[str]:
        """The verb lemmas of the phrasal pairs ("go" of "go on")."""
        return frozenset(lemma for lemma, _ in self.phrasal)

    def is_document(self, lemma: str) -> bool:
        return lemma.lower() in self.documents

    def can_speak(self, *words: str) -> bool:
        """Whether any of ``words`` (a noun's lemma, its form) is a listed person or group noun."""
        return any(w.lower() in self.persons or w.lower() in self.groups for w in words)

    def is_group(self, *words: str) -> bool:
        return any(w.lower() in self.groups for w in words)


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
    weak = frozenset(_words(data, "verbs", "weak")) if "weak" in data.get("verbs", {}) else frozenset()
    phrasal = tuple(
        (pair.split()[0], " ".join(pair.split()[1:])) for pair in _words(data, "verbs", "phrasal", "pairs")
        if len(pair.split()) > 1
    )
    return Cues(
        verbs=frozenset(verbs),
        phrasal=phrasal,
        documents=frozenset(_words(data, "nouns", "documents")),
        sources=tuple(tuple(s.split()) for s in _words(data, "prepositions", "source")),
        weak=weak - frozenset(verbs),
        anaphoric=frozenset(_words(data, "nouns", "anaphoric")) if "anaphoric" in data.get("nouns", {})
        else frozenset(),
        scare=tuple(_words(data, "markers", "scare")) if "scare" in data.get("markers", {}) else (),
        naming=frozenset(_optional(data, "verbs", "naming")),
        things=frozenset(_optional(data, "nouns", "things")),
        persons=frozenset(_optional(data, "nouns", "persons")),
        groups=frozenset(_optional(data, "nouns", "groups")),
        speech=frozenset(_optional(data, "nouns", "speech")),
        issuing=frozenset(_optional(data, "verbs", "issuing")),
        interview_tags=tuple(_optional(data, "markers", "interview_tags", lower=False)),
        titles=frozenset(_optional(data, "markers", "titles")),
    )


def _optional(table: dict, *keys: str, lower: bool = True) -> list[str]:
    """A list that may be absent (→ empty); when present it must be a list of strings."""
    value: object = table
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return []
        value = value[key]
    words = _words({"list": value}, "list")  # checks that it is a list of strings
    if lower or not isinstance(value, list):
        return words
    return [str(v).strip() for v in value if str(v).strip()]


@functools.lru_cache(maxsize=4)
def load_cues(path: Path | str | None = None) -> Cues:
    """The lexicon from ``settings.REPORTING_VERBS_FILE`` (or ``path``), read once."""
    return cues_from(load_toml(path or settings.REPORTING_VERBS_FILE))
