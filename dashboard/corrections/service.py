"""Corrections against the built tables: find the row, make the record, store it.

Shared by the command line (``python -m dashboard correct …``) and the app's editor
controls, so both make exactly the same records.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from dashboard.corrections.apply import apply_to_tables
from dashboard.corrections.database import CorrectionStore, default_url
from dashboard.corrections.records import (
    Correction,
    CorrectionError,
    kind_change,
    not_a_quote,
    speaker_change,
    undo_of,
)
from dashboard.errors import DashboardError
from dashboard.store.recorrect import write_corrections

NO_SPEAKER = ""


def content_hash(tables: Mapping[str, pd.DataFrame], article: str) -> str:
    rows = tables["articles"][tables["articles"]["article"] == article]
    if rows.empty:
        raise CorrectionError(f"article {article!r} is not in the built tables")
    return str(rows.iloc[0]["content_hash"])


def quote_row(tables: Mapping[str, pd.DataFrame], article: str, quote_id: str) -> pd.Series:
    quotes = tables["quotes"]
    rows = quotes[(quotes["article"] == article) & (quotes["quote_id"] == quote_id)]
    if rows.empty:
        raise CorrectionError(f"article {article!r} has no quote {quote_id!r}")
    return rows.iloc[0]


def speaker_id_for(actors: pd.DataFrame, article: str, name: str) -> str | None:
    """The actor id of ``name`` in the article (by name or alias), or None for a typed name."""
    rows = actors[actors["article"] == article] if "article" in actors.columns else actors
    for _, actor in rows.iterrows():
        if name == actor["name"] or name in list(actor["aliases"] or []):
            return str(actor["actor_id"])
    return None


def speaker_name_for(actors: pd.DataFrame, article: str, name: str) -> str:
    """An alias chosen by an editor becomes the actor's canonical name."""
    actor_id = speaker_id_for(actors, article, name)
    if actor_id is None:
        return name
    return str(actors[(actors["article"] == article) & (actors["actor_id"] == actor_id)].iloc[0]["name"])


def quote_correction(
    tables: Mapping[str, pd.DataFrame],
    article: str,
    quote_id: str,
    *,
    by: str,
    speaker: str | None = None,
    kind: str | None = None,
    remove: bool = False,
    note: str = "",
) -> Correction:
    """The record for one change of one quote of the (already corrected) tables."""
    if not by.strip():
        raise CorrectionError("say who makes the correction (--by)")
    anchor = content_hash(tables, article)
    row = quote_row(tables, article, quote_id)
    if remove:
        return not_a_quote(row, content_hash=anchor, by=by, note=note)
    if kind is not None:
        return kind_change(row, content_hash=anchor, kind=kind, by=by, note=note)
    if speaker is None:
        raise CorrectionError("say what to change: --speaker, --kind or --not-a-quote")
    name = speaker.strip()
    speaker_id = speaker_id_for(tables["actors"], article, name) if name else None
    shown = speaker_name_for(tables["actors"], article, name) if name else None
    return speaker_change(row, content_hash=anchor, speaker=shown, speaker_id=speaker_id, by=by, note=note)


@dataclass(frozen=True)
class Saved:
    record: Correction  # as stored, with its id
    problem: str | None  # why the stored tables could not take it yet (the next build will)


def save(store: CorrectionStore, record: Correction, *, build_dir: Path | None = None) -> Saved:
    """Add ``record`` to the log, then write the article's corrected rows into the stored
    tables, so that corpus-wide views (counted in SQL over the store) show it at once too.

    The log is what counts: if the tables cannot be written now, the record stays, the
    article's own pages apply it on read and the next build writes it.
    """
    saved = store.add(record)
    try:
        write_corrections([saved.article], store.records(saved.article), build_dir=build_dir)
    except DashboardError as error:
        return Saved(saved, str(error))
    return Saved(saved, None)


def undo(store: CorrectionStore, record_id: int, *, by: str, note: str = "", build_dir: Path | None = None) -> Saved:
    record = store.get(record_id)
    if record is None:
        raise CorrectionError(f"there is no correction #{record_id}")
    return save(store, undo_of(record, by=by, note=note), build_dir=build_dir)


def corrected_tables(
    tables: Mapping[str, pd.DataFrame], records: Sequence[Correction]
) -> tuple[dict[str, pd.DataFrame], dict[int | None, str]]:
    return apply_to_tables(tables, records)


def records_for_build(build_dir: Path | None = None) -> list[Correction]:
    """The log the build applies: from ``DASHBOARD_DB_URL`` or the SQLite file next to the
    build folder; none (and no file created) when that file does not exist yet."""
    url = default_url(build_dir)
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite" and (not parsed.database or not Path(parsed.database).exists()):
        return []
    return CorrectionStore.open(url).records()
