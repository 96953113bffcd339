"""Named actor mentions in a Doc: NER entities cleaned, gazetteer-linked, acronyms found.

A mention here is a name ("Joe Biden", "Kremlin", "Russian" as Russia); descriptions
("the Russian leader") are resolved later, once actors are known.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dashboard.nlp.actor_names import name_key
from dashboard.nlp.gazetteer import Gazetteer, KnownActor

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE"})
# Other entity labels the small model puts on organisations now and then.
MAYBE_ORG_LABELS = frozenset({"FAC", "PRODUCT", "NORP", "LOC"})
LEADING_JUNK = frozenset({"the", "a", "an", "[", "(", '"', "'", "“", "‘"})
TRAILING_JUNK = frozenset({"'s", "’s", "'", "’", ",", ".", ";", ":", "of", "and", "(", "[", "]", ")", '"', "”"})
ACRONYM_SKIP = frozenset({"of", "and", "for", "on", "the", "&", ",", "de", "du", "des", "la", "le", "et"})


@dataclass(frozen=True)
class Mention:
    """A name in the Doc: token range, label, and the gazetteer entry it means (if any)."""

    start: int
    end: int
    label: str
    text: str
    known: KnownActor | None = None

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(name_key(self.text).split())


def _trim(span: Span, gazetteer: Gazetteer) -> Span | None:
    doc, start, end = span.doc, span.start, span.end
    while start < end and (doc[start].lower_ in LEADING_JUNK or doc[start].is_space):
        start += 1
    for i in range(start, end):  # "Commission on … (USCIRF" → cut at the bracket
        if doc[i].text == "(":
            end = i
            break
    while end > start and (doc[end - 1].lower_ in TRAILING_JUNK or doc[end - 1].is_space):
        end -= 1
    while end - start > 1 and doc[end - 1].lower_ in gazetteer.event_nouns:
        end -= 1  # "the G7 Summit" → G7
    if span.label_ == "PERSON":  # "President Trump" → the title is not the name
        while end - start > 1 and doc[start].lower_.strip(".") in gazetteer.title_words:
            start += 1
        if start > 0 and _lone_given_name(doc[start - 1], gazetteer):
            start -= 1  # ", Sławoj Leszek Głódź" where the model tagged "Leszek Głódź"
    if end <= start or not (doc[start].text[:1].isupper() or doc[start].text[:1].isdigit()):
        return None  # "intra-Africa"
    return doc[start:end]


def _names_place(span: Span, gazetteer: Gazetteer) -> bool:
    """A name right before a place noun: "the Amazon rainforest"."""
    return span.end < len(span.doc) and span.doc[span.end].lower_ in gazetteer.place_nouns


def _lone_given_name(token: Token, gazetteer: Gazetteer) -> bool:
    """A capitalised untagged proper noun just before a person's name, not a title."""
    return (
        token.pos_ == "PROPN"
        and token.is_title
        and not token.ent_type_
        and not token.is_sent_start
        and token.lower_.strip(".") not in gazetteer.title_words
        and gazetteer.known(token.text) is None
        and gazetteer.country_of(token.text) is None
    )


def _is_role(span: Span, gazetteer: Gazetteer) -> bool:
    """An entity that is really a role: "the Archbishop of Gdańsk"."""
    words = [t.lower_ for t in span if not t.is_punct and t.lower_ not in LEADING_JUNK]
    return bool(words) and words[0] in gazetteer.title_words and "of" in words


def _mention(span: Span, gazetteer: Gazetteer) -> Mention | None:
    label = span.label_
    if label not in ACTOR_LABELS and label not in MAYBE_ORG_LABELS:
        return None
    if label in ACTOR_LABELS and _is_role(span, gazetteer):
        return None
    trimmed = _trim(span, gazetteer)
    if trimmed is not None and _names_place(trimmed, gazetteer):
        return Mention(trimmed.start, trimmed.end, "LOC", trimmed.text)
    if trimmed is None or name_key(trimmed.text) in gazetteer.not_actors:
        return None
    known = gazetteer.known(trimmed.text)
    if known is not None:
        return Mention(trimmed.start, trimmed.end, known.type, trimmed.text, known)
    if label in {"NORP", "GPE"}:
        country = gazetteer.country_of(trimmed.text)
        if country is not None:
            return Mention(trimmed.start, trimmed.end, "GPE", trimmed.text, gazetteer.known(country))
    if label not in ACTOR_LABELS:
        return None
    if label == "PERSON" and len(trimmed) == 1 and trimmed[0].tag_ == "NNS":
        return None  # "Photographs" at the start of a sentence
    if not any(t.is_alpha and t.text[:1].isupper() for t in trimmed):
        return None
    return Mention(trimmed.start, trimmed.end, label, trimmed.text)


def _initials_match(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym`` spells the starts of ``words``: "AfCFTA" ← "African Continental …"."""
    letters, words = acronym.lower(), [w.lower() for w in words]

    def match(i: int, j: int) -> bool:
        if i == len(letters):
            return j == len(words)
        if j == len(words):
            return False
        word = words[j]
        return any(
            word[:k] == letters[i : i + k] and match(i + k, j + 1)
            for k in range(1, min(len(word), len(letters) - i) + 1)
        )

    return match(0, 0)


def acronyms(doc: Doc) -> Iterator[tuple[Span, str]]:
    """Long names defined with an acronym: "African Union (AU)" → (span, "AU")."""
    for token in doc[2:-1]:
        acronym = token.text
        if not (doc[token.i - 1].text == "(" and doc[token.i + 1].text == ")"):
            continue
        if not (2 <= len(acronym) <= 10 and acronym[0].isupper() and sum(c.isupper() for c in acronym) >= 2):
            continue
        words: list[str] = []
        for i in range(token.i - 2, max(token.i - 14, -1), -1):
            word = doc[i]
            if word.lower_ in ACRONYM_SKIP and words:
                continue
            if not word.text[:1].isupper():
                break
            words.insert(0, word.text)
            if _initials_match(acronym, words):
                yield doc[i : token.i - 1], acronym
                break


def named_mentions(doc: Doc, gazetteer: Gazetteer) -> tuple[list[Mention], dict[str, str]]:
    """Every named mention in text order, and acronym → long name for the acronyms defined."""
    pairs = [  # "Member of Parliament (MP)" is a role, not an organisation
        (span, acronym) for span, acronym in acronyms(doc) if span[0].lower_ not in gazetteer.title_words
    ]
    defined = {name_key(acronym): span.text for span, acronym in pairs}
    written = {acronym for _, acronym in pairs}
    long_spans = [span for span, _ in pairs]
    covered = {i for span in long_spans for i in range(span.start, span.end)}
    found = [_long_name(span, gazetteer) for span in long_spans]
    for ent in doc.ents:
        if any(i in covered for i in range(ent.start, ent.end)):
            continue
        mention = _mention(ent, gazetteer)
        if mention is None and name_key(ent.text) in defined:
            mention = Mention(ent.start, ent.end, "ORG", ent.text)
        if mention is not None:
            found.append(mention)
            covered.update(range(mention.start, mention.end))
    for token in doc:  # acronyms the model did not tag
        if token.i not in covered and token.text in written:
            found.append(Mention(token.i, token.i + 1, "ORG", token.text))
    places = {m.key for m in found if m.label == "LOC"}  # a name used as a place is one
    found = [m for m in found if m.key not in places]
    return sorted(found, key=lambda m: m.start), defined


def _long_name(span: Span, gazetteer: Gazetteer) -> Mention:
    known = gazetteer.known(span.text)
    return Mention(span.start, span.end, known.type if known else "ORG", span.text, known)
