"""Scoring predicted quotes against gold quotes (pure functions, no spaCy).

Convention (GenderGapTracker): a predicted quote matches a gold quote when it covers at
least 30% of the gold span's characters (strict: 80%), one-to-one, greedy by overlap.

Decisions, so that figures mean the same thing every run:

* Gold quotes give only ``text``; each is located in the article's source text by exact
  search, preferring an occurrence that sits between quotation marks, in order of
  appearance (a repeated text takes successive occurrences). When the exact text is not
  there, whitespace and apostrophes are normalised and the search repeated; such quotes,
  and quotes not found at all, are reported as problems (not found = always missed).
* Kinds: predicted direct, partial and scare quotes are compared with every gold quote
  (gold direct, partial and scare); the kind itself is not scored. Predicted indirect
  (reported speech) rows are scored separately against gold ``indirect_quotes``.
* Speaker accuracy is taken over matched quotes whose gold quote has a speaker. A gold
  scare quote (speaker null) counts as end-to-end correct only when the prediction has
  no speaker either.
* End-to-end: a prediction is a true positive when it matches (30%; strict 80%) AND its
  speaker is right.
* Exact: a matched pair whose spans are identical once surrounding whitespace is trimmed.
* A speaker is right when it equals (apostrophes straightened, case and a leading "the"
  ignored) the gold speaker, one of its alternatives, or a proper-noun alias (see
  ``is_proper_alias``) of the gold actor with one of those names — any alias when the
  article never names that actor (its canonical name is itself a description).
* Gold marked ``speaker_match = "surname"`` (PolNeAR: speakers are source spans as written)
  also accepts a predicted speaker whose last capitalised word is the span's surname, or
  a proper name / two words or more standing whole inside the span (``surname_match``);
  there, predicted scare quotes are left out (the corpus does not annotate them) and gold
  quotes marked ``speaker_is_pronoun`` are left out of speaker accuracy and of both sides
  of end-to-end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dashboard.evaluation.gold import GoldActor, GoldIndirect, GoldQuote

LOOSE = 0.3
STRICT = 0.8

OPENING_MARKS = frozenset("“\"‘'«„‹")
CLOSING_MARKS = frozenset("”\"’'»“›")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"'})

# Words that on their own do not name anyone: determiners, possessives, titles, roles.
NOT_NAMES = frozenset(
    """
    a an the this that these those his her its their our my your
    mr mrs ms miss dr sir dame lord lady prof professor
    president vice prime minister deputy secretary foreign interior defence defense
    chancellor king queen prince princess emperor pope
    senator congressman congresswoman representative governor mayor judge justice
    ambassador envoy spokesman spokeswoman spokesperson leader chief head general
    chairman chairwoman chair speaker officer official director commissioner
    """.split()  # noqa: SIM905 - a word list reads better as text
)
PREPOSITIONS = frozenset(("of", "to", "for", "in", "at", "from", "on", "with", "by"))
WORD = re.compile(r"[^\W\d_][\w'’.-]*")
SURNAME_CUT = frozenset(("of", "from", "for", "at", "with", "in", "on", "to", "by", "who", "which", "and"))
SURNAME = "surname"


@dataclass(frozen=True)
class Counts:
    """True/false positives and false negatives, with the usual ratios.

    A ratio whose denominator is 0 is 1.0 when there was nothing to find and nothing
    predicted, else 0.0.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp, empty=self.fn == 0)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn, empty=self.fp == 0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(part: int, whole: int, *, empty: bool) -> float:
    if whole:
        return part / whole
    return 1.0 if empty else 0.0


@dataclass(frozen=True)
class PredictedQuote:
    """A predicted quote: offsets into the article's source text."""

    start: int
    end: int
    text: str
    speaker: str | None
    kind: str = "direct"
    rule: str | None = None  # the rule that produced the row ("quote_rule/speaker_rule")


@dataclass(frozen=True)
class Judged:
    """How one scored prediction fared: ``matched`` a gold quote; ``speaker_right`` is None
    when its speaker was not judged (no match, no gold speaker, or a pronoun source)."""

    rule: str | None
    matched: bool
    speaker_right: bool | None


