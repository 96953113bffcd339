"""Grammar constants shared by the quote engine, defined once.

Quotation marks (by role), pronoun classes, relative pronouns and the verb tags the rules
test. Words that are lists for the newsroom to edit (reporting verbs, document nouns,
scare markers) live in data/reporting_verbs.toml instead (see ``cues``).
"""

from __future__ import annotations

import re

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
DOUBLE_EITHER = '"'
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "›"
SINGLE_EITHER = "'’"
DOUBLE = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER
SINGLE = SINGLE_OPEN + SINGLE_CLOSE + SINGLE_EITHER
MARKS = DOUBLE + SINGLE
QUOTE_CHARS = frozenset(MARKS)

SENTENCE_END = ".?!"
PARAGRAPH_BREAK = "\n\n"
# A credit after a quote that is a statement on its own: '"..." ― Ana Ruiz' or, on a line of
# its own, '- Ana Ruiz.' (the closing mark, at most one paragraph break, a dash, one to four
# capitalised words, an optional full stop; then the end of the line or the next quote, as
# when a list of credited quotes is run into one paragraph), or '- Ana Ruiz, port official.'
# (the name, a comma and a short description that ends the line).
_CREDIT_NAME = r"[A-Z][\w'’.-]*(?:[^\S\n]+[A-Z][\w'’.-]*){0,3}?"
DASH_CREDIT = re.compile(
    r"[”\"’']?[^\S\n]*(?:\n\n)?[^\S\n]*(?:―|—|–|--?)[^\S\n]*"
    rf"({_CREDIT_NAME})(?:\.?[^\S\n]*(?=\n|$|[“\"‘])|,[^\S\n]+[^\n“\"‘”]{{1,80}}(?=\n|$))"
)
CREDIT_TAIL = re.compile(rf"(?:―|—|–|--?)[^\S\n]*{_CREDIT_NAME}\.?$")  # the credit of the quote before
# A transcript turn quoted whole: "PENCE: Well, look, ..." (one to three capitalised words
# of two or more letters, a colon, a space).
TRANSCRIPT_LABEL = re.compile(r"\s*((?:[A-Z][A-Z'’.\-]*[A-Z]\.?\s){0,2}[A-Z][A-Z'’.\-]*[A-Z]):\s")

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
THING_PRONOUNS = frozenset({"it", "its"})
GROUP_PRONOUNS = frozenset({"they", "them", "their"})
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female", "hers": "female"}
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
RELATIVE_OPENERS = frozenset({"which", "who", "whom", "whose"})

VERB_POS = ("VERB", "AUX")
NOMINAL_POS = ("NOUN", "PROPN")
FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Endings of common nouns that name people ("businessman", "strategist", "historian"):
# such a noun may speak even when the persons list does not have it.
PERSON_SUFFIXES = ("man", "men", "woman", "women", "person", "people", "ist", "ists", "ian", "ians")
# Entity types that never speak on their own ("Saturday said", "the coming days will tell";
# "75 percent of Democrats" speaks as the group).
NOT_ACTOR_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "ORDINAL", "PERCENT", "CARDINAL"})
ENTITY_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "GPE", "FAC": "ORG"}


def has_person_ending(word: str) -> bool:
    """A lower-case noun built to name people ("spokesman", "columnist", "historian")."""
    return any(word.endswith(end) and len(word) > len(end) + 2 for end in PERSON_SUFFIXES)
