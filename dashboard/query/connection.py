"""One embedded DuckDB database per process, with bounded memory.

DuckDB runs in the app's own process (no server). A connection is not safe to share
between threads, so every query runs on its own ``cursor()`` (a connection to the same
in-memory database); the database holds no tables, only settings and the ``name_key``
function. Memory is capped (``DASHBOARD_QUERY_MEMORY_MB``, default 256 MB); a larger
sort or join spills to a temporary folder instead of growing the server.
"""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

import duckdb

from dashboard.store.actor_keys import name_key

MEMORY_MB = int(os.environ.get("DASHBOARD_QUERY_MEMORY_MB", "256"))
THREADS = int(os.environ.get("DASHBOARD_QUERY_THREADS", "2"))


@functools.lru_cache(maxsize=100_000)
def _name_key(name: str | None) -> str | None:
    return None if name is None else name_key(name)


def connect(*, memory_mb: int = MEMORY_MB, threads: int = THREADS) -> duckdb.DuckDBPyConnection:
    """A new in-memory database for querying the Parquet store; open cursors from it."""
    spill = Path(tempfile.gettempdir()) / f"dashboard-duckdb-{os.getpid()}"
    con = duckdb.connect(
        config={
            "memory_limit": f"{memory_mb}MB",
            "threads": threads,
            "temp_directory": str(spill),
        }
    )
    con.execute("SET GLOBAL parquet_metadata_cache = true")  # footers parsed once per file
    # The corpus-wide key of a speaker no actor row names: the same folding as the build's.
    con.create_function("name_key", _name_key, ["VARCHAR"], "VARCHAR", side_effects=False)
    return con
