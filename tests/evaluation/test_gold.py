"""Gold files → frozen records; bad files → GoldError naming the problem."""

from __future__ import annotations

import json

import pytest

from dashboard.errors import DashboardError
from dashboard.evaluation.gold import GoldError, gold_files, load_gold

GOOD = {
    "article": "a.txt",
    "quotes": [
        {
            "text": "We will win",
            "speaker": "Ann Lee",
            "speaker_alternatives": ["Lee"],
            "cue": "said",
            "kind": "direct",
        },
        {
            "text": "thugs",
            "speaker": None,
            "speaker_alternatives": [],
            "cue": None,
            "kind": "scare",
        },
    ],
    "indirect_quotes": [{"speaker": "Ann Lee", "cue": "said", "sentence_start": "Lee said that"}],
    "actors": [{"name": "Ann Lee", "type": "PERSON", "aliases": ["Lee"], "mentions": 2}],
    "topics": {"note": "x", "trade": [1, 2]},
}


def _write(tmp_path, data, name="g.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_good_file_loads(tmp_path):
    gold = load_gold(_write(tmp_path, GOOD))
    assert gold.article == "a.txt"
    assert [q.kind for q in gold.quotes] == ["direct", "scare"]
    assert gold.quotes[0].speaker_alternatives == ("Lee",)
    assert gold.quotes[1].speaker is None
    assert gold.indirect_quotes[0].sentence_start == "Lee said that"
    assert gold.actors[0].aliases == ("Lee",)
    assert gold.topics == (("trade", (1, 2)),)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a readable JSON"),
        ([1, 2], "JSON object"),
        ({**GOOD, "article": ""}, "'article'"),
        ({**GOOD, "quotes": "x"}, "'quotes' must be a list"),
        ({**GOOD, "quotes": [{"text": "a", "kind": "shouted"}]}, "kind 'shouted'"),
        ({**GOOD, "quotes": [{"kind": "direct"}]}, "quotes[0]: field 'text'"),
        ({**GOOD, "actors": [{"name": "A", "type": "PERSON", "aliases": "A"}]}, "'aliases'"),
        ({**GOOD, "topics": {"trade": ["one"]}}, "topics['trade']"),
    ],
)
def test_bad_file_raises_gold_error(tmp_path, content, message):
    path = _write(tmp_path, content if isinstance(content, str) else json.dumps(content))
    with pytest.raises(GoldError, match=message.replace("[", r"\[").replace("]", r"\]")) as caught:
        load_gold(path)
    assert isinstance(caught.value, DashboardError)
    assert str(path) in str(caught.value)


def test_missing_file_raises(tmp_path):
    with pytest.raises(GoldError, match="no such gold file"):
        load_gold(tmp_path / "nope.json")


def test_gold_files_expands_folders(tmp_path):
    (tmp_path / "sub").mkdir()
    a = _write(tmp_path, GOOD, "a.json")
    b = _write(tmp_path / "sub", GOOD, "b.json")
    _write(tmp_path, "x", "notes.txt")
    assert gold_files([tmp_path]) == [a, b]
    assert gold_files([b, a, b]) == [b, a]
