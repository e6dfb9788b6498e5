"""In a real Chromium: a reader goes from the front page to the lead story, its section, a tag."""

import re

import pytest
from playwright.sync_api import expect

from kabar.news.demo import demo_newsroom_load
from kabar.news.models import ArticlePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEAD_HEADLINE = "China minta semua menahan diri soal pengerahan tentara Korut ke Rusia"


@pytest.fixture
def newsroom(db):
    """The demo newsroom, whose lead story is the seed article from Luar Negeri."""
    assert demo_newsroom_load()
    return ArticlePage.objects.get(title=LEAD_HEADLINE)


def test_reader_follows_the_lead_story_to_its_section_and_tag(browser_page, live_server, newsroom):
    page = browser_page
    tag_names = set(newsroom.tags.values_list("name", flat=True))
    assert "Korea Utara" in tag_names

    page.goto(f"{live_server.url}/")
    expect(page).to_have_title(re.compile("Kabar Harapan"))
    lead = page.get_by_role("heading", level=2, name=LEAD_HEADLINE)
    expect(lead).to_be_visible()
    lead.get_by_role("link").click()

    expect(page).to_have_url(f"{live_server.url}{newsroom.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(LEAD_HEADLINE)
    article = page.locator("main article").first
    expect(article).to_contain_text("BEIJING (ANTARA)")
    expect(article).to_contain_text("Rabu, 30 Oktober 2024 10:00 WIB")
    breadcrumb = page.get_by_role("navigation", name="Jejak navigasi")
    breadcrumb.get_by_role("link", name="Luar Negeri").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Luar Negeri")
    expect(page.get_by_role("link", name=LEAD_HEADLINE).first).to_be_visible()
    page.go_back()

    expect(page.get_by_role("heading", level=1)).to_have_text(LEAD_HEADLINE)
    page.locator('a[rel="tag"]', has_text="Korea Utara").click()

    expect(page).to_have_url(f"{live_server.url}/tag/korea-utara/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Korea Utara")
    expect(page.get_by_role("link", name=LEAD_HEADLINE).first).to_be_visible()
    for other in ArticlePage.objects.live().exclude(tagged_items__tag__name="Korea Utara")[:3]:
        expect(page.get_by_role("link", name=other.title)).to_have_count(0)
