"""Wagtail's database search backend, with bounded reads of a search's newest matches.

Configured as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "kabar.search.backends"``.
On MySQL this is exactly Wagtail's backend. On SQLite the stock query compiler scores each
match with a correlated subquery that runs the full-text match again for every matching row,
so ranking n matches costs n full-text searches (seconds at a few thousand matches). Here the
full-text table is searched once, scored, sorted and limited, and only that page of objects
is read. On PostgreSQL it adds a read of a search's newest matches by the cheaper plan for the
word's frequency (postgres_recent.py).
"""

from modelsearch.backends.database import SearchBackend as database_backend


def SearchBackend(params):
    """Wagtail's database backend for the default database, ranked in one pass on SQLite and
    reading the newest matches by the cheaper plan on PostgreSQL."""
    backend = database_backend(params)
    # Imported only here: each backend's models exist only on its own database.
    if backend.__class__.__name__ == "SQLiteSearchBackend":
        from .sqlite_ranked import RankedSQLiteSearchBackend

        return RankedSQLiteSearchBackend(params)
    if backend.__class__.__name__ == "PostgresSearchBackend":
        from .postgres_recent import RecentPostgresSearchBackend

        return RecentPostgresSearchBackend(params)
    return backend
