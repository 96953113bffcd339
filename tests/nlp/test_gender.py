"""Gender of names and role nouns from the data files (no model)."""

from __future__ import annotations

import tomllib

import pytest

from dashboard import settings
from dashboard.errors import DataFileError
from dashboard.nlp.gender import (
    GENDERED_WORDS_FILE,
    fold,
    gender_of_name,
    gender_of_word,
    gender_of_words,
    lexicon_from_dicts,
    load_gender_lexicon,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Louise Turpin", "female"),
        ("David Turpin", "male"),
        ("José Mujica", "male"),
        ("Jose Mujica", "male"),  # accents optional
        ("HATICE CENGIZ", "female"),  # case ignored
        ("Jean-Claude Juncker", "male"),  # hyphenated, listed whole
        ("Mrs Okafor", "female"),  # a gendered title decides
        ("Mr. Lindqvist", "male"),
        ("Queen Amara", "female"),
        ("Jean Castex", None),  # both genders across languages: left out on purpose
        ("Nicola Sturgeon", None),
        ("Okafor", None),  # a surname alone says nothing
        ("Turpin Louise", None),  # only the first word is a given name
        ("", None),
        ("   ", None),
    ],
)
def test_gender_of_name(name, expected):
    assert gender_of_name(name) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["the", "mother"], "female"),
        (["spokeswoman", "for", "the", "hospital"], "female"),
        (["the", "chairman"], "male"),
        (["the", "spokesman", "for", "the", "queen"], None),  # words disagree
        (["the", "president"], None),
        ([], None),
    ],
)
def test_gender_of_words(words, expected):
    assert gender_of_words(words) == expected


@pytest.mark.parametrize(("word", "expected"), [("Mrs.", "female"), ("KING", "male"), ("spokesperson", None)])
def test_gender_of_word(word, expected):
    assert gender_of_word(word) == expected


def test_a_name_listed_under_both_genders_is_unknown():
    lexicon = lexicon_from_dicts({"male": ["Andrea", "Marco"], "female": {"italy": ["Andrea", "Giulia"]}}, {})
    assert gender_of_name("Andrea Rossi", lexicon) is None
    assert gender_of_name("Marco Rossi", lexicon) == "male"
    assert gender_of_name("Giulia Rossi", lexicon) == "female"


def test_couple_words_must_be_gendered():
    words = {"male": {"words": ["father"]}, "female": {"words": ["mother"]}, "couples": {"words": ["father", "parent"]}}
    assert lexicon_from_dicts({}, words).couple_words == frozenset({"father"})


@pytest.mark.parametrize("names", [{"male": "David"}, {"male": ["David", 3]}])
def test_bad_entries_are_a_data_file_error(names):
    with pytest.raises(DataFileError):
        lexicon_from_dicts(names, {})


def test_shipped_files_load_and_list_no_name_under_both_genders():
    with (settings.DATA_DIR / "first_names.toml").open("rb") as handle:
        raw = tomllib.load(handle)
    male = {fold(n) for group in raw["male"].values() for n in group}
    female = {fold(n) for group in raw["female"].values() for n in group}
    assert not male & female
    lexicon = load_gender_lexicon()
    assert len(lexicon.names) > 400
    assert {"father", "mother", "husband", "wife"} <= lexicon.couple_words
    assert GENDERED_WORDS_FILE.exists()


def test_missing_file_is_a_data_file_error(tmp_path):
    with pytest.raises(DataFileError):
        load_gender_lexicon(tmp_path / "none.toml", tmp_path / "none.toml")
