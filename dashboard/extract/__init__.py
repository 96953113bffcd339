"""Doc → records: one function per table, each reading what a pipeline component wrote."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from dashboard.articles import Article
from dashboard.extract import actors, quotes, structure, topics
from dashboard.extract.positions import Positions
from dashboard.extract.records import (
    ActorRecord,
    ArticleRecord,
    MentionRecord,
    ParagraphRecord,
    QuoteRecord,
    SentenceRecord,
    TopicMentionRecord,
)


@dataclass(frozen=True)
class ArticleTables:
    """Every record extracted from one article, by table name."""

    articles: tuple[ArticleRecord, ...]
    paragraphs: tuple[ParagraphRecord, ...]
    sentences: tuple[SentenceRecord, ...]
    actors: tuple[ActorRecord, ...]
    mentions: tuple[MentionRecord, ...]
    quotes: tuple[QuoteRecord, ...]
    topic_mentions: tuple[TopicMentionRecord, ...]


def extract_tables(doc: Doc, article: Article) -> ArticleTables:
    """All records of one parsed article. The Doc must be ``nlp(article.text)``."""
    positions = Positions(doc, article)
    return ArticleTables(
        articles=(structure.article_record(article),),
        paragraphs=tuple(structure.paragraphs(article)),
        sentences=tuple(structure.sentences(doc, positions)),
        actors=tuple(actors.actors(doc, positions)),
        mentions=tuple(actors.mentions(doc, positions)),
        quotes=tuple(quotes.quotes(doc, positions)),
        topic_mentions=tuple(topics.topic_mentions(doc, positions)),
    )
