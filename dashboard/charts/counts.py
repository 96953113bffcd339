"""Tables → the counts the charts draw. Pure pandas; every function takes one article's rows."""

from __future__ import annotations

import pandas as pd

from dashboard.charts.statements import count_statements

UNATTRIBUTED = "(unattributed)"


def speaker_labels(quotes: pd.DataFrame) -> pd.Series:
    """The speaker of every quote, with '(unattributed)' where no speaker was found."""
    speakers = quotes["speaker"].astype("string").fillna("").str.strip()
    return speakers.mask(speakers == "", UNATTRIBUTED).astype(object)


def speaker_counts(quotes: pd.DataFrame) -> pd.Series:
    """Statements per speaker, most first (ties by name); '(unattributed)' last.

    A statement is one act of saying (the rows that share ``statement``): a quote split by
    its attribution, or a partial quote inside its reported-speech row, counts once.
    """
    if quotes.empty:
        return pd.Series(dtype="int64", name="quotes")
    counts = count_statements(quotes, speaker_labels(quotes))
    named = counts.drop(UNATTRIBUTED, errors="ignore")
    named = named.sort_index().sort_values(ascending=False, kind="stable")
    if UNATTRIBUTED in counts.index:
        named = pd.concat([named, counts.loc[[UNATTRIBUTED]]])
    return named.astype("int64").rename("quotes")


def actor_names(actors: pd.DataFrame) -> dict[str, str]:
    """actor_id → canonical name."""
    return dict(zip(actors["actor_id"], actors["name"], strict=True))


def mention_counts(actors: pd.DataFrame, mentions: pd.DataFrame) -> pd.Series:
    """Mentions per actor name, most first. Counts the mentions table when it has rows."""
    if actors.empty:
        return pd.Series(dtype="int64", name="mentions")
    if not mentions.empty:
        per_id = mentions["actor_id"].value_counts()
        counts = pd.Series([int(per_id.get(a, 0)) for a in actors["actor_id"]], index=actors["name"])
    else:
        counts = pd.Series(actors["mentions"].astype("int64").to_numpy(), index=actors["name"])
    counts = counts.groupby(level=0).sum()
    counts = counts[counts > 0].sort_index().sort_values(ascending=False, kind="stable")
    return counts.astype("int64").rename("mentions")


def topic_counts(topic_mentions: pd.DataFrame) -> pd.Series:
    """Matched topic terms per topic, most first."""
    if topic_mentions.empty:
        return pd.Series(dtype="int64", name="terms")
    counts = topic_mentions["topic"].value_counts().sort_index()
    return counts.sort_values(ascending=False, kind="stable").astype("int64").rename("terms")


def paragraph_numbers(paragraphs: pd.DataFrame, *others: pd.DataFrame) -> list[int]:
    """Every paragraph of the article (from the paragraphs table, else from the other tables)."""
    numbers: set[int] = set(int(p) for p in paragraphs["paragraph"]) if len(paragraphs) else set()
    if not numbers:
        for frame in others:
            numbers.update(int(p) for p in frame["paragraph"])
    return sorted(numbers)


def actor_paragraph_matrix(
    actors: pd.DataFrame, mentions: pd.DataFrame, paragraphs: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(counts, surface forms): rows = actor_id in order of first mention, columns = paragraphs.

    ``forms`` holds, per cell, the distinct surface texts joined by ', ' ('' when none).
    """
    columns = paragraph_numbers(paragraphs, mentions)
    order = _actor_order(actors, mentions)
    if mentions.empty or not order:
        empty = pd.DataFrame(0, index=pd.Index(order, name="actor_id"), columns=columns)
        return empty.astype("int64"), empty.astype(str).replace("0", "")
    known = mentions[mentions["actor_id"].isin(order)]
    counts = _cross_counts(known, "actor_id", "paragraph", rows=order, columns=columns)
    words = known.assign(text=known["text"].astype(str).str.split().str.join(" "))  # spaces folded
    forms = (
        words.drop_duplicates(["actor_id", "paragraph", "text"])  # distinct forms, first seen first
        .groupby(["actor_id", "paragraph"])["text"]
        .agg(", ".join)
        .unstack(fill_value="")
        .reindex(index=order, columns=columns, fill_value="")
    )
    forms.index.name = "actor_id"
    return counts, forms.fillna("")


def _cross_counts(frame: pd.DataFrame, row: str, column: str, *, rows: list, columns: list) -> pd.DataFrame:
    """Rows of ``frame`` counted per (row value, column value), in the given orders; 0 where none."""
    matrix = (
        frame.groupby([row, column])
        .size()
        .unstack(fill_value=0)
        .reindex(index=rows, columns=columns, fill_value=0)
        .astype("int64")
    )
    matrix.index.name = row
    return matrix


def _actor_order(actors: pd.DataFrame, mentions: pd.DataFrame) -> list[str]:
    """Actors with mentions, most mentioned first (ties: first paragraph, then name)."""
    if actors.empty:
        return []
    frame = actors.loc[:, ["actor_id", "name", "first_paragraph", "mentions"]].copy()
    if not mentions.empty:
        per_id = mentions["actor_id"].value_counts()
        frame["mentions"] = [int(per_id.get(a, 0)) for a in frame["actor_id"]]
    frame = frame[frame["mentions"] > 0]
    frame = frame.sort_values(["mentions", "first_paragraph", "name"], ascending=[False, True, True], kind="stable")
    return list(frame["actor_id"])


def sentence_keys(frame: pd.DataFrame) -> pd.Series:
    return frame["paragraph"].astype("int64").astype(str) + ":" + frame["sentence"].astype("int64").astype(str)


def actor_topic_matrix(actors: pd.DataFrame, mentions: pd.DataFrame, topic_mentions: pd.DataFrame) -> pd.DataFrame:
    """Sentences in which an actor is mentioned and a topic's terms occur: actor_id × topic."""
    order = _actor_order(actors, mentions)
    topics = list(topic_counts(topic_mentions).index)
    if mentions.empty or topic_mentions.empty or not order:
        return pd.DataFrame(0, index=pd.Index(order, name="actor_id"), columns=topics, dtype="int64")
    left = mentions.assign(key=sentence_keys(mentions)).loc[:, ["actor_id", "key"]].drop_duplicates()
    right = topic_mentions.assign(key=sentence_keys(topic_mentions)).loc[:, ["topic", "key"]]
    both = left.merge(right.drop_duplicates(), on="key")
    return _cross_counts(both, "actor_id", "topic", rows=order, columns=topics)


def topic_paragraph_matrix(topic_mentions: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Matched terms per topic (rows, most first) and paragraph (columns)."""
    columns = paragraph_numbers(paragraphs, topic_mentions)
    topics = list(topic_counts(topic_mentions).index)
    if topic_mentions.empty:
        return pd.DataFrame(0, index=pd.Index(topics, name="topic"), columns=columns, dtype="int64")
    return _cross_counts(topic_mentions, "topic", "paragraph", rows=topics, columns=columns)
