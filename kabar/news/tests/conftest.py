"""Fixtures for the news tests."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.fixture
def queries_of():
    """A function giving the SQL a client's GET of an address ran (the GET must answer 200)."""

    def queries_of(client, url) -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return [query["sql"] for query in captured.captured_queries]

    return queries_of
