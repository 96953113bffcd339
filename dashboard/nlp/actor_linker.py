"""Component "actor_linker": people, organisations and countries, aliases merged.

Finding (``link``) is separate from writing (``set_annotations``):

  1. named mentions: NER entities cleaned, gazetteer names and acronyms
     (``actor_mentions``);
  2. merged into actors (``actor_clusters``);
  3. roles read from titles before names and from appositions (``actor_roles``);
  4. definite descriptions ("the Russian leader", "The US president") resolved to the
     one person they fit, looking in the same sentence first, then the paragraph, the
     previous paragraph, then everything before; two equally good fits → unresolved; a
     person noun no titles list knows ("the Republican nominee") only to the one person the
     article itself called that ("Ann Cole, the Republican nominee,");
  5. a person's gender, when a gendered title, role or given name says it (``gender``:
     a heuristic from data files; unknown = None); "the father"/"the mother" resolved to
     the one partner of fitting gender in a couple named together ("David and Louise
     Turpin"), else unresolved.

Writes ``doc.spans[ACTOR_MENTIONS]`` (label_ = type, kb_id_ = actor id) and
``doc._.actors`` (plain dicts). ``actor_at`` answers "which actor is mentioned here?".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dashboard.errors import DashboardError
from dashboard.nlp import ACTOR_MENTIONS
from dashboard.nlp.actor_clusters import Cluster, cluster_mentions
from dashboard.nlp.actor_mentions import Mention, named_mentions
from dashboard.nlp.actor_names import unique_ids
from dashboard.nlp.actor_roles import (
    Description,
    Role,
    apposition,
    country_in,
    description_at,
    given_nouns,
    region_in,
    role_fits,
    role_phrase,
    title_before,
)
from dashboard.nlp.gazetteer import Gazetteer, load_gazetteer
from dashboard.nlp.gender import GenderLexicon, fold, gender_of_name, gender_of_words, load_gender_lexicon
from dashboard.nlp.quotes.cues import load_cues
from dashboard.nlp.quotes.grammar import has_person_ending

if not Doc.has_extension("actors"):
    Doc.set_extension("actors", default=None)
if not Doc.has_extension("problems"):
    Doc.set_extension("problems", default=None)

TYPE_PREFERENCE = {"PERSON": 0, "ORG": 1, "GPE": 2}
TAG_TOKENS = 10  # tokens read after a name for its party tag or "of <state>"
PARTY_STATE = re.compile(r"\s*[(,]\s*[DRI]\s?[-–]\s?([A-Z][A-Za-z. ]{1,15}?)\s*[),]")  # " (R-Fla.)", ", D-N.Y.,"
OF_STATE = re.compile(r"\s+of\s+((?:[A-Z][a-z]+)(?:\s[A-Z][a-z]+)?)")  # " of Florida", " of New Jersey"
PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "to", "near"})  # a name after one is used as a place
PREDICATIVE = frozenset({"attr", "oprd"})  # "became the nominee": a description that says, not refers
NO_LONGER = frozenset({"former", "ex", "onetime", "one-time", "then", "late", "retired", "outgoing", "erstwhile"})
NEAR_PARAGRAPHS = 2  # a description names someone the article described that way this many paragraphs up at most
LOCATIVE = frozenset({"in", "at", "near"})  # stricter: a name after one is a place, even one called a person


@dataclass
class _Profile:
    """What the article says about one actor (built up while linking)."""

    roles: list[Role] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)  # US states the article places a person in
    phrases: set[str] = field(default_factory=set)
    said: set[str] = field(default_factory=set)  # the role phrases the article itself gives (not the gazetteer's)
    aliases: list[str] = field(default_factory=list)
    given: list[tuple[int, str, frozenset[str]]] = field(default_factory=list)  # (token, head lemma, words)


@dataclass(frozen=True)
class Linked:
    """The result of linking one Doc: mention spans (token ranges) and actor dicts."""

    mentions: tuple[tuple[int, int, int], ...]  # (start, end, actor index)
    actors: tuple[dict, ...]


def actor_at(doc: Doc, start_char: int, end_char: int) -> str | None:
    """The id of the actor mentioned at ``[start_char, end_char)``, or None.

    A mention covering the range wins; otherwise, among mentions inside the range, a
    person before an organisation before a place, the last one first (the head of an
    English noun phrase comes last: "US president Joe Biden" → joe-biden).
    """
    spans = doc.spans.get(ACTOR_MENTIONS, [])
    inside = []
    for span in spans:
        if span.start_char <= start_char and end_char <= span.end_char:
            return span.kb_id_ or None
        if start_char <= span.start_char and span.end_char <= end_char:
            inside.append(span)
    if not inside:
        return None
    best = min(inside, key=lambda s: (TYPE_PREFERENCE.get(s.label_, 3), -s.start_char))
    return best.kb_id_ or None


class ActorLinker:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.problem: str | None = None
        try:
            self.gazetteer = load_gazetteer()
        except DashboardError as error:
            self.gazetteer, self.problem = Gazetteer(), f"actor_linker: {error}"
        try:
            self.genders = load_gender_lexicon()
        except DashboardError as error:
            self.genders, self.problem = GenderLexicon({}, {}), f"actor_linker: {error}"
        try:
            self.persons = load_cues().persons
        except DashboardError as error:
            self.persons, self.problem = frozenset(), f"actor_linker: {error}"

    def __call__(self, doc: Doc) -> Doc:
        problems = list(doc._.problems or [])
        if self.problem:
            problems.append(self.problem)
        try:
            linked = link(doc, self.gazetteer, self.genders, persons=self.persons)
        except Exception as error:  # one odd article must never stop a batch
            problems.append(f"actor_linker: {type(error).__name__}: {error}")
            linked = Linked((), ())
        doc._.problems = problems
        self.set_annotations(doc, linked)
        return doc

    def set_annotations(self, doc: Doc, linked: Linked) -> None:
        spans = [
            Span(doc, start, end, label=linked.actors[a]["type"], kb_id=linked.actors[a]["id"])
            for start, end, a in linked.mentions
        ]
        doc.spans[ACTOR_MENTIONS] = spans
        doc._.actors = [dict(a) for a in linked.actors]


@Language.factory("actor_linker")
def make_actor_linker(nlp: Language, name: str) -> ActorLinker:
    return ActorLinker(nlp, name)


# --- finding -----------------------------------------------------------------------------


def link(
    doc: Doc, gazetteer: Gazetteer, genders: GenderLexicon | None = None, *, persons: frozenset[str] = frozenset()
) -> Linked:
    """Mentions and actors of one Doc (pure: the Doc is not changed). ``persons``: common nouns
    that name a person ("nominee", "aide"; the quote cues' list), for descriptions the
    article itself explains."""
    genders = genders or GenderLexicon({}, {})
    mentions, defined = named_mentions(doc, gazetteer, given_names=frozenset(genders.names))
    place_names = frozenset(
        " ".join(m.key) for m in mentions if m.start > 0 and doc[m.start - 1].lower_ in PLACE_PREPOSITIONS
    )
    clusters = cluster_mentions(
        mentions,
        defined,
        gazetteer,
        given_names=frozenset(genders.names),
        place_names=place_names,
        located=_located(doc, mentions),
    )
    profiles, used = _profiles(doc, mentions, clusters, gazetteer)
    owner = {i: c for c, cluster in enumerate(clusters) for i in cluster.mentions}
    found = [(mentions[i].start, mentions[i].end, owner[i]) for i in sorted(owner)]
    found += _untagged(doc, clusters, used)
    positions = _positions(doc)
    found += _resolve_descriptions(doc, found, clusters, profiles, used, gazetteer, positions)
    person_nouns = _PersonNouns(persons, genders, gazetteer)
    found += _resolve_given_nouns(doc, profiles, used, gazetteer, positions[1], person_nouns)
    gender = [_gender(doc, cluster, profiles[c], mentions, genders) for c, cluster in enumerate(clusters)]
    found += _resolve_partners(doc, found, clusters, gender, used, genders)
    found.sort()
    ids = unique_ids([c.name for c in clusters])
    actors = []
    for c, cluster in enumerate(clusters):
        profile = profiles[c]
        texts = [doc[s:e].text for s, e, a in found if a == c]
        role = profile.roles[0].text if profile.roles else (cluster.known.role if cluster.known else None)
        actors.append(
            {
                "id": ids[c],
                "name": cluster.name,
                "type": cluster.type,
                "aliases": list(dict.fromkeys([*texts, *profile.aliases])),
                "role": role,
                "gender": gender[c],
            }
        )
    return Linked(tuple(found), tuple(actors))


def _located(doc: Doc, mentions: Sequence[Mention]) -> frozenset[str]:
    """Name keys used as a place: right after "in", "at" or "near", not a possessor ("in Ann's words")."""
    keys = set()
    for m in mentions:
        after = doc[m.end] if m.end < len(doc) else None
        owner = after is not None and after.lower_ in {"'s", "’s", "'", "’"}
        if m.start > 0 and doc[m.start - 1].lower_ in LOCATIVE and not owner and doc[m.end - 1].dep_ != "compound":
            keys.add(" ".join(m.key))
    return frozenset(keys)


def _profiles(
    doc: Doc, mentions: Sequence[Mention], clusters: Sequence[Cluster], gazetteer: Gazetteer
) -> tuple[list[_Profile], set[int]]:
    """Roles, countries and extra aliases of each actor; tokens used by titles/appositions."""
    profiles = [_Profile() for _ in clusters]
    used: set[int] = set()
    not_people = gazetteer.org_words | gazetteer.outlet_nouns | gazetteer.outlet_words | gazetteer.product_nouns
    for c, cluster in enumerate(clusters):
        profile = profiles[c]
        known = None
        if cluster.known is not None:
            if cluster.known.country:
                profile.countries.add(cluster.known.country)
            known = role_phrase((cluster.known.role or "").split(), gazetteer)
            if known:
                profile.phrases.add(known)
        if cluster.type != "PERSON":
            continue
        _read_person(doc, mentions, cluster, profile, used, gazetteer, not_people)
        if known and known not in profile.said and (profile.said or profile.given):
            # What the article says the person is replaces the gazetteer's undated role: in 2016
            # "Donald Trump, the Republican nominee," is no president ("the president" is Obama).
            profile.phrases.discard(known)
    return profiles, used


def _read_person(
    doc: Doc,
    mentions: Sequence[Mention],
    cluster: Cluster,
    profile: _Profile,
    used: set[int],
    gazetteer: Gazetteer,
    not_people: frozenset[str],
) -> None:
    """Roles, nouns, countries and states the article gives one person, at each of its mentions."""
    for i in cluster.mentions:
        mention = mentions[i]
        used.update(range(mention.start, mention.end))
        first, title = title_before(doc, mention.start, mention.end, gazetteer)
        used.update(range(first, mention.start))
        roles = [title] if title else []
        beside = apposition(doc[mention.start : mention.end], gazetteer)
        if beside is not None:
            span, role = beside
            used.update(range(span.start, span.end))
            profile.aliases.append(span.text)
            roles.append(role)
        for words, head in given_nouns(doc[mention.start : mention.end]):
            if head.lower_ in not_people:
                continue  # "Theranos, the company": a name the model took for a person
            profile.given.append((head.i, head.lemma_.lower(), frozenset(t.lower_ for t in words)))
            used.update(t.i for t in words)
        for role in roles:
            profile.roles.append(role)
            profile.phrases.add(role.phrase)
            profile.said.add(role.phrase)
            if role.country:
                profile.countries.add(role.country)
        country = _country_after(doc[mention.start : mention.end], gazetteer)
        if country:
            profile.countries.add(country)
        region = (region_in(" ".join(r.text for r in roles).split(), gazetteer)
                  or _region_after(doc, mention.end, gazetteer))
        if region:
            profile.regions.add(region)


def _region_after(doc: Doc, end: int, gazetteer: Gazetteer) -> str | None:
    """The US state right after a person's name: a party tag ("Marco Rubio (R-Fla.)",
    "Ted Cruz, R-Texas,") or "of" a state ("Marco Rubio of Florida")."""
    after = doc[end - 1].whitespace_ + doc[end:end + TAG_TOKENS].text_with_ws
    tag = PARTY_STATE.match(after)
    if tag:
        return gazetteer.region_of_tag(tag.group(1))
    of = OF_STATE.match(after)
    return region_in(of.group(1).split(), gazetteer) if of else None


def _untagged(doc: Doc, clusters: Sequence[Cluster], used: set[int]) -> list[tuple[int, int, int]]:
    """Surnames the model did not tag as an entity: "[Biden]" once "Joe Biden" is known."""
    names: dict[str, int] = {}
    taken: set[str] = set()
    for c, cluster in enumerate(clusters):
        words = cluster.name.split()
        if cluster.type != "PERSON" or len(words) < 2:
            continue
        surname = words[-1]
        if surname in names:
            taken.add(surname)
        names[surname] = c
    extra = []
    for token in doc:
        if (
            token.text in names
            and token.text not in taken
            and not token.ent_type_
            and token.i not in used
            and token.pos_ in {"PROPN", "NOUN", "X"}
        ):
            extra.append((token.i, token.i + 1, names[token.text]))
            used.add(token.i)
    return extra


def _country_after(span: Span, gazetteer: Gazetteer) -> str | None:
    """ "Muhammadu Buhari of Nigeria" → Nigeria."""
    of = next((c for c in span.root.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None:
        return None
    return country_in([t for t in of.subtree if t.i != of.i], gazetteer)


def _resolve_descriptions(
    doc: Doc,
    found: list[tuple[int, int, int]],
    clusters: Sequence[Cluster],
    profiles: Sequence[_Profile],
    used: set[int],
    gazetteer: Gazetteer,
    positions: tuple[list[int], list[int]],
) -> list[tuple[int, int, int]]:
    words = gazetteer.title_words
    sentence, paragraph = positions
    people = [(s, a) for s, _, a in found if clusters[a].type == "PERSON"]
    resolved: list[tuple[int, int, int]] = []
    for token in doc:
        if token.lower_ not in words or token.i in used or token.dep_ in PREDICATIVE:
            continue  # "Clinton should be the president to do it": says what she would be, names nobody
        description = description_at(token, gazetteer)
        if description is None or any(i in used for i in range(description.start, description.end)):
            continue
        d = description.start
        levels = (
            lambda p, d=d: sentence[p] == sentence[d],
            lambda p, d=d: paragraph[p] == paragraph[d],
            lambda p, d=d: paragraph[p] == paragraph[d] - 1,
            lambda p: True,
        )
        fit: dict[int, int | None] = {}  # a person's fit does not depend on the level
        for near in levels:
            scores: dict[int, int] = {}
            for start, a in people:
                if start >= d or not near(start):
                    continue
                if a not in fit:
                    fit[a] = _fit(description, profiles[a], gazetteer)
                score = fit[a]
                if score is not None and score >= 1:
                    scores[a] = max(scores.get(a, 0), score)
            if scores:
                best = max(scores.values())
                winners = [a for a, s in scores.items() if s == best]
                if len(winners) == 1:
                    resolved.append((description.start, description.end, winners[0]))
                    people.append((description.start, winners[0]))
                    used.update(range(description.start, description.end))
                break
    return resolved


@dataclass(frozen=True)
class _PersonNouns:
    """The word lists that say a common noun names a person ("nominee", "spokeswoman", "columnist")."""

    persons: frozenset[str]
    genders: GenderLexicon
    gazetteer: Gazetteer

    def fit(self, token: Token) -> bool:
        lemma, lower = token.lemma_.lower(), token.lower_
        return (lemma in self.persons or lower in self.persons or lower in self.gazetteer.person_nouns
                or fold(lower) in self.genders.words or has_person_ending(lower))


def _resolve_given_nouns(
    doc: Doc,
    profiles: Sequence[_Profile],
    used: set[int],
    gazetteer: Gazetteer,
    paragraph: Sequence[int],
    person_nouns: _PersonNouns,
) -> list[tuple[int, int, int]]:
    """ "the Republican nominee" → the one person the article called that before ("Ann Cole,
    the Republican nominee," or "Republican nominee Ann Cole"), for person nouns the titles
    list does not know ("nominee", "billionaire"): every word of the description must be in
    what the article said of that person, in that paragraph or the two before it, nobody else
    may fit ("a former candidate" is not "the candidate"), the description only refers (not "as
    the nominee", "became the nominee"), and the noun's last use before must be one the article
    gave a named person (not "a new campaign manager", "other hosts", nor "radio host Bo Lane"
    where the parse hid the name: then "the host" could be either).
    Listed titles are left to ``_resolve_descriptions``; several fits or none → unresolved."""
    given: dict[str, list[tuple[int, int, frozenset[str]]]] = {}
    for a, profile in enumerate(profiles):
        for at, lemma, words in profile.given:
            given.setdefault(lemma, []).append((at, a, words))
    if not given:
        return []
    uses: dict[str, list[int]] = {}  # every earlier use of a given noun
    for token in doc:
        if (lemma := token.lemma_.lower()) in given:
            uses.setdefault(lemma, []).append(token.i)
    resolved = []
    chains: set[int] = set()  # nouns of descriptions already resolved
    for token in doc:
        lemma = token.lemma_.lower()
        if lemma not in given or token.i in used or token.lower_ in gazetteer.title_words:
            continue
        after_of = token.dep_ == "pobj" and token.head.lower_ in ("of", "as")  # "one of the", "as the nominee"
        if after_of or token.dep_ in PREDICATIVE or not _bare_definite(token) or not person_nouns.fit(token):
            continue
        start = token.left_edge.i
        described = {t.lower_ for t in doc[start : token.i + 1] if t.dep_ != "det"}
        near = paragraph[token.i] - NEAR_PARAGRAPHS  # a listicle's "the actress" is not one five items up
        fits = {a for at, a, said in given[lemma]
                if at < token.i and paragraph[at] >= near and described <= said
                and not (said & NO_LONGER) - described}  # "a former candidate" is not "the candidate"
        if len(fits) != 1 or any(i in used for i in range(start, token.i + 1)):
            continue
        actor = fits.pop()
        said_of_someone = {at for at, _, _ in given[lemma]} | chains
        if max(i for i in uses[lemma] if i < token.i) not in said_of_someone:
            continue
        resolved.append((start, token.i + 1, actor))
        used.update(range(start, token.i + 1))
        chains.add(token.i)
    return resolved


def _gender(
    doc: Doc, cluster: Cluster, profile: _Profile, mentions: Sequence[Mention], genders: GenderLexicon
) -> str | None:
    """A person's gender when everything the article says agrees: a gendered word right before
    a mention that modifies it ("Mrs Ng", "Queen Elizabeth", "his wife Louise"), a role
    ("the spokeswoman"), the known role, the given name. Unknown or conflicting → None."""
    if cluster.type != "PERSON":
        return None
    found = set()
    for i in cluster.mentions:
        start, end = mentions[i].start, mentions[i].end
        before = doc[start - 1] if start > 0 else None
        shared = start > 1 and doc[start - 2].lower_ in {"and", "&", "or"}  # "Mr and Mrs Turpin": both
        if before is not None and before.head.i in range(start, end) and not shared:
            found.add(genders.words.get(fold(before.text)))
    for role in profile.roles:
        found.add(gender_of_words(role.text.split(), genders))
    if cluster.known is not None and cluster.known.role:
        found.add(gender_of_words(cluster.known.role.split(), genders))
    found.add(gender_of_name(cluster.name, genders))
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def _resolve_partners(
    doc: Doc,
    found: list[tuple[int, int, int]],
    clusters: Sequence[Cluster],
    gender: Sequence[str | None],
    used: set[int],
    genders: GenderLexicon,
) -> list[tuple[int, int, int]]:
    """ "The father" / "the mother" → the one partner of that gender among the couples named
    before it ("David and Louise Turpin"); none or several fit → unresolved."""
    nouns = [t for t in doc if t.lower_ in genders.couple_words and t.i not in used]  # lexicon words are folded
    if not nouns:
        return []
    people = sorted((s, e, a) for s, e, a in found if clusters[a].type == "PERSON")
    couples: list[tuple[int, int, int]] = []  # (start, actor, actor)
    for (s1, e1, a1), (s2, _, a2) in pairwise(people):
        if a1 == a2 or s2 != e1 + 1 or doc[e1].lower_ not in {"and", "&"}:
            continue
        first, second = clusters[a1].name.split(), clusters[a2].name.split()
        shared = len(first) >= 2 and len(second) >= 2 and first[-1] == second[-1]
        elided = e1 - s1 == 1 and len(second) >= 2 and (len(first) == 1 or first[-1] == second[-1])
        if shared or elided:
            couples.append((s1, a1, a2))
    resolved = []
    for token in nouns:
        if token.i in used or not _bare_definite(token):
            continue
        wanted = genders.words[token.lower_]
        candidates = {a for start, *pair in couples if start < token.i for a in pair}
        fits = [a for a in candidates if gender[a] in (wanted, None)]
        if len(fits) == 1:
            start = token.left_edge.i
            resolved.append((start, token.i + 1, fits[0]))
            used.update(range(start, token.i + 1))
    return resolved


def _bare_definite(token: Token) -> bool:
    """ "the father", "The mother": a singular noun after "the", with no possessor, no
    "of …" and no name beside it ("the father of the boy", "her mother", "the mother, Ann")."""
    if token.tag_ != "NN" or token.dep_ in {"compound", "appos", "poss", "conj"}:
        return False
    lefts = list(token.lefts)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in lefts) or any(c.dep_ == "poss" for c in lefts):
        return False
    if any(c.dep_ in {"det", "case"} and c.lower_ != "the" for c in lefts):
        return False
    return not any(c.dep_ in {"appos", "prep", "acl", "relcl"} for c in token.rights)


def _fit(description: Description, profile: _Profile, gazetteer: Gazetteer) -> int | None:
    """How well a person fits a description: None = cannot be them; 0 = nothing says so."""
    score = 0
    if description.country and profile.countries:
        if description.country not in profile.countries:
            return None
        score += 1
    if description.region and profile.regions:
        if description.region not in profile.regions:
            return None  # "the Texas senator" is not the senator from Florida
        score += 2  # a state names fewer people than a role word: it outweighs "senator" alone
    fits = [role_fits(description.phrase, phrase, gazetteer) for phrase in profile.phrases]
    if fits and all(f is False for f in fits):
        return None
    return score + (1 if any(f is True for f in fits) else 0)


def _positions(doc: Doc) -> tuple[list[int], list[int]]:
    """Sentence and paragraph number of every token (paragraphs split at blank lines; a
    blank-line token opens the next paragraph). Read from arrays: no Token objects."""
    if not len(doc):
        return [], []
    starts, spaces = doc.to_array([SENT_START, IS_SPACE]).T
    sentence = numpy.cumsum(starts == 1) - int(starts[0] == 1)
    breaks = numpy.zeros(len(doc), dtype=numpy.int64)
    for i in numpy.flatnonzero(spaces):
        breaks[i] = "\n\n" in doc[int(i)].text
    paragraph = numpy.cumsum(breaks)
    return sentence.tolist(), paragraph.tolist()
