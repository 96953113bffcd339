"""ArticleTables → the JSON object the ``extract`` command prints per article."""

from __future__ import annotations

from typing import Any

from dashboard.extract import ArticleTables


def article_json(tables: ArticleTables) -> dict[str, Any]:
    """{"article": {...}, "actors": [...], "quotes": [...], "topics": [...]}."""
    article = tables.articles[0]
    return {
        "article": {
            "id": article.article,
            "title": article.title,
            "outlet": article.outlet,
            "date": article.date,
            "url": article.url,
            "path": article.path,
            "paragraphs": article.paragraphs,
            "words": article.words,
        },
        "actors": [
            {"name": a.name, "type": a.type, "aliases": list(a.aliases), "mentions": a.mentions, "role": a.role}
            for a in tables.actors
        ],
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "kind": q.kind,
                "cue": q.cue,
                "rule": q.rule,
                "paragraph": q.paragraph,
                "start": q.start,
                "end": q.end,
                "statement": q.statement,
            }
            for q in tables.quotes
        ],
        "topics": [
            {"topic": t.topic, "paragraph": t.paragraph, "sentence": t.sentence, "term": t.term}
            for t in tables.topic_mentions
        ],
    }
