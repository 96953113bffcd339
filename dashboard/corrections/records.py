"""Correction records and the pure functions that make them from table rows.

A record names its target by anchor — article, content hash, start/end offsets and the
text of the span (a quote's text, or an actor's name) — and carries the state *after*
the change (what ``apply`` sets) and the state *before* (what an undo sets back).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from dashboard.errors import DashboardError

# Quote-level actions set the state of one quote row; actor-level ones of one actor.
SPEAKER, KIND, NOT_A_QUOTE, ADD_QUOTE = "speaker", "kind", "not_a_quote", "add_quote"
RENAME_ACTOR, MERGE_ACTOR = "rename_actor", "merge_actor"
QUOTE_ACTIONS = (SPEAKER, KIND, NOT_A_QUOTE, ADD_QUOTE)
ACTOR_ACTIONS = (RENAME_ACTOR, MERGE_ACTOR)
ACTIONS = QUOTE_ACTIONS + ACTOR_ACTIONS
KINDS = ("direct", "partial", "indirect", "scare")

# Columns of a quote row a record may carry (the ``corrected`` mark included).
QUOTE_FIELDS = (
    "quote_id",
    "text",
    "kind",
    "speaker",
    "speaker_id",
    "cue",
    "paragraph",
    "sentence",
    "start",
    "end",
    "topics",
    "corrected",
)
ACTOR_FIELDS = ("actor_id", "name", "type", "aliases", "mentions", "first_paragraph", "role", "key")

State = dict[str, Any] | None  # None: the row is absent


class CorrectionError(DashboardError):
    """A correction that cannot be made (unknown quote, bad kind …); ``str()`` says why in one line."""


@dataclass(frozen=True)
class Correction:
    """One append-only entry of the corrections log."""

    action: str
    article: str
    content_hash: str
    target: str  # quote_id or actor_id at the time of the correction (informative)
    start: int  # span offsets in the original article text (-1 for actor-level records)
    end: int
    span_text: str  # the quote's text, or the actor's name
    before: State
    after: State
    by: str
    at: str = field(default_factory=lambda: now())
    note: str = ""
    undoes: int | None = None
    id: int | None = None  # given by the database

    @property
    def day(self) -> str:
        return self.at[:10]

    @property
    def mark(self) -> str:
        """The visible mark of a corrected row."""
        return f"corrected by {self.by} on {self.day}"

    def describe(self) -> str:
        """One line for lists: what changed, before → after."""
        what = {
            SPEAKER: "speaker",
            KIND: "kind",
            NOT_A_QUOTE: "not a quote",
            ADD_QUOTE: "added quote",
            RENAME_ACTOR: "actor name",
            MERGE_ACTOR: "merged actor",
        }[self.action]
        change = f"{what}: {_summary(self.action, self.before)} → {_summary(self.action, self.after)}"
        return f"undo of #{self.undoes} ({change})" if self.undoes is not None else change


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _summary(action: str, state: State) -> str:
    if state is None:
        return "(none)"
    if action == SPEAKER:
        return str(state.get("speaker") or "(no speaker)")
    if action == KIND:
        return str(state.get("kind"))
    if action in (NOT_A_QUOTE, ADD_QUOTE):
        return "quote"
    if action == RENAME_ACTOR:
        return str(state.get("name"))
    if "into" in state:
        return f"into {state.get('into_name') or state['into']}"
    return f"{(state.get('restore') or {}).get('name', '')} restored"


# -- plain values ---------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """A table cell as a JSON value (numpy ints, lists, <NA> …)."""
    if isinstance(value, list | tuple) or (hasattr(value, "tolist") and not isinstance(value, str)):
        listed = value.tolist() if hasattr(value, "tolist") else value
        return [plain(v) for v in listed] if isinstance(listed, list) else plain(listed)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def row_state(row: Mapping[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: plain(row[name]) for name in fields if name in row}


def _quote_anchor(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "target": str(row["quote_id"]),
        "start": int(row["start"]),
        "end": int(row["end"]),
        "span_text": str(row["text"]),
    }


def _mark(row: Mapping[str, Any]) -> str:
    value = plain(row.get("corrected")) if "corrected" in row else None
    return str(value or "")


# -- making records ------------------------------------------------------------------------------


def speaker_change(
    quote: Mapping[str, Any],
    *,
    content_hash: str,
    speaker: str | None,
    speaker_id: str | None,
    by: str,
    note: str = "",
) -> Correction:
    """Change a quote's speaker (an actor of the article, or a typed name with no actor id)."""
    before = {"speaker": plain(quote["speaker"]), "speaker_id": plain(quote["speaker_id"]), "corrected": _mark(quote)}
    after = {"speaker": speaker or None, "speaker_id": speaker_id or None}
    return Correction(
        SPEAKER,
        str(quote["article"]),
        content_hash,
        **_quote_anchor(quote),
        before=before,
        after=after,
        by=by,
        note=note,
    )


