"""Ingestion: files → Article records, furniture removal, offsets, bad input."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from dashboard import settings
from dashboard.articles import parse_article, read_article
from dashboard.errors import ArticleError


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_title_and_paragraphs_with_offsets(tmp_path: Path) -> None:
    text = "Mayor opens bridge\n\nThe mayor opened a bridge.\n\nShe said it was \u201cbeautiful\u201d.\n"
    article = read_article(_write(tmp_path, "bridge.txt", text))
    assert article.id == "bridge"
    assert article.title == "Mayor opens bridge"
    assert [p.number for p in article.paragraphs] == [0, 1, 2]
    for paragraph in article.paragraphs:
        assert text[paragraph.start : paragraph.end] == paragraph.text


LONG = ("The harbour board voted on Monday to close the old swing bridge for the whole winter, after engineers "
        "found cracks in two of its piers and said the repairs could not wait until spring.")


def test_lines_too_long_to_be_wrapped_are_one_paragraph_each(tmp_path: Path) -> None:
    text = f"Bridge closes\n\n{LONG}\n\u201cIt is not safe,\u201d the mayor said.\n{LONG}\n"
    article = read_article(_write(tmp_path, "pasted.txt", text))
    assert [p.text for p in article.paragraphs[1:]] == [LONG, "\u201cIt is not safe,\u201d the mayor said.", LONG]
    for paragraph in article.paragraphs:
        assert text[paragraph.start : paragraph.end] == paragraph.text


def test_hand_wrapped_lines_stay_one_paragraph(tmp_path: Path) -> None:
    wrapped = "\n".join(textwrap.wrap(LONG, 72))
    article = read_article(_write(tmp_path, "wrapped.txt", f"Bridge closes\n\n{wrapped}\n\nShort one.\n"))
    assert [p.text for p in article.paragraphs[1:]] == [LONG, "Short one."]


def test_odd_spaces_are_folded_but_offsets_point_into_the_original(tmp_path: Path) -> None:
    text = "Title here\n\nThe\u00a0minister \u2009 spoke\non Monday.\u00a0\n"
    article = read_article(_write(tmp_path, "spaces.txt", text))
    body = article.paragraphs[1]
    assert body.text == "The minister spoke on Monday."
    start = body.text.index("spoke")
    assert text[body.offsets[start] : body.offsets[start] + 5] == "spoke"
    assert article.source_span(article.text.index("Monday"), article.text.index("Monday") + 6) == (
        text.index("Monday"),
        text.index("Monday") + 6,
    )


@pytest.mark.parametrize(
    "furniture",
    [
        "Source link\n\nRelated Articles\n\nBack to top button",
        "Share this article\n\nFollow us on Twitter",
        "Sign up for our newsletter",
        "Read more",
    ],
)
def test_trailing_furniture_is_removed(tmp_path: Path, furniture: str) -> None:
    text = f"Storm hits coast\n\nA storm hit the coast on Monday.\n\n{furniture}\n"
    article = read_article(_write(tmp_path, "storm.txt", text))
    assert [p.text for p in article.paragraphs] == ["Storm hits coast", "A storm hit the coast on Monday."]


@pytest.mark.parametrize(
    "dateline",
    ["Friday, January 4, 2019", "4 January 2019", "Published: 2021-04-13 10:15", "Updated March 3, 2020 at 9:30 pm"],
)
def test_leading_dateline_is_removed(tmp_path: Path, dateline: str) -> None:
    text = f"{dateline}\n\nFloods close schools\n\nSchools closed after floods.\n"
    article = read_article(_write(tmp_path, "floods.txt", text))
    assert article.title == "Floods close schools"
    assert len(article.paragraphs) == 2


def test_prose_that_mentions_furniture_words_is_kept(tmp_path: Path) -> None:
    text = "Shares fall\n\nShares fell sharply.\n\nBack to the drawing board, the chief said.\n"
    article = read_article(_write(tmp_path, "shares.txt", text))
    assert article.title == "Shares fall"
    assert article.paragraphs[-1].text == "Back to the drawing board, the chief said."


def test_lone_short_furniture_line_inside_the_article_is_removed(tmp_path: Path) -> None:
    text = "Title\n\nFirst paragraph.\n\nAdvertisement\n\nSecond paragraph.\n"
    article = read_article(_write(tmp_path, "ad.txt", text))
    assert [p.text for p in article.paragraphs[1:]] == ["First paragraph.", "Second paragraph."]


def test_metadata_from_sidecar_and_front_matter(tmp_path: Path) -> None:
    _write(tmp_path, "a.meta.json", json.dumps({"outlet": "Daily Planet", "date": "2024-05-01"}))
    article = read_article(_write(tmp_path, "a.txt", "Title\n\nBody text.\n"))
    assert (article.outlet, article.date) == ("Daily Planet", "2024-05-01")
    md = "---\noutlet: The Times\nurl: https://example.org/x\n---\n# A headline\n\nBody.\n"
    article = read_article(_write(tmp_path, "b.md", md))
    assert (article.title, article.outlet, article.url) == ("A headline", "The Times", "https://example.org/x")
    assert md[article.paragraphs[1].start : article.paragraphs[1].end] == "Body."


def test_html_goes_through_boilerplate_removal(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Council approves budget</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav><article>"
        "<h1>Council approves budget</h1>"
        "<p>The city council approved the budget on Tuesday after a long debate among members.</p>"
        "<p>\u201cThis is a good day for the city,\u201d the mayor said after the vote was counted.</p>"
        "</article><footer>Share this story</footer></body></html>"
    )
    article = read_article(_write(tmp_path, "budget.html", page))
    assert article.title == "Council approves budget"
    assert any("good day for the city" in p.text for p in article.paragraphs)
    assert not any("Home" in p.text for p in article.paragraphs)


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", "", "empty"),
        ("blank.txt", "  \n\n \n", "empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("latin1.txt", "Caf\u00e9 news\n\nThe caf\u00e9 reopened.\n".encode("latin-1"), "not UTF-8"),
        ("title-only.txt", "Just a headline\n", "no paragraphs"),
        ("furniture.txt", "Source link\n\nRelated Articles\n\nBack to top button\n", "only page furniture"),
        ("notes.pdf", "Title\n\nBody.\n", "unsupported file type"),
    ],
)
def test_bad_input_names_the_file_and_the_problem(
    tmp_path: Path, name: str, content: str | bytes, problem: str
) -> None:
    path = _write(tmp_path, name, content)
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert problem in message
    assert "\n" not in message


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = _write(tmp_path, "huge.txt", "Title\n\n" + "word " * (settings.MAX_ARTICLE_BYTES // 5 + 10))
    with pytest.raises(ArticleError, match="MB limit"):
        read_article(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no such file"):
        read_article(tmp_path / "nope.txt")


def test_pasted_text_needs_no_file() -> None:
    article = parse_article("Headline\n\nBody one.\n\nBody two.", article_id="pasted", path="<pasted text>")
    assert article.id == "pasted"
    assert len(article.paragraphs) == 3
    assert article.content_hash


def test_reference_article_loses_its_furniture_only() -> None:
    article = read_article(settings.ARTICLES_DIR / "biden-putin-summit.txt")
    texts = [p.text for p in article.paragraphs]
    assert texts[0].startswith("Biden proposes summit")
    assert texts[-1].endswith("the readout said.")
    assert len(texts) == 15


@pytest.mark.parametrize("text", ["# \nCouncil votes on budget", "\u200b\n\nCouncil votes on budget"])
def test_a_title_line_without_words_is_an_article_error(text: str) -> None:
    """Found by the Hypothesis property in tests/hostile: an empty title paragraph had no offsets."""
    with pytest.raises(ArticleError, match="the title line has no words"):
        parse_article(text, article_id="a", path="a.txt")
