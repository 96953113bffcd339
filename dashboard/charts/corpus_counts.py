"""Whole-corpus tables → the small aggregates the corpus views draw. Pure pandas.

Speakers and actors are linked across articles by ``actors.key``: a quote's
``speaker_id`` names an actor of its own article, and that actor's key is the same in
every article ("Trump" and "Donald Trump" → ``donald-trump``). Each key is shown under
one display name: the name most articles use for it (ties: the longest, then A–Z).

These functions run once per store version (the loaders cache them); the pages then
filter and draw the aggregates, never the full tables.
"""

from __future__ import annotations

import pandas as pd

from dashboard.charts.counts import UNATTRIBUTED
from dashboard.charts.statements import statement_keys

UNDATED = "undated"
NO_KEY = ""  # speaker key of a quote without a speaker
MONTHLY_ABOVE = 40  # more distinct dates than this: topic attention is drawn per month


def _dates(values: pd.Series) -> pd.Series:
    """Publication dates as strings, missing (NA) where unknown or blank."""
    text = values.astype("string").str.strip()
    return text.mask(text == "")


def key_names(actors: pd.DataFrame) -> pd.Series:
    """key → display name: the most common canonical name for the key, ties the longest."""
    if actors.empty:
        return pd.Series(dtype=object, name="name")
    frame = pd.DataFrame({"key": actors["key"].astype(str), "name": actors["name"].astype(str)})
    counted = frame.value_counts().rename("n").reset_index()
    counted["length"] = counted["name"].str.len()
    counted = counted.sort_values(["key", "n", "length", "name"], ascending=[True, False, False, True], kind="stable")
    best = counted.drop_duplicates("key")
    return pd.Series(best["name"].to_numpy(), index=best["key"].to_numpy(), name="name").rename_axis("key")


