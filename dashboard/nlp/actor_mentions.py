"""Named actor mentions in a Doc: NER entities cleaned, gazetteer-linked, acronyms found.

A mention here is a name ("Joe Biden", "Kremlin", "Russian" as Russia); descriptions
("the Russian leader") are resolved later, once actors are known.

Besides cleaning the model's entities, general rules (word lists in ``data/actors.toml``)
correct what the small model gets wrong:

- places and buildings are not actors: a name ending in, followed by or set beside a
  facility noun ("Hagia Sophia Museum", "Hagia Sophia, now a museum") or starting with a
  place prefix ("Mount Kenya"); a name set beside a settlement noun ("Niamey, Niger's
  capital") is a place (GPE); a name after a kind noun ("the services Medicare") is a thing;
- a name used only inside an office title ("Senate Minority Leader", "Speaker of the
  House") or only as a medium ("wrote on Twitter") is not an actor;
- a whole entity that is a title ("National Security Advisor") is a role; a one-word name
  that is a common noun ("the Administration") or an undefined two-letter abbreviation
  ("the WH statement") is not an actor; a name followed by ", <place>" is a place
  ("Chippewa Falls, Wisconsin");
- people the model missed or mislabelled: two or three capitalised words after a person's
  title — also plural or misspelt by one letter ("Presidents Muhammadu Buhari",
  "Represenative Adam Schiff") — or after a role phrase ("Ambassador to the United
  Nations Nikki Haley", "First Minister of Scotland Nicola Sturgeon"), or with a role set
  beside them ("Wanda Vázquez, the Secretary of Justice"), or joined by "and" to people
  ("Eliot Engel, Adam Schiff, and Elijah Cummings");
- laws, agreements, diseases, licences and money are not actors: a name whose head (last
  word, or word before "of"/"for"/"on") is a non-actor head ("Copyright Act", "Bill of
  Rights", "Respiratory Syndrome", "Public License") — with the acronym defined for it —
  or a name with a currency and a number ("USD 26.95");
- outlets and platforms are organisations, whatever the model called them: listed names
  ("Dawn", "Wikinews"), names ending in an outlet word ("Chess Magazine"), names after or
  beside an outlet noun ("the newspaper Dawn", "Dawn, a Pakistani daily");
- a two- or three-word name called an organisation or place is a person after a noun that
  fits only a person ("developer Perttu Ahola") or an age ("40-year-old …"), or with such
  a noun beside it ("…, a former boyfriend of …");
- organisation names go on across foreign linking words ("Brigade de Recherche et
  d'Intervention"), and a facility/product/place name with an organisation word
  ("... Charity", "... University") is an organisation;
- software, products and vehicles are not actors (``[products]`` in the data file): listed
  names ("Linux"), product heads ("Rocky Linux"), vehicle prefixes ("USS Grayback", and
  then "Grayback" alone), a version number ("Windows 10"), a product noun before ("the
  browser Firefox") or a software kind after ("the Python programming language");
- people the model called organisations or places: a title inside the name ("Presidential
  Spokesperson Harry Roque"), a place after "Senator from" ("Vermont Bernie Sanders"), a
  listed given name first ("Elijah Cummings"), a middle initial ("Channing D. Phillips");
  a person cue after a mention ("…, who …", "…'s parents") is kept on the mention for
  ``actor_clusters``; a name called a person that ends in an organisation word ("Marine
  Corps") or a plural ("Log Cabin Republicans") is an organisation; a capital-letter
  name called a place, not after "in"/"at" nor opening a sentence, is one too ("the NRA");
- title abbreviations ("Sen.", "Gov"), capitalised professions ("Astronomer …") and
  headline verbs ("Follow …") before a person's name are not part of it; in a title-case
  headline, a name run into other capitalised words is cut to the name used in the text
  ("Hillary Clinton Wins" → "Hillary Clinton"); a sentence-opening adverb ("Realistically,")
  and a plural common noun ("Attendees") are not names; a name with a town prefix is a
  place ("Tell Tamer").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from dashboard.nlp.actor_names import fold, foreign_script, name_key
from dashboard.nlp.actor_roles import apposition
from dashboard.nlp.gazetteer import Gazetteer, KnownActor

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE"})
# Other entity labels the small model puts on organisations now and then.
MAYBE_ORG_LABELS = frozenset({"FAC", "PRODUCT", "NORP", "LOC"})
LEADING_JUNK = frozenset({"the", "a", "an", "[", "(", '"', "'", "“", "‘", "``", "''"})
TRAILING_JUNK = frozenset(
    {"'s", "’s", "'", "’", ",", ".", ";", ":", "of", "and", "(", "[", "]", ")", '"', "”", "''", "``"}
)
ACRONYM_SKIP = frozenset({"of", "and", "for", "on", "the", "&", ",", "de", "du", "des", "la", "le", "et"})
PLACE = "LOC"  # label of a name that turned out to be a place: every mention of it is dropped
FACILITY = "FAC"  # a building: its name without the facility noun is a place too
PRODUCT = "PRODUCT"  # software, a product or a vehicle: every mention of its name is dropped
ROLE_LINKS = frozenset({"of", "to", "for", "from"})  # "Ambassador to the United Nations Nikki Haley"
ELISIONS = ("d'", "d’", "l'", "l’")
NAME_ENTITY_LABELS = frozenset({"", "PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "LOC"})
HEAD_LINKS = frozenset({"of", "for", "on"})  # "Bill of Rights", "Regulations for Buses"
AGE_BEFORE = re.compile(r"\b\d+[- ]years?[- ]old\s*$")  # "40-year-old Ann Cole"
MIDDLE_INITIAL = re.compile(r"[A-Z]\.")
VERSION = re.compile(r"\d{1,2}(?:\.\d+)*")  # "Windows 10", "Linux 8.1"
PARTY_TAG = re.compile(r"[DRI]\s?-\s?[A-Z]")  # "D-Wis.", "R-Newport News": a party, then state or district
DOTTED_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}")  # "S.E.C.", "I.R.S."
ROLE_BREAKERS = frozenset({"for", "against", "on", "in", "with"})  # "Citizens for Tax Justice" is no role
PLACE_BEFORE = frozenset({"in", "at", "near", "to", "from"})  # a name right after one may be a place


@dataclass(frozen=True)
class Mention:
    """A name in the Doc: token range, label, and the gazetteer entry it means (if any)."""

    start: int
    end: int
    label: str
    text: str
    known: KnownActor | None = None
    person_cue: bool = False  # "X, who …", "X's mother": only a person fits

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(name_key(self.text).split())


def _trim(span: Span, gazetteer: Gazetteer) -> Span | None:
    doc, start, end = span.doc, span.start, span.end
    while start < end and (doc[start].lower_ in LEADING_JUNK or doc[start].is_space):
        start += 1
    for i in range(start, end):  # "Commission on … (USCIRF" → cut at the bracket
        if doc[i].text == "(":
            end = i
            break
    while end > start and (doc[end - 1].lower_ in TRAILING_JUNK or doc[end - 1].is_space):
        end -= 1
    while end - start > 1 and doc[end - 1].lower_ in gazetteer.event_nouns:
        end -= 1  # "the G7 Summit" → G7
    if span.label_ == "PERSON":  # "President Trump" → the title is not the name
        while end - start > 1 and (
            doc[start].lower_.strip(".") in gazetteer.title_words or is_person_title(doc[start], gazetteer)
        ):
            start += 1
        while end - start > 1 and doc[start].pos_ == "VERB" and _capitalised_verb(doc[start], gazetteer):
            start += 1  # "Follow Pam Key", "Praises Marco Rubio" in a headline
        while end - start > 2 and doc[start].is_title and doc[start].lower_ in gazetteer.person_nouns:
            start += 1  # "Astronomer Anthony Boccaletti"
        if start > 0 and _lone_given_name(doc[start - 1], gazetteer):
            start -= 1  # ", Sławoj Leszek Głódź" where the model tagged "Leszek Głódź"
    if end <= start or not (doc[start].text[:1].isupper() or doc[start].text[:1].isdigit()):
        return None  # "intra-Africa"
    return doc[start:end]


def _capitalised_verb(token: Token, gazetteer: Gazetteer) -> bool:
    """A capitalised verb run into a name, not a town prefix the tagger took for one ("Tell Tamer")."""
    return token.text[:1].isupper() and token.lower_ not in gazetteer.town_prefixes


def _names_place(span: Span, gazetteer: Gazetteer) -> bool:
    """A name right before a place or facility noun: "the Amazon rainforest", "the X mosque"."""
    if span.end >= len(span.doc):
        return False
    after = span.doc[span.end]
    return after.lower_ in gazetteer.place_nouns or (
        after.lower_ in gazetteer.facility_nouns and after.is_lower and after.pos_ == "NOUN"
    )


def _place_kind(span: Span, gazetteer: Gazetteer) -> str | None:
    """FACILITY, PLACE or "GPE" when the name itself or its apposition says it is a place."""
    words = [t.lower_ for t in span]
    if len(words) > 1 and words[-1] in gazetteer.facility_nouns:
        return FACILITY  # "Hagia Sophia Museum"
    if len(words) > 1 and words[0].strip(".") in gazetteer.place_prefixes:
        return PLACE  # "Mount Kenya"
    if len(words) > 1 and words[0] in gazetteer.town_prefixes:
        return "GPE"  # "Tell Tamer", "Ras al-Ain"
    if _before_place(span):
        return "GPE"  # "Chippewa Falls, Wisconsin", "Ciudad Juárez, Mexico"
    for noun in _appositions(span):
        if noun.lower_ in gazetteer.facility_nouns or noun.lemma_.lower() in gazetteer.facility_nouns:
            return PLACE  # "Hagia Sophia, formerly a church"
        if noun.lower_ in gazetteer.settlement_nouns:
            return "GPE"  # "Niamey, Niger's capital"
    return None


def _before_place(span: Span) -> bool:
    """A name followed by a comma and a place that ends the phrase: "in Chippewa Falls, Wisconsin, …".

    The place must end there (a punctuation mark, "where", "and", "in" follows): not "Ann Cole,
    US president", "Ann Cole, Kelmar's envoy" or "according to CNN, Turkey has …".
    """
    doc, i = span.doc, span.end
    if i + 1 >= len(doc) or doc[i].text != "," or doc[i + 1].ent_iob_ != "B" or doc[i + 1].ent_type_ != "GPE":
        return False
    end = i + 2
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    after = doc[end] if end < len(doc) else None
    return after is None or after.is_punct or after.pos_ in {"ADV", "SCONJ", "CCONJ", "ADP"}


def _appositions(span: Span) -> list[Token]:
    """Common nouns set beside a name, with their conjuncts ("a church and now a museum")."""
    heads = [c for c in span.root.children if c.dep_ == "appos" and c.pos_ == "NOUN" and c.i >= span.end]
    return [*heads, *(c for h in heads for c in h.children if c.dep_ == "conj" and c.pos_ == "NOUN")]


def _after_kind_noun(span: Span, gazetteer: Gazetteer) -> bool:
    """A name right after a kind noun, or joined by "and" to one: "services Medicare and Medicaid"."""
    first = span.root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    kinds = gazetteer.kind_nouns
    if span.start > 0 and span.doc[span.start - 1].lower_ in kinds:
        return True
    if first.i == span.root.i:
        return False
    return (
        (first.i > 0 and span.doc[first.i - 1].lower_ in kinds)
        or any(c.lower_ in kinds for c in first.lefts)
        or (first.dep_ == "appos" and first.head.lower_ in kinds)
    )


def _is_common_noun(span: Span) -> bool:
    """A capitalised word after "a"/"an" and before no noun: "make an Order declaring…"."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    return (
        len(span) == 1
        and span.start > 0
        and doc[span.start - 1].lower_ in {"a", "an"}
        and (after is None or after.pos_ not in {"NOUN", "PROPN"})
    )


