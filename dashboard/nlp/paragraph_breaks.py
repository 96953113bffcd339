"""Component: sentence bounds the parser must keep.

A paragraph break (blank line) always starts a new sentence, and a title abbreviation
before a name never ends one ("Sen. Marco Rubio" opening a paragraph was cut after "Sen.",
which lost the title and the name's place in its sentence).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dashboard.nlp.gazetteer import load_gazetteer


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Mark the token after a blank-line whitespace token as a sentence start, and a
    capitalised word right after a title abbreviation ("Sen.", "Gov.": the titles of
    ``data/actors.toml`` that end in a full stop) as no sentence start.

    Runs before the parser, which keeps preset sentence starts (and non-starts).
    """
    abbreviations = load_gazetteer().title_abbreviations
    for token in doc[:-1]:
        if token.is_space and "\n\n" in token.text:
            doc[token.i + 1].is_sent_start = True
        elif token.lower_ in abbreviations and token.whitespace_ and doc[token.i + 1].text[:1].isupper():
            doc[token.i + 1].is_sent_start = False
    return doc
