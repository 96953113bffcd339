"""Who is speaking: from a cue (a reporting verb, "according to", a colon lead-in) to a speaker.

A speaker is the subject of the cue (or the passive agent, the subject inherited by a
participle or a conjoined verb, the antecedent of a relative pronoun), expanded to the
name it is part of, and mapped to the actor whose mention covers it. Pronouns go to the
nearest compatible preceding antecedent (the previous speaker first, then the subject of a
previous sentence, then the nearest mention) — "he" never to a person known to be a
woman, "she" never to a man (gender from the actor linker, from the words of a description,
from a given name, or from a pronoun already resolved to them); documents ("the readout said", "its
account") go to whoever issued them; an age ("the 43-year-old") to the person the article
gave that age ("Ann Cole, 43,"). When nothing fits, the answer is None: a wrong speaker is
worse than none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from dashboard.errors import DashboardError
from dashboard.nlp import ACTOR_MENTIONS
from dashboard.nlp.actor_mentions import bracketed_party_tag
from dashboard.nlp.actor_names import latin_name
from dashboard.nlp.gender import GenderLexicon, fold, gender_of_name, gender_of_words, load_gender_lexicon
from dashboard.nlp.quotes.cues import Cues
from dashboard.nlp.quotes.grammar import (
    ENTITY_TYPES,
    GROUP_PRONOUNS,
    NOT_ACTOR_ENTITIES,
    PARAGRAPH_BREAK,
    PERSON_PRONOUNS,
    PRONOUN_GENDER,
    PRONOUNS,
    QUOTE_CHARS,
    RELATIVE_PRONOUNS,
    SUBJECTS,
    THING_PRONOUNS,
    has_person_ending,
)
from dashboard.nlp.quotes.sentences import Sentences

AGE_LOOKBACK = 3000  # tokens searched back for the person a "43-year-old" was said to be

NOT_SPEAKERS = frozenset({
    "this", "that", "these", "those", "there", "what", "something", "someone", "anyone",
    "everyone", "nobody", "one", "i", "we", "you", "me", "us", "both", "all", "some", "many",
    "each", "either", "neither", "itself", "himself", "herself", "themselves",
    "others", "another", "several", "few", "most", "none", "somebody", "anybody", "everybody",
})
INHERITS_SUBJECT = ("conj", "advcl", "xcomp", "pcomp", "ccomp")
LOOKBACK_SENTENCES = 3
ANTECEDENT_WINDOW = 150  # tokens before a pronoun searched for its antecedent
QUOTED_AS = frozenset({"quote", "cite"})  # passive verbs whose subject is the speaker
HISTORY_SCAN = 50  # most recent speakers looked at when going back
PHRASE_MAX_TOKENS = 12
LEARNED_GENDER_MIN = 2  # pronouns resolved to a speaker before their gender is trusted


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: ``name`` is the actor's canonical name or the surface text."""

    name: str
    actor_id: str
    type: str  # PERSON | ORG | GPE | "" when unknown
    start: int  # character offsets of the mention in the Doc
    end: int
    rule: str = ""  # the speaker rule that resolved it (see SpeakerResolver.of_token)


class ActorIndex:
    """Token → actor lookups over ``doc.spans[ACTOR_MENTIONS]`` and ``doc._.actors``."""

    def __init__(self, doc: Doc) -> None:
        actors = {a.get("id"): a for a in (getattr(doc._, "actors", None) or []) if isinstance(a, dict)}
        self._by_token: dict[int, tuple[str, str, str, int, int]] = {}
        self.genders: dict[str, str] = {
            str(i): str(a["gender"]) for i, a in actors.items() if a.get("gender") in ("male", "female")
        }
        for span in doc.spans.get(ACTOR_MENTIONS, []):
            actor = actors.get(span.kb_id_)
            if not actor:
                continue
            entry = (span.kb_id_, str(actor.get("name", span.text)), str(actor.get("type", "")),
                     span.start, span.end)
            for i in range(span.start, span.end):
                self._by_token.setdefault(i, entry)

    def actor_at(self, token: Token) -> tuple[str, str, str, int, int] | None:
        """(actor id, name, type, first token, end token) of the mention covering a token."""
        return self._by_token.get(token.i)

    def mentions_in(self, doc: Doc, start: int, end: int) -> list[tuple[str, str, str, int, int]]:
        found, seen = [], set()
        for i in range(start, end):
            entry = self._by_token.get(i)
            if entry and (entry[3], entry[4]) not in seen:
                seen.add((entry[3], entry[4]))
                found.append(entry)
        return found