@dataclass(frozen=True)
class Located:
    """Where a gold text sits in the source text; ``how`` is exact | normalised | missing."""

    start: int
    end: int
    how: str

    @property
    def found(self) -> bool:
        return self.how != "missing"


@dataclass(frozen=True)
class QuoteError:
    """One disagreement: kind is missed | spurious | wrong speaker | not in text | normalised."""

    kind: str
    text: str
    start: int
    predicted_speaker: str | None = None
    gold_speaker: str | None = None


@dataclass(frozen=True)
class QuoteScore:
    loose: Counts  # matched at 30% coverage
    strict: Counts  # matched at 80% coverage
    exact: Counts
    speaker_right: int
    speaker_total: int
    end_to_end: Counts
    errors: tuple[QuoteError, ...] = ()
    judged: tuple[Judged, ...] = ()

    def __add__(self, other: QuoteScore) -> QuoteScore:
        return QuoteScore(
            self.loose + other.loose,
            self.strict + other.strict,
            self.exact + other.exact,
            self.speaker_right + other.speaker_right,
            self.speaker_total + other.speaker_total,
            self.end_to_end + other.end_to_end,
            self.errors + other.errors,
            self.judged + other.judged,
        )

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.speaker_total if self.speaker_total else 0.0


@dataclass(frozen=True)
class PredictedIndirect:
    """A predicted reported-speech row; start/end = the sentence(s) it sits in."""

    start: int
    end: int
    text: str
    speaker: str | None


@dataclass(frozen=True)
class IndirectScore:
    counts: Counts
    speaker_right: int
    speaker_total: int
    errors: tuple[QuoteError, ...] = ()

    def __add__(self, other: IndirectScore) -> IndirectScore:
        return IndirectScore(
            self.counts + other.counts,
            self.speaker_right + other.speaker_right,
            self.speaker_total + other.speaker_total,
            self.errors + other.errors,
        )

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.speaker_total if self.speaker_total else 0.0


EMPTY_QUOTES = QuoteScore(Counts(), Counts(), Counts(), 0, 0, Counts())
EMPTY_INDIRECT = IndirectScore(Counts(), 0, 0)


# --- names -------------------------------------------------------------------------------


def normalise_name(name: str) -> str:
    """Apostrophes straightened, brackets dropped, case folded, leading "the" removed."""
    text = " ".join(name.translate(APOSTROPHES).replace("[", "").replace("]", "").split())
    text = text.casefold()
    return text[4:] if text.startswith("the ") else text


def is_proper_alias(alias: str) -> bool:
    """Whether an alias names its actor, rather than describing them.

    The head word (the last word before any "of/to/for…" phrase) must be capitalised and
    not a determiner or title: "Biden", "[Biden]", "US president Joe Biden", "the White
    House", "Bank of England" name; "the minister", "The President", "The US president",
    "its ambassador to the US" describe.
    """
    words = WORD.findall(alias.replace("[", " ").replace("]", " "))
    head_words: list[str] = []
    for word in words:
        if word.lower() in PREPOSITIONS and head_words:
            break
        head_words.append(word)
    if not head_words:
        return False
    head = re.sub(r"['’]s?$", "", head_words[-1])
    return head[:1].isupper() and head.lower().strip(".") not in NOT_NAMES


def accepted_speakers(speaker: str | None, alternatives: Iterable[str], actors: Iterable[GoldActor]) -> frozenset[str]:
    """Every normalised name that counts as the right speaker."""
    if speaker is None:
        return frozenset()
    names = {normalise_name(n) for n in (speaker, *alternatives)}
    accepted = set(names)
    for actor in actors:
        if normalise_name(actor.name) in names:
            # An actor the article never names ("one of the Turpin children") can only be
            # called by its descriptions, so every alias counts; a named actor needs a name.
            named = is_proper_alias(actor.name)
            accepted.update(normalise_name(a) for a in actor.aliases if not named or is_proper_alias(a))
    return frozenset(accepted)


HONORIFICS = frozenset(("mr", "mrs", "ms", "miss", "dr"))


