"""Quote scoring on tiny hand-made cases (mirrors dashboard/evaluation/quotes.py)."""

from __future__ import annotations

import pytest

from dashboard.evaluation.gold import GoldActor, GoldIndirect, GoldQuote
from dashboard.evaluation.quotes import (
    Counts,
    PredictedIndirect,
    PredictedQuote,
    is_proper_alias,
    locate_quotes,
    locate_sentence_starts,
    match_spans,
    normalise_name,
    score_indirect,
    score_quotes,
    speaker_is_right,
    surname,
)


def gold(text, speaker="Ann Lee", kind="direct", alternatives=()):
    return GoldQuote(text, speaker, tuple(alternatives), "said", kind)


def predict(source, text, speaker="Ann Lee", kind="direct", *, trim=0, extend=0):
    start = source.index(text)
    return PredictedQuote(start + trim, start + len(text) + extend, text, speaker, kind)


ACTORS = (
    GoldActor("Joe Biden", "PERSON", ("Joe Biden", "Biden", "The US president", "[Biden]"), 3),
    GoldActor("White House", "ORG", ("the White House", "the readout"), 2),
    GoldActor("one of the mayor's aides", "PERSON", ("One of the aides", "this aide"), 2),
)


@pytest.mark.parametrize(
    ("alias", "proper"),
    [
        ("Biden", True),
        ("[Biden]", True),
        ("US president Joe Biden", True),
        ("the White House", True),
        ("Bank of England", True),
        ("Ukraine’s", True),
        ("the minister", False),
        ("The President", False),
        ("The US president", False),
        ("Russia’s defence minister", False),
        ("its ambassador to the US", False),
        ("the readout", False),
        ("his own intelligence services", False),
        ("", False),
    ],
)
def test_proper_alias_rule(alias, proper):
    assert is_proper_alias(alias) is proper


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("Russia’s deputy foreign minister", "russia's deputy foreign minister"),
        ("The  Kremlin", "kremlin"),
        ("[Biden]", "biden"),
        ("O‘Brien", "o'brien"),
    ],
)
def test_normalise_name(name, normal):
    assert normalise_name(name) == normal


@pytest.mark.parametrize(
    ("predicted", "gold_speaker", "alternatives", "right"),
    [
        ("Joe Biden", "Joe Biden", (), True),
        ("joe biden", "Joe Biden", (), True),
        ("Biden", "Joe Biden", (), True),  # proper-noun alias
        ("The US president", "Joe Biden", (), False),  # descriptive alias
        ("White House", "Joe Biden", ("White House",), True),  # alternative
        ("The White House", "Joe Biden", ("White House",), True),  # alias of the alternative
        ("the readout", "White House", (), False),
        ("Vladimir Putin", "Joe Biden", (), False),
        (None, "Joe Biden", (), False),
        (None, None, (), True),  # scare quote with no speaker
        ("Joe Biden", None, (), False),
        ("Russia's deputy foreign minister", "Russia’s deputy foreign minister", (), True),
        ("One of the aides", "one of the mayor's aides", (), True),  # unnamed actor: descriptions count
        ("this aide", "one of the mayor's aides", (), True),
        ("One of the aides", "Joe Biden", (), False),
    ],
)
def test_speaker_rule(predicted, gold_speaker, alternatives, right):
    assert (
        speaker_is_right(predicted, gold_speaker, alternatives=alternatives, actors=ACTORS) is right
    )


def test_locate_prefers_quoted_and_successive_occurrences():
    source = "He can go. She said 'can' twice: 'can'. Then “may”, and “He can go.”"
    found = locate_quotes(source, ["can", "can", "may", "He can go.", "absent", "She  said"])
    assert [source[f.start : f.end] for f in found[:4]] == ["can", "can", "may", "He can go."]
    assert found[0].start == source.index("'can'") + 1
    assert found[1].start == source.index("'can'.") + 1
    assert found[3].start == source.index("“He") + 1
    assert [f.how for f in found] == ["exact"] * 4 + ["missing", "normalised"]
    assert source[found[5].start : found[5].end] == "She said"