def kind_change(quote: Mapping[str, Any], *, content_hash: str, kind: str, by: str, note: str = "") -> Correction:
    if kind not in KINDS:
        raise CorrectionError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    before = {"kind": plain(quote["kind"]), "corrected": _mark(quote)}
    return Correction(
        KIND,
        str(quote["article"]),
        content_hash,
        **_quote_anchor(quote),
        before=before,
        after={"kind": kind},
        by=by,
        note=note,
    )


def not_a_quote(quote: Mapping[str, Any], *, content_hash: str, by: str, note: str = "") -> Correction:
    """Remove a row the extractor took for a quote; the whole row is kept for undo."""
    before = {**row_state(quote, (*QUOTE_FIELDS, "rule", "statement")), "corrected": _mark(quote)}
    return Correction(
        NOT_A_QUOTE,
        str(quote["article"]),
        content_hash,
        **_quote_anchor(quote),
        before=before,
        after=None,
        by=by,
        note=note,
    )


def added_quote(
    *,
    article: str,
    content_hash: str,
    text: str,
    start: int,
    paragraph: int,
    sentence: int,
    speaker: str | None,
    speaker_id: str | None,
    kind: str,
    by: str,
    cue: str | None = None,
    note: str = "",
) -> Correction:
    """A quote the extractor missed: the exact words at ``start`` in the article text."""
    if kind not in KINDS:
        raise CorrectionError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    if not text.strip():
        raise CorrectionError("the quote's words are empty")
    end = start + len(text)
    row: dict[str, Any] = {
        "quote_id": f"e{start}",
        "text": text,
        "kind": kind,
        "speaker": speaker or None,
        "speaker_id": speaker_id or None,
        "cue": cue,
        "paragraph": paragraph,
        "sentence": sentence,
        "start": start,
        "end": end,
        "topics": [],
    }
    return Correction(
        ADD_QUOTE, article, content_hash, f"e{start}", start, end, text, before=None, after=row, by=by, note=note
    )


def actor_rename(
    actor: Mapping[str, Any], quotes: pd.DataFrame, *, content_hash: str, name: str, by: str, note: str = ""
) -> Correction:
    """Rename an actor; its quotes' speaker follows. Undo puts back the name and each quote's mark."""
    if not name.strip():
        raise CorrectionError("the new name is empty")
    spoken = quotes[quotes["speaker_id"] == actor["actor_id"]]
    marks = [[int(r["start"]), int(r["end"]), _mark(r)] for _, r in spoken.iterrows()]
    return Correction(
        RENAME_ACTOR,
        str(actor["article"]),
        content_hash,
        str(actor["actor_id"]),
        -1,
        -1,
        str(actor["name"]),
        before={"name": str(actor["name"]), "quotes": marks},
        after={"name": name.strip()},
        by=by,
        note=note,
    )


def actor_merge(
    actor: Mapping[str, Any],
    into: Mapping[str, Any],
    quotes: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    content_hash: str,
    by: str,
    note: str = "",
) -> Correction:
    """Merge ``actor`` into ``into``: its quotes and mentions move, its aliases join."""
    if actor["actor_id"] == into["actor_id"]:
        raise CorrectionError("an actor cannot be merged into itself")
    spoken = quotes[quotes["speaker_id"] == actor["actor_id"]]
    before = {
        "restore": row_state(actor, ACTOR_FIELDS),
        "into_row": row_state(into, ACTOR_FIELDS),
        "quotes": [[int(r["start"]), int(r["end"]), _mark(r)] for _, r in spoken.iterrows()],
        "mentions": [
            [int(r["start"]), int(r["end"])] for _, r in mentions[mentions["actor_id"] == actor["actor_id"]].iterrows()
        ],
    }
    after = {"into": str(into["actor_id"]), "into_name": str(into["name"])}
    return Correction(
        MERGE_ACTOR,
        str(actor["article"]),
        content_hash,
        str(actor["actor_id"]),
        -1,
        -1,
        str(actor["name"]),
        before=before,
        after=after,
        by=by,
        note=note,
    )


def undo_of(record: Correction, *, by: str, note: str = "") -> Correction:
    """A new record that sets back the state from before ``record``."""
    if record.id is None:
        raise CorrectionError("only a stored correction can be undone")
    return replace(
        record, before=record.after, after=record.before, by=by, at=now(), note=note, undoes=record.id, id=None
    )
