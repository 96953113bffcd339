"""Editors' corrections: append-only records, kept in a database, applied to the tables.

The flow, one module a step:

- ``records``  — a ``Correction`` (who, when, note, anchor, before/after) and the pure
  functions that make one from a table row (``speaker_change``, ``undo_of`` …);
- ``database`` — the records (and articles added by editors) in SQLite or PostgreSQL
  through SQLAlchemy, with a versioned schema (``MIGRATIONS``);
- ``apply``    — ``apply_corrections``: one article's frames + the records → corrected
  frames with a ``corrected`` column and, per record, applied or stale;
- ``gold``     — corrected articles → gold files for ``python -m dashboard evaluate``.

A record is anchored on the article's content hash and the offsets and text of its span:
when the article changes, the record is *stale* (listed, never applied). Every record
sets an absolute state (a row's speaker, a row present or absent), so applying the
whole log to tables that already carry it gives the same result; undo is a new record
that sets the state from before.
"""
