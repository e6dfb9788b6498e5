"""Wagtail's database search backend, with relevance ranking that scales on SQLite.

Configured as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "kabar.search.backends"``.
On PostgreSQL (and MySQL) this is exactly Wagtail's backend. On SQLite the stock query
compiler scores each match with a correlated subquery that runs the full-text match again
for every matching row, so ranking n matches costs n full-text searches (seconds at a few
thousand matches). Here the full-text table is searched once, scored, sorted and limited,
and only that page of objects is read.
"""

from modelsearch.backends.database import SearchBackend as database_backend


def SearchBackend(params):
    """Wagtail's database backend for the default database, ranked in one pass on SQLite."""
    backend = database_backend(params)
    if backend.__class__.__name__ == "SQLiteSearchBackend":
        # Imported only here: the SQLite backend's models exist only on SQLite.
        from .sqlite_ranked import RankedSQLiteSearchBackend

        return RankedSQLiteSearchBackend(params)
    return backend
