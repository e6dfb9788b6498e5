"""In a real Chromium: an editor rearranges the front page, previews the draft while readers
still see the published one, then publishes it."""

import re

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from kabar.news.models import HomePage
from kabar.news.tests.factories import SectionPageFactory
from kabar.news.tests.test_browser_newsroom import admin_login
from kabar.news.tests.test_front_page import arrange, story

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("page_cache_on"),
]

OLD_LEAD = "Presiden resmikan bendungan di Aceh"
NEW_LEAD = "KTT ASEAN dibuka di Jakarta"


def front_of(html: str) -> tuple[str, list[str]]:
    """(the lead story's headline, the section blocks' headings in order) of a front page."""
    lead = html[html.index("card--lead") :]
    lead = lead[: lead.index("</article>")]
    blocks = re.findall(r'<section class="section-block".*?<a href="[^"]*">([^<]+)</a>', html, re.S)
    return (NEW_LEAD if NEW_LEAD in lead else OLD_LEAD if OLD_LEAD in lead else ""), blocks


def lead_story_choose(page: Page, title: str) -> None:
    """Pick another lead story through Wagtail's page chooser, searching for its headline."""
    field = page.locator('[data-contentpath="lead_story"]')
    field.get_by_role("button", name="Tindakan").click()
    field.get_by_role("button", name=re.compile("Pilih halaman lain")).click()
    modal = page.locator(".modal-content")
    modal.locator("input[name=q]").fill(title)
    modal.get_by_role("link", name=title).click()
    expect(field.locator("[data-chooser-title]")).to_have_text(title)


def test_the_editor_rearranges_previews_and_publishes_the_front_page(
    browser_page, live_server, home, section, editor
):
    page, base = browser_page, live_server.url
    economy = SectionPageFactory(parent=home, title="Ekonomi", slug="ekonomi")
    old_lead = story(section, OLD_LEAD, hours_ago=5)
    story(section, NEW_LEAD, hours_ago=1)
    story(economy, "Rupiah menguat terhadap dolar", hours_ago=2)
    home.lead_story = old_lead
    arrange(home, (section, 2, []), (economy, 2, []))
    reader = Client()
    published = (OLD_LEAD, ["Luar Negeri", "Ekonomi"])
    assert front_of(reader.get("/").content.decode()) == published

    admin_login(page, base, "editor")
    page.goto(f"{base}/admin/pages/{home.pk}/edit/")
    lead_story_choose(page, NEW_LEAD)
    blocks = page.locator('[data-contentpath="front_sections"]')
    blocks.locator('[data-streamfield-action="MOVE_UP"]:not([disabled])').first.click()

    # The preview panel renders the form as it stands, before anything is saved.
    page.locator("[data-side-panel-toggle=preview]").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    expect(preview.locator(".card--lead")).to_contain_text(NEW_LEAD)
    expect(preview.locator(".section-block h2")).to_have_text(["Ekonomi", "Luar Negeri"])

    page.locator("footer").get_by_role("button", name="Simpan konsep").click()
    expect(page.locator(".messages")).to_contain_text("Kabar Harapan")
    draft = HomePage.objects.get(pk=home.pk).get_latest_revision_as_object()
    assert draft.lead_story_id != old_lead.pk
    assert front_of(reader.get("/").content.decode()) == published
    page.goto(f"{base}/")
    expect(page.locator(".card--lead")).to_contain_text(OLD_LEAD)
    expect(page.locator(".section-block h2")).to_have_text(["Luar Negeri", "Ekonomi"])

    page.goto(f"{base}/admin/pages/{home.pk}/edit/")
    page.locator("footer").get_by_role("button", name=re.compile("Tindakan|More", re.I)).click()
    page.locator("button[name=action-publish]").click()
    expect(page.locator(".messages")).to_contain_text("Kabar Harapan")
    assert front_of(reader.get("/").content.decode()) == (NEW_LEAD, ["Ekonomi", "Luar Negeri"])
    page.goto(f"{base}/")
    expect(page.locator(".card--lead")).to_contain_text(NEW_LEAD)
    expect(page.locator(".section-block h2")).to_have_text(["Ekonomi", "Luar Negeri"])
