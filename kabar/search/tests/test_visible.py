"""Search never finds, filters to or suggests a story readers may not see."""

import pytest

from kabar.news.tests.restricted import HIDDEN_TITLE, SHARED_WORD, restricted_story

from .conftest import result_titles

pytestmark = pytest.mark.django_db


def test_search_leaves_out_the_stories_of_a_restricted_section(search, publish, home, section):
    publish("Anggaran kota disahkan", body=f"Rapat {SHARED_WORD} kota berjalan lancar.")
    restricted_story(home, also_in=section)

    assert result_titles(search(SHARED_WORD)) == ["Anggaran kota disahkan"]
    assert result_titles(search(SHARED_WORD, sort="newest")) == ["Anggaran kota disahkan"]
    # Listed in the public section as a secondary story: the section filter leaves it out too.
    assert result_titles(search(SHARED_WORD, section=section.pk)) == ["Anggaran kota disahkan"]
    assert HIDDEN_TITLE not in search(SHARED_WORD).content.decode()


def test_the_latest_stories_suggested_are_visible_ones(search, publish, home, section):
    publish("Pasar murah digelar")
    restricted_story(home)
    for response in (search(), search("katayangtidakada")):
        latest = [a.title for a in response.context["suggestions"]["latest"]]
        assert latest == ["Pasar murah digelar"]