def subject_of(verb: Token, *, depth: int = 0,
               prefer: Callable[[Token], bool] | None = None) -> Token | None:
    """The speaker token of a cue verb: passive agent, subject, or the subject it inherits
    (from the nearest ancestor for which ``prefer`` holds, when given)."""
    if depth > 4:
        return None
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if any(c.dep_ == "auxpass" for c in verb.children):
        if verb.lemma_.lower() in QUOTED_AS:  # "Smith was quoted as saying ..."
            return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        return None  # "she was told ...", "being asked ...": the subject listened, nobody is named
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS and c.dep_ != "nsubjpass"]
    beside = person_beside(verb)
    if beside is not None and (not subjects or all(c.i > verb.i for c in subjects)):
        return beside  # '"...," tweeted Mayor of London Sadiq Khan', '"...", Caloundra coach Geoff Ingram said'
    if subjects and _broken_at_hyphen(subjects):
        return None  # '"...," said study co-author and ... Fellow Martin How': the parse split the name
    if subjects:
        named = [c for c in subjects if c.pos_ == "PROPN" and c.ent_type_ in ENTITY_TYPES]
        child = named[-1] if named else min(subjects, key=lambda c: abs(c.i - verb.i))
        if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return relative_antecedent(child)
        return child
    glued = _appositive_before(verb)
    if glued is not None:
        return glued
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        if verb.tag_ == "VBN" and not any(c.dep_ == "ccomp" for c in verb.children):
            return None  # "a plan called "Build Back Better"": a name given to the noun, not its words
        head = verb.head.head
        if (verb.tag_ == "VBG" and verb.head.dep_ in ("dobj", "dative") and prefer is not None
                and head.pos_ in ("VERB", "AUX") and prefer(head)):
            # "the senator emailed supporters saying ...": the sender says it, not the addressees
            return subject_of(head, depth=depth + 1, prefer=prefer)
        if (verb.tag_ == "VBG" and verb.head.dep_ == "pobj" and head.lower_ == "to"
                and head.head.pos_ in ("NOUN", "VERB") and head.head.i < verb.head.i):
            # "sent a text message to supporters saying ...": the message (or the sender) says it,
            # not the ones it was sent to
            sent = head.head
            return sent if sent.pos_ == "NOUN" else subject_of(sent, depth=depth + 1, prefer=prefer)
        return verb.head  # "a report concluding that ..."
    if verb.dep_ == "relcl":
        return None
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        # "continued by noting that ...": the subject of the verb the phrase modifies
        return subject_of(verb.head.head, depth=depth + 1, prefer=prefer)
    if verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ in ("ADV", "ADJ") and verb.head.head.pos_ in ("VERB", "AUX"):
        # "went as far as to say", "was quick to point out": the subject of the verb above
        return subject_of(verb.head.head, depth=depth + 1, prefer=prefer)
    if verb.dep_ in INHERITS_SUBJECT and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "ccomp" and verb.i < verb.head.i:
            return None
        head = verb.head
        if prefer is not None and not prefer(head) and (verb.dep_ in ("advcl", "xcomp") or (
                verb.dep_ == "conj" and _no_one_subject(head))):
            # "..., further saying": the subject of the cue verb above, not of the quote's verb;
            # "Pence said in politics it takes time ... but added": not the "it" of the clause
            ancestor = next((a for a in list(head.ancestors)[:3] if prefer(a)), None)
            head = ancestor if ancestor is not None else head
        return subject_of(head, depth=depth + 1, prefer=prefer)
    # inverted attribution parsed as an object: '"...," tweeted Johnson' (never "lauded Cain"), only
    # right after the closing mark ('"...," Ramos, 58, told AFP': AFP is who was told, not the speaker)
    if not after_closing_mark(verb):
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "npadvmod", "attr") and child.i > verb.i and child.pos_ == "PROPN":
            return child
    if verb.tag_ in ("VBD", "VBZ") and verb.doc[verb.i - 1].text in QUOTE_CHARS:
        for child in verb.children:  # '"...," read the statement': the noun right after is no object
            if child.dep_ == "dobj" and child.pos_ == "NOUN" and child.left_edge.i == verb.i + 1:
                return child
    return None


def after_closing_mark(verb: Token) -> bool:
    """Whether a verb stands right after a closing quotation mark, or after the mark and a
    comma or dash ('"...," tweeted Johnson', '"...", said Johnson', "''...,'' recalled Rhodes")."""
    doc, i = verb.doc, verb.i - 1
    if i >= 0 and doc[i].is_punct and not _is_mark(doc[i]):
        i -= 1
    return i >= 0 and _is_mark(doc[i])


def _is_mark(token: Token) -> bool:
    return bool(token.text) and all(ch in QUOTE_CHARS for ch in token.text)


def _no_one_subject(verb: Token) -> bool:
    """Whether the clause a conjoined verb joins names no one as its doer: its first
    conjunct's subject is "it" or "there", or it has none ("the move was made by ... and said")."""
    for _ in range(4):
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            break
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "expl")]
    return all(c.lower_ in ("it", "there") for c in subjects)


def _attribution_phrase(verb: Token) -> list[Token]:
    """The words naming the speaker of an inverted attribution, when the verb sits right
    after a quote ('"...," said <phrase>.') or right after the phrase that follows one
    ('"...", <phrase> said on Monday.'): up to the next/previous punctuation (hyphens kept)."""
    doc = verb.doc
    def stop(token: Token) -> bool:
        return token.is_punct and token.tag_ != "HYPH" and token.text not in ("-", "‐")
    before = doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and (before.text in QUOTE_CHARS or (
            before.text == "," and verb.i > 1 and doc[verb.i - 2].text in QUOTE_CHARS)):
        phrase: list[Token] = []
        for token in doc[verb.i + 1:min(len(doc), verb.i + 1 + PHRASE_MAX_TOKENS)]:
            if stop(token) or (token.pos_ == "ADP" and token.lower_ != "of"):
                return phrase  # 'wrote Trump on Twitter': the phrase ends before "on"
            phrase.append(token)
        return []
    phrase = []
    for token in reversed(doc[max(0, verb.i - PHRASE_MAX_TOKENS):verb.i]):
        if stop(token):
            closing = token.text in QUOTE_CHARS and token.i > 0 and doc[token.i - 1].text in ",?!"
            if closing or (token.text == "," and token.i > 0 and doc[token.i - 1].text in QUOTE_CHARS):
                return phrase[::-1]  # '"...," screenwriter Ann Cole wrote on Twitter'
            return []
        phrase.append(token)
    return []


