"""Reported (indirect) speech rows, on sentences written for the tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def indirect(nlp, text: str) -> list[dict]:
    doc = nlp(text)
    return [
        {**info, "text": doc.text[info["start"] : info["end"]]}
        for info in doc._.quotes
        if info["kind"] == "indirect"
    ]


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content_start"),
    [
        (
            "Maria Lopez said that the harbour would reopen in May.",
            "Maria Lopez",
            "said",
            "that the harbour",
        ),
        ("Maria Lopez said the harbour would reopen in May.", "Maria Lopez", "said", "the harbour"),
        (
            "Maria Lopez accused the council of wasting public money.",
            "Maria Lopez",
            "accused",
            "the council",
        ),
        (
            "Maria Lopez called on the council to release the funds.",
            "Maria Lopez",
            "called on",
            "the council",
        ),
        (
            "Maria Lopez warned that the harbour could flood.",
            "Maria Lopez",
            "warned",
            "that the harbour",
        ),
        (
            "According to Maria Lopez, the harbour will reopen in May.",
            "Maria Lopez",
            "according to",
            "the harbour",
        ),
        # "that" after where it was said ("in its report of the inspection")
        (
            "The Harbour Board said in a statement on Monday that Lopez had ignored the warnings.",
            "Harbour Board",
            "said",
            "that Lopez had",
        ),
        # a participle of "by": the subject of the verb it modifies
        (
            "Maria Lopez continued by noting that the harbour had never flooded.",
            "Maria Lopez",
            "noting",
            "that the harbour",
        ),
        # "According to" a source, the subject of the reporting verb is the speaker
        (
            "According to the Daily Mail, a spokesman for the port expressed regret and that the "
            "company intends to appeal.",
            "spokesman for the port",
            "expressed",
            "that the company",
        ),
    ],
)
def test_reported_speech_rows(nlp, text, speaker, cue, content_start):
    rows = indirect(nlp, text)
    assert len(rows) == 1
    assert rows[0]["speaker"] == speaker
    assert rows[0]["cue"] == cue
    assert rows[0]["text"].startswith(content_start)


@pytest.mark.parametrize(
    "text",
    [
        'Maria Lopez said "the harbour will reopen in May."',
        'Maria Lopez said, "The harbour will reopen in May."',
        '"The harbour will reopen in May," Maria Lopez said.',
        "Maria Lopez did not say when the harbour would reopen.",
        "Maria Lopez called the plan a disgrace.",
        # a cue with an object noun and no reported clause is not reported speech
        "Councillor Tom Baker commented on the matter at length.",
        "Tom Baker questioned the mayor's power to act as she proposed.",
        "Lopez proposes a ferry link as tensions between the ports escalate.",
        # weak cue verbs give no reported speech without their particle
        "The council called its decision prudent, pointing to the floods that Lopez had predicted.",
        "Maria Lopez spoke with the harbour master and expressed her support for the crews.",
        # an aside about the cue is not what was reported
        "Tom Baker commented on the plan, which the Gazette noted as unusual for a councillor.",
    ],
)
def test_no_indirect_row_for_direct_quotes_or_non_reports(nlp, text):
    assert indirect(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Sergeant Paul Marek said the border closure had pushed up prices. "
                     "He explained that dealers had mixed the drugs.",
                     ["Sergeant Paul Marek", "Sergeant Paul Marek"], id="he-never-an-inanimate-noun"),
        pytest.param("Results showed the flies landed less often. They then observed that the flies had trouble "
                     "landing.", [], id="they-never-results-or-flies"),
        pytest.param("((WN)) Did the agency say that the ban was final?\n\n((Lena Ortiz)) The agency told me that "
                     "I could not play. They said it was final.", [], id="interview-transcript"),
        pytest.param("WN: Did the agency say that the ban was final?\n\nLO: The agency said that it was final.",
                     [], id="interview-short-tags"),
    ],
)
def test_indirect_speakers_round_four(nlp, text, expected):
    assert [row["speaker"] for row in indirect(nlp, text)] == expected
