"""Quote rows → statements: one row per act of saying, the fragments joined in text order.

The ``statement`` column (see ``dashboard/extract/statements.py``) groups the rows of a
``quotes`` table. Pure pandas, no Streamlit. Tables built before the column existed (or
frames without it) count every row as its own statement.
"""

from __future__ import annotations

import pandas as pd

JOIN = " … "  # between fragments of one statement
KIND_ORDER = ("direct", "indirect", "partial", "scare")  # a statement's kind: the first of its rows' kinds


def statement_keys(quotes: pd.DataFrame) -> pd.Series:
    """A key per row, equal for the rows of one statement ('article:statement'; the row itself without the column)."""
    article = quotes["article"].astype(str) if "article" in quotes.columns else pd.Series("", index=quotes.index)
    if "statement" in quotes.columns:
        return (article + ":" + quotes["statement"].astype("int64").astype(str)).astype(object)
    return (article + ":" + quotes["quote_id"].astype(str)).astype(object)


def count_statements(quotes: pd.DataFrame, by: pd.Series) -> pd.Series:
    """Distinct statements per value of ``by`` (a Series aligned with ``quotes``)."""
    keys = statement_keys(quotes)
    return pd.DataFrame({"by": by.to_numpy(), "key": keys.to_numpy()}).groupby("by")["key"].nunique()


def statement_rows(quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per statement, in the order of ``quotes``' sort keys, with the columns of ``quotes``.

    ``text`` joins the fragments in text order with ' … ' (a partial quote inside its
    reported-speech row is not repeated); ``kind`` is the statement's leading kind (direct,
    then indirect, partial, scare); ``start``/``end`` span every fragment; ``topics`` is the
    union; ``quote_id`` is the first row's id, ``quote_ids`` lists every row's id and
    ``fragments`` counts the rows. Vectorised per column: it runs on every rerun.
    """
    columns = [*quotes.columns, "quote_ids", "fragments"]
    if quotes.empty:
        return quotes.assign(quote_ids=pd.Series(dtype=object), fragments=pd.Series(dtype="int64")).loc[:, columns]
    ordered = quotes.sort_values(["start", "end"], ascending=[True, False], kind="stable")
    key = statement_keys(ordered).rename("_statement")
    reach = ordered["end"].astype("int64").groupby(key).cummax().groupby(key).shift()  # furthest end so far
    outer = reach.isna() | (ordered["end"].astype("int64") > reach)  # not inside an earlier row
    grouped = ordered.groupby(key, sort=False)
    out = ordered.loc[~key.duplicated()].copy()
    out.index = pd.Index(key[~key.duplicated()].to_numpy())
    texts: dict[object, list[str]] = {}
    ids: dict[object, list[str]] = {}
    topics: dict[object, dict[str, None]] = {}
    for k, text, quote_id, row_topics, keep in zip(
        key, ordered["text"], ordered["quote_id"], ordered["topics"], outer, strict=True
    ):  # plain loops: pandas' per-group Python aggregation is ten times slower here
        if keep:
            texts.setdefault(k, []).append(str(text))
        ids.setdefault(k, []).append(str(quote_id))
        topics.setdefault(k, {}).update(dict.fromkeys(str(t) for t in (row_topics if row_topics is not None else [])))
    out["text"] = [JOIN.join(texts.get(k, [])) for k in out.index]
    rank = ordered["kind"].astype(str).map({k: i for i, k in enumerate(KIND_ORDER)}).fillna(len(KIND_ORDER))
    leading = rank.groupby(key, sort=False).idxmin()
    out["kind"] = ordered["kind"].loc[leading.reindex(out.index).to_numpy()].to_numpy()
    out["start"] = grouped["start"].min().astype(quotes["start"].dtype)
    out["end"] = grouped["end"].max().astype(quotes["end"].dtype)
    out["topics"] = [list(topics[k]) for k in out.index]
    out["quote_ids"] = [ids[k] for k in out.index]
    out["fragments"] = grouped.size().astype("int64")
    sort = [c for c in ("date", "article", "paragraph", "start") if c in out.columns]
    out = out.loc[:, columns].sort_values(sort, kind="stable", na_position="last")
    return out.reset_index(drop=True)
