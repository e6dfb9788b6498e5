"""The header's language switch: the same page in the other language, always on this site."""

import re

import pytest
from django.utils.http import url_has_allowed_host_and_scheme

SWITCH = re.compile(r'<a href="([^"]*)" lang="(?:en|id)" hreflang=')


def language_link(client, path: str) -> str:
    # PATH_INFO set directly: the test client would read "//evil.com/" as a host name.
    response = client.get("/", PATH_INFO=path)
    return SWITCH.search(response.content.decode()).group(1)


def test_a_listing_links_to_its_english_address(client, section):
    assert language_link(client, section.url) == f"/en{section.url}"


def test_an_indonesian_only_article_links_to_the_english_front_page(client, article):
    assert language_link(client, article.url) == "/en/"


def test_the_english_page_links_back_to_the_indonesian_one(client, article):
    indonesian = article.url
    assert language_link(client, f"/en{indonesian}") == indonesian


@pytest.mark.parametrize(
    "path", ["//evil.com/", "//evil.com/berita/?a=1", "/en//evil.com/", "/\\evil.com/"]
)
def test_the_language_link_of_a_missing_page_stays_on_this_site(client, home, path):
    link = language_link(client, path)
    assert link.startswith("/") and not link.startswith(("//", "/\\"))
    assert url_has_allowed_host_and_scheme(link, allowed_hosts=None)
