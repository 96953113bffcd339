"""Ingestion: article files → Article records (no spaCy here)."""

from dashboard.articles.reader import article_id_for, parse_article, read_article
from dashboard.articles.records import Article, Paragraph

__all__ = ["Article", "Paragraph", "article_id_for", "parse_article", "read_article"]
