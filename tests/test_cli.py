"""The command line end to end: real files, real pipeline, real exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import settings

pytestmark = pytest.mark.model

GOOD = "Council votes on budget\n\nThe council approved the budget, Mayor Ann Lee said on Monday.\n"


def _bad_files(folder: Path) -> dict[str, str]:
    """Each kind of bad input the tool must refuse with a clear message."""
    files = {
        "empty.txt": "the file is empty",
        "binary.txt": "binary file",
        "latin1.txt": "not UTF-8",
        "no-paragraphs.txt": "no paragraphs",
        "huge.txt": "MB limit",
        "furniture.txt": "only page furniture",
    }
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "latin1.txt").write_bytes("Caf\u00e9 reopens\n\nThe caf\u00e9 reopened.\n".encode("latin-1"))
    (folder / "no-paragraphs.txt").write_text("Only a headline here\n", encoding="utf-8")
    (folder / "huge.txt").write_text("Big\n\n" + "words and more words. " * 250_000, encoding="utf-8")
    (folder / "furniture.txt").write_text("Source link\n\nRelated Articles\n\nBack to top button\n", encoding="utf-8")
    return files


def _run(*args: str, env_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {"DASHBOARD_BUILD_DIR": str(env_dir / "tables"), "PATH": "/usr/bin:/bin", "HOME": str(env_dir)}
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        capture_output=True,
        text=True,
        cwd=settings.PROJECT_ROOT,
        env=env,
        timeout=300,
    )


def test_extract_prints_one_json_line_per_good_file_and_one_error_line_per_bad_file(tmp_path: Path) -> None:
    bad = _bad_files(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    paths = [str(tmp_path / name) for name in bad] + [str(good)]
    result = _run("extract", *paths, env_dir=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = result.stderr.strip().splitlines()
    assert len(errors) == len(bad)
    for line, (name, problem) in zip(errors, bad.items(), strict=True):
        assert line.startswith(f"error: {tmp_path / name}: ")
        assert problem in line
    (line,) = result.stdout.strip().splitlines()
    record = json.loads(line)
    assert set(record) >= {"article", "actors", "quotes", "topics"}
    assert record["article"]["id"] == "good"
    assert record["article"]["title"] == "Council votes on budget"


def test_build_records_failures_and_keeps_going(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    bad = _bad_files(folder)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    result = _run("build", str(folder), env_dir=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "built 1 article(s)" in result.stderr
    assert f"{len(bad)} failed" in result.stderr

    from dashboard.store.files import read_tables

    tables = read_tables(tmp_path / "tables")
    assert tables["articles"]["article"].tolist() == ["good"]
    assert sorted(tables["failures"]["article"]) == sorted(Path(n).stem for n in bad)


def test_unknown_path_is_one_line(tmp_path: Path) -> None:
    result = _run("extract", str(tmp_path / "missing.txt"), env_dir=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'missing.txt'}: no such file"
