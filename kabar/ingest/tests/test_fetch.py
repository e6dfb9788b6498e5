"""The safe fetcher: public http(s) only, checked after DNS and on every redirect, bounded."""

import pytest

from kabar.ingest.services.fetch import (
    FetchFailed,
    FetchRefused,
    address_allowed,
    url_fetch,
)

from .http_server import Route

FEED = b"<rss><channel></channel></rss>"


def test_fetches_from_an_allowed_host(loopback):
    loopback.routes["/feed"] = Route(body=FEED, etag='"v1"', last_modified="Wed, 30 Oct 2024")
    fetched = url_fetch(loopback.url("/feed"), accept=("application/rss+xml",))
    assert (fetched.status, fetched.body, fetched.etag) == (200, FEED, '"v1"')
    assert fetched.last_modified == "Wed, 30 Oct 2024"


def test_conditional_get_answers_not_modified(loopback):
    loopback.routes["/feed"] = Route(body=FEED, etag='"v1"')
    fetched = url_fetch(loopback.url("/feed"), etag='"v1"', last_modified="Wed, 30 Oct 2024")
    assert fetched.not_modified and fetched.body == b""
    headers = loopback.requests[-1][1]
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == "Wed, 30 Oct 2024"


def test_loopback_is_refused_without_the_test_allowance(loopback, settings):
    loopback.routes["/feed"] = Route(body=FEED)
    settings.INGEST_FETCH_LOOPBACK_HOSTS = ()
    with pytest.raises(FetchRefused, match="private or local"):
        url_fetch(loopback.url("/feed"))
    assert loopback.requests == []


def test_an_address_literal_is_refused_even_with_the_allowance(loopback):
    loopback.routes["/feed"] = Route(body=FEED)
    with pytest.raises(FetchRefused):
        url_fetch(loopback.url("/feed", host="127.0.0.1"))
    assert loopback.requests == []


def test_a_redirect_to_127_0_0_1_is_refused(loopback):
    loopback.routes["/feed"] = Route(
        status=302, headers={"Location": loopback.url("/x", "127.0.0.1")}
    )
    loopback.routes["/x"] = Route(body=b"secret")
    with pytest.raises(FetchRefused, match="private or local"):
        url_fetch(loopback.url("/feed"))
    assert [path for path, _ in loopback.requests] == ["/feed"]


def test_a_relative_redirect_is_followed(loopback):
    loopback.routes["/old"] = Route(status=301, headers={"Location": "/feed"})
    loopback.routes["/feed"] = Route(body=FEED)
    assert url_fetch(loopback.url("/old")).body == FEED


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.com/x", "gopher://x", "http:///nohost", "javascript:1"],
)
def test_other_schemes_are_refused(url):
    with pytest.raises(FetchRefused):
        url_fetch(url)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.5",
        "172.16.3.4",
        "192.168.1.1",
        "169.254.169.254",
        "::1",
        "fe80::1",
        "fc00::1",
        "100.64.0.1",
        "0.0.0.0",
        "::ffff:127.0.0.1",
        "224.0.0.1",
    ],
)
def test_private_loopback_and_link_local_addresses_are_not_allowed(address):
    assert not address_allowed(address)


def test_public_urles_are_allowed():
    assert address_allowed("36.86.63.182") and address_allowed("2606:4700::1111")


def test_too_large_answers_are_refused(loopback):
    loopback.routes["/big"] = Route(body=b"x" * 5000)
    with pytest.raises(FetchRefused, match="larger"):
        url_fetch(loopback.url("/big"), max_bytes=1000)


def test_unexpected_content_type_is_refused(loopback):
    loopback.routes["/img"] = Route(body=b"<html>", content_type="text/html")
    with pytest.raises(FetchRefused, match="content type"):
        url_fetch(loopback.url("/img"), accept=("image/",))


def test_a_hanging_server_times_out(loopback):
    loopback.routes["/slow"] = Route(body=FEED, delay=3)
    with pytest.raises(FetchFailed, match="timed out"):
        url_fetch(loopback.url("/slow"), timeout=0.5)


def test_http_errors_fail(loopback):
    with pytest.raises(FetchFailed, match="404"):
        url_fetch(loopback.url("/missing"))
