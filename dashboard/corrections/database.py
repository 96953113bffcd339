"""The corrections log and editors' articles in a database (SQLite or PostgreSQL).

Reached through SQLAlchemy: the app passes the engine of ``st.connection("newsroom")``,
the command line one made from ``DASHBOARD_DB_URL`` (default: a SQLite file next to the
build folder). The schema is created on first use and versioned: ``MIGRATIONS`` is an
ordered tuple of steps, the ``schema_version`` table says how many have run, and
``migrate`` runs the missing ones in one transaction. Never edit a step that has
shipped; add the next one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from dashboard import settings
from dashboard.corrections.records import Correction
from dashboard.errors import DashboardError

DB_URL_ENV = "DASHBOARD_DB_URL"
DB_FILE = "newsroom.sqlite"

metadata = sa.MetaData()
schema_version = sa.Table("schema_version", metadata, sa.Column("version", sa.Integer, nullable=False))
corrections = sa.Table(
    "corrections",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("by", sa.String(200), nullable=False),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("article", sa.String(300), nullable=False, index=True),
    sa.Column("content_hash", sa.String(128), nullable=False),
    sa.Column("target", sa.String(300), nullable=False),
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
    sa.Column("span_text", sa.Text, nullable=False),
    sa.Column("before", sa.Text, nullable=True),  # JSON
    sa.Column("after", sa.Text, nullable=True),  # JSON
    sa.Column("undoes", sa.Integer, nullable=True),
)
added_articles = sa.Table(
    "added_articles",
    metadata,
    sa.Column("name", sa.String(300), primary_key=True),  # file name in the articles folder
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("metadata_json", sa.Text, nullable=False),
    sa.Column("added_by", sa.String(200), nullable=False),
    sa.Column("added_at", sa.String(40), nullable=False),
)


def _v1(connection: Connection) -> None:
    schema_version.create(connection)
    corrections.create(connection)


def _v2(connection: Connection) -> None:
    added_articles.create(connection)


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_v1, _v2)


class DatabaseError(DashboardError):
    """The corrections database cannot be reached or read; the message never shows a password."""


def default_url(build_dir: Path | None = None) -> str:
    """``DASHBOARD_DB_URL``, else a SQLite file next to the build folder (``build/newsroom.sqlite``)."""
    url = os.environ.get(DB_URL_ENV, "").strip()
    return url or f"sqlite:///{Path(build_dir or settings.BUILD_DIR).parent / DB_FILE}"


def safe_url(url: str | sa.URL) -> str:
    """The URL for messages: no password, and only the file name of a SQLite path."""
    parsed = sa.make_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() == "sqlite":
        return f"sqlite:///{Path(parsed.database or '').name}"
    return parsed.render_as_string(hide_password=True)


def make_engine(url: str | None = None) -> Engine:
    url = url or default_url()
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    return sa.create_engine(parsed)


def migrate(engine: Engine) -> int:
    """Run the migrations the database lacks; returns the schema version."""
    try:
        with engine.begin() as connection:
            if not sa.inspect(connection).has_table("schema_version"):
                done = 0
            else:
                done = int(connection.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0)
            for step in MIGRATIONS[done:]:
                step(connection)
            if done < len(MIGRATIONS):
                connection.execute(schema_version.delete())
                connection.execute(schema_version.insert().values(version=len(MIGRATIONS)))
    except sa.exc.SQLAlchemyError as error:
        raise DatabaseError(
            f"{safe_url(engine.url)}: cannot set up the corrections database ({_short(error)})"
        ) from None
    return len(MIGRATIONS)


def _short(error: Exception) -> str:
    text = str(getattr(error, "orig", None) or error).strip().splitlines()
    return text[0] if text else type(error).__name__


@dataclass
class CorrectionStore:
    """The log and the editors' articles in one database; schema made on first use."""

    engine: Engine
    ready: bool = False  # schema known to be up to date

    @classmethod
    def open(cls, url: str | None = None) -> CorrectionStore:
        return cls(make_engine(url))

    def ensure_schema(self) -> None:
        if not self.ready:
            migrate(self.engine)
            self.ready = True

    def _run(self, what: str, work: Callable[[Connection], object]) -> object:
        self.ensure_schema()
        try:
            with self.engine.begin() as connection:
                return work(connection)
        except sa.exc.SQLAlchemyError as error:
            raise DatabaseError(f"{safe_url(self.engine.url)}: cannot {what} ({_short(error)})") from None

    # -- corrections ----------------------------------------------------------------------------

    def add(self, record: Correction) -> Correction:
        """Append a record; returns it with its id."""
        values = {
            "at": record.at,
            "by": record.by,
            "note": record.note,
            "action": record.action,
            "article": record.article,
            "content_hash": record.content_hash,
            "target": record.target,
            "span_start": record.start,
            "span_end": record.end,
            "span_text": record.span_text,
            "before": _json(record.before),
            "after": _json(record.after),
            "undoes": record.undoes,
        }

        def insert(connection: Connection) -> int:
            key = connection.execute(corrections.insert().values(**values)).inserted_primary_key
            return int(key[0]) if key else 0

        new_id = self._run("save the correction", insert)
        return Correction(**{**record.__dict__, "id": new_id})

    def records(self, article: str | None = None) -> list[Correction]:
        """Every record (of one article), oldest first."""
        query = sa.select(corrections).order_by(corrections.c.id)
        if article is not None:
            query = query.where(corrections.c.article == article)

        def select(connection: Connection) -> list[Correction]:
            return [_record(row._mapping) for row in connection.execute(query)]

        return list(self._run("read the corrections", select))  # type: ignore[call-overload]

    def get(self, record_id: int) -> Correction | None:
        def select(connection: Connection) -> Correction | None:
            row = connection.execute(sa.select(corrections).where(corrections.c.id == record_id)).first()
            return None if row is None else _record(row._mapping)

        return self._run("read the correction", select)  # type: ignore[return-value]

    def revision(self) -> int:
        """The newest record's id (0 if none): changes whenever the log does."""

        def select(connection: Connection) -> int:
            return int(connection.execute(sa.select(sa.func.max(corrections.c.id))).scalar() or 0)

        return int(self._run("read the corrections", select))  # type: ignore[call-overload]

    # -- articles added by editors --------------------------------------------------------------

    def add_article(self, name: str, data: bytes, metadata_json: dict[str, object], *, by: str, at: str) -> None:
        values = {
            "name": name,
            "data": data,
            "metadata_json": json.dumps(metadata_json),
            "added_by": by,
            "added_at": at,
        }
        self._run("store the article", lambda connection: connection.execute(added_articles.insert().values(**values)))

    def articles(self) -> list[StoredArticle]:
        def select(connection: Connection) -> list[StoredArticle]:
            rows = connection.execute(sa.select(added_articles).order_by(added_articles.c.added_at))
            return [
                StoredArticle(r.name, bytes(r.data), json.loads(r.metadata_json), r.added_by, r.added_at) for r in rows
            ]

        return list(self._run("read the stored articles", select))  # type: ignore[call-overload]

    def article_names(self) -> list[str]:
        def select(connection: Connection) -> list[str]:
            return [str(name) for (name,) in connection.execute(sa.select(added_articles.c.name))]

        return list(self._run("read the stored articles", select))  # type: ignore[call-overload]


