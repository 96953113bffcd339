"""The worker: ``python -m dashboard.analysis.worker ARTICLE_ID FILENAME`` with the bytes on stdin.

Writes one pickled ``dict`` to stdout: ``{"ok": True, "pid": …, "tables": {table: DataFrame}}``
or ``{"ok": False, "problem": "one line"}``. Runs at low CPU priority (``nice``).
"""

from __future__ import annotations

import os
import pickle
import sys
from dataclasses import fields

from dashboard.analysis.text import upload_article
from dashboard.errors import DashboardError

NICENESS = 10


def analyse(data: bytes, *, article_id: str, filename: str | None) -> dict[str, object]:
    import pandas as pd

    from dashboard.extract import ArticleTables, extract_tables
    from dashboard.nlp.pipeline import parse_text
    from dashboard.store.schema import conform, empty

    article = upload_article(data, filename=filename, article_id=article_id)
    tables = extract_tables(parse_text(article.text), article)
    frames = {}
    for table in (f.name for f in fields(ArticleTables)):
        rows = [vars(r) for r in getattr(tables, table)]
        frames[table] = conform(pd.DataFrame(rows), table) if rows else empty(table)
    return {"ok": True, "pid": os.getpid(), "tables": frames}


def main(argv: list[str]) -> int:
    article_id, filename = argv[0], (argv[1] or None) if len(argv) > 1 else None
    with __import__("contextlib").suppress(OSError):
        os.nice(NICENESS)
    data = sys.stdin.buffer.read()
    try:
        result = analyse(data, article_id=article_id, filename=filename)
    except DashboardError as error:
        result = {"ok": False, "problem": str(error)}
    except Exception as error:  # one line for the reader, never a traceback
        result = {"ok": False, "problem": f"the text could not be analysed ({type(error).__name__})"}
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
