"""The records extractors yield: frozen dataclasses of plain values, no spaCy objects.

Paragraphs are numbered as in the gold files (headline = 0, body from 1); ``sentence``
counts from 1 within its paragraph; ``start``/``end`` are offsets into the article's
original text (``Article.source_text``), so any row can be shown in context.
"""

from __future__ import annotations

from dataclasses import dataclass

QUOTE_KINDS = ("direct", "partial", "indirect", "scare")
ACTOR_TYPES = ("PERSON", "ORG", "GPE")


@dataclass(frozen=True)
class ArticleRecord:
    article: str
    title: str
    outlet: str | None
    date: str | None
    url: str | None
    credit: str | None
    path: str
    content_hash: str
    paragraphs: int
    words: int


@dataclass(frozen=True)
class ParagraphRecord:
    article: str
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SentenceRecord:
    article: str
    paragraph: int
    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ActorRecord:
    article: str
    actor_id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: int
    first_paragraph: int
    role: str | None
    key: str = ""  # corpus-wide actor key, filled in by the store (store/actor_keys.py)


@dataclass(frozen=True)
class MentionRecord:
    article: str
    actor_id: str
    paragraph: int
    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class QuoteRecord:
    article: str
    quote_id: str
    text: str
    kind: str
    speaker: str | None
    speaker_id: str | None
    cue: str | None
    rule: str | None
    paragraph: int
    sentence: int
    start: int
    end: int
    topics: tuple[str, ...]
    statement: int = 0  # one act of saying; filled in by extract/statements.py (0 = not yet)
    corrected: str = ""  # "corrected by … on …" once an editor's correction applies (dashboard/corrections)


@dataclass(frozen=True)
class TopicMentionRecord:
    article: str
    topic: str
    paragraph: int
    sentence: int
    term: str
    start: int
    end: int


@dataclass(frozen=True)
class FailureRecord:
    path: str
    article: str
    problem: str
    when: str
