"""Incremental builds: unchanged articles are skipped, nothing earlier is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.store.build import build
from dashboard.store.files import read_tables

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
