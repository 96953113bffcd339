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

import pandas as pd

# Letters that Unicode decomposition does not reduce to ASCII; apostrophes vanish.
FOLD = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "'": "", "’": ""}
)


def name_key(name: str) -> str:
    """'Russia’s deputy foreign minister' → 'russias-deputy-foreign-minister'."""
    folded = unicodedata.normalize("NFKD", name.translate(FOLD)).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", folded)) or "actor"


def actor_keys(actors: pd.DataFrame) -> pd.Series:
    """The corpus-wide key of every row of an ``actors`` table (same index)."""
    keys = actors["name"].astype(str).map(name_key)
    people = actors["type"] == "PERSON"
    full_by_last: dict[str, set[str]] = defaultdict(set)
    for key in keys[people]:
        parts = key.split("-")
        if len(parts) > 1:
            full_by_last[parts[-1]].add(key)
    single = people & ~keys.str.contains("-", regex=False)
    linked = keys[single].map(lambda k: next(iter(full_by_last[k])) if len(full_by_last.get(k, ())) == 1 else k)
    keys.loc[single] = linked
    return keys.astype("string")
