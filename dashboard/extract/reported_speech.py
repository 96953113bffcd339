"""Reported (indirect) speech: "X said (that) ...", "X accused Y of ...", "X called on Y to
...", "X warned ...", "According to X, ...".

The row's text is the reported content (the clause complement of the reporting verb), its
cue the verb (with a listed particle: "called on"), its speaker the verb's subject. No row
when the content is all inside quotation marks (that is a direct quote), when the verb is
negated, when it sits inside the content of another reporting verb of the same sentence,
or when no speaker is found.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from dashboard.extract.attribution import Quote, cue_text, is_cue_verb, source_phrase
from dashboard.extract.cues import Cues
from dashboard.extract.quote_marks import MARKS
from dashboard.extract.speakers import SpeakerResolver

MIN_OWN_LETTERS = 10  # reported content needs this many letters outside quotation marks
MIN_OWN_SHARE = 0.2


def complement_range(verb: Token) -> tuple[int, int] | None:
    """Token range [start, end) of what a reporting verb reports, or None if it reports no
    clause: a ccomp; "that ..."; an addressee + infinitive ("urged Moscow to ..."); "of"/"for"
    + clause ("accused X of ..."); else the rest of the verb's phrase when it holds a verb
    (the small model often misparses "X said Y did Z")."""
    children = list(verb.rights)
    clause = [c for c in children if c.dep_ == "ccomp"] or [c for c in verb.lefts if c.dep_ == "ccomp"]
    if clause:
        return clause[0].left_edge.i, clause[0].right_edge.i + 1
    right_edge = verb.right_edge.i + 1
    for token in verb.doc[verb.i + 1:right_edge]:
        if token.lower_ == "that" and token.dep_ == "mark":
            return token.i, right_edge
    for child in children:
        if child.dep_ == "prep" and child.lower_ in ("on", "for") and child.i == verb.i + 1:
            return child.i + 1, right_edge  # "called on Moscow to de-escalate"
    infinitive = [c for c in children if c.dep_ in ("xcomp", "advcl") and any(
        g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
    addressee = [c for c in children if c.dep_ == "dobj" and c.i > verb.i and (
        c.pos_ in ("PROPN", "PRON") or c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"))]
    if infinitive and addressee:
        return addressee[0].left_edge.i, infinitive[0].right_edge.i + 1
    for child in children:
        if child.dep_ == "prep" and child.lower_ == "of" and any(
                g.pos_ in ("VERB", "AUX") for g in child.subtree):
            start = min([c.left_edge.i for c in children if c.dep_ == "dobj"] + [child.i])
            return start, child.right_edge.i + 1
    rest = verb.doc[verb.i + 1:right_edge]
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in rest):
        return verb.i + 1, right_edge
    return None


def bounds_seen(verb: Token, taken: Sequence[tuple[int, int]]) -> bool:
    """Whether the verb's content was already reported by another verb of the sentence."""
    bounds = complement_range(verb)
    return bounds is not None and any(bounds[0] >= a and bounds[1] <= b for a, b in taken)


def _own_letters(text: str, start: int, end: int, quoted: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """(letters outside quotation marks, all letters) of ``text[start:end]``."""
    total = sum(ch.isalpha() for ch in text[start:end])
    inside = sum(
        sum(ch.isalpha() for ch in text[max(a, start):min(b, end)]) for a, b in quoted if a < end and b > start
    )
    return total - inside, total


def _reported(text: str, start: int, end: int, quoted: Sequence[tuple[int, int]]) -> bool:
    own, total = _own_letters(text, start, end, quoted)
    return own >= MIN_OWN_LETTERS and own >= MIN_OWN_SHARE * max(total, 1)


def reported_speech(doc: Doc, resolver: SpeakerResolver, cues: Cues, *,
                    quoted: Sequence[tuple[int, int]] = ()) -> Iterator[Quote]:
    """Indirect quotes of a Doc, in text order. ``quoted`` = character ranges of quotes."""
    text = doc.text
    inside = [False] * len(doc)
    for a, b in quoted:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                inside[i] = True
    for sentence in doc.sents:
        taken: list[tuple[int, int]] = []
        for verb in sentence:
            if inside[verb.i] or not is_cue_verb(verb, cues):
                continue
            if any(c.dep_ == "neg" for c in verb.children):
                continue
            if any(a <= verb.i < b for a, b in taken):
                continue
            if bounds_seen(verb, taken):
                continue
            bounds = complement_range(verb)
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
            if not _reported(text, start, end, quoted):
                continue
            speaker = resolver.of_cue(verb)
            if speaker is None:
                continue
            taken.append(bounds)
            resolver.remember(speaker)
            yield Quote(start, end, "indirect", speaker, cue_text(verb, cues), verb.idx)
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
            if speaker is None or not _reported(text, start, end, quoted):
                continue
            yield Quote(start, end, "indirect", speaker, "according to", token.idx)
            break
