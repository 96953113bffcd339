"""Name keys and ids."""

from __future__ import annotations

import pytest

from dashboard.nlp.actor_names import name_key, slug, unique_ids


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The Kremlin", "kremlin"),
        ("Russia’s", "russia"),
        ("Biden's", "biden"),
        ("[Biden]", "biden"),
        ("Erdoğan", "erdogan"),
        ("Joe  Biden", "joe biden"),
        ("U.S.", "u.s"),
    ],
)
def test_name_key(text, key):
    assert name_key(text) == key


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Joe Biden", "joe-biden"), ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"), ("", "actor"), ("G-7", "g-7")],
)
def test_slug(name, expected):
    assert slug(name) == expected


def test_unique_ids_number_collisions():
    assert unique_ids(["Georgia", "Georgia", "Joe Biden"]) == ["georgia", "georgia-2", "joe-biden"]
