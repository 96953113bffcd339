"""Component "actor_linker" (placeholder until the actors work lands): no actors."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dashboard.nlp import ACTOR_MENTIONS

if not Doc.has_extension("actors"):
    Doc.set_extension("actors", default=None)
if not Doc.has_extension("problems"):
    Doc.set_extension("problems", default=None)


@Language.component("actor_linker")
def actor_linker(doc: Doc) -> Doc:
    doc.spans[ACTOR_MENTIONS] = []
    doc._.actors = []
    return doc
