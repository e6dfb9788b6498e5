"""In a real Chromium with axe-core: the reader's pages issue 17 added or changed have no
serious WCAG 2.1 AA problem: a live coverage story under the breaking-news banner, with its
key points, related stories, share links and most-read lists, and the newsletter sign-up.
Here, above every app, since the pages show them all."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from kabar.core.models import BreakingNews
from kabar.core.tests.accessibility import axe_serious
from kabar.news.live import live_update_post
from kabar.news.models import ArticlePage
from kabar.news.tests.factories import ArticlePageFactory
from kabar.search.related import related_refresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_new_reader_pages_have_no_serious_accessibility_problem(
    browser_page, live_server, section
):
    older = ArticlePageFactory(parent=section, title="Banjir Bekasi meluas", slug="banjir-bekasi")
    older.tags.add("Banjir", "Bekasi")
    older.save_revision().publish()
    story = ArticlePageFactory(parent=section, title="Banjir Bekasi: laporan langsung", slug="live")
    story.tags.add("Banjir", "Bekasi")
    story.live_coverage = True
    story.save_revision().publish()
    story = ArticlePage.objects.get(pk=story.pk)
    live_update_post(article=story, text="Air naik di Bekasi Timur.", key_point=True)
    live_update_post(article=story, text="Warga mengungsi.", headline="Pengungsian")
    related_refresh(story)
    banner = BreakingNews.for_site(Site.objects.get(is_default_site=True))
    banner.is_on, banner.article = True, story
    banner.expires_at = timezone.now() + datetime.timedelta(hours=2)
    banner.save()

    page = browser_page
    for url in (story.url, reverse("newsletters:subscribe"), "/"):
        page.goto(live_server.url + url)
        assert axe_serious(page) == [], url
    page.goto(live_server.url + story.url)
    assert page.locator(".breaking-news").count() == 1
    assert page.locator(".related").count() == 1 and page.locator(".share").count() == 1
