"""Editors' corrections written into the store at once, without parsing anything.

The loaders apply the corrections log when they read one article, so a correction shows
at once on the article's pages. The corpus views (who is quoted most across articles, the
all-articles explorer) are SQL over the stored parts; for them to show it at once too,
saving a correction rewrites the stored ``quotes``/``actors``/``mentions`` rows of the
corrected article with the whole log applied, as a new version (append-only: a small new
part, the old rows masked, actor keys relinked — the same commit as a build's).

Because every record sets an absolute state, rewriting with the whole log after an undo
gives the extractor's rows back (``corrections/apply.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard import settings
from dashboard.corrections.apply import apply_to_tables
from dashboard.corrections.records import Correction
from dashboard.store.actor_keys import name_keys
from dashboard.store.files import (
    PartEntry,
    TablePart,
    articles_in,
    commit,
    current_version,
    new_group,
    read_part,
    salvage,
    staging,
    write_part,
    writer_lock,
)
from dashboard.store.new_version import mask_articles, relink_actors
from dashboard.store.schema import TABLES, empty

CORRECTED_TABLES = ("quotes", "actors", "mentions")  # what a correction can change


def write_corrections(
    articles: Iterable[str], corrections: Sequence[Correction], *, build_dir: Path | None = None
) -> str | None:
    """Rewrite the stored rows of ``articles`` with ``corrections`` (the whole log) applied.

    Returns the new version, or None when there are no tables or none of the articles is
    in them (nothing written).
    """
    build_dir = build_dir or settings.BUILD_DIR
    wanted = set(articles)
    if current_version(build_dir) is None or not wanted:
        return None
    with staging(build_dir) as stage, writer_lock(build_dir):
        base = salvage(build_dir)
        if base.manifest is None:
            return None
        parts = {table: list(base.manifest.parts(table)) for table in TABLES}
        meta = _rows_of(build_dir, parts["articles"], "articles", wanted)
        present = set(meta["article"].astype(str))
        if not present:
            return None
        frames = {"articles": meta} | {t: _rows_of(build_dir, parts[t], t, present) for t in CORRECTED_TABLES}
        fixed, _ = apply_to_tables(frames, [r for r in corrections if r.article in present])
        group = new_group("c")
        for table in CORRECTED_TABLES:
            frame = fixed[table]
            if table == "actors":  # a rename changes the key; relinked below with the corpus
                frame = frame.assign(key=name_keys(frame["name"]).astype("string"))
            parts[table] = mask_articles(build_dir, stage.path, parts[table], present)
            entry = write_part(stage.path, table, group, frame)
            if entry:
                parts[table].append(entry)
        parts["actors"] = relink_actors(build_dir, stage.path, parts["actors"])
        return commit(build_dir, parts, staged=stage.path, parent=current_version(build_dir))


def _rows_of(build_dir: Path, entries: list[PartEntry], table: str, wanted: set[str]) -> pd.DataFrame:
    """The rows of the ``wanted`` articles in a table's parts (only parts that hold them are read)."""
    chosen = pa.array(sorted(wanted), pa.string())
    frames = []
    for entry in entries:
        part = TablePart(build_dir / entry.path, entry.masked)
        if not articles_in(part.path, wanted - entry.masked):
            continue
        data = read_part(part, table)
        data = data.filter(pc.is_in(data["article"].cast(pa.string()), value_set=chosen))
        frames.append(data.to_pandas())
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else empty(table)
