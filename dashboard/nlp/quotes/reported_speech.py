"""Reported (indirect) speech: "X said (that) ...", "X accused Y of ...", "X called on Y to
...", "X warned ...", "According to X, ...".

The row's text is the reported content (the clause complement of the reporting verb), its
cue the verb (with a listed particle: "called on"), its speaker the verb's subject. No row
inside an interview transcript (paragraphs opening with a speaker tag), when the content
is all inside quotation marks (that is a direct quote), when the verb is negated, when it
sits inside the content of another reporting verb of the same sentence, or when no
speaker is found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from dashboard.nlp.quotes.attribution import Quote, cue_text, is_strong_cue, source_phrase
from dashboard.nlp.quotes.cues import Cues
from dashboard.nlp.quotes.grammar import FINITE_TAGS, MARKS, RELATIVE_OPENERS, SUBJECT_PRONOUNS
from dashboard.nlp.quotes.speakers import SpeakerResolver

MIN_OWN_LETTERS = 10  # reported content needs this many letters outside quotation marks
MIN_OWN_SHARE = 0.2


FINITE = FINITE_TAGS


def _clause(token: Token) -> bool:
    """A verb heading a clause, not a relative aside ("— which the BBC noted —")."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    first = token.doc[token.left_edge.i]
    return first.lower_ not in RELATIVE_OPENERS and not any(
        c.lower_ in RELATIVE_OPENERS and c.i < token.i for c in token.children)


