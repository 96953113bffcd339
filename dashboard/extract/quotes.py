"""Doc → quote records (reads what the quote_finder component wrote)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from dashboard.extract.positions import Positions
from dashboard.extract.records import QuoteRecord
from dashboard.extract.statements import with_statements
from dashboard.nlp import QUOTES, TOPICS


def _topics_near(doc: Doc, span: Span) -> tuple[str, ...]:
    """Topics matched inside the quote or inside the sentence(s) it sits in."""
    start = min(span.start_char, doc[span.start].sent.start_char)
    end = max(span.end_char, doc[span.end - 1].sent.end_char)
    found = (t.label_ for t in doc.spans.get(TOPICS, []) if t.start_char < end and t.end_char > start)
    return tuple(dict.fromkeys(found))


def quotes(doc: Doc, positions: Positions) -> Iterator[QuoteRecord]:
    """One record per quote (direct, partial, indirect, scare), in text order, with its statement."""
    yield from with_statements(list(_quote_rows(doc, positions)))


def _quote_rows(doc: Doc, positions: Positions) -> Iterator[QuoteRecord]:
    """One record per quote (direct, partial, indirect, scare), in text order.

    Text and offsets are the exact characters the quote_finder recorded (between the
    quotation marks), not the token-aligned span; the speaker is the canonical actor name,
    else the surface name the quote_finder found, else None.
    """
    names = {actor["id"]: actor["name"] for actor in doc._.actors or []}
    infos = doc._.quotes or []
    text = doc.text  # rebuilt on every access: read once
    spans = list(doc.spans.get(QUOTES, []))
    order = sorted(range(len(spans)), key=lambda i: (_bounds(spans[i], _info(infos, i))))
    for number, index in enumerate(order, start=1):
        span, info = spans[index], _info(infos, index)
        start_char, end_char = _bounds(span, info)
        paragraph, sentence = positions.paragraph_sentence(start_char)
        start, end = positions.source_span(start_char, end_char)
        speaker_id = span.kb_id_ or info.get("speaker_id") or None
        speaker = names.get(speaker_id) if speaker_id else None
        yield QuoteRecord(
            article=positions.article.id,
            quote_id=f"q{number}",
            text=text[start_char:end_char],
            kind=span.label_,
            speaker=speaker or info.get("speaker"),
            speaker_id=speaker_id,
            cue=info.get("cue"),
            paragraph=paragraph,
            sentence=sentence,
            start=start,
            end=end,
            topics=_topics_near(doc, span),
        )


def _info(infos: list, index: int) -> dict:
    info = infos[index] if index < len(infos) else {}
    return info if isinstance(info, dict) else {}


def _bounds(span: Span, info: dict) -> tuple[int, int]:
    """Exact character bounds from the component's info, else the span's own."""
    start, end = info.get("start"), info.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
        return start, end
    return span.start_char, span.end_char
