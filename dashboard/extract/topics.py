"""Doc → topic mention records (reads what the topic_matcher component wrote)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from dashboard.extract.positions import Positions
from dashboard.extract.records import TopicMentionRecord
from dashboard.nlp import TOPICS


def topic_mentions(doc: Doc, positions: Positions) -> Iterator[TopicMentionRecord]:
    """One record per matched topic term, in text order."""
    article = positions.article.id
    for span in sorted(doc.spans.get(TOPICS, []), key=lambda s: (s.start_char, s.label_)):
        paragraph, sentence, start, end = positions.of_span(span)
        yield TopicMentionRecord(article, span.label_, paragraph, sentence, span.text, start, end)
