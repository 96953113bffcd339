"""Pure scoring of actors: predicted actor list vs gold actor list, one-to-one.

A predicted actor matches a gold actor when its canonical name equals the gold name or
one of the gold actor's proper-noun aliases (names compared after ``normalise_name``:
case, apostrophes, brackets, leading "the"). Each gold actor is matched at most once; a
second predicted actor matching an already-matched gold actor (an unmerged duplicate)
is a false positive. Only actors of the given types count, on both sides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dashboard.evaluation.quotes import is_proper_alias, normalise_name


@dataclass(frozen=True)
class ActorError:
    kind: str  # "missing" | "spurious" | "duplicate"
    name: str
    type: str
    gold: str | None = None  # the gold actor a duplicate matched

    def __str__(self) -> str:
        if self.kind == "missing":
            return f"missing {self.type} {self.name!r}"
        if self.kind == "duplicate":
            return f"duplicate {self.type} {self.name!r} (gold {self.gold!r} already matched)"
        return f"spurious {self.type} {self.name!r}"


@dataclass(frozen=True)
class ActorScore:
    tp: int
    fp: int
    fn: int
    errors: tuple[ActorError, ...] = ()

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: ActorScore) -> ActorScore:
        return ActorScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.errors + other.errors)


def gold_names(actor: Mapping[str, Any]) -> frozenset[str]:
    """The normalised names that identify a gold actor: its name and proper aliases."""
    aliases = [a for a in actor.get("aliases", []) if is_proper_alias(a)]
    return frozenset(normalise_name(n) for n in (actor["name"], *aliases))


def score_actors(
    predicted: Sequence[Mapping[str, Any]],
    gold: Sequence[Mapping[str, Any]],
    *,
    types: Iterable[str] = ("PERSON", "ORG"),
) -> ActorScore:
    """One-to-one match of predicted to gold actors (exact gold names before aliases)."""
    kinds = frozenset(types)
    pred = [p for p in predicted if p.get("type") in kinds]
    wanted = [g for g in gold if g.get("type") in kinds]
    names = [gold_names(g) for g in wanted]
    matched: dict[int, int] = {}  # gold index → predicted index
    errors: list[ActorError] = []
    taken: set[int] = set()
    for exact in (True, False):
        for p, actor in enumerate(pred):
            if p in taken:
                continue
            key = normalise_name(actor["name"])
            for g, gold_actor in enumerate(wanted):
                hit = key == normalise_name(gold_actor["name"]) if exact else key in names[g]
                if hit and g not in matched:
                    matched[g] = p
                    taken.add(p)
                    break
    for p, actor in enumerate(pred):
        if p in taken:
            continue
        key = normalise_name(actor["name"])
        twin = next((wanted[g]["name"] for g in matched if key in names[g]), None)
        kind = "duplicate" if twin else "spurious"
        errors.append(ActorError(kind, actor["name"], actor.get("type", ""), twin))
    for g, gold_actor in enumerate(wanted):
        if g not in matched:
            errors.append(ActorError("missing", gold_actor["name"], gold_actor.get("type", "")))
    fp = len(pred) - len(taken)
    return ActorScore(tp=len(matched), fp=fp, fn=len(wanted) - len(matched), errors=tuple(errors))
