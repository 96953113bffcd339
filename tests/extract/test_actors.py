"""Actor and mention records on the reference article, against its gold file."""

from __future__ import annotations

import json

import pytest

from dashboard import settings
from dashboard.articles import read_article
from dashboard.extract import extract_tables

pytestmark = pytest.mark.model

PEOPLE = ["Joe Biden", "Vladimir Putin", "Donald Trump", "Volodymyr Zelensky", "Sergei Shoigu", "Anatoly Antonov"]


@pytest.fixture(scope="module")
def tables(nlp):
    article = read_article(settings.ARTICLES_DIR / "biden-putin-summit.txt")
    return extract_tables(nlp(article.text), article)


@pytest.fixture(scope="module")
def gold():
    path = settings.GOLD_DIR / "biden-putin-summit.json"
    return {a["name"]: a for a in json.loads(path.read_text(encoding="utf-8"))["actors"]}


@pytest.mark.parametrize("name", [*PEOPLE, "White House", "Kremlin"])
def test_one_actor_per_person_and_organisation(tables, name):
    assert [a.name for a in tables.actors].count(name) == 1


@pytest.mark.parametrize("surname", ["Biden", "Putin", "Trump"])
def test_no_second_actor_for_a_surname(tables, surname):
    assert [a.name for a in tables.actors if surname in a.name] == [next(p for p in PEOPLE if surname in p)]


@pytest.mark.parametrize("name", PEOPLE)
def test_mention_counts_within_one_of_gold(tables, gold, name):
    actor = next(a for a in tables.actors if a.name == name)
    assert abs(actor.mentions - gold[name]["mentions"]) <= 1
    assert actor.type == "PERSON"


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Joe Biden", "US president"),
        ("Sergei Shoigu", "Russia’s defence minister"),
        ("Volodymyr Zelensky", "Ukrainian leader"),
    ],
)
def test_roles_from_the_text(tables, name, role):
    assert next(a for a in tables.actors if a.name == name).role == role


def test_mentions_point_at_known_actors_and_source_text(tables):
    ids = {a.actor_id for a in tables.actors}
    article = read_article(settings.ARTICLES_DIR / "biden-putin-summit.txt")
    for mention in tables.mentions:
        assert mention.actor_id in ids
        assert article.source_text[mention.start : mention.end].replace("’", "'") == mention.text.replace("’", "'")
