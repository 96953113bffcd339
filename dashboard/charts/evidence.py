"""The text behind a number: sentences behind a heatmap cell, a quote in its paragraph.

Each function returns escaped HTML with the relevant words in ``<mark>``; pure pandas.
"""

from __future__ import annotations

import pandas as pd

from dashboard.charts.highlight import Span, highlight, paragraph_block
from dashboard.charts.statements import JOIN, statement_keys


def mention_spans(mentions: pd.DataFrame, *, label: str = "", layer: str = "actor") -> list[Span]:
    return [Span(int(r.start), int(r.end), str(r.text), layer, label) for r in mentions.itertuples(index=False)]


def term_spans(topic_mentions: pd.DataFrame, *, layer: str = "topic") -> list[Span]:
    return [
        Span(int(r.start), int(r.end), str(r.term), layer, str(r.topic)) for r in topic_mentions.itertuples(index=False)
    ]


def _sentence_html(sentence: pd.Series, spans: list[Span]) -> str:
    inner = highlight(
        str(sentence["text"]),
        spans,
        text_start=int(sentence["start"]),
        text_end=int(sentence["end"]),
    )
    return paragraph_block(inner, number=int(sentence["paragraph"]))


def _in_sentence(frame: pd.DataFrame, paragraph: int, sentence: int) -> pd.DataFrame:
    return frame[(frame["paragraph"] == paragraph) & (frame["sentence"] == sentence)]


def actor_paragraph_sentences(
    actor_id: str,
    paragraph: int,
    *,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    name: str = "",
) -> list[str]:
    """The sentences of one paragraph that mention the actor, the mentions highlighted."""
    theirs = mentions[(mentions["actor_id"] == actor_id) & (mentions["paragraph"] == paragraph)]
    out = []
    for sentence_number in sorted(set(int(s) for s in theirs["sentence"])):
        rows = _in_sentence(sentences, paragraph, sentence_number)
        if rows.empty:
            continue
        spans = mention_spans(_in_sentence(theirs, paragraph, sentence_number), label=name)
        out.append(_sentence_html(rows.iloc[0], spans))
    return out


def actor_topic_sentences(
    actor_id: str,
    topic: str,
    *,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    topic_mentions: pd.DataFrame,
    name: str = "",
) -> list[str]:
    """Sentences that mention the actor and a term of the topic; both highlighted."""
    theirs = mentions[mentions["actor_id"] == actor_id]
    terms = topic_mentions[topic_mentions["topic"] == topic]
    keys = sorted(
        set(zip(theirs["paragraph"].astype(int), theirs["sentence"].astype(int), strict=True))
        & set(zip(terms["paragraph"].astype(int), terms["sentence"].astype(int), strict=True))
    )
    out = []
    for paragraph, sentence_number in keys:
        rows = _in_sentence(sentences, paragraph, sentence_number)
        if rows.empty:
            continue
        spans = mention_spans(_in_sentence(theirs, paragraph, sentence_number), label=name)
        spans += term_spans(_in_sentence(terms, paragraph, sentence_number))
        out.append(_sentence_html(rows.iloc[0], spans))
    return out


def quote_in_paragraph(quote: pd.Series, paragraphs: pd.DataFrame) -> str:
    """The quote's paragraph with the quote highlighted (escaped HTML); '' if not found.

    A statement row (fragments joined by ' … ') highlights each fragment.
    """
    rows = paragraphs[paragraphs["paragraph"] == int(quote["paragraph"])]
    if rows.empty:
        return ""
    paragraph = rows.iloc[0]
    speaker = quote.get("speaker")
    label = f"{quote['kind']} quote" + (f" — {speaker}" if isinstance(speaker, str) and speaker else "")
    pieces = str(quote["text"]).split(JOIN)  # a statement's fragments, joined by the statement rows
    if len(pieces) == 1:
        spans = [Span(int(quote["start"]), int(quote["end"]), pieces[0], "focus", label)]
    else:  # each fragment is found by its words, in order
        first = int(quote["start"])
        spans = [Span(first + i, first + i, piece, "focus", label) for i, piece in enumerate(pieces)]
    inner = highlight(
        str(paragraph["text"]),
        spans,
        text_start=int(paragraph["start"]),
        text_end=int(paragraph["end"]),
    )
    return paragraph_block(inner, number=int(paragraph["paragraph"]))


def article_html(
    paragraphs: pd.DataFrame,
    *,
    mentions: pd.DataFrame | None = None,
    quotes: pd.DataFrame | None = None,
    topic_mentions: pd.DataFrame | None = None,
    actor_labels: dict[str, str] | None = None,
) -> list[str]:
    """Every paragraph as escaped HTML with the given layers highlighted (None = layer off)."""
    labels = actor_labels or {}
    badged: set[object] = set()  # one speaker badge per statement, on its first fragment
    keys = statement_keys(quotes) if quotes is not None else pd.Series(dtype=object)
    out = []
    for paragraph in paragraphs.sort_values("paragraph").itertuples(index=False):
        number = int(paragraph.paragraph)
        spans: list[Span] = []
        if quotes is not None:
            rows = quotes[quotes["paragraph"] == number].sort_values(["start", "end"], ascending=[True, False])
            for q, key in zip(rows.itertuples(index=False), keys[rows.index], strict=True):
                who = q.speaker if isinstance(q.speaker, str) and q.speaker else "no speaker found"
                badge = "" if q.kind == "scare" or key in badged else who
                badged.add(key)
                spans.append(Span(int(q.start), int(q.end), str(q.text), "quote", f"{q.kind} quote — {who}", badge))
        if mentions is not None:
            for m in mentions[mentions["paragraph"] == number].itertuples(index=False):
                spans.append(
                    Span(
                        int(m.start),
                        int(m.end),
                        str(m.text),
                        "actor",
                        labels.get(str(m.actor_id), ""),
                    )
                )
        if topic_mentions is not None:
            spans += term_spans(topic_mentions[topic_mentions["paragraph"] == number])
        inner = highlight(str(paragraph.text), spans, text_start=int(paragraph.start), text_end=int(paragraph.end))
        out.append(paragraph_block(inner, number=number))
    return out
