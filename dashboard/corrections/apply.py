"""Apply the corrections log to one article's frames (pure: frames in, new frames out).

``apply_corrections`` is the one place where a record changes a row. It is called when
the tables are read (``dashboard/loaders.py``) and when they are built
(``dashboard/store/build.py``); because every record sets an absolute state, applying the
log to tables that were built with it changes nothing.

A record is *stale* when the article's content hash is not the one it was made on (the
article changed) or its row is gone; a stale record is reported and never applied.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.corrections.records import MERGE_ACTOR, QUOTE_ACTIONS, QUOTE_FIELDS, RENAME_ACTOR, Correction

CORRECTED = "corrected"  # the quotes column with the visible mark ("corrected by … on …")
APPLIED = "applied"
STALE_ARTICLE = "stale: the article changed after the correction"
Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Applied:
    """One article's frames with the corrections applied, and what became of each record."""

    quotes: pd.DataFrame
    actors: pd.DataFrame
    mentions: pd.DataFrame
    status: dict[int | None, str]  # record id → APPLIED or "stale: why"

    def stale(self) -> list[int | None]:
        return [key for key, value in self.status.items() if value != APPLIED]


def with_corrected_column(quotes: pd.DataFrame) -> pd.DataFrame:
    """``quotes`` with a ``corrected`` column ("" where nobody corrected the row)."""
    if CORRECTED in quotes.columns:
        return quotes
    return quotes.assign(**{CORRECTED: pd.Series([""] * len(quotes), index=quotes.index, dtype="string")})


def apply_corrections(
    quotes: pd.DataFrame,
    actors: pd.DataFrame,
    mentions: pd.DataFrame,
    corrections: Iterable[Correction],
    *,
    content_hash: str | None,
) -> Applied:
    """Apply the records of one article, oldest first, to its quotes, actors and mentions."""
    quotes = with_corrected_column(quotes)
    records = sorted(corrections, key=lambda r: (r.id is None, r.id or 0, r.at))
    if not records:
        return Applied(quotes, actors, mentions, {})
    rows = _rows(quotes)
    people = _rows(actors)
    said = _rows(mentions)
    status: dict[int | None, str] = {}
    for i, record in enumerate(records):
        if record.content_hash != content_hash:
            status[record.id] = STALE_ARTICLE
            continue
        if record.action in QUOTE_ACTIONS:
            problem = _set_quote(rows, record)
        elif record.action == RENAME_ACTOR:
            problem = _rename(people, rows, record)
        elif record.action == MERGE_ACTOR:
            problem = _merge(people, rows, said, record)
        else:
            problem = f"unknown action {record.action!r}"
        if problem and any(_same_target(record, later) for later in records[i + 1 :]):
            problem = None  # a later record of the same target decides (e.g. tables built with the log)
        status[record.id] = f"stale: {problem}" if problem else APPLIED
    return Applied(
        _frame(sorted(rows, key=lambda r: (r["start"], r["end"])), quotes),
        _frame(people, actors),
        _frame(said, mentions),
        status,
    )


def corrected_frames(
    frames: Mapping[str, pd.DataFrame], corrections: Sequence[Correction], *, content_hash: str
) -> dict[str, pd.DataFrame]:
    """One article's ``quotes``, ``actors`` and ``mentions`` (from a dict of its frames), corrected."""
    applied = apply_corrections(
        frames["quotes"], frames["actors"], frames["mentions"], corrections, content_hash=content_hash
    )
    return {"quotes": applied.quotes, "actors": applied.actors, "mentions": applied.mentions}


def apply_to_tables(
    tables: Mapping[str, pd.DataFrame], corrections: Sequence[Correction]
) -> tuple[dict[str, pd.DataFrame], dict[int | None, str]]:
    """Every table of a build (or of the corpus) with each corrected article's rows replaced."""
    out = dict(tables)
    out["quotes"] = with_corrected_column(tables["quotes"])
    if not corrections:
        return out, {}
    by_article: dict[str, list[Correction]] = defaultdict(list)
    for record in corrections:
        by_article[record.article].append(record)
    articles = tables["articles"]
    hashes = dict(zip(articles["article"].astype(str), articles["content_hash"].astype(str), strict=True))
    status: dict[int | None, str] = {}
    replaced: dict[str, list[pd.DataFrame]] = {"quotes": [], "actors": [], "mentions": []}
    touched = [a for a in by_article if a in hashes]
    for article in touched:
        frames = {name: out[name][out[name]["article"] == article] for name in replaced}
        applied = apply_corrections(
            frames["quotes"], frames["actors"], frames["mentions"], by_article[article], content_hash=hashes[article]
        )
        status.update(applied.status)
        replaced["quotes"].append(applied.quotes)
        replaced["actors"].append(applied.actors)
        replaced["mentions"].append(applied.mentions)
    for article in set(by_article) - set(hashes):
        status.update({r.id: "stale: the article is not in the tables" for r in by_article[article]})
    for name, parts in replaced.items():
        if parts:
            # Corrected articles' rows go back where they were: the tables keep their article order.
            place = {article: i for i, article in enumerate(pd.unique(out[name]["article"]))}
            keep = out[name][~out[name]["article"].isin(touched)]
            merged = pd.concat([keep, *parts], ignore_index=True)
            where = merged["article"].map(place).fillna(len(place))
            out[name] = merged.iloc[where.argsort(kind="stable")].reset_index(drop=True)
    return out, status