def person_beside(verb: Token) -> Token | None:
    """A person's name that ends the speaker phrase of an inverted attribution (not one
    after a possessive or a preposition: "said Smith's lawyer", "said a friend of Smith")."""
    phrase = _attribution_phrase(verb)
    if not phrase or phrase[-1].ent_type_ != "PERSON" or phrase[-1].pos_ != "PROPN":
        return None
    first = phrase[-1]
    while first.i > phrase[0].i and verb.doc[first.i - 1].ent_type_ == "PERSON":
        first = verb.doc[first.i - 1]
    for token in verb.doc[phrase[0].i:first.i]:
        title_of = token.lower_ == "of" and verb.doc[token.i - 1].pos_ == "PROPN"  # "Mayor of London"
        if token.pos_ == "PART" or (token.pos_ == "ADP" and not title_of):
            return None  # "said Smith's lawyer", "said a friend of Smith" (not "Mayor of London Sadiq Khan")
    return phrase[-1]


def _broken_at_hyphen(subjects: list[Token]) -> bool:
    """Several subjects with a bare hyphen among them: the parse broke a compound
    ("co-author") into separate subjects."""
    return len(subjects) > 1 and any(c.text in ("-", "‐") for c in subjects)


def _appositive_before(verb: Token) -> Token | None:
    """The subject the parse glued to the phrase before a finite verb as an appositive
    ("According to the BBC, a spokesman for No 10 expressed ...": "spokesman" is parsed as
    an appositive of "BBC" and the verb is left with no subject; "In a statement to the
    Observer, her adviser, Jake Sullivan, said": the name closing the phrase, before a comma)."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0:
        return None
    last = verb.i - 1
    if last > 0 and verb.doc[last].text == ",":
        last -= 1
    node = verb.doc[last]
    for _ in range(4):
        if node.dep_ == "appos" and node.pos_ in ("NOUN", "PROPN") and node.right_edge.i == last:
            if (node.pos_ == "NOUN" and node.head.ent_type_ == "PERSON" and node.head.pos_ == "PROPN"
                    and not (node.is_lower and _in_prepositional_phrase(node.head, verb))):
                return node.head  # "Anna Holt, a harbour adviser, said": the name, not the role
            return node  # "In an interview with hosts Tom Baker and Ann Cole, the candidate stated"
        if node.head.i == node.i or node.head.i > verb.i:
            return None
        node = node.head
    return None


def _in_prepositional_phrase(token: Token, verb: Token) -> bool:
    """Whether a person's name sits in a prepositional phrase below ``verb`` (or below the
    root): the object of a preposition, or joined to one ("with hosts Tom Baker and Ann Cole");
    not a name that opens a segment of its own after a comma ("At the club, Tom Baker, its
    president, said": the parse often hangs such a name on the phrase before it)."""
    first = token  # the name's first word, with the titles before it ("Senator Harry Reid")
    while first.i > 0 and (token.doc[first.i - 1].ent_type_ == "PERSON" or token.doc[first.i - 1].pos_ == "PROPN"):
        first = token.doc[first.i - 1]
    if first.i == 0 or token.doc[first.i - 1].is_punct:
        return False
    for _ in range(8):
        if token.dep_ in ("pobj", "prep"):
            return True
        if token.head.i == token.i or token.head.i == verb.i:
            return False
        token = token.head
    return False


def relative_antecedent(pronoun: Token) -> Token | None:
    """The nominal right before a relative pronoun ("Biden, who accused ...")."""
    for i in range(pronoun.i - 1, max(0, pronoun.i - 6) - 1, -1):
        token = pronoun.doc[i]
        if i < pronoun.i - 1 and pronoun.doc[i + 1].is_sent_start:
            return None
        if token.is_punct or (token.like_num and i > 0 and pronoun.doc[i - 1].text == ","):
            continue  # "Thomas Gray, 24, who ...": skip the age
        return token if token.pos_ in ("NOUN", "PROPN") else None
    return None


def name_head(token: Token) -> Token:
    """Prefer a proper-noun appositive over a description ("the judge ..., Bernard Schwartz"),
    a person's name that ends the subject phrase ("Former US Ambassador to the United
    Nations Nikki Haley") and a person's name joined to a bare title by "and" ("Former
    prosecutor and New York City Mayor Rudy Giuliani"; not "the mayor and Tom Baker")."""
    if token.ent_type_ != "PERSON" and token.dep_ in SUBJECTS and token.head.i > token.i:
        last = token.doc[token.head.i - 1]
        in_subject = last.i in {t.i for t in token.subtree}
        first = last
        while first.i > token.i and token.doc[first.i - 1].ent_type_ == "PERSON":
            first = token.doc[first.i - 1]
        after_preposition = token.doc[first.i - 1].pos_ == "ADP" or any(  # "the lawyer for Helen Marsh"
            a.dep_ == "prep" and a.lower_ not in ("to", "of") and a.i > token.i for a in last.ancestors
            if a.i < last.i)  # "scientists from Bristol University and UC Davis"
        if last.ent_type_ == "PERSON" and last.pos_ == "PROPN" and in_subject and not after_preposition:
            return last
    if token.tag_ == "NN" and token.is_lower and not any(c.dep_ in ("det", "poss") for c in token.children):
        for child in token.children:  # "Former prosecutor and New York City Mayor Rudy Giuliani": one person's titles
            if child.dep_ == "conj" and child.ent_type_ == "PERSON" and child.pos_ == "PROPN":
                return child
    if token.ent_type_ not in ("PERSON", "ORG", "GPE"):
        for child in token.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and not _party_tag(child):
                return child
    elif token.ent_type_ != "PERSON":
        for child in token.children:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                return child  # "African Export–Import Bank president Okey Oramah"
    return token


def _party_tag(token: Token) -> bool:
    """An appositive in brackets that is a party and state ("niece ... (D-Newport News)")."""
    doc = token.doc
    paren = next((t.i for t in reversed(doc[max(0, token.i - 6):token.i]) if t.text in "()"), None)
    return paren is not None and bracketed_party_tag(doc, paren + 1, token.i + 1)


def mention_bounds(token: Token) -> tuple[int, int]:
    """Token range of the name or description a head token stands for."""
    doc = token.doc
    if token.ent_type_ in ENTITY_TYPES and token.pos_ == "PROPN":  # a name, not a title the NER ran over a clause
        for ent in doc.ents:
            if ent.start <= token.i < ent.end:
                return ent.start, ent.end
    start, end = token.i, token.i + 1
    for child in token.lefts:
        if child.dep_ in ("det", "poss", "amod", "compound", "nummod", "nmod", "case"):
            start = min(start, child.left_edge.i)
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            end = max(end, child.right_edge.i + 1)
        elif child.dep_ == "prep" and child.lower_ == "for" and token.pos_ == "NOUN" and any(
                g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN") and g.ent_type_ not in ("DATE", "TIME")
                for g in child.children):
            end = max(end, child.right_edge.i + 1)  # "a spokeswoman for the hospital"
        elif (child.dep_ in ("acl", "amod") and token.pos_ == "NOUN" and child.i == end
              and any(g.dep_ == "prep" for g in child.children)
              and child.right_edge.i + 1 - start <= PHRASE_MAX_TOKENS
              and not any(t.text in QUOTE_CHARS for t in doc[child.i:child.right_edge.i + 1])):
            end = child.right_edge.i + 1  # "a source familiar with the talks", "a source involved in ..."
        elif child.dep_ in ("compound", "flat", "case"):
            end = max(end, child.i + 1)
    while start < end - 1 and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    return start, end


def _clean_name(text: str) -> str:
    """A surface name without an unclosed bracket tail ("Commission (USCIRF") or a final "'s",
    nor the "'s" of a "Here's" before it ("Here's Clinton in 1992:")."""
    text = " ".join(text.split())
    for opening, closing in ("()", "[]"):
        if text.count(opening) > text.count(closing):
            text = text[: text.rindex(opening)].strip()
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
        if text.startswith(suffix + " "):
            text = text[len(suffix) + 1:]
    return text.strip(" ,;:").lstrip("-–—―")  # not the dash of a credit typed against the name ("-Ana Ruiz")


def _mention_type(token: Token) -> str:
    return ENTITY_TYPES.get(token.ent_type_, "")


def _compatible(pronoun: str, speaker_type: str, plural: bool) -> bool:
    if pronoun in PERSON_PRONOUNS:
        return speaker_type in ("PERSON", "") and not plural
    if pronoun in THING_PRONOUNS:
        return speaker_type in ("ORG", "GPE")
    return speaker_type == "ORG" or plural  # "they" is an organisation or a group, not one place ("Chicago")


class SpeakerResolver:
    """Resolves speaker tokens in one Doc; remembers the speakers it has found, in order."""

    def __init__(self, doc: Doc, cues: Cues) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text is rebuilt from the tokens on every access: read it once
        self.cues = cues
        self.actors = ActorIndex(doc)
        self.history: list[Speaker] = []
        self.quoted: set[int] = set()  # token indices inside quotation marks
        self._learned: dict[str, list[str]] = {}  # speaker key → genders of pronouns resolved to it
        try:
            self._lexicon = load_gender_lexicon()
        except DashboardError:
            self._lexicon = GenderLexicon({}, {})
        self.sentences = Sentences(doc)
        self._noun_index: dict[str, list[int]] | None = None
        self._proper: frozenset[str] | None = None
        self._surnames: dict[str, set[tuple[str, str]]] | None = None
        self._sents = self.sentences.spans

    def remember(self, speaker: Speaker | None) -> None:
        if speaker is not None:
            self.history.append(speaker)

    def of_cue(self, verb: Token) -> Speaker | None:
        """The speaker of a reporting verb (or of a verb before a colon lead-in)."""
        subject = subject_of(verb, prefer=self.is_cue_verb)
        if subject is None:
            return self.continued_by(verb)
        return self.of_token(subject)

    def continued_by(self, verb: Token) -> Speaker | None:
        """'... Maher said. Adding, "..."': a participle that opens a sentence of its own,
        with no subject and no clause to take one from, continues the speaker found in the
        sentence before it (same paragraph); none there → no speaker."""
        number = self.sentences.number[verb.i]
        sentence = self._sents[number]
        if verb.tag_ != "VBG" or verb.dep_ != "ROOT" or verb.i != sentence.start or number == 0:
            return None
        before = self._sents[number - 1]
        if PARAGRAPH_BREAK in self.text[before.start_char:sentence.start_char]:
            return None
        speaker = history_before(self.history, sentence.start_char)
        if speaker is None or speaker.start < before.start_char:
            return None
        return replace(speaker, rule="continued_by_participle")

    def described(self, noun: Token, phrase: Sequence[Token]) -> bool:
        """Whether a common noun after a determiner or possessive in an attribution's words
        describes someone or a document ("the designer", "the email"): not a listed thing,
        a date or an amount, nor a word that never speaks."""
        return (noun.pos_ in ("NOUN", "ADJ") and noun.lower_ not in NOT_SPEAKERS
                and noun.lemma_.lower() not in self.cues.things
                and noun.ent_type_ not in NOT_ACTOR_ENTITIES
                and any(t.pos_ == "DET" or t.dep_ == "poss" or t.tag_ == "POS" for t in phrase if t.i < noun.i))

    def is_thing(self, token: Token) -> bool:
        """A common noun that never speaks ("results", "the border closure")."""
        return token.pos_ == "NOUN" and token.lemma_.lower() in self.cues.things

    def _can_speak(self, token: Token, speaker: Speaker) -> bool:
        """An unnamed common-noun antecedent must be a listed person/group noun or a
        gendered word; with no list at all, anything that is not a listed thing."""
        if not self.cues.persons:
            return True
        return self.cues.can_speak(token.lemma_, token.lower_) or (
            gender_of_words(speaker.name.split(), self._lexicon) is not None)

    def is_cue_verb(self, token: Token) -> bool:
        return token.pos_ in ("VERB", "AUX") and self.cues.is_verb(token.lemma_)

    def can_be_actor(self, token: Token) -> bool:
        """Whether the head of an unlinked speaker phrase can name an actor: never a date or
        an amount ("Saturday", "the coming days"); a lower-case common noun only when it names
        a person or group (the persons list, a person-noun ending, a gendered word:
        "aide", "businessman", "spokeswoman") or a work that carries words (a listed
        title noun: "the ad"), never a stray thing ("the job", "voter mistrust"); a share
        or number "of" a group ("a majority of voters") when the group can."""
        if self._names_actor(token):
            return True
        group = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None)
        return group is not None and token.ent_type_ not in ("DATE", "TIME") and self._names_actor(group)

    def _names_actor(self, token: Token) -> bool:
        if token.ent_type_ in NOT_ACTOR_ENTITIES:
            return False
        if token.pos_ != "NOUN" or token.ent_type_ in ENTITY_TYPES or not self.cues.persons:
            return True
        first_word = token.i == 0 or (token.is_sent_start and token.doc[token.i - 1].text not in QUOTE_CHARS)
        if token.text[:1].isupper() and (not first_word or token.lower_ in self._proper_words()):
            return True  # a name the tagger took for a common noun ('"...?" Hannity pressed', "Sanders shot back")
        lemma, lower = token.lemma_.lower(), token.lower_
        if (lemma in self.cues.titles or self.cues.is_document(lemma)) and lemma not in self.cues.things:
            return True  # a work that carries words: "the ad says", "the editorial argued"
        return (self.cues.can_speak(lemma, lower) or has_person_ending(lower)
                or gender_of_words([lower], self._lexicon) is not None)

    def of_token(self, token: Token, *, depth: int = 0) -> Speaker | None:
        """A speaker for a subject token: a name, a description, a pronoun or a document;
        its ``rule`` says which of these resolved it."""
        found = self._of_token(token, depth)
        if found is None:
            return None
        speaker, rule = found
        return replace(speaker, rule=rule) if speaker is not None and depth == 0 else speaker

    def _of_token(self, token: Token, depth: int) -> tuple[Speaker | None, str] | None:
        if depth > 3 or token.is_punct:
            return None
        lower = token.lower_
        if lower in PRONOUNS:
            speaker = self.antecedent(token)
            if speaker is not None and lower in PRONOUN_GENDER:
                self._learned.setdefault(_key(speaker), []).append(PRONOUN_GENDER[lower])
            return _tagged(speaker, "pronoun_antecedent")
        if lower in RELATIVE_PRONOUNS:
            antecedent = relative_antecedent(token)
            return _tagged(self.of_token(antecedent, depth=depth + 1) if antecedent is not None else None,
                           "relative_pronoun")
        if token.pos_ == "ADJ" and lower == "old" and any(c.lower_ == "year" for c in token.children):
            described = self._described_by_age(token)  # '"...," said the 46-year-old'
            return _tagged(described, "age_description" if described and described.actor_id else "surface_name")
        partitive = lower == "one" and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
        if (lower in NOT_SPEAKERS and not partitive) or token.pos_ not in ("NOUN", "PROPN", "NUM"):
            return None
        if self.is_thing(token):
            return None  # "Results observed that ...": no one's words
        if partitive and _partitive_pronoun(token):
            return _tagged(self._previous_partitive(token), "one_of_them")  # the group described before
        if token.pos_ == "NOUN" and self.cues.anaphoric and token.lemma_.lower() in self.cues.anaphoric and any(
                c.dep_ == "det" and c.lower_ in ("this", "that") for c in token.children):
            return _tagged(self._previous_person(token), "this_person")  # "this person also said"
        token = name_head(token)
        if self.cues.is_document(token.lemma_) and token.pos_ == "NOUN":
            return _tagged(self.document_owner(token, depth=depth), "document_owner")
        speaker = self._named(token)
        if speaker is not None and not speaker.actor_id and not self.can_be_actor(token):
            return None  # "the job says", "Saturday said": a stray word is no speaker
        return _tagged(speaker, "actor" if speaker is not None and speaker.actor_id else "surface_name")

    def _described_by_age(self, old: Token) -> Speaker | None:
        """A person the parse left as an adjective phrase ("the 46-year-old"): its words."""
        start = old.i
        while start > 0 and (self.doc[start - 1].lower_ in ("-", "‐", "year", "years") or self.doc[start - 1].like_num):
            start -= 1  # only the age: the parse may hang words of a quote before it on "old"
        span = self.doc[start:old.i + 1]
        person = self._person_of_age(span[0].text, span.start) if span[0].like_num else None
        return person or Speaker(span.text, "", "PERSON", span.start_char, span.end_char)

    def _person_of_age(self, age: str, before: int) -> Speaker | None:
        """The person the article gave that age before ('Ann Cole, 43,', 'the 43-year-old Ann
        Cole'): "the 43-year-old" later in the story is that person (the last one, when two
        were given the same age)."""
        doc, found = self.doc, None
        for token in doc[max(0, before - AGE_LOOKBACK):before]:
            if token.text != age:
                continue
            named = None
            if token.i >= 2 and doc[token.i - 1].text == ",":
                named = self.actors.actor_at(doc[token.i - 2])  # "Ann Cole, 43, said"
            elif token.i + 5 < before and doc[token.i + 1:token.i + 5].text.replace(" ", "") == "-year-old":
                named = self.actors.actor_at(doc[token.i + 5])  # "the 43-year-old Ann Cole"
            if named is not None and named[2] == "PERSON":
                found = named
        if found is None:
            return None
        actor_id, name, kind, start, end = found
        return Speaker(name, actor_id, kind, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))

    def _previous_partitive(self, token: Token) -> Speaker | None:
        """The last unnamed "one of the <group>" speaker of the lookback window."""
        for speaker in reversed(self._window(token)):
            if not speaker.actor_id and speaker.name.lower().startswith("one of ") and not _partitive_text(
                    speaker.name):
                return speaker
        return None

    def _previous_person(self, token: Token) -> Speaker | None:
        """The last speaker of the lookback window, when it can be a person."""
        window = self._window(token)
        return window[-1] if window and window[-1].type in ("PERSON", "") else None

    def _window(self, token: Token) -> list[Speaker]:
        sent_number = self.sentences.number[token.i]
        window_start = self._sents[max(0, sent_number - LOOKBACK_SENTENCES)].start_char
        recent = self.history[-HISTORY_SCAN:]
        return sorted((s for s in recent if window_start <= s.start < token.idx), key=lambda s: s.start)

    def _person_ending(self, token: Token) -> tuple[str, str, str, int, int] | None:
        """A person's mention that ends the phrase of a description, glued to it by the parse
        ("Former US Ambassador to the United Nations Nikki Haley", "a protester using the
        pseudonym Katya"); not a person after a preposition ("the lawyer for Maria Lopez")."""
        last = token.right_edge.i
        while last > token.i and self.doc[last].is_punct:
            last -= 1
        entry = self.actors.actor_at(self.doc[last])
        if entry is None or entry[2] != "PERSON" or entry[4] != last + 1 or entry[3] <= token.i:
            return None
        before = self.doc[entry[3] - 1]
        if before.i in self.quoted or before.pos_ not in ("NOUN", "PROPN"):
            return None
        path: list[Token] = []
        node = self.doc[last]
        while node.i != token.i and len(path) < 8:
            path.append(node)
            node = node.head
        if node.i != token.i or any(t.dep_ == "relcl" or (t.dep_ == "prep" and t.lower_ not in ("to", "of"))
                                    for t in path):
            return None
        before_actor = self.actors.actor_at(before)
        other_name = before.ent_type_ not in ("", "PERSON") or (
            before_actor is not None and before_actor[2] != "PERSON")
        renamed = self.doc[last].dep_ == "appos" and self.doc[last].head.i == before.i  # "the pseudonym Katya"
        return entry if other_name or renamed else None

    def person_by_surname(self, surname: str) -> tuple[str, str] | None:
        """(actor id, name) of the one person of the article whose name ends with ``surname``
        (any case: a transcript's "PENCE"); None when there is none or more than one."""
        if self._surnames is None:  # built once: the rules ask for every quote
            self._surnames = {}
            for actor in getattr(self.doc._, "actors", None) or []:
                if not isinstance(actor, dict) or actor.get("type") != "PERSON":
                    continue
                words = str(actor.get("name", "")).split()
                if words:
                    self._surnames.setdefault(words[-1].casefold(), set()).add(
                        (str(actor.get("id")), str(actor.get("name"))))
        found = self._surnames.get(surname.strip(".").casefold(), set())
        return next(iter(found)) if len(found) == 1 else None

    def is_given_name(self, word: str) -> bool:
        """Whether ``word`` is in the given-name lists (data/first_names.toml)."""
        return fold(word) in self._lexicon.names

    def name_at(self, token: Token) -> Speaker | None:
        """The actor or surface name at a token, whatever its part of speech (a tag like
        "Lopez:" may be parsed as an adjective)."""
        speaker = self._named(token)
        if speaker is None:
            return None
        return replace(speaker, rule="actor" if speaker.actor_id else "surface_name")

    def _named(self, token: Token) -> Speaker | None:
        actor = self.actors.actor_at(token)
        if actor is None and token.pos_ in ("NOUN", "PROPN"):
            actor = self._person_ending(token)
        doc = self.doc
        if actor is not None:
            actor_id, name, kind, start, end = actor
            return Speaker(name, actor_id, kind, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        start, end = mention_bounds(token)
        span = doc[start:end]
        text = _clean_name(span.text)
        if not text or not any(ch.isalpha() for ch in text):
            return None
        return Speaker(text, "", _mention_type(token), span.start_char, span.end_char)

    def document_owner(self, noun: Token, *, depth: int = 0) -> Speaker | None:
        """Who issued a statement/readout/report: its possessor, its publisher, the last
        organisation quoted before a definite one ("the readout"); else, when the article
        does not say whose it is, the document itself when it is the subject."""
        owner = _owner_in_sentence(noun)
        if owner is None:
            for i in reversed(self._nouns(noun.lemma_)):  # an earlier mention of the same document
                if i >= noun.i:
                    continue
                owner = _owner_in_sentence(self.doc[i])
                if owner is not None and owner.pos_ != "PRON":
                    break  # "its report" far back is no evidence whose "the report" is
                owner = None
        if owner is not None:
            speaker = self.of_token(owner, depth=depth + 1)
            if speaker is not None and not (owner.pos_ == "PRON" and speaker.type == "GPE"):
                return speaker  # (a place "its" may point to does not issue the report)
            return self._itself(noun)
        definite = any(c.lower_ == "the" for c in noun.children)
        quoted_orgs = [s for s in self.history[-HISTORY_SCAN:] if s.start < noun.idx and s.type == "ORG"]
        if definite and quoted_orgs:  # "the readout": a definite document already in the story
            return max(quoted_orgs, key=lambda s: s.start)
        return self._itself(noun)

    def _itself(self, noun: Token) -> Speaker | None:
        """A document whose owner the article does not give speaks itself when it is the
        subject ("the suit reads", "a memo says"); not "according to a readout"."""
        inverted = noun.dep_ == "dobj" and noun.head.i < noun.i and noun.head.i > 0 and (
            self.doc[noun.head.i - 1].text in QUOTE_CHARS)  # '"...," read the statement'
        return self._named(noun) if noun.dep_ in SUBJECTS or inverted else None

    def _proper_words(self) -> frozenset[str]:
        """Lower-cased words tagged as proper nouns or names somewhere in the Doc (built once)."""
        if self._proper is None:
            self._proper = frozenset(t.lower_ for t in self.doc if t.pos_ == "PROPN" or t.ent_type_ in ENTITY_TYPES)
        return self._proper

    def _nouns(self, lemma: str) -> list[int]:
        """Token indices of the common nouns with this lemma (index built on first use)."""
        if self._noun_index is None:
            self._noun_index = {}
            for token in self.doc:
                if token.pos_ == "NOUN":
                    self._noun_index.setdefault(token.lemma_, []).append(token.i)
        return self._noun_index.get(lemma, [])

    def antecedent(self, pronoun: Token, *, depth: int = 0) -> Speaker | None:
        """Nearest compatible preceding name, sentence by sentence going back: a named
        subject first, then a pronoun subject (followed along its chain), then any other
        name; words inside quotation marks are never antecedents. Last resort: the last
        speaker found in the window."""
        word = pronoun.lower_
        sent_number = self.sentences.number[pronoun.i]
        first_sent = max(0, sent_number - LOOKBACK_SENTENCES)
        mentions: list[Token] = []  # names that are not subjects: a last resort, nearest first
        groups: list[Token] = []  # unnamed group nouns ("the council"): an "it"/"they" after every name
        for number in range(sent_number, first_sent - 1, -1):
            ranked: list[tuple[int, int, Token]] = []
            sentence = self._sents[number]
            for token in self.doc[max(sentence.start, pronoun.i - ANTECEDENT_WINDOW):sentence.end]:
                if token.i >= pronoun.i:
                    break
                if token.i in self.quoted or token.dep_ == "compound":
                    continue
                subject = token.dep_ in SUBJECTS
                if token.pos_ == "PRON":
                    if subject and token.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS:
                        ranked.append((1, token.i, token))
                elif subject and token.pos_ in ("PROPN", "NOUN"):
                    named = token.pos_ == "PROPN" or self.actors.actor_at(token) is not None
                    ranked.append((0 if named else 2, token.i, token))  # main clause first
                    if not named and self.cues.is_group(token.lemma_, token.lower_):
                        groups.append(token)
                elif token.pos_ == "PROPN":
                    mentions.append(token)
            for _, _, token in sorted(ranked, key=lambda r: (r[0], r[1])):
                speaker = self._candidate(token, word, depth)
                if speaker is not None:
                    return speaker
        for token in sorted(mentions, key=lambda t: -t.i):
            speaker = self._candidate(token, word, depth)
            if speaker is not None:
                return speaker
        if word in THING_PRONOUNS or word in GROUP_PRONOUNS:
            for token in sorted(groups, key=lambda t: -t.i):
                plural = token.tag_ in ("NNS", "NNPS")
                if word in THING_PRONOUNS and plural:
                    continue  # "its" is one group; "they" may be one or many
                speaker = self._named(name_head(token))
                if speaker is not None:
                    return speaker
        window_start = self._sents[first_sent].start_char
        earlier = [s for s in self.history[-HISTORY_SCAN:] if window_start <= s.start < pronoun.idx]
        if earlier:
            last = max(earlier, key=lambda s: s.start)
            if _compatible(word, last.type, False) and self.gender_fits(word, last):
                return last
        return None

    def gender_of(self, speaker: Speaker) -> str | None:
        """A speaker's gender: the actor linker's, the words of a description ("the mother"),
        a given name, or the pronouns already resolved to them (at least LEARNED_GENDER_MIN,
        all alike: one wrong resolution must not spread); None when unknown or mixed."""
        if speaker.actor_id in self.actors.genders:
            return self.actors.genders[speaker.actor_id]
        learned = self._learned.get(_key(speaker), [])
        found: set[str | None] = set(learned) if len(learned) >= LEARNED_GENDER_MIN else set()
        if speaker.type in ("PERSON", ""):
            found.add(gender_of_words(speaker.name.split(), self._lexicon))
            found.add(gender_of_name(speaker.name, self._lexicon))
        found.discard(None)
        return found.pop() if len(found) == 1 else None

    def gender_fits(self, pronoun: str, speaker: Speaker) -> bool:
        """ "he" → not a woman, "she" → not a man; other pronouns and unknown gender → True."""
        wanted = PRONOUN_GENDER.get(pronoun)
        if wanted is None:
            return True
        known = self.gender_of(speaker)
        return known is None or known == wanted

    def _candidate(self, token: Token, word: str, depth: int) -> Speaker | None:
        if token.lower_ in NOT_SPEAKERS or self.cues.is_document(token.lemma_) or self.is_thing(token):
            return None
        if token.pos_ == "PRON":
            same = (token.lower_ in PERSON_PRONOUNS) == (word in PERSON_PRONOUNS) and (
                token.lower_ in THING_PRONOUNS) == (word in THING_PRONOUNS) and (
                PRONOUN_GENDER.get(token.lower_) == PRONOUN_GENDER.get(word))
            if not same or depth >= 3:
                return None
            return self.antecedent(token, depth=depth + 1)
        speaker = self._named(name_head(token))
        if speaker is None or (not speaker.actor_id and not latin_name(speaker.name)):
            return None  # an antecedent is a name in Latin letters or an actor, never a stray word
        if (not speaker.actor_id and token.pos_ == "NOUN" and token.ent_type_ not in ENTITY_TYPES
                and not self._can_speak(token, speaker)):
            return None  # "He explained" never refers back to "the border closure" (but to a name tagged NOUN)
        plural = token.tag_ in ("NNS", "NNPS") and token.ent_type_ != "PERSON"  # not "Sanders" tagged NNS
        kind = speaker.type or _mention_type(token)
        if word in PERSON_PRONOUNS and token.pos_ == "NOUN" and self.cues.is_group(token.lemma_, token.lower_):
            return None  # "the government ... He argued": a group is never a "he" or a "she"
        if token.pos_ == "PROPN" and not kind:
            return None
        return speaker if _compatible(word, kind, plural) and self.gender_fits(word, speaker) else None


def _tagged(speaker: Speaker | None, rule: str) -> tuple[Speaker | None, str] | None:
    return (speaker, rule) if speaker is not None else None


def _key(speaker: Speaker) -> str:
    return speaker.actor_id or speaker.name.lower()


def _partitive_pronoun(one: Token) -> bool:
    """ "one of them/us/those": the group is a pronoun, not a description."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(g.pos_ == "PRON" for g in c.children)
               for c in one.children)


def _partitive_text(name: str) -> bool:
    words = name.lower().split()
    return len(words) == 3 and words[2] in ("them", "us", "those", "these")


def _owner_in_sentence(noun: Token) -> Token | None:
    """The possessor, publisher or author of a document noun, within its sentence."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "acl":
            for agent in child.children:
                if agent.dep_ == "agent":
                    objects = [c for c in agent.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
    for child in noun.children:
        if child.dep_ == "compound" and child.pos_ == "PROPN":
            return child
    for child in noun.children:  # "a statement from the club"
        if child.dep_ == "prep" and child.lower_ == "from":
            objects = [g for g in child.children if g.dep_ == "pobj" and g.pos_ in ("PROPN", "NOUN")]
            if objects:
                return objects[0]
    head = noun.head
    if noun.dep_ == "dobj" and head.pos_ == "VERB":
        return _plain_subject(head)
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB" and head.lower_ == "in":
        return _plain_subject(head.head)
    return None


def _plain_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    return None


def history_before(speakers: Sequence[Speaker], char: int) -> Speaker | None:
    """The last speaker mentioned before a character offset."""
    earlier = [s for s in speakers if s.start < char]
    return earlier[-1] if earlier else None
