"""The general furniture rules, line by line."""

from __future__ import annotations

import pytest

from dashboard.articles.furniture import is_dateline, is_furniture


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Source link", True),
        ("Related Articles", True),
        ("Back to top button", True),
        ("Share on Facebook", True),
        ("Subscribe to our newsletter", True),
        ("Monday, March 2, 2020", True),
        ("Trump ousts Bolton", False),
        ("Back to the future", False),
        ("Read the full statement here.", False),
        ("The minister said the talks would continue on Tuesday.", False),
    ],
)
def test_is_furniture_at_the_edge(line: str, expected: bool) -> None:
    assert is_furniture(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Advertisement", True),
        ("Related Articles", True),
        ("Share this article with friends now", False),
        ("Friday, January 4, 2019", False),
    ],
)
def test_is_furniture_inside_the_article(line: str, expected: bool) -> None:
    assert is_furniture(line, at_edge=False) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Friday, January 4, 2019", True),
        ("2019-01-04", True),
        ("4th July 2021", True),
        ("In January 2019 the council met", False),
    ],
)
def test_is_dateline(line: str, expected: bool) -> None:
    assert is_dateline(line) is expected
