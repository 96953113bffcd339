"""Quoted spans → quotes with a kind, a cue, a speaker and the rule that decided them.

Two ordered registries of small named rules, each ``rule(ctx, quote) -> Attribution |
None``, tried in order, the first answer wins (the order is the documentation):

``ATTRIBUTION_RULES`` — for each quoted span, in text order:

1. ``markup_value``: '<tweet author="...">', a value in markup → no row at all;
   ``stage_direction``: '"(CROSSTALK.)"', a bracketed transcript note alone → no row;
   ``transcript_label``: '"PENCE: Well, look, ..."', a transcript turn quoted whole → the
   person of that surname (or the label, when two or more quotes open with it);
2. ``scare_word``: a listed word ("so-called") right before a short quote → scare;
3. ``quoted_title``: a title-cased name after a possessive, preposition, determiner or
   title noun ('on ABC's "This Week"', 'his book "An American Son"') → scare;
4. ``nickname``: a title-cased quote between two words of a name ('Marcia "Cia" Price') →
   scare; ``naming_verb``: 'a program called "Learning Together"' → a name, scare;
5. ``quoted_source``: a title-cased quote that is the subject of its own cue ('as "The
   Harbour Times" wrote') → the source's name, scare;
   ``credit_colon``: the names after a dash or "from" that end the lead-in of a colon
   ('Pollsters agree - Ann Cole: "..."', 'More from Holt: "..."'), before the verb of the heading;
   ``governing_cue``: the reporting verb that governs the quote in the parse;
6. ``colon_lead_in``: the subject of the clause before a colon that opens the quote (the
   colon may end the previous paragraph: 'Cruz continued: ¶ "..."');
   ``presented_colon``: a lead-in that only presents a source ('From Bush's Facebook post:
   "..."', 'Here's Clinton in 1992: "..."');
7. ``name_colon``: a name alone before the colon ('Clinton: "Our goal ..."');
   ``dash_credit``: a quote that opens its line (or follows the credit of the quote before),
   credited after a dash ('"..." ― Ana Ruiz', or '- Ana Ruiz.' on the next line alone);
8. ``nearest_cue``: the nearest reporting verb outside quotes in the quote's sentence(s)
   whose subject resolves ('"...," tweeted Johnson "..."' gives both halves to Johnson);
9. ``according_to``: "according to X" in the sentence; ``in_words_of``: "in X's view",
   "in the words of X";
   ``as_put_it``: 'as the prosecutor put it, "..."';
10. ``follows_credit``: a quote that opens its sentence right after the credit of the quote
   before it ('"...," Rubio said on Monday. "They told me ..."') goes on with that speaker;
   ``next_sentence_cue``: a quote that opens its sentence: a cue in the next sentence
   ('"..." Macron told the world on Thursday.');
11. ``inverted_verb``: '"Would it be negotiable?" Hannity pressed.': a verb of any lexicon
   right after a quote that ends with a comma, question or exclamation mark;
   ``words_after_quote``: the same read off the words when the parse is broken ('"...,"
   the editorial read.', '"...," said the designer, who ...');
12. ``writer_verb_named``: a short quote inside the writer's sentence: the verb governing it
   when that verb's subject is a named actor ("Russia summoning its ambassador for
   "consultations"");
13. ``dash_lead_in``: the subject of the clause before a dash on the quote's line, as before
   a colon ('Trump embraced the techniques -- "I think ..."'), when nothing else attributes it.

``CARRY_RULES`` — a second pass for quotes that open a sentence with no speaker (the
journalistic convention of carrying a speaker over): ``continued_quote`` (the same quote
running over paragraphs), ``next_part`` (the next quote of the paragraph),
``previous_sentence_cue`` ('McGurk criticised the decision via Twitter. "..."'),
``previous_quote`` (the previous quote of the paragraph, or the one that ended the
previous paragraph when this one names nobody), ``previous_paragraph_cue`` (a paragraph
that is a quote naming nobody, after a sentence that reports someone speaking, or whose
subject is the speaker of the last quote). ``NESTED_CARRY_RULES``: a quote inside a quote
with no speaker of its own and not a scare quote is part of the enclosing quote, not a row
(``enclosing_quote``).

Nothing found → a short partial quote, or a title-cased name ('films like "Apollo 13,"'),
is a scare quote (``short_unattributed``), a longer one keeps speaker None. Kinds:
"direct" when the quote is what was said (it opens the sentence, follows a comma, colon
or dash, or starts a clause right after its cue), else "partial".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from dashboard.nlp.actor_mentions import MIDDLE_INITIAL
from dashboard.nlp.quotes.context import WINDOW, Candidate, QuoteContext, cue_text, is_cue_verb, is_strong_cue
from dashboard.nlp.quotes.cues import Cues
from dashboard.nlp.quotes.grammar import (
    CREDIT_TAIL,
    DASH_CREDIT,
    DOUBLE,
    FIRST_PERSON,
    MARKS,
    PARAGRAPH_BREAK,
    RELATIVE_OPENERS,
    RELATIVE_PRONOUNS,
    SENTENCE_END,
    TRANSCRIPT_LABEL,
)
from dashboard.nlp.quotes.speakers import Speaker, after_closing_mark, subject_of

__all__ = ["ATTRIBUTION_RULES", "CARRY_RULES", "NESTED_CARRY_RULES", "Attribution", "Quote", "attribute", "cue_text",
           "is_cue_verb", "is_strong_cue", "is_title_name", "source_phrase"]

SCARE_MAX_WORDS = 6
DROP = "drop"  # the kind of a quoted span that is no quote at all (its row is not written)
CARRY_TAIL_CHARS = 80  # at most this much text (an attribution) after the donor quote
CARRY_NEXT_GAP = 200  # at most this many characters to the next part of the quote
DIRECT_AFTER = ",:;—–"
DASHES = ("-", "—", "–", "--")
SPEECH_NOUN_STEPS = 5  # heads walked up from a quote to the speech noun holding it
HELD_BY_NOUN = ("acl", "ccomp", "relcl", "prep")  # a speech noun's clause or "for"/"of" phrase
MARKUP_GAP = re.compile(r"\s+[\w:-]+=")  # between two attribute values: '" author="'
NOT_DIRECT_BEFORE = ("DET", "ADJ", "ADP", "NUM", "PART", "ADV")
INVERTED_REACH = 8  # tokens after a closing mark searched for an inverted verb ("..., the host pressed")
WINDOW_NAME = 8  # at most twice this many tokens between a closing mark and a cue after a name
VIEW_NOUNS = frozenset({"view", "word", "opinion", "estimation", "telling", "assessment"})
NAME_FUNCTION_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"})


@dataclass(frozen=True)
class Quote:
    """A found quote: ``start``/``end`` are character offsets in the Doc text; ``rule`` the
    rule that attributed it (the speaker's own rule is ``speaker.rule``)."""

    start: int
    end: int
    kind: str
    speaker: Speaker | None
    cue: str | None
    cue_start: int | None = None
    rule: str = ""

    @property
    def rule_label(self) -> str:
        """"quote_rule/speaker_rule", or the quote rule alone when there is no speaker."""
        if self.speaker is not None and self.speaker.rule:
            return f"{self.rule}/{self.speaker.rule}"
        return self.rule


@dataclass(frozen=True)
class Attribution:
    """A rule's answer: its name, the speaker (None for a scare quote), the cue verb."""

    rule: str
    speaker: Speaker | None
    cue: Token | None = None
    kind: str | None = None  # set when the rule decides the kind ("scare")
    cue_label: str | None = None  # set when the cue is not the verb's text


Rule = Callable[[QuoteContext, Candidate], Attribution | None]


def is_title_name(text: str) -> bool:
    """Whether quoted words read as the name of a thing ("Build Back Better", "Salute to
    America", "Bill's List", "Fox & Friends,"): at most SCARE_MAX_WORDS words, the first
    capitalised, every other word capitalised, a number, "&" or a short function word, and no
    sentence punctuation but a comma or full stop the writer's style puts inside the marks."""
    text = text.strip().rstrip(",.")
    words = text.split()
    if not words or len(words) > SCARE_MAX_WORDS or any(ch in text for ch in ",;:!?"):
        return False
    if not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w == "&" or w.lower() in NAME_FUNCTION_WORDS for w in words)


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


