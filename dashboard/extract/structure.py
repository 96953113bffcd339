"""Article/Doc → article, paragraph and sentence records."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from dashboard.articles import Article
from dashboard.extract.positions import Positions
from dashboard.extract.records import ArticleRecord, ParagraphRecord, SentenceRecord


def article_record(article: Article) -> ArticleRecord:
    return ArticleRecord(
        article=article.id,
        title=article.title,
        outlet=article.outlet,
        date=article.date,
        url=article.url,
        credit=article.credit,
        path=article.path,
        content_hash=article.content_hash,
        paragraphs=len(article.paragraphs),
        words=article.word_count,
    )


def paragraphs(article: Article) -> Iterator[ParagraphRecord]:
    for p in article.paragraphs:
        yield ParagraphRecord(article.id, p.number, p.start, p.end, p.text)


def sentences(doc: Doc, positions: Positions) -> Iterator[SentenceRecord]:
    for sent in doc.sents:
        text = sent.text.strip()
        if not text:
            continue
        offset = sent.text.index(text[0])
        start_char = sent.start_char + offset
        paragraph, number = positions.paragraph_sentence(start_char)
        start, end = positions.source_span(start_char, start_char + len(text))
        yield SentenceRecord(positions.article.id, paragraph, number, start, end, text)
