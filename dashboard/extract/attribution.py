"""Quoted spans → quotes with a kind, a cue and a speaker.

For each quoted span, in text order, the cue is searched in this order:

1. the reporting verb that governs the quote in the parse ("X called it "a non-starter"");
2. the nearest reporting verb outside quotes in the quote's sentence(s), whose subject
   resolves ('"...," tweeted Johnson "..."' gives both halves to Johnson);
3. "according to X" in the sentence;
4. a colon lead-in: the subject of the clause before a colon that opens the quote;
5. for a quote that opens its sentence with no cue of its own: the speaker of the
   previous or next sentence of the same paragraph, or of the quote that ended the
   previous paragraph (the journalistic convention of carrying a speaker over);
6. for a short quote inside the writer's sentence: the verb governing it when that verb's
   subject is a named actor ("Russia summoning its ambassador for "consultations"").

Nothing found → a short quote is a scare quote (no speaker), a longer one keeps speaker None.
Kinds: "direct" when the quote is what was said (it opens the sentence, follows a comma,
colon or dash, or starts a clause right after its cue), else "partial".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dashboard.extract.cues import Cues
from dashboard.extract.quote_marks import MARKS, QuotedSpan, QuoteMarks
from dashboard.extract.speakers import Speaker, SpeakerResolver, subject_of

SCARE_MAX_WORDS = 6
CARRY_TAIL_CHARS = 80  # at most this much text (an attribution) after the donor quote
DIRECT_AFTER = ",:;—–"
NOT_DIRECT_BEFORE = ("DET", "ADJ", "ADP", "NUM", "PART", "ADV")
SENTENCE_END = ".?!"
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
NAME_FUNCTION_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"})


def is_title_name(text: str) -> bool:
    """Whether quoted words read as the name of a thing ("Build Back Better", "Salute to
    America", "Bill's List"): at most SCARE_MAX_WORDS words, the first capitalised, every
    other word capitalised, a number or a short function word, and no sentence punctuation."""
    words = text.strip().split()
    if not words or len(words) > SCARE_MAX_WORDS or any(ch in text for ch in ",;:!?"):
        return False
    if not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in NAME_FUNCTION_WORDS for w in words)


@dataclass(frozen=True)
class Quote:
    """A found quote: ``start``/``end`` are character offsets in the Doc text."""

    start: int
    end: int
    kind: str
    speaker: Speaker | None
    cue: str | None
    cue_start: int | None = None


def _span_tokens(doc: Doc, span: QuotedSpan) -> Span | None:
    return doc.char_span(span.start, span.end, alignment_mode="expand")


def cue_text(verb: Token, cues: Cues) -> str:
    """The cue as written: the verb plus a listed particle ("called on", "went on")."""
    for lemma, particle in cues.phrasal:
        if verb.lemma_.lower() != lemma:
            continue
        for child in verb.children:
            if child.dep_ in ("prt", "prep") and child.lower_ == particle and child.i == verb.i + 1:
                return f"{verb.text} {child.text}"
    return verb.text


def is_cue_verb(token: Token, cues: Cues) -> bool:
    """Any cue verb, weak ones included (for a quote the parse attaches to the verb)."""
    return token.pos_ in ("VERB", "AUX") and cues.is_verb(token.lemma_)


def is_strong_cue(token: Token, cues: Cues) -> bool:
    """A cue verb that attributes on its own: not a weak verb, or a weak one with its listed
    particle ("called on", "pointed out")."""
    if not is_cue_verb(token, cues):
        return False
    return not cues.is_weak(token.lemma_) or cue_text(token, cues) != token.text


def source_phrase(token: Token, cues: Cues) -> Token | None:
    """For "according" in "according to X": the token X (else None)."""
    for words in cues.sources:
        if token.lower_ != words[0] or len(words) < 2:
            continue
        doc = token.doc
        if token.i + 1 < len(doc) and doc[token.i + 1].lower_ == words[1]:
            objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def parenthetical(verb: Token) -> bool:
    """A verb in an aside: a relative clause ("— which the BBC noted —") or between dashes
    or brackets."""
    if any(c.lower_ in ("which", "who", "whom") and c.i < verb.i for c in verb.children):
        return True
    sentence = verb.sent
    before = [t.text for t in sentence.doc[sentence.start:verb.i]]
    after = [t.text for t in sentence.doc[verb.i + 1:sentence.end]]
    for dash in ("—", "–"):
        if before.count(dash) % 2 == 1 and dash in after:
            return True
    return before.count("(") > before.count(")") and ")" in after


def _own_subject(verb: Token) -> bool:
    """Whether a verb has a nominal subject of its own (not a pronoun it shares)."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN") for c in verb.children)