def _capitalised(words: Sequence[str]) -> list[str]:
    """The capitalised words that can be names: not titles ("President"), except right after
    an honorific, where a title word is a surname ("Mr. King", "Ms. Prince")."""
    found = []
    for i, word in enumerate(words):
        name = re.sub(r"['’]s?$", "", word).strip(".")
        after_honorific = i > 0 and words[i - 1].strip(".").lower() in HONORIFICS
        if word[:1].isupper() and name and (name.lower() not in NOT_NAMES or after_honorific):
            found.append(name)
    return found


def surname(span: str) -> str | None:
    """The surname of a source span: its last capitalised word before any comma,
    preposition or relative pronoun ("Rep. Jerry Nadler, a Democrat from New York" →
    Nadler, "Edward Alden of the Council on Foreign Relations" → Alden, "the Trump
    campaign" → Trump); None when that part has no capitalised word ("a spokeswoman")."""
    head: list[str] = []
    for word in WORD.findall(span.split(",")[0]):
        if word.lower() in SURNAME_CUT and head:
            break
        head.append(word)
    names = _capitalised(head)
    return names[-1] if names else None


def _words_inside(inner: str, outer: str) -> bool:
    needle = normalise_name(inner).split()
    hay = normalise_name(outer).split()
    return bool(needle) and any(hay[i:i + len(needle)] == needle for i in range(len(hay) - len(needle) + 1))


def surname_match(predicted: str, gold: str) -> bool:
    """The surname convention: the predicted speaker's last capitalised word is the gold
    span's surname ("Donald Trump" for "the Trump campaign"), or the predicted speaker is
    a proper name, or two words or more, standing whole inside the span ("FBI" in "FBI
    notes released Monday")."""
    words = WORD.findall(predicted)
    # a speaker that is only a title word is taken as a name ("King" for "Mr. King")
    names = _capitalised(words) or [w.strip(".") for w in words if w[:1].isupper()]
    wanted = surname(gold)
    if names and wanted and names[-1].casefold() == wanted.casefold():
        return True
    named = is_proper_alias(predicted) or len(WORD.findall(predicted)) >= 2
    return named and _words_inside(predicted, gold)


def speaker_is_right(
    predicted: str | None,
    gold: str | None,
    *,
    alternatives: Iterable[str] = (),
    actors: Iterable[GoldActor] = (),
    match: str = "exact",
) -> bool:
    """The speaker rule; a gold speaker of None is matched only by no speaker.
    ``match="surname"`` adds ``surname_match`` against the gold speaker and alternatives."""
    if gold is None:
        return not predicted
    if not predicted:
        return False
    if normalise_name(predicted) in accepted_speakers(gold, alternatives, actors):
        return True
    return match == SURNAME and any(surname_match(predicted, name) for name in (gold, *alternatives))


# --- locating gold texts ---------------------------------------------------------------


