"""Shared fixtures. The only conftest in the project."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dashboard import settings


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real pipeline (trained model + our components), loaded once per test session."""
    from dashboard.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def data_dir():
    return settings.DATA_DIR
