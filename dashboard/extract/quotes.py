"""Doc → quote records (reads what the quote_finder component wrote)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from dashboard.extract.positions import Positions
from dashboard.extract.records import QuoteRecord
from dashboard.nlp import QUOTES, TOPICS


def _topics_near(doc: Doc, span: Span) -> tuple[str, ...]:
    """Topics matched inside the quote or inside the sentence(s) it sits in."""
    start = min(span.start_char, doc[span.start].sent.start_char)
    end = max(span.end_char, doc[span.end - 1].sent.end_char)
    found = (t.label_ for t in doc.spans.get(TOPICS, []) if t.start_char < end and t.end_char > start)
    return tuple(dict.fromkeys(found))


def quotes(doc: Doc, positions: Positions) -> Iterator[QuoteRecord]:
    """One record per quote (direct, partial, indirect, scare), in text order."""
    names = {actor["id"]: actor["name"] for actor in doc._.actors or []}
    infos = doc._.quotes or []
    spans = list(doc.spans.get(QUOTES, []))
    order = sorted(range(len(spans)), key=lambda i: (spans[i].start_char, spans[i].end_char))
    for number, index in enumerate(order, start=1):
        span, info = spans[index], infos[index] if index < len(infos) else {}
        paragraph, sentence, start, end = positions.of_span(span)
        speaker_id = span.kb_id_ or None
        yield QuoteRecord(
            article=positions.article.id,
            quote_id=f"q{number}",
            text=span.text,
            kind=span.label_,
            speaker=names.get(speaker_id) if speaker_id else None,
            speaker_id=speaker_id,
            cue=info.get("cue"),
            paragraph=paragraph,
            sentence=sentence,
            start=start,
            end=end,
            topics=_topics_near(doc, span),
        )