def names_a_thing(span: Span, gazetteer: Gazetteer, *, person: bool = False) -> bool:
    """A law, agreement, disease or licence ("Copyright Act", "Bill of Rights"), or money ("USD 26.95").

    ``person``: the model called the name a person, so a head that is also a surname does
    not count ("Jude Law"). A name right after "<Head> of" is part of a thing ("Bill of [Digital Rights]").
    """
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ == "of":
        before = doc[span.start - 2]
        if (
            before.is_title
            and before.lower_ in gazetteer.non_actor_heads
            and before.lower_ not in gazetteer.surname_heads
        ):
            return True
    words = [t.lower_ for t in span]
    heads = {words[-1]} if len(words) > 1 else set()
    link = next((i for i, w in enumerate(words[1:], 1) if w in HEAD_LINKS), None)
    if link is not None:
        heads.add(words[link - 1])
    if person:
        heads -= gazetteer.surname_heads  # "Jude Law"
    if heads & gazetteer.non_actor_heads:
        return True
    money = any(w in gazetteer.money_words for w in words)
    return money and (len(words) == 1 or any(t.like_num for t in span))


def is_product(span: Span, gazetteer: Gazetteer) -> bool:
    """Software, a product or a vehicle: listed ("Linux"), ending in a product head ("Rocky
    Linux"), with a vehicle prefix ("USS Grayback"), a version number ("Windows 10"), after
    a product noun ("the browser Firefox") or before a software kind ("the Python
    programming language"). A name with an organisation or outlet word is not one."""
    doc = span.doc
    words = [t.lower_ for t in span]
    if name_key(span.text) in gazetteer.products:
        return True
    if set(words) & (gazetteer.org_words | gazetteer.outlet_words | gazetteer.outlet_nouns):
        return False  # "Caos Linux Foundation", "Channel 4"
    if len(words) > 1 and (words[-1] in gazetteer.product_heads or words[0] in gazetteer.product_prefixes):
        return True
    version = span[-1] if len(span) > 1 else doc[span.end] if span.end < len(doc) else None
    if version is not None and _version_number(version.text):
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.is_lower and before.lower_ in gazetteer.product_nouns:
        return True
    after = doc[span.end] if span.end < len(doc) else None
    return after is not None and after.is_lower and after.lower_ in gazetteer.product_kinds


