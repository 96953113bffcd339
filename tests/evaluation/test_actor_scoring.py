"""score_actors: one-to-one matching of predicted to gold actors."""

from __future__ import annotations

import pytest

from dashboard.evaluation.actors import is_plain_name, score_actors, score_sources, source_key

GOLD = [
    {"name": "Joe Biden", "type": "PERSON", "aliases": ["Biden", "The US president"]},
    {"name": "White House", "type": "ORG", "aliases": ["the White House"]},
    {"name": "Russia", "type": "GPE", "aliases": ["Moscow"]},
]


def actor(name: str, kind: str = "PERSON") -> dict:
    return {"name": name, "type": kind}


@pytest.mark.parametrize(
    ("predicted", "tp", "fp", "fn"),
    [
        ([actor("Joe Biden"), actor("White House", "ORG")], 2, 0, 0),
        ([actor("Biden"), actor("the White House", "ORG")], 2, 0, 0),  # proper alias, "the"
        ([actor("Joe Biden"), actor("Biden")], 1, 1, 1),  # unmerged duplicate
        ([actor("The US president")], 0, 1, 2),  # a description is not a name
        ([actor("Russia", "GPE"), actor("Moscow", "GPE")], 0, 0, 2),  # GPE not scored
        ([actor("Kremlin", "ORG")], 0, 1, 2),
        ([], 0, 0, 2),
    ],
)
def test_counts(predicted, tp, fp, fn):
    score = score_actors(predicted, GOLD)
    assert (score.tp, score.fp, score.fn) == (tp, fp, fn)
    assert len(score.errors) == fp + fn


def test_exact_name_wins_over_alias_for_the_same_gold_actor():
    score = score_actors([actor("Biden"), actor("Joe Biden")], GOLD[:1])
    assert [e.kind for e in score.errors] == ["duplicate"]
    assert score.errors[0].name == "Biden"


@pytest.mark.parametrize(("types", "tp"), [(("PERSON",), 1), (("PERSON", "ORG", "GPE"), 3)])
def test_types_choose_what_is_scored(types, tp):
    predicted = [actor("Joe Biden"), actor("White House", "ORG"), actor("Russia", "GPE")]
    assert score_actors(predicted, GOLD, types=types).tp == tp


def test_precision_recall_f1():
    score = score_actors([actor("Joe Biden"), actor("Kremlin", "ORG")], GOLD)
    assert (score.precision, score.recall, score.f1) == (0.5, 0.5, 0.5)
    assert score_actors([], []).f1 == 0.0


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Cruz", True),
        ("the Washington Post", True),
        ("Bank of England", True),
        ("those of us who crossed the river", False),
        ("a spokeswoman", False),
        ("Rep. Jerry Nadler, a Democrat from New York", False),
    ],
)
def test_plain_names_among_sources(text, plain):
    assert is_plain_name(text) is plain


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Mr. Obama's", "obama"),
        ("Rubio’s", "rubio"),
        ("Sen. Ted Cruz", "ted cruz"),
        ("Texas Sen. Ted Cruz", "ted cruz"),
        ("Vice President Joe Biden", "joe biden"),
        ("the DNC", "dnc"),
        ("President", "president"),  # a lone title stays
    ],
)
def test_source_key_drops_title_and_possessive(text, key):
    assert source_key(text) == key


SOURCES = [
    {"name": "Trump", "type": "ORG", "aliases": ["Trump"]},
    {"name": "Hillary Clinton", "type": "PERSON", "aliases": ["Hillary Clinton"]},
    {"name": "the NRA", "type": "ORG", "aliases": ["the NRA"]},
    {"name": "those who voted", "type": "ORG", "aliases": ["those who voted"]},  # not a name: not scored
]


@pytest.mark.parametrize(
    ("predicted", "tp", "fn", "mistyped"),
    [
        ([actor("Donald Trump"), actor("Hillary Clinton"), actor("NRA", "ORG")], 3, 0, 0),
        ([{"name": "Donald J. Trump", "type": "PERSON", "aliases": ["Trump"]}], 1, 2, 0),  # alias
        ([actor("Donald Trump", "ORG"), actor("Clinton", "PERSON")], 0, 3, 0),  # a full name needs its own
        ([actor("Sen. Hillary Clinton")], 0, 3, 0),  # a title in the canonical name is an error
        ([actor("Hillary Clinton", "ORG")], 0, 3, 1),  # a person typed ORG
        ([actor("NRA", "GPE")], 0, 3, 1),  # found only as a place
        ([], 0, 3, 0),
    ],
)
def test_named_sources_recall(predicted, tp, fn, mistyped):
    score = score_sources(predicted, SOURCES)
    assert (score.tp, score.fp, score.fn) == (tp, 0, fn)
    assert sum(e.kind == "mistyped" for e in score.errors) == mistyped
