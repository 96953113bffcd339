"""The command line round trip: correct, build, list, export as gold, evaluate; stale anchors.

Runs against SQLite and a real PostgreSQL server (the ``database_url`` fixture).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard import settings
from dashboard.cli import main
from dashboard.store.files import read_table

pytestmark = pytest.mark.model

REFERENCE = settings.DEFAULT_ARTICLE


@pytest.fixture
def corpus(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """The reference article built into a tmp folder, with the corrections database configured."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for path in settings.ARTICLES_DIR.glob(f"{REFERENCE}.*"):
        shutil.copy(path, articles / path.name)
    tables = tmp_path / "build" / "tables"
    monkeypatch.setenv("DASHBOARD_DB_URL", database_url)
    assert main(["build", str(articles), "--out", str(tables)]) == 0
    return {"articles": articles, "tables": tables, "gold": tmp_path / "gold"}


def _quotes(tables: Path) -> pd.DataFrame:
    return read_table(tables, "quotes").set_index("quote_id")


def _two_attributed(quotes: pd.DataFrame) -> tuple[tuple[str, str], tuple[str, str]]:
    """Two direct/partial quotes with different speakers: each gets the other's speaker."""
    shown = quotes[quotes["kind"].isin(["direct", "partial"]) & quotes["speaker"].notna()]
    first = shown.iloc[0]
    second = shown[shown["speaker"] != first["speaker"]].iloc[0]
    return (str(first.name), str(second["speaker"])), (str(second.name), str(first["speaker"]))


def test_two_corrections_become_exactly_the_two_differences_from_the_extractor(
    corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    tables = str(corpus["tables"])
    extracted = _quotes(corpus["tables"])["speaker"]
    changes = _two_attributed(_quotes(corpus["tables"]))
    for quote_id, speaker in changes:
        assert main(["correct", REFERENCE, quote_id, "--speaker", speaker, "--by", "alice", "--tables", tables]) == 0

    assert main(["build", str(corpus["articles"]), "--out", tables, "--force"]) == 0
    rebuilt = _quotes(corpus["tables"])
    for quote_id, speaker in changes:
        assert rebuilt.loc[quote_id, "speaker"] == speaker
        assert rebuilt.loc[quote_id, "corrected"].startswith("corrected by alice on ")
    assert (rebuilt["corrected"] != "").sum() == 2

    capsys.readouterr()
    assert main(["corrections", "list", "--tables", tables]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 2 and all("\talice\t" in line and line.split("\t")[6] == "applied" for line in listed)

    assert main(["corrections", "export", "--gold", str(corpus["gold"]), "--tables", tables]) == 0
    assert [p.name for p in corpus["gold"].iterdir()] == [f"{REFERENCE}.json"]
    capsys.readouterr()
    assert main(["evaluate", "--gold", str(corpus["gold"]), "--articles", str(corpus["articles"]), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)["articles"][0]
    differences = {(e["kind"], e["predicted_speaker"], e["gold_speaker"]) for e in report["errors"]}
    assert differences == {("wrong speaker", extracted[quote_id], speaker) for quote_id, speaker in changes}
    assert len(report["errors"]) == 2 and report["indirect_errors"] == [] and report["actor_errors"] == []


def test_a_correction_is_in_the_stored_tables_at_once_and_undo_takes_it_out(corpus: dict[str, Path]) -> None:
    """Corpus views count in SQL over the stored parts: they see a correction without a build."""
    tables = str(corpus["tables"])
    (quote_id, speaker), _ = _two_attributed(_quotes(corpus["tables"]))
    original = _quotes(corpus["tables"])
    parts_before = {p: p.stat().st_mtime_ns for p in (corpus["tables"] / "parts").rglob("*.parquet")}
    assert main(["correct", REFERENCE, quote_id, "--speaker", speaker, "--by", "dana", "--tables", tables]) == 0

    corrected = _quotes(corpus["tables"])
    assert corrected.loc[quote_id, "speaker"] == speaker
    assert corrected.loc[quote_id, "corrected"].startswith("corrected by dana on ")
    unchanged = corrected.drop(index=quote_id).drop(columns="corrected")
    pd.testing.assert_frame_equal(unchanged, original.drop(index=quote_id).drop(columns="corrected"))
    for path, mtime in parts_before.items():  # append-only: new parts, the old ones untouched
        assert not path.exists() or path.stat().st_mtime_ns == mtime

    assert main(["corrections", "undo", "1", "--by", "dana", "--tables", tables]) == 0
    pd.testing.assert_frame_equal(_quotes(corpus["tables"]), original)


def test_undo_restores_the_extractor_speaker_after_a_rebuild(corpus: dict[str, Path]) -> None:
    tables = str(corpus["tables"])
    (quote_id, speaker), _ = _two_attributed(_quotes(corpus["tables"]))
    original = _quotes(corpus["tables"]).loc[quote_id, "speaker"]
    assert main(["correct", REFERENCE, quote_id, "--speaker", speaker, "--by", "bob", "--tables", tables]) == 0
    assert main(["corrections", "undo", "1", "--by", "bob", "--tables", tables]) == 0
    assert main(["build", str(corpus["articles"]), "--out", tables, "--force"]) == 0
    row = _quotes(corpus["tables"]).loc[quote_id]
    assert row["speaker"] == original and row["corrected"] == ""


def test_a_correction_of_an_edited_article_is_listed_as_stale_and_not_applied(
    corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    tables = str(corpus["tables"])
    (quote_id, speaker), _ = _two_attributed(_quotes(corpus["tables"]))
    original = _quotes(corpus["tables"]).loc[quote_id, "speaker"]
    assert main(["correct", REFERENCE, quote_id, "--speaker", speaker, "--by", "carol", "--tables", tables]) == 0

    path = corpus["articles"] / f"{REFERENCE}.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n\n", "\n\nAn editor's note was added here.\n\n", 1), encoding="utf-8")
    assert main(["build", str(corpus["articles"]), "--out", tables]) == 0

    row = _quotes(corpus["tables"]).loc[quote_id]
    assert row["speaker"] == original and row["corrected"] == ""
    capsys.readouterr()
    assert main(["corrections", "list", "--tables", tables]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line.split("\t")[6].startswith("stale: the article changed")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["correct", REFERENCE, "q999", "--speaker", "X", "--by", "ed"], "has no quote 'q999'", id="quote"),
        pytest.param(
            ["correct", "no-such", "q1", "--kind", "direct", "--by", "ed"], "'no-such' is not in", id="article"
        ),
        pytest.param(["correct", REFERENCE, "q1", "--speaker", "X", "--by", " "], "say who", id="who"),
        pytest.param(["corrections", "undo", "42", "--by", "ed"], "no correction #42", id="undo"),
    ],
)
def test_bad_corrections_get_one_line(
    corpus: dict[str, Path], capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    capsys.readouterr()
    assert main([*args, "--tables", str(corpus["tables"])]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
