"""The dashboard as a real server: ``streamlit run dashboard/app.py`` on a free port.

``running_app`` starts it against a folder of built tables, waits until Streamlit answers its
health check, yields an ``AppServer`` and, on exit, stops the whole process group (the server
runs in a session of its own, so no child outlives it).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the project root: `streamlit run` starts from here
APP = "dashboard/app.py"
HEALTH = "/_stcore/health"
STARTUP_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 20.0


@dataclass(frozen=True)
class AppServer:
    """A running dashboard: its address and the process id of ``streamlit run`` (for memory figures)."""

    url: str
    pid: int


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = STARTUP_TIMEOUT_S) -> None:
    """Return once ``url`` answers Streamlit's health check; raise if ``process`` exits or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}{HEALTH}", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise TimeoutError(f"{url} did not become healthy in {timeout:.0f} s")


def stop(process: subprocess.Popen[bytes], timeout: float = STOP_TIMEOUT_S) -> None:
    """SIGTERM to the process group, SIGKILL after ``timeout`` seconds; always reaps ``process``."""
    with contextlib.suppress(ProcessLookupError):  # the group is gone already
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextlib.contextmanager
def running_app(
    *,
    build_dir: Path,
    env: Mapping[str, str] | None = None,
    log_path: Path | None = None,
    startup_timeout: float = STARTUP_TIMEOUT_S,
    script: str | Path = APP,
) -> Iterator[AppServer]:
    """``streamlit run dashboard/app.py`` on a free port, reading the tables in ``build_dir``.

    ``env`` adds variables (e.g. ``DASHBOARD_ARTICLES_DIR``) to this process's environment;
    the server's output goes to ``log_path`` (discarded without one). ``script`` serves another
    Streamlit script the same way (the benchmarks' minimal pages).
    """
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    environment = {**os.environ, **(env or {}), "DASHBOARD_BUILD_DIR": str(build_dir)}
    with contextlib.ExitStack() as stack:
        log = stack.enter_context(open(log_path, "wb")) if log_path is not None else subprocess.DEVNULL
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        stack.callback(stop, process)
        url = f"http://127.0.0.1:{port}"
        wait_until_healthy(url, process, startup_timeout)
        yield AppServer(url=url, pid=process.pid)