def _occurrences(haystack: str, needle: str) -> list[int]:
    found, at = [], haystack.find(needle)
    while at != -1 and needle:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def _normalised(text: str) -> tuple[str, list[int]]:
    """Whitespace runs → one space, curly apostrophes/quotes straightened; with offsets."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(text):
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char.translate(APOSTROPHES))
        offsets.append(i)
    return "".join(chars), offsets


def locate_quotes(source: str, texts: Sequence[str]) -> tuple[Located, ...]:
    """Locate each gold quote text in ``source``; see the module docstring."""
    folded, offsets = _normalised(source)
    taken: set[tuple[int, int]] = set()
    cursor = 0
    located: list[Located] = []
    for text in texts:
        stripped = text.strip()
        spans = [(s, s + len(stripped)) for s in _occurrences(source, stripped)]
        how = "exact"
        if not spans:
            needle = _normalised(stripped)[0]
            spans = [(offsets[s], offsets[s + len(needle) - 1] + 1) for s in _occurrences(folded, needle)]
            how = "normalised"
        spans = [span for span in spans if span not in taken]
        if not spans:
            located.append(Located(cursor, cursor, "missing"))
            continue
        best = _choose(source, spans, cursor)
        taken.add(best)
        cursor = best[0]
        located.append(Located(best[0], best[1], how))
    return tuple(located)


def locate_sentence_starts(source: str, starts: Sequence[str]) -> tuple[Located, ...]:
    """Locate gold ``sentence_start`` texts: like quote texts (a repeated text takes the
    next occurrence), but a repeat with no occurrence left is the same sentence again
    (two reported statements in one sentence), not a text missing from the article."""
    located = list(locate_quotes(source, starts))
    for i, loc in enumerate(located):
        if not loc.found:
            same = [located[j] for j in range(i) if starts[j].strip() == starts[i].strip() and located[j].found]
            if same:
                located[i] = same[-1]
    return tuple(located)


def _choose(source: str, spans: list[tuple[int, int]], cursor: int) -> tuple[int, int]:
    """Prefer quoted occurrences, then those at or after the previous gold quote."""

    def quoted(span: tuple[int, int]) -> bool:
        start, end = span
        before = source[start - 1] if start > 0 else ""
        after = source[end] if end < len(source) else ""
        return before in OPENING_MARKS and after in CLOSING_MARKS and bool(before)

    ranked = sorted(spans, key=lambda s: (not quoted(s), s[0] < cursor, s[0]))
    return ranked[0]


# --- matching -----------------------------------------------------------------------------


def _trim(source: str, start: int, end: int) -> tuple[int, int]:
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    return start, end


def match_spans(
    predicted: Sequence[tuple[int, int]],
    gold: Sequence[tuple[int, int] | None],
    *,
    threshold: float,
) -> dict[int, int]:
    """Greedy one-to-one matching by overlap: {predicted index: gold index}.

    A pair is eligible when the prediction covers at least ``threshold`` of the gold
    span's characters; the largest overlaps are paired first (ties: text order).
    """
    pairs = []
    for g, gold_span in enumerate(gold):
        if gold_span is None or gold_span[1] <= gold_span[0]:
            continue
        length = gold_span[1] - gold_span[0]
        for p, (start, end) in enumerate(predicted):
            overlap = min(end, gold_span[1]) - max(start, gold_span[0])
            if overlap > 0 and overlap / length >= threshold:
                pairs.append((-overlap, g, p))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, g, p in sorted(pairs):
        if p not in matched and g not in used:
            matched[p] = g
            used.add(g)
    return matched


def shorten(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def score_quotes(
    predicted: Sequence[PredictedQuote],
    gold: Sequence[GoldQuote],
    source: str,
    *,
    actors: Sequence[GoldActor] = (),
    strict: bool = False,
    speaker_match: str = "exact",
) -> QuoteScore:
    """Score one article's predicted direct/partial/scare quotes against its gold quotes.

    ``strict`` makes 80% coverage the threshold for speaker, end-to-end figures and the
    error list; 30% and 80% counts are always both computed. ``speaker_match="surname"``:
    see the module docstring.
    """
    surname_gold = speaker_match == SURNAME
    predicted = [q for q in predicted if q.kind != "indirect" and not (surname_gold and q.kind == "scare")]
    located = locate_quotes(source, [q.text for q in gold])
    gold_spans = [(loc.start, loc.end) if loc.found else None for loc in located]
    pred_spans = [(q.start, q.end) for q in predicted]
    loose = match_spans(pred_spans, gold_spans, threshold=LOOSE)
    tight = match_spans(pred_spans, gold_spans, threshold=STRICT)
    primary = tight if strict else loose

    errors: list[QuoteError] = []
    for gold_quote, loc in zip(gold, located, strict=True):
        if loc.how != "exact":
            kind = "not in text" if loc.how == "missing" else "normalised"
            errors.append(QuoteError(kind, shorten(gold_quote.text), loc.start, None, gold_quote.speaker))
    exact = right = total = e2e = 0
    unjudged = [g for g, q in enumerate(gold) if surname_gold and q.speaker_is_pronoun]
    judged: dict[int, bool | None] = {}
    for p, g in sorted(primary.items(), key=lambda pg: pred_spans[pg[0]]):
        quote, gold_quote = predicted[p], gold[g]
        gold_span = gold_spans[g]
        assert gold_span is not None
        exact += _trim(source, *pred_spans[p]) == _trim(source, *gold_span)
        judged[p] = None
        if g in unjudged:
            continue  # a pronoun source: no gold to judge the speaker by
        ok = speaker_is_right(
            quote.speaker,
            gold_quote.speaker,
            alternatives=gold_quote.speaker_alternatives,
            actors=actors,
            match=speaker_match,
        )
        e2e += ok
        if gold_quote.speaker is not None:
            total += 1
            right += ok
            judged[p] = ok
        if not ok:
            errors.append(
                QuoteError(
                    "wrong speaker",
                    shorten(gold_quote.text),
                    gold_span[0],
                    quote.speaker,
                    gold_quote.speaker,
                )
            )
    hit = set(primary.values())
    for g, span in enumerate(gold_spans):
        if g not in hit:
            start = span[0] if span else -1
            errors.append(QuoteError("missed", shorten(gold[g].text), start, None, gold[g].speaker))
    for p, row in enumerate(predicted):
        if p not in primary:
            errors.append(QuoteError("spurious", shorten(row.text), row.start, row.speaker, None))

    n_pred, n_gold = len(predicted), len(gold)
    on_pronouns = sum(1 for g in primary.values() if g in unjudged)
    return QuoteScore(
        loose=_counts(len(loose), n_pred, n_gold),
        strict=_counts(len(tight), n_pred, n_gold),
        exact=_counts(exact, n_pred, n_gold),
        speaker_right=right,
        speaker_total=total,
        end_to_end=_counts(e2e, n_pred - on_pronouns, n_gold - len(unjudged)),
        errors=tuple(sorted(errors, key=lambda e: (e.start, e.kind))),
        judged=tuple(Judged(q.rule, p in judged, judged.get(p)) for p, q in enumerate(predicted)),
    )


def _counts(tp: int, n_predicted: int, n_gold: int) -> Counts:
    return Counts(tp, n_predicted - tp, n_gold - tp)


# --- indirect (reported speech) --------------------------------------------------------


def score_indirect(
    predicted: Sequence[PredictedIndirect],
    gold: Sequence[GoldIndirect],
    source: str,
    *,
    actors: Sequence[GoldActor] = (),
) -> IndirectScore:
    """A prediction matches a gold indirect quote when its sentence contains the gold
    ``sentence_start`` (located like quote texts, see ``locate_sentence_starts``);
    one-to-one, in text order, a prediction with the gold speaker first (two gold rows
    for one sentence each take the prediction that names their speaker)."""
    located = locate_sentence_starts(source, [g.sentence_start for g in gold])
    order = sorted(range(len(predicted)), key=lambda i: (predicted[i].start, predicted[i].end))
    matched: dict[int, int] = {}
    errors: list[QuoteError] = []
    for g, loc in enumerate(located):
        if not loc.found:
            errors.append(QuoteError("not in text", shorten(gold[g].sentence_start), -1))
    for same_speaker in (True, False):
        for g, loc in enumerate(located):
            if not loc.found or g in matched.values():
                continue
            for p in order:
                if p in matched or not predicted[p].start <= loc.start < predicted[p].end:
                    continue
                if same_speaker and not speaker_is_right(predicted[p].speaker, gold[g].speaker, actors=actors):
                    continue
                matched[p] = g
                break
    right = total = 0
    for p, g in matched.items():
        ok = speaker_is_right(predicted[p].speaker, gold[g].speaker, actors=actors)
        if gold[g].speaker is not None:
            total += 1
            right += ok
        if not ok:
            errors.append(
                QuoteError(
                    "wrong speaker",
                    shorten(gold[g].sentence_start),
                    located[g].start,
                    predicted[p].speaker,
                    gold[g].speaker,
                )
            )
    hit = set(matched.values())
    for g, item in enumerate(gold):
        if g not in hit and located[g].found:
            errors.append(QuoteError("missed", shorten(item.sentence_start), located[g].start, None, item.speaker))
    for p, row in enumerate(predicted):
        if p not in matched:
            errors.append(QuoteError("spurious", shorten(row.text), row.start, row.speaker, None))
    return IndirectScore(
        counts=_counts(len(matched), len(predicted), len(gold)),
        speaker_right=right,
        speaker_total=total,
        errors=tuple(sorted(errors, key=lambda e: (e.start, e.kind))),
    )