def _version_number(text: str) -> bool:
    """ "10", "8.1", "3.0" — a short number that is not a year or an amount."""
    return bool(VERSION.fullmatch(text))


def _is_outlet(span: Span, gazetteer: Gazetteer) -> bool:
    """A newspaper, website or platform: listed, "… Magazine", "the newspaper …", "…, a daily"."""
    if name_key(span.text) in gazetteer.outlets:
        return True
    if len(span) > 1 and span[-1].lower_ in gazetteer.outlet_words:  # "Chess Magazine"
        return True
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.is_lower and before.lower_ in gazetteer.outlet_nouns and len(span) <= 3:
        return True
    return any(n.lower_ in gazetteer.outlet_nouns for n in _appositions(span))


def _person_by_context(span: Span, gazetteer: Gazetteer) -> bool:
    """A person noun or an age right before the name, or a person noun beside it."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.is_lower and before.lower_ in gazetteer.person_nouns:
        return True  # "video game developer Perttu Ahola"
    if AGE_BEFORE.search(doc[max(0, span.start - 6) : span.start].text + " "):
        return True
    return any(n.lower_ in gazetteer.person_nouns for n in _appositions(span))


def _glued_person(ent: Span, gazetteer: Gazetteer) -> tuple[Span, Span] | None:
    """An organisation and the person after it, tagged as one name after a role: "director of
    [Amnesty International Man-kei Tam]" → ("Amnesty International", "Man-kei Tam").

    The organisation part must end in an organisation word; the person is one or two
    capitalised words (a hyphenated given name counts as one).
    """
    doc = ent.doc
    if ent.label_ != "ORG" or ent.start < 2 or doc[ent.start - 1].lower_ != "of":
        return None
    if doc[ent.start - 2].lower_ not in gazetteer.title_words:
        return None
    for cut in range(ent.start + 1, ent.end - 1):
        head, tail = doc[ent.start : cut], doc[cut : ent.end]
        words = "".join(t.text_with_ws for t in tail).replace("-", "").split()
        if (
            head[-1].lower_ in gazetteer.org_words
            and 1 <= len(words) <= 2
            and all(w[:1].isupper() and w.isalpha() for w in words)
            and _name_word(tail[0], gazetteer)
        ):
            return head, tail
    return None


def _lone_common_word(span: Span, gazetteer: Gazetteer) -> bool:
    """A one-word name that is a common noun: "others in the Administration", "on the Tube"."""
    return len(span) == 1 and not span[0].is_upper and span[0].lower_ in gazetteer.common_words


def _short_abbreviation(span: Span) -> bool:
    """A two-letter capitalised abbreviation nobody defined: "the WH statement" (a tweet's White House).

    Known ones ("UN", "EU") are looked up before, and ones the text defines ("… (AU)") are
    added back by ``named_mentions``.
    """
    text = span.text
    if not (len(span) == 1 and len(text) == 2 and text.isalpha() and text.isupper()):
        return False
    return not any(e.text.startswith(text + " ") for e in span.doc.ents)  # "UH" of "UH Mānoa"


def is_person_title(token: Token, gazetteer: Gazetteer) -> bool:
    """A one-word title before a name, also plural or misspelt by one letter when capitalised.

    "Senator", "Presidents", "Represenative" (but not "presenter").
    """
    word = token.lower_.strip(".")
    titles = gazetteer.person_titles
    if word in titles or (word.endswith("s") and word[:-1] in titles):
        return True
    return token.is_title and len(word) >= 7 and _near_title(word, titles)


@functools.lru_cache(maxsize=4096)
def _near_title(word: str, titles: frozenset[str]) -> bool:
    return any(len(title) >= 7 and title[0] == word[0] and _one_edit_apart(word, title) for title in titles)


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether one letter inserted, deleted, changed or two neighbours swapped turn a into b."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    return a[i + 1 :] == b[i + 1 :] or (a[i + 2 :] == b[i + 2 :] and a[i : i + 2] == b[i : i + 2][::-1])


def _name_word(token: Token, gazetteer: Gazetteer) -> bool:
    """A word that may be part of a person's name: capitalised proper noun, not a title."""
    return (
        token.text[:1].isupper()
        and token.is_alpha
        and token.pos_ == "PROPN"
        and token.ent_type_ in NAME_ENTITY_LABELS
        and token.lower_ not in gazetteer.title_words
        and token.lower_ not in gazetteer.org_words
        and token.lower_ not in gazetteer.outlet_words
        and not is_person_title(token, gazetteer)
        and gazetteer.country_of(token.text) is None
        and gazetteer.known(token.text) is None
    )


def _is_place_word(token: Token, gazetteer: Gazetteer) -> bool:
    """A country, or a word the model tags as a place elsewhere in the Doc ("Scotland")."""
    if gazetteer.country_of(token.text) is not None:
        return True
    return any(e.label_ == "GPE" and e.text == token.text for e in token.doc.ents)


def _looks_like_person(span: Span, gazetteer: Gazetteer) -> bool:
    return 2 <= len(span) <= 3 and all(_name_word(t, gazetteer) for t in span)


def _after_role(doc: Doc, start: int, gazetteer: Gazetteer) -> bool:
    """Whether a title ends right before ``start``: "Senator …", "Ambassador to the UN …"."""
    i = start - 1
    if i < 0 or doc[i].is_space:
        return False
    if is_person_title(doc[i], gazetteer) and not doc[i].is_lower:
        return True
    if doc[i].ent_iob_ not in {"B", "I"}:
        return False
    while i > 0 and doc[i].ent_iob_ == "I":  # back over "the United Nations" / "Scotland"
        i -= 1
    i -= 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i > 0 and doc[i].lower_ in ROLE_LINKS and doc[i - 1].lower_.strip(".") in gazetteer.title_words


def _coordinated_with_people(span: Span) -> bool:
    """A name joined by "and"/commas to people only: "Adam Schiff, and Elijah Cummings"."""
    root = span.root
    partners = [root.head] if root.dep_ == "conj" else []
    partners += [c for c in root.children if c.dep_ == "conj"]
    return bool(partners) and all(p.ent_type_ == "PERSON" for p in partners)


def _starts_name_word(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() or (text[:2].lower() in ELISIONS and text[2:3].isupper())


def _extend_across_linkers(span: Span, gazetteer: Gazetteer) -> Span:
    """ "Brigade de Recherche" + "et d'Intervention" → the whole name."""
    doc, end = span.doc, span.end
    while end + 1 < len(doc) and doc[end].lower_ in gazetteer.linkers and _starts_name_word(doc[end + 1]):
        end += 2
        while end < len(doc) and doc[end].text[:1].isupper() and not doc[end].is_sent_start:
            end += 1
    return doc[span.start : end]


def _lone_given_name(token: Token, gazetteer: Gazetteer) -> bool:
    """A capitalised untagged proper noun just before a person's name, not a title."""
    return (
        token.pos_ == "PROPN"
        and token.is_title
        and not token.ent_type_
        and not token.is_sent_start
        and token.lower_.strip(".") not in gazetteer.title_words
        and not is_person_title(token, gazetteer)
        and gazetteer.known(token.text) is None
        and gazetteer.country_of(token.text) is None
    )


def _is_role(span: Span, gazetteer: Gazetteer) -> bool:
    """An entity that is really a role: "the Archbishop of Gdańsk", "National Security Advisor"."""
    words = [t.lower_ for t in span if not t.is_punct and t.lower_ not in LEADING_JUNK]
    if words and gazetteer.country_of(words[0]) is not None:
        words = words[1:]  # "US Secretary of State"
    if words and " ".join(words) in gazetteer.titles:
        return True
    if (words and words[-1].strip(".") in gazetteer.person_titles and not set(words) & gazetteer.org_words
            and not set(words[:-1]) & ROLE_BREAKERS):
        return True  # "National Security Advisor" (not "Citizens for Tax Justice")
    return bool(words) and words[0] in gazetteer.title_words and "of" in words


def _person_inside(span: Span, gazetteer: Gazetteer, given_names: frozenset[str] = frozenset()) -> Span | None:
    """The person's name in an organisation or place entity, if the entity is one.

    "Ambassador Nikki Haley" → "Nikki Haley"; "Presidential Spokesperson Harry Roque" →
    "Harry Roque"; "(First Minister of) Scotland Nicola Sturgeon" and "(Senator from)
    Vermont Bernie Sanders" → the name after the place; "(Senator) Ann Cole" → itself; a
    name starting with a listed given name and not used as a place ("Elijah Cummings"), or
    with a middle initial ("Channing D. Phillips") → itself.
    """
    doc = span.doc
    for k in range(len(span) - 2):  # a title inside: "[Presidential Spokesperson] Harry Roque"
        rest = doc[span.start + k + 1 : span.end]
        if is_person_title(span[k], gazetteer) and not span[k].is_lower and _looks_like_person(rest, gazetteer):
            return rest
    linked = span.start > 0 and doc[span.start - 1].lower_ in ROLE_LINKS
    titled = linked and span.start > 1 and doc[span.start - 2].lower_.strip(".") in gazetteer.title_words
    for k in (1, 2):  # "Senator from [Vermont] Bernie Sanders", "… of [New York] Ann Cole"
        rest = doc[span.start + k : span.end]
        if not (linked and _looks_like_person(rest, gazetteer)):
            continue
        if titled or all(_is_place_word(t, gazetteer) for t in span[:k]):
            return rest
    if _middle_initial(span, gazetteer):
        return span  # "Channing D. Phillips"
    if _looks_like_person(span, gazetteer) and (
        _after_role(doc, span.start, gazetteer)
        or _coordinated_with_people(span)
        or apposition(span, gazetteer) is not None
        or _person_by_context(span, gazetteer)
        or _given_name_first(span, given_names)
    ):
        return span  # "Wanda Vázquez, the Secretary of Justice"
    return None


def _middle_initial(span: Span, gazetteer: Gazetteer) -> bool:
    """Given name, middle initial, surname: "Channing D. Phillips" (organisations have no middle initials)."""
    if len(span) != 3 or not MIDDLE_INITIAL.fullmatch(span[1].text):
        return False
    return all(_name_word(t, gazetteer) or (t.is_alpha and t.is_title) for t in (span[0], span[2])) and not any(
        t.lower_ in gazetteer.org_words for t in span
    )


def _given_name_first(span: Span, given_names: frozenset[str]) -> bool:
    """A name whose first word is a listed given name, not used as a place ("in Elijah Park")."""
    doc = span.doc
    first = fold(span[0].text)
    listed = first in given_names or first.split("-")[0] in given_names
    return listed and not (span.start > 0 and doc[span.start - 1].lower_ in PLACE_BEFORE)


def bracketed_party_tag(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens start..end are a party and home state or district right after an
    opening bracket ('Rep. Gwen Moore (D-Wis.)', 'Del. Marcia Price (D-Newport News)'): a
    label of the person before it, no actor and no speaker of its own."""
    return start > 0 and doc[start - 1].text == "(" and bool(PARTY_TAG.match(doc[start:end].text))


def _mention(span: Span, gazetteer: Gazetteer, given_names: frozenset[str] = frozenset()) -> Mention | None:
    label = span.label_
    if label not in ACTOR_LABELS and label not in MAYBE_ORG_LABELS:
        return None
    if label in ACTOR_LABELS and _is_role(span, gazetteer):
        return None
    trimmed = _trim(span, gazetteer)
    if trimmed is not None and _names_place(trimmed, gazetteer):
        return Mention(trimmed.start, trimmed.end, PLACE, trimmed.text)
    if (
        trimmed is None
        or bracketed_party_tag(trimmed.doc, trimmed.start, trimmed.end)
        or name_key(trimmed.text) in gazetteer.not_actors
        or names_a_thing(trimmed, gazetteer, person=label == "PERSON")
    ):
        return None
    if is_product(trimmed, gazetteer):
        return Mention(trimmed.start, trimmed.end, PRODUCT, trimmed.text)
    known = gazetteer.known(trimmed.text)
    if known is not None:
        return Mention(trimmed.start, trimmed.end, known.type, trimmed.text, known)
    if foreign_script(trimmed.text) and not (len(trimmed) > 1 and all(t.text[:1].isupper() for t in trimmed)):
        return None  # "Свою", "Тюмень": one word of another script, typed at random; "Дмитрий Кошелев" stays
    if label in {"NORP", "GPE"}:
        country = gazetteer.country_of(trimmed.text)
        if country is not None:
            return Mention(trimmed.start, trimmed.end, "GPE", trimmed.text, gazetteer.known(country))
    if _after_kind_noun(trimmed, gazetteer) or _is_common_noun(trimmed) or trimmed[-1].lower_ in gazetteer.event_heads:
        return None
    if _lone_common_word(trimmed, gazetteer) or _short_abbreviation(trimmed):
        return None
    place = _place_kind(trimmed, gazetteer)
    if place is not None:
        return Mention(trimmed.start, trimmed.end, place, trimmed.text)
    if label != "PERSON":
        person = _person_inside(trimmed, gazetteer, given_names)
        if person is not None:
            return Mention(person.start, person.end, "PERSON", person.text)
    if _is_outlet(trimmed, gazetteer):
        label = "ORG"  # "Dawn" (PERSON), "Weblate" (GPE)
    if label in MAYBE_ORG_LABELS and any(t.lower_ in gazetteer.org_words for t in trimmed[1:]):
        label = "ORG"  # "the Great Orchestra of Christmas Charity" (FAC)
    if label == "ORG":
        trimmed = _extend_across_linkers(trimmed, gazetteer)
    if label not in ACTOR_LABELS:
        return None
    if len(trimmed) == 1 and trimmed[0].tag_ == "NNS" and (label == "PERSON" or trimmed[0].is_sent_start):
        return None  # "Photographs", "Attendees" at the start of a sentence
    if _sentence_adverb(trimmed):
        return None  # "Realistically, …"
    if label == "PERSON" and len(trimmed) > 1 and trimmed[-1].tag_ == "NNPS":
        label = "ORG"  # "Log Cabin Republicans": a group, not a person
    if label == "PERSON" and _organisation_head(trimmed, gazetteer, given_names):
        label = "ORG"  # "Marine Corps"
    if label == "GPE" and _acronym_not_place(trimmed):
        label = "ORG"  # "the NRA", "ISIL"
    if not any((t.is_alpha or DOTTED_ACRONYM.fullmatch(t.text)) and t.text[:1].isupper() for t in trimmed):
        return None  # "intra-Africa" (not "the S.E.C.")
    return Mention(trimmed.start, trimmed.end, label, trimmed.text)


def _organisation_head(span: Span, gazetteer: Gazetteer, given_names: frozenset[str]) -> bool:
    """A name ending in an organisation word that does not start with a given name: "Marine
    Corps" is one, "Margaret Court" is not."""
    return (
        len(span) > 1
        and span[-1].lower_ in gazetteer.org_words
        and fold(span[0].text) not in given_names
        and not any(pair for pair in gazetteer.nicknames if fold(span[0].text) in pair)
    )


def _sentence_adverb(span: Span) -> bool:
    """A capitalised adverb opening a sentence: "Realistically, …", "Nationally, …"; a name
    the tagger calls an adverb ("Connolly, …") is kept when the word occurs again."""
    doc, token = span.doc, span[0]
    after = doc[span.end] if span.end < len(doc) else None
    opens = len(span) == 1 and bool(token.is_sent_start) and token.pos_ == "ADV" and token.lower_.endswith("ly")
    return opens and after is not None and after.text == "," and sum(t.text == token.text for t in doc) == 1


def _acronym_not_place(span: Span) -> bool:
    """A one-word capital-letter name called a place, not after "in"/"at"/"to"… nor opening a
    sentence (a dateline): an organisation ("the NRA")."""
    doc, token = span.doc, span[0]
    before = doc[span.start - 1] if span.start > 0 else None
    return (
        len(span) == 1
        and token.is_upper
        and len(token.text.replace(".", "")) >= 3
        and not token.is_sent_start  # "PHILADELPHIA — …": a dateline
        and not (before is not None and before.lower_ in PLACE_BEFORE)
    )


def _initials_match(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym`` spells the starts of ``words``: "AfCFTA" ← "African Continental …"."""
    letters, words = acronym.lower(), [w.lower() for w in words]

    def match(i: int, j: int) -> bool:
        if i == len(letters):
            return j == len(words)
        if j == len(words):
            return False
        word = words[j]
        return any(
            word[:k] == letters[i : i + k] and match(i + k, j + 1)
            for k in range(1, min(len(word), len(letters) - i) + 1)
        )

    return match(0, 0)


def acronyms(doc: Doc) -> Iterator[tuple[Span, str]]:
    """Long names defined with an acronym: "African Union (AU)" → (span, "AU")."""
    for token in doc[2:-1]:
        acronym = token.text
        if not (doc[token.i - 1].text == "(" and doc[token.i + 1].text == ")"):
            continue
        if not (2 <= len(acronym) <= 10 and acronym[0].isupper() and sum(c.isupper() for c in acronym) >= 2):
            continue
        words: list[str] = []
        for i in range(token.i - 2, max(token.i - 14, -1), -1):
            word = doc[i]
            if word.lower_ in ACRONYM_SKIP and words:
                continue
            if not word.text[:1].isupper():
                break
            words.insert(0, word.text)
            if _initials_match(acronym, words):
                yield doc[i : token.i - 1], acronym
                break


def named_mentions(
    doc: Doc, gazetteer: Gazetteer, *, given_names: frozenset[str] = frozenset()
) -> tuple[list[Mention], dict[str, str]]:
    """Every named mention in text order, and acronym → long name for the acronyms defined.

    ``given_names``: folded given names (``data/first_names.toml``); a two- or three-word
    name the model called an organisation or place is a person when it starts with one.
    """
    pairs = [  # "Member of Parliament (MP)" is a role, not an organisation
        (span, acronym) for span, acronym in acronyms(doc) if span[0].lower_ not in gazetteer.title_words
    ]
    things = {  # "DMCA", "RHEL"
        name_key(acronym) for span, acronym in pairs if names_a_thing(span, gazetteer) or is_product(span, gazetteer)
    }
    pairs = [(span, acronym) for span, acronym in pairs if name_key(acronym) not in things]
    defined = {name_key(acronym): span.text for span, acronym in pairs}
    written = {acronym for _, acronym in pairs}
    long_spans = [span for span, _ in pairs]
    covered = {i for span in long_spans for i in range(span.start, span.end)}
    found = [_long_name(span, gazetteer) for span in long_spans]
    for ent in doc.ents:
        if any(i in covered for i in range(ent.start, ent.end)) or name_key(ent.text) in things:
            continue
        glued = _glued_person(ent, gazetteer)
        if glued is not None:
            org, person = glued
            found.append(Mention(org.start, org.end, "ORG", org.text))
            found.append(Mention(person.start, person.end, "PERSON", person.text))
            covered.update(range(ent.start, ent.end))
            continue
        mention = _mention(ent, gazetteer, given_names)
        if mention is None and name_key(ent.text) in defined:
            mention = Mention(ent.start, ent.end, "ORG", ent.text)
        if mention is not None:
            found.append(mention)
            covered.update(range(mention.start, mention.end))
    found += _titled_names(doc, covered, gazetteer)
    for token in doc:  # acronyms the model did not tag
        if token.i not in covered and token.text in written:
            found.append(Mention(token.i, token.i + 1, "ORG", token.text))
    found = _without_places(found, gazetteer)
    found = _without_titles_and_media(doc, found, gazetteer)
    found = _cut_headline_names(doc, found)
    found = _surnames_not_peoples(found)
    found = [replace(m, person_cue=True) if _person_cue(doc, m, gazetteer) else m for m in found]
    return sorted(found, key=lambda m: m.start), defined


def _surnames_not_peoples(found: list[Mention]) -> list[Mention]:
    """A word for a people or country that is the surname of a person the article names
    ("Mark Cuban ... Cuban said") is that person, not Cuba."""
    surnames = {m.key[-1] for m in found if m.label == "PERSON" and len(m.key) >= 2}
    return [replace(m, label="PERSON", known=None)
            if m.known is not None and m.known.type == "GPE" and len(m.key) == 1 and m.key[0] in surnames
            and name_key(m.text) != name_key(m.known.name) else m
            for m in found]


def _person_cue(doc: Doc, mention: Mention, gazetteer: Gazetteer) -> bool:
    """Words after a name that fit only a person: "…, who graduated", "…'s parents"."""
    after = doc[mention.end : mention.end + 3]
    words = [t.lower_ for t in after]
    who = after[0] if words[:1] == ["who"] else after[1] if words[:2] == [",", "who"] else None
    if who is not None:  # the relative clause hangs on this name, not a place ("voters in X who")
        start = mention.start - 1 if mention.start > 0 and doc[mention.start - 1].lower_ == "the" else mention.start
        place = start > 0 and doc[start - 1].lower_ in PLACE_BEFORE
        return not place and who.head.dep_ == "relcl" and mention.start <= who.head.head.i < mention.end
    return len(words) > 1 and words[0] in {"'s", "’s"} and words[1] in gazetteer.kin_nouns


def _title_case_sentence(sentence: Span) -> bool:
    """A headline: three words of four letters or more, all capitalised ("Clinton Wins South Dakota")."""
    words = [t for t in sentence if t.is_alpha and len(t) >= 4]
    return len(words) >= 3 and all(t.text[:1].isupper() for t in words)


def _cut_headline_names(doc: Doc, found: list[Mention]) -> list[Mention]:
    """In a title-case line, a name that holds a name also used in running text is cut to it:
    "Hillary Clinton Wins" → "Hillary Clinton", "Russians Hacked DNC" → "DNC" (the model
    runs names into the capitalised words of a headline). The name held must be two words
    or more, an organisation or an acronym ("Will Twitter Be Next" → "Twitter")."""
    if not doc.has_annotation("SENT_START"):
        return found
    headline = {m.start: _title_case_sentence(doc[m.start].sent) for m in found}
    body = {m.key for m in found if not headline.get(m.start)}
    orgs = {m.key for m in found if m.label == "ORG" and not headline.get(m.start)}
    wanted = {k for k in body if len(k) >= 2 or k in orgs or _acronym_key(doc, found, k)}
    result = []
    for m in found:
        if not headline.get(m.start) or m.key in body or m.known is not None:
            result.append(m)
            continue
        inner = _inner_name(doc, m, wanted)
        result.append(inner if inner is not None else m)
    return result


def _acronym_key(doc: Doc, found: list[Mention], key: tuple[str, ...]) -> bool:
    return any(m.key == key and doc[m.start : m.end].text.isupper() for m in found)


def _inner_name(doc: Doc, mention: Mention, wanted: set[tuple[str, ...]]) -> Mention | None:
    """The longest part of ``mention`` whose key is in ``wanted``, as a mention of the same label."""
    best: Mention | None = None
    for i in range(mention.start, mention.end):
        for j in range(i + 1, mention.end + 1):
            if (i, j) == (mention.start, mention.end):
                continue
            key = tuple(name_key(doc[i:j].text).split())
            if key in wanted and (best is None or j - i > best.end - best.start):
                best = Mention(i, j, mention.label, doc[i:j].text)
    return best


def _titled_names(doc: Doc, covered: set[int], gazetteer: Gazetteer) -> list[Mention]:
    """People the model did not tag: two or three name words after a title ("Senator Ann Cole")."""
    found = []
    for token in doc[:-2]:
        if token.is_lower or not is_person_title(token, gazetteer):
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= 3 and end not in covered and _name_word(doc[end], gazetteer):
            if doc[end].is_sent_start:
                break
            end += 1
        if end - token.i - 1 < 2 or (end < len(doc) and doc[end].ent_iob_ == "I"):
            continue  # one word, or part of a longer entity
        if names_a_thing(doc[token.i + 1 : end], gazetteer, person=True):
            continue  # "(General) Public License"
        found.append(Mention(token.i + 1, end, "PERSON", doc[token.i + 1 : end].text))
        covered.update(range(token.i + 1, end))
    return found


def _without_places(found: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Mentions minus every name also used as a place ("Hagia Sophia" of "Hagia Sophia Museum").

    A building's name without its noun is a place too, unless it is part of a person's
    longer name ("Trump Tower" does not make "Trump" a place when "Donald Trump" is named).
    Products go the same way, and a vehicle's name without its prefix ("Grayback" of "USS
    Grayback").
    """
    people = [m.key for m in found if m.label == "PERSON" and len(m.key) > 1]
    places = {m.key for m in found if m.label in {PLACE, FACILITY}}
    places |= {m.key[:-1] for m in found if m.label == FACILITY and len(m.key) > 1}
    places = {p for p in places if not any(len(k) > len(p) and k[-len(p) :] == p for k in people)}
    places |= {m.key for m in found if m.label == PRODUCT}
    places |= {m.key[1:] for m in found if m.label == PRODUCT and len(m.key) > 1 and _has_prefix(m, gazetteer)}
    dropped = {PLACE, FACILITY, PRODUCT}
    return [m for m in found if m.label not in dropped and (m.known is not None or m.key not in places)]


def _has_prefix(mention: Mention, gazetteer: Gazetteer) -> bool:
    return mention.text.split()[0].lower() in gazetteer.product_prefixes


def _in_office_title(doc: Doc, mention: Mention, gazetteer: Gazetteer) -> bool:
    """ "[Senate] Minority Leader", "Speaker of the [House]", "Secretary of [State]"."""
    last = doc[mention.end - 1]
    if last.dep_ == "compound" and 0 <= last.head.i - mention.end <= 2 and last.head.lower_ in gazetteer.office_words:
        return True
    head = last.head
    if last.dep_ != "pobj" or head.lower_ != "of" or head.head.i >= mention.start:
        return False
    office = head.head.lower_
    return office in gazetteer.office_words or f"{office} of {' '.join(mention.key)}" in gazetteer.titles


def _as_medium(doc: Doc, mention: Mention, gazetteer: Gazetteer) -> bool:
    """ "wrote on [Twitter]", "Joshua Wong on [Twitter]": a one-word name after a verb's or name's preposition."""
    token = doc[mention.start]
    prep = token.head
    return (
        mention.end - mention.start == 1
        and token.dep_ == "pobj"
        and prep.lower_ in gazetteer.medium_prepositions
        and prep.head.pos_ in {"VERB", "AUX", "PROPN"}
    )


def _without_titles_and_media(doc: Doc, found: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Mentions minus names used only inside office titles or only as a medium."""
    uses: dict[tuple[str, ...], list[bool]] = {}
    for m in found:
        if m.known is None and m.label in {"ORG", "PERSON"}:
            odd = _as_medium(doc, m, gazetteer) or (m.label == "ORG" and _in_office_title(doc, m, gazetteer))
            uses.setdefault(m.key, []).append(odd)
    dropped = {key for key, odd in uses.items() if all(odd)}
    return [m for m in found if m.key not in dropped]


def _long_name(span: Span, gazetteer: Gazetteer) -> Mention:
    known = gazetteer.known(span.text)
    return Mention(span.start, span.end, known.type if known else "ORG", span.text, known)
