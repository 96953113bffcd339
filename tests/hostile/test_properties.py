"""Property tests (Hypothesis): arbitrary text or bytes never break reading articles or finding quotes.

Any text either becomes an Article whose every offset indexes its original text (and points
at the character the paragraph shows), or raises ``ArticleError`` — never another exception.
``quoted_spans`` returns spans inside the text, starting and ending next to quotation marks.
"""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.articles.normalise import ZERO_WIDTH
from dashboard.articles.reader import decode, parse_article
from dashboard.articles.records import Article
from dashboard.errors import ArticleError
from dashboard.nlp.quotes.grammar import MARKS
from dashboard.nlp.quotes.marks import quoted_spans

# Text that looks like articles often enough to get past the checks: lines, blank lines,
# odd spaces, zero-width characters, quotation marks, front matter fences, and any character.
PIECES = st.sampled_from(
    ["\n", "\n\n", "\r\n", "\r", " ", "\u00a0", "\u2009", "\u200b", "\ufeff", "\t", "---\n", "# ", "title: x\n", *MARKS]
)
WORDS = st.text(min_size=1, max_size=12)
ARTICLE_TEXT = st.lists(st.one_of(PIECES, WORDS, st.just("Council votes on budget")), max_size=40).map("".join)
PROFILE = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def shown_as(char: str) -> set[str]:
    """The characters ``char`` of the source may be shown as in a paragraph."""
    if char.isspace() or unicodedata.category(char) == "Zs":
        return {" ", char}
    return {char}


def check_offsets(article: Article) -> None:
    source = article.source_text
    assert article.paragraphs and article.paragraphs[0].number == 0
    for paragraph in article.paragraphs:
        offsets = list(paragraph.offsets)
        assert len(offsets) == len(paragraph.text) > 0
        assert offsets == sorted(set(offsets)), "offsets increase"
        assert offsets[0] >= 0 and offsets[-1] < len(source)
        for char, offset in zip(paragraph.text, offsets, strict=True):
            assert char in shown_as(source[offset]), (char, source[offset])
            assert char not in ZERO_WIDTH
    for start in range(0, len(article.text), max(len(article.text) // 7, 1)):
        _, offset = article.locate(start)
        assert 0 <= offset < len(source)


@PROFILE
@given(text=st.one_of(ARTICLE_TEXT, st.text(max_size=300)), html=st.booleans())
def test_any_text_is_an_article_with_true_offsets_or_an_article_error(text: str, html: bool) -> None:
    try:
        article = parse_article(text, article_id="prop", path="prop.txt", html=html)
    except ArticleError as error:
        assert str(error).startswith("prop.txt: ") and "\n" not in error.problem
        return
    check_offsets(article)


@PROFILE
@given(data=st.one_of(st.binary(max_size=400), ARTICLE_TEXT.map(lambda t: t.encode("utf-16"))))
def test_any_bytes_decode_or_give_an_article_error(data: bytes) -> None:
    try:
        text = decode(data, "prop.txt")
    except ArticleError:
        return
    assert isinstance(text, str)


@PROFILE
@given(text=st.one_of(ARTICLE_TEXT, st.text(alphabet=st.sampled_from([*MARKS, "a", " ", "\n", "."]), max_size=80)))
def test_quoted_spans_lie_inside_the_text_between_marks(text: str) -> None:
    found = quoted_spans(text)
    for span in found.spans:
        assert 0 < span.start <= span.end <= len(text)
        assert text[span.start - 1] in MARKS
        assert span.mark in MARKS
        if span.closed:
            assert span.end < len(text) and text[span.end] in MARKS
        if span.parent is not None:
            assert 0 <= span.parent < len(found.spans)
    assert all(isinstance(problem, str) for problem in found.problems)
