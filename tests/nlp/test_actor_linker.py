"""The actor_linker component on invented sentences (real model)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from dashboard.nlp import ACTOR_MENTIONS
from dashboard.nlp.actor_linker import actor_at, link
from dashboard.nlp.gazetteer import load_gazetteer
from dashboard.nlp.quotes.cues import load_cues

pytestmark = pytest.mark.model


def actors(doc) -> dict[str, dict]:
    return {a["name"]: a for a in doc._.actors}


def mentions_of(doc, name: str) -> list[str]:
    ids = {a["id"] for a in doc._.actors if a["name"] == name}
    return [s.text for s in doc.spans[ACTOR_MENTIONS] if s.kb_id_ in ids]


@pytest.mark.parametrize(
    ("text", "name", "surface"),
    [
        ("Senator Maria Kowalczyk visited the port. Kowalczyk praised the workers.", "Maria Kowalczyk", "Kowalczyk"),
        ("Thomas Brennan opened the bridge. Later, Brennan's car broke down.", "Thomas Brennan", "Brennan"),
        ("Helga Lindqvist won the vote. Voters said Lindqvist had earned it.", "Helga Lindqvist", "Lindqvist"),
    ],
)
def test_surname_merges_with_full_name(nlp, text, name, surface):
    doc = nlp(text)
    people = [a for a in doc._.actors if a["type"] == "PERSON"]
    assert [a["name"] for a in people] == [name]
    assert surface in mentions_of(doc, name)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Mexican president Carlos Ortega met farmers on Monday.", "Carlos Ortega", "Mexican president"),
        ("Health Minister Anna Novak announced new rules.", "Anna Novak", "Health Minister"),
        ("Spain's foreign minister, Lucia Serrano, rejected the plan.", "Lucia Serrano", "Spain's foreign minister"),
        (
            "The decision angered Tomas Ruiz, the mayor of Valencia, who called it unfair.",
            "Tomas Ruiz",
            "mayor of Valencia",
        ),
    ],
)
def test_title_or_apposition_gives_the_role(nlp, text, name, role):
    doc = nlp(text)
    assert actors(doc)[name]["role"] == role


@pytest.mark.parametrize(
    ("text", "description", "name"),
    [
        (
            "Mexican president Carlos Ortega met Canadian Prime Minister Paul Girard in Ottawa. "
            "The Mexican leader said trade would grow.",
            "The Mexican leader",
            "Carlos Ortega",
        ),
        (
            "Mexican president Carlos Ortega met Canadian Prime Minister Paul Girard in Ottawa. "
            "Later, the Canadian leader thanked his guest.",
            "the Canadian leader",
            "Paul Girard",
        ),
        (
            "Chilean president Rosa Vidal spoke on Monday.\n\nOn Tuesday the president signed the law.",
            "the president",
            "Rosa Vidal",
        ),
    ],
)
def test_description_resolves_to_the_one_person_who_fits(nlp, text, description, name):
    doc = nlp(text)
    assert description in mentions_of(doc, name)


@pytest.mark.parametrize(
    ("text", "description", "name"),
    [
        # a state in the description names the person the article places there, by a party tag ...
        ("Sen. Ann Cole (R-Fla.) and Sen. Tom Baker (R-Texas) met on Monday. Cole spoke first.\n\n"
         "Later, the Texas senator left.", "the Texas senator", "Tom Baker"),
        # ... a state before the title, "of" a state, a short tag after a comma
        ("Florida Sen. Ann Cole and Texas Sen. Tom Baker met on Monday. Baker spoke first.\n\n"
         "Later, the Florida senator left.", "the Florida senator", "Ann Cole"),
        ("Sen. Ann Cole of Florida and Sen. Tom Baker met on Monday. Baker spoke first.\n\n"
         "Later, the Florida senator left.", "the Florida senator", "Ann Cole"),
        ("Ann Cole and Tom Baker, R-Texas, met on Monday. Cole spoke first.\n\n"
         "Later, the Texas senator left.", "the Texas senator", "Tom Baker"),
    ],
)
def test_a_state_in_a_description_names_the_person_placed_there(nlp, text, description, name):
    assert description in mentions_of(nlp(text), name)


@pytest.mark.parametrize(
    ("text", "description", "name"),
    [
        # the article calls Joe Biden a nominee: that, not the undated gazetteer's role, is what he is here
        ("President Ana Ortiz spoke in Lima on Monday. Joe Biden, the Democratic nominee, listened.\n\n"
         "Critics of Biden, the president said, are wrong.", "the president", "Ana Ortiz"),
        # the article says nothing of what he is: the gazetteer's role still resolves it
        ("Joe Biden met Ana Ortiz in Lima on Monday.\n\nLater, the US president left.", "the US president",
         "Joe Biden"),
    ],
)
def test_what_the_article_says_someone_is_replaces_the_gazetteer_s_role(nlp, text, description, name):
    assert description in mentions_of(nlp(text), name)


def test_a_description_never_names_a_person_placed_in_another_state(nlp):
    doc = nlp("Former Florida Gov. Tom Baker spoke on Monday.\n\nLater, the Ohio governor left.")
    assert "the Ohio governor" not in mentions_of(doc, "Tom Baker")


@pytest.mark.parametrize(
    "text",
    [
        "Mexican president Carlos Ortega met Chilean president Rosa Vidal. The president said little.",
        "Engineer Carlos Ortega met teacher Rosa Vidal. The Mexican leader said little.",
        # nobody yet
        "Chilean president Rosa Vidal spoke on Monday.\n\nThe next president will face a crisis.",
        # predicative: what someone would be, not who is meant
        "Chilean president Rosa Vidal spoke on Monday.\n\nVoters say Ana Ortiz should be the president.",
    ],
)
def test_ambiguous_or_unsupported_description_stays_unresolved(nlp, text):
    doc = nlp(text)
    assert not any(s.text.lower().startswith("the ") for s in doc.spans[ACTOR_MENTIONS] if s.label_ == "PERSON")


@pytest.mark.parametrize(
    ("text", "description", "name"),
    [
        # a noun the titles list does not know, given beside the name (apposition) ...
        ("Ann Cole, the Green nominee, spoke in Leeds. Tom Baker stayed home.\n\n"
         "Later, the Green nominee left.", "the Green nominee", "Ann Cole"),
        # ... or glued before it; the description may drop words but never add one
        ("Green nominee Ann Cole met Tom Baker in Leeds.\n\nLater, the nominee left.", "the nominee", "Ann Cole"),
        ("Billionaire Tom Baker and Ann Cole met in Leeds.\n\nThe billionaire left early.",
         "The billionaire", "Tom Baker"),
        # two people given the same noun: the words of the description tell them apart
        ("Ann Cole, the Green nominee, debated Tom Baker, the Labour nominee, in Leeds.\n\n"
         "Later, the Labour nominee left.", "the Labour nominee", "Tom Baker"),
    ],
)
def test_a_description_the_article_gave_someone_names_that_person(nlp, text, description, name):
    assert description in mentions_of(nlp(text), name)


@pytest.mark.parametrize(
    "text",
    [
        # two people given the noun, nothing tells them apart
        "Ann Cole, the Green nominee, debated Tom Baker, the Labour nominee, in Leeds.\n\nLater, the nominee left.",
        # a word the article never gave anyone
        "Ann Cole, the Green nominee, spoke in Leeds.\n\nLater, the Labour nominee left.",
        # the description comes before the name that explains it
        "The billionaire spoke in Leeds. Later, billionaire Tom Baker left.",
        # not definite, or someone else's
        "Ann Cole, the Green nominee, spoke in Leeds.\n\nLater, a nominee left and his nominee stayed.",
        # a former candidate is not "the candidate"
        "Ann Cole, a former candidate for mayor, met the press.\n\nLater, the candidate left.",
        # the noun's last use was of nobody named
        "Ann Cole, the Green nominee, spoke in Leeds. A new nominee will be chosen.\n\nThe nominee left.",
        # described three paragraphs up: too far ("the actress" of a listicle's next item)
        "Ann Cole, the Green nominee, spoke.\n\nTom Baker spoke.\n\nLisa Ward spoke.\n\nThe nominee left.",
        # predicative, not a reference
        "Ann Cole, the Green nominee, met Lisa Ward.\n\nShould Ward become the nominee, she will win.",
    ],
)
def test_a_description_nobody_or_several_were_given_stays_unresolved(nlp, text):
    doc = nlp(text)
    spans = [s for s in doc.spans[ACTOR_MENTIONS] if s.label_ == "PERSON"]
    descriptions = ("the nominee", "the labour nominee", "the billionaire", "a nominee", "his nominee", "nominee",
                    "the candidate")
    assert not any(s.text.lower() in descriptions for s in spans), [s.text for s in spans]


def _linked_texts(nlp, words, heads, deps, pos, tags, ents) -> dict[str, list[str]]:
    """Actor name → the texts linked to it, on a Doc built by hand (the parse a model might give)."""
    spaces = [nxt not in (",", ".") for nxt in [*words[1:], "."]]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, ents=ents,
              lemmas=[w.lower() for w in words])
    linked = link(doc, load_gazetteer(), persons=load_cues().persons)
    texts: dict[str, list[str]] = {}
    for start, end, a in linked.mentions:
        texts.setdefault(linked.actors[a]["name"], []).append(doc[start:end].text)
    return texts


@pytest.mark.parametrize(("noun", "linked"), [("nominee", True), ("charity", False)])
def test_a_name_taken_for_a_person_is_not_given_an_organisation_noun(nlp, noun, linked):
    # "Zarnox, the charity, grew. The charity said so." with the model calling Zarnox a person:
    # "the charity" is no person's description (the same Doc with "nominee" shows the rule at work)
    words = ["Zarnox", ",", "the", noun, ",", "grew", ".", "The", noun, "said", "so", "."]
    heads = [5, 0, 3, 0, 0, 5, 5, 8, 9, 9, 9, 9]
    deps = ["nsubj", "punct", "det", "appos", "punct", "ROOT", "punct", "det", "nsubj", "ROOT", "advmod", "punct"]
    pos = ["PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB", "PUNCT", "DET", "NOUN", "VERB", "ADV", "PUNCT"]
    tags = ["NNP", ",", "DT", "NN", ",", "VBD", ".", "DT", "NN", "VBD", "RB", "."]
    ents = ["B-PERSON"] + ["O"] * 11
    texts = _linked_texts(nlp, words, heads, deps, pos, tags, ents)
    assert (f"The {noun}" in texts.get("Zarnox", [])) is linked


def test_a_noun_beside_someone_else_s_name_is_not_given_to_the_name_before_it(nlp):
    # "Zarnox – actress Ann Cole spoke. The actress left." with Zarnox taken for a person:
    # "actress" belongs to Ann Cole, not to the name the dash hangs it on
    words = ["Zarnox", "–", "actress", "Ann", "Cole", "spoke", ".", "The", "actress", "said", "so", "."]
    heads = [5, 0, 0, 4, 2, 5, 5, 8, 9, 9, 9, 9]
    deps = ["nsubj", "punct", "appos", "compound", "appos", "ROOT", "punct", "det", "nsubj", "ROOT", "advmod",
            "punct"]
    pos = ["PROPN", "PUNCT", "NOUN", "PROPN", "PROPN", "VERB", "PUNCT", "DET", "NOUN", "VERB", "ADV", "PUNCT"]
    tags = ["NNP", ":", "NN", "NNP", "NNP", "VBD", ".", "DT", "NN", "VBD", "RB", "."]
    ents = ["B-PERSON", "O", "O", "B-PERSON", "I-PERSON"] + ["O"] * 7
    texts = _linked_texts(nlp, words, heads, deps, pos, tags, ents)
    assert "The actress" not in texts.get("Zarnox", [])


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("Talks between Washington and Moscow stalled.", "Washington", "United States"),
        ("Talks between Washington and Moscow stalled.", "Moscow", "Russia"),
        ("The Russian navy left port.", "Russian", "Russia"),
        ("The Kremlin said the talks had stalled.", "Kremlin", "Kremlin"),
    ],
)
def test_gazetteer_names_and_metonyms(nlp, text, surface, name):
    doc = nlp(text)
    assert surface in mentions_of(doc, name)


def test_possessives_and_brackets_are_mentions_of_the_same_actor(nlp):
    doc = nlp("Ingrid Falk spoke first. Falk’s plan won. Aides said [Falk] would run again.")
    assert [a["name"] for a in doc._.actors if a["type"] == "PERSON"] == ["Ingrid Falk"]
    assert len(mentions_of(doc, "Ingrid Falk")) == 3


def test_label_slip_is_corrected_by_the_majority(nlp):
    text = "Donald Trump spoke at noon. Trump said the wall would be built. Critics mocked Trump's bid."
    doc = nlp(text)
    people = actors(doc)
    assert people["Donald Trump"]["type"] == "PERSON"
    assert [a["name"] for a in doc._.actors if "Trump" in a["name"]] == ["Donald Trump"]


def test_acronym_merges_with_its_long_name(nlp):
    doc = nlp("The Pacific Fisheries Council (PFC) met on Friday. The PFC voted to cut quotas.")
    assert "PFC" in mentions_of(doc, "Pacific Fisheries Council")


def test_actor_at_finds_the_mention_covering_a_range(nlp):
    doc = nlp("Senator Maria Kowalczyk visited the port.")
    span = next(s for s in doc.spans[ACTOR_MENTIONS] if s.label_ == "PERSON")
    assert actor_at(doc, span.start_char, span.end_char) == "maria-kowalczyk"
    assert actor_at(doc, 0, len(doc.text)) == "maria-kowalczyk"
    assert actor_at(doc, doc.text.index("port"), doc.text.index("port") + 4) is None


@pytest.mark.parametrize("text", ["", "   ", "((((", "“ ” ’s", "\n\n\n"])
def test_odd_input_never_raises(nlp, text):
    doc = nlp(text)
    assert doc._.actors == []
    assert list(doc.spans[ACTOR_MENTIONS]) == []


def test_actor_ids_are_unique_slugs(nlp):
    doc = nlp("Joe Biden met Vladimir Putin. Biden and Putin talked.")
    ids = [a["id"] for a in doc._.actors]
    assert len(ids) == len(set(ids))
    assert {"joe-biden", "vladimir-putin"} <= set(ids)


@pytest.mark.parametrize(
    ("text", "description", "name"),
    [
        (
            "The court sentenced David and Louise Okafor on Friday. The father said he loved his children.",
            "The father",
            "David",
        ),
        (
            "The court sentenced Louise and David Okafor on Friday. The mother said she was sorry.",
            "The mother",
            "Louise",
        ),
        (
            "The court sentenced David Okafor and Louise Okafor on Friday. The wife said she was sorry.",
            "The wife",
            "Louise Okafor",
        ),
    ],
)
def test_partner_noun_resolves_to_the_one_partner_of_its_gender(nlp, text, description, name):
    doc = nlp(text)
    assert description in mentions_of(doc, name)


@pytest.mark.parametrize(
    "text",
    [
        # two couples: two fathers
        "The court sentenced David and Louise Okafor and Mark and Anna Lindqvist. The father said he was sorry.",
        # same gender: no way to tell
        "The court sentenced David and Michael Okafor on Friday. The father said he was sorry.",
        # not a partner: the son is someone else
        "The court sentenced David and Louise Okafor on Friday. The son said he was sorry.",
        # someone else's father
        "The court sentenced David and Louise Okafor on Friday. The father of the victim said he was sorry.",
        # not named together
        "The court sentenced David Okafor and Louise Lindqvist on Friday. The father said he was sorry.",
        # the couple comes later
        "The father said he was sorry. The court sentenced David and Louise Okafor on Friday.",
    ],
)
def test_partner_noun_without_exactly_one_fitting_partner_stays_unresolved(nlp, text):
    doc = nlp(text)
    assert not any(s.text.lower().startswith("the ") for s in doc.spans[ACTOR_MENTIONS] if s.label_ == "PERSON")


@pytest.mark.parametrize(
    ("text", "name", "gender"),
    [
        ("Louise Okafor opened the bridge.", "Louise Okafor", "female"),
        ("Mrs Okafor opened the bridge.", "Okafor", "female"),
        ("Mr Lindqvist opened the bridge.", "Lindqvist", "male"),
        ("Kim Lindqvist opened the bridge.", "Kim Lindqvist", None),  # a name used by both
        ("Mr and Mrs Okafor opened the bridge.", "Okafor", None),  # two people
    ],
)
def test_gender_from_title_or_given_name(nlp, text, name, gender):
    assert actors(nlp(text))[name]["gender"] == gender
