"""Text from the app: checked, written to the inbox, added to the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard import settings
from dashboard.errors import ArticleError
from dashboard.store.intake import add_to_corpus, receive

TEXT = "Port strike ends\n\nDock workers ended their strike, the union said on Friday.\n"


def test_pasted_text_is_written_with_metadata(tmp_path: Path) -> None:
    received = receive(TEXT.encode(), inbox=tmp_path)
    assert received.path == tmp_path / "port-strike-ends.txt"
    assert received.path.read_text(encoding="utf-8") == TEXT
    meta = json.loads((tmp_path / "port-strike-ends.meta.json").read_text(encoding="utf-8"))
    assert (meta["title"], meta["outlet"]) == ("Port strike ends", "Pasted text")


def test_same_title_twice_gets_a_new_name(tmp_path: Path) -> None:
    first = receive(TEXT.encode(), inbox=tmp_path)
    second = receive(TEXT.encode(), filename="port.md", inbox=tmp_path)
    assert (first.article, second.article) == ("port-strike-ends", "port-strike-ends-2")
    assert second.path.suffix == ".md"


def test_html_upload_keeps_its_suffix_and_title(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Port strike ends</title></head><body><article><h1>Port strike ends</h1>"
        "<p>Dock workers ended their strike on Friday after a week of talks with the port owners.</p>"
        "</article></body></html>"
    )
    received = receive(page.encode(), filename="story.html", inbox=tmp_path)
    assert received.path.name == "port-strike-ends.html"
    assert received.title == "Port strike ends"


@pytest.mark.parametrize(
    ("data", "filename", "problem"),
    [
        (b"x" * 3_000_000, "big.txt", "over the 2 MB limit"),
        (TEXT.encode(), "photo.jpg", "unsupported file type '.jpg'"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.txt", "binary file"),
        (b"Just a headline", None, "no paragraphs"),
        ("Caf\u00e9\n\nThe caf\u00e9.".encode("latin-1"), "cafe.txt", "not UTF-8"),
    ],
)
def test_non_article_input_gets_a_clear_message_and_nothing_is_written(
    tmp_path: Path, data: bytes, filename: str | None, problem: str
) -> None:
    with pytest.raises(ArticleError, match=problem):
        receive(data, filename=filename, inbox=tmp_path)
    assert not tmp_path.exists() or not any(tmp_path.iterdir())


def test_add_to_corpus_moves_the_file_and_its_metadata(tmp_path: Path) -> None:
    received = receive(TEXT.encode(), inbox=tmp_path / "inbox")
    target = add_to_corpus(received.path, articles_dir=tmp_path / "articles")
    assert target == tmp_path / "articles" / "port-strike-ends.txt"
    assert (tmp_path / "articles" / "port-strike-ends.meta.json").is_file()
    assert not received.path.exists()
    with pytest.raises(ArticleError, match="already in the corpus"):
        other = receive(TEXT.encode(), inbox=tmp_path / "inbox2")
        (tmp_path / "articles" / other.path.name).write_text("x")
        add_to_corpus(other.path, articles_dir=tmp_path / "articles")


def test_the_upload_limit_is_the_settings_value() -> None:
    assert settings.MAX_UPLOAD_MB == 2
