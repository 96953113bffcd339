"""Figures per rule: how often each quote rule and speaker rule fired and how often it was
right, so the worst rule is visible at a glance (``evaluate --by-rule``).

A row's ``rule`` is "quote_rule/speaker_rule" (the speaker part only when a speaker was
found). Quote rules are judged on precision (the row matched a gold quote); both kinds
are judged on speaker accuracy over matched rows whose gold speaker is judged. Rows are
ordered worst first: quote rules by errors (unmatched rows + wrong speakers), speaker
rules by wrong speakers, then by name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dashboard.evaluation.quotes import Judged

NO_RULE = "(none)"


@dataclass(frozen=True)
class RuleFigures:
    rule: str
    fired: int
    matched: int
    speaker_judged: int
    speaker_right: int

    @property
    def precision(self) -> float:
        return self.matched / self.fired if self.fired else 0.0

    @property
    def speaker_accuracy(self) -> float | None:
        return self.speaker_right / self.speaker_judged if self.speaker_judged else None

    @property
    def errors(self) -> int:
        return (self.fired - self.matched) + self.wrong_speakers

    @property
    def wrong_speakers(self) -> int:
        return self.speaker_judged - self.speaker_right


def split_rule(rule: str | None) -> tuple[str, str | None]:
    """("governing_cue", "actor") from "governing_cue/actor"; ("(none)", None) from None."""
    if not rule:
        return NO_RULE, None
    quote_rule, _, speaker_rule = rule.partition("/")
    return quote_rule, speaker_rule or None


def figures_by_rule(judged: Iterable[Judged], *, speaker: bool = False) -> list[RuleFigures]:
    """Per quote rule (or, with ``speaker``, per speaker rule), worst first."""
    tally: dict[str, list[int]] = {}
    for row in judged:
        quote_rule, speaker_rule = split_rule(row.rule)
        name = speaker_rule if speaker else quote_rule
        if name is None:
            continue
        counts = tally.setdefault(name, [0, 0, 0, 0])
        counts[0] += 1
        counts[1] += row.matched
        if row.speaker_right is not None:
            counts[2] += 1
            counts[3] += row.speaker_right
    rows = [RuleFigures(name, *counts) for name, counts in tally.items()]
    return sorted(rows, key=lambda r: (-(r.wrong_speakers if speaker else r.errors), r.rule))


def rules_text(judged: Iterable[Judged]) -> str:
    """The two tables ``evaluate --by-rule`` prints."""
    judged = list(judged)
    lines: list[str] = []
    for title, speaker in (("quote rule", False), ("speaker rule", True)):
        lines.append(f"{title:<26} {'fired':>6} {'matched':>7} {'prec.':>6} {'speaker':>9} {'acc.':>6} {'errors':>6}")
        for r in figures_by_rule(judged, speaker=speaker):
            accuracy = f"{r.speaker_accuracy:6.3f}" if r.speaker_accuracy is not None else "     -"
            errors = r.wrong_speakers if speaker else r.errors
            lines.append(f"{r.rule[:26]:<26} {r.fired:>6} {r.matched:>7} {r.precision:6.3f} "
                         f"{r.speaker_right:>4}/{r.speaker_judged:<4} {accuracy} {errors:>6}")
        lines.append("")
    return "\n".join(lines)
