"""Text from the app: checked without writing; an editor's "Add to corpus" keeps it in the
database and writes it (with metadata) into the articles folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard import settings
from dashboard.analysis.text import upload_article
from dashboard.corrections.database import CorrectionStore, restore_articles
from dashboard.errors import ArticleError
from dashboard.store.intake import add_to_corpus, free_id

TEXT = "Port strike ends\n\nDock workers ended their strike, the union said on Friday.\n"
PAGE = (
    "<html><head><title>Port strike ends</title></head><body><article><h1>Port strike ends</h1>"
    "<p>Dock workers ended their strike on Friday after a week of talks with the port owners.</p>"
    "</article></body></html>"
)


@pytest.fixture
def store(tmp_path: Path) -> CorrectionStore:
    return CorrectionStore.open(f"sqlite:///{tmp_path / 'db.sqlite'}")


def test_pasted_text_is_added_with_metadata_and_kept_in_the_database(tmp_path: Path, store: CorrectionStore) -> None:
    articles = tmp_path / "articles"
    path = add_to_corpus(TEXT.encode(), filename=None, store=store, by="ed", articles_dir=articles)
    assert path == articles / "port-strike-ends.txt"
    assert path.read_text(encoding="utf-8") == TEXT
    meta = json.loads((articles / "port-strike-ends.meta.json").read_text(encoding="utf-8"))
    assert (meta["title"], meta["outlet"]) == ("Port strike ends", "Pasted text")
    [stored] = store.articles()
    assert (stored.name, stored.data, stored.added_by) == ("port-strike-ends.txt", TEXT.encode(), "ed")
    path.unlink()
    path.with_name("port-strike-ends.meta.json").unlink()
    assert restore_articles(store, articles) == [path]  # a fresh disk gets it back, byte for byte
    assert path.read_text(encoding="utf-8") == TEXT


def test_same_title_twice_gets_a_new_name(tmp_path: Path, store: CorrectionStore) -> None:
    articles = tmp_path / "articles"
    first = add_to_corpus(TEXT.encode(), filename=None, store=store, by="ed", articles_dir=articles)
    second = add_to_corpus(PAGE.encode(), filename="port.html", store=store, by="ed", articles_dir=articles)
    assert (first.name, second.name) == ("port-strike-ends.txt", "port-strike-ends-2.html")


@pytest.mark.parametrize(
    ("title", "taken", "expected"),
    [("Port strike ends", [], "port-strike-ends"), ("Port strike ends", ["port-strike-ends"], "port-strike-ends-2")],
)
def test_free_id(title: str, taken: list[str], expected: str) -> None:
    assert free_id(title, taken) == expected


def test_html_upload_keeps_its_title() -> None:
    assert upload_article(PAGE.encode(), filename="story.html", article_id="x").title == "Port strike ends"


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
    tmp_path: Path, store: CorrectionStore, data: bytes, filename: str | None, problem: str
) -> None:
    with pytest.raises(ArticleError, match=problem):
        add_to_corpus(data, filename=filename, store=store, by="ed", articles_dir=tmp_path / "articles")
    assert not (tmp_path / "articles").exists()
    assert store.articles() == []


def test_messages_name_the_upload_never_a_server_path() -> None:
    with pytest.raises(ArticleError) as caught:
        upload_article(b"Just a headline", filename="/srv/app/secret/dir/story.txt", article_id="x")
    assert "/srv" not in str(caught.value) and "story.txt" in str(caught.value)


def test_the_upload_limit_is_the_settings_value() -> None:
    assert settings.MAX_UPLOAD_MB == 2
