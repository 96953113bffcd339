"""Corrections: the editors' log — who changed what and when, applied or stale; undo."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard.corrections.apply import STALE_ARTICLE
from dashboard.corrections.connection import newsroom_store
from dashboard.corrections.service import undo
from dashboard.errors import DashboardError
from dashboard.loaders import build_dir, load_article, load_known_articles
from dashboard.ui.correction_controls import record_status
from dashboard.ui.roles import current_role
from dashboard.ui.url_state import keep_params

keep_params(())
role = current_role()
st.subheader("Corrections log", anchor=False)
if not role.editor:
    st.info("The corrections log is for editors.")
    st.stop()

try:
    store = newsroom_store()
    records = store.records()
except DashboardError as error:
    st.error(str(error))
    st.stop()
if not records:
    st.caption("No corrections yet. Editors correct quotes on the Quotes and Article pages.")
    st.stop()

corrected = load_known_articles(sorted({r.article for r in records}))  # only the corrected articles' rows
hashes = dict(zip(corrected["article"].astype(str), corrected["content_hash"].astype(str), strict=True))
status: dict[int | None, str] = {}
for article in sorted({r.article for r in records}):
    data = load_article(article)
    mine = [r for r in records if r.article == article]
    if data is None or article not in hashes:
        status.update({r.id: "stale: the article is not in the tables" for r in mine})
    else:
        status.update(record_status(data, hashes[article], mine))

log = pd.DataFrame(
    {
        "id": [r.id for r in records],
        "when": [r.at.replace("T", " ").replace("+00:00", " UTC") for r in records],
        "day": [dt.date.fromisoformat(r.day) for r in records],
        "editor": [r.by for r in records],
        "article": [r.article for r in records],
        "quote": [r.target for r in records],
        "change": [r.describe() for r in records],
        "note": [r.note for r in records],
        "status": [status.get(r.id, STALE_ARTICLE) for r in records],
        "view": [
            "./quotes?" + urlencode({"article": r.article, **({"quote": r.target} if r.start >= 0 else {})})
            for r in records
        ],
    }
).sort_values("id", ascending=False)

left, middle, right = st.columns(3)
articles = left.multiselect("Article", sorted(log["article"].unique()), key="corrections_article")
editors = middle.multiselect("Editor", sorted(log["editor"].unique()), key="corrections_editor")
days = right.date_input("Dates", value=(log["day"].min(), log["day"].max()), key="corrections_dates")
shown = log
if articles:
    shown = shown[shown["article"].isin(articles)]
if editors:
    shown = shown[shown["editor"].isin(editors)]
if isinstance(days, tuple) and len(days) == 2:
    shown = shown[(shown["day"] >= days[0]) & (shown["day"] <= days[1])]
stale = int(shown["status"].str.startswith("stale").sum())
st.caption(
    f"{len(shown)} of {len(log)} corrections"
    + (f" · {stale} stale (their article changed: listed, not applied)" if stale else "")
)
st.dataframe(
    shown.drop(columns=["day"]),
    hide_index=True,
    key="corrections_table",
    column_config={
        "id": st.column_config.NumberColumn("#"),
        "view": st.column_config.LinkColumn("View", display_text="open"),
    },
)

undone = {r.undoes for r in records if r.undoes is not None}
can_undo = [int(i) for i in shown["id"] if i not in undone]
with st.container(border=True):
    choice = st.selectbox("Undo a correction", [None, *can_undo], key="corrections_undo_choice",
                          format_func=lambda i: "—" if i is None else f"#{i}")  # fmt: skip
    if st.button("Undo", key="corrections_undo", disabled=choice is None) and choice is not None:
        saved = undo(store, choice, by=role.name, build_dir=build_dir())
        st.toast(f"Correction #{choice} undone (#{saved.record.id}).")
        st.rerun()