def parenthetical(verb: Token, sentence: Span) -> bool:
    """A verb in an aside: a relative clause ("— which the BBC noted —") or between dashes
    or brackets (looked for within 60 tokens of the verb in its ``sentence``)."""
    if any(c.lower_ in ("which", "who", "whom") and c.i < verb.i for c in verb.children):
        return True
    doc = verb.doc
    low, high = max(sentence.start, verb.i - 60), min(sentence.end, verb.i + 61)
    before = [t.text for t in doc[low:verb.i]]
    after = [t.text for t in doc[verb.i + 1:high]]
    for dash in ("—", "–"):
        if before.count(dash) % 2 == 1 and dash in after:
            return True
    return before.count("(") > before.count(")") and ")" in after


# --- shared steps ----------------------------------------------------------------------------


def _subject_outside(ctx: QuoteContext, verb: Token, subject: Token) -> Token:
    """A subject the parse took from inside a quote ('"My dear Anna," the host says': "Anna")
    gives way to a subject of the same verb outside quotation marks ("host")."""
    if ctx.top[subject.i] == -1:
        return subject
    others = [c for c in verb.children if c.dep_ in ("nsubj", "csubj") and ctx.top[c.i] == -1
              and c.pos_ in ("NOUN", "PROPN", "PRON")]
    return min(others, key=lambda c: abs(c.i - verb.i)) if others else subject


def _name_after_quote(ctx: QuoteContext, verb: Token, quote: Candidate) -> Token | None:
    """'"...," Anna Holt, a port official, said': the parse hung the name on a verb inside the
    quote and left the cue without a subject. The name right after the closing mark, followed
    by an appositive that runs up to the verb, is the speaker (its last token); the appositive
    may end in a relative clause with no comma after it ('"...," Nate Cole, the pollster who
    founded the site tweeted on Wednesday')."""
    doc, span = ctx.doc, quote.span
    if span is None or quote.nested or verb.i == 0:
        return None
    comma = doc[verb.i - 1].text == ","
    i = verb.i - 1
    while i >= span.end and ctx.top[i] == -1 and doc[i].text not in MARKS and verb.i - i <= 4 * WINDOW_NAME:
        i -= 1
    if doc[i].text not in MARKS or i == 0 or ctx.top[i - 1] != quote.index:
        return None
    phrase = list(doc[i + 1:verb.i - 1 if comma else verb.i])  # between the closing mark and the verb (its comma)
    if phrase and phrase[0].text == ",":
        phrase = phrase[1:]
    relative = next((n for n, t in enumerate(phrase) if t.lower_ in RELATIVE_OPENERS), len(phrase))
    if not phrase or (not comma and relative == len(phrase)) or any(
            t.pos_ in ("VERB", "AUX") and t.dep_ != "pcomp" for t in phrase[:relative]):
        return None  # (a verb after a preposition may stand: "..., the leader after winning the primary,")
    name = phrase[0]
    if name.ent_type_ != "PERSON" and ctx.resolver.actors.actor_at(name) is None:
        return None
    while name.i + 1 < verb.i and doc[name.i + 1].ent_type_ == "PERSON" and doc[name.i + 1].ent_iob_ == "I":
        name = doc[name.i + 1]
    after = doc[name.i + 1]
    return name if after.text == "," and after.i < verb.i - 1 else None


def _subject_before_participle(ctx: QuoteContext, verb: Token) -> Token | None:
    """'Weaver didn't seem impressed on Tuesday, telling reporters, "A lot of people said ..."': a
    participle after a comma that the parse hung on a verb inside the quote is done by the
    subject of the clause before it (its first verb with a subject outside quotes)."""
    doc = ctx.doc
    if verb.tag_ != "VBG" or verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    start = max(ctx.resolver.sentences.start(verb.i), verb.i - WINDOW)  # (a bounded read)
    for token in doc[start:verb.i - 1]:
        if ctx.top[token.i] != -1 or token.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj" and ctx.top[c.i] == -1
                        and c.pos_ in ("NOUN", "PROPN", "PRON") and c.i < token.i), None)
        if subject is not None:
            return subject
    return None


def _person_before_clause(ctx: QuoteContext, verb: Token) -> Token | None:
    """'Aaron Kall, the director of debate, compared Trump to a coach who is "working the
    referees"': the small model hangs a cue verb that follows a person's name and its
    appositive on the name, as a clause of it; the name is the verb's subject. Never a
    naming verb ('Tom Baker, nicknamed "the Hammer", ...')."""
    head = verb.head
    if (verb.dep_ != "acl" or verb.i < 2 or ctx.doc[verb.i - 1].text != "," or head.i >= verb.i - 1
            or verb.lemma_.lower() in ctx.cues.naming or ctx.top[head.i] != -1):
        return None
    if head.ent_type_ != "PERSON" and ctx.resolver.actors.actor_at(head) is None:
        return None
    return head


RELATIVE_REACH = 30  # at most this many tokens between a cue verb and the relative pronoun before it


def _person_before_relative(ctx: QuoteContext, verb: Token) -> Token | None:
    """'Tom Baker, who served as the port's chief engineer, called the plan "reckless."': a
    relative clause set off by commas between a person's name and a cue verb breaks the small
    model's parse (the verb hung on the clause's last noun, or left with no subject); the name
    the clause follows is the verb's subject. Only with nothing quoted in between, within the
    sentence, and a person's name (the model's or an actor's) right before the comma."""
    doc = ctx.doc
    if verb.i < 4 or doc[verb.i - 1].text != ",":
        return None
    start = ctx.resolver.sentences.start(verb.i)
    for i in range(verb.i - 2, max(start, verb.i - RELATIVE_REACH) - 1, -1):
        if ctx.top[i] != -1 or doc[i].text in MARKS:
            return None
        if doc[i].lower_ not in RELATIVE_OPENERS:
            continue
        if i - 2 < start or doc[i - 1].text != ",":
            return None
        name = doc[i - 2]
        actor = ctx.resolver.actors.actor_at(name)
        if name.ent_type_ == "PERSON" and name.pos_ in ("PROPN", "NOUN") or actor is not None and actor[2] == "PERSON":
            return name
        return None
    return None


def _person_doing(ctx: QuoteContext, verb: Token) -> Token | None:
    """The named person right before a cue participle with no subject of its own, when the
    participle can only be that person's doing: the object of a preposition ('footage of Maria
    Lopez asking, "..."', 'with Tom Baker saying "..."') or the noun the participle modifies —
    whatever clause the parse hangs it on (it often gives it the main verb's subject). Not a
    verb's object ('Lopez hit Baker saying "..."': Lopez says it)."""
    if verb.tag_ != "VBG" or verb.i == 0 or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    before = ctx.doc[verb.i - 1]
    if before.pos_ != "PROPN" or before.ent_type_ != "PERSON" or ctx.top[before.i] != -1:
        return None
    name_head = before
    while name_head.dep_ in ("compound", "flat") and name_head.head.i > name_head.i:
        name_head = name_head.head
    if name_head.dep_ == "pobj" or (verb.dep_ == "acl" and verb.head == name_head):
        return before
    return None


