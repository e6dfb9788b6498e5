"""The desk's full-text index: the database's own, over each item's `search_text` (stems).

SQLite: an FTS5 table with the item table as external content (the text is stored once),
kept in step by triggers, so bulk inserts and cascading deletes are indexed too. PostgreSQL: a
generated `search_vector` column (the `indonesian` text search vector of `search_text`) with a
GIN index; changing `search_text`'s type would mean dropping it first. Created by migration 0006
and checked again after every `migrate` (`search_index_ensure`): on SQLite, Django rebuilds a
table to alter a column, which drops its triggers (what is missing is made again and the index
rebuilt from every row), and the benchmark's throwaway schema is made without migrations.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "ingest_wireitem"
COLUMN = "search_text"
FTS_TABLE = "ingest_wireitem_fts"
POSTGRESQL_INDEX = "ingest_wireitem_search"
# A stored generated column, not an index on the expression: a word most items have is then
# filtered without running the text search parser over every row (50 ms, not 500, for 100,000).
# Django does not know the column; it fills itself on every insert and update.
POSTGRESQL_VECTOR = "search_vector"
FTS_DELETE = (
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {COLUMN}) "
    f"VALUES ('delete', old.id, old.{COLUMN});"
)
FTS_INSERT = f"INSERT INTO {FTS_TABLE}(rowid, {COLUMN}) VALUES (new.id, new.{COLUMN});"
SCHEMA = {
    "sqlite": [
        # detail=none: the desk asks which items hold every word, never for phrases or
        # positions, and the index stays small and quick to write.
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({COLUMN}, "
        f"content='{TABLE}', content_rowid='id', detail=none)",
        f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert AFTER INSERT ON {TABLE} "
        f"BEGIN {FTS_INSERT} END",
        f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete AFTER DELETE ON {TABLE} "
        f"BEGIN {FTS_DELETE} END",
        f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_update AFTER UPDATE OF {COLUMN} ON {TABLE} "
        f"BEGIN {FTS_DELETE} {FTS_INSERT} END",
    ],
    "postgresql": [
        f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS {POSTGRESQL_VECTOR} tsvector GENERATED "
        f"ALWAYS AS (to_tsvector('indonesian'::regconfig, {COLUMN})) STORED",
        f"CREATE INDEX IF NOT EXISTS {POSTGRESQL_INDEX} ON {TABLE} USING gin ({POSTGRESQL_VECTOR})",
    ],
}
SCHEMA_DROP = {
    "sqlite": [
        f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert",
        f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete",
        f"DROP TRIGGER IF EXISTS {FTS_TABLE}_update",
        f"DROP TABLE IF EXISTS {FTS_TABLE}",
    ],
    "postgresql": [
        f"DROP INDEX IF EXISTS {POSTGRESQL_INDEX}",
        f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS {POSTGRESQL_VECTOR}",
    ],
}


SQLITE_NAMES = [FTS_TABLE, f"{FTS_TABLE}_insert", f"{FTS_TABLE}_delete", f"{FTS_TABLE}_update"]


def search_index_create(*, connection: BaseDatabaseWrapper) -> None:
    """Create what is missing of the index; nothing on other databases (which search the
    column with LIKE).

    On SQLite, when anything was missing, every item is indexed again from `search_text`: an
    external-content FTS5 index must hold exactly what the rows hold, or the trigger's
    'delete' of a row it never indexed (or indexed with other text) corrupts it.
    """
    missing = False
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            marks = ", ".join(["%s"] * len(SQLITE_NAMES))
            cursor.execute(f"SELECT name FROM sqlite_master WHERE name IN ({marks})", SQLITE_NAMES)
            missing = len(cursor.fetchall()) < len(SQLITE_NAMES)
        for statement in SCHEMA.get(connection.vendor, []):
            cursor.execute(statement)
        if missing:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def search_index_drop(*, connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in SCHEMA_DROP.get(connection.vendor, []):
            cursor.execute(statement)


def search_index_ensure(*, connection: BaseDatabaseWrapper) -> None:
    """After `migrate`: the index, when the item table has the column (not when migrated back
    to before it)."""
    tables = connection.introspection.table_names()
    if TABLE not in tables:
        return
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, TABLE)
    if COLUMN not in {column.name for column in columns}:
        return
    search_index_create(connection=connection)
