"""The evaluation report: unusable input gives a clear exit code; real run gives figures."""

from __future__ import annotations

import io
import json

import pytest

from dashboard import settings
from dashboard.evaluation.gold import GoldArticle, GoldQuote
from dashboard.evaluation.quotes import EMPTY_INDIRECT, Counts, QuoteScore
from dashboard.evaluation.report import ArticleResult, main, opened_by_double_mark, to_text


@pytest.mark.parametrize(
    ("make", "code", "message"),
    [
        (lambda tmp: ([tmp / "empty"], tmp), 2, "no gold files"),
        (lambda tmp: ([tmp / "g.json"], tmp / "missing"), 2, "no such articles folder"),
        (lambda tmp: ([tmp / "bad.json"], tmp), 2, "not a readable JSON"),
        (lambda tmp: ([tmp / "g.json"], tmp), 2, "'nowhere.txt' not found"),
    ],
)
def test_unusable_input(tmp_path, make, code, message):
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    (tmp_path / "g.json").write_text(
        json.dumps({"article": "nowhere.txt", "quotes": []}), encoding="utf-8"
    )
    gold_paths, articles = make(tmp_path)
    out = io.StringIO()
    assert main(gold_paths, articles, out=out) == code
    assert message in out.getvalue()


def test_text_lists_errors_and_totals():
    score = QuoteScore(Counts(1, 1, 1), Counts(0, 2, 2), Counts(0, 2, 2), 0, 1, Counts(0, 2, 2))
    result = ArticleResult("g.json", "a.txt", score, EMPTY_INDIRECT, None)
    text = to_text([result, result], [])
    assert "TOTAL (2 articles)" in text
    assert "quotes @30% coverage      0.500  0.500  0.500   2/2/2" in text
    assert "actor scores: not available" in text


@pytest.mark.model
def test_report_on_shipped_gold(nlp):
    out = io.StringIO()
    code = main([settings.GOLD_DIR], settings.ARTICLES_DIR, out=out, as_json=True)
    report = json.loads(out.getvalue())
    assert code == 0, report["problems"]
    assert len(report["articles"]) == 9
    assert report["total"]["articles"] == 9
    gold_quotes = sum(
        a["quotes"]["coverage_30"]["tp"] + a["quotes"]["coverage_30"]["fn"]
        for a in report["articles"]
    )
    assert (
        gold_quotes
        == report["total"]["quotes"]["coverage_30"]["tp"]
        + report["total"]["quotes"]["coverage_30"]["fn"]
        > 0
    )
    for article in report["articles"]:
        assert set(article["quotes"]) == {
            "coverage_30",
            "coverage_80",
            "exact",
            "speaker",
            "end_to_end",
        }
        assert not [e for e in article["errors"] if e["kind"] == "not in text"]


def test_gold_article_record_is_frozen():
    gold = GoldArticle("g", "a.txt", (GoldQuote("x", None, (), None, "scare"),), (), (), ())
    with pytest.raises(AttributeError):
        gold.article = "b.txt"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("source", "quoted", "double"),
    [
        ('He said "yes" today.', "yes", True),
        ("He said “yes” today.", "yes", True),
        ("He said ‘yes’ today.", "yes", False),
        ("He said ''yes'' today.", "yes", False),  # the doubled apostrophe some archives use
        ("yes, he said.", "yes", False),
    ],
)
def test_opened_by_double_mark(source, quoted, double):
    assert opened_by_double_mark(source, source.index(quoted)) is double


@pytest.mark.model
def test_json_gives_the_double_marked_figures_for_surname_gold(tmp_path, nlp):
    (tmp_path / "a.txt").write_text(
        "Bridge shut\n\n\"The bridge is shut,\" Maria Lopez said on Monday.\n\n"
        "''It will stay shut,'' Tom Baker said.\n", encoding="utf-8")
    (tmp_path / "g.json").write_text(json.dumps({
        "article": "a.txt", "speaker_match": "surname",
        "quotes": [{"text": "The bridge is shut,", "speaker": "Lopez", "kind": "direct"}]}), encoding="utf-8")
    out = io.StringIO()
    assert main([tmp_path / "g.json"], tmp_path, out=out, as_json=True) == 0
    total = json.loads(out.getvalue())["total"]
    assert (total["quotes"]["coverage_30"]["tp"], total["quotes"]["coverage_30"]["fp"]) == (1, 1)
    double = total["double_marked_quotes"]
    assert (double["coverage_30"]["tp"], double["coverage_30"]["fp"], double["speaker"]["right"]) == (1, 0, 1)


@pytest.mark.model
def test_json_has_no_double_marked_figures_for_other_gold(nlp):
    out = io.StringIO()
    main([settings.GOLD_DIR], settings.ARTICLES_DIR, out=out, as_json=True)
    assert json.loads(out.getvalue())["total"]["double_marked_quotes"] is None