@pytest.mark.parametrize(
    ("predicted", "gold", "threshold", "pairs"),
    [
        ([(0, 3)], [(0, 10)], 0.3, {0: 0}),  # 30% exactly
        ([(0, 2)], [(0, 10)], 0.3, {}),  # 20%: too little
        ([(0, 7)], [(0, 10)], 0.8, {}),  # 70% fails strict
        ([(0, 8)], [(0, 10)], 0.8, {0: 0}),
        ([(0, 100)], [(10, 20)], 0.8, {0: 0}),  # over-long prediction still covers the gold
        ([(0, 10)], [(0, 5), (5, 10)], 0.3, {0: 0}),  # one prediction, one gold only
        ([(0, 6), (4, 10)], [(0, 10)], 0.3, {0: 0}),  # greedy: bigger overlap wins
        ([(0, 4), (3, 10)], [(0, 10)], 0.3, {1: 0}),
        ([(0, 10), (10, 20)], [(10, 20), (0, 10)], 0.3, {0: 1, 1: 0}),
        ([(0, 10)], [None], 0.3, {}),
    ],
)
def test_match_spans(predicted, gold, threshold, pairs):
    assert match_spans(predicted, gold, threshold=threshold) == pairs


@pytest.mark.parametrize(
    ("counts", "p", "r", "f"),
    [
        (Counts(2, 2, 0), 0.5, 1.0, 2 / 3),
        (Counts(0, 0, 3), 0.0, 0.0, 0.0),
        (Counts(0, 0, 0), 1.0, 1.0, 1.0),
        (Counts(0, 2, 0), 0.0, 0.0, 0.0),  # nothing to find, but spurious predictions
    ],
)
def test_counts_ratios(counts, p, r, f):
    assert (counts.precision, counts.recall, counts.f1) == pytest.approx((p, r, f))


SOURCE = (
    "Ann Lee said “we will win the vote this year” on Monday. "
    "Critics called it “a stunt”. "
    "Bo Park replied: “Nobody believes that.”"
)
GOLD = (
    gold("we will win the vote this year"),
    gold("a stunt", None, "scare"),
    gold("Nobody believes that.", "Bo Park"),
)


def test_score_perfect():
    predicted = [
        predict(SOURCE, "we will win the vote this year"),
        predict(SOURCE, "a stunt", None, "scare"),
        predict(SOURCE, "Nobody believes that.", "Bo Park"),
    ]
    score = score_quotes(predicted, GOLD, SOURCE)
    assert score.loose == score.strict == score.exact == score.end_to_end == Counts(3, 0, 0)
    assert (score.speaker_right, score.speaker_total) == (2, 2)
    assert score.errors == ()


def test_score_coverage_speaker_and_errors():
    predicted = [
        predict(SOURCE, "we will win the vote this year", trim=15),  # 50% coverage
        predict(SOURCE, "a stunt", "Ann Lee", "scare"),  # scare quote given a speaker
        predict(SOURCE, "on Monday", "Ann Lee"),  # spurious
        predict(SOURCE, "Nobody believes that.", "Bo Park", "indirect"),  # not compared
    ]
    score = score_quotes(predicted, GOLD, SOURCE)
    assert score.loose == Counts(2, 1, 1)
    assert score.strict == Counts(1, 2, 2)
    assert score.exact == Counts(1, 2, 2)
    assert (score.speaker_right, score.speaker_total) == (1, 1)
    assert score.end_to_end == Counts(1, 2, 2)
    kinds = sorted((e.kind, e.text) for e in score.errors)
    assert kinds == [
        ("missed", "Nobody believes that."),
        ("spurious", "on Monday"),
        ("wrong speaker", "a stunt"),
    ]
    strict = score_quotes(predicted, GOLD, SOURCE, strict=True)
    assert strict.loose == score.loose and strict.strict == score.strict
    assert strict.end_to_end == Counts(0, 3, 3)  # the 50% match no longer counts


def test_exact_ignores_surrounding_spaces():
    source = "She said “ hello there ” and left."
    start = source.index(" hello")
    predicted = [PredictedQuote(start, start + len(" hello there "), " hello there ", "Ann Lee")]
    score = score_quotes(predicted, (gold("hello there"),), source)
    assert score.exact == Counts(1, 0, 0)


def test_wrong_speaker_counts_against_end_to_end_only():
    predicted = [predict(SOURCE, "we will win the vote this year", "Bo Park")]
    score = score_quotes(predicted, GOLD[:1], SOURCE)
    assert score.loose == Counts(1, 0, 0)
    assert score.end_to_end == Counts(0, 1, 1)
    assert score.speaker_accuracy == 0.0
    [error] = score.errors
    assert (error.predicted_speaker, error.gold_speaker) == ("Bo Park", "Ann Lee")


INDIRECT_SOURCE = "Lee said that taxes would rise. Park denied it. Park later said he would resign."


