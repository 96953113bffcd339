"""The per-Doc context every quote rule reads: indexes built once, no module state.

``QuoteContext`` holds the Doc, its text (read once), the quoted spans, the lexicon, the
speaker resolver and these indexes, each built in one pass over the Doc:

* token → innermost and top-level quote (``inside``, ``top``);
* quote → its tokens (``token_spans``) and → the paragraph it sits in (``paragraph_of``);
* paragraph → its character bounds and whether it holds a cue outside quotes;
* token → sentence and token → actor (in the resolver).

``Candidate`` is one quoted span as the rules see it: its tokens, the unquoted words
around it, whether it opens its sentence, the verb that governs it in the parse. The
words around a quote are taken from a window of at most ``WINDOW`` tokens on each side
within its sentence, so a rule's cost does not grow with the sentence (a paragraph of
thousands of short quotes parses as one long sentence).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from dashboard.nlp.quotes.cues import Cues
from dashboard.nlp.quotes.grammar import MARKS, PARAGRAPH_BREAK, SENTENCE_END, TRANSCRIPT_LABEL, VERB_POS
from dashboard.nlp.quotes.marks import QuotedSpan, QuoteMarks
from dashboard.nlp.quotes.speakers import Speaker, SpeakerResolver

WINDOW = 60  # tokens each side of a quote that rules look at
CLIMB = 10  # steps up the parse from a quote to its governing verb


def cue_text(verb: Token, cues: Cues) -> str:
    """The cue as written: the verb plus a listed particle ("called on", "went on", "shot
    back" with "back" parsed as an adverb)."""
    for lemma, particle in cues.phrasal:
        if verb.lemma_.lower() != lemma:
            continue
        for child in verb.children:
            if child.dep_ in ("prt", "prep", "advmod") and child.lower_ == particle and child.i == verb.i + 1:
                return f"{verb.text} {child.text}"
    return verb.text


def is_cue_verb(token: Token, cues: Cues) -> bool:
    """Any cue verb, weak ones included (for a quote the parse attaches to the verb); not a
    weak verb that governs an infinitive ("Cole will continue to be "a champion"": what
    she will be, not what she said), unless it has its listed particle ("called on X to").
    A verb listed only in a phrasal pair is a cue with its particle ("went on about",
    "weighed in"), never before an infinitive ("went on to win")."""
    if token.pos_ not in VERB_POS:
        return False
    if not cues.is_verb(token.lemma_):
        return (token.lemma_.lower() in cues.phrasal_verbs and cue_text(token, cues) != token.text
                and not _governs_infinitive(token, ("xcomp", "advcl")))
    return not (cues.is_weak(token.lemma_) and _governs_infinitive(token, ("xcomp",))
                and cue_text(token, cues) == token.text)


def _governs_infinitive(verb: Token, deps: tuple[str, ...]) -> bool:
    """Whether the verb has an infinitive clause with one of ``deps`` ("continue to be",
    "went on to win")."""
    return any(c.dep_ in deps and c.pos_ in VERB_POS
               and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in verb.children)


def is_strong_cue(token: Token, cues: Cues) -> bool:
    """A cue verb that attributes on its own: not a weak verb, or a weak one with its listed
    particle ("called on", "pointed out")."""
    if not is_cue_verb(token, cues):
        return False
    return not cues.is_weak(token.lemma_) or cue_text(token, cues) != token.text


def _semicolon_between(a: Token, b: Token) -> bool:
    low, high = sorted((a.i, b.i))
    return any(t.text == ";" for t in a.doc[low:high])


def _own_subject(verb: Token) -> bool:
    """Whether a verb has a nominal subject of its own (not a pronoun it shares)."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN") for c in verb.children)


@dataclass
class Candidate:
    """One quoted span as the rules see it (built once per quote)."""

    index: int
    quoted: QuotedSpan
    span: Span | None
    outside: list[Token]  # unquoted words of its sentence(s), within the window
    outside_ids: set[int]
    opens: bool  # the quote opens its sentence
    governing: Token | None  # the cue verb that governs it in the parse
    text: str  # the quoted characters

    @property
    def nested(self) -> bool:
        return self.quoted.parent is not None

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class QuoteContext:
    """Everything the rules of one Doc read (see the module docstring)."""

    doc: Doc
    marks: QuoteMarks
    resolver: SpeakerResolver
    cues: Cues
    text: str = ""
    inside: list[int] = field(default_factory=list)
    top: list[int] = field(default_factory=list)
    token_spans: list[Span | None] = field(default_factory=list)
    paragraph_starts: list[int] = field(default_factory=list)
    paragraph_ends: list[int] = field(default_factory=list)
    parent_speaker: dict[int, Speaker | None] = field(default_factory=dict)  # quote index → its first-pass speaker
    cue_starts: dict[int, int] = field(default_factory=dict)  # quote index → where its cue sits (first pass)
    _paragraph_cue: dict[int, bool] = field(default_factory=dict)
    _labels: dict[str, int] | None = None  # transcript labels opening quotes, and how many
    _idx: list[int] = field(default_factory=list)  # each token's character offset
    _word: list[bool] = field(default_factory=list)  # not a space, not a quotation mark

    @classmethod
    def build(cls, doc: Doc, marks: QuoteMarks, resolver: SpeakerResolver, cues: Cues) -> QuoteContext:
        ctx = cls(doc, marks, resolver, cues, text=resolver.text)
        ctx.inside = [-1] * len(doc)
        ctx.top = [-1] * len(doc)
        for index, quoted in enumerate(marks.spans):
            span = doc.char_span(quoted.start, quoted.end, alignment_mode="expand")
            ctx.token_spans.append(span)
            if span is None:
                continue
            for i in range(span.start, span.end):
                ctx.inside[i] = index
                if quoted.parent is None:
                    ctx.top[i] = index
        resolver.quoted.update(i for i, q in enumerate(ctx.top) if q != -1)
        # read once per Doc: ``outside`` tests these for every token of every quote's window
        ctx._idx = [t.idx for t in doc]
        ctx._word = [not t.is_space and t.text not in MARKS for t in doc]
        start = 0
        text = ctx.text
        while True:
            found = text.find(PARAGRAPH_BREAK, start)
            ctx.paragraph_starts.append(start)
            ctx.paragraph_ends.append(found if found != -1 else len(text))
            if found == -1:
                break
            start = found + len(PARAGRAPH_BREAK)
        return ctx

    def transcript_labels(self) -> dict[str, int]:
        """How many top-level quotes of the Doc open with each transcript label ("PENCE:")."""
        if self._labels is None:
            self._labels = {}
            for quoted in self.marks.spans:
                match = TRANSCRIPT_LABEL.match(self.text, quoted.start, quoted.end)
                if quoted.parent is None and match is not None:
                    self._labels[match[1]] = self._labels.get(match[1], 0) + 1
        return self._labels

    # --- paragraphs ------------------------------------------------------------------------
    def paragraph_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, char) - 1)

    def paragraph_start(self, char: int) -> int:
        """Offset of the "\\n\\n" before ``char`` (-1 when none), as ``str.rfind`` gives it."""
        number = self.paragraph_of(char)
        return self.paragraph_starts[number] - len(PARAGRAPH_BREAK) if number else -1

    def paragraph_has_cue(self, char: int) -> bool:
        """Whether the paragraph holding ``char`` has a reporting verb outside quotes."""
        number = self.paragraph_of(char)
        if number not in self._paragraph_cue:
            span = self.doc.char_span(self.paragraph_starts[number], self.paragraph_ends[number],
                                      alignment_mode="expand")
            self._paragraph_cue[number] = span is not None and any(
                self.top[t.i] == -1 and is_strong_cue(t, self.cues) for t in span)
        return self._paragraph_cue[number]

    # --- one quote -------------------------------------------------------------------------
    def candidate(self, index: int) -> Candidate:
        quoted = self.marks.spans[index]
        outside = self.outside(index)
        ids = {t.i for t in outside}
        return Candidate(index, quoted, self.token_spans[index], outside, ids, self.opens_sentence(quoted),
                         self.governing_cue(index, ids), self.text[quoted.start:quoted.end])

    def outside(self, index: int, *, next_sentence: bool = False) -> list[Token]:
        """Tokens around quote ``index`` that are not quoted: its sentence(s) for a top-level
        quote (at most WINDOW tokens each side), its parent's text for a nested one."""
        quoted, span = self.marks.spans[index], self.token_spans[index]
        if span is None:
            return []
        doc = self.doc
        if quoted.parent is not None:
            parent = self.token_spans[quoted.parent]
            if parent is None:
                return []
            low, high = max(parent.start, span.start - WINDOW), min(parent.end, span.end + WINDOW)
            return [t for t in doc[low:high] if self.inside[t.i] == quoted.parent and not t.is_punct]
        sentences = self.resolver.sentences
        first, last = sentences.of(span.start), sentences.of(span.end - 1)
        start = min(first.start, max(span.start - 1, 0))
        end = max(last.end, span.end)
        # the next sentence only matters when this one ends within the window (the window
        # cuts it otherwise), so what is read here stays within the window too
        if (next_sentence and end < min(len(doc), span.end + WINDOW)
                and all(t.is_punct or t.is_space for t in doc[span.end:end])
                and PARAGRAPH_BREAK not in doc[span.end:end + 1].text_with_ws):
            following = sentences.of(end)  # '..." Macron told the world on Thursday.'
            if following[0].text not in MARKS and self.top[following.start] == -1:
                end = following.end
        start, end = max(start, span.start - WINDOW), min(end, span.end + WINDOW)
        paragraph_start = self.paragraph_start(quoted.start)
        top, idx, word = self.top, self._idx, self._word
        return [doc[i] for i in range(start, end) if top[i] == -1 and word[i] and idx[i] > paragraph_start]

    def opens_sentence(self, quoted: QuotedSpan) -> bool:
        text = self.text
        i = quoted.start - 2
        while i >= 0 and text[i] in " \t":
            i -= 1
        if i < 0 or text[i] == "\n":
            return True
        if text[i] in MARKS and i > 0 and text[i - 1] in SENTENCE_END:
            return True
        return text[i] in SENTENCE_END

    def governing_cue(self, index: int, outside: set[int]) -> Token | None:
        """The reporting verb that governs the quote in the parse (the outermost one)."""
        span = self.token_spans[index]
        if span is None:
            return None
        cues = self.cues
        for token in span:
            head = token.head
            if span.start <= head.i < span.end:
                continue
            found: Token | None = None
            steps = 0
            while steps < CLIMB and head.i in outside:
                if found is not None and _semicolon_between(found, head):
                    break  # "A said x; B reported y" are two statements
                if found is not None and not is_strong_cue(head, cues) and _own_subject(found):
                    break  # "with A calling X and B calling Y": each clause has its own speaker
                if is_cue_verb(head, cues) and head.dep_ != "relcl" and (
                        found is None or is_strong_cue(head, cues) or not is_strong_cue(found, cues)):
                    found = head  # keep climbing: the outermost reporter is the source
                if head.head.i == head.i or (found is not None and head.dep_ == "conj"):
                    break  # a conjoined verb is a sibling statement, not an outer reporter
                if head is found and head.dep_ == "advcl" and _own_subject(head):
                    break  # 'as Trump went on about "...", Ann said yes': a clause with its own speaker
                head, steps = head.head, steps + 1
            if found is not None:
                return found
        return None
