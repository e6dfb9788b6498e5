"""Live coverage ("Laporan langsung"): updates posted from the admin reach readers at once,
newest first with their own addresses, from cached pages and a cacheable fragment."""

import datetime
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html
from playwright.sync_api import expect

from kabar.news.live import live_coverage_end, live_update_post
from kabar.news.models import ArticlePage, LiveUpdate

from .factories import ArticlePageFactory
from .test_html_valid import vnu_errors

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coverage(section, midday):
    story = ArticlePageFactory(
        parent=section, title="Gempa Cianjur: laporan langsung", slug="gempa-langsung"
    )
    story.live_coverage = True
    story.save_revision().publish()
    return ArticlePage.objects.get(pk=story.pk)


def post(coverage, text, *, minutes, **fields):
    update = live_update_post(article=coverage, text=text, **fields)
    LiveUpdate.objects.filter(pk=update.pk).update(
        posted_at=coverage.first_published_at + datetime.timedelta(minutes=minutes)
    )
    return LiveUpdate.objects.get(pk=update.pk)


def test_readers_see_updates_newest_first_each_with_its_address_and_the_key_points(
    client, coverage
):
    first = post(coverage, "Gempa M5,6 mengguncang Cianjur.", minutes=1, key_point=True)
    second = post(coverage, "BPBD mendirikan tenda.", minutes=30, headline="Pengungsian")
    doc = lxml_html.fromstring(client.get(coverage.url).content)

    items = doc.xpath("//ol[@class='live__updates']/li")
    assert [li.get("id") for li in items] == [second.anchor, first.anchor]
    assert items[0].xpath("string(.//h3)") == "Pengungsian"
    assert items[0].xpath(".//a[@class='live__time']/@href") == [f"#{second.anchor}"]
    points = doc.xpath("//section[@class='live-points']//a")
    assert [(a.get("href"), a.text) for a in points] == [
        (f"#{first.anchor}", "Gempa M5,6 mengguncang Cianjur.")
    ]
    assert doc.xpath("string(//p[contains(@class, 'label--live')])") == "Langsung"
    assert doc.xpath("//section[@data-live-updates]/@data-live-updates") == [
        reverse("news:live_updates", args=(coverage.pk,))
    ]


def test_the_story_is_described_as_a_live_blog_with_its_updates(client, coverage):
    update = post(coverage, "Korban bertambah menjadi 12 orang.", minutes=45)
    live_coverage_end(coverage)
    html = client.get(coverage.url).content.decode()
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    blocks = [json.loads(b) for b in found]
    data = next(b for b in blocks if "LiveBlogPosting" in b["@type"])
    assert data["coverageStartTime"] and data["coverageEndTime"]
    assert data["liveBlogUpdate"][0]["articleBody"] == "Korban bertambah menjadi 12 orang."
    assert data["liveBlogUpdate"][0]["url"].endswith(f"#{update.anchor}")


