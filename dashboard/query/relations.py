"""A table of one store version as a DuckDB relation: the union of its parts minus masks.

``StoreTables(build_dir, version).sql("quotes")`` is a parenthesised ``SELECT`` that reads
every Parquet part of the table (``read_parquet``, so filters on ``article`` are pushed
down into the scan and prune row groups) and leaves out the rows of articles a part
masks. A table with no parts is an empty relation with the schema's columns and types.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.store.files import TablePart, table_parts
from dashboard.store.schema import LIST, TABLES

SQL_TYPES = {"string": "VARCHAR", "int32": "INTEGER", "int64": "BIGINT", LIST: "VARCHAR[]"}


def quote_literal(value: str) -> str:
    """A SQL string literal: 'O''Brien'."""
    return "'" + value.replace("'", "''") + "'"


def empty_relation(table: str) -> str:
    """A relation with the table's columns and types and no rows."""
    columns = ", ".join(f"CAST(NULL AS {SQL_TYPES[c.dtype]}) AS {quote_ident(c.name)}" for c in TABLES[table])
    return f"(SELECT {columns} WHERE false)"


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def part_relation(part: TablePart, table: str) -> str:
    """One part's rows in schema column order, without its masked articles."""
    columns = ", ".join(quote_ident(c.name) for c in TABLES[table])
    select = f"SELECT {columns} FROM read_parquet({quote_literal(str(part.path))})"
    if part.masked:
        masked = ", ".join(quote_literal(a) for a in sorted(part.masked))
        select += f" WHERE article NOT IN ({masked})"
    return select


def table_relation(parts: Sequence[TablePart], table: str) -> str:
    """The union of ``parts`` (minus masked articles), or an empty relation."""
    if not parts:
        return empty_relation(table)
    return "(" + " UNION ALL ".join(part_relation(p, table) for p in parts) + ")"


@dataclass(frozen=True)
class StoreTables:
    """The tables of one version of a build folder, as SQL relations (read lazily, once)."""

    build_dir: Path
    version: str
    _relations: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def sql(self, table: str) -> str:
        if table not in TABLES:
            raise KeyError(f"no table {table!r} in the schema")
        if table not in self._relations:
            self._relations[table] = table_relation(table_parts(self.build_dir, table, self.version), table)
        return self._relations[table]

    def parts(self, table: str) -> list[TablePart]:
        return table_parts(self.build_dir, table, self.version)
