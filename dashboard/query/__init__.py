"""DuckDB over the Parquet store: the app asks for what a page shows, never whole tables.

The store is read only through its contract (``dashboard.store.files.table_parts``): a
table is the union of its Parquet parts minus each part's masked articles. On top of that:

- ``relations``   a table of one version as a SQL relation (``StoreTables``)
- ``connection``  one embedded DuckDB database per process, bounded memory, a cursor per query
- ``articles``    one article's rows (``WHERE article = ?``: row groups are pruned), the
                  article list for pickers
- ``corpus``      the corpus aggregates (speakers, actors, topics per date, totals) as SQL
- ``quotes``      the all-articles quote explorer: filters in SQL, one page of rows at a
                  time, speaker options with counts, downloads made batch by batch

Every function takes an open cursor and a ``StoreTables`` and returns small pandas frames;
caching (keyed by the store version) is the loaders' job (``dashboard/loaders.py``).
"""

from __future__ import annotations

from dashboard.query.connection import connect
from dashboard.query.relations import StoreTables

__all__ = ["StoreTables", "connect"]