def corpus_quotes(quotes: pd.DataFrame, actors: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Every quote with its article's title and date, the speaker's key and display name.

    Quotes without a speaker (or whose speaker is not an actor of the article) keep their
    own speaker text as the name and get the key of that name; with no speaker at all the
    key is '' and the name '(unattributed)'. Sorted by date (undated last), article, position.
    """
    link = actors.loc[:, ["article", "actor_id", "key"]].rename(columns={"actor_id": "speaker_id"})
    link = link.drop_duplicates(["article", "speaker_id"])
    meta = articles.loc[:, ["article", "title", "date"]]
    out = quotes.merge(link, on=["article", "speaker_id"], how="left").merge(meta, on="article", how="left")
    names = key_names(actors)
    speaker = out["speaker"].astype("string").fillna("").str.strip()
    key = out["key"].astype("string").fillna("")
    missing = (key == "") & (speaker != "")
    if missing.any():
        from dashboard.store.actor_keys import name_key

        key = key.mask(missing, speaker.map(name_key))
    out["speaker_key"] = key.astype(object)
    display = key.map(names).astype("string")
    display = display.fillna(speaker).mask(key == NO_KEY, UNATTRIBUTED)
    out["speaker_name"] = display.astype(object)
    out["title"] = out["title"].astype("string").fillna(out["article"])
    out["date"] = _dates(out["date"])
    out["topics_text"] = out["topics"].map(lambda t: ", ".join(t) if t is not None else "").astype(object)
    search = out["text"].fillna("") + " " + out["speaker_name"] + " " + speaker + " " + out["cue"].fillna("")
    out["search_text"] = search.astype(str).str.casefold().astype(object)
    out = out.drop(columns=["key"])
    out = out.sort_values(["date", "article", "paragraph", "start"], na_position="last", kind="stable")
    return out.reset_index(drop=True)


def speaker_article_counts(corpus: pd.DataFrame) -> pd.DataFrame:
    """Statements per (speaker key, article): columns speaker_key, article, quotes. No unattributed.

    The column keeps its name ``quotes``; it counts statements (rows sharing ``statement`` once).
    """
    named = corpus[corpus["speaker_key"] != NO_KEY]
    if named.empty:
        return pd.DataFrame({"speaker_key": [], "article": [], "quotes": []}).astype({"quotes": "int64"})
    named = named.assign(_statement=statement_keys(named))
    counts = named.groupby(["speaker_key", "article"], sort=True)["_statement"].nunique().rename("quotes").reset_index()
    return counts.astype({"quotes": "int64"})


def speaker_totals(per_article: pd.DataFrame, names: pd.Series) -> pd.DataFrame:
    """One row per speaker key: name, quotes, articles — most quoted first (ties by name).

    A key quoted in two articles is one speaker with the quotes of both.
    """
    columns = ["speaker_key", "name", "quotes", "articles"]
    if per_article.empty:
        return pd.DataFrame({c: [] for c in columns}).astype({"quotes": "int64", "articles": "int64"})
    totals = per_article.groupby("speaker_key").agg(quotes=("quotes", "sum"), articles=("article", "nunique"))
    totals = totals.reset_index()
    totals["name"] = totals["speaker_key"].map(names).fillna(totals["speaker_key"]).astype(object)
    totals = totals.sort_values("name", kind="stable").sort_values(
        ["quotes", "articles"], ascending=False, kind="stable"
    )
    return totals.loc[:, columns].astype({"quotes": "int64", "articles": "int64"}).reset_index(drop=True)


def actor_article_counts(actors: pd.DataFrame, per_speaker: pd.DataFrame) -> pd.DataFrame:
    """Mentions and quotes per (actor key, article): columns key, article, mentions, quotes."""
    mentions = actors.groupby(["key", "article"])["mentions"].sum().astype("int64").rename("mentions")
    quotes = per_speaker.rename(columns={"speaker_key": "key"}).set_index(["key", "article"])["quotes"]
    both = pd.concat([mentions, quotes], axis=1).fillna(0).astype("int64")
    both.index.names = ["key", "article"]
    return both.reset_index()


def actor_totals(per_actor: pd.DataFrame, names: pd.Series) -> pd.DataFrame:
    """One row per actor key: name, mentions, quotes, articles — most mentioned first."""
    columns = ["key", "name", "mentions", "quotes", "articles"]
    if per_actor.empty:
        return pd.DataFrame({c: [] for c in columns}).astype({c: "int64" for c in columns[2:]})
    totals = per_actor.groupby("key").agg(
        mentions=("mentions", "sum"), quotes=("quotes", "sum"), articles=("article", "nunique")
    )
    totals = totals.reset_index()
    totals["name"] = totals["key"].map(names).fillna(totals["key"]).astype(object)
    totals = totals.sort_values("name", kind="stable").sort_values(
        ["articles", "mentions"], ascending=False, kind="stable"
    )
    return totals.loc[:, columns].astype({c: "int64" for c in columns[2:]}).reset_index(drop=True)


def speaker_articles(
    per_speaker: pd.DataFrame, totals: pd.DataFrame, articles: pd.DataFrame, *, limit: int
) -> pd.DataFrame:
    """The ``limit`` most quoted speakers with the articles that quote them (most quotes first)."""
    top = totals.head(limit)
    rows = per_speaker[per_speaker["speaker_key"].isin(set(top["speaker_key"]))]
    titles = dict(zip(articles["article"], articles["title"], strict=True))
    rows = rows.sort_values(["quotes", "article"], ascending=[False, True], kind="stable")
    listed = rows.groupby("speaker_key", sort=False).apply(
        lambda g: "; ".join(f"{titles.get(a, a)} ({q})" for a, q in zip(g["article"], g["quotes"], strict=True)),
        include_groups=False,
    )
    out = top.assign(in_articles=top["speaker_key"].map(listed).fillna(""))
    return out.loc[:, ["name", "quotes", "articles", "in_articles", "speaker_key"]].reset_index(drop=True)


def actor_timeline(per_actor: pd.DataFrame, articles: pd.DataFrame, key: str) -> pd.DataFrame:
    """One actor's articles in publication order (undated last): date, article, title, mentions, quotes."""
    theirs = per_actor[per_actor["key"] == key]
    meta = articles.loc[:, ["article", "title", "date"]]
    rows = theirs.merge(meta, on="article", how="left")
    rows["title"] = rows["title"].astype("string").fillna(rows["article"])
    rows["date"] = _dates(rows["date"])
    rows = rows.sort_values(["date", "article"], na_position="last", kind="stable")
    rows["date"] = rows["date"].fillna(UNDATED)
    columns = ["date", "article", "title", "mentions", "quotes"]
    return rows.loc[:, columns].astype({"date": object, "title": object}).reset_index(drop=True)


def topic_article_counts(topic_mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Matched topic terms per (topic, article), with the article's date ('undated' when unknown)."""
    if topic_mentions.empty:
        return pd.DataFrame({"topic": [], "article": [], "date": [], "terms": []}).astype({"terms": "int64"})
    counts = topic_mentions.groupby(["topic", "article"]).size().rename("terms").reset_index()
    dates = articles.loc[:, ["article", "date"]]
    counts = counts.merge(dates, on="article", how="left")
    counts["date"] = _dates(counts["date"]).fillna(UNDATED).astype(object)
    counts["topic"] = counts["topic"].astype(object)
    return counts.loc[:, ["topic", "article", "date", "terms"]].astype({"terms": "int64"})


def period_of(dates: pd.Series, *, monthly: bool) -> pd.Series:
    """'2019-01-07' → itself, or '2019-01' when monthly; 'undated' stays."""
    text = dates.astype(str)
    return text.where(text == UNDATED, text.str[:7]) if monthly else text


def topic_period_matrix(per_article: pd.DataFrame) -> pd.DataFrame:
    """Topic terms: rows = topics (most first), columns = dates in order (months when there
    are many dates), 'undated' last."""
    if per_article.empty:
        return pd.DataFrame(dtype="int64")
    dated = per_article["date"] != UNDATED
    monthly = per_article.loc[dated, "date"].nunique() > MONTHLY_ABOVE
    periods = period_of(per_article["date"], monthly=monthly)
    matrix = per_article.assign(period=periods).pivot_table(
        index="topic", columns="period", values="terms", aggfunc="sum", fill_value=0
    )
    columns = sorted(c for c in matrix.columns if c != UNDATED) + ([UNDATED] if UNDATED in matrix.columns else [])
    order = matrix.sum(axis=1).sort_index().sort_values(ascending=False, kind="stable").index
    matrix = matrix.reindex(index=order, columns=columns, fill_value=0).astype("int64")
    matrix.index.name, matrix.columns.name = "topic", "period"
    return matrix
