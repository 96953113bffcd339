"""Component "actor_gazetteer": pre-sets entities for gazetteer names, before "ner".

The statistical NER respects entities already on the Doc, so names from
``data/actors.toml`` ("Kremlin", "US intelligence", "Niger") get their gazetteer type
even where the small model would mislabel or miss them. Countries are pre-set only by
their canonical names, and a one-word name is skipped when a capitalised word sits right
before it or a proper noun right after ("Northern Ireland", "Michael Jordan" stay whole).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from dashboard.errors import DashboardError
from dashboard.nlp.gazetteer import Gazetteer, load_gazetteer

if not Doc.has_extension("problems"):
    Doc.set_extension("problems", default=None)


def gazetteer_patterns(gazetteer: Gazetteer) -> dict[str, list[str]]:
    """Label → the names to pre-set with that label."""
    patterns: dict[str, list[str]] = {"PERSON": [], "ORG": [], "GPE": []}
    for actor in gazetteer.actors:
        names = [actor.name] if actor.type == "GPE" else [actor.name, *actor.aliases]
        if actor.type == "GPE":
            names += [a for a in actor.aliases if " " in a]
        patterns[actor.type].extend(names)
    return patterns


def _standalone(doc: Doc, start: int, end: int) -> bool:
    """Whether a one-word match is not part of a longer capitalised name."""
    if end - start > 1:
        return True
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if before is not None and before.is_title and not doc[start - 1].is_sent_start:
        return False
    return not (after is not None and after.is_title and after.pos_ == "PROPN")


class GazetteerRuler:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab)
        self.problem: str | None = None
        try:
            patterns = gazetteer_patterns(load_gazetteer())
        except DashboardError as error:
            patterns, self.problem = {}, f"actor_gazetteer: {error}"
        for label, names in patterns.items():
            if names:
                self.matcher.add(label, [nlp.make_doc(n) for n in names])

    def __call__(self, doc: Doc) -> Doc:
        if self.problem:
            doc._.problems = [*(doc._.problems or []), self.problem]
        spans = self.match(doc)
        if spans:
            self.set_annotations(doc, spans)
        return doc

    def match(self, doc: Doc) -> list[Span]:
        spans = [
            Span(doc, start, end, label=match_id)
            for match_id, start, end in self.matcher(doc)
            if _standalone(doc, start, end)
        ]
        return filter_spans(spans)

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        taken = {i for span in spans for i in range(span.start, span.end)}
        kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        doc.set_ents(filter_spans([*kept, *spans]), default="unmodified")


@Language.factory("actor_gazetteer")
def make_gazetteer_ruler(nlp: Language, name: str) -> GazetteerRuler:
    return GazetteerRuler(nlp, name)
