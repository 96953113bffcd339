"""Exceptions the dashboard raises on purpose.

    DashboardError            anything we report to a user as one clear line
    ├── ArticleError          one input file cannot be read as an article (names the file)
    ├── ModelError            no usable spaCy model is installed
    └── DataFileError         a lexicon/gazetteer/taxonomy TOML file is missing or malformed

Callers that process many articles catch ``ArticleError`` per article, record it in the
``failures`` table and go on; the command line turns any ``DashboardError`` into a
one-line message and a non-zero exit, never a traceback.
"""

from __future__ import annotations


class DashboardError(Exception):
    """An error with a message meant for the user."""


class ArticleError(DashboardError):
    """An article file that cannot be processed; ``str()`` names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class ModelError(DashboardError):
    """No spaCy model from ``settings.MODEL_NAMES`` can be loaded."""


class DataFileError(DashboardError):
    """A data file (actors.toml, topics.toml, reporting_verbs.toml) is missing or malformed."""
