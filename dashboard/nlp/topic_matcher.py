"""Component "topic_matcher": topic terms from the taxonomy in ``data/topics.toml``.

Writes ``doc.spans[TOPICS]``: one span per matched term, ``label_`` = topic name. The
taxonomy's format is documented at the top of the TOML file. Every term is matched
case-insensitively word for word (``LOWER``), with a plural of a lowercase last word,
closed-up and spaced forms of hyphenated words and British/American spellings; and on
lemmas (``LEMMA``) so that any inflection matches. Both matchers are spaCy
``PhraseMatcher``s built once, when the pipeline is built.

A span nested inside a longer span of the same topic is dropped ("Iranian nuclear
programme" counts once for a topic listing both "nuclear programme" and the longer
phrase); partly overlapping spans of one topic are both kept.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from dashboard import settings
from dashboard.errors import DataFileError
from dashboard.lexicons import load_toml
from dashboard.nlp import TOPICS

if not Doc.has_extension("problems"):
    Doc.set_extension("problems", default=None)

TOPIC_KEYS = frozenset({"name", "about", "terms"})


@dataclass(frozen=True)
class Topic:
    name: str
    terms: tuple[str, ...]
    about: str | None = None


@dataclass(frozen=True)
class Taxonomy:
    topics: tuple[Topic, ...]
    spellings: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class TopicMatch:
    """A matched term: token offsets [start, end) and the topic name."""

    start: int
    end: int
    topic: str


# --- the taxonomy ------------------------------------------------------------------------


def parse_taxonomy(data: Mapping[str, Any], *, source: str = "topics") -> Taxonomy:
    """A taxonomy from parsed TOML (or any dict of the same shape); DataFileError if bad."""
    raw_topics = data.get("topic", [])
    if not isinstance(raw_topics, list):
        raise DataFileError(f"{source}: 'topic' must be an array of tables ([[topic]])")
    topics = []
    for number, raw in enumerate(raw_topics, start=1):
        where = f"{source}: topic {number}"
        if not isinstance(raw, Mapping):
            raise DataFileError(f"{where}: must be a table")
        unknown = set(raw) - TOPIC_KEYS
        if unknown:
            raise DataFileError(
                f"{where}: unknown key(s) {', '.join(sorted(unknown))} "
                f"(allowed: {', '.join(sorted(TOPIC_KEYS))})"
            )
        name, terms, about = raw.get("name"), raw.get("terms"), raw.get("about")
        if not isinstance(name, str) or not name.strip():
            raise DataFileError(f"{where}: 'name' must be a non-empty string")
        if (
            not isinstance(terms, list)
            or not terms
            or not all(isinstance(t, str) and t.strip() for t in terms)
        ):
            raise DataFileError(f"{where} ({name}): 'terms' must be a non-empty list of strings")
        if about is not None and not isinstance(about, str):
            raise DataFileError(f"{where} ({name}): 'about' must be a string")
        topics.append(Topic(name.strip(), tuple(t.strip() for t in terms), about))
    names = [t.name for t in topics]
    doubled = sorted({n for n in names if names.count(n) > 1})
    if doubled:
        raise DataFileError(f"{source}: topic(s) listed twice: {', '.join(doubled)}")
    spellings = data.get("spellings", {})
    if not isinstance(spellings, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in spellings.items()
    ):
        raise DataFileError(f"{source}: [spellings] must map words to words")
    pairs = tuple((k.lower(), v.lower()) for k, v in spellings.items())
    return Taxonomy(tuple(topics), pairs)


def load_taxonomy(path: Path | str) -> Taxonomy:
    return parse_taxonomy(load_toml(path), source=str(path))


# --- term variants -----------------------------------------------------------------------


def plural(word: str) -> str | None:
    """Regular English plural of a lowercase noun; None when it would be a guess."""
    if not word.isalpha() or not word.islower() or word.endswith("s"):
        return None
    if word.endswith(("x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def hyphen_forms(term: str) -> tuple[str, ...]:
    """The term as written, and with its hyphens closed up and spaced."""
    if "-" not in term:
        return (term,)
    return tuple(dict.fromkeys((term, term.replace("-", ""), term.replace("-", " "))))


def _spelling_table(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    table: dict[str, set[str]] = {}
    for a, b in pairs:
        table.setdefault(a, {a}).add(b)
        table.setdefault(b, {b}).add(a)
    return {word: tuple(sorted(forms)) for word, forms in table.items()}


def word_sequences(
    words: list[str], *, spellings: Mapping[str, tuple[str, ...]], inflect: bool
) -> set[tuple[str, ...]]:
    """Lowercase word sequences a term stands for (spellings × plural of the last word)."""
    lowered = [w.lower() for w in words]
    choices = [spellings.get(w, (w,)) for w in lowered]
    sequences = set(itertools.product(*choices))
    if inflect:
        for sequence in list(sequences):
            last = plural(sequence[-1])
            if last:
                sequences.add((*sequence[:-1], last))
    return sequences


# --- matching ----------------------------------------------------------------------------


class TopicFinder:
    """The matchers for one taxonomy, built once; ``match`` is a pure function of a Doc."""

    def __init__(self, nlp: Language, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.by_words = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.by_lemmas = PhraseMatcher(nlp.vocab, attr="LEMMA")
        spellings = _spelling_table(taxonomy.spellings)
        for topic in taxonomy.topics:
            words: set[tuple[str, ...]] = set()
            lemmas: set[tuple[str, ...]] = set()
            for term in topic.terms:
                for form in hyphen_forms(term):
                    tokens = [t.text for t in nlp.make_doc(form) if not t.is_space]
                    if not tokens:
                        continue
                    inflect = tokens[-1].islower()
                    words |= word_sequences(tokens, spellings=spellings, inflect=inflect)
                    lemmas |= word_sequences(tokens, spellings=spellings, inflect=False)
            self.by_words.add(topic.name, [Doc(nlp.vocab, words=list(w)) for w in sorted(words)])
            self.by_lemmas.add(
                topic.name,
                [Doc(nlp.vocab, words=list(w), lemmas=list(w)) for w in sorted(lemmas)],
            )

    def match(self, doc: Doc) -> list[TopicMatch]:
        """Every topic term in the Doc, in text order; lemmas used when the Doc has them."""
        found = {(start, end, key) for key, start, end in self.by_words(doc)}
        if doc.has_annotation("LEMMA"):
            found |= {(start, end, key) for key, start, end in self.by_lemmas(doc)}
        strings = doc.vocab.strings
        matches = [TopicMatch(start, end, strings[key]) for start, end, key in found]
        return without_nested(matches)


def without_nested(matches: Iterable[TopicMatch]) -> list[TopicMatch]:
    """Drop duplicates and matches inside a longer match of the same topic; text order."""
    kept: list[TopicMatch] = []
    reach: dict[str, int] = {}  # per topic: furthest end among kept matches so far
    for match in sorted(set(matches), key=lambda m: (m.start, -m.end, m.topic)):
        if reach.get(match.topic, -1) >= match.end:
            continue
        kept.append(match)
        reach[match.topic] = max(reach.get(match.topic, -1), match.end)
    return sorted(kept, key=lambda m: (m.start, m.end, m.topic))


def build_topic_finder(nlp: Language, taxonomy: Taxonomy | Mapping[str, Any]) -> TopicFinder:
    """A finder for an in-memory taxonomy (a Taxonomy or a dict shaped like the TOML)."""
    if not isinstance(taxonomy, Taxonomy):
        taxonomy = parse_taxonomy(taxonomy)
    return TopicFinder(nlp, taxonomy)


def topic_spans(doc: Doc, finder: TopicFinder) -> list[Span]:
    """The topic spans a finder sees in a Doc (label_ = topic); the Doc is not changed."""
    return [Span(doc, m.start, m.end, label=m.topic) for m in finder.match(doc)]


@Language.factory("topic_matcher", default_config={"taxonomy_path": ""})
class TopicMatcher:
    """Pipeline component; ``taxonomy_path`` "" means ``settings.TOPICS_FILE``."""

    def __init__(self, nlp: Language, name: str, taxonomy_path: str) -> None:
        self.name = name
        self.finder = TopicFinder(nlp, load_taxonomy(taxonomy_path or settings.TOPICS_FILE))

    def __call__(self, doc: Doc) -> Doc:
        try:
            matches = self.finder.match(doc)
        except Exception as error:  # one odd Doc must never stop a batch
            if doc._.problems is None:
                doc._.problems = []
            doc._.problems.append(f"topic_matcher: {type(error).__name__}: {error}")
            matches = []
        self.set_annotations(doc, matches)
        return doc

    def set_annotations(self, doc: Doc, matches: list[TopicMatch]) -> None:
        doc.spans[TOPICS] = [Span(doc, m.start, m.end, label=m.topic) for m in matches]
