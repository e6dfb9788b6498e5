"""Wagtail's public() filter, read without the join SQLite plans as a scan of every page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from kabar.news.models import ArticlePage
from kabar.news.selectors import sections_under
from kabar.news.tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def test_public_leaves_out_restricted_sections_and_everything_below(home, section):
    private = SectionPageFactory(parent=home, title="Internal", slug="internal")
    hidden = ArticlePageFactory(parent=private, slug="rahasia")
    shown = ArticlePageFactory(parent=section, slug="terbuka")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    public_ids = set(ArticlePage.objects.live().public().values_list("pk", flat=True))
    assert shown.pk in public_ids and hidden.pk not in public_ids
    assert set(Page.objects.not_public().values_list("pk", flat=True)) == {private.pk, hidden.pk}


def test_public_reads_restrictions_without_joining_the_pages(home, section):
    with CaptureQueriesContext(connection) as queries:
        list(ArticlePage.objects.live().public())
    restriction_reads = [q["sql"] for q in queries if "pageviewrestriction" in q["sql"]]
    assert restriction_reads and all("JOIN" not in sql for sql in restriction_reads)


def test_sections_under_a_page_are_its_live_public_child_sections_in_order(home, section):
    second = SectionPageFactory(parent=home, title="Ekonomi", slug="ekonomi")
    SectionPageFactory(parent=section, title="Asia", slug="asia")  # a grandchild
    draft = SectionPageFactory(parent=home, title="Draf", slug="draf", live=False)
    assert sections_under(home) == [section, second]
    assert draft not in sections_under(home)
