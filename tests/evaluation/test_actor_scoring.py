"""score_actors: one-to-one matching of predicted to gold actors."""

from __future__ import annotations

import pytest

from dashboard.evaluation.actors import score_actors

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
