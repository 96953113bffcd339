"""Server side: run the worker on a text with a time budget; never imports spaCy."""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import settings
from dashboard.errors import DashboardError

WORKER = "dashboard.analysis.worker"
ROOT = Path(__file__).resolve().parents[2]


class AnalysisError(DashboardError):
    """The text could not be analysed; ``str()`` is one line for the reader."""


class AnalysisTimeout(AnalysisError):
    """The worker ran out of its time budget and was stopped."""


@dataclass(frozen=True)
class Analysed:
    tables: dict[str, pd.DataFrame]
    worker_pid: int


def budget_seconds() -> float:
    return settings.analysis_seconds()


def analyse_in_worker(data: bytes, *, article_id: str, filename: str | None, budget: float | None = None) -> Analysed:
    """Analyse ``data`` in a separate process; ``AnalysisTimeout`` after ``budget`` seconds."""
    budget = budget_seconds() if budget is None else budget
    command = [sys.executable, "-m", WORKER, article_id, Path(filename).name if filename else ""]
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        start_new_session=True,
    )
    try:
        out, _ = process.communicate(data, timeout=budget)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise AnalysisTimeout(
            f"The analysis took longer than the {budget:g} s allowed and was stopped. "
            "Try a shorter text (a single article), or ask an editor to add it to the corpus."
        ) from None
    finally:
        _kill(process)
    try:
        result = pickle.loads(out)  # noqa: S301 - our own worker's output on a private pipe
    except Exception:
        raise AnalysisError("The analysis stopped unexpectedly. Try again, or try a shorter text.") from None
    if not result.get("ok"):
        raise AnalysisError(str(result.get("problem")))
    return Analysed(tables=result["tables"], worker_pid=int(result["pid"]))


def _kill(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    process.wait()