def speaker_of_verb(ctx: QuoteContext, verb: Token, quote: Candidate) -> Speaker | None:
    """The speaker a cue verb gives this quote (None when it names no one outside it)."""
    doer = _person_doing(ctx, verb)
    if doer is not None:
        return ctx.resolver.of_token(doer)
    subject = subject_of(verb, prefer=ctx.resolver.is_cue_verb)
    if subject is not None and not quote.nested and ctx.top[subject.i] not in (-1, quote.index):
        subject = None  # the parse took a word of another quote (a show's title) for the subject
    if subject is not None and subject.pos_ == "ADP":
        subject = None  # 'Of Carson, Levine, who ..., said': a preposition is nobody
    if subject is None:
        name = _name_after_quote(ctx, verb, quote)
        if name is None:
            name = _person_before_clause(ctx, verb)
        if name is None:
            name = _person_before_relative(ctx, verb)
        if name is None and verb.i > 0 and not _joined_name(ctx.doc[verb.i - 1]):
            named = _surname_of_person(ctx, ctx.doc[verb.i - 1])  # 'And Skelly called ...' (Skelly tagged an adverb)
            if named is None and after_closing_mark(verb) and verb.i + 1 < len(ctx.doc):
                named = _surname_of_person(ctx, ctx.doc[verb.i + 1])  # '"...," said Skelly, explaining ...'
            if named is not None:
                return named
        return ctx.resolver.of_token(name) if name is not None else ctx.resolver.continued_by(verb)
    if not quote.nested:
        subject = _subject_outside(ctx, verb, subject)
    if quote.nested and subject.lower_ in FIRST_PERSON:
        return ctx.parent_speaker.get(quote.quoted.parent or 0)
    span, doc = quote.span, ctx.doc
    inverted = ctx.top[verb.i] == -1 and verb.i > 0 and (doc[verb.i - 1].text in MARKS or doc[verb.i - 1].text == ",")
    if span is not None and span.start <= subject.i < span.end and not (not quote.nested and inverted):
        return None
    if not quote.nested and ctx.top[subject.i] != -1:
        # '"... think that," said a protester': the parser took a quoted word as subject; the
        # words right after the verb name the speaker only when it follows the closing mark
        # ('"...," Ramos, 58, told AFP': the name before the verb, not the one who was told)
        if not after_closing_mark(verb):
            name = _name_after_quote(ctx, verb, quote)
            if name is None:
                name = _subject_before_participle(ctx, verb)
            return ctx.resolver.of_token(name) if name is not None else None
        after = [c for c in verb.rights if ctx.top[c.i] == -1 and c.pos_ in ("NOUN", "PROPN")
                 and c.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "appos")]
        return ctx.resolver.of_token(after[0]) if after else None
    speaker = ctx.resolver.of_token(subject)
    if speaker is None and subject.pos_ not in ("PROPN", "PRON"):
        speaker = _surname_of_person(ctx, subject)  # "D’Souza told Beck ..." with D’Souza tagged a noun
    return speaker


def _joined_name(token: Token) -> bool:
    """Whether a word is the second of names joined by "and"/"or" ("Obama and Clinton call")
    rather than a sentence's "And" before it."""
    if token.i < 2:
        return False
    before = token.doc[token.i - 1]
    return before.lower_ in ("and", "or", "&") and not before.is_sent_start


def _surname_of_person(ctx: QuoteContext, token: Token) -> Speaker | None:
    """A capitalised word the tagger did not take for a name ("Will" as a modal, "Skelly" as an
    adverb, "D’Souza" as a noun) that is the surname of the one person of the article so named."""
    if not token.text[:1].isupper() or not token.is_alpha and "’" not in token.text and "'" not in token.text:
        return None
    if ctx.top[token.i] != -1 or token.lower_ in FIRST_PERSON:
        return None
    person = ctx.resolver.person_by_surname(token.text)
    if person is None:
        return None
    return Speaker(person[1], person[0], "PERSON", token.idx, token.idx + len(token.text), rule="actor")


def _nearest(ctx: QuoteContext, quote: Candidate, outside: list[Token], rule: str) -> Attribution | None:
    span = quote.span
    if span is None:
        return None
    # After a quote that ends its own sentence, a cue that carries words of its own is not this
    # quote's ('"... is a fraud." Members met shortly after Trump said he believes ...').
    closed = quote.text.rstrip()[-1:] in SENTENCE_END
    verbs = [t for t in outside if is_strong_cue(t, ctx.cues)
             and not (closed and t.i >= span.end and any(c.dep_ == "ccomp" for c in t.children))]
    verbs.sort(key=lambda t: (t.dep_ == "relcl" or parenthetical(t, ctx.resolver.sentences.of(t.i)),
                              min(abs(t.i - span.start), abs(t.i - span.end)), t.i < span.start))
    for verb in verbs:
        speaker = speaker_of_verb(ctx, verb, quote)
        if speaker is not None:
            return Attribution(rule, speaker, verb)
    return None


# --- attribution rules, in order ---------------------------------------------------------------


