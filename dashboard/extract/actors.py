"""Doc → actor and mention records (reads what the actor_linker component wrote)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from spacy.tokens import Doc

from dashboard.extract.positions import Positions
from dashboard.extract.records import ActorRecord, MentionRecord
from dashboard.nlp import ACTOR_MENTIONS


def mentions(doc: Doc, positions: Positions) -> Iterator[MentionRecord]:
    """One record per actor mention, in text order."""
    article = positions.article.id
    for span in sorted(doc.spans.get(ACTOR_MENTIONS, []), key=lambda s: s.start_char):
        paragraph, sentence, start, end = positions.of_span(span)
        yield MentionRecord(article, span.kb_id_, paragraph, sentence, start, end, span.text)


def actors(doc: Doc, positions: Positions) -> Iterator[ActorRecord]:
    """One record per actor, with its merged aliases and mention count."""
    by_actor: dict[str, list[MentionRecord]] = defaultdict(list)
    for mention in mentions(doc, positions):
        by_actor[mention.actor_id].append(mention)
    for actor in doc._.actors or []:
        found = by_actor.get(actor["id"], [])
        aliases = list(dict.fromkeys([*(m.text for m in found), *actor.get("aliases", [])]))
        yield ActorRecord(
            article=positions.article.id,
            actor_id=actor["id"],
            name=actor["name"],
            type=actor["type"],
            aliases=tuple(aliases),
            mentions=len(found),
            first_paragraph=min((m.paragraph for m in found), default=0),
            role=actor.get("role"),
        )
