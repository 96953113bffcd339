"""Component "topic_matcher" (placeholder until the topics work lands): no topics."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dashboard.nlp import TOPICS


@Language.component("topic_matcher")
def topic_matcher(doc: Doc) -> Doc:
    doc.spans[TOPICS] = []
    return doc
