"""CSV of scraped articles → article files with metadata."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from dashboard import settings
from dashboard.articles import read_article
from dashboard.articles.from_csv import article_text, import_csv, slugify
from dashboard.errors import ArticleError


def _csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["url", "date", "title", "text"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_rows_become_article_files_with_sidecars(tmp_path: Path) -> None:
    source = _csv(
        tmp_path / "in.csv",
        [
            {
                "url": "https://www.example.org/story",
                "date": "2020-02-03",
                "title": "Bridge\u00a0opens",
                "text": "Monday, February 3, 2020\u00a0\n\n\nThe  bridge opened.\n\n\nThe mayor spoke.\n",
            },
            {"url": "", "date": "", "title": "Empty", "text": "Tuesday, March 3, 2020\n\n"},
        ],
    )
    rows = list(import_csv(source, tmp_path / "out", credit="Example, CC BY"))
    assert [r.problem is None for r in rows] == [True, False]
    path = rows[0].path
    assert path is not None and path.name == "2020-02-03-bridge-opens.txt"
    assert path.read_text(encoding="utf-8") == "Bridge opens\n\nThe bridge opened.\n\nThe mayor spoke.\n"
    meta = json.loads(path.with_name("2020-02-03-bridge-opens.meta.json").read_text(encoding="utf-8"))
    assert meta == {
        "title": "Bridge\u00a0opens",
        "outlet": "example.org",
        "date": "2020-02-03",
        "url": "https://www.example.org/story",
        "credit": "Example, CC BY",
    }
    article = read_article(path)
    assert (article.outlet, article.date, article.credit) == ("example.org", "2020-02-03", "Example, CC BY")


def test_same_title_twice_gets_two_files(tmp_path: Path) -> None:
    row = {"url": "u", "date": "2020-01-01", "title": "Same", "text": "Body."}
    rows = list(import_csv(_csv(tmp_path / "in.csv", [row, row]), tmp_path / "out"))
    assert sorted(r.path.name for r in rows if r.path) == ["2020-01-01-same-2.txt", "2020-01-01-same.txt"]


def test_a_csv_without_the_columns_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="lacks the columns url, date, title, text"):
        list(import_csv(tmp_path / "bad.csv", tmp_path / "out"))


@pytest.mark.parametrize(("title", "slug"), [("Gdańsk mayor: stabbed!", "gdansk-mayor-stabbed"), ("???", "article")])
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_article_text_drops_the_dateline() -> None:
    assert article_text("T", "Friday, January 4, 2019\n\nBody.") == "T\n\nBody.\n"


@pytest.mark.parametrize(("name", "expected"), [("wikinews_2019.csv", 171), ("wikinews_2020.csv", 123)])
def test_wikinews_corpus_imports_with_dates(tmp_path: Path, name: str, expected: int) -> None:
    rows = list(import_csv(settings.DATA_DIR / "corpus" / name, tmp_path))
    written = [r.path for r in rows if r.path]
    assert len(written) == expected
    # The one row left out of 2020 is a test page that holds only a dateline.
    assert len(rows) - len(written) == (1 if name.endswith("2020.csv") else 0)
    for path in written:
        meta = json.loads(path.with_name(path.stem + ".meta.json").read_text(encoding="utf-8"))
        assert meta["date"][:4] in {"2019", "2020", "2021"}