# -- rows ------------------------------------------------------------------------------------------


def _rows(frame: pd.DataFrame) -> Rows:
    return [
        {column: None if value is pd.NA else value for column, value in zip(frame.columns, values, strict=True)}
        for values in frame.itertuples(index=False, name=None)
    ]


def _frame(rows: Rows, like: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(like.columns))
    for column, dtype in like.dtypes.items():
        if dtype is not object and str(dtype) != "object":
            frame[column] = frame[column].astype(dtype)
    return frame


def _find(rows: Rows, record: Correction) -> int | None:
    for i, row in enumerate(rows):
        if int(row["start"]) == record.start and int(row["end"]) == record.end and str(row["text"]) == record.span_text:
            return i
    return None


def _same_target(record: Correction, other: Correction) -> bool:
    if record.action in QUOTE_ACTIONS:
        return other.action in QUOTE_ACTIONS and (other.start, other.end) == (record.start, record.end)
    return other.target == record.target or (other.after or {}).get("into") == record.target


def _set_quote(rows: Rows, record: Correction) -> str | None:
    at = _find(rows, record)
    if record.after is None:
        if at is not None:
            del rows[at]
        return None
    values = dict(record.after)
    values.setdefault(CORRECTED, record.mark)
    if at is not None:
        rows[at].update(values)
        return None
    if all(name in values for name in QUOTE_FIELDS):
        # A quote the extractor missed: its own statement, and the editor as its rule.
        statement = max((int(row.get("statement") or 0) for row in rows), default=0) + 1
        rows.append({"article": record.article, "rule": "editor", "statement": statement, **values})
        return None
    return "the quote is no longer among the article's quotes"


def _actor(people: Rows, actor_id: str) -> dict[str, Any] | None:
    return next((row for row in people if row["actor_id"] == actor_id), None)


def _rename(people: Rows, rows: Rows, record: Correction) -> str | None:
    actor = _actor(people, record.target)
    after = record.after or {}
    if actor is None:
        return "the actor is no longer in the article"
    actor["name"] = after["name"]
    marks = {(s, e): mark for s, e, mark in after.get("quotes", [])}
    for row in rows:
        if row["speaker_id"] == record.target:
            row["speaker"] = after["name"]
            row[CORRECTED] = marks.get((int(row["start"]), int(row["end"])), record.mark)
    return None


def _merge(people: Rows, rows: Rows, said: Rows, record: Correction) -> str | None:
    after = record.after or {}
    if "into" in after:
        into = _actor(people, after["into"])
        if into is None:
            return "the actor it was merged into is no longer in the article"
        merged = _actor(people, record.target)
        if merged is not None:
            aliases = [*list(into["aliases"]), str(merged["name"]), *list(merged["aliases"])]
            into["aliases"] = list(dict.fromkeys(str(a) for a in aliases))
            into["mentions"] = int(into["mentions"]) + int(merged["mentions"])
            people.remove(merged)
        for row in rows:
            if row["speaker_id"] == record.target:
                row.update(speaker_id=into["actor_id"], speaker=into["name"], **{CORRECTED: record.mark})
        for row in said:
            if row["actor_id"] == record.target:
                row["actor_id"] = into["actor_id"]
        return None
    restore, into_row = after["restore"], after["into_row"]
    into = _actor(people, into_row["actor_id"])
    if into is None:
        return "the actor it was merged into is no longer in the article"
    into.update(into_row)
    if _actor(people, restore["actor_id"]) is None:
        people.append({"article": record.article, **restore})
    marks = {(s, e): mark for s, e, mark in after["quotes"]}
    for row in rows:
        key = (int(row["start"]), int(row["end"]))
        if key in marks:
            row.update(speaker_id=restore["actor_id"], speaker=restore["name"], **{CORRECTED: marks[key]})
    spans = {(s, e) for s, e in after["mentions"]}
    for row in said:
        if row["actor_id"] == into["actor_id"] and (int(row["start"]), int(row["end"])) in spans:
            row["actor_id"] = restore["actor_id"]
    return None
