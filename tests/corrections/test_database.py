"""The corrections store on SQLite and on a real PostgreSQL server started by the test session."""

from __future__ import annotations

import sqlalchemy as sa

from dashboard.corrections.database import MIGRATIONS, CorrectionStore, migrate, restore_articles, safe_url
from dashboard.corrections.records import Correction, undo_of


def _record(**changes: object) -> Correction:
    values: dict[str, object] = {
        "action": "speaker", "article": "a", "content_hash": "h", "target": "q1", "start": 3, "end": 9,
        "span_text": "“quote”", "before": {"speaker": "Ann", "speaker_id": "ann", "corrected": ""},
        "after": {"speaker": "Zoë Ñ", "speaker_id": None}, "by": "ed@paper.example", "note": "per the tape",
    }  # fmt: skip
    return Correction(**{**values, **changes})  # type: ignore[arg-type]


def test_records_round_trip_in_order_with_ids(database_url: str) -> None:
    store = CorrectionStore.open(database_url)
    assert store.records() == [] and store.revision() == 0
    first = store.add(_record())
    second = store.add(_record(article="b", after=None, action="not_a_quote"))
    third = store.add(undo_of(first, by="chief"))
    assert [r.id for r in store.records()] == [first.id, second.id, third.id]
    assert store.records("a") == [first, third]
    assert store.get(second.id or 0) == second
    assert store.revision() == third.id
    assert third.undoes == first.id and third.after == first.before


def test_the_schema_is_versioned_and_migrating_twice_changes_nothing(database_url: str) -> None:
    engine = sa.create_engine(database_url)
    assert migrate(engine) == len(MIGRATIONS)
    assert migrate(engine) == len(MIGRATIONS)
    with engine.connect() as connection:
        versions = connection.execute(sa.text("select version from schema_version")).all()
    assert versions == [(len(MIGRATIONS),)]
    assert {"corrections", "added_articles"} <= set(sa.inspect(engine).get_table_names())
    engine.dispose()


def test_an_older_schema_is_brought_up_to_date(database_url: str) -> None:
    engine = sa.create_engine(database_url)
    with engine.begin() as connection:
        MIGRATIONS[0](connection)
        connection.execute(sa.text("insert into schema_version (version) values (1)"))
    assert not sa.inspect(engine).has_table("added_articles")
    CorrectionStore(engine).add_article("x.txt", b"Title\n\nBody.", {"title": "Title"}, by="ed", at="2026-01-01")
    assert sa.inspect(engine).has_table("added_articles")
    engine.dispose()


def test_articles_added_by_editors_are_restored_on_a_fresh_disk(database_url: str, tmp_path) -> None:
    store = CorrectionStore.open(database_url)
    store.add_article("new-story.txt", "Headline\n\nShe said “yes”.\n".encode(), {"title": "Headline"}, by="ed", at="t")
    folder = tmp_path / "articles"
    assert restore_articles(store, folder) == [folder / "new-story.txt"]
    assert (folder / "new-story.txt").read_text(encoding="utf-8").startswith("Headline")
    assert (folder / "new-story.meta.json").is_file()
    assert restore_articles(store, folder) == []  # already there: nothing rewritten


def test_messages_never_show_a_password_or_a_server_path() -> None:
    assert "secret" not in safe_url("postgresql+psycopg://ed:secret@db.example/newsroom")
    assert safe_url("sqlite:////srv/app/build/newsroom.sqlite") == "sqlite:///newsroom.sqlite"
