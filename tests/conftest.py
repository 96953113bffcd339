"""Shared fixtures. The only conftest in the project."""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from dashboard import settings
from dashboard.testing.browser import CHROMIUM, chromium_available, launch_chromium

ARTEFACTS = Path(__file__).resolve().parents[1] / "test-artefacts"


_MAIN = sys.modules["__main__"]


@pytest.fixture(autouse=True)
def _main_module_restored() -> Iterator[None]:
    """Streamlit's AppTest runs a page as ``__main__`` and leaves it there; a process
    started afterwards by ``multiprocessing`` (Dask's workers) would re-run that page."""
    yield
    sys.modules["__main__"] = _MAIN


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real pipeline (trained model + our components), loaded once per test session."""
    from dashboard.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def data_dir():
    return settings.DATA_DIR


def _cannot_run_browser_tests(reason: str) -> None:
    """CI installs chromium and Playwright: missing there is a failure; elsewhere the tests are skipped."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian chromium launched through Playwright once per session; each test opens its own context."""
    if not chromium_available():
        _cannot_run_browser_tests(f"Debian chromium is not installed ({CHROMIUM}; apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _cannot_run_browser_tests("Playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def artefacts() -> Path:
    """``test-artefacts/`` at the project root: where the browser tests put their screenshots."""
    return ARTEFACTS


# -- databases for the corrections tests ---------------------------------------------------------

def _pg_bin() -> Path:
    """Debian's PostgreSQL binaries (the newest installed version)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()
PG_USER = "postgres"  # initdb and the server refuse to run as root: they run as this user


def _pg_command(*args: str) -> list[str]:
    command = [str(PG_BIN / args[0]), *args[1:]]
    return ["runuser", "-u", PG_USER, "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real PostgreSQL server for this test session: its own data folder, a free local port,
    trust authentication, stopped (and its folder removed) at the end."""
    import shutil
    import subprocess

    from dashboard.testing.server import free_port

    if not (PG_BIN / "pg_ctl").exists():
        _cannot_run_database_tests(f"PostgreSQL is not installed ({PG_BIN}; apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="dashboard-pg-"))
    data, socket_dir, log = folder / "data", folder / "socket", folder / "server.log"
    socket_dir.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, PG_USER)
        shutil.chown(socket_dir, PG_USER)
    port = free_port()
    quiet: dict[str, Any] = {"check": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
    subprocess.run(_pg_command("initdb", "-D", str(data), "-A", "trust", "-U", PG_USER, "--no-sync"), **quiet)
    options = f"-p {port} -k {socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(_pg_command("pg_ctl", "-D", str(data), "-l", str(log), "-o", options, "-w", "start"), **quiet)
    try:
        yield f"postgresql+psycopg://{PG_USER}@127.0.0.1:{port}/postgres"
    finally:
        stop = _pg_command("pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop")
        subprocess.run(stop, check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def _cannot_run_database_tests(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the PostgreSQL tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty corrections database: a SQLite file, or a fresh database on the session's PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'newsroom.sqlite'}"
    import sqlalchemy as sa

    server: str = request.getfixturevalue("postgres_url")
    name = f"t{next(_DATABASE_NUMBERS)}"
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server.rsplit("/", 1)[0] + f"/{name}"


_DATABASE_NUMBERS = itertools.count(1)