def scare_word(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """A listed scare word ("so-called") right before the opening mark of a short quote."""
    if quote.words > SCARE_MAX_WORDS:
        return None
    before = ctx.text[max(0, quote.quoted.start - 1 - 20):quote.quoted.start - 1].rstrip().lower()
    if any(before.endswith(word) and (len(before) == len(word) or not before[-len(word) - 1].isalnum())
           for word in ctx.cues.scare):
        return Attribution("scare_word", None, kind="scare")
    return None


def markup_value(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """'<tweet author="realDonaldTrump" tweet_id="667...">': a value in markup is no quote
    at all (the row is dropped), nor is the gap between two values ('pic="" author="')."""
    before = ctx.text[:quote.quoted.start - 1].rstrip(" ")
    if before.endswith("=") or MARKUP_GAP.fullmatch(quote.text):
        return Attribution("markup_value", None, kind=DROP)
    return None


STAGE_DIRECTION = re.compile(r"\s*[(\[][^()\[\]]{1,40}[)\]][.,;:]?\s*")


def stage_direction(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """'"(CROSSTALK.)', '"[inaudible]"', '"(Laughter)"': a transcript's note in brackets with
    nothing else in the marks is no one's words — no row at all."""
    if STAGE_DIRECTION.fullmatch(quote.text):
        return Attribution("stage_direction", None, kind=DROP)
    return None


def _token_before(ctx: QuoteContext, quote: Candidate, skip: str = "") -> Token | None:
    """The token before the opening mark (skipping spaces, marks and ``skip`` characters)."""
    if quote.span is None:
        return None
    i = quote.span.start - 1
    while i >= 0 and (ctx.doc[i].is_space or ctx.doc[i].text in MARKS or ctx.doc[i].text in skip):
        i -= 1
    return ctx.doc[i] if i >= 0 else None


def quoted_title(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """A title-cased name in the writer's sentence: after a possessive, a preposition or a
    determiner ('on ABC's "This Week"', 'a "Feel the Bern" wave') or after a listed title
    noun ('his 2012 book, "An American Son"'): the name of a work or thing, a scare quote. Not
    after an "as" that the governing cue takes ('hailed Trump as "The Comeback Kid"')."""
    if quote.opens or not is_title_name(quote.text):
        return None
    before = _token_before(ctx, quote)
    if before is None or ctx.text[before.idx + len(before.text):quote.quoted.start].count("\n"):
        return None
    if before.lower_ == "as" and quote.governing is not None and before.head == quote.governing:
        return None  # 'hailed Trump as "The Comeback Kid"': what the cue's subject called him
    if before.tag_ == "POS" or before.pos_ in ("ADP", "DET") or before.dep_ == "poss":
        return Attribution("quoted_title", None, kind="scare")
    noun = _token_before(ctx, quote, skip=",") if before.text == "," else before
    while noun is not None and noun.like_num and noun.i > 0:
        noun = ctx.doc[noun.i - 1]
    if noun is not None and noun.lemma_.lower() in ctx.cues.titles:
        return Attribution("quoted_title", None, kind="scare")
    return None


NICKNAME_MAX_WORDS = 3


def nickname(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """A title-cased quote between two words of a name ('Marcia "Cia" Price', 'Dwayne "The
    Rock" Johnson'): a nickname, a scare quote."""
    if quote.opens or quote.nested or quote.words > NICKNAME_MAX_WORDS or not is_title_name(quote.text):
        return None
    text, quoted = ctx.text, quote.quoted
    before = text[max(0, quoted.start - 40):quoted.start - 1]
    after = text[quoted.end + 1:quoted.end + 40]
    if not before.endswith(" ") or not after.startswith(" ") or quote.text.rstrip()[-1:] in ",.":
        return None
    last, following = before.split()[-1:], after.split()[:1]
    if not last or not following:
        return None
    named = _name_word(last[0]) and _name_word(following[0].rstrip(",.;:'’"))
    return Attribution("nickname", None, kind="scare") if named else None


def _name_word(word: str) -> bool:
    return word[:1].isupper() and word[1:].isalpha() and word.lower() not in NAME_FUNCTION_WORDS


NOT_NAMING_PARTICLES = frozenset({"for", "on", "upon", "up", "out"})  # "called for", "calling on": a demand


def naming_verb(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """'a program ... called "Learning Together"': a naming verb with no subject and no
    object of its own outside the quote gives a thing its name; nobody says the words. Not
    a phrasal "call for"/"call on" (a demand: 'called for the fees to be "paid back"'), a
    passive with its agent ('called "reckless" by engineers') or, outside a quote, a verb
    with someone or something named before the quote ('..., called her "third-rate"',
    'calling the workers "lazy"'), whatever the parse made of that object: someone's words."""
    verb = quote.governing
    if verb is None or not ctx.cues.naming or verb.lemma_.lower() not in ctx.cues.naming or quote.span is None:
        return None
    if not quote.nested and _names_someone(ctx, verb, quote.span):
        return None
    for child in verb.children:
        if ctx.top[child.i] != -1:
            continue  # inside a quote
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "agent"):
            return None
        if child.dep_ in ("prep", "prt") and child.lower_ in NOT_NAMING_PARTICLES and child.i == verb.i + 1:
            return None  # right after the verb: not 'called "Nuestra Casa" on a network'
    owner = ctx.resolver.actors.actor_at(verb.head)
    if verb.dep_ == "acl" and owner is not None and owner[2] == "PERSON":
        return None  # "Trump called ... " misparsed as a participle of "Trump"
    if any(c.pos_ in ("NOUN", "PROPN") and c.dep_ in ("oprd", "attr") and ctx.top[c.i] == -1
           for c in verb.children):
        return None
    return Attribution("naming_verb", None, kind="scare")


NAMED_OBJECT_REACH = 6  # tokens before a quote searched for the one a naming verb calls something


def _names_someone(ctx: QuoteContext, verb: Token, span: Span) -> bool:
    """Whether a noun or pronoun outside quotes stands between ``verb`` and the quote after
    it (within ``NAMED_OBJECT_REACH`` tokens of the quote, so a list of thousands of quotes
    stays linear): 'call someone "X"' gives someone an epithet, 'a program called "X"' names
    the program."""
    low = max(verb.i + 1, span.start - NAMED_OBJECT_REACH)
    return verb.i < span.start and any(t.pos_ in ("NOUN", "PROPN", "PRON") and ctx.top[t.i] == -1
                                       for t in ctx.doc[low:span.start])


def quoted_source(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """A title-cased quote that is itself the subject of the cue governing it ('as "The Harbour
    Times" wrote', '"Morning Round" reported on Monday'): the name of whoever speaks — a paper,
    a show — not words said, a scare quote."""
    span = quote.span
    if span is None or not is_title_name(quote.text) or _inverted_credit_follows(ctx, quote):
        return None
    for token in span:
        head = token.head
        if (token.dep_ in ("nsubj", "nsubjpass") and not span.start <= head.i < span.end
                and ctx.resolver.is_cue_verb(head)):
            return Attribution("quoted_source", None, kind="scare")
    # the parse may hang the name elsewhere ('As "The Times" wrote': pobj of "As"); then the cue
    # right after the closing mark, with no subject of its own, is the one the name is subject of
    doc, i = ctx.doc, span.end
    while i < len(doc) and doc[i].text in MARKS:
        i += 1
    if i < len(doc) and doc[i].pos_ == "VERB" and ctx.resolver.is_cue_verb(doc[i]):
        subjects = [c for c in doc[i].children if c.dep_ in ("nsubj", "nsubjpass")]
        if all(span.start <= c.i < span.end for c in subjects):
            return Attribution("quoted_source", None, kind="scare")
    return None


def _inverted_credit_follows(ctx: QuoteContext, quote: Candidate) -> bool:
    """'"Meh," wrote a supporter who ...': a quote ending with a comma, question or exclamation
    mark inside its marks, right followed by a cue verb and the noun phrase that does it, is
    words said, not the name of a source."""
    start = _after_closing_mark(ctx, quote)
    if start is None or start >= len(ctx.doc):
        return False
    verb = ctx.doc[start]
    if not is_cue_verb(verb, ctx.cues) or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    return any(c.i > verb.i and c.pos_ in ("NOUN", "PROPN") and c.dep_ in ("nsubj", "dobj") for c in verb.children)


def governing_cue(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """The reporting verb that governs the quote in the parse ('X called it "a stunt"')."""
    if quote.governing is None:
        return None
    speaker = speaker_of_verb(ctx, quote.governing, quote)
    return Attribution("governing_cue", speaker, quote.governing) if speaker is not None else None


def nearest_cue(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """The nearest reporting verb outside quotes in the sentence whose subject resolves."""
    return None if quote.nested else _nearest(ctx, quote, quote.outside, "nearest_cue")


def according_to(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """'According to X, ... "..."'."""
    if quote.nested:
        return None
    for token in quote.outside:
        target = source_phrase(token, ctx.cues)
        if target is not None:
            speaker = ctx.resolver.of_token(target)
            if speaker is not None:
                return Attribution("according_to", speaker, token, cue_label="according to")
    return None


def in_words_of(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """'..., in Bolton's view' / 'in the words of the mayor': the owner of the view or words
    (a listed noun after "in", with a possessive or an "of" phrase) is the source."""
    if quote.nested:
        return None
    for noun in quote.outside:
        if noun.lemma_.lower() not in VIEW_NOUNS or noun.head.lower_ != "in" or noun.dep_ != "pobj":
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            owner = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                          for g in c.children if g.dep_ == "pobj"), None)
        speaker = ctx.resolver.of_token(owner) if owner is not None else None
        if speaker is not None:
            return Attribution("in_words_of", speaker, noun, cue_label=f"in {noun.text}")
    return None


def speech_noun(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """'Baker's claim that there were "thousands of break-ins"', 'his call for "a total
    ban"': a quote held by a listed speech noun (in its clause or its "for"/"of" phrase, or in
    the clause of "be" after it: 'Baker's answer was that "..."') is said by the noun's
    possessor or, with none, by the subject of the issuing verb that has the noun as object
    ('Baker issued a statement, "..."'), also when a cue verb further up has a speaker of its
    own ('Voters questioned her claim that she "never sent ..."'). Read from the quote up the
    parse, stopping at the first cue verb."""
    span = quote.span
    if quote.opens or quote.nested or span is None:
        return None
    token = next((t for t in span if not span.start <= t.head.i < span.end), None)
    for _ in range(SPEECH_NOUN_STEPS):
        if token is None or token.head.i == token.i:
            return None
        child, token = token, token.head
        if ctx.top[token.i] != -1 or ctx.resolver.is_cue_verb(token):
            return None
        if token.lemma_ == "be" and child.dep_ == "ccomp":  # 'Baker's answer was that "..."'
            noun = next((c for c in token.children if c.dep_ == "nsubj" and c.i < token.i), None)
            if noun is None or noun.pos_ != "NOUN" or noun.lemma_.lower() not in ctx.cues.speech:
                return None
            return _said_by_owner(ctx, noun)
        if token.pos_ == "NOUN" and token.lemma_.lower() in ctx.cues.speech:
            if (child.dep_ not in HELD_BY_NOUN or (child.dep_ == "prep" and child.lower_ not in ("for", "of"))
                    or any(t.text == ":" for t in ctx.doc[token.i:span.start])):
                return None  # 'opposed Macron's statement: "..."' (the writer's lead-in), 'his remarks as "..."'
            return _said_by_owner(ctx, token)
    return None


def _said_by_owner(ctx: QuoteContext, noun: Token) -> Attribution | None:
    """A speech noun's quote said by whose act of saying it is: its possessor ("Baker's
    claim"), else the subject of the issuing verb it is the object of ("Baker issued a
    statement", "made the claim"); None when neither gives a speaker."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in ctx.cues.issuing:
        owner = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    speaker = ctx.resolver.of_token(owner) if owner is not None else None
    return Attribution("speech_noun", speaker, noun) if speaker is not None else None


def _colon_lead(ctx: QuoteContext, quote: Candidate) -> tuple[Token, list[Token]] | None:
    """The colon right before the quote and the unquoted words of its clause; the colon may
    end the previous paragraph when the quote opens its own ('Cruz continued: ¶ "..."')."""
    span, doc = quote.span, ctx.doc
    if span is None:
        return None
    i = span.start - 1
    while i >= 0 and (doc[i].text in MARKS or doc[i].is_space):
        i -= 1
    if i < 0 or doc[i].text != ":":
        return None
    if "\n" in doc[i:span.start].text and not (quote.opens and PARAGRAPH_BREAK in doc[i:span.start].text):
        return None
    colon = doc[i]
    lead = [t for t in doc[max(ctx.resolver.sentences.start(colon.i), colon.i - 60):colon.i] if ctx.top[t.i] == -1]
    return colon, lead


def as_put_it(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """'as the prosecutor put it, "..."': the subject of "put it" in an "as" clause."""
    if quote.nested:
        return None
    for verb in quote.outside:
        if verb.lemma_.lower() != "put" or not any(c.lower_ == "it" and c.dep_ == "dobj" for c in verb.children):
            continue
        if not any(c.lower_ == "as" and c.dep_ in ("mark", "advmod") for c in verb.children):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        speaker = ctx.resolver.of_token(subject) if subject is not None else None
        if speaker is not None:
            return Attribution("as_put_it", speaker, verb, cue_label="put it")
    return None


def colon_lead_in(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """'Tom Baker gave a different account: "..."': the subject of the clause before a colon."""
    found = _colon_lead(ctx, quote)
    if found is None:
        return None
    _, lead = found
    dash = max((i for i, t in enumerate(lead) if t.text in DASHES), default=-1)
    lead = lead[dash + 1:]  # 'Turnout was high - More from Holt:': the clause after the dash leads in
    lead_ids = {t.i for t in lead}
    tops = [t for t in lead if t.pos_ in ("VERB", "AUX") and (t.head.i == t.i or t.head.i not in lead_ids)]
    if not tops:
        return None
    cues = [t for t in lead if t.pos_ in ("VERB", "AUX") and is_cue_verb(t, ctx.cues)]
    # the cue verb nearest the colon ("also speaking via Twitter:"), else the main verb
    verb = cues[-1] if cues and speaker_of_verb(ctx, cues[-1], quote) is not None else tops[0]
    speaker = speaker_of_verb(ctx, verb, quote)
    return Attribution("colon_lead_in", speaker, verb) if speaker is not None else None


def dash_lead_in(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """'Trump also embraced the techniques -- "I think waterboarding is ..."': a quote right after
    a dash that ends a clause on the same line is said by that clause's subject (its cue verb's,
    else its main verb's), as after a colon; not a dash that opens its line (a credit)."""
    span, doc = quote.span, ctx.doc
    if span is None or quote.nested or is_title_name(quote.text):
        return None  # (not a slogan on a shirt: '... wearing a cap - "Make America Great Again"')
    i = span.start - 1
    while i >= 0 and (doc[i].text in MARKS or (doc[i].is_space and "\n" not in doc[i].text)):
        i -= 1
    if i < 1 or doc[i].text not in DASHES + ("―",) or "\n" in doc[i - 1:span.start].text:
        return None
    start = ctx.resolver.sentences.start(i)
    lead = [t for t in doc[max(start, i - 60):i] if ctx.top[t.i] == -1]
    dash = max((n for n, t in enumerate(lead) if t.text in DASHES), default=-1)
    lead = lead[dash + 1:]
    lead_ids = {t.i for t in lead}
    tops = [t for t in lead if t.pos_ in ("VERB", "AUX") and (t.head.i == t.i or t.head.i not in lead_ids)]
    if not lead or lead[-1].is_punct or not tops or lead[0].lower_ in RELATIVE_OPENERS:
        return None  # (not an aside between dashes: '... on the matter — which the BBC noted — "..."')
    cues = [t for t in lead if t.pos_ in ("VERB", "AUX") and is_cue_verb(t, ctx.cues)]
    verb = cues[-1] if cues and speaker_of_verb(ctx, cues[-1], quote) is not None else tops[0]
    speaker = speaker_of_verb(ctx, verb, quote)
    return Attribution("dash_lead_in", speaker, verb) if speaker is not None else None


PRESENTING = (("from",), ("here", "’s"), ("here", "'s"), ("here", "is"))  # "From X:", "Here's X:"


def presented_colon(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """'From Bush's Facebook post: "..."', 'Here's Clinton in December 1992: "..."': a lead-in
    that only presents a source — "from" or "here's" and a noun phrase with no verb — gives
    the quote to that source (a document's owner, or the document itself)."""
    found = _colon_lead(ctx, quote)
    if found is None:
        return None
    _, lead = found
    dash = max((i for i, t in enumerate(lead) if t.text in DASHES), default=-1)
    lead = [t for t in lead[dash + 1:] if not t.is_space]
    opener = next((words for words in PRESENTING if [t.lower_ for t in lead[:len(words)]] == list(words)), None)
    if opener is None:
        return None
    phrase = lead[len(opener):]
    if not phrase or any(t.pos_ in ("VERB", "AUX") for t in phrase):
        return None
    cut = next((n for n, t in enumerate(phrase) if n and t.pos_ == "ADP"), len(phrase))  # "Clinton in 1992"
    head = next((t for t in reversed(phrase[:cut]) if t.pos_ in ("NOUN", "PROPN")), None)
    speaker = ctx.resolver.of_token(head) if head is not None else None
    return Attribution("presented_colon", speaker) if speaker is not None else None


def transcript_label(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """'"PENCE: Well, look, ..."': a transcript turn quoted whole, its speaker's label in
    capitals before a colon. The speaker is the one person of the article with that surname
    ("Mike Pence"), else the label itself when at least two quotes open with it (the turns of
    a transcript; a lone "UPDATE:" is a heading, not a speaker)."""
    if quote.nested:
        return None
    match = TRANSCRIPT_LABEL.match(ctx.text, quote.quoted.start, quote.quoted.end)
    if match is None:
        return None
    label = match[1]
    start, end = match.start(1), match.end(1)
    person = ctx.resolver.person_by_surname(label.split()[-1])
    if person is not None:
        return Attribution("transcript_label", Speaker(person[1], person[0], "PERSON", start, end, rule="actor"))
    if ctx.transcript_labels().get(label, 0) < 2:
        return None
    name = " ".join(word.capitalize() for word in label.split())
    return Attribution("transcript_label", Speaker(name, "", "PERSON", start, end, rule="surface_name"))


CREDIT_WINDOW = 160  # characters read back from a quote for the credit of the quote before it


def dash_credit(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """'"Tonight showed who he is." ― Ana Ruiz': a quote that opens its line (or follows the
    credit of the quote before it), credited after a dash on the same line or on the next
    paragraph alone ('- Ana Ruiz.'). Not a quote inside the writer's sentence: '... "still the
    first party." --Kim Holt' is a byline."""
    if quote.nested:
        return None
    text, quoted = ctx.text, quote.quoted
    # It opens its line, or follows another quote's credit: read at most CREDIT_WINDOW characters
    # back (a line of thousands of quotes stays linear).
    lo = max(0, quoted.start - CREDIT_WINDOW)
    newline = text.rfind("\n", lo, quoted.start)
    start = newline + 1 if newline != -1 else lo
    before = text[start:quoted.start].strip(" \t\xa0" + MARKS)
    if (before or (newline == -1 and lo > 0)) and CREDIT_TAIL.search(before) is None:
        return None
    match = DASH_CREDIT.match(text, quoted.end)
    if match is None:
        return None
    end = match.start(1) + len(match[1].rstrip("."))  # "Ana Ruiz." ends with the name
    span = ctx.doc.char_span(match.start(1), end, alignment_mode="expand")
    speaker = ctx.resolver.name_at(span[-1]) if span is not None and len(span) else None
    return Attribution("dash_credit", speaker) if speaker is not None else None


def name_colon(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """'Clinton: "Our goal is ..."': a name alone before a colon (a transcript or a list of
    positions) speaks the quote."""
    found = _name_before_colon(ctx, quote)
    if found is None or found[1] is not None:
        return None
    return Attribution("name_colon", found[0])


def credit_colon(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """'A SHIFT IN IOWA - Anna Holt and Tom Baker: "..."', 'Pollsters agree - Tom Baker: "..."',
    'More from Holt: "..."': the names after a dash or "from" that end a lead-in speak the quote
    when the last one is a person's or organisation's name (the model's or an actor), or two or
    three words opening with a given name ('... - Jeffrey M. Jones: "..."'). Before
    ``governing_cue``: the words before the dash are a heading, not the quote's attribution;
    not a "from" in a clause ('... suggested Curiel was from Mexico: "..."')."""
    found = _name_before_colon(ctx, quote)
    if found is None or found[1] is None:
        return None
    cut = found[1]
    if cut.lower_ == "from":
        before = list(ctx.doc[ctx.resolver.sentences.start(cut.i):cut.i])
        dash = max((i for i, t in enumerate(before) if t.text in DASHES or t.text[:1] in DASHES), default=-1)
        if any(t.pos_ in ("VERB", "AUX") for t in before[dash + 1:]):
            return None
    return Attribution("credit_colon", found[0])


def _name_before_colon(ctx: QuoteContext, quote: Candidate) -> tuple[Speaker, Token | None] | None:
    """The name that ends the lead-in of a colon before the quote, and the dash or "from" it
    follows, if any (see ``name_colon`` and ``credit_colon``)."""
    found = _colon_lead(ctx, quote)
    if found is None:
        return None
    colon, lead = found
    cut = max((i for i, t in enumerate(lead) if t.text in DASHES or (i and t.lower_ == "from")), default=-1)
    words = [t for t in lead[cut + 1:] if not t.is_punct]
    limit = 4 if cut < 0 else 6
    if not words or len(words) > limit or any(
            (not (t.is_alpha or MIDDLE_INITIAL.fullmatch(t.text)) or not t.text[:1].isupper()
             or t.pos_ in ("PRON", "DET"))
            and not (cut >= 0 and t.lower_ == "and") for t in words):
        return None
    if cut >= 0 and not (words[-1].ent_type_ in ("PERSON", "ORG") or ctx.resolver.actors.actor_at(words[-1]) is not None
                         or (2 <= len(words) <= 3 and ctx.resolver.is_given_name(words[0].text))):
        return None
    speaker = ctx.resolver.name_at(words[-1])
    return (speaker, lead[cut] if cut >= 0 else None) if speaker is not None else None


FIRST_PASS_CARRIES = frozenset({"follows_credit"})  # first-pass rules that carry a speaker over
CREDIT_GAP_CHARS = 300  # at most this much text between a quote and the next one that its credit carries to


def follows_credit(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """'"This is the moment," Anna Holt said on Monday. "They told me we had no chance."': a
    quote that opens its sentence right after the credit of the quote before it — the
    previous quote's cue stands between the two, in one sentence that ends just before this
    quote, on the same line — goes on with that quote's speaker; not when this quote has an
    inverted credit of its own ('"..." "Who?" Tom Baker asked.'). Before ``next_sentence_cue``
    and the carry-over rules, which would give it the speaker of a cue further on ('... "They
    told me we had no chance." Her aide, Tom Baker, struck a similar tune. "..." Baker said')."""
    if not quote.opens or quote.nested or quote.span is None:
        return None
    previous = quote.index - 1
    while previous >= 0 and ctx.marks.spans[previous].parent is not None:
        previous -= 1
    if previous < 0:
        return None
    speaker, cue_start = ctx.parent_speaker.get(previous), ctx.cue_starts.get(previous)
    before, span = ctx.marks.spans[previous], ctx.token_spans[previous]
    if speaker is None or cue_start is None or span is None or not before.end <= cue_start < quote.quoted.start:
        return None
    gap = ctx.text[before.end:quote.quoted.start]
    if "\n" in gap or len(gap) > CREDIT_GAP_CHARS:
        return None
    words = [t for t in ctx.doc[span.end:quote.span.start] if not t.is_space and t.text not in MARKS]
    if not words or words[-1].text not in SENTENCE_END or any(t.text in SENTENCE_END + ":;" for t in words[:-1]):
        return None  # the credit is not one sentence ending right before this quote
    if inverted_verb(ctx, quote) is not None or words_after_quote(ctx, quote) is not None:
        return None
    cue = ctx.doc.char_span(cue_start, cue_start + 1, alignment_mode="expand")
    return Attribution("follows_credit", speaker, cue[0] if cue is not None and len(cue) else None)


def next_sentence_cue(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """A quote opening its sentence, attributed in the next one ('"..." Macron told ...')."""
    if not quote.opens or quote.nested:
        return None
    return _nearest(ctx, quote, ctx.outside(quote.index, next_sentence=True), "next_sentence_cue")


def writer_verb_named(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """A short quote in the writer's sentence with no cue at all: the verb governing it,
    when that verb's subject is a named actor; never a title ("Build Back Better")."""
    span = quote.span
    if span is None or quote.opens or quote.governing is not None or quote.words > SCARE_MAX_WORDS:
        return None
    if is_title_name(quote.text):
        return None
    for token in span:
        head = token.head
        if span.start <= head.i < span.end:
            continue
        steps = 0
        while steps < 6 and head.i in quote.outside_ids:
            if head.pos_ == "VERB":
                subject = subject_of(head)
                if subject is not None and subject.i in quote.outside_ids and (
                    subject.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                    or ctx.resolver.actors.actor_at(subject) is not None
                ):
                    speaker = ctx.resolver.of_token(subject)
                    if speaker is not None:
                        return Attribution("writer_verb_named", speaker, head, cue_label=head.text)
                return None
            if head.head.i == head.i:
                break
            head, steps = head.head, steps + 1
    return None


def _after_closing_mark(ctx: QuoteContext, quote: Candidate) -> int | None:
    """Where an inverted attribution would start: the first token after the closing mark of
    a quote that ends with a comma, question or exclamation mark inside its marks (else None)."""
    span, doc = quote.span, ctx.doc
    if span is None or quote.nested or quote.text.rstrip()[-1:] not in ",?!":
        return None
    start = span.end
    while start < len(doc) and doc[start].text in MARKS:
        start += 1
    return start


def inverted_verb(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """'"Would it be negotiable?" Hannity pressed.': a quote that ends with a comma, question
    or exclamation mark inside its marks, right followed by a subject and a verb of any
    lexicon with no object (or by the verb and then the subject) — the verb reports the
    quote. Not a relative clause ('"The Apprentice," which Trump hosted') nor a passive."""
    start, doc = _after_closing_mark(ctx, quote), ctx.doc
    if start is None:
        return None
    for verb in doc[start:min(len(doc), start + INVERTED_REACH)]:
        if verb.is_punct and verb.tag_ != "HYPH" and verb.text not in ("’", "'"):
            return None
        if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP") or ctx.top[verb.i] != -1:
            continue
        if any(c.dep_ in ("dobj", "ccomp", "auxpass", "nsubjpass") and ctx.top[c.i] == -1 for c in verb.children):
            return None
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and ctx.top[c.i] == -1]
        if not subjects:
            return None
        subject = subjects[0]
        if subject.i < verb.i and not all(t.i in {s.i for s in subject.subtree} for t in doc[start:verb.i]):
            return None  # words before the verb that are not its subject
        if subject.i > verb.i and verb.i != start:
            return None
        speaker = ctx.resolver.of_token(subject)
        return Attribution("inverted_verb", speaker, verb) if speaker is not None else None
    return None


AFTER_QUOTE_WORDS = 8  # at most this many words read after a closing mark for "..., the editorial read"


def words_after_quote(ctx: QuoteContext, quote: Candidate) -> Attribution | None:
    """'"...," the editorial read.', '"...," said the designer, who ...', '"...?" the
    43-year-old asked in ...': when the parse of the attribution is broken, its words: a
    quote that ends with a comma, question or exclamation mark inside its marks, right
    followed (in the same paragraph) by a cue verb and a short phrase, or a short phrase and
    a cue verb, up to punctuation, a preposition or a relative pronoun; the phrase's last
    noun (or pronoun, or "N-year-old") speaks, when it resolves to a speaker."""
    start, doc = _after_closing_mark(ctx, quote), ctx.doc
    if start is None:
        return None
    words: list[Token] = []
    for token in doc[start:min(len(doc), start + AFTER_QUOTE_WORDS)]:
        hyphen = token.tag_ == "HYPH" or token.text in ("-", "‐")
        if ((token.is_punct and not hyphen) or token.is_space or token.pos_ in ("ADP", "SCONJ")
                or token.lower_ in RELATIVE_PRONOUNS or ctx.top[token.i] != -1):
            break
        words.append(token)
    if len(words) < 2 or PARAGRAPH_BREAK in doc[start - 1:words[-1].i + 1].text:
        return None
    if is_cue_verb(words[0], ctx.cues) or (ctx.cues.is_verb(words[0].lemma_) and words[0].is_lower):
        cue, phrase = words[0], words[1:]
    elif ctx.cues.is_verb(words[-1].lemma_) and words[-1].is_lower:
        cue, phrase = words[-1], words[:-1]
    else:
        return None
    if any(t.pos_ == "AUX" or (t.pos_ == "VERB" and ctx.cues.is_verb(t.lemma_)) for t in phrase):
        return None
    head = phrase[-1]  # "the editorial read" may be tagged determiner, adjective, noun
    if head.pos_ not in ("NOUN", "PROPN", "PRON", "ADJ") and head.ent_type_ != "PERSON":
        return None  # (a person's name may be tagged anything: '"...," said Bill Skelly' with an adverb)
    speaker = ctx.resolver.of_token(head)
    if speaker is None and (head.ent_type_ == "PERSON" or ctx.resolver.described(head, phrase)):
        speaker = ctx.resolver.name_at(head)  # '"...," said the designer': a described person or document
    return Attribution("words_after_quote", speaker, cue) if speaker is not None else None


ATTRIBUTION_RULES: tuple[Rule, ...] = (
    markup_value,
    stage_direction,
    transcript_label,
    scare_word,
    nickname,
    quoted_title,
    naming_verb,
    speech_noun,
    quoted_source,
    credit_colon,
    governing_cue,
    colon_lead_in,
    presented_colon,
    name_colon,
    dash_credit,
    nearest_cue,
    according_to,
    in_words_of,
    as_put_it,
    follows_credit,
    next_sentence_cue,
    inverted_verb,
    words_after_quote,
    writer_verb_named,
    dash_lead_in,
)


# --- carry-over rules (second pass) -------------------------------------------------------------

CarryRule = Callable[[QuoteContext, Candidate, list[Quote]], Quote | None]


def continued_quote(ctx: QuoteContext, quote: Candidate, found: list[Quote]) -> Quote | None:
    """The earlier part of a quote that runs over paragraphs."""
    continues = quote.quoted.continues
    return found[continues] if continues is not None and found[continues].speaker is not None else None


def next_part(ctx: QuoteContext, quote: Candidate, found: list[Quote]) -> Quote | None:
    """The next top-level quote of the same paragraph, when close and attributed."""
    text, here = ctx.text, found[quote.index]
    for other in range(quote.index + 1, len(found)):
        if ctx.marks.spans[other].parent is not None:
            continue
        gap = text[here.end:found[other].start]
        if PARAGRAPH_BREAK in gap and ctx.marks.spans[other].continues != quote.index:
            return None
        if found[other].speaker is not None and len(gap) < CARRY_NEXT_GAP:
            return found[other]
        return None
    return None


def previous_sentence_cue(ctx: QuoteContext, quote: Candidate, found: list[Quote]) -> Quote | None:
    """A cue in the sentence just before the quote, in the same paragraph."""
    span, doc = quote.span, ctx.doc
    if span is None or span.start == 0:
        return None
    previous = doc[span.start - 1]
    while previous.i > 0 and (previous.is_space or previous.text in MARKS):
        previous = doc[previous.i - 1]
    if PARAGRAPH_BREAK in doc[previous.i:span.start].text:
        return None
    sentence = ctx.resolver.sentences.of(previous.i)
    if sentence.start >= span.start:
        return None
    low = max(sentence.start, previous.i - 2 * 60)
    verbs = [t for t in doc[low:sentence.end] if ctx.top[t.i] == -1 and is_strong_cue(t, ctx.cues)
             and t.dep_ != "relcl"]  # not "..., which was first reported by the AP"
    if sentence[-1].text == ":" or previous.text == ":":
        verbs.append(sentence.root)
    for verb in reversed(verbs):
        speaker = speaker_of_verb(ctx, verb, quote)
        if speaker is not None:
            return Quote(0, 0, "direct", speaker, cue_text(verb, ctx.cues), verb.idx)
    return None


CARRY_OVER_SCARE = 2  # scare quotes previous_quote looks past


def previous_quote(ctx: QuoteContext, quote: Candidate, found: list[Quote]) -> Quote | None:
    """The previous top-level quote, if it is in this paragraph or ended the last one; up to
    ``CARRY_OVER_SCARE`` scare quotes in between (a show's title) are nobody's statement and
    are passed over (a bound: a paragraph of thousands of short quotes stays linear)."""
    text = ctx.text
    passed = 0
    for other in range(quote.index - 1, -1, -1):
        if ctx.marks.spans[other].parent is not None:
            continue
        if found[other].kind == "scare":
            passed += 1
            if passed > CARRY_OVER_SCARE:
                return None
            continue
        gap = text[found[other].end:found[quote.index].start]
        breaks = gap.count(PARAGRAPH_BREAK)
        if breaks == 0:
            return None if _someone_else_between(ctx, found[other], found[quote.index]) else found[other]
        parts = gap.split(PARAGRAPH_BREAK)
        tail = parts[0].strip()
        opens_paragraph = not parts[-1].strip(" \t" + MARKS)
        if (breaks == 1 and len(tail) <= CARRY_TAIL_CHARS and opens_paragraph
                and not ctx.paragraph_has_cue(quote.quoted.start)):
            return found[other]  # the previous paragraph ended with that quote
        return None
    return None


def previous_paragraph_cue(ctx: QuoteContext, quote: Candidate, found: list[Quote]) -> Quote | None:
    """A quote that opens a paragraph naming nobody (no cue outside quotes), after a
    paragraph whose last sentence reports someone speaking ('Lopez praised the crews. ¶
    "We need people who get things done."'): that sentence's cue gives the speaker."""
    span, doc = quote.span, ctx.doc
    if span is None or span.start == 0 or ctx.paragraph_has_cue(quote.quoted.start):
        return None
    number = ctx.paragraph_of(quote.quoted.start)
    i, first = quote.quoted.start - 1, ctx.paragraph_starts[number]
    while i >= first and ctx.text[i] in " \t" + MARKS:  # only marks and spaces before it
        i -= 1
    if number == 0 or i >= first:
        return None
    previous = doc[span.start - 1]
    while previous.i > 0 and (previous.is_space or previous.text in MARKS):
        previous = doc[previous.i - 1]
    if ctx.paragraph_of(previous.idx) != number - 1 or ctx.top[previous.i] != -1:
        return None  # the previous paragraph ends with a quote: previous_quote decides
    sentence = ctx.resolver.sentences.of(previous.i)
    low = max(sentence.start, previous.i - 2 * 60)
    verbs = [t for t in doc[low:previous.i + 1] if ctx.top[t.i] == -1 and is_strong_cue(t, ctx.cues)
             and t.dep_ != "relcl" and ctx.paragraph_of(t.idx) == number - 1]
    for verb in reversed(verbs):
        speaker = speaker_of_verb(ctx, verb, quote)
        if speaker is not None:
            return Quote(0, 0, "direct", speaker, cue_text(verb, ctx.cues), verb.idx)
    # no cue: 'Holt is upbeat about the port. ¶ "..."' speaks on when that sentence's subject
    # is the speaker of the last quote before it
    last = next((q for q in reversed(found[:quote.index]) if q.speaker is not None and q.kind != "scare"), None)
    subject = next((t for t in sentence if t.dep_ == "nsubj" and ctx.top[t.i] == -1), None)
    if last is None or last.speaker is None or subject is None or ctx.paragraph_of(subject.idx) != number - 1:
        return None
    speaker = ctx.resolver.of_token(subject)
    if speaker is not None and speaker.type in ("PERSON", "") and _same_speaker(speaker, last.speaker):
        return Quote(0, 0, "direct", speaker, None, None)
    return None


def _same_speaker(a: Speaker, b: Speaker) -> bool:
    """The same actor, or two unlinked names with the same last word ("Anna Holt", "Holt")."""
    if a.actor_id and b.actor_id:
        return a.actor_id == b.actor_id
    return a.name.lower().split()[-1:] == b.name.lower().split()[-1:]


def _someone_else_between(ctx: QuoteContext, donor: Quote, here: Quote) -> bool:
    """Whether a named person other than the donor's speaker is the subject of a clause
    between the two quotes ('"It is safe." Tom Baker looked at the cracks. "It is not."'):
    the subject changed, the speaker does not carry over."""
    between = ctx.doc.char_span(donor.end, here.start, alignment_mode="contract")
    if between is None or donor.speaker is None:
        return False
    for token in between:
        if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ != "PROPN" or ctx.top[token.i] != -1:
            continue
        other = ctx.resolver.name_at(token)
        if other is not None and other.type in ("PERSON", "") and not _same_speaker(other, donor.speaker):
            return True
    return False


CARRY_RULES: tuple[CarryRule, ...] = (continued_quote, next_part, previous_sentence_cue, previous_quote,
                                      previous_paragraph_cue)


def enclosing_quote(ctx: QuoteContext, quote: Candidate, found: list[Quote]) -> Quote | None:
    """Quoted words inside a quote with no cue of their own ('"It feels like, 'Meh, we can put
    this off,'" he said'; '"as 'The Journal' wrote"'; '"he said, 'Our approach failed,'"
    Mitchell recalled'): part of the quote around them, which already shows them with its
    speaker — not a row of their own. Giving them the enclosing quote's speaker was wrong more
    often than right (imagined speech, someone else's words, a title). A nested quote with a
    cue of its own ('"I just say, 'Thank you for voting,'" Bennett said') keeps its row. Only
    for real nesting — one kind of mark inside the other in a quote that was closed; a double
    quote inside a double one is a pairing gone wrong, and the row stays (no speaker)."""
    parent = quote.quoted.parent
    if parent is None:
        return None
    outer = ctx.marks.spans[parent]
    if not outer.closed or (outer.mark in DOUBLE) == (quote.quoted.mark in DOUBLE):
        return None
    here = found[quote.index]
    return Quote(here.start, here.end, DROP, None, None, None, "enclosing_quote")


NESTED_CARRY_RULES: tuple[CarryRule, ...] = (enclosing_quote,)

# Words that may join the quotes of one list ('a "liar" who is "amoral," a "bully" and a
# "narcissist"'): punctuation but a sentence end, semicolon, colon or bracket, and these.
LIST_GLUE = frozenset({"and", "or", "nor", "a", "an", "the", "who", "which", "that", "is", "was", "are", "were",
                       "be", "as", "also", "even", "then", "not", "just", "only", "than", "rather"})
LIST_GLUE_WORDS = 4  # at most this many glue words between two quotes of one list
LISTABLE = frozenset({"short_unattributed", "unattributed"})  # rows a list may attribute


def _list_glue(ctx: QuoteContext, left: Quote, right: Quote) -> bool:
    """Whether only list glue stands between two quotes of one sentence."""
    gap = ctx.text[left.end:right.start]
    if ctx.text[left.start:left.end].rstrip()[-1:] in SENTENCE_END or any(ch in gap for ch in SENTENCE_END + ";:()"):
        return False  # a sentence ends between them ('"... crap." She said "..."')
    if PARAGRAPH_BREAK in gap:
        return False
    words = [w for w in (w.strip(MARKS + ",") for w in gap.split()) if w and w not in DASHES]
    return len(words) <= LIST_GLUE_WORDS and all(w.lower() in LIST_GLUE for w in words)


def listed_quote(ctx: QuoteContext, quote: Candidate, found: list[Quote]) -> Quote | None:
    """A short quote listed with an attributed one in the same sentence ('Cruz called Trump a
    "pathological liar" who is "utterly amoral," a "bully" and a "narcissist"'): the list is
    one speaker's words; the next quote of the list is tried when the previous one has none.
    A list whose cue has no speaker ('..., and calls them "clowns" and "weak."') is still
    someone's words: its members are partial quotes with that cue and no speaker."""
    here = found[quote.index]
    cue_only: Quote | None = None
    for step in (-1, 1):
        other = quote.index + step
        while 0 <= other < len(found) and ctx.marks.spans[other].parent is not None:
            other += step
        if not 0 <= other < len(found):
            continue
        neighbour = found[other]
        if (neighbour.speaker is None and neighbour.cue is None) or neighbour.kind not in ("partial", "direct"):
            continue
        left, right = (neighbour, here) if step == -1 else (here, neighbour)
        if _list_glue(ctx, left, right):
            if neighbour.speaker is not None:
                return neighbour
            cue_only = cue_only or neighbour
    return cue_only


LIST_RULES: tuple[CarryRule, ...] = (listed_quote,)


# --- the whole article -----------------------------------------------------------------------------


def attribute(ctx: QuoteContext) -> list[Quote]:
    """Every quoted span of the context's Doc as a Quote, in text order."""
    found: list[Quote] = []
    candidates: list[Candidate] = []
    for index in range(len(ctx.marks.spans)):
        quote = ctx.candidate(index)
        candidates.append(quote)
        found.append(_first_answer(ctx, quote, found))
        # a speaker carried over from the quote before is not lent to quotes inside this one
        # (as in the carry-over pass, which runs after them)
        ctx.parent_speaker[index] = found[-1].speaker if found[-1].rule not in FIRST_PASS_CARRIES else None
        if found[-1].cue_start is not None:
            ctx.cue_starts[index] = found[-1].cue_start
    for quote in candidates:
        here = found[quote.index]
        if here.speaker is not None or here.kind == DROP or (quote.nested and here.kind == "scare"):
            continue
        if quote.nested:
            rules, kind = NESTED_CARRY_RULES, here.kind
        elif quote.opens:
            rules, kind = CARRY_RULES, "direct"
        elif here.rule in LISTABLE:
            rules, kind = LIST_RULES, "partial"
        else:
            continue
        for rule in rules:
            donor = rule(ctx, quote, found)
            if donor is not None and donor.kind == DROP:
                found[quote.index] = donor
                break
            if donor is not None and (donor.speaker is not None or rules is LIST_RULES):
                # a list member goes with its list even when the list's cue has no speaker:
                # 'calls them "clowns" and "weak."' are someone's words, not scare quotes
                found[quote.index] = Quote(here.start, here.end, kind, donor.speaker, donor.cue,
                                           donor.cue_start, rule.__name__)
                break
    return [quote for quote in found if quote.kind != DROP]


def _first_answer(ctx: QuoteContext, quote: Candidate, before: list[Quote]) -> Quote:
    quoted = quote.quoted
    answer = next((a for a in (rule(ctx, quote) for rule in ATTRIBUTION_RULES) if a is not None), None)
    if answer is not None and answer.kind is not None:
        return Quote(quoted.start, quoted.end, answer.kind, answer.speaker, None, None, answer.rule)
    cue = answer.cue if answer is not None else quote.governing
    speaker = answer.speaker if answer is not None else None
    rule = answer.rule if answer is not None else ("cue_without_speaker" if cue is not None else "unattributed")
    label = None
    if cue is not None:
        label = answer.cue_label if answer is not None and answer.cue_label else cue_text(cue, ctx.cues)
    ctx.resolver.remember(speaker)
    kind = _kind(ctx, quote, cue, before)
    if speaker is None and cue is None and quote.words <= SCARE_MAX_WORDS and (
            kind == "partial" or is_title_name(quote.text)):
        kind, rule = "scare", "short_unattributed"  # a word or a name nobody is said to say ("Apollo 13,")
    return Quote(quoted.start, quoted.end, kind, speaker, label, cue.idx if cue is not None else None, rule)


def _kind(ctx: QuoteContext, quote: Candidate, cue: Token | None, before: list[Quote]) -> str:
    text, quoted = ctx.text, quote.quoted
    if quote.opens:
        return "direct"
    i = quoted.start - 2
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i >= 0 and text[i] in DIRECT_AFTER:
        return "direct"
    content = quote.text.lstrip()
    span = quote.span
    if content[:1].isupper() or content[:1] == "[":
        previous = ctx.doc[span.start - 1] if span is not None and span.start > 0 else None
        while previous is not None and (previous.text in MARKS or previous.is_space) and previous.i > 0:
            previous = ctx.doc[previous.i - 1]
        if previous is not None and previous.pos_ not in NOT_DIRECT_BEFORE and previous.dep_ != "poss":
            return "direct"
    if before and cue is not None and not quote.nested:
        last = before[-1]
        if last.kind == "direct" and last.end < cue.idx < quoted.start:
            return "direct"
    return "partial"
