"""Cross-article counts and charts on small hand-made tables: one person in two articles is one speaker."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.charts.corpus import (
    actor_timeline_chart,
    actor_timeline_summary,
    actor_timeline_title,
    corpus_quoted_bar,
    corpus_quoted_summary,
    corpus_quoted_title,
    corpus_source,
    time_bins,
    topic_attention_heatmap,
    topic_attention_title,
)
from dashboard.charts.corpus_counts import (
    NO_KEY,
    UNDATED,
    actor_article_counts,
    actor_timeline,
    actor_totals,
    corpus_quotes,
    key_names,
    speaker_article_counts,
    speaker_articles,
    speaker_totals,
    topic_article_counts,
    topic_period_matrix,
)
from dashboard.charts.counts import UNATTRIBUTED
from dashboard.charts.template import count_step
from dashboard.store.actor_keys import actor_keys
from dashboard.store.schema import LIST, TABLES, conform
from dashboard.ui.corpus_quotes import corpus_rows, resolve_speakers

DEFAULTS = {"string": "", "int32": 0, "int64": 0, LIST: []}


def table(name: str, *rows: dict) -> pd.DataFrame:
    base = {c.name: DEFAULTS[c.dtype] for c in TABLES[name]}
    return conform(pd.DataFrame([{**base, **row} for row in rows]), name)


def make_actors(*rows: tuple[str, str, str, str, int]) -> pd.DataFrame:
    """(article, actor_id, name, type, mentions); keys computed as the build does."""
    frame = table(
        "actors",
        *({"article": a, "actor_id": i, "name": n, "type": t, "mentions": m} for a, i, n, t, m in rows),
    )
    return frame.assign(key=actor_keys(frame))


ARTICLES = table(
    "articles",
    {"article": "a1", "title": "Wall", "date": "2019-01-07", "credit": "Wikinews, CC BY 2.5"},
    {"article": "a2", "title": "Bolton", "date": "2019-09-12", "credit": "Wikinews, CC BY 2.5"},
    {"article": "ref", "title": "Summit", "date": None, "credit": None},
)
# "Donald Trump" in a1, only "Trump" in a2: one key, two articles.
ACTORS = make_actors(
    ("a1", "donald-trump", "Donald Trump", "PERSON", 5),
    ("a1", "nancy-pelosi", "Nancy Pelosi", "PERSON", 2),
    ("a2", "trump", "Trump", "PERSON", 3),
    ("a2", "john-bolton", "John Bolton", "PERSON", 4),
    ("ref", "kremlin", "Kremlin", "ORG", 1),
)
QUOTES = table(
    "quotes",
    {"article": "a1", "quote_id": "q1", "statement": 1,
     "text": "wall now", "speaker": "Donald Trump", "speaker_id": "donald-trump"},
    {"article": "a1", "quote_id": "q2", "statement": 2,
     "text": "no wall", "speaker": "Nancy Pelosi", "speaker_id": "nancy-pelosi"},
    {"article": "a1", "quote_id": "q3", "statement": 3,
     "text": "a shutdown", "speaker": "Donald Trump", "speaker_id": "donald-trump"},
    {"article": "a2", "quote_id": "q1", "statement": 1,
     "text": "he is fired", "speaker": "Trump", "speaker_id": "trump"},
    {"article": "a2", "quote_id": "q2", "statement": 2,
     "text": "I resigned", "speaker": "John Bolton", "speaker_id": "john-bolton"},
    {"article": "ref", "quote_id": "q1", "statement": 1,
     "text": "talks went well", "speaker": None, "speaker_id": None},
)
TOPICS = table(
    "topic_mentions",
    {"article": "a1", "topic": "borders", "term": "wall"},
    {"article": "a1", "topic": "borders", "term": "wall"},
    {"article": "a2", "topic": "diplomacy", "term": "adviser"},
    {"article": "ref", "topic": "diplomacy", "term": "talks"},
)


@pytest.fixture()
def corpus() -> pd.DataFrame:
    return corpus_quotes(QUOTES, ACTORS, ARTICLES)


def test_a_speaker_in_two_articles_counts_once(corpus: pd.DataFrame) -> None:
    totals = speaker_totals(speaker_article_counts(corpus), key_names(ACTORS))
    trump = totals[totals["speaker_key"] == "donald-trump"]
    assert len(trump) == 1
    assert trump.iloc[0].to_dict() == {
        "speaker_key": "donald-trump",
        "name": "Donald Trump",
        "quotes": 3,
        "articles": 2,
    }
    assert list(totals["speaker_key"])[0] == "donald-trump"
    assert "trump" not in set(totals["speaker_key"])
    assert corpus_quoted_title(totals) == "Donald Trump is quoted most across the corpus: 3 statements in 2 articles"


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Trump", "Donald Trump", "Donald Trump"], "Donald Trump"),  # most common
        (["Trump", "Donald Trump"], "Donald Trump"),  # tie: the longest
        (["Donald J. Trump", "Donald Trump", "Donald Trump"], "Donald Trump"),
    ],
)
def test_display_name_is_most_common_then_longest(names: list[str], expected: str) -> None:
    frame = pd.DataFrame({"key": ["donald-trump"] * len(names), "name": names})
    assert key_names(frame)["donald-trump"] == expected


def test_corpus_quotes_carry_article_date_key_and_name(corpus: pd.DataFrame) -> None:
    assert list(corpus["article"]) == ["a1", "a1", "a1", "a2", "a2", "ref"]  # by date, undated last
    assert list(corpus["speaker_key"]) == [
        "donald-trump",
        "nancy-pelosi",
        "donald-trump",
        "donald-trump",
        "john-bolton",
        NO_KEY,
    ]
    assert corpus.loc[corpus["article"] == "a2", "speaker_name"].iloc[0] == "Donald Trump"
    assert corpus["speaker_name"].iloc[-1] == UNATTRIBUTED
    assert pd.isna(corpus["date"].iloc[-1])


def test_table_has_an_article_column(corpus: pd.DataFrame) -> None:
    rows = corpus_rows(corpus)
    assert list(rows.columns[:4]) == ["speaker", "quote", "article", "date"]
    assert set(rows["article"]) == {"a1", "a2", "ref"}


@pytest.mark.parametrize(
    ("wanted", "good", "bad"),
    [
        (["donald-trump"], ["donald-trump"], []),
        (["Donald Trump"], ["donald-trump"], []),
        (["Nobody Atall", UNATTRIBUTED], [UNATTRIBUTED], ["Nobody Atall"]),
    ],
)
def test_speakers_from_a_link_accept_keys_and_names(wanted: list[str], good: list[str], bad: list[str]) -> None:
    assert resolve_speakers(wanted, {"donald-trump", "john-bolton"}) == (good, bad)


def test_actor_timeline_orders_by_date_with_undated_last(corpus: pd.DataFrame) -> None:
    per_actor = actor_article_counts(ACTORS, speaker_article_counts(corpus))
    timeline = actor_timeline(per_actor, ARTICLES, "donald-trump")
    assert list(timeline["article"]) == ["a1", "a2"]
    assert list(timeline["mentions"]) == [5, 3] and list(timeline["quotes"]) == [2, 1]
    kremlin = actor_timeline(per_actor, ARTICLES, "kremlin")
    assert list(kremlin["date"]) == [UNDATED]
    assert actor_timeline_title(timeline, "Donald Trump") == "Donald Trump appears in 2 articles and is quoted in 2"
    assert "1 article without a date" in actor_timeline_summary(kremlin, "Kremlin")
    fig = actor_timeline_chart(timeline, "Donald Trump", source="Source: Wikinews, CC BY 2.5")
    assert [t.name for t in fig.data] == ["mentions", "statements"]  # the quotes column counts statements
    assert list(fig.data[0].x) == ["2019-01-07", "2019-09-12"]
    assert fig.layout.xaxis.type == "date"  # eight months apart, not side by side
    assert fig.layout.yaxis.dtick == 1 and fig.layout.yaxis.tickformat == ",d"  # counts: no 0.5 tick


def test_actor_timeline_says_what_its_time_axis_cannot_show(corpus: pd.DataFrame) -> None:
    per_actor = actor_article_counts(ACTORS, speaker_article_counts(corpus))
    kremlin = actor_timeline(per_actor, ARTICLES, "kremlin")
    fig = actor_timeline_chart(kremlin, "Kremlin")
    assert "No dated article mentions this actor" in str(fig.layout.annotations)
    assert "1 article without a date not shown" in fig.layout.title.subtitle.text.replace("<br>", " ")
    both = pd.concat([actor_timeline(per_actor, ARTICLES, "donald-trump"), kremlin], ignore_index=True)
    fig = actor_timeline_chart(both, "Both")
    assert list(fig.data[0].x) == ["2019-01-07", "2019-09-12"]  # the undated one is in the subtitle only


def test_monthly_periods_span_their_month() -> None:
    days = pd.date_range("2019-01-01", "2019-12-31", freq="5D").strftime("%Y-%m-%d")  # 73 dates: monthly
    timeline = pd.DataFrame(
        {"article": list(days), "title": "t", "date": list(days), "mentions": 1, "quotes": 0}
    )
    fig = actor_timeline_chart(timeline, "X")
    assert list(fig.data[0].x) == [f"2019-{m:02d}" for m in range(1, 13)]
    assert fig.data[0].xperiod == "M1" and fig.layout.xaxis.title.text == "Publication date (month)"


@pytest.mark.parametrize(
    ("top", "step"), [(0, 1), (1, 1), (3, 1), (8, 1), (9, 2), (16, 2), (17, 5), (40, 5), (41, 10), (900, 200)]
)
def test_count_axes_step_by_whole_numbers(top: int, step: int) -> None:
    assert count_step(top) == step


def test_actor_totals_rank_by_articles(corpus: pd.DataFrame) -> None:
    per_actor = actor_article_counts(ACTORS, speaker_article_counts(corpus))
    totals = actor_totals(per_actor, key_names(ACTORS))
    assert totals.iloc[0].to_dict() == {
        "key": "donald-trump",
        "name": "Donald Trump",
        "mentions": 8,
        "quotes": 3,
        "articles": 2,
    }


def test_speaker_articles_list_where_each_is_quoted(corpus: pd.DataFrame) -> None:
    per_speaker = speaker_article_counts(corpus)
    listed = speaker_articles(per_speaker, speaker_totals(per_speaker, key_names(ACTORS)), ARTICLES, limit=1)
    assert list(listed["name"]) == ["Donald Trump"]
    assert listed["in_articles"].iloc[0] == "Wall (2); Bolton (1)"


def test_topic_attention_per_date_with_undated_last() -> None:
    matrix = topic_period_matrix(topic_article_counts(TOPICS, ARTICLES))
    assert list(matrix.columns) == ["2019-01-07", "2019-09-12", UNDATED]
    assert matrix.loc["borders"].tolist() == [2, 0, 0]
    assert matrix.loc["diplomacy"].tolist() == [0, 1, 1]
    assert topic_attention_title(matrix) == "borders gets the most attention (2 terms), most in Jan 2019"
    fig = topic_attention_heatmap(matrix, source="Source: x")
    assert fig.layout.title.text and fig.layout.xaxis.type == "date"
    # Eight months apart: one cell per month, every month of the range drawn (gaps to scale).
    assert list(fig.data[0].x) == list(pd.date_range("2019-01-01", "2019-09-01", freq="MS"))
    assert fig.data[0].xperiod == "M1"
    assert list(fig.data[0].y) == ["borders", "diplomacy"]
    assert fig.data[0].z[0][0] == 2 and fig.data[0].z[1][8] == 1 and fig.data[0].z[0][4] is None  # 0 is a gap
    assert "1 term in undated articles not shown" in fig.layout.title.subtitle.text  # never a fake date
    assert fig.data[0].showscale and fig.data[0].colorbar.title.text == "terms"  # a colour key


def test_topic_attention_over_a_few_days_has_a_cell_per_day() -> None:
    dates = ["2021-06-01", "2021-06-04", "2021-06-04"]
    articles = table("articles", *({"article": f"x{i}", "title": f"t{i}", "date": d} for i, d in enumerate(dates)))
    topics = table("topic_mentions", *({"article": f"x{i}", "topic": "health"} for i in range(3)))
    matrix = topic_period_matrix(topic_article_counts(topics, articles))
    bins, monthly = time_bins(matrix)
    assert not monthly and list(bins.columns) == list(pd.date_range("2021-06-01", "2021-06-04"))
    assert bins.loc["health"].tolist() == [1, 0, 0, 2]  # the empty days between are there
    fig = topic_attention_heatmap(matrix)
    assert "per publication date" in fig.layout.title.subtitle.text and not fig.data[0].xperiod
    assert fig.layout.title.text.endswith("most on 4 Jun 2021")


def test_topic_attention_goes_monthly_with_many_dates() -> None:
    dates = pd.date_range("2020-01-01", periods=60, freq="D").strftime("%Y-%m-%d")
    articles = table("articles", *({"article": f"x{i}", "title": f"t{i}", "date": d} for i, d in enumerate(dates)))
    topics = table("topic_mentions", *({"article": f"x{i}", "topic": "health"} for i in range(60)))
    matrix = topic_period_matrix(topic_article_counts(topics, articles))
    assert list(matrix.columns) == ["2020-01", "2020-02"]
    assert matrix.loc["health"].tolist() == [31, 29]


@pytest.mark.parametrize(
    ("credits", "outlets", "expected"),
    [
        (["Wikinews, CC BY 2.5", "Wikinews, CC BY 2.5"], [None, None], "Source: Wikinews, CC BY 2.5"),
        (["Wikinews, CC BY 2.5", None], ["Wikinews", None], "Source: Wikinews, CC BY 2.5; 1 article without a credit"),
        ([None], ["Reuters"], "Source: Reuters"),
    ],
)
def test_corpus_source_line_credits_the_articles(credits, outlets, expected: str) -> None:
    articles = pd.DataFrame({"credit": credits, "outlet": outlets})
    assert corpus_source(articles) == expected


def test_source_line_is_drawn_under_the_corpus_charts(corpus: pd.DataFrame) -> None:
    totals = speaker_totals(speaker_article_counts(corpus), key_names(ACTORS))
    source = corpus_source(ARTICLES)
    fig = corpus_quoted_bar(totals, articles=3, source=source)
    assert [a.text for a in fig.layout.annotations if a.name == "source"] == [source]
    assert list(fig.data[0].x)[-1] == 3  # largest bar on top
    assert corpus_quoted_summary(totals).startswith("3 speakers quoted across the corpus; most quoted: Donald Trump")


@pytest.mark.parametrize("builder", ["quoted", "timeline", "topics"])
def test_empty_corpus_gives_a_message_not_an_error(builder: str) -> None:
    empty_quotes = corpus_quotes(QUOTES.iloc[0:0], ACTORS.iloc[0:0], ARTICLES.iloc[0:0])
    if builder == "quoted":
        fig = corpus_quoted_bar(
            speaker_totals(speaker_article_counts(empty_quotes), pd.Series(dtype=object)), articles=0
        )
    elif builder == "timeline":
        per_actor = actor_article_counts(ACTORS.iloc[0:0], speaker_article_counts(empty_quotes))
        fig = actor_timeline_chart(actor_timeline(per_actor, ARTICLES, "x"), "X")
    else:
        fig = topic_attention_heatmap(topic_period_matrix(topic_article_counts(TOPICS.iloc[0:0], ARTICLES)))
    assert any(a.name == "empty" for a in fig.layout.annotations)
