"""The attribution lexicon: data/reporting_verbs.toml read into a Cues record (no model)."""

from __future__ import annotations

import pytest

from dashboard.errors import DataFileError
from dashboard.nlp.quotes.cues import cues_from, load_cues

MINIMAL = {"verbs": {"speech": ["say"], "phrasal": {"pairs": ["call on"]}}, "nouns": {"documents": ["statement"]},
           "prepositions": {"source": ["according to"]}}


@pytest.mark.parametrize(
    ("lemma", "is_verb", "is_weak"),
    [("say", True, False), ("Said", False, False), ("call", True, True), ("speak", True, True),
     ("think", True, True), ("read", True, True), ("laud", True, False), ("walk", False, False)],
)
def test_shipped_lexicon_strong_and_weak_verbs(lemma, is_verb, is_weak):
    cues = load_cues()
    assert cues.is_verb(lemma) is is_verb
    assert cues.is_weak(lemma) is is_weak


def test_shipped_lexicon_lists_anaphoric_nouns_and_scare_words():
    cues = load_cues()
    assert "person" in cues.anaphoric
    assert "so-called" in cues.scare


def test_optional_lists_may_be_missing():
    cues = cues_from(MINIMAL)
    assert cues.weak == frozenset() and cues.anaphoric == frozenset() and cues.scare == ()
    assert cues.phrasal == (("call", "on"),)


def test_a_weak_verb_also_listed_as_strong_is_strong():
    cues = cues_from({**MINIMAL, "verbs": {**MINIMAL["verbs"], "weak": ["say", "call"]}})
    assert not cues.is_weak("say") and cues.is_weak("call")


def test_a_list_of_non_strings_is_a_data_error():
    with pytest.raises(DataFileError):
        cues_from({**MINIMAL, "verbs": {**MINIMAL["verbs"], "weak": [1, 2]}})
