"""UTF-16 and UTF-32 files with a byte-order mark are read (issue 12, item 5); without one, the
message says what the file is. Files: ``fixtures/encodings``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.articles.reader import decode, read_article
from dashboard.errors import ArticleError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "encodings"
EXPECTED = (FIXTURES / "expected.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["utf16-le-bom.txt", "utf16-be-bom.txt", "utf32-le-bom.txt"])
def test_unicode_files_with_a_byte_order_mark_are_read(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    shutil.copy(FIXTURES / name, path)
    article = read_article(path)
    assert article.source_text == EXPECTED
    assert article.title == "Café council votes “yes” on the budget"
    for paragraph in article.paragraphs:
        assert "".join(article.source_text[i] for i in paragraph.offsets) == paragraph.text


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ((FIXTURES / "utf16-le-no-bom.txt").read_bytes(), "UTF-16 without a byte-order mark"),
        ("Title\n\nBody".encode("utf-16-be"), "UTF-16 without a byte-order mark"),
        (b"\xff\xfe" + b"T\x00\x00\xd8", "not valid UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    ],
    ids=["utf16-le-no-bom", "utf16-be-no-bom", "broken-utf16", "png"],
)
def test_what_cannot_be_decoded_is_named(data: bytes, problem: str) -> None:
    with pytest.raises(ArticleError, match=problem):
        decode(data, "article.txt")
