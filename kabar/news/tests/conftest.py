"""Fixtures for the news tests."""

import pytest
from django.db import connection


@pytest.fixture
def queries_of():
    """A function giving the SQL a client's GET of an address ran (the GET must answer 200)."""

    def queries_of(client, url) -> list[str]:
        run = []

        def record(execute, sql, params, many, context):
            run.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            assert client.get(url).status_code == 200
        return run

    return queries_of
