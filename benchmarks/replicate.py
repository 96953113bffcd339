"""Turn a built store into one of N articles, without parsing, for query benchmarks.

    python -m benchmarks.replicate SRC_BUILD_DIR DEST --articles 100000 [--part-articles 25000]

Article ``i`` of DEST is a copy of source article ``i mod S`` (S = articles in the source)
under the new id ``r{i:07d}-{source id}``, with every row of every table copied and the
``article`` column rewritten; dates are spread evenly over 2015-01-01 … 2024-12-31, so
month and year aggregates are realistic. DEST is written through the store's own commit
(parts of ``--part-articles`` articles each, sorted by article, one manifest), streamed
part by part: memory holds the source tables and one part, never the whole result, so a
million articles fit easily on a 24 GB machine. Actor keys stay right: copies carry the
same names, so the corpus-wide links are those of the source.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dashboard import settings
from dashboard.store.files import (
    FILE_MODE,
    PartEntry,
    commit,
    make_dir,
    new_group,
    read_part,
    staging,
    table_parts,
    writer_lock,
)
from dashboard.store.schema import TABLES

FIRST_DAY = date(2015, 1, 1)
LAST_DAY = date(2024, 12, 31)


class Source:
    """One table of the source store, sorted by article, with each article's row range."""

    def __init__(self, build_dir: Path, table: str, articles: list[str]) -> None:
        parts = [read_part(p, table) for p in table_parts(build_dir, table)]
        data = pa.concat_tables(parts) if parts else None
        self.table = table
        if data is None or data.num_rows == 0:
            self.data = None
            return
        order = pc.sort_indices(data, sort_keys=[("article", "ascending")])  # stable
        self.data = data.take(order)
        ids = self.data["article"].to_numpy(zero_copy_only=False).astype(str)
        index = {a: i for i, a in enumerate(articles)}
        codes = np.array([index[a] for a in ids], dtype=np.int64)
        self.starts = np.searchsorted(codes, np.arange(len(articles)), side="left")
        self.ends = np.searchsorted(codes, np.arange(len(articles)), side="right")

    def rows_for(self, sources: np.ndarray, new_ids: list[str]) -> pa.Table | None:
        """The rows of these source articles, in this order, under the new ids."""
        if self.data is None:
            return None
        counts = self.ends[sources] - self.starts[sources]
        if counts.sum() == 0:
            return None
        take = np.concatenate([np.arange(s, e) for s, e in zip(self.starts[sources], self.ends[sources], strict=True)])
        rows = self.data.take(pa.array(take))
        field = rows.schema.field("article")
        article = pa.array(np.repeat(np.array(new_ids, dtype=object), counts), field.type)
        return rows.set_column(rows.schema.get_field_index("article"), field, article)


def spread_dates(indices: np.ndarray, total: int) -> list[str]:
    span = (LAST_DAY - FIRST_DAY).days
    return [(FIRST_DAY + timedelta(days=int(i * span // max(total - 1, 1)))).isoformat() for i in indices]


def replicate(source_dir: Path, dest: Path, *, articles: int, part_articles: int = 25_000) -> str:
    articles_table = pa.concat_tables([read_part(p, "articles") for p in table_parts(source_dir, "articles")])
    source_ids = sorted(articles_table["article"].to_pylist())
    if not source_ids:
        raise SystemExit(f"error: {source_dir}: no built articles to replicate")
    sources = {table: Source(source_dir, table, source_ids) for table in TABLES if table != "failures"}
    entries: dict[str, list[PartEntry]] = {table: [] for table in TABLES}
    with writer_lock(dest), staging(dest) as stage:
        for start in range(0, articles, part_articles):
            indices = np.arange(start, min(start + part_articles, articles))
            src = indices % len(source_ids)
            new_ids = [f"r{i:07d}-{source_ids[s]}" for i, s in zip(indices, src, strict=True)]
            group = new_group("r")
            for table, source in sources.items():
                rows = source.rows_for(src, new_ids)
                if rows is None:
                    continue
                if table == "articles":
                    rows = _articles_columns(rows, new_ids, spread_dates(indices, articles))
                entries[table].append(_write(stage.path, table, group, rows, len(new_ids)))
            print(f"  {indices[-1] + 1:,} / {articles:,} articles", file=sys.stderr, flush=True)
        return commit(dest, entries, staged=stage.path, parent=None)


def _articles_columns(rows: pa.Table, new_ids: list[str], dates: list[str]) -> pa.Table:
    for name, values in (("date", dates), ("path", [f"replica/{a}.txt" for a in new_ids])):
        field = rows.schema.field(name)
        rows = rows.set_column(rows.schema.get_field_index(name), field, pa.array(values, field.type))
    return rows


def _write(staged: Path, table: str, group: str, rows: pa.Table, n_articles: int) -> PartEntry:
    relative = f"parts/{table}/{group}.parquet"
    path = staged / relative
    make_dir(path.parent)
    pq.write_table(rows, path, row_group_size=settings.PART_ROW_GROUP_ROWS)
    path.chmod(FILE_MODE)
    articles = len(pc.unique(rows["article"]))
    assert articles <= n_articles
    return PartEntry(relative, group, rows.num_rows, articles, path.stat().st_size)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a built store (build folder)")
    parser.add_argument("dest", type=Path, help="build folder to write (a new version is committed there)")
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--part-articles", type=int, default=25_000, help="articles per part file")
    args = parser.parse_args()
    started = time.perf_counter()
    version = replicate(args.source, args.dest, articles=args.articles, part_articles=args.part_articles)
    seconds = time.perf_counter() - started
    size = sum(p.stat().st_size for p in (args.dest / "parts").glob("*/*.parquet"))
    print(
        f"replicated {args.source} into {args.articles:,} articles in {seconds:.1f} s "
        f"({size / 1e6:,.0f} MB of parts); tables version {version} in {args.dest}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
