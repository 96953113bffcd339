"""``import-csv`` with hostile rows (issue 12, item 2): nothing written outside ``--out``, one bad row
never ends the import.

The CSVs are in ``fixtures/csv``; the over-long field is generated (it is over 128 KB).
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.articles.from_csv import import_csv

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "csv"
ROOT = Path(__file__).resolve().parents[2]


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    """``--out`` two folders deep, so ``../../`` would still land inside tmp_path (and be seen)."""
    return tmp_path / "one" / "two" / "out"


def absolute_escapes() -> set[Path]:
    return set(Path("/tmp").glob("evil*"))


def test_dates_never_choose_where_files_go(tmp_path: Path, out: Path) -> None:
    before = absolute_escapes()
    try:
        rows = list(import_csv(FIXTURES / "path-escape.csv", out))
    finally:
        escaped = absolute_escapes() - before
        for path in escaped:
            path.unlink()
    assert escaped == set()
    written = files_under(tmp_path)
    assert written and all(out in p.parents for p in written), sorted(map(str, written))
    problems = {row.line: row.problem for row in rows if row.problem}
    assert set(problems) == {2, 3, 4, 5}, problems
    assert all("date" in problem for problem in problems.values())
    names = sorted(p.name for p in written if p.suffix == ".txt")
    assert names == [
        "2024-01-05-a-good-row-after-the-bad-ones.txt",
        "2024-01-07-a-row-with-a-script-address.txt",
        "a-row-without-a-date.txt",
    ]


def test_a_bad_url_is_left_out_with_a_warning(out: Path) -> None:
    rows = {row.line: row for row in import_csv(FIXTURES / "path-escape.csv", out)}
    script = rows[8]
    assert script.problem is None and script.path is not None
    assert json.loads(script.path.with_name(script.path.stem + ".meta.json").read_text())["url"] is None
    assert len(script.warnings) == 1 and "url" in script.warnings[0]
    good = rows[6]
    assert good.path is not None and good.warnings == ()
    meta = json.loads(good.path.with_name(good.path.stem + ".meta.json").read_text())
    assert meta == {"title": "A good row after the bad ones", "outlet": "news.example", "date": "2024-01-05",
                    "url": "https://news.example/5"}  # fmt: skip


def test_nul_bytes_are_refused_per_row(out: Path) -> None:
    rows = list(import_csv(FIXTURES / "nul-bytes.csv", out))
    assert [(row.line, bool(row.problem)) for row in rows] == [(2, True), (3, True), (4, False)]
    assert all("NUL" in str(row.problem) for row in rows[:2])
    assert all(b"\0" not in p.read_bytes() for p in files_under(out))


def test_a_field_over_the_csv_limit_is_a_row_error(tmp_path: Path, out: Path) -> None:
    source = tmp_path / "huge-field.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["url", "date", "title", "text"])
        writer.writerow(["https://news.example/a", "2024-02-01", "Before the huge row", "The council met."])
        writer.writerow(["https://news.example/b", "2024-02-02", "A huge row", "word " * (csv.field_size_limit() // 4)])
        writer.writerow(["https://news.example/c", "2024-02-03", "After the huge row", "The council met again."])
    rows = list(import_csv(source, out))
    assert [row.problem is None for row in rows] == [True, False, True]
    assert "too long" in str(rows[1].problem)
    assert sorted(p.name for p in out.glob("*.txt")) == ["2024-02-01-before-the-huge-row.txt",
                                                         "2024-02-03-after-the-huge-row.txt"]  # fmt: skip


def test_cli_reports_each_bad_row_in_one_line_and_goes_on(tmp_path: Path, out: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "import-csv", str(FIXTURES / "path-escape.csv"), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == 4 and all("path-escape.csv: line" in e and "date" in e for e in errors), lines
    assert any(line.startswith("warning:") and "url" in line for line in lines), lines
    assert lines[-1].startswith("wrote 3 article file(s)")
