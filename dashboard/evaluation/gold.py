"""Gold annotation files (JSON, one per article) → frozen records.

Schema (see the project README): ``article`` (file name), optional ``speaker_match``
("exact" | "surname"), ``quotes[]`` {text, speaker, speaker_alternatives, cue, kind,
optional speaker_is_pronoun}, ``indirect_quotes[]`` {speaker, cue, sentence_start},
``actors[]`` {name, type, aliases, mentions}, optional ``topics`` {topic: [paragraphs]}.
Anything missing or of the wrong type raises ``GoldError`` naming the file and the field.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dashboard.errors import DashboardError

QUOTE_KINDS = ("direct", "partial", "scare")
SPEAKER_MATCHES = ("exact", "surname")


class GoldError(DashboardError):
    """A gold file that cannot be read; ``str()`` names the file and the problem."""


@dataclass(frozen=True)
class GoldQuote:
    text: str
    speaker: str | None
    speaker_alternatives: tuple[str, ...]
    cue: str | None
    kind: str
    speaker_is_pronoun: bool = False  # the source is a pronoun: not judged (surname convention)


@dataclass(frozen=True)
class GoldIndirect:
    speaker: str | None
    cue: str | None
    sentence_start: str


@dataclass(frozen=True)
class GoldActor:
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "mentions": self.mentions,
        }


@dataclass(frozen=True)
class GoldArticle:
    path: str
    article: str
    quotes: tuple[GoldQuote, ...]
    indirect_quotes: tuple[GoldIndirect, ...]
    actors: tuple[GoldActor, ...]
    topics: tuple[tuple[str, tuple[int, ...]], ...]
    speaker_match: str = "exact"  # "surname": speakers are source spans as written (PolNeAR)


def gold_files(paths: Iterable[Path | str]) -> list[Path]:
    """The gold JSON files named by ``paths``: files as given, folders searched recursively."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(path.rglob("*.json")))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def load_gold(path: Path | str) -> GoldArticle:
    """Read one gold file."""
    name = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldError(f"{name}: no such gold file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GoldError(f"{name}: not a readable JSON gold file ({error})") from None
    return parse_gold(data, path=name)


def parse_gold(data: Any, *, path: str = "<gold>") -> GoldArticle:
    """Validate an already-parsed gold object."""
    if not isinstance(data, dict):
        raise GoldError(f"{path}: a gold file must hold a JSON object")
    article = _text(data, "article", path)
    quotes = tuple(_quote(q, f"{path}: quotes[{i}]") for i, q in enumerate(_list(data, "quotes", path)))
    indirect = tuple(
        _indirect(q, f"{path}: indirect_quotes[{i}]")
        for i, q in enumerate(_list(data, "indirect_quotes", path, required=False))
    )
    actors = tuple(_actor(a, f"{path}: actors[{i}]") for i, a in enumerate(_list(data, "actors", path, required=False)))
    speaker_match = data.get("speaker_match", "exact")
    if speaker_match not in SPEAKER_MATCHES:
        raise GoldError(f"{path}: speaker_match {speaker_match!r} is not one of {', '.join(SPEAKER_MATCHES)}")
    return GoldArticle(path, article, quotes, indirect, actors, _topics(data.get("topics"), path), speaker_match)


def _list(data: dict[str, Any], key: str, where: str, *, required: bool = True) -> list[Any]:
    value = data.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list):
        raise GoldError(f"{where}: field '{key}' must be a list")
    return value


def _text(data: Any, key: str, where: str, *, nullable: bool = False) -> Any:
    if not isinstance(data, dict):
        raise GoldError(f"{where}: must be a JSON object")
    value = data.get(key)
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not value:
        raise GoldError(f"{where}: field '{key}' must be a non-empty string")
    return value


def _strings(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GoldError(f"{where}: field '{key}' must be a list of strings")
    return tuple(value)


def _quote(data: Any, where: str) -> GoldQuote:
    text = _text(data, "text", where)
    kind = _text(data, "kind", where)
    if kind not in QUOTE_KINDS:
        raise GoldError(f"{where}: kind {kind!r} is not one of {', '.join(QUOTE_KINDS)}")
    return GoldQuote(
        text=text,
        speaker=_text(data, "speaker", where, nullable=True),
        speaker_alternatives=_strings(data, "speaker_alternatives", where),
        cue=_text(data, "cue", where, nullable=True),
        kind=kind,
        speaker_is_pronoun=_flag(data, "speaker_is_pronoun", where),
    )


def _flag(data: dict[str, Any], key: str, where: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise GoldError(f"{where}: field '{key}' must be true or false")
    return value


def _indirect(data: Any, where: str) -> GoldIndirect:
    return GoldIndirect(
        speaker=_text(data, "speaker", where, nullable=True),
        cue=_text(data, "cue", where, nullable=True),
        sentence_start=_text(data, "sentence_start", where),
    )


def _actor(data: Any, where: str) -> GoldActor:
    mentions = data.get("mentions", 0) if isinstance(data, dict) else 0
    if not isinstance(mentions, int):
        raise GoldError(f"{where}: field 'mentions' must be an integer")
    return GoldActor(
        name=_text(data, "name", where),
        type=_text(data, "type", where),
        aliases=_strings(data, "aliases", where),
        mentions=mentions,
    )


def _topics(data: Any, where: str) -> tuple[tuple[str, tuple[int, ...]], ...]:
    if data is None:
        return ()
    if not isinstance(data, dict):
        raise GoldError(f"{where}: field 'topics' must be an object")
    topics = []
    for name, paragraphs in data.items():
        if name == "note":
            continue
        if not isinstance(paragraphs, list) or not all(isinstance(p, int) for p in paragraphs):
            raise GoldError(f"{where}: topics[{name!r}] must be a list of paragraph numbers")
        topics.append((name, tuple(paragraphs)))
    return tuple(topics)
