"""Incremental builds: unchanged articles are skipped, nothing earlier is lost."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.store import files
from dashboard.store.actor_keys import actor_keys
from dashboard.store.build import build
from dashboard.store.files import read_tables
from dashboard.store.schema import LIST, TABLES

pytestmark = pytest.mark.model

ARTICLES = {
    "storm.txt": "Storm hits coast\n\nA storm hit the coast on Monday, officials said.\n",
    "vote.txt": (
        "Council votes\n\nThe council voted on the budget.\n\nMayor Ann Lee said \u201cthis is a good day\u201d.\n"
    ),
}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_second_build_skips_unchanged_articles(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    first = build([folder], build_dir=out)
    assert sorted(first.built) == ["storm", "vote"]
    second = build([folder], build_dir=out)
    assert second.built == ()
    assert sorted(second.unchanged) == ["storm", "vote"]
    assert sorted(read_tables(out)["articles"]["article"]) == ["storm", "vote"]


def test_changed_or_added_article_is_rebuilt_and_the_rest_kept(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    build([folder], build_dir=out)
    before = read_tables(out)
    (folder / "storm.txt").write_text("Storm hits coast\n\nA second storm hit the coast.\n", encoding="utf-8")
    (folder / "fire.md").write_text("# Fire in town\n\nA fire broke out.\n", encoding="utf-8")
    summary = build([folder], build_dir=out)
    assert sorted(summary.built) == ["fire", "storm"]
    after = read_tables(out)
    assert sorted(after["articles"]["article"]) == ["fire", "storm", "vote"]
    old_vote = before["sentences"][before["sentences"]["article"] == "vote"].reset_index(drop=True)
    new_vote = after["sentences"][after["sentences"]["article"] == "vote"].reset_index(drop=True)
    assert old_vote.equals(new_vote)
    storm = after["paragraphs"][after["paragraphs"]["article"] == "storm"]
    assert "second storm" in storm["text"].iloc[-1]


def test_an_article_that_breaks_later_keeps_its_last_good_rows(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    build([folder], build_dir=out)
    (folder / "storm.txt").write_bytes(b"")
    summary = build([folder], build_dir=out)
    assert [f.article for f in summary.failures] == ["storm"]
    tables = read_tables(out)
    assert "storm" in set(tables["articles"]["article"])
    assert tables["failures"]["problem"].tolist() == ["the file is empty"]


def test_progress_is_reported_per_article(folder: Path, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    build([folder], build_dir=tmp_path / "tables", progress=lambda done, total, _: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]


def test_a_build_that_lands_while_another_parses_is_not_lost(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    other = tmp_path / "other"
    other.mkdir()
    (other / "fire.txt").write_text("Fire in town\n\nA fire broke out downtown.\n", encoding="utf-8")
    landed: list[str] = []

    def meanwhile(done: int, total: int, article: str) -> None:
        if done == total and not landed:  # the first build has parsed but not yet written
            landed.extend(build([other], build_dir=out).built)

    build([folder], build_dir=out, progress=meanwhile)
    assert landed == ["fire"]
    assert sorted(read_tables(out)["articles"]["article"]) == ["fire", "storm", "vote"]


def test_rows_turned_into_frames_in_chunks_equal_one_chunk(folder: Path, tmp_path: Path, monkeypatch) -> None:
    from dashboard.store import build as build_module

    build([folder], build_dir=tmp_path / "one")
    monkeypatch.setattr(build_module._NewRows, "CHUNK", 1)
    build([folder], build_dir=tmp_path / "chunked")
    one, chunked = read_tables(tmp_path / "one"), read_tables(tmp_path / "chunked")
    for table in ("sentences", "mentions", "quotes", "actors", "paragraphs"):
        assert one[table].equals(chunked[table]), table


def test_two_processes_give_the_same_tables_as_one(tmp_path: Path) -> None:
    """Our components' output (doc.spans, doc._) survives nlp.pipe(n_process=2)."""
    import shutil

    from dashboard import settings

    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("biden-putin-summit.txt", "01-trump-state-of-emergency-border-wall.txt"):
        shutil.copy(settings.ARTICLES_DIR / name, folder / name)
    build([folder], build_dir=tmp_path / "one", n_process=1)
    build([folder], build_dir=tmp_path / "two", n_process=2)
    one, two = read_tables(tmp_path / "one"), read_tables(tmp_path / "two")
    assert len(one["quotes"]) > 10 and len(one["actors"]) > 10
    for table in ("actors", "mentions", "quotes", "topic_mentions", "sentences"):
        assert one[table].equals(two[table]), table


