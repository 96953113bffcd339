"""Corrected articles → gold files, so ``evaluate`` measures the extractor against editors.

The gold schema is the project's (see ``dashboard/evaluation/gold.py``): direct, partial
and scare quotes with their speaker; indirect quotes by the start of their sentence;
actors with aliases and mention counts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.corrections.apply import APPLIED, apply_to_tables
from dashboard.corrections.records import Correction, plain

SENTENCE_START_CHARS = 60


def gold_documents(tables: Mapping[str, pd.DataFrame], corrections: Sequence[Correction]) -> dict[str, dict[str, Any]]:
    """Gold object per corrected article (one with at least one applied record), by article id."""
    corrected, status = apply_to_tables(tables, corrections)
    wanted = sorted({r.article for r in corrections if status.get(r.id) == APPLIED})
    articles = corrected["articles"].set_index("article")
    documents: dict[str, dict[str, Any]] = {}
    for article in wanted:
        quotes = corrected["quotes"][corrected["quotes"]["article"] == article].sort_values("start")
        sentences = corrected["sentences"][corrected["sentences"]["article"] == article]
        actors = corrected["actors"][corrected["actors"]["article"] == article]
        documents[article] = {
            "article": Path(str(articles.loc[article, "path"])).name,
            "quotes": [_quote(q) for _, q in quotes.iterrows() if q["kind"] != "indirect"],
            "indirect_quotes": [_indirect(q, sentences) for _, q in quotes.iterrows() if q["kind"] == "indirect"],
            "actors": [
                {
                    "name": str(a["name"]),
                    "type": str(a["type"]),
                    "aliases": [str(x) for x in plain(a["aliases"]) or []],
                    "mentions": int(a["mentions"]),
                }
                for _, a in actors.iterrows()
            ],  # fmt: skip
            "source": "corrections export: the extractor's rows with editors' corrections applied",
        }
    return documents


def write_gold(documents: Mapping[str, dict[str, Any]], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for article, document in documents.items():
        path = folder / f"{article}.json"
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(path)
    return written


def _speaker(row: pd.Series) -> str | None:
    value = plain(row["speaker"])
    return str(value) if value else None


def _quote(row: pd.Series) -> dict[str, Any]:
    return {
        "text": str(row["text"]),
        "speaker": _speaker(row),
        "speaker_alternatives": [],
        "cue": plain(row["cue"]) or None,
        "kind": str(row["kind"]),
    }


def _indirect(row: pd.Series, sentences: pd.DataFrame) -> dict[str, Any]:
    around = sentences[(sentences["start"] <= row["start"]) & (sentences["end"] > row["start"])]
    text = str(around.iloc[0]["text"]) if len(around) else str(row["text"])
    start = text[:SENTENCE_START_CHARS].rsplit(" ", 1)[0] if len(text) > SENTENCE_START_CHARS else text
    return {"speaker": _speaker(row), "cue": plain(row["cue"]) or None, "sentence_start": start}
