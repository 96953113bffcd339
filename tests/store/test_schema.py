"""The schema module is the single description of every table."""

from __future__ import annotations

import re
from dataclasses import fields

import pandas as pd
import pytest

from dashboard import settings
from dashboard.extract import records
from dashboard.store.schema import LIST, TABLES, conform, empty

RECORD_OF_TABLE = {
    "articles": records.ArticleRecord,
    "paragraphs": records.ParagraphRecord,
    "sentences": records.SentenceRecord,
    "actors": records.ActorRecord,
    "mentions": records.MentionRecord,
    "quotes": records.QuoteRecord,
    "topic_mentions": records.TopicMentionRecord,
    "failures": records.FailureRecord,
}


@pytest.mark.parametrize("table", sorted(TABLES))
def test_records_and_schema_have_the_same_columns(table: str) -> None:
    assert [f.name for f in fields(RECORD_OF_TABLE[table])] == [c.name for c in TABLES[table]]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_empty_tables_carry_the_declared_dtypes(table: str) -> None:
    frame = empty(table)
    for column in TABLES[table]:
        expected = "object" if column.dtype == LIST else column.dtype
        assert str(frame[column.name].dtype) == expected


def test_conform_rejects_a_frame_missing_columns() -> None:
    with pytest.raises(ValueError, match="missing columns"):
        conform(pd.DataFrame({"article": ["a"]}), "quotes")


def test_readme_data_dictionary_lists_every_column() -> None:
    readme = (settings.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for table, columns in TABLES.items():
        section = re.search(rf"^#### `{table}`\n(.*?)(?=^#|\Z)", readme, re.MULTILINE | re.DOTALL)
        assert section, f"README has no data dictionary section for table {table}"
        documented = re.findall(r"^\| `([a-z_]+)` \|", section.group(1), re.MULTILINE)
        assert documented == [c.name for c in columns], table