def _parts(out: Path) -> dict[Path, tuple[int, int]]:
    return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (out / "parts").glob("*/*.parquet")}


def test_adding_one_article_writes_only_new_parts_and_a_manifest(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    build([folder], build_dir=out)
    before_tables = read_tables(out)
    before_parts = _parts(out)
    manifests = set((out / files.MANIFESTS).iterdir())
    (folder / "fire.txt").write_text("Fire in town\n\nA fire broke out, Chief Ann Ray said.\n", encoding="utf-8")
    summary = build([folder], build_dir=out)
    assert summary.built == ("fire",)
    after_parts = _parts(out)
    for path, stamp in before_parts.items():
        assert after_parts[path] == stamp, path  # same inode, same mtime: never rewritten
    new = set(after_parts) - set(before_parts)
    assert new and all(pd.read_parquet(p)["article"].unique().tolist() == ["fire"] for p in new)
    assert len(set((out / files.MANIFESTS).iterdir()) - manifests) == 1
    after_tables = read_tables(out)
    for table, frame in before_tables.items():
        if "article" not in frame.columns or table == "failures":
            continue
        kept = after_tables[table][after_tables[table]["article"] != "fire"].reset_index(drop=True)
        assert kept.equals(frame), table


def test_a_rebuilt_article_is_masked_in_its_old_parts(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    build([folder], build_dir=out)
    [old] = files.table_parts(out, "sentences")
    (folder / "storm.txt").write_text("Storm hits coast\n\nA second storm hit.\n", encoding="utf-8")
    build([folder], build_dir=out)
    parts = files.table_parts(out, "sentences")
    assert [p.masked for p in parts if p.path == old.path] == [frozenset({"storm"})]
    sentences = read_tables(out)["sentences"]
    assert sentences[sentences["article"] == "storm"]["text"].tolist()[-1] == "A second storm hit."


ACTOR_FILES = {
    "plain.txt": "Talks resume\n\nTrump said the talks would resume on Monday. Trump smiled.\n",
    "full.txt": "Leader visits\n\nDonald Trump visited the factory on Friday, officials said.\n",
    "other.txt": "Family news\n\nEric Trump told reporters the firm would grow.\n",
}


@pytest.mark.parametrize("order", [("plain", "full", "other"), ("full", "other", "plain"), ("other", "plain", "full")])
def test_actor_keys_stay_corpus_wide_as_articles_are_added(tmp_path: Path, order: tuple[str, ...]) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    out = tmp_path / "tables"
    expected = {
        ("plain",): "trump",
        ("full", "plain"): "donald-trump",
        ("other", "plain"): "eric-trump",  # the one full name ending with Trump
        ("full", "other", "plain"): "trump",  # two full names end with Trump: no link
    }
    for name in order:
        (folder / f"{name}.txt").write_text(ACTOR_FILES[f"{name}.txt"], encoding="utf-8")
        build([folder], build_dir=out)
        actors = read_tables(out)["actors"]
        assert actors["key"].tolist() == actor_keys(actors).tolist()  # stored = computed over all rows
        present = tuple(sorted(set(actors["article"])))
        if "plain" in present:
            plain = actors[actors["article"] == "plain"]["key"].tolist()
            assert plain == [expected[present]]
    whole = tmp_path / "whole"
    build([folder], build_dir=whole)
    sort = ["article", "actor_id"]
    mine = read_tables(out)["actors"].sort_values(sort, ignore_index=True)
    assert mine.equals(read_tables(whole)["actors"].sort_values(sort, ignore_index=True))


def _same(one: dict[str, pd.DataFrame], two: dict[str, pd.DataFrame]) -> None:
    for table, frame in one.items():
        sort = [c.name for c in TABLES[table] if c.dtype != LIST and c.name not in ("when", "content_hash")]
        left = frame.sort_values(sort, ignore_index=True)
        right = two[table].sort_values(sort, ignore_index=True)
        assert left.drop(columns=["when"], errors="ignore").equals(right.drop(columns=["when"], errors="ignore")), table


@pytest.mark.parametrize("damage", ["part", "manifest", "missing part"])
def test_build_repairs_a_damaged_current_version(folder: Path, tmp_path: Path, damage: str) -> None:
    out = tmp_path / "tables"
    build([folder], build_dir=out)
    (folder / "fire.txt").write_text("Fire in town\n\nA fire broke out downtown.\n", encoding="utf-8")
    build([folder], build_dir=out)
    expected = read_tables(out)
    current = files.current_version(out)
    assert current is not None
    if damage == "manifest":
        files.manifest_path(out, current).write_text("{", encoding="utf-8")
    else:
        newest = [p for p in files.table_parts(out, "sentences") if "fire" not in p.masked][-1]
        if damage == "part":
            newest.path.write_bytes(b"not parquet at all")
        else:
            newest.path.unlink()
    version, notice = files.readable_version(out)
    assert notice and (version is None or version < current)
    summary = build([folder], build_dir=out)
    assert "fire" in summary.built and summary.notes
    assert files.readable_version(out) == (summary.version, None)
    _same(expected, read_tables(out))


def test_compact_merges_parts_and_keeps_every_row(folder: Path, tmp_path: Path) -> None:
    from dashboard.store.compact import compact

    out = tmp_path / "tables"
    build([folder], build_dir=out)
    (folder / "storm.txt").write_text("Storm hits coast\n\nA second storm hit.\n", encoding="utf-8")
    (folder / "fire.txt").write_text("Fire in town\n\nA fire broke out downtown.\n", encoding="utf-8")
    build([folder], build_dir=out)
    before = read_tables(out)
    assert len(files.table_parts(out, "sentences")) == 2
    summary = compact(out)
    for table in TABLES:
        parts = files.table_parts(out, table)
        assert len(parts) <= 1 and all(not p.masked for p in parts)
    after = read_tables(out)
    for table, frame in before.items():
        key = ["article"] if "article" in frame.columns else []
        assert frame.sort_values(key, kind="stable", ignore_index=True).equals(after[table]), table
    assert summary.parts_after < summary.parts_before


def test_a_long_article_is_built_as_extract_parses_it(folder: Path, tmp_path: Path, monkeypatch) -> None:
    """An article over the long-text limit is parsed in pieces (parse_text), the others in one
    nlp.pipe; the long one's quote rows are those its pieces give."""
    from dashboard import settings
    from dashboard.articles import read_article
    from dashboard.extract import extract_tables
    from dashboard.nlp.pipeline import parse_text

    paragraph = "\u201cWe will build it,\u201d Mayor Ann Lee said. Tom Baker called the plan \u201creckless\u201d."
    (folder / "long.txt").write_text("Bridge\n\n" + "\n\n".join([paragraph] * 30) + "\n", encoding="utf-8")
    monkeypatch.setattr(settings, "LONG_TEXT_CHARS", 1_000)
    monkeypatch.setattr(settings, "PARSE_CHUNK_CHARS", 600)
    out = tmp_path / "tables"
    assert sorted(build([folder], build_dir=out, n_process=2).built) == ["long", "storm", "vote"]
    quotes = read_tables(out)["quotes"]
    built = quotes[quotes["article"] == "long"].sort_values("start")
    article = read_article(folder / "long.txt")
    expected = extract_tables(parse_text(article.text, n_process=1), article).quotes
    assert len(built) == len(expected) == 60
    assert list(built["speaker"]) == [q.speaker for q in expected]
    assert list(built["start"]) == [q.start for q in expected]
