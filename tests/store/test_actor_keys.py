"""Actors linked across articles by canonical name and surname."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.store.actor_keys import actor_keys, name_key


def _actors(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["article", "name", "type"])


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Joe Biden", "joe-biden"),
        ("Russia’s deputy foreign minister", "russias-deputy-foreign-minister"),
        ("Russia's envoy", "russias-envoy"),
        ("Paweł Adamowicz", "pawel-adamowicz"),
        ("", "actor"),
    ],
)
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


def test_a_surname_links_to_the_one_full_name_elsewhere_in_the_corpus() -> None:
    actors = _actors(
        ("a1", "Donald Trump", "PERSON"),
        ("a2", "Trump", "PERSON"),
        ("a2", "Kremlin", "ORG"),
        ("a3", "kremlin", "ORG"),
    )
    assert actor_keys(actors).tolist() == ["donald-trump", "donald-trump", "kremlin", "kremlin"]


def test_an_ambiguous_surname_stays_apart() -> None:
    actors = _actors(
        ("a1", "Boris Johnson", "PERSON"),
        ("a2", "Lyndon Johnson", "PERSON"),
        ("a3", "Johnson", "PERSON"),
    )
    assert actor_keys(actors).tolist() == ["boris-johnson", "lyndon-johnson", "johnson"]


def test_a_one_word_organisation_is_not_linked_to_a_person() -> None:
    actors = _actors(("a1", "Donald Trump", "PERSON"), ("a2", "Trump", "ORG"))
    assert actor_keys(actors).tolist() == ["donald-trump", "trump"]