@dataclass(frozen=True)
class StoredArticle:
    name: str
    data: bytes
    metadata: dict[str, object]
    added_by: str
    added_at: str


def _json(value: object) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _record(row: Mapping[Any, Any]) -> Correction:
    get = row.__getitem__
    return Correction(
        action=get("action"),
        article=get("article"),
        content_hash=get("content_hash"),
        target=get("target"),
        start=int(get("span_start")),
        end=int(get("span_end")),
        span_text=get("span_text"),
        before=None if get("before") is None else json.loads(get("before")),
        after=None if get("after") is None else json.loads(get("after")),
        by=get("by"),
        at=get("at"),
        note=get("note") or "",
        undoes=get("undoes"),
        id=int(get("id")),
    )


def restore_articles(store: CorrectionStore, articles_dir: Path) -> list[Path]:
    """Write the editors' articles missing from ``articles_dir`` (a fresh disk); returns them."""
    restored: list[Path] = []
    for stored in store.articles():
        path = articles_dir / Path(stored.name).name
        if path.exists():
            continue
        articles_dir.mkdir(parents=True, exist_ok=True)
        path.write_bytes(stored.data)
        sidecar = path.with_name(path.stem + settings.METADATA_SUFFIX)
        sidecar.write_text(json.dumps(stored.metadata, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        restored.append(path)
    return restored


def latest(records: Sequence[Correction]) -> dict[int, Correction]:
    """Records by id."""
    return {r.id: r for r in records if r.id is not None}
