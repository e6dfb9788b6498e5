"""Browsers' CSP violation reports are read, logged within a budget, and never stored."""

import json
import logging

import pytest
from django.urls import reverse

from kabar.core import csp_reports

URL = "/csp-report"


@pytest.fixture(autouse=True)
def fresh_budget(monkeypatch):
    monkeypatch.setattr(csp_reports, "budget", csp_reports.LogBudget())


def legacy_report(blocked="inline"):
    return {
        "csp-report": {
            "document-uri": "https://kabarharapan.example/dunia/berita/",
            "violated-directive": "script-src-elem",
            "blocked-uri": blocked,
            "source-file": "https://kabarharapan.example/dunia/berita/",
            "line-number": 12,
        }
    }


def post(client, payload, content_type="application/csp-report"):
    body = payload if isinstance(payload, str | bytes) else json.dumps(payload)
    return client.post(URL, body, content_type=content_type)


def test_a_report_uri_report_is_logged(client, caplog):
    with caplog.at_level(logging.WARNING, logger="kabar.csp"):
        response = post(client, legacy_report("https://evil.example/x.js"))
    assert response.status_code == 204
    (line,) = caplog.messages
    assert "script-src-elem blocked https://evil.example/x.js" in line
    assert "/dunia/berita/" in line


def test_a_reporting_api_batch_is_logged_per_violation(client, caplog):
    batch = [
        {
            "type": "csp-violation",
            "body": {
                "documentURL": "https://kabarharapan.example/",
                "effectiveDirective": "style-src-attr",
                "blockedURL": "inline",
                "sourceFile": "https://kabarharapan.example/",
                "lineNumber": 3,
            },
        },
        {"type": "deprecation", "body": {"id": "x"}},
    ]
    with caplog.at_level(logging.WARNING, logger="kabar.csp"):
        response = post(client, batch, content_type="application/reports+json")
    assert response.status_code == 204
    assert len(caplog.messages) == 1
    assert "style-src-attr blocked inline" in caplog.messages[0]


@pytest.mark.parametrize("body", ["not json", "{}", '{"csp-report": "x"}', "42"])
def test_anything_else_is_a_bad_request(client, body, caplog):
    with caplog.at_level(logging.WARNING, logger="kabar.csp"):
        assert post(client, body).status_code == 400
    assert caplog.messages == []


def test_only_posts_of_a_bounded_size_are_read(client):
    assert client.get(URL).status_code == 405
    huge = legacy_report("x" * (csp_reports.MAX_BODY_BYTES + 1))
    assert post(client, huge).status_code == 413


def test_a_flood_of_reports_does_not_flood_the_log(client, caplog, settings):
    settings.CSP_REPORTS_LOGGED_PER_MINUTE = 3
    with caplog.at_level(logging.WARNING, logger="kabar.csp"):
        for _ in range(50):
            assert post(client, legacy_report()).status_code == 204
    assert len(caplog.messages) == 3
    # A minute later, the first line says how many were left out.
    csp_reports.budget.window_start -= 61
    with caplog.at_level(logging.WARNING, logger="kabar.csp"):
        post(client, legacy_report())
    assert "47 more violation reports were not logged" in caplog.messages[3]


@pytest.mark.django_db
def test_pages_name_the_endpoint_in_their_policy(client, home):
    response = client.get(home.url)
    policy = response.headers["Content-Security-Policy"]
    assert f"report-uri {reverse('csp-report')}" in policy
    assert "report-to csp" in policy
    assert response.headers["Reporting-Endpoints"] == 'csp="/csp-report"'
