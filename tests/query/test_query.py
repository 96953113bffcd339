"""The DuckDB query layer on a store of several Parquet parts with masked articles.

The store is made by hand: each table is split into parts, one part also holds stale rows
of an article that a later part replaces (masked in the older part), and one article is
deleted (masked, in no part). Every SQL answer is checked against the pandas reference
functions of ``dashboard/charts/corpus_counts.py`` run on the version's true rows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard.charts import corpus_counts as reference
from dashboard.charts.counts import UNATTRIBUTED
from dashboard.query import StoreTables, connect, derived, relations
from dashboard.query import articles as article_queries
from dashboard.query import corpus as corpus_queries
from dashboard.query import quotes as quote_queries
from dashboard.query.derived import CorpusFiles, corpus_files
from dashboard.query.quotes import CorpusFilter
from dashboard.store.actor_keys import actor_keys
from dashboard.store.files import TablePart
from dashboard.store.schema import LIST, TABLES, conform

DEFAULTS = {"string": "", "int32": 0, "int64": 0, LIST: []}
VERSION = "v1"


def table(name: str, *rows: dict) -> pd.DataFrame:
    base = {c.name: DEFAULTS[c.dtype] for c in TABLES[name]}
    return conform(pd.DataFrame([{**base, **row} for row in rows], columns=list(base)), name)


def with_keys(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(key=actor_keys(frame))


# The version's true rows. "Donald Trump" in a1, only "Trump" in a2: one key, two articles.
# In ref a speaker that is no actor of its article ("a Kremlin aide") and a quote with no speaker.
ARTICLES = table(
    "articles",
    {"article": "a1", "title": "Wall", "date": "2019-01-07", "credit": "Wikinews, CC BY 2.5", "path": "in/a1.txt"},
    {"article": "a2", "title": "Bolton", "date": "2019-09-12", "credit": "Wikinews, CC BY 2.5", "path": "in/a2.txt"},
    {"article": "ref", "title": "Summit", "date": "", "outlet": "Reuters", "path": "in/ref.txt"},
)
ACTORS = with_keys(
    table(
        "actors",
        {"article": "a1", "actor_id": "donald-trump", "name": "Donald Trump", "type": "PERSON", "mentions": 5},
        {"article": "a1", "actor_id": "nancy-pelosi", "name": "Nancy Pelosi", "type": "PERSON", "mentions": 2},
        {"article": "a2", "actor_id": "trump", "name": "Trump", "type": "PERSON", "mentions": 3},
        {"article": "a2", "actor_id": "john-bolton", "name": "John Bolton", "type": "PERSON", "mentions": 4},
        {"article": "ref", "actor_id": "kremlin", "name": "Kremlin", "type": "ORG", "mentions": 1},
    )
)
QUOTES = table(
    "quotes",
    {"article": "a1", "quote_id": "q1", "text": "wall now", "kind": "direct", "speaker": "Donald Trump",
     "speaker_id": "donald-trump", "cue": "said", "paragraph": 1, "start": 10, "topics": ["borders"]},
    {"article": "a1", "quote_id": "q2", "text": "no wall", "kind": "partial", "speaker": "Nancy Pelosi",
     "speaker_id": "nancy-pelosi", "cue": "said", "paragraph": 2, "start": 50},
    {"article": "a1", "quote_id": "q3", "text": "a shutdown", "kind": "direct", "speaker": "Donald Trump",
     "speaker_id": "donald-trump", "cue": "warned", "paragraph": 3, "start": 90, "topics": ["budget", "borders"]},
    {"article": "a2", "quote_id": "q1", "text": "he is fired", "kind": "direct", "speaker": "Trump",
     "speaker_id": "trump", "cue": "tweeted", "paragraph": 1, "start": 5},
    {"article": "a2", "quote_id": "q2", "text": "I resigned", "kind": "indirect", "speaker": "John Bolton",
     "speaker_id": "john-bolton", "cue": "said", "paragraph": 2, "start": 40, "topics": ["diplomacy"]},
    {"article": "ref", "quote_id": "q1", "text": "talks went well", "kind": "direct", "speaker": "",
     "speaker_id": "", "paragraph": 1, "start": 3},
    {"article": "ref", "quote_id": "q2", "text": "Straße und Ärger", "kind": "scare", "speaker": " a Kremlin aide",
     "speaker_id": "", "paragraph": 2, "start": 30},
)  # fmt: skip
QUOTES["statement"] = QUOTES["paragraph"]  # one statement per quote here: one per paragraph
TOPICS = table(
    "topic_mentions",
    {"article": "a1", "topic": "borders", "term": "wall"},
    {"article": "a1", "topic": "borders", "term": "wall"},
    {"article": "a2", "topic": "diplomacy", "term": "adviser"},
    {"article": "ref", "topic": "diplomacy", "term": "talks"},
)
PARAGRAPHS = table(
    "paragraphs",
    *({"article": a, "paragraph": p, "text": f"{a} paragraph {p}"} for a in ("a1", "a2", "ref") for p in range(4)),
)
TRUE_TABLES = {
    "articles": ARTICLES,
    "actors": ACTORS,
    "quotes": QUOTES,
    "topic_mentions": TOPICS,
    "paragraphs": PARAGRAPHS,
}


def stale(frame: pd.DataFrame, article: str, marker: str) -> pd.DataFrame:
    """Rows an older build wrote for ``article`` (later replaced or deleted): must never show."""
    rows = frame.copy()
    rows["article"] = article
    for column in ("title", "text", "name"):
        if column in rows.columns:
            rows[column] = marker
    return rows.head(2)


def write_parts(folder: Path) -> dict[str, list[TablePart]]:
    """Each table as two parts: part 1 = a1 + stale a2 + a deleted article; part 2 = a2 + ref.

    Part 1 masks a2 (replaced by part 2) and 'gone' (deleted)."""
    parts: dict[str, list[TablePart]] = {}
    for name in TABLES:
        frame = TRUE_TABLES.get(name, table(name))
        first = pd.concat(
            [frame[frame["article"] == "a1"], stale(frame, "a2", "STALE"), stale(frame, "gone", "DELETED")],
            ignore_index=True,
        )
        second = frame[frame["article"] != "a1"]
        paths = []
        for i, rows in enumerate((first, second), start=1):
            path = folder / f"{name}-{i}.parquet"
            conform(rows, name).to_parquet(path, index=False, row_group_size=2)  # small groups: pruning
            paths.append(path)
        parts[name] = [TablePart(paths[0], frozenset({"a2", "gone"})), TablePart(paths[1])]
    return parts


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[TablePart]]:
    return write_parts(tmp_path_factory.mktemp("parts"))


@pytest.fixture()
def tables(parts: dict[str, list[TablePart]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> StoreTables:
    def fake_parts(build_dir: Path, name: str, version: str | None = None) -> list[TablePart]:
        return parts[name]

    monkeypatch.setattr(relations, "table_parts", fake_parts)
    return StoreTables(tmp_path / "store", VERSION)


@pytest.fixture()
def cursor() -> Iterator[duckdb.DuckDBPyConnection]:
    database = connect(memory_mb=128, threads=1)
    with database.cursor() as cursor:
        yield cursor
    database.close()


@pytest.fixture(params=[derived.CHUNK_QUOTES, 2], ids=["one-chunk", "chunks-of-2-quotes"])
def files(
    cursor: duckdb.DuckDBPyConnection, tables: StoreTables, tmp_path: Path, request, monkeypatch: pytest.MonkeyPatch
) -> CorpusFiles:
    """The derived files, made in one chunk or in chunks of articles holding about two quotes."""
    monkeypatch.setattr(derived, "CHUNK_QUOTES", request.param)
    made = corpus_files(cursor, tables, cache_dir=tmp_path / "cache")
    assert (len(made.quotes) == 1) == (request.param > 100)
    return made


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return reference.corpus_quotes(QUOTES, ACTORS, ARTICLES)


# -- relations: the union of parts minus masks --------------------------------------------------


@pytest.mark.parametrize("name", ["articles", "actors", "quotes", "topic_mentions", "paragraphs"])
def test_a_table_is_its_parts_minus_masked_articles(cursor, tables: StoreTables, name: str) -> None:
    rows = cursor.execute(f"SELECT * FROM {tables.sql(name)}").df()
    expected = TRUE_TABLES[name]
    assert sorted(rows["article"]) == sorted(expected["article"])
    assert len(rows) == len(expected)
    if "text" in rows.columns:
        assert not rows["text"].isin(["STALE", "DELETED"]).any()


def test_a_table_without_parts_is_empty_with_the_schema_columns(cursor) -> None:
    rows = cursor.execute(f"SELECT * FROM {relations.table_relation([], 'quotes')}").df()
    assert rows.empty and list(rows.columns) == [c.name for c in TABLES["quotes"]]


@pytest.mark.parametrize("article", ["O'Brien", 'say "hi"', "a2"])
def test_masked_ids_with_quotes_in_them_are_escaped(cursor, tmp_path: Path, article: str) -> None:
    path = tmp_path / "p.parquet"
    table("articles", {"article": article, "title": "x"}, {"article": "kept", "title": "y"}).to_parquet(path)
    sql = relations.table_relation([TablePart(path, frozenset({article}))], "articles")
    assert [r[0] for r in cursor.execute(f"SELECT article FROM {sql}").fetchall()] == ["kept"]


@pytest.mark.parametrize("article", ["a1", "ref"])
def test_reading_one_article_prunes_row_groups(cursor, tables: StoreTables, article: str) -> None:
    """The predicate reaches the Parquet scans: row groups (and parts) without the id are skipped."""
    plan = cursor.execute(f"EXPLAIN ANALYZE SELECT * FROM {tables.sql('quotes')} WHERE article = ?", [article])
    scanned = re.findall(r"Row Groups Scanned:\s*(\d+)\s*/\s*(\d+)", plan.fetchall()[0][1])
    read = sum(int(done) for done, _ in scanned)
    assert scanned and 1 <= read <= 2, scanned  # of 6 row groups (two per article) in the two parts


# -- one article --------------------------------------------------------------------------------


@pytest.mark.parametrize("article", ["a1", "a2", "ref"])
def test_one_article_gets_exactly_its_rows(cursor, tables: StoreTables, article: str) -> None:
    rows = article_queries.article_rows(cursor, tables, article)
    for name, frame in rows.items():
        expected = TRUE_TABLES.get(name, table(name))
        expected = expected[expected["article"] == article].reset_index(drop=True)
        pd.testing.assert_frame_equal(frame, conform(expected, name))
    meta = article_queries.article_meta(cursor, tables, article)
    assert meta is not None and meta["title"] == ARTICLES.set_index("article").at[article, "title"]


@pytest.mark.parametrize("wanted", [["a1", "ref"], ["ref", "gone", "nope"], ["a2"], []])
def test_several_articles_get_exactly_their_rows_in_one_query_per_table(cursor, tables, wanted) -> None:
    names = ("actors", "mentions", "quotes", "sentences")
    rows = article_queries.several_articles_rows(cursor, tables, wanted, names)
    assert set(rows) == {"articles", *names}
    for name, frame in rows.items():
        one_by_one = [
            article_queries.table_rows(cursor, tables, name, a) for a in sorted(set(wanted) - {"gone", "nope"})
        ]
        expected = pd.concat([conform(table(name), name), *one_by_one], ignore_index=True)
        got = frame.sort_values(["article"], kind="stable", ignore_index=True)
        pd.testing.assert_frame_equal(got, conform(expected, name), check_dtype=False)


@pytest.mark.parametrize("article", ["gone", "nope"])
def test_a_deleted_or_unknown_article_is_not_found(cursor, tables: StoreTables, article: str) -> None:
    assert article_queries.article_meta(cursor, tables, article) is None
    assert all(frame.empty for frame in article_queries.article_rows(cursor, tables, article).values())


@pytest.mark.parametrize(("limit", "expected"), [(10, ["a1", "a2", "ref"]), (2, ["a2", "ref"]), (1, ["ref"])])
def test_the_picker_lists_the_newest_articles_in_article_order(cursor, tables, limit: int, expected) -> None:
    assert list(article_queries.newest_articles(cursor, tables, limit=limit)["article"]) == expected


def test_known_articles_and_titles_by_path(cursor, tables: StoreTables) -> None:
    assert list(article_queries.known_articles(cursor, tables, ["ref", "gone", "a1"])["article"]) == ["a1", "ref"]
    titles = article_queries.titles_by_path(cursor, tables, ["in/ref.txt", "in/gone.txt", "x"])
    assert titles == {"in/ref.txt": "Summit"}


# -- corpus aggregates == the pandas reference --------------------------------------------------


def test_derived_quotes_match_the_reference(cursor, files: CorpusFiles, corpus: pd.DataFrame) -> None:
    rows = quote_queries.quote_page(cursor, files, CorpusFilter(), offset=0, limit=100)
    columns = ["article", "quote_id", "title", "speaker_key", "speaker_name", "topics_text", "kind", "cue"]
    pd.testing.assert_frame_equal(rows.loc[:, columns], corpus.loc[:, columns], check_dtype=False)
    assert list(rows["date"].fillna("NA")) == list(corpus["date"].fillna("NA"))
    assert "a-kremlin-aide" in set(rows["speaker_key"])  # keyed by its own text, as the build folds names


def test_speaker_and_actor_totals_match_the_reference(cursor, tables, files, corpus: pd.DataFrame) -> None:
    names = reference.key_names(ACTORS)
    per_speaker = reference.speaker_article_counts(corpus)
    speakers = reference.speaker_totals(per_speaker, names)
    actors = reference.actor_totals(reference.actor_article_counts(ACTORS, per_speaker), names)
    pd.testing.assert_frame_equal(corpus_queries.speaker_totals(cursor, tables, files), speakers, check_dtype=False)
    pd.testing.assert_frame_equal(corpus_queries.actor_totals(cursor, tables, files), actors, check_dtype=False)
    pd.testing.assert_series_equal(
        corpus_queries.key_names(cursor, files), names, check_dtype=False, check_index_type=False
    )


@pytest.mark.parametrize("key", ["donald-trump", "kremlin", "a-kremlin-aide", "nobody"])
def test_actor_timeline_matches_the_reference(cursor, tables, files, corpus: pd.DataFrame, key: str) -> None:
    per_actor = reference.actor_article_counts(ACTORS, reference.speaker_article_counts(corpus))
    expected = reference.actor_timeline(per_actor, ARTICLES, key)
    got = corpus_queries.actor_timeline(cursor, files, key)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


@pytest.mark.parametrize(("listed", "expected"), [(5, "Wall (2); Bolton (1)"), (1, "Wall (2); … and 1 more")])
def test_most_quoted_speakers_list_their_articles(cursor, tables, files, listed: int, expected: str) -> None:
    totals = corpus_queries.speaker_totals(cursor, tables, files)
    rows = corpus_queries.speaker_articles(cursor, files, totals, limit=2, listed=listed)
    assert list(rows["name"]) == ["Donald Trump", "John Bolton"]
    assert rows["in_articles"].iloc[0] == expected


@pytest.mark.parametrize("chunk", [derived.CHUNK_QUOTES, 2], ids=["one-chunk", "chunks-of-2-quotes"])
def test_topics_per_date_give_the_reference_matrix(cursor, tables, monkeypatch: pytest.MonkeyPatch, chunk) -> None:
    monkeypatch.setattr(derived, "CHUNK_QUOTES", chunk)
    assert len(derived.article_ranges(cursor, tables)) > (1 if chunk == 2 else 0)
    expected = reference.topic_period_matrix(reference.topic_article_counts(TOPICS, ARTICLES))
    pd.testing.assert_frame_equal(reference.topic_period_matrix(corpus_queries.topic_dates(cursor, tables)), expected)


def test_totals_count_statements_apart_from_fragments(cursor, tables, files, tmp_path: Path) -> None:
    """Two fragments of one act of saying are one statement; a statement with no speaker on
    any fragment is unattributed (the same statement id in two articles is two statements)."""
    quotes = cursor.execute(f"SELECT * FROM {files.sql('quotes')}").df()
    split = quotes.assign(statement=1)  # every article's rows: one statement per article
    split.loc[(split["article"] == "ref") & (split["quote_id"] == "q2"), "statement"] = 2
    path = tmp_path / "split-quotes.parquet"
    split.to_parquet(path, index=False)
    totals = corpus_queries.corpus_totals(cursor, tables, replace(files, quotes=(path,)))
    assert (totals.quotes, totals.statements) == (7, 4)
    assert totals.unattributed == 1  # ref's q1 (no speaker); its q2 is a statement of its own


def test_totals_and_credits(cursor, tables, files) -> None:
    totals = corpus_queries.corpus_totals(cursor, tables, files)
    assert (totals.articles, totals.quotes, totals.statements, totals.unattributed) == (3, 7, 7, 1)
    assert (totals.first_date, totals.last_date, totals.undated) == ("2019-01-07", "2019-09-12", 1)
    used, unnamed = corpus_queries.credits(cursor, tables)
    assert used.to_dict() == {"Wikinews, CC BY 2.5": 2, "Reuters": 1} and unnamed == 0


# -- the all-articles explorer ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (CorpusFilter(), [("a1", "q1"), ("a1", "q2"), ("a1", "q3"), ("a2", "q1"), ("a2", "q2"), ("ref", "q1"),
                          ("ref", "q2")]),
        (CorpusFilter(speakers=("donald-trump",)), [("a1", "q1"), ("a1", "q3"), ("a2", "q1")]),
        (CorpusFilter(speakers=(UNATTRIBUTED,)), [("ref", "q1")]),
        (CorpusFilter(speakers=("a-kremlin-aide", "john-bolton")), [("a2", "q2"), ("ref", "q2")]),
        (CorpusFilter(articles=("a2",)), [("a2", "q1"), ("a2", "q2")]),
        (CorpusFilter(speakers=("donald-trump",), articles=("a2",)), [("a2", "q1")]),
        (CorpusFilter(text="WALL"), [("a1", "q1"), ("a1", "q2")]),
        (CorpusFilter(text="trump"), [("a1", "q1"), ("a1", "q3"), ("a2", "q1")]),  # the speaker name is searched
        (CorpusFilter(text=" warned "), [("a1", "q3")]),  # and the cue
        (CorpusFilter(text="ärger"), [("ref", "q2")]),
        (CorpusFilter(topics=("borders",)), [("a1", "q1"), ("a1", "q3")]),
        (CorpusFilter(topics=("budget", "diplomacy")), [("a1", "q3"), ("a2", "q2")]),
        (CorpusFilter(kinds=("direct",), articles=("a1", "ref")), [("a1", "q1"), ("a1", "q3"), ("ref", "q1")]),
        (CorpusFilter(speakers=("nobody",)), []),
        (CorpusFilter(text="it's; DROP TABLE"), []),
    ],
    ids=["all", "key", "unattributed", "two-keys", "article", "key+article", "text", "speaker-text", "cue",
         "unicode", "topic", "topics", "kind+articles", "none", "sql-text"],
)  # fmt: skip
def test_corpus_filter(cursor, files, chosen: CorpusFilter, expected: list[tuple[str, str]]) -> None:
    rows = quote_queries.quote_page(cursor, files, chosen, offset=0, limit=100)
    assert list(zip(rows["article"], rows["quote_id"], strict=True)) == expected
    assert quote_queries.count_quotes(cursor, files, chosen) == len(expected)


@pytest.mark.parametrize(("offset", "limit"), [(0, 2), (2, 2), (6, 2), (7, 2), (1, 5)])
def test_a_page_is_a_slice_of_the_filtered_order(cursor, files, offset: int, limit: int) -> None:
    everything = quote_queries.quote_page(cursor, files, CorpusFilter(), offset=0, limit=100)
    page = quote_queries.quote_page(cursor, files, CorpusFilter(), offset=offset, limit=limit)
    expected = everything.iloc[offset : offset + limit].reset_index(drop=True)
    pd.testing.assert_frame_equal(page, expected)


def test_one_quote_by_its_ids(cursor, files) -> None:
    row = quote_queries.quote_row(cursor, files, "a2", "q1")
    assert row is not None and (row["speaker_name"], row["title"]) == ("Donald Trump", "Bolton")
    assert quote_queries.quote_row(cursor, files, "gone", "q1") is None


@pytest.mark.parametrize("batch_rows", [1, 3, 1000])
@pytest.mark.parametrize("chosen", [CorpusFilter(), CorpusFilter(speakers=("donald-trump",)), CorpusFilter(text="zzz")])
def test_exports_have_every_filtered_row_whatever_the_batches(
    cursor, files, monkeypatch: pytest.MonkeyPatch, batch_rows: int, chosen: CorpusFilter
) -> None:
    monkeypatch.setattr(quote_queries, "BATCH_ROWS", batch_rows)
    rows = quote_queries.quote_page(cursor, files, chosen, offset=0, limit=100)
    text = quote_queries.export_json(cursor, files, chosen)
    records = json.loads(text)
    assert text == json.dumps(records, ensure_ascii=False, indent=1)  # one well-formed document
    assert [(r["article"], r["quote_id"]) for r in records] == list(zip(rows["article"], rows["quote_id"], strict=True))
    assert all(list(r) == quote_queries.EXPORT_COLUMNS for r in records)
    unattributed = [r for r in records if r["speaker_key"] == ""]
    assert all(r["speaker"] is None for r in unattributed)
    csv = pd.read_csv(pd.io.common.StringIO(quote_queries.export_csv(cursor, files, chosen)), keep_default_na=False)
    assert list(csv.columns) == quote_queries.EXPORT_COLUMNS
    assert list(csv["quote_id"]) == list(rows["quote_id"])
    assert list(csv["topics"]) == ["; ".join(t) for t in rows["topics"]]


# -- the connection: a cursor per query ---------------------------------------------------------


def test_cursors_of_one_database_answer_on_many_threads(tables: StoreTables, files: CorpusFiles) -> None:
    database = connect(memory_mb=128, threads=1)

    def ask(key: str) -> list[str]:
        with database.cursor() as cursor:
            rows = quote_queries.quote_page(cursor, files, CorpusFilter(speakers=(key,)), offset=0, limit=100)
            return list(rows["article"] + "~" + rows["quote_id"])

    keys = ["donald-trump", "john-bolton", UNATTRIBUTED] * 8
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(ask, keys))
    database.close()
    assert answers[:3] == [["a1~q1", "a1~q3", "a2~q1"], ["a2~q2"], ["ref~q1"]]
    assert answers == answers[:3] * 8


def test_derived_files_are_made_once_per_version(cursor, tables: StoreTables, tmp_path: Path) -> None:
    first = corpus_files(cursor, tables, cache_dir=tmp_path / "c")
    stamp = first.names.stat().st_mtime_ns
    again = corpus_files(cursor, tables, cache_dir=tmp_path / "c")
    assert again == first and again.names.stat().st_mtime_ns == stamp
    other = corpus_files(cursor, StoreTables(tables.build_dir, "v2"), cache_dir=tmp_path / "c")
    assert other.names.parent != first.names.parent and other.quotes and other.key_articles
