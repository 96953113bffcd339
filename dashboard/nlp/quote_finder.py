"""Component "quote_finder" (placeholder until the quotes work lands): no quotes."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dashboard.nlp import QUOTES

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


@Language.component("quote_finder")
def quote_finder(doc: Doc) -> Doc:
    doc.spans[QUOTES] = []
    doc._.quotes = []
    return doc
