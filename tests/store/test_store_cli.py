"""``build`` engine options and ``compact`` on the command line: exit codes, one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import settings
from dashboard.store.files import read_tables, table_parts


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {"DASHBOARD_BUILD_DIR": str(home / "tables"), "PATH": "/usr/bin:/bin", "HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        capture_output=True,
        text=True,
        cwd=settings.PROJECT_ROOT,
        env=env,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("build", "--workers", "2"), "--scheduler and --workers need --engine dask"),
        (("build", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"), "cannot reach the Dask scheduler"),
    ],
)
def test_bad_engine_options_are_one_line(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Title\n\nSome text.\n", encoding="utf-8")
    result = _run(*args, str(folder), home=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert message in result.stderr.strip().splitlines()[-1]


def test_compact_before_any_build_says_so(tmp_path: Path) -> None:
    result = _run("compact", home=tmp_path)
    assert result.returncode == 0
    assert "nothing to compact" in result.stderr


@pytest.mark.model
def test_build_twice_then_compact(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Council votes\n\nThe council voted, Mayor Ann Lee said.\n", encoding="utf-8")
    assert _run("build", str(folder), home=tmp_path).returncode == 0
    (folder / "b.txt").write_text("Storm hits\n\nA storm hit the coast.\n", encoding="utf-8")
    assert _run("build", str(folder), home=tmp_path).returncode == 0
    before = read_tables(tmp_path / "tables")
    assert len(table_parts(tmp_path / "tables", "paragraphs")) == 2
    result = _run("compact", home=tmp_path)
    assert result.returncode == 0 and "compacted" in result.stderr
    assert len(table_parts(tmp_path / "tables", "paragraphs")) == 1
    assert read_tables(tmp_path / "tables")["paragraphs"].equals(before["paragraphs"])