def complement_range(verb: Token, cues: Cues | None = None) -> tuple[int, int] | None:
    """Token range [start, end) of what a reporting verb reports, or None if it reports no
    clause (an object noun is not reported speech: "commented on the matter"): a ccomp
    headed by a verb; "that ..." introducing a clause of the verb; an addressee + infinitive
    ("urged Moscow to ..."); a listed particle ("called on X to ...", "called for ...");
    "of" + gerund ("accused X of ..."); else, when the small model misparses "X said Y did
    Z", the rest of the verb's phrase when a finite verb there has its own subject."""
    doc = verb.doc
    children = list(verb.rights)
    clause = [c for c in children if c.dep_ == "ccomp"] or [c for c in verb.lefts if c.dep_ == "ccomp"]
    if clause:
        return (clause[0].left_edge.i, clause[0].right_edge.i + 1) if _clause(clause[0]) else None
    right_edge = verb.right_edge.i + 1
    lead_in = _lead_in(verb)
    for token in doc[verb.i + 1:right_edge]:
        if token.lower_ == "that" and token.dep_ == "mark" and _clause(token.head) and (
                token.head.head.i == verb.i or token.i - 1 in lead_in) and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in token.head.children):
            return token.i, right_edge  # "said (in its account of the call) that Biden had ..."
    particle = next((c for c in children if c.dep_ in ("prt", "prep") and c.i == verb.i + 1 and cues is not None
                     and (verb.lemma_.lower(), c.lower_) in cues.phrasal), None)
    infinitive = [c for c in children if c.dep_ in ("xcomp", "advcl") and any(
        g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
    if particle is not None and particle.i + 1 < right_edge:
        if particle.lower_ != "on" or infinitive or any(
                t.lower_ == "to" and t.dep_ == "aux" for t in doc[particle.i + 1:right_edge]):
            return particle.i + 1, right_edge  # "called on Moscow to de-escalate", "called for talks"
        return None
    addressee = [c for c in children if c.dep_ == "dobj" and c.i > verb.i and (
        c.pos_ in ("PROPN", "PRON") or c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"))]
    if infinitive and addressee:
        return addressee[0].left_edge.i, infinitive[0].right_edge.i + 1
    for child in children:
        if child.dep_ == "prep" and child.lower_ == "of" and any(
                g.pos_ in ("VERB", "AUX") for g in child.subtree):
            start = min([c.left_edge.i for c in children if c.dep_ == "dobj"] + [child.i])
            return start, child.right_edge.i + 1
    named = _named_subject_then_verb(verb)
    if named is not None:
        return named, right_edge  # "said Adamowicz required resuscitation" (misparsed as an object)
    rest = doc[verb.i + 1:right_edge]
    if rest and rest[0].lower_ not in RELATIVE_OPENERS and not rest[0].is_punct and any(
            _misparsed_content(t, verb) for t in rest):
        return verb.i + 1, right_edge
    return None


def _misparsed_content(token: Token, verb: Token) -> bool:
    """A finite verb with its own subject, hanging from the reporting verb within two steps,
    not through an adverbial, relative or participle clause ("as tensions escalate",
    ', saying "..."'), and not introduced by a conjunction other than "that"."""
    if token.pos_ not in ("VERB", "AUX") or token.tag_ not in FINITE or not _clause(token):
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.i > verb.i for c in token.children):
        return False
    if any(c.dep_ == "mark" and c.lower_ != "that" for c in token.children):
        return False
    node, steps = token, 0
    while node.i != verb.i and steps < 3:
        if node.dep_ in ("advcl", "relcl", "acl", "pcomp", "xcomp", "prep"):
            return False
        node, steps = node.head, steps + 1
    return node.i == verb.i


def _lead_in(verb: Token) -> set[int]:
    """Token indices right after a verb that only say where or to whom it was said: its
    "in ..."/"to ..." phrases and a short object ("told reporters", "said in a statement")."""
    doc, found, i = verb.doc, {verb.i}, verb.i + 1
    while i < len(doc):
        child = doc[i]
        if child.head.i != verb.i or not (
                (child.dep_ == "prep" and child.lower_ in ("in", "to", "on", "during"))
                or (child.dep_ in ("dobj", "dative") and len(list(child.subtree)) <= 4)
                or child.dep_ == "advmod"):
            break
        found.update(t.i for t in child.subtree)
        i = max(found) + 1
    return found


def _named_subject_then_verb(verb: Token) -> int | None:
    """Start of "<Name|he> <finite verb> ..." right after the verb, when the parse glued the
    name to the verb as its object."""
    doc = verb.doc
    i = verb.i + 1
    if i >= len(doc):
        return None
    first = doc[i]
    if first.lower_ in SUBJECT_PRONOUNS:
        end = i + 1
    elif first.pos_ == "PROPN" and first.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        end = i
        while end < len(doc) and doc[end].ent_iob_ in ("B", "I") and doc[end].ent_type_ == first.ent_type_ and (
                end == i or doc[end].ent_iob_ == "I"):
            end += 1
    else:
        return None
    if end >= len(doc):
        return None
    following = doc[end]
    if following.pos_ in ("VERB", "AUX") and following.tag_ in FINITE + ("VBN",) and following.dep_ != "ROOT":
        return i
    return None


def bounds_seen(verb: Token, taken: Sequence[tuple[int, int]], cues: Cues | None = None) -> bool:
    """Whether the verb's content was already reported by another verb of the sentence."""
    bounds = complement_range(verb, cues)
    return bounds is not None and any(bounds[0] >= a and bounds[1] <= b for a, b in taken)


class _Letters:
    """Letters of the text before each character, all and inside quotes (built once per
    Doc: a row's share of its own words costs O(1), not a walk over every quote)."""

    def __init__(self, text: str, quoted: Sequence[tuple[int, int]]) -> None:
        inside = [0] * (len(text) + 1)
        for a, b in quoted:  # +1 at each opening, -1 at each closing: depth > 0 = quoted
            inside[max(0, a)] += 1
            inside[min(len(text), b)] -= 1
        self.total = [0] * (len(text) + 1)
        self.quoted = [0] * (len(text) + 1)
        depth = 0
        for i, char in enumerate(text):
            depth += inside[i]
            letter = char.isalpha()
            self.total[i + 1] = self.total[i] + letter
            self.quoted[i + 1] = self.quoted[i] + (letter and depth > 0)

    def reported(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` has enough letters of its own outside quotation marks."""
        total = self.total[end] - self.total[start]
        own = total - (self.quoted[end] - self.quoted[start])
        return own >= MIN_OWN_LETTERS and own >= MIN_OWN_SHARE * max(total, 1)


def interview_paragraphs(text: str, cues: Cues) -> list[tuple[int, int, str]]:
    """(start, end, tag) of each paragraph of an interview transcript: a paragraph opening
    with a speaker tag ("((WN)) ...", "Q: ..."), in an article with at least two of them."""
    if not cues.interview_tags:
        return []
    tag = re.compile("|".join(f"(?:{pattern})" for pattern in cues.interview_tags))
    found = []
    for match in re.finditer(r"[^\n]+", text):
        opening = tag.match(match.group(0).lstrip())
        if opening is not None:
            label = opening.group(0).strip(" \t*'():")
            found.append((match.start(), match.end(), label))
    return found if len(found) >= 2 else []


def reported_speech(doc: Doc, resolver: SpeakerResolver, cues: Cues, *,
                    quoted: Sequence[tuple[int, int]] = (),
                    transcript: Sequence[tuple[int, int, str]] | None = None) -> Iterator[Quote]:
    """Indirect quotes of a Doc, in text order. ``quoted`` = character ranges of quotes;
    ``transcript`` = ``interview_paragraphs`` of the text when the caller has them already."""
    text = resolver.text
    inside = [False] * len(doc)
    for a, b in quoted:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                inside[i] = True
    if transcript is None:
        transcript = interview_paragraphs(text, cues)
    letters = _Letters(text, quoted)
    for sentence in resolver.sentences.spans:
        if any(a <= sentence.start_char < b for a, b, _ in transcript):
            continue  # a question or an answer of an interview: not reported speech
        taken: list[tuple[int, int]] = []
        for verb in sentence:
            if inside[verb.i] or not is_strong_cue(verb, cues):
                continue
            if any(c.dep_ == "neg" for c in verb.children):
                continue
            if any(a <= verb.i < b for a, b in taken):
                continue
            if bounds_seen(verb, taken, cues):
                continue
            bounds = complement_range(verb, cues)
            if bounds is None:
                continue
            first, last = bounds
            while first < last and (doc[first].is_punct or doc[first].is_space) and not inside[first]:
                first += 1
            while last > first and (doc[last - 1].is_punct or doc[last - 1].is_space):
                last -= 1
            if last <= first or inside[first] or doc[first].text in MARKS:
                continue  # the content opens with a quote: that is a direct quote
            start, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
            if first < verb.i and any(inside[first:last]):
                continue  # '... "quoted words", the readout said': the quote carries it
            if not letters.reported(start, end):
                continue
            speaker = resolver.of_cue(verb)
            if speaker is None:
                continue
            taken.append(bounds)
            resolver.remember(speaker)
            yield Quote(start, end, "indirect", speaker, cue_text(verb, cues), verb.idx, "reported_verb")
        if taken:
            continue
        for token in sentence:
            target = source_phrase(token, cues)
            if target is None or inside[token.i]:
                continue
            phrase_end = max(t.i for t in doc[token.i].subtree) + 1
            if token.i == sentence.start or doc[token.i - 1].is_punct:
                first = phrase_end
                while first < sentence.end and (doc[first].is_punct or doc[first].is_space):
                    first += 1
                last = sentence.end
            else:
                first, last = sentence.start, token.i
            while last > first and (doc[last - 1].is_punct or doc[last - 1].is_space):
                last -= 1
            if last <= first:
                continue
            start, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
            speaker = resolver.of_token(target)
            if speaker is None or not letters.reported(start, end):
                continue
            yield Quote(start, end, "indirect", speaker, "according to", token.idx, "reported_according_to")
            break
