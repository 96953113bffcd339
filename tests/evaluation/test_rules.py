"""Figures per rule (mirrors dashboard/evaluation/rules.py)."""

from __future__ import annotations

import pytest

from dashboard.evaluation.quotes import Judged
from dashboard.evaluation.rules import figures_by_rule, rules_text, split_rule


@pytest.mark.parametrize(
    ("rule", "parts"),
    [
        ("governing_cue/actor", ("governing_cue", "actor")),
        ("short_unattributed", ("short_unattributed", None)),
        (None, ("(none)", None)),
        ("", ("(none)", None)),
    ],
)
def test_split_rule(rule, parts):
    assert split_rule(rule) == parts


JUDGED = [
    Judged("governing_cue/actor", True, True),
    Judged("governing_cue/actor", True, True),
    Judged("governing_cue/pronoun_antecedent", True, False),
    Judged("nearest_cue/actor", False, None),
    Judged("nearest_cue/surface_name", True, False),
    Judged("nearest_cue/surface_name", True, None),  # matched, speaker not judged
    Judged("unattributed", False, None),
]


def test_quote_rules_worst_first():
    rows = figures_by_rule(JUDGED)
    assert [(r.rule, r.fired, r.matched, r.speaker_right, r.speaker_judged, r.errors) for r in rows] == [
        ("nearest_cue", 3, 2, 0, 1, 2),
        ("governing_cue", 3, 3, 2, 3, 1),
        ("unattributed", 1, 0, 0, 0, 1),
    ]
    assert rows[0].precision == pytest.approx(2 / 3)
    assert rows[2].speaker_accuracy is None


def test_speaker_rules():
    rows = figures_by_rule(JUDGED, speaker=True)
    assert [(r.rule, r.fired, r.speaker_right, r.speaker_judged) for r in rows] == [
        ("pronoun_antecedent", 1, 0, 1),
        ("surface_name", 2, 0, 1),
        ("actor", 3, 2, 2),
    ]


def test_rules_text_lists_both_tables():
    text = rules_text(JUDGED)
    assert text.index("quote rule") < text.index("nearest_cue") < text.index("speaker rule")
    assert "pronoun_antecedent" in text.split("speaker rule")[1]
