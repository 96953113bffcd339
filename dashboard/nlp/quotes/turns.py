"""Turns of a transcript printed without quotation marks: each is the labelled person's words.

    TAPPER: Do you think he has campaigned as a healer?
    FALLIN: I think he is trying to campaign as a healer.

    Natasha Gownaris: I've wanted to be a marine scientist since I was a child.
    NG: This study started in 1982, long before my joining the lab.

A paragraph that opens with a speaker's label and a colon is a turn when the label names one
person the article names elsewhere too: a surname in capitals ("TAPPER", "SEN. SANDERS"), the
person's whole name as the article gives it ("Natasha Gownaris"), or the initials of a person
already given a turn in this transcript ("NG"). The words after the label are a direct quote
of that person (rule ``transcript_turn``). A label in the article's own case needs the same
person's second turn: "Jeb Bush: Student loans" is as often a heading. Only in a transcript:
at least ``MIN_TURNS`` paragraphs of the article open with a speaker label (these, or an
interviewer's tag such as "((WN))" or "Q:").

Never a guess: a label that names nobody ("UPDATE:", "CORRECTION:", "Q:", "A:", a "HOST:" the
article names nowhere else), or two people, gives no row; nor do Title Case words (a linked
story's headline, "Sanders: I'm Not Much Of A Socialist"), nor a paragraph holding a quote
found between quotation marks, which the mark-based rules attribute (a turn quoted whole is
``transcript_label``'s).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from dashboard.nlp import ACTOR_MENTIONS
from dashboard.nlp.quotes.attribution import Quote
from dashboard.nlp.quotes.speakers import Speaker, SpeakerResolver

MIN_TURNS = 2
HEADLINE_SHARE = 0.7  # of the words of four letters or more capitalised: a headline
# A label: up to four words before a colon at the start of a paragraph, optionally in bold
# markup ("**HOLT:**", "'''Ana Ruiz''':"); its words are letters with inner dots, apostrophes
# and hyphens ("O'NEILL", "SEN.", "Jean-Luc").
LABEL = re.compile(
    r"(?:\*\*|'{3})?(?P<label>[^\W\d_][\w.'’\-]*(?:[ \t]+[^\W\d_][\w.'’\-]*){0,3})(?:\*\*|'{3})?[ \t]*:"
    r"(?:\*\*|'{3})?[ \t]+(?=\S)"
)
PARAGRAPH = re.compile(r"[^\n]+")


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isalpha()).upper()


def _person(label: str, resolver: SpeakerResolver, initials: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """(actor id, name) of the one person the label names, or None."""
    words = label.split()
    if label.isupper():
        if len(words) == 1 and label in initials:
            return initials[label]
        return resolver.person_by_surname(words[-1])
    if len(words) < 2:
        return None  # "Trump: ..." in mixed case is a headline's style, not a transcript's
    person = resolver.person_by_surname(words[-1])
    if person is None or person[1].casefold() != " ".join(words).casefold():
        return None
    return person


def _named_outside(resolver: SpeakerResolver, labels: Sequence[tuple[int, int]]) -> set[str]:
    """Ids of the actors the article names somewhere other than in a turn's label: a label
    alone ("HOST:") is no evidence that a person of that name is in the story."""
    found = set()
    for span in resolver.doc.spans.get(ACTOR_MENTIONS, []):
        if not any(a <= span.start_char < b for a, b in labels):
            found.add(span.kb_id_)
    return found


def transcript_turns(
    resolver: SpeakerResolver,
    interview: Sequence[tuple[int, int, str]] = (),
    *,
    quoted: Sequence[tuple[int, int]] = (),
) -> list[Quote]:
    """The unquoted turns of the Doc's transcript (see the module's text), in text order.

    ``interview`` = the paragraphs that open with an interviewer's tag (``interview_paragraphs``):
    they count towards ``MIN_TURNS`` but give no row (the tag names no person). ``quoted`` = the
    character ranges of the quotes found between quotation marks: a paragraph holding one is left
    to those rows."""
    text = resolver.text
    labelled: list[tuple[int, int, re.Match[str]]] = []
    for paragraph in PARAGRAPH.finditer(text):
        line = paragraph.group(0)
        lead = len(line) - len(line.lstrip())
        match = LABEL.match(line, lead)
        if match is not None:
            labelled.append((paragraph.start(), paragraph.end(), match))
    tagged = {start for start, _, _ in interview}
    if len(labelled) + len(tagged - {start for start, _, _ in labelled}) < MIN_TURNS:
        return []
    labels = [(start + m.start("label"), start + m.end("label")) for start, _, m in labelled]
    named = _named_outside(resolver, labels)
    initials: dict[str, tuple[str, str]] = {}
    found: list[tuple[Quote, str, bool]] = []  # (turn, its person's id, its label in capitals)
    for start, end, match in labelled:
        label = match.group("label")
        person = _person(label, resolver, initials)
        if person is None or person[0] not in named:
            continue
        if len(label.split()) > 1 or not label.isupper() or len(label) > 3:
            initials.setdefault(_initials(person[1]), person)
        first = start + match.end()
        words = text[first:end].rstrip()
        if not words or not any(ch.isalpha() for ch in words) or _headline(words):
            continue
        if any(a < end and b > start for a, b in quoted):
            continue
        label_start = start + match.start("label")
        speaker = Speaker(person[1], person[0], "PERSON", label_start, label_start + len(label), rule="label")
        turn = Quote(first, first + len(words), "direct", speaker, label, label_start, rule="transcript_turn")
        found.append((turn, person[0], label.isupper()))
    turns_of = Counter(person for _, person, _ in found)
    # A name in capitals is a transcript's label; "Jeb Bush: Student loans" in the article's own
    # case is as often a heading, so such a label needs the same person's second turn.
    return [turn for turn, person, capitals in found if capitals or turns_of[person] >= 2]


def _headline(words: str) -> bool:
    """Title Case words ("I'm Not Much Of A Socialist"): a linked story's headline, not a turn."""
    long = [w for w in re.findall(r"[^\W\d_][\w'’]*", words) if len(w) >= 4]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= HEADLINE_SHARE * len(long)
