"""Actor types on text the rules were not built on: products, people the model typed as
organisations or places, places it typed as people, headline names, surnames — on
invented sentences."""

from __future__ import annotations

import pytest
import spacy

from dashboard.nlp.actor_clusters import cluster_mentions
from dashboard.nlp.actor_mentions import Mention, _given_name_first, is_product
from dashboard.nlp.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def names(doc) -> list[str]:
    return [a["name"] for a in doc._.actors]


def actor(doc, name: str) -> dict | None:
    return next((a for a in doc._.actors if a["name"] == name), None)


def _mention(start: int, text: str, label: str) -> Mention:
    return Mention(start, start + len(text.split()), label, text)


@pytest.mark.parametrize(
    ("text", "start", "end", "product"),
    [
        ("Most phones now run Android .", 4, 5, True),  # listed
        ("They moved to Velora Linux last year .", 3, 5, True),  # product head
        ("Divers found the USS Marlow off the coast .", 3, 5, True),  # vehicle prefix
        ("Users of Tarvex 10 reported crashes .", 2, 3, True),  # version number after
        ("Users of Tarvex 8.1 reported crashes .", 2, 4, True),  # version number inside
        ("Fans can download the game Quarnix today .", 5, 6, True),  # product noun before
        ("The Zentro programming language is fast .", 1, 2, True),  # software kind after
        ("The Pfizer vaccine was approved .", 1, 2, False),  # a company before a product noun
        ("The Caos Linux Foundation said so .", 1, 4, False),  # organisation word
        ("Channel 4 aired the debate .", 0, 2, False),  # outlet noun
        ("The Tarn 2016 campaign ended .", 1, 2, False),  # a year is not a version
        ("Ann Kest said it was fine .", 0, 2, False),
    ],
)
def test_products_are_told_from_actors(blank, text, start, end, product):
    doc = blank(text)
    assert is_product(doc[start:end], load_gazetteer()) is product


@pytest.mark.parametrize(
    ("text", "start", "end", "person"),
    [
        ("The seat held by Elijah Cumber is open .", 4, 6, True),
        ("The seat held by Elijah-Jon Cumber is open .", 4, 6, True),  # hyphenated: first part
        ("They met in Elijah Park on Sunday .", 3, 5, False),  # used as a place
        ("The seat held by Velmar Cumber is open .", 4, 6, False),  # not a listed given name
    ],
)
def test_a_name_starting_with_a_given_name_is_a_person(blank, text, start, end, person):
    doc = blank(text)
    assert _given_name_first(doc[start:end], frozenset({"elijah"})) is person


@pytest.mark.parametrize(
    ("located", "given", "kind"),
    [
        (frozenset(), frozenset(), "PERSON"),
        (frozenset({"velmora"}), frozenset(), "GPE"),  # "in Velmora": a place
        (frozenset({"velmora"}), frozenset({"velmora"}), "PERSON"),  # a given name stays a person
    ],
)
def test_a_name_called_a_person_but_used_as_a_place_is_a_place(located, given, kind):
    mentions = [_mention(0, "Velmora", "PERSON"), _mention(8, "Velmora", "PERSON")]
    clusters = cluster_mentions(mentions, {}, load_gazetteer(), given_names=given, located=located)
    assert [c.type for c in clusters] == [kind]


@pytest.mark.parametrize(
    ("full", "short", "label"),
    [
        ("Walter Dean Oakes III", "Oakes", "ORG"),
        ("Walter Oakes Jr.", "Oakes", "PERSON"),
        ("Walter Oakes", "Oakes", "GPE"),
    ],
)
def test_a_surname_joins_the_one_person_even_after_a_generation_suffix(full, short, label):
    mentions = [_mention(0, full, "PERSON"), _mention(10, short, label), _mention(20, "Ann Kest", "PERSON")]
    clusters = cluster_mentions(mentions, {}, load_gazetteer())
    assert sorted((c.name, c.type, len(c.mentions)) for c in clusters) == [
        ("Ann Kest", "PERSON", 1),
        (full, "PERSON", 2),
    ]


def test_a_one_word_name_called_a_person_joins_the_outlet_it_starts():
    mentions = [_mention(0, "Fox News", "ORG"), _mention(10, "Fox", "PERSON")]
    clusters = cluster_mentions(mentions, {}, load_gazetteer())
    assert [(c.name, c.type, len(c.mentions)) for c in clusters] == [("Fox News", "ORG", 2)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("The Velora Linux distribution was released on Monday, its lead developer Ann Kest said.", "Velora"),
        ("Fans can now download the game Quarnix for free, developer Jon Pell said.", "Quarnix"),
        ("Divers found the wreck of the USS Marlow off Okinawa, the Navy said. The Marlow sank in 1944.", "Marlow"),
        ("Users of Tarvex 10 reported crashes on Monday, Mira Holt said.", "Tarvex"),
        ("Most phones run Android, analyst Ann Kest said.", "Android"),
    ],
)
def test_products_and_software_are_not_actors(nlp, text, thing):
    doc = nlp(text)
    assert not [n for n in names(doc) if thing in n]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The House seat formerly held by Elijah Cumber is to be filled by mail-in vote.", "Elijah Cumber"),
        ("United States Senator from Vermont Bernie Sandler trailed him with 800 delegates.", "Bernie Sandler"),
        ("Presidential Spokesperson Harry Roake said the network must close.", "Harry Roake"),
        ("Sen. Marla Quist of Ohio voted against the bill on Tuesday.", "Marla Quist"),
        ("Gov. Dana Fellin spoke to reporters on Monday.", "Dana Fellin"),
        ("Follow Dana Kessler on Twitter for updates.", "Dana Kessler"),
    ],
)
def test_people_are_people_whatever_the_model_called_them(nlp, text, name):
    doc = nlp(text)
    found = actor(doc, name)
    assert found is not None and found["type"] == "PERSON", names(doc)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "junk"),
    [
        (
            "Hillary Vance Wins South Dakota Primary\n\n"
            "Voters in South Dakota gave Hillary Vance a clear win on Tuesday.",
            "Hillary Vance",
            "Hillary Vance Wins",
        ),
        (
            "Jeb Parr Super PAC Chief Praises Donor\n\nThe group backing Jeb Parr for president spent millions.",
            "Jeb Parr",
            "Jeb Parr Super",
        ),
    ],
)
def test_headline_words_run_into_a_name_are_cut_off(nlp, text, name, junk):
    doc = nlp(text)
    assert actor(doc, name) is not None and actor(doc, junk) is None, names(doc)


@pytest.mark.model
def test_a_possessor_after_in_is_not_a_place(nlp):
    from dashboard.nlp.actor_linker import _located
    from dashboard.nlp.actor_mentions import named_mentions

    doc = nlp("In Mara Quill's words, the plan failed. Protesters gathered in Tarvosa on Sunday.")
    mentions, _ = named_mentions(doc, load_gazetteer())
    located = _located(doc, mentions)
    assert "mara quill" not in located
    assert all("tarvosa" in k for k in located)