@pytest.mark.parametrize(
    ("rows", "counts", "speakers"),
    [
        ([("Lee said that taxes would rise.", "Ann Lee")], Counts(1, 0, 1), (1, 1)),
        (
            [
                ("Lee said that taxes would rise.", "Ann Lee"),
                ("Park later said he would resign.", "Bo Park"),
            ],
            Counts(2, 0, 0),
            (2, 2),
        ),
        ([("Park later said he would resign.", "Ann Lee")], Counts(1, 0, 1), (0, 1)),
        ([("Park denied it.", "Bo Park")], Counts(0, 1, 2), (0, 0)),
    ],
)
def test_score_indirect(rows, counts, speakers):
    predicted = [
        PredictedIndirect(INDIRECT_SOURCE.index(t), INDIRECT_SOURCE.index(t) + len(t), t, s)
        for t, s in rows
    ]
    gold_rows = (
        GoldIndirect("Ann Lee", "said", "Lee said that"),
        GoldIndirect("Bo Park", "said", "Park later said"),
    )
    score = score_indirect(predicted, gold_rows, INDIRECT_SOURCE)
    assert score.counts == counts
    assert (score.speaker_right, score.speaker_total) == speakers


TWO_IN_ONE = "Lee said taxes would rise; the Herald reported she was angry. Lee said it again. Lee said so."


@pytest.mark.parametrize(
    ("starts", "positions"),
    [
        # two gold rows for one sentence: both are that sentence, neither is missing
        (["Lee said taxes", "Lee said taxes"], [0, 0]),
        # a repeated text takes successive occurrences while there are any
        (["Lee said", "Lee said", "Lee said"], [0, 62, 81]),
        (["Lee said", "Lee said", "Lee said", "Lee said"], [0, 62, 81, 81]),
        # a text that is nowhere stays missing
        (["Park said", "Park said"], [None, None]),
    ],
)
def test_locate_sentence_starts(starts, positions):
    located = locate_sentence_starts(TWO_IN_ONE, starts)
    assert [loc.start if loc.found else None for loc in located] == positions


@pytest.mark.parametrize(
    ("rows", "counts", "speakers"),
    [
        # both statements of the sentence found, whatever the order of the rows
        ([("Lee said taxes would rise;", "Ann Lee"), ("the Herald reported", "Herald")], Counts(2, 0, 0), (2, 2)),
        ([("the Herald reported", "Herald"), ("Lee said taxes would rise;", "Ann Lee")], Counts(2, 0, 0), (2, 2)),
        # one found: it goes to the gold row that names its speaker
        ([("the Herald reported", "Herald")], Counts(1, 0, 1), (1, 1)),
        ([("the Herald reported", "Bo Park")], Counts(1, 0, 1), (0, 1)),
    ],
)
def test_two_gold_rows_in_one_sentence(rows, counts, speakers):
    sentence = TWO_IN_ONE[: TWO_IN_ONE.index(".") + 1]
    predicted = [PredictedIndirect(0, len(sentence), t, s) for t, s in rows]
    gold_rows = (
        GoldIndirect("Ann Lee", "said", "Lee said taxes"),
        GoldIndirect("Herald", "reported", "Lee said taxes"),
    )
    score = score_indirect(predicted, gold_rows, TWO_IN_ONE)
    assert score.counts == counts
    assert (score.speaker_right, score.speaker_total) == speakers
    assert not [e for e in score.errors if e.kind == "not in text"]


# --- the surname convention (gold marked "speaker_match": "surname", e.g. PolNeAR) ---------


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("Trump", "Trump"),
        ("the Trump campaign", "Trump"),
        ("Rep. Jerry Nadler, a Democrat from New York", "Nadler"),
        ("Edward Alden of the Council on Foreign Relations", "Alden"),
        ("Obama and Clinton's", "Obama"),
        ("Mr. Dong's", "Dong"),
        ("Mr. King", "King"),  # a title word after an honorific is a surname
        ("King Abdullah", "Abdullah"),
        ("a spokeswoman for the Clinton campaign", None),
        ("the report", None),
    ],
)
def test_surname_of_a_source_span(span, expected):
    assert surname(span) == expected


