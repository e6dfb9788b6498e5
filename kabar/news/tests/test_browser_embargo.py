"""In a real Chromium, in Indonesian: an embargoed story stays invisible to readers everywhere,
an Editor cannot lift the embargo, the Pemimpin Redaksi can, and then readers see it."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kabar.news.models import ArticlePage
from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "kata-sandi-rahasia"
TITLE = "Rencana pemindahan ibu kota dipercepat"
SLUG = "pemindahan-ibu-kota-dipercepat"


def admin_login(page: Page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(f"{base_url}/admin/")


def reader_sees(page: Page, base_url: str) -> dict[str, bool]:
    """Whether each of the readers' views mentions the story (as an anonymous reader)."""
    page.context.clear_cookies()
    seen = {}
    for path in ["/", "/luar-negeri/", "/tag/ibu-kota/", "/cari/?q=ibu+kota"]:
        page.goto(base_url + path)
        seen[path] = SLUG in page.content()
    for path in ["/feed/", "/sitemap-articles.xml", "/sitemap-news.xml"]:
        seen[path] = SLUG in page.request.get(base_url + path).text()
    story = page.goto(f"{base_url}/luar-negeri/{SLUG}/")
    seen["page"] = story.status == 200 and TITLE in page.content()
    return seen


def publish_with_embargo_cleared(page: Page, base_url: str, article: ArticlePage) -> None:
    page.goto(f"{base_url}/admin/pages/{article.pk}/edit/")
    field = page.locator("input[name=embargo_until]")
    expect(field).not_to_have_value("")
    field.fill("")
    page.locator("footer").get_by_role("button", name=re.compile("Tindakan|More", re.I)).click()
    page.locator("button[name=action-publish]").click()


def test_embargoed_story_is_hidden_until_the_editor_in_chief_lifts_it(
    browser_page, live_server, section, editor, editor_in_chief
):
    page, base = browser_page, live_server.url
    held_until = timezone.now() + datetime.timedelta(hours=6)
    story = ArticlePageFactory(
        parent=section,
        title=TITLE,
        slug=SLUG,
        summary="Pemerintah menyiapkan jadwal baru.",
        authors=[AuthorFactory()],
        embargo_until=held_until,
        # Filed an hour ago (the factory would date it by its sequence, days back).
        first_published_at=timezone.now() - datetime.timedelta(hours=1),
    )
    story.tags.add("ibu-kota")
    story.save_revision().publish()

    assert not any(reader_sees(page, base).values())
    assert page.request.get(f"{base}/luar-negeri/{SLUG}/").status == 404

    # The editor sees the embargo and its time in the explorer, and cannot lift it.
    admin_login(page, base, "editor")
    page.goto(f"{base}/admin/pages/{section.pk}/")
    row = page.get_by_role("row").filter(has_text=TITLE)
    local = timezone.localtime(held_until)
    expect(row).to_contain_text(f"embargo s.d. {local:%-d}")
    expect(row).to_contain_text(f"{local:%H.%M}")
    publish_with_embargo_cleared(page, base, story)
    expect(page.locator("body")).to_contain_text(
        "Hanya Pemimpin Redaksi atau Administrator yang dapat mencabut embargo lebih awal."
    )
    assert ArticlePage.objects.get(pk=story.pk).embargo_until == held_until
    assert not any(reader_sees(page, base).values())

    # The Pemimpin Redaksi lifts it: readers see the story at once.
    admin_login(page, base, "pemred")
    publish_with_embargo_cleared(page, base, story)
    expect(page.locator(".messages")).to_contain_text(TITLE)
    assert ArticlePage.objects.get(pk=story.pk).embargo_until is None
    assert all(reader_sees(page, base).values())
