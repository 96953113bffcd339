"""What a new version is made of, besides new parts: older parts with replaced articles
masked, and actors rows whose corpus-wide key moved rewritten (see ``build.py``).

Shared by the build and by editors' corrections written into the store
(``recorrect.py``); no spaCy here, so the app can write a correction.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.store.actor_keys import linked_keys, name_key, person_links
from dashboard.store.files import PartEntry, TablePart, articles_in, new_group, read_part, write_part


def part_path(build_dir: Path, staged: Path | None, entry: PartEntry) -> Path:
    """A part is in ``parts/`` once committed, in the staging folder before."""
    path = build_dir / entry.path
    return path if staged is None or path.exists() else staged / entry.path


def mask_articles(build_dir: Path, staged: Path, entries: list[PartEntry], articles: set[str]) -> list[PartEntry]:
    """Mask these articles in every part that holds them; drop parts left with nothing."""
    out = []
    for entry in entries:
        present = articles_in(part_path(build_dir, staged, entry), articles - entry.masked) if articles else set()
        if present:
            entry = replace(entry, masked=entry.masked | present)
        if len(entry.masked) < entry.articles:
            out.append(entry)
    return out


def relink_actors(build_dir: Path, staged: Path, entries: list[PartEntry]) -> list[PartEntry]:
    """Rewrite (as one new part) the actors rows of the articles whose corpus-wide key
    changes with this version's PERSON names; everything else stays where it is.

    Keys depend only on the name (and the corpus's set of PERSON names), so the work is
    done on distinct (name, key) pairs; rows are only touched for names whose key moved.
    """
    names_in: list[tuple[int, pa.Table]] = []  # per part: its distinct PERSON (name, key) pairs
    for index, entry in enumerate(entries):
        part = TablePart(part_path(build_dir, staged, entry), entry.masked)
        data = read_part(part, "actors", columns=["name", "type", "key"], dictionary=["name", "type", "key"])
        data = data.filter(pc.equal(data["type"].cast(pa.string()), "PERSON"))
        if data.num_rows:
            pairs = pa.table({c: data[c].cast(pa.string()) for c in ("name", "key")}).group_by(["name", "key"])
            names_in.append((index, pairs.aggregate([])))
    if not names_in:
        return entries
    distinct = pa.concat_tables([pairs for _, pairs in names_in])
    names, stored = distinct["name"].to_pylist(), distinct["key"].to_pylist()
    own = {name: name_key(str(name)) for name in set(names)}
    links = person_links(own.values())
    wanted = {name: links.get(key, key) for name, key in own.items()}
    moved_names = {name for name, key in zip(names, stored, strict=True) if wanted[name] != key}
    if not moved_names:
        return entries
    rows = []
    out = list(entries)
    for index, pairs in names_in:
        if not any(wanted[n] != k for n, k in zip(pairs["name"].to_pylist(), pairs["key"].to_pylist(), strict=True)):
            continue
        entry = entries[index]
        whole = read_part(TablePart(part_path(build_dir, staged, entry), entry.masked), "actors")
        people = whole.filter(pc.equal(whole["type"], "PERSON"))
        moved = {
            article
            for article, name, key in zip(*(people[c].to_pylist() for c in ("article", "name", "key")), strict=True)
            if name in moved_names and wanted[name] != key
        }
        chosen = pa.array(sorted(moved), whole["article"].type)
        rows.append(whole.filter(pc.is_in(whole["article"], value_set=chosen)).to_pandas())
        out[index] = replace(entry, masked=entry.masked | moved)
    relinked = pd.concat(rows, ignore_index=True)
    relinked["key"] = linked_keys(relinked, links)
    new = write_part(staged, "actors", new_group("k"), relinked)
    return [e for e in out if len(e.masked) < e.articles] + ([new] if new else [])
