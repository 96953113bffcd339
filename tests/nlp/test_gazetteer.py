"""The gazetteer file and its lookups."""

from __future__ import annotations

import pytest

from dashboard.errors import DataFileError
from dashboard.nlp.actor_roles import role_fits, role_phrase
from dashboard.nlp.gazetteer import gazetteer_from_dict, load_gazetteer

SMALL = gazetteer_from_dict(
    {
        "actor": [{"name": "Kremlin", "type": "ORG", "country": "Russia"}],
        "countries": {"Russia": {"aliases": ["Moscow"], "adjectives": ["Russian"]}},
        "titles": {
            "phrases": ["president", "vice president", "minister", "defence minister", "leader"],
            "rank_prefixes": ["vice"],
            "ignored_prefixes": ["former"],
        },
        "descriptions": {"leader": ["president", "leader"], "counterpart": ["*"]},
    }
)


@pytest.mark.parametrize(
    ("text", "country"),
    [("Russian", "Russia"), ("Moscow", "Russia"), ("Russia’s", "Russia"), ("Kremlin", None), ("French", None)],
)
def test_country_of(text, country):
    assert SMALL.country_of(text) == country


@pytest.mark.parametrize(
    ("words", "phrase"),
    [
        ("US president".split(), "president"),
        ("US vice president".split(), "vice president"),
        ("former defence minister".split(), "defence minister"),
        ("the builder".split(), None),
    ],
)
def test_role_phrase_is_longest_rightmost(words, phrase):
    assert role_phrase(words, SMALL) == phrase


@pytest.mark.parametrize(
    ("description", "role", "fits"),
    [
        ("leader", "president", True),
        ("president", "president", True),
        ("president", "vice president", False),
        ("minister", "defence minister", True),
        ("leader", "defence minister", False),
        ("counterpart", "minister", None),
    ],
)
def test_role_fits(description, role, fits):
    assert role_fits(description, role, SMALL) is fits


@pytest.mark.parametrize(
    "data",
    [
        {"actor": [{"type": "ORG"}]},
        {"actor": [{"name": "X", "type": "PLANET"}]},
        {"actor": [{"name": "X", "aliases": "not a list"}]},
        {"countries": ["Russia"]},
    ],
)
def test_bad_entries_raise_data_file_error(data):
    with pytest.raises(DataFileError):
        gazetteer_from_dict(data)


def test_the_shipped_file_loads():
    gazetteer = load_gazetteer()
    assert gazetteer.known("the White House").type == "ORG"
    assert gazetteer.country_of("American") == "United States"
    assert "president" in gazetteer.titles


@pytest.mark.parametrize(
    ("description", "role", "fits"),
    [("senator", "sen.", True), ("governor", "gov", True), ("senator", "gov.", False), ("general", "gen.", True)],
)
def test_the_abbreviated_titles_of_us_news_fit_their_descriptions(description, role, fits):
    assert role_fits(description, role, load_gazetteer()) is fits


def test_us_states_by_name_and_by_party_tag():
    regions = {"Florida": {"tags": ["Fla.", "FL"]}, "New Jersey": {"tags": ["N.J."]}}
    gazetteer = gazetteer_from_dict({"regions": regions})
    assert gazetteer.region_of("New Jersey") == "New Jersey" and gazetteer.region_of("Fla.") is None
    assert [gazetteer.region_of_tag(t) for t in ("Fla.", "FL", "fla", "N.J.", "Florida", "Texas")] == [
        "Florida", "Florida", "Florida", "New Jersey", "Florida", None]


def test_the_shipped_file_has_every_state():
    gazetteer = load_gazetteer()
    assert len(gazetteer.regions) == 50
    assert gazetteer.region_of_tag("Vt.") == "Vermont" and gazetteer.region_of_tag("TX") == "Texas"


@pytest.mark.parametrize("data", [{"regions": ["Florida"]}, {"regions": {"Florida": {"tags": "Fla."}}}])
def test_bad_regions_raise_data_file_error(data):
    with pytest.raises(DataFileError):
        gazetteer_from_dict(data)


@pytest.mark.model
def test_the_senator_is_the_person_titled_sen(nlp):
    doc = nlp('Gov. Anna Holt and Sen. Tom Baker spoke at the harbour. "We will win," the senator said.')
    assert doc._.quotes[0]["speaker"] == "Tom Baker"


@pytest.mark.parametrize(
    ("a", "b"),
    [("mitch", "mitchell"), ("mitchell", "mitch"), ("bill", "william"), ("ann", "ann")],
)
def test_nicknames_are_the_same_given_name(a, b):
    assert load_gazetteer().same_given_name(a, b) is True


@pytest.mark.parametrize(("a", "b"), [("mitch", "michael"), ("bill", "robert")])
def test_other_given_names_differ(a, b):
    assert load_gazetteer().same_given_name(a, b) is False


@pytest.mark.parametrize("pairs", [[["mitch"]], [["a", "b", "c"]], "mitch"])
def test_bad_nickname_pairs_raise_data_file_error(pairs):
    with pytest.raises(DataFileError):
        gazetteer_from_dict({"people": {"nicknames": pairs}})