def test_the_fragment_is_cacheable_and_a_new_update_purges_it_and_the_page(
    client, coverage, page_cache_on, django_capture_on_commit_callbacks
):
    fragment = reverse("news:live_updates", args=(coverage.pk,))
    client.get(fragment), client.get(coverage.url)
    assert client.get(fragment)["X-Cache"] == "HIT"
    assert client.get(coverage.url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        live_update_post(article=coverage, text="Jalan Cianjur–Bandung dibuka kembali.")
    response = client.get(fragment)
    assert response["X-Cache"] == "MISS" and "dibuka kembali" in response.content.decode()
    assert "public" in response["Cache-Control"]
    assert client.get(coverage.url)["X-Cache"] == "MISS"


def test_the_fragment_exists_only_for_visible_live_coverage(client, section, coverage):
    ordinary = ArticlePageFactory(parent=section, slug="biasa")
    assert client.get(reverse("news:live_updates", args=(ordinary.pk,))).status_code == 404
    coverage.unpublish()
    assert client.get(reverse("news:live_updates", args=(coverage.pk,))).status_code == 404


def test_an_editor_posts_removes_and_ends_from_the_admin_in_indonesian(client, coverage, editor):
    admin = logged_in(editor)
    url = reverse("news_live_updates", args=(coverage.pk,))
    page = admin.get(url).content.decode()
    assert "Kirim pembaruan" in page

    refused = admin.post(url, {"headline": "", "text": "   "})
    assert refused.status_code == 200 and "Tuliskan apa yang terjadi." in refused.content.decode()
    assert not LiveUpdate.objects.exists()

    admin.post(url, {"headline": "Evakuasi", "text": "Tim SAR tiba.", "key_point": "on"})
    update = LiveUpdate.objects.get()
    assert (update.headline, update.key_point, update.posted_by) == ("Evakuasi", True, editor)
    assert "Tim SAR tiba." in client.get(coverage.url).content.decode()

    admin.post(reverse("news_live_end", args=(coverage.pk,)), {"action": "end"})
    coverage.refresh_from_db()
    assert coverage.live_ended_at is not None
    doc = lxml_html.fromstring(client.get(coverage.url).content)
    assert doc.xpath("//section[@data-live-ended]")
    assert not doc.xpath("//script[contains(@src, 'live.js')]")

    admin.post(reverse("news_live_update_remove", args=(coverage.pk, update.pk)))
    assert not LiveUpdate.objects.exists()
    assert "Tim SAR tiba." not in client.get(coverage.url).content.decode()


def test_a_writer_who_may_not_publish_may_not_post(coverage, writer):
    response = logged_in(writer).post(
        reverse("news_live_updates", args=(coverage.pk,)), {"text": "Kabar belum dicek."}
    )
    # Wagtail's admin answers a refusal by sending the user back to the dashboard.
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert not LiveUpdate.objects.exists()


def test_the_listing_offers_live_updates_for_live_coverage_only(coverage, section, editor):
    html = logged_in(editor).get(reverse("wagtailadmin_explore", args=(section.pk,))).content
    assert reverse("news_live_updates", args=(coverage.pk,)).encode() in html


def test_an_old_revision_published_again_keeps_the_coverage_ended(coverage):
    live_coverage_end(coverage)
    coverage.refresh_from_db()
    coverage.get_latest_revision().publish()
    assert ArticlePage.objects.get(pk=coverage.pk).live_ended_at is not None


def test_the_page_and_the_fragment_are_valid_html(client, coverage, tmp_path):
    post(coverage, "Gempa M5,6 mengguncang Cianjur.", minutes=1, key_point=True)
    post(coverage, "BPBD mendirikan tenda.\n\nWarga diminta waspada.", minutes=9, headline="Tenda")
    page = tmp_path / "live.html"
    page.write_bytes(client.get(coverage.url).content)
    fragment = tmp_path / "fragment.html"
    body = client.get(reverse("news:live_updates", args=(coverage.pk,))).content.decode()
    fragment.write_text(f"<!DOCTYPE html><html lang=id><title>x</title>{body}")
    assert vnu_errors([page, fragment]) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_new_update_appears_without_a_reload(browser_page, live_server, section):
    story = ArticlePageFactory(parent=section, title="Banjir langsung", slug="banjir-langsung")
    story.live_coverage = True
    story.save_revision().publish()
    story = ArticlePage.objects.get(pk=story.pk)
    live_update_post(article=story, text="Air mulai naik di Bekasi Timur.")
    page = browser_page
    page.clock.install()
    page.goto(live_server.url + story.url)
    page.get_by_text("Air mulai naik di Bekasi Timur.").wait_for()
    live_update_post(article=story, text="Tim SAR mengevakuasi warga.", headline="Evakuasi")
    page.clock.run_for(16_000)
    page.locator(".live__updates li").first.get_by_text("Tim SAR mengevakuasi warga.").wait_for()
    assert page.locator(".live__updates > li").count() == 2
    expect(page.locator(".live__status")).to_have_text("Pembaruan baru: 1")


def test_the_demo_has_a_running_live_coverage_with_key_points(client):
    from kabar.news.demo import demo_newsroom_load

    demo_newsroom_load()
    story = ArticlePage.objects.get(live_coverage=True)
    assert story.live_ended_at is None and story.live_updates.count() >= 5
    doc = lxml_html.fromstring(client.get(story.url).content)
    assert len(doc.xpath("//ol[@class='live__updates']/li")) == story.live_updates.count()
    assert len(doc.xpath("//section[@class='live-points']//li")) >= 2


def test_the_demo_banner_points_at_the_live_coverage_for_three_days(client):
    from kabar.core.models import BreakingNews
    from kabar.news.demo import demo_newsroom_load

    demo_newsroom_load()
    banner = BreakingNews.objects.get()
    assert banner.is_on and banner.article.specific.live_coverage
    html = client.get("/").content.decode()
    assert "breaking-news" in html and banner.article.title in html
