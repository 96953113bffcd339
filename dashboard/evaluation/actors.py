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

NAME_LINKS = frozenset({"of", "the", "and", "&", "for", "de", "al", "bin", "van", "von"})
SOURCE_TITLES = frozenset(
    {
        "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "senator", "governor", "professor", "prof",
        "secretary", "speaker", "mayor", "judge", "justice", "chairman", "chairwoman", "director", "minister",
        "ambassador", "general", "gen", "congressman", "congresswoman", "representative", "candidate",
    }
)  # fmt: skip


def source_key(text: str) -> str:
    """A source span as a name: possessive off, and everything up to the last title word
    ("Mr. Obama's" → "obama", "Texas Sen. Ted Cruz" → "ted cruz")."""
    words = normalise_name(text).split()
    if words:
        words[-1] = words[-1].removesuffix("'s")
    titles = [i for i, w in enumerate(words[:-1]) if w.strip(".") in SOURCE_TITLES]
    if titles:
        words = words[titles[-1] + 1 :]
    return " ".join(words)


@dataclass(frozen=True)
class ActorError:
    kind: str  # "missing" | "spurious" | "duplicate" | "mistyped"
    name: str
    type: str
    gold: str | None = None  # the gold actor a duplicate matched

    def __str__(self) -> str:
        if self.kind == "missing":
            return f"missing {self.type} {self.name!r}"
        if self.kind == "mistyped":
            return f"mistyped {self.name!r} (found only as {self.type})"
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


def is_plain_name(text: str) -> bool:
    """Whether a source span is only a name: one to five words, capitalised except linking
    words ("the Washington Post", "Bank of England", "Cruz"); not "those of us who …"."""
    words = normalise_name(text).split()
    raw = text.replace("[", "").replace("]", "").split()
    if raw and raw[0].lower() == "the":
        raw = raw[1:]
    return (
        1 <= len(words) <= 5
        and bool(raw)
        and raw[0][:1].isupper()
        and all(w[:1].isupper() or w.lower() in NAME_LINKS for w in raw)
    )


def _names_of(actor: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(normalise_name(n) for n in (actor["name"], *actor.get("aliases", [])))


def score_sources(
    predicted: Sequence[Mapping[str, Any]],
    gold: Sequence[Mapping[str, Any]],
) -> ActorScore:
    """Recall of named sources (a gold list that names only who speaks, such as PolNeAR's).

    Only gold entries that are plain names count (``is_plain_name``). A full name typed
    PERSON (two words or more) is found only by a predicted PERSON of that canonical name
    ("Ted Cruz", not "Sen. Ted Cruz" nor an organisation "Ted Cruz"). Any other is found
    when a predicted PERSON or ORG actor has it as its name or an alias, or, for a
    predicted person, has its last word as surname ("Donald Trump" finds "Trump"). A gold
    name found only with another type (a place, or an organisation for a full name) is
    "mistyped". There is no precision: such a list leaves out everyone who does not
    speak, so ``fp`` is always 0.
    """
    actors = [(p, _names_of(p)) for p in predicted]
    errors: list[ActorError] = []
    tp = fn = 0
    for gold_actor in gold:
        if gold_actor.get("type") not in {"PERSON", "ORG"} or not is_plain_name(gold_actor["name"]):
            continue
        key = source_key(gold_actor["name"])
        full_name = gold_actor["type"] == "PERSON" and len(key.split()) >= 2
        if full_name:
            hits = [p for p, _ in actors if normalise_name(p["name"]) == key]
            wanted = {"PERSON"}
        else:
            surname = key.split()[-1]
            hits = [
                p
                for p, names in actors
                if key in names or (p.get("type") == "PERSON" and normalise_name(p["name"]).split()[-1:] == [surname])
            ]
            wanted = {"PERSON", "ORG"}
        if any(p.get("type") in wanted for p in hits):
            tp += 1
            continue
        fn += 1
        typed = next((p.get("type", "") for p in hits), None)
        errors.append(ActorError("mistyped" if typed else "missing", gold_actor["name"], typed or gold_actor["type"]))
    return ActorScore(tp=tp, fp=0, fn=fn, errors=tuple(errors))
