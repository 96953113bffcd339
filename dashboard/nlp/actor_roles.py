"""Roles: titles before names, appositions, and definite descriptions of people.

Role phrases come from ``[titles]`` in ``data/actors.toml``; which descriptions may refer
to which roles from ``[descriptions]``. The parse-based functions read a Doc and never
change it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dashboard.nlp.gazetteer import Gazetteer

MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "punct", "nummod", "cc", "conj"})
DESCRIPTION_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
DEFINITE = frozenset({"the", "his", "her", "its", "their"})
NOT_YET = frozenset({"next", "future", "eventual", "potential", "prospective", "would-be"})
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady", "prof"})


@dataclass(frozen=True)
class Role:
    """A role the text gives: its words as written, the role phrase, the country if any."""

    text: str
    phrase: str
    country: str | None


@dataclass(frozen=True)
class Description:
    """A definite description that may stand for a person ("the Russian leader", "the
    Florida senator": ``region`` is the US state it names)."""

    start: int  # token indices
    end: int
    phrase: str
    country: str | None
    region: str | None = None


def role_phrase(words: Sequence[str], gazetteer: Gazetteer) -> str | None:
    """The rightmost role phrase in ``words``, longest first: "US vice president" → "vice president"."""
    lowered = [w.lower().strip("-") for w in words]
    lowered = [w for w in lowered if w and w not in gazetteer.ignored_prefixes]
    for end in range(len(lowered), 0, -1):
        for start in range(max(0, end - 4), end):
            phrase = " ".join(lowered[start:end])
            if phrase in gazetteer.titles:
                return phrase
    return None


def role_fits(description: str, role: str, gazetteer: Gazetteer) -> bool | None:
    """Whether someone with ``role`` may be called by ``description``; None = says nothing.

    "leader" fits "president"; "president" fits "US president" but not "vice president".
    """
    allowed = gazetteer.descriptions.get(description, frozenset({description}))
    if "*" in allowed:
        return None
    for target in allowed:
        if role == target:
            return True
        if role.endswith(" " + target):
            prefix = role[: -len(target) - 1].split()
            if prefix and prefix[0] not in gazetteer.rank_prefixes:
                return True
    return False


def country_in(tokens: Sequence[Token], gazetteer: Gazetteer) -> str | None:
    """The first country a token names or qualifies ("Russian", "Russia", "US")."""
    for token in tokens:
        country = gazetteer.country_of(token.text)
        if country is None and token.ent_iob_ == "B":
            entity = next((e for e in token.doc.ents if e.start == token.i), None)
            country = gazetteer.country_of(entity.text) if entity is not None else None
        if country:
            return country
    return None


def region_in(words: Sequence[str], gazetteer: Gazetteer) -> str | None:
    """The first US state named in ``words``, two-word names first ("New Jersey governor" →
    New Jersey, not a "Jersey")."""
    for i in range(len(words)):
        for size in (2, 1):
            region = gazetteer.region_of(" ".join(words[i:i + size])) if i + size <= len(words) else None
            if region:
                return region
    return None


def _role(tokens: Sequence[Token], gazetteer: Gazetteer) -> Role | None:
    words = [t for t in tokens if not t.is_punct or t.text == "-"]
    while words and words[0].lower_ in DEFINITE | {"a", "an"}:
        words = words[1:]
    phrase = role_phrase([t.text for t in words if t.text != "-"], gazetteer)
    if phrase is None or phrase in HONORIFICS:
        return None
    text = "".join(t.text_with_ws for t in words).strip()
    return Role(text, phrase, country_in(words, gazetteer))


def title_before(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> tuple[int, Role | None]:
    """Where the title before a name starts, and the role it gives ("US president Joe Biden").

    Walks left over words that modify the name in the parse (compound, amod, poss…),
    stopping at a determiner, comma or a new sentence.
    """
    inside = set(range(start, end))
    first = start
    for i in range(start - 1, -1, -1):
        token = doc[i]
        if token.is_space or token.dep_ == "det" or token.text in {",", "(", ")", ";", ":"}:
            break
        if token.dep_ not in MODIFIER_DEPS or token.head.i not in inside:
            break
        inside.add(i)
        first = i
        if token.is_sent_start:
            break
    if first == start:
        return start, None
    role = _role(list(doc[first:start]), gazetteer)
    return (first, role) if role else (start, None)


def _noun_phrase(head: Token, *, exclude: range) -> list[Token]:
    """The head's words up to the head, plus an "of …" phrase after it."""
    left = [t for t in head.subtree if t.i <= head.i and t.i not in exclude]
    left = left[next((k for k, t in enumerate(left) if not t.is_punct), len(left)):]
    of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    right = [t for t in of.subtree if t.i not in exclude] if of is not None else []
    return [t for t in [*left, *right] if t.text != ","]


def apposition(span: Span, gazetteer: Gazetteer) -> tuple[Span, Role] | None:
    """A role noun phrase set beside a name: "Sergei Shoigu, Russia's defence minister"."""
    root = span.root
    exclude = range(span.start, span.end)
    heads = [c for c in root.children if c.dep_ == "appos" and c.i not in exclude]
    if root.dep_ == "appos" and root.head.i not in exclude:
        heads.append(root.head)
    for head in heads:
        if head.pos_ not in {"NOUN", "PROPN"} or head.ent_type_ == "PERSON":
            continue
        words = _noun_phrase(head, exclude=exclude)
        role = _role(words, gazetteer) if words else None
        if role is not None:
            return span.doc[words[0].i : words[-1].i + 1], role
    return None


def given_nouns(span: Span) -> list[tuple[list[Token], Token]]:
    """The common-noun phrases the text sets beside a person's name, listed role or not, with
    their head noun: an apposition ("Ann Cole, the Republican nominee," → "the Republican
    nominee") and the words glued before the name ("billionaire Ann Cole"). Singular nouns only."""
    found: list[tuple[list[Token], Token]] = []
    root, exclude = span.root, range(span.start, span.end)
    heads = [c for c in root.children if c.dep_ == "appos" and c.i not in exclude]
    for head in heads:
        other = any(t.ent_type_ == "PERSON" for t in head.subtree if t.i not in exclude)
        if head.tag_ == "NN" and head.ent_type_ != "PERSON" and not other:  # not "..., actress Ann Cole"
            found.append((_noun_phrase(head, exclude=exclude), head))
    before: list[Token] = []
    for i in range(span.start - 1, max(-1, span.start - 5), -1):
        token = span.doc[i]
        glued = token.head.i in exclude or any(token.head.i == t.i for t in before)
        if token.is_punct or token.is_space or token.dep_ == "det" or not glued:
            break
        before.insert(0, token)
        if token.is_sent_start:
            break
    nouns = [t for t in before if t.tag_ == "NN" and t.ent_type_ != "PERSON"]
    if nouns:
        found.append((before, nouns[-1]))
    return found


def description_at(token: Token, gazetteer: Gazetteer) -> Description | None:
    """A definite, singular description headed by ``token``, or None.

    "the Russian leader", "his Russian counterpart", "The US president" qualify;
    "a US president", "the two presidents", "the next president" and titles before a name do not.
    """
    if token.tag_ not in {"NN", "NNP"} or token.dep_ in {"compound", "appos"}:
        return None
    lefts = list(token.lefts)
    if not any(c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE for c in lefts):
        return None
    if any(c.dep_ == "appos" for c in token.children):
        return None
    modifiers = [c for c in lefts if c.dep_ in DESCRIPTION_DEPS]
    if any(c.lower_ in NOT_YET for c in modifiers):
        return None  # "the next president" is nobody yet
    words = [*(c.text for c in modifiers if c.dep_ != "poss"), token.text]
    phrase = role_phrase(words, gazetteer)
    if phrase is None or phrase in HONORIFICS or token.lower_ != phrase.split()[-1]:
        return None
    start = min([token.i, *(c.left_edge.i for c in lefts)])
    words = [t.text for t in token.doc[start:token.i]]
    return Description(start, token.i + 1, phrase, country_in(modifiers, gazetteer), region_in(words, gazetteer))
