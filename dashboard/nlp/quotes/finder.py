"""Component "quote_finder": direct, partial, scare and reported (indirect) quotes.

Writes ``doc.spans[QUOTES]`` (span = the characters between the quotation marks, or the
reported content of an indirect quote; label_ = kind; kb_id_ = speaker actor id or "")
and ``doc._.quotes``, plain dicts aligned with the span group:
``{"kind", "speaker_id", "speaker", "cue", "rule", "start", "end"}`` where ``speaker`` is
the canonical actor name, else the surface name, else None, ``rule`` names the rules that
produced the row ("governing_cue/actor": quote rule, then speaker rule), and
``start``/``end`` are the exact character offsets of the quote in the Doc text. Runs after actor_linker. Never raises:
problems go to ``doc._.problems``.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from dashboard.nlp import QUOTES
from dashboard.nlp.quotes.attribution import Quote, attribute
from dashboard.nlp.quotes.context import QuoteContext
from dashboard.nlp.quotes.cues import Cues, load_cues
from dashboard.nlp.quotes.marks import QuoteMarks, quoted_spans
from dashboard.nlp.quotes.reported_speech import interview_paragraphs, reported_speech
from dashboard.nlp.quotes.speakers import SpeakerResolver
from dashboard.nlp.quotes.turns import transcript_turns

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)
if not Doc.has_extension("problems"):
    Doc.set_extension("problems", default=None)


def _problem(doc: Doc, message: str) -> None:
    if doc._.problems is None:
        doc._.problems = []
    doc._.problems.append(f"quote_finder: {message}")


class QuoteFinder:
    """Finds quotes (``match``) and writes them to the Doc (``set_annotations``)."""

    def __init__(self, cues: Cues | None = None) -> None:
        self._cues = cues

    @property
    def cues(self) -> Cues:
        if self._cues is None:
            self._cues = load_cues()
        return self._cues

    def __call__(self, doc: Doc) -> Doc:
        try:
            resolver = SpeakerResolver(doc, self.cues)
            marks = quoted_spans(resolver.text)
            found = self.match(doc, marks, resolver)
        except Exception as error:  # one odd article must never stop a batch
            _problem(doc, f"quotes skipped: {type(error).__name__}: {error}")
            marks, found = QuoteMarks((), ()), []
        for problem in marks.problems:
            _problem(doc, problem)
        self.set_annotations(doc, found)
        return doc

    def match(self, doc: Doc, marks: QuoteMarks, resolver: SpeakerResolver) -> list[Quote]:
        context = QuoteContext.build(doc, marks, resolver, self.cues)
        interview = interview_paragraphs(resolver.text, self.cues)
        quotes = _untag(attribute(context), interview)
        quoted = [(q.start, q.end) for q in quotes if q.kind != "scare"]
        turns = transcript_turns(resolver, interview, quoted=quoted)
        turn_paragraphs = [(t.cue_start or t.start, t.end) for t in turns]
        indirect = list(
            reported_speech(doc, resolver, self.cues, quoted=quoted + turn_paragraphs, transcript=interview)
        )
        return sorted(quotes + turns + indirect, key=lambda q: (q.start, q.end))

    def set_annotations(self, doc: Doc, found: list[Quote]) -> None:
        spans: list[Span] = []
        infos: list[dict] = []
        for quote in found:
            span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            speaker = quote.speaker
            span = Span(doc, span.start, span.end, label=quote.kind,
                        kb_id=speaker.actor_id if speaker is not None else "")
            spans.append(span)
            infos.append({
                "kind": quote.kind,
                "speaker_id": speaker.actor_id if speaker is not None else "",
                "speaker": speaker.name if speaker is not None else None,
                "cue": quote.cue,
                "rule": quote.rule_label,
                "start": quote.start,
                "end": quote.end,
            })
        doc.spans[QUOTES] = spans
        doc._.quotes = infos


def _untag(quotes: list[Quote], transcript: list[tuple[int, int, str]]) -> list[Quote]:
    """In an interview transcript the tag ("WN") is who asks, not a speaker to quote."""
    if not transcript:
        return quotes
    tags = {tag.lower() for _, _, tag in transcript}
    return [replace(q, speaker=None, rule="interview_tag") if q.speaker is not None
            and q.speaker.name.lower() in tags and any(a <= q.start < b for a, b, _ in transcript) else q
            for q in quotes]


@Language.factory("quote_finder")
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()
