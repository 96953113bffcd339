"""Every table's columns, dtypes and meaning — declared once.

The README's data dictionary is checked against this module by a test.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

LIST = "list"  # a column of lists of strings (Parquet list<string>)


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str  # a pandas dtype name, or LIST
    description: str


def _columns(*specs: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


ARTICLE = ("article", "string", "article id: the file name without its suffix")
PARAGRAPH = ("paragraph", "int32", "paragraph number: 0 = headline, body paragraphs from 1")
SENTENCE = ("sentence", "int32", "sentence number within the paragraph, from 1")
START = ("start", "int64", "character offset of the first character in the original article text")
END = ("end", "int64", "character offset just after the last character in the original article text")

TABLES: dict[str, tuple[Column, ...]] = {
    "articles": _columns(
        ARTICLE,
        ("title", "string", "headline (first line of the file)"),
        ("outlet", "string", "publication, from the metadata sidecar or front matter"),
        ("date", "string", "publication date YYYY-MM-DD when known"),
        ("url", "string", "address of the original article when known"),
        ("credit", "string", "credit line to show with the article (e.g. licence)"),
        ("path", "string", "file the article was read from"),
        ("content_hash", "string", "hash of the file and its metadata; unchanged hash = not rebuilt"),
        ("paragraphs", "int32", "number of paragraphs including the headline"),
        ("words", "int32", "number of words"),
    ),
    "paragraphs": _columns(
        ARTICLE,
        PARAGRAPH,
        START,
        END,
        ("text", "string", "paragraph text, odd spaces folded"),
    ),
    "sentences": _columns(
        ARTICLE,
        PARAGRAPH,
        SENTENCE,
        START,
        END,
        ("text", "string", "sentence text"),
    ),
    "actors": _columns(
        ARTICLE,
        ("actor_id", "string", "actor id, unique within the article (slug of the canonical name)"),
        ("name", "string", "canonical name (the fullest proper name the article uses)"),
        ("type", "string", "PERSON, ORG or GPE"),
        ("aliases", LIST, "every surface form the article uses for the actor"),
        ("mentions", "int32", "number of mentions"),
        ("first_paragraph", "int32", "paragraph of the first mention"),
        ("role", "string", "role or title the article gives the actor, if any"),
        ("key", "string", "corpus-wide actor key: the same actor in every article (see store/actor_keys.py)"),
    ),
    "mentions": _columns(
        ARTICLE,
        ("actor_id", "string", "actor mentioned (see actors.actor_id)"),
        PARAGRAPH,
        SENTENCE,
        START,
        END,
        ("text", "string", "surface text of the mention"),
    ),
    "quotes": _columns(
        ARTICLE,
        ("quote_id", "string", "quote id, unique within the article"),
        ("text", "string", "quoted text (between the marks) or reported content (indirect)"),
        ("kind", "string", "direct, partial, indirect or scare"),
        ("speaker", "string", "canonical name of the speaker; empty when no speaker can be found"),
        ("speaker_id", "string", "actor id of the speaker (see actors.actor_id)"),
        ("cue", "string", "attribution verb or phrase"),
        ("rule", "string", "the rules that produced the row: quote rule, then /speaker rule when a speaker was found"),
        PARAGRAPH,
        SENTENCE,
        START,
        END,
        ("topics", LIST, "topics found inside the quote or its sentence"),
        ("statement", "int32", "statement id, unique within the article: rows of one act of saying share it"),
        ("corrected", "string", "'corrected by EDITOR on DATE' when an editor's correction applies; empty otherwise"),
    ),
    "topic_mentions": _columns(
        ARTICLE,
        ("topic", "string", "topic name from data/topics.toml"),
        PARAGRAPH,
        SENTENCE,
        ("term", "string", "the matched words"),
        START,
        END,
    ),
    "failures": _columns(
        ("path", "string", "file that could not be processed"),
        ARTICLE,
        ("problem", "string", "what was wrong, in one line"),
        ("when", "string", "UTC time of the build that met the problem"),
    ),
}


def empty(table: str) -> pd.DataFrame:
    """An empty DataFrame with the table's columns and dtypes."""
    return conform(pd.DataFrame({c.name: [] for c in TABLES[table]}), table)


def conform(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """Columns in schema order with schema dtypes; lists become lists of str."""
    columns = TABLES[table]
    missing = [c.name for c in columns if c.name not in frame.columns]
    if missing:
        raise ValueError(f"table {table!r} is missing columns {missing}")
    out = frame.loc[:, [c.name for c in columns]].copy()
    for column in columns:
        if column.dtype == LIST:
            values = [[str(x) for x in v] if v is not None else [] for v in out[column.name]]
            out[column.name] = pd.Series(values, index=out.index, dtype=object)
        else:
            out[column.name] = out[column.name].astype(column.dtype)
    return out.reset_index(drop=True)
