"""Doc → quote records (reads what the quote_finder component wrote)."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from dashboard.extract.positions import Positions
from dashboard.extract.records import QuoteRecord
from dashboard.extract.statements import with_statements
from dashboard.nlp import QUOTES, TOPICS


class _TopicIndex:
    """Topic spans by position and each token's sentence bounds, built once per Doc so that
    finding the topics near a quote costs O(log n) plus what it finds."""

    def __init__(self, doc: Doc) -> None:
        self.sent_start = [0] * len(doc)
        self.sent_end = [0] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                self.sent_start[i], self.sent_end[i] = sent.start_char, sent.end_char
        topics = sorted((t.start_char, t.end_char, t.label_) for t in doc.spans.get(TOPICS, []))
        self.starts = [t[0] for t in topics]
        self.topics = topics
        self.longest = max((end - start for start, end, _ in topics), default=0)

    def near(self, span: Span) -> tuple[str, ...]:
        """Topics matched inside the quote or inside the sentence(s) it sits in."""
        start = min(span.start_char, self.sent_start[span.start])
        end = max(span.end_char, self.sent_end[span.end - 1])
        first = bisect.bisect_left(self.starts, start - self.longest)
        last = bisect.bisect_left(self.starts, end)
        found = (label for s, e, label in self.topics[first:last] if s < end and e > start)
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
    topics = _TopicIndex(doc)
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
            rule=info.get("rule"),
            paragraph=paragraph,
            sentence=sentence,
            start=start,
            end=end,
            topics=topics.near(span),
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