@pytest.mark.parametrize(
    ("predicted", "gold_span", "right"),
    [
        ("Donald Trump", "Trump", True),  # same surname
        ("Donald Trump", "the Trump campaign", True),
        ("Jerry Nadler", "Rep. Jerry Nadler, a Democrat from New York", True),
        ("FBI", "FBI notes released Monday", True),  # a proper name standing whole inside
        ("Clinton campaign", "a spokeswoman for the Clinton campaign", True),  # two words inside
        ("Hillary Clinton", "a spokeswoman for the Clinton campaign", False),
        ("campaign", "a spokeswoman for the Clinton campaign", False),  # a bare common noun
        ("supporter", "Trump", False),
        ("Melania Trump", "Ivanka Trump", True),  # the convention cannot tell them apart
        ("Clinton", "Trump", False),
        ("King", "Mr. King", True),
        ("Nadle", "Rep. Jerry Nadler", False),  # whole words only
        (None, "Trump", False),
    ],
)
def test_surname_match(predicted, gold_span, right):
    assert speaker_is_right(predicted, gold_span, match="surname") is right
    if predicted and predicted.split()[-1] != gold_span.split()[-1]:
        # exact matching never accepts these
        assert speaker_is_right(predicted, gold_span) is (predicted == gold_span)


SURNAME_SOURCE = (
    "Trump said “we will win big” at the rally. "
    "He added: “Nobody believes them.” "
    "The show “Celebrity Apprentice” aired. "
    "Clinton called it “a disgrace”."
)


def polnear_gold(text, speaker, *, pronoun=False, kind="direct"):
    return GoldQuote(text, speaker, (), "said", kind, speaker_is_pronoun=pronoun)


SURNAME_GOLD = (
    polnear_gold("we will win big", "Trump"),
    polnear_gold("Nobody believes them.", "He", pronoun=True),
    polnear_gold("a disgrace", "Clinton", kind="partial"),
)


@pytest.mark.parametrize(
    ("rows", "loose", "speakers", "e2e"),
    [
        # all right; the pronoun quote counts for detection only
        (
            [("we will win big", "Donald Trump", "direct"), ("Nobody believes them.", "Donald Trump", "direct"),
             ("a disgrace", "Hillary Clinton", "partial")],
            Counts(3, 0, 0), (2, 2), Counts(2, 0, 0),
        ),
        # a pronoun quote's speaker is never judged, right or wrong
        (
            [("Nobody believes them.", "Hillary Clinton", "direct")],
            Counts(1, 0, 2), (0, 0), Counts(0, 0, 2),
        ),
        # a predicted scare quote is left out; a title predicted as partial counts against precision
        (
            [("Celebrity Apprentice", None, "scare")],
            Counts(0, 0, 3), (0, 0), Counts(0, 0, 2),
        ),
        (
            [("Celebrity Apprentice", None, "partial")],
            Counts(0, 1, 3), (0, 0), Counts(0, 1, 2),
        ),
        # a wrong speaker
        (
            [("we will win big", "Hillary Clinton", "direct")],
            Counts(1, 0, 2), (0, 1), Counts(0, 1, 2),
        ),
    ],
)
def test_score_with_surname_convention(rows, loose, speakers, e2e):
    predicted = [predict(SURNAME_SOURCE, text, speaker, kind) for text, speaker, kind in rows]
    score = score_quotes(predicted, SURNAME_GOLD, SURNAME_SOURCE, speaker_match="surname")
    assert score.loose == loose
    assert (score.speaker_right, score.speaker_total) == speakers
    assert score.end_to_end == e2e


def test_exact_convention_keeps_scare_rows_and_judges_every_speaker():
    predicted = [predict(SURNAME_SOURCE, "Celebrity Apprentice", None, "scare"),
                 predict(SURNAME_SOURCE, "Nobody believes them.", "Donald Trump")]
    score = score_quotes(predicted, SURNAME_GOLD, SURNAME_SOURCE)
    assert score.loose == Counts(1, 1, 2)
    assert (score.speaker_right, score.speaker_total) == (0, 1)  # "He" is not "Donald Trump"


def test_judged_rows_carry_their_rule():
    predicted = [
        PredictedQuote(*_at(SURNAME_SOURCE, "we will win big"), "we will win big", "Donald Trump", "direct",
                       "governing_cue/actor"),
        PredictedQuote(*_at(SURNAME_SOURCE, "at the rally"), "at the rally", None, "partial", "unattributed"),
    ]
    score = score_quotes(predicted, SURNAME_GOLD, SURNAME_SOURCE, speaker_match="surname")
    assert [(j.rule, j.matched, j.speaker_right) for j in score.judged] == [
        ("governing_cue/actor", True, True),
        ("unattributed", False, None),
    ]


def _at(source, text):
    start = source.index(text)
    return start, start + len(text)
