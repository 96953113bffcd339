"""Metadata is checked (issue 12, item 3): types, ISO dates, http(s) URLs, lengths.

A bad value in a sidecar or in front matter is left out with one warning line naming the file
and the field; the article itself is still read (and built). Cases: ``fixtures/metadata``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from dashboard.articles.metadata import check_field
from dashboard.articles.reader import read_article

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "metadata"
CASES: list[dict[str, Any]] = json.loads((FIXTURES / "bad_sidecars.json").read_text(encoding="utf-8"))["cases"]
GOOD = {
    "title": "Council budget vote",
    "outlet": "Springfield Post",
    "date": "2024-03-05",
    "url": "https://news.example/budget",
    "credit": "Springfield Post, CC BY 4.0",
}
TEXT = """Council budget vote divides the city

The city council of Springfield voted on Monday on the new budget for schools and roads.
"""


def value_of(case: dict[str, Any]) -> object:
    value = case["value"]
    if isinstance(value, dict) and "REPEAT" in value:
        text, times = value["REPEAT"]
        return text * times
    return value


def article_with_sidecar(folder: Path, meta: dict[str, object]) -> tuple[Path, Path]:
    path = folder / "budget.txt"
    path.write_text(TEXT, encoding="utf-8")
    sidecar = folder / "budget.meta.json"
    sidecar.write_text(json.dumps(meta), encoding="utf-8")
    return path, sidecar


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_a_bad_sidecar_value_is_left_out_with_a_warning(tmp_path: Path, case: dict[str, Any]) -> None:
    field = case["field"]
    path, sidecar = article_with_sidecar(tmp_path, {**GOOD, field: value_of(case)})
    article = read_article(path)
    assert len(article.warnings) == 1, article.warnings
    warning = article.warnings[0]
    assert warning.startswith(f"{sidecar}: field '{field}' ") and "\n" not in warning and len(warning) < 300
    kept = {key: getattr(article, key) for key in ("outlet", "date", "url", "credit")}
    assert kept == {key: (None if key == field else GOOD[key]) for key in kept}
    assert article.title == "Council budget vote divides the city" and len(article.paragraphs) == 2


def test_front_matter_values_are_checked_too(tmp_path: Path) -> None:
    path = tmp_path / "front-matter.md"
    shutil.copy(FIXTURES / "front-matter.md", path)
    article = read_article(path)
    assert (article.date, article.url, article.outlet) == (None, None, "Springfield Post")
    assert [w.split(": field ")[1].split("'")[1] for w in article.warnings] == ["date", "url"]
    assert all(w.startswith(f"{path}: field ") for w in article.warnings)


def test_good_metadata_is_kept_without_warnings(tmp_path: Path) -> None:
    path, _ = article_with_sidecar(tmp_path, {**GOOD, "date": "2024-03-05T10:30:00+01:00"})
    article = read_article(path)
    assert article.warnings == ()
    assert (article.outlet, article.date, article.url) == (GOOD["outlet"], "2024-03-05", GOOD["url"])


@pytest.mark.parametrize(
    ("field", "value", "kept", "problem"),
    [
        ("date", "2024-02-29", "2024-02-29", None),
        ("date", "2023-02-29", None, "not an ISO date"),
        ("date", "2024-03-05 08:00", "2024-03-05", None),
        ("date", "2024-03-05garbage", None, "not an ISO date"),
        ("url", "HTTPS://News.Example/a?b=c", "HTTPS://News.Example/a?b=c", None),
        ("url", "ftp://news.example/a", None, "not an http(s) address"),
        ("url", "https://news.example/a b", None, "not an http(s) address"),
        ("url", "https://[::1", None, "not an http(s) address"),
        ("outlet", "  Springfield Post  ", "Springfield Post", None),
        ("outlet", "", None, None),
        ("outlet", None, None, None),
        ("outlet", "x" * 201, None, "201 characters long, over the 200 allowed"),
        ("title", "Tab\tinside", None, "control characters"),
        ("credit", ["a"], None, "must be text, not list"),
    ],
)
def test_check_field(field: str, value: object, kept: str | None, problem: str | None) -> None:
    got, why = check_field(field, value)
    assert got == kept
    assert (why is None) if problem is None else (why is not None and problem in why)


@pytest.mark.model
def test_build_goes_on_and_reports_the_warning(tmp_path: Path) -> None:
    from dashboard.store.build import build
    from dashboard.store.files import read_tables

    articles = tmp_path / "articles"
    articles.mkdir()
    _, sidecar = article_with_sidecar(articles, {**GOOD, "url": "javascript:alert(1)"})
    summary = build([articles], build_dir=tmp_path / "tables")
    assert summary.built == ("budget",) and not summary.failures
    assert summary.warnings == (f"{sidecar}: field 'url' 'javascript:alert(1)' is not an http(s) address — left out",)
    built = read_tables(tmp_path / "tables")["articles"]
    assert built["url"].isna().all() and list(built["outlet"]) == [GOOD["outlet"]]
