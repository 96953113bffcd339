"""A small client that speaks Streamlit's websocket protocol, for load benchmarks.

A browser tab of the app is one websocket to ``/_stcore/stream`` carrying protobufs: the tab
sends ``BackMsg(rerun_script=ClientState(...))`` with its query string, page and widget values;
the server answers with ``ForwardMsg``s (``new_session``, ``delta`` elements, ``page_info_changed``
when the script writes ``st.query_params``, ``script_finished``). ``AppSession`` does the same
without drawing anything, so ten sessions cost the client almost nothing and the timings are the
server's. Like the browser, it fetches every download button's media URL as soon as the button
arrives (the frontend checks the source and logs "Download Button source error - 404" when the
file is gone) and counts what failed. A button stays on screen until the next run replaces it,
so its URL is fetched again at that moment: a reader clicking it while the next run was under
way would otherwise get the 404 ("stale download button").

Widget values it does not send keep their previous value on the server (Streamlit keeps the
last widget state per session), so a filter change sends only the changed widget.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.exceptions import WebSocketException
from websockets.sync.client import ClientConnection, connect

STREAM = "/_stcore/stream"
RUN_TIMEOUT_S = 300.0
FINISHED_OK = ("FINISHED_SUCCESSFULLY", "FINISHED_FRAGMENT_RUN_SUCCESSFULLY")


@dataclass
class Element:
    """One element the last runs drew: its kind (``multiselect``, ``dataframe``…) and proto."""

    kind: str
    proto: Any
    received: float  # time.perf_counter() when it arrived


@dataclass
class Run:
    """What one script run sent back."""

    started: float
    finished: float | None = None
    status: str | None = None
    elements: list[Element] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    replaced_downloads: bool = False  # the previous run's download buttons were taken down

    @property
    def seconds(self) -> float:
        return (self.finished or time.perf_counter()) - self.started

    def first(self, kind: str, where: Callable[[Any], bool] = lambda proto: True) -> Element | None:
        return next((e for e in self.elements if e.kind == kind and where(e.proto)), None)


class AppSession:
    """One reader: a websocket session on page ``page`` with query string ``query``."""

    def __init__(self, base_url: str, *, page: str, query: str = "", downloads: ThreadPoolExecutor | None = None):
        self.base_url = base_url.rstrip("/")
        self.query = query
        self.page_name = page
        self.page_script_hash = ""
        self.errors: list[str] = []
        self._downloads = downloads
        self._fetches: list[Future[str | None]] = []
        self._shown_downloads: list[str] = []  # media URLs of the buttons on screen
        self.auto_reruns: dict[str, float] = {}  # fragment id → seconds (st.fragment(run_every=…))
        self._lock = threading.Lock()
        ws_url = "ws" + self.base_url.removeprefix("http") + STREAM
        self.connection: ClientConnection = connect(
            ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=60, ping_interval=None  # type: ignore[list-item]
        )

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> AppSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def rerun(
        self, widgets: Iterable[WidgetState] = (), *, timeout: float = RUN_TIMEOUT_S, fragment: str = ""
    ) -> Run:
        """Send a rerun (of ``fragment`` only, if given) with ``widgets`` changed; read until it finishes."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_script_hash
        state.page_name = "" if self.page_script_hash else self.page_name
        state.fragment_id = fragment
        state.is_auto_rerun = bool(fragment)
        state.widget_states.widgets.extend(widgets)
        run = Run(started=time.perf_counter())
        self.connection.send(message.SerializeToString())
        deadline = run.started + timeout
        while run.status is None:
            left = deadline - time.perf_counter()
            if left <= 0:
                run.errors.append(f"no script_finished within {timeout:.0f} s")
                break
            try:
                raw = self.connection.recv(timeout=left)
            except TimeoutError:
                continue
            except WebSocketException as error:
                run.errors.append(f"websocket closed: {error}")
                break
            self._handle(ForwardMsg.FromString(raw if isinstance(raw, bytes) else raw.encode()), run)
        if not run.replaced_downloads:
            self._take_down_downloads(run)  # a run without buttons: the old ones go when it ends
        self.errors.extend(run.errors)
        return run

    def _take_down_downloads(self, run: Run) -> None:
        """The previous run's buttons were on screen until now: check they still worked."""
        for url in self._shown_downloads:
            self._check_source(url, stale=True)
        self._shown_downloads = []
        run.replaced_downloads = True

    def _handle(self, msg: ForwardMsg, run: Run) -> None:
        kind = msg.WhichOneof("type")
        if kind == "navigation":
            self.page_script_hash = msg.navigation.page_script_hash  # the page st.navigation ran
        elif kind == "auto_rerun":
            self.auto_reruns[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
        elif kind == "stop_auto_rerun":
            for fragment in msg.stop_auto_rerun.fragment_ids:
                self.auto_reruns.pop(fragment, None)
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            which = element.WhichOneof("type") or ""
            proto = getattr(element, which) if which else element
            run.elements.append(Element(which, proto, time.perf_counter()))
            if which == "exception":
                run.errors.append(f"exception: {proto.type}: {proto.message}")
            elif which == "download_button" and proto.url:
                if not run.replaced_downloads:  # this run's first button replaces the ones on screen
                    self._take_down_downloads(run)
                self._shown_downloads.append(proto.url)
                self._check_source(proto.url)
        elif kind == "session_event" and msg.session_event.WhichOneof("type") == "script_compilation_exception":
            run.errors.append("script compilation exception")
        elif kind == "script_finished":
            status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
            if status == "FINISHED_EARLY_FOR_RERUN":
                return  # the script reran itself (st.rerun, a callback): keep reading
            run.status = status
            run.finished = time.perf_counter()
            if status not in FINISHED_OK:
                run.errors.append(f"script finished: {status}")

    def _check_source(self, url: str, *, stale: bool = False) -> None:
        """GET a download button's media URL, as the frontend does when it draws the button."""
        full = url if url.startswith("http") else self.base_url + url
        suffix = " (stale download button: still shown while the next run ran)" if stale else ""
        if self._downloads is None:
            problem = fetch_problem(full)
            if problem:
                self.errors.append(problem + suffix)
            return
        with self._lock:
            self._fetches.append(self._downloads.submit(lambda: _suffixed(fetch_problem(full), suffix)))

    def download_errors(self) -> list[str]:
        """Problems of the media fetches started so far (waits for them)."""
        with self._lock:
            fetches, self._fetches = self._fetches, []
        return [problem for problem in (f.result() for f in fetches) if problem]


def fetch_problem(url: str) -> str | None:
    """None if ``url`` answers 200, else "Download Button source error - <status>"."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            return None
    except urllib.error.HTTPError as error:
        return f"Download Button source error - {error.code}"
    except OSError as error:
        return f"Download Button fetch error - {error}"


def _suffixed(problem: str | None, suffix: str) -> str | None:
    return problem + suffix if problem else None


def widget(proto: Any, **value: Any) -> WidgetState:
    """A widget's new value, e.g. ``widget(multiselect, string_array_value=["A (3)"])``."""
    state = WidgetState(id=proto.id)
    for name, given in value.items():
        if name.endswith("_array_value"):
            getattr(state, name).data.extend(given)
        else:
            setattr(state, name, given)
    return state