def _semicolon_between(a: Token, b: Token) -> bool:
    low, high = sorted((a.i, b.i))
    return any(t.text == ";" for t in a.doc[low:high])


class QuoteAttributor:
    """Attributes the quoted spans of one Doc (see module docstring for the order)."""

    def __init__(self, doc: Doc, marks: QuoteMarks, resolver: SpeakerResolver, cues: Cues) -> None:
        self.doc = doc
        self.text = resolver.text
        self.marks = marks
        self.resolver = resolver
        self.cues = cues
        self.inside: list[int] = [-1] * len(doc)  # innermost quote index of each token
        self.top: list[int] = [-1] * len(doc)  # top-level quote index of each token
        self.token_spans: list[Span | None] = []
        for index, quoted in enumerate(marks.spans):
            span = _span_tokens(doc, quoted)
            self.token_spans.append(span)
            if span is None:
                continue
            for i in range(span.start, span.end):
                self.inside[i] = index
                if quoted.parent is None:
                    self.top[i] = index
        resolver.quoted.update(i for i, q in enumerate(self.top) if q != -1)

    # --- where a quote sits -------------------------------------------------------------
    def _outside(self, index: int, *, next_sentence: bool = False) -> list[Token]:
        """Tokens around quote ``index`` that are not quoted: its sentence(s) for a top-level
        quote, its parent's text for a nested one."""
        quoted, span = self.marks.spans[index], self.token_spans[index]
        if span is None:
            return []
        if quoted.parent is not None:
            parent = self.token_spans[quoted.parent]
            if parent is None:
                return []
            return [t for t in parent if self.inside[t.i] == quoted.parent and not t.is_punct]
        first, last = self.doc[span.start].sent, self.doc[span.end - 1].sent
        start = min(first.start, max(span.start - 1, 0))
        end = max(last.end, span.end)
        ends_sentence = all(t.is_punct or t.is_space for t in self.doc[span.end:end])
        if (next_sentence and ends_sentence and end < len(self.doc)
                and "\n\n" not in self.doc[span.end:end + 1].text_with_ws):
            following = self.doc[end].sent  # '..." Macron told the world on Thursday.'
            if following[0].text not in MARKS and self.top[following.start] == -1:
                end = following.end
        tokens = self.doc[start:end]
        paragraph_start = self.text.rfind("\n\n", 0, quoted.start)
        return [t for t in tokens if self.top[t.i] == -1 and not t.is_space and t.idx > paragraph_start
                and t.text not in MARKS]

    def _opens_sentence(self, quoted: QuotedSpan) -> bool:
        text = self.text
        i = quoted.start - 2
        while i >= 0 and text[i] in " \t":
            i -= 1
        if i < 0 or text[i] == "\n":
            return True
        if text[i] in MARKS and i > 0 and text[i - 1] in SENTENCE_END:
            return True
        return text[i] in SENTENCE_END

    # --- cue search ----------------------------------------------------------------------
    def _governing_cue(self, index: int, outside: set[int]) -> Token | None:
        span = self.token_spans[index]
        if span is None:
            return None
        for token in span:
            head = token.head
            if span.start <= head.i < span.end:
                continue
            found: Token | None = None
            steps = 0
            while steps < 10 and head.i in outside:
                if found is not None and _semicolon_between(found, head):
                    break  # "A said x; B reported y" are two statements
                if found is not None and not is_strong_cue(head, self.cues) and _own_subject(found):
                    break  # "with A calling X and B calling Y": each clause has its own speaker
                if is_cue_verb(head, self.cues) and head.dep_ != "relcl" and (
                        found is None or is_strong_cue(head, self.cues) or not is_strong_cue(found, self.cues)):
                    found = head  # keep climbing: the outermost reporter is the source
                if head.head.i == head.i or (found is not None and head.dep_ == "conj"):
                    break  # a conjoined verb is a sibling statement, not an outer reporter
                head, steps = head.head, steps + 1
            if found is not None:
                return found
        return None

    def _nearest_cue(self, index: int, outside: list[Token]) -> tuple[Token, Speaker] | None:
        span = self.token_spans[index]
        if span is None:
            return None
        verbs = [t for t in outside if is_strong_cue(t, self.cues)]
        verbs.sort(key=lambda t: (t.dep_ == "relcl" or parenthetical(t),
                                  min(abs(t.i - span.start), abs(t.i - span.end)), t.i < span.start))
        for verb in verbs:
            speaker = self._speaker_of_verb(verb, index)
            if speaker is not None:
                return verb, speaker
        return None

    def _names_thing(self, verb: Token, index: int) -> bool:
        """'a program ... called "Learning Together"': a naming verb with no subject and no
        object of its own outside the quote gives a thing its name; nobody says the words."""
        if not self.cues.naming or verb.lemma_.lower() not in self.cues.naming:
            return False
        span = self.token_spans[index]
        if span is None or any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative") and self.top[c.i] == -1
                               for c in verb.children):
            return False
        owner = self.resolver.actors.actor_at(verb.head)
        if verb.dep_ == "acl" and owner is not None and owner[2] == "PERSON":
            return False  # "Trump called ... " misparsed as a participle of "Trump"
        return not any(c.pos_ in ("NOUN", "PROPN") and c.dep_ in ("oprd", "attr") and self.top[c.i] == -1
                       for c in verb.children)

    def _speaker_of_verb(self, verb: Token, index: int) -> Speaker | None:
        subject = subject_of(verb, prefer=self.resolver.is_cue_verb)
        if subject is None:
            return None
        quoted = self.marks.spans[index]
        if quoted.parent is not None and subject.lower_ in FIRST_PERSON:
            return self._parent_speaker.get(quoted.parent)
        span = self.token_spans[index]
        inverted = self.top[verb.i] == -1 and verb.i > 0 and (
            self.doc[verb.i - 1].text in MARKS or self.doc[verb.i - 1].text == ",")
        if span is not None and span.start <= subject.i < span.end and not (quoted.parent is None and inverted):
            return None
        if quoted.parent is None and self.top[subject.i] != -1:
            # '"... think that," said a protester': the parser took a quoted word as subject
            after = [c for c in verb.rights if self.top[c.i] == -1 and c.pos_ in ("NOUN", "PROPN")
                     and c.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "appos")]
            return self.resolver.of_token(after[0]) if after else None
        return self.resolver.of_token(subject)

    def _source(self, outside: list[Token]) -> tuple[Token, Speaker] | None:
        for token in outside:
            target = source_phrase(token, self.cues)
            if target is not None:
                speaker = self.resolver.of_token(target)
                if speaker is not None:
                    return token, speaker
        return None

    def _colon_lead_in(self, index: int) -> tuple[Token, Speaker] | None:
        span = self.token_spans[index]
        if span is None:
            return None
        i = span.start - 1
        while i >= 0 and (self.doc[i].text in MARKS or self.doc[i].is_space):
            i -= 1
        if i < 0 or self.doc[i].text != ":" or "\n" in self.doc[i:span.start].text:
            return None
        colon = self.doc[i]
        lead = [t for t in self.doc[colon.sent.start:colon.i] if self.top[t.i] == -1]
        lead_ids = {t.i for t in lead}
        tops = [t for t in lead if t.pos_ in ("VERB", "AUX") and (t.head.i == t.i or t.head.i not in lead_ids)]
        if not tops:
            return None
        cues = [t for t in lead if t.pos_ in ("VERB", "AUX") and is_cue_verb(t, self.cues)]
        # the cue verb nearest the colon ("also speaking via Twitter:"), else the main verb
        verb = cues[-1] if cues and self._speaker_of_verb(cues[-1], index) is not None else tops[0]
        speaker = self._speaker_of_verb(verb, index)
        return (verb, speaker) if speaker is not None else None

    def _governing_named(self, index: int, outside: set[int]) -> tuple[Token, Speaker] | None:
        span = self.token_spans[index]
        if span is None:
            return None
        for token in span:
            head = token.head
            if span.start <= head.i < span.end:
                continue
            steps = 0
            while steps < 6 and head.i in outside:
                if head.pos_ == "VERB":
                    subject = subject_of(head)
                    if subject is not None and subject.i in outside and (
                        subject.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                        or self.resolver.actors.actor_at(subject) is not None
                    ):
                        speaker = self.resolver.of_token(subject)
                        if speaker is not None:
                            return head, speaker
                    return None
                if head.head.i == head.i:
                    break
                head, steps = head.head, steps + 1
        return None

    # --- the whole article ---------------------------------------------------------------
    def quotes(self) -> list[Quote]:
        found: list[Quote] = []
        self._parent_speaker: dict[int, Speaker | None] = {}
        for index, quoted in enumerate(self.marks.spans):
            found.append(self._attribute(index, quoted, found))
            self._parent_speaker[index] = found[-1].speaker
        return self._carry_over(found)

    def _scare_marked(self, quoted: QuotedSpan) -> bool:
        """Whether a listed scare word ("so-called") comes right before the opening mark."""
        before = self.text[max(0, quoted.start - 1 - 20):quoted.start - 1].rstrip().lower()
        return any(before.endswith(word) and (len(before) == len(word) or not before[-len(word) - 1].isalnum())
                   for word in self.cues.scare)

    def _attribute(self, index: int, quoted: QuotedSpan, before: list[Quote]) -> Quote:
        if self._scare_marked(quoted) and self._words(quoted) <= SCARE_MAX_WORDS:
            return Quote(quoted.start, quoted.end, "scare", None, None, None)
        outside = self._outside(index)
        outside_ids = {t.i for t in outside}
        verb = self._governing_cue(index, outside_ids)
        if verb is not None and self._names_thing(verb, index):
            return Quote(quoted.start, quoted.end, "scare", None, None, None)
        speaker: Speaker | None = None
        cue: Token | None = None
        cue_label: str | None = None
        if verb is not None:
            speaker = self._speaker_of_verb(verb, index)
            cue = verb if speaker is not None else None
        finders: tuple[Callable[[], tuple[Token, Speaker] | None], ...] = (
            lambda: self._nearest_cue(index, outside),
            lambda: self._source(outside),
            lambda: self._colon_lead_in(index),
        )
        if quoted.parent is not None:
            finders = finders[2:]  # a quote within a quote: only its own cue counts
        if speaker is None:
            for finder in finders:
                result = finder()
                if result is not None:
                    cue, speaker = result
                    break
        opens = self._opens_sentence(quoted)
        if speaker is None and opens and quoted.parent is None:
            result = self._nearest_cue(index, self._outside(index, next_sentence=True))
            if result is not None:
                cue, speaker = result
        if cue is not None:
            cue_label = "according to" if cue.lower_ == "according" else cue_text(cue, self.cues)
        elif verb is not None:
            cue, cue_label = verb, cue_text(verb, self.cues)
        if speaker is None and cue is None and not opens:
            result = self._governing_named(index, outside_ids)
            if (result is not None and self._words(quoted) <= SCARE_MAX_WORDS
                    and not is_title_name(self.text[quoted.start:quoted.end])):  # a name, not words said
                cue, speaker = result
                cue_label = cue.text
        self.resolver.remember(speaker)
        kind = self._kind(index, quoted, opens, cue, before)
        if speaker is None and cue is None and kind == "partial" and self._words(quoted) <= SCARE_MAX_WORDS:
            kind = "scare"
        return Quote(quoted.start, quoted.end, kind, speaker, cue_label, cue.idx if cue is not None else None)

    def _words(self, quoted: QuotedSpan) -> int:
        return len(self.text[quoted.start:quoted.end].split())

    def _kind(self, index: int, quoted: QuotedSpan, opens: bool, cue: Token | None,
              before: list[Quote]) -> str:
        text = self.text
        if opens:
            return "direct"
        i = quoted.start - 2
        while i >= 0 and text[i] in " \t":
            i -= 1
        if i >= 0 and text[i] in DIRECT_AFTER:
            return "direct"
        content = text[quoted.start:quoted.end].lstrip()
        span = self.token_spans[index]
        if content[:1].isupper() or content[:1] == "[":
            previous = self.doc[span.start - 1] if span is not None and span.start > 0 else None
            while previous is not None and (previous.text in MARKS or previous.is_space) and previous.i > 0:
                previous = self.doc[previous.i - 1]
            if previous is not None and previous.pos_ not in NOT_DIRECT_BEFORE and previous.dep_ != "poss":
                return "direct"
        if before and cue is not None and quoted.parent is None:
            last = before[-1]
            if last.kind == "direct" and last.end < cue.idx < quoted.start:
                return "direct"
        return "partial"

    def _carry_over(self, found: list[Quote]) -> list[Quote]:
        """Quotes that open a sentence with no cue of their own take a neighbour's speaker."""
        text = self.text
        result = list(found)
        for index, quote in enumerate(result):
            quoted = self.marks.spans[index]
            if quote.speaker is not None or quoted.parent is not None or not self._opens_sentence(quoted):
                continue
            donor = None
            if quoted.continues is not None:
                donor = result[quoted.continues]
            for other in range(index + 1, len(result)):  # the next part of the same paragraph
                if self.marks.spans[other].parent is not None:
                    continue
                gap = text[quote.end:result[other].start]
                if "\n\n" in gap and self.marks.spans[other].continues != index:
                    break
                if result[other].speaker is not None and len(gap) < 200:
                    donor = donor or result[other]
                break
            if donor is None or donor.speaker is None:
                donor = self._previous_sentence_cue(index)
            if donor is None or donor.speaker is None:
                donor = self._previous_donor(index, result)
            if donor is not None and donor.speaker is not None:
                result[index] = Quote(quote.start, quote.end, "direct", donor.speaker, donor.cue,
                                      donor.cue_start)
        return result

    def _has_cue(self, index: int) -> bool:
        """Whether the quote's paragraph has a reporting verb outside quotation marks."""
        text = self.text
        start = text.rfind("\n\n", 0, self.marks.spans[index].start)
        end = text.find("\n\n", self.marks.spans[index].end)
        span = self.doc.char_span(start + 1 if start >= 0 else 0, end if end >= 0 else len(text),
                                  alignment_mode="expand")
        return span is not None and any(
            self.top[t.i] == -1 and is_strong_cue(t, self.cues) for t in span)

    def _previous_sentence_cue(self, index: int) -> Quote | None:
        """A cue in the sentence just before the quote, in the same paragraph
        ('McGurk criticised the decision via Twitter. "..."')."""
        span = self.token_spans[index]
        if span is None or span.start == 0:
            return None
        previous = self.doc[span.start - 1]
        while previous.i > 0 and (previous.is_space or previous.text in MARKS):
            previous = self.doc[previous.i - 1]
        if "\n\n" in self.doc[previous.i:span.start].text:
            return None
        sentence = previous.sent
        if sentence.start >= span.start:
            return None
        verbs = [t for t in sentence if self.top[t.i] == -1 and is_strong_cue(t, self.cues)]
        if sentence[-1].text == ":" or previous.text == ":":
            verbs.append(sentence.root)
        for verb in reversed(verbs):
            speaker = self._speaker_of_verb(verb, index)
            if speaker is not None:
                return Quote(0, 0, "direct", speaker, cue_text(verb, self.cues), verb.idx)
        return None

    def _previous_donor(self, index: int, result: list[Quote]) -> Quote | None:
        """The previous top-level quote, if it is in this paragraph or ended the last one."""
        text = self.text
        for other in range(index - 1, -1, -1):
            if self.marks.spans[other].parent is not None:
                continue
            gap = text[result[other].end:result[index].start]
            breaks = gap.count("\n\n")
            if breaks == 0:
                return result[other]
            tail = gap.split("\n\n")[0].strip()
            opens_paragraph = not gap.split("\n\n")[-1].strip(" \t" + MARKS)
            if breaks == 1 and len(tail) <= CARRY_TAIL_CHARS and opens_paragraph and not self._has_cue(index):
                return result[other]  # the previous paragraph ended with that quote
            return None
        return None
