"""Component: a paragraph break (blank line) always starts a new sentence."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Mark the token after a blank-line whitespace token as a sentence start.

    Runs before the parser, which keeps preset sentence starts.
    """
    for token in doc[:-1]:
        if token.is_space and "\n\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc
