"""In-app analysis runs in a worker process with a time budget; the server never parses."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dashboard import settings
from dashboard.analysis.run import AnalysisError, AnalysisTimeout, analyse_in_worker

STORY = (
    "Bridge reopens\n\n"
    '"We are proud of the crews," said mayor Jane Smith on Monday.\n\n'
    'Critics were unimpressed. "It is late and it is over budget," said councillor Tom Brown.\n'
)


def test_a_too_slow_analysis_is_stopped_with_a_clear_message() -> None:
    # Starting Python, importing spaCy and loading the model alone takes far longer than 0.2 s.
    with pytest.raises(AnalysisTimeout) as caught:
        analyse_in_worker(STORY.encode(), article_id="bridge", filename=None, budget=0.2)
    message = str(caught.value)
    assert "took longer than the 0.2 s allowed and was stopped" in message
    assert "\n" not in message and "/" not in message.replace("s allowed", "")


def test_the_budget_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(settings.ANALYSIS_SECONDS_ENV, "0.3")
    with pytest.raises(AnalysisTimeout, match="0.3 s"):
        analyse_in_worker(STORY.encode(), article_id="bridge", filename=None)


@pytest.mark.parametrize(
    ("data", "filename", "problem"),
    [
        (b"Just a headline", None, "pasted text: no paragraphs"),
        (STORY.encode(), "/srv/private/photo.jpg", "photo.jpg: unsupported file type"),
    ],
)
def test_text_that_is_not_an_article_gets_one_line(data: bytes, filename: str | None, problem: str) -> None:
    with pytest.raises(AnalysisError) as caught:
        analyse_in_worker(data, article_id="x", filename=filename, budget=60)
    assert problem in str(caught.value) and "/srv" not in str(caught.value)


SERVER_SIDE = """
import json, os, sys
from dashboard.analysis.run import analyse_in_worker
result = analyse_in_worker(sys.stdin.buffer.read(), article_id="bridge", filename=None, budget=120)
quotes = result.tables["quotes"]
print(json.dumps({
    "spacy_imported": "spacy" in sys.modules,
    "same_process": result.worker_pid == os.getpid(),
    "articles": sorted(set(quotes["article"])),
    "speakers": sorted(set(quotes["speaker"].dropna())),
}))
"""


@pytest.mark.model
def test_the_parse_happens_in_the_worker_not_in_the_calling_process() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SERVER_SIDE], input=STORY.encode(), capture_output=True, check=True, timeout=180
    )
    found = json.loads(done.stdout)
    assert found["spacy_imported"] is False
    assert found["same_process"] is False
    assert found["articles"] == ["bridge"]
    assert {"Jane Smith", "Tom Brown"} <= set(found["speakers"])
