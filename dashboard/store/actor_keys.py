"""Link actors across articles: one corpus-wide key per real-world actor.

Within an article the actor linker already merged aliases into a canonical name and
mapped gazetteer aliases (Moscow → Russia) to the gazetteer name. Across articles:

- the key is the normalised canonical name (case, apostrophes and accents folded);
- a one-word PERSON name ("Trump", in an article that never gives the first name) gets
  the key of the one multi-word PERSON name in the corpus that ends with that word
  ("Donald Trump"); if several full names end with it (two Johnsons), it stays apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

import pandas as pd

# Letters that Unicode decomposition does not reduce to ASCII; apostrophes vanish.
FOLD = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "'": "", "’": ""}
)


def name_key(name: str) -> str:
    """'Russia’s deputy foreign minister' → 'russias-deputy-foreign-minister'."""
    folded = unicodedata.normalize("NFKD", name.translate(FOLD)).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", folded)) or "actor"


def person_links(person_keys: Iterable[str]) -> dict[str, str]:
    """One-word PERSON key → the one multi-word PERSON key that ends with it.

    Only keys with exactly one such full name are linked; the links depend on every
    PERSON name of the corpus, so the store recomputes them at each build (see build.py).
    """
    full_by_last: dict[str, set[str]] = defaultdict(set)
    distinct = set(person_keys)
    for key in distinct:
        parts = key.split("-")
        if len(parts) > 1:
            full_by_last[parts[-1]].add(key)
    return {
        key: next(iter(full_by_last[key])) for key in distinct if "-" not in key and len(full_by_last.get(key, ())) == 1
    }


def name_keys(names: pd.Series) -> pd.Series:
    """``name_key`` of every value, computed once per distinct name."""
    text = names.astype(str)
    distinct = {name: name_key(name) for name in pd.unique(text)}
    return text.map(distinct)


def linked_keys(actors: pd.DataFrame, links: dict[str, str]) -> pd.Series:
    """The key of every row of ``actors`` (columns ``name``, ``type``) under these links."""
    keys = name_keys(actors["name"])
    people = (actors["type"] == "PERSON").fillna(False).to_numpy(dtype=bool)
    if links and people.any():
        keys.loc[people] = keys[people].map(lambda k: links.get(k, k))
    return keys.astype("string")


def actor_keys(actors: pd.DataFrame) -> pd.Series:
    """The corpus-wide key of every row of an ``actors`` table (same index)."""
    people = (actors["type"] == "PERSON").fillna(False).to_numpy(dtype=bool)
    links = person_links(name_keys(actors["name"][people]))
    return linked_keys(actors, links)
