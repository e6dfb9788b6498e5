"""The admin an editor works in all day speaks Indonesian: a walk through its key screens in
Chromium finds no message left in English (kabar/staff/tests/untranslated.py says how)."""

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kabar.news.tests.factories import ArticlePageFactory

from .untranslated import SCREEN_TEXTS_JS, untranslated_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "kata-sandi-rahasia"


def screen_untranslated(page: Page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return untranslated_in(page.evaluate(SCREEN_TEXTS_JS))


def sidebar_links(page: Page, base: str) -> list[str]:
    """Every admin screen the sidebar menu offers this account, submenus included."""
    page.wait_for_selector("#wagtail-sidebar-props", state="attached")
    hrefs = page.evaluate(
        """() => {
          const props = JSON.parse(document.getElementById("wagtail-sidebar-props").textContent);
          const urls = [];
          const walk = (value) => {
            if (Array.isArray(value)) value.forEach(walk);
            else if (value && typeof value === "object") {
              if (typeof value.url === "string") urls.push(value.url);
              Object.values(value).forEach(walk);
            }
          };
          walk(props);
          return urls;
        }"""
    )
    return sorted({base + h for h in hrefs if h.startswith("/admin/") and "logout" not in h})


@pytest.fixture
def newsroom(section, article, writer, editor):
    """A story in review, one scheduled, and one with history: the screens' usual states."""
    in_review = ArticlePageFactory(parent=section, title="Rapat anggaran daerah", live=False)
    in_review.save_revision(user=writer)
    in_review.get_workflow().start(in_review, writer)
    scheduled = ArticlePageFactory(parent=section, title="Pelantikan gubernur", live=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=2)
    scheduled.save_revision(user=writer).publish(user=editor)
    article.save_revision(user=writer).publish(user=editor)
    return {"in_review": in_review, "scheduled": scheduled, "article": article}


def test_the_editors_admin_has_no_english_left(browser_page, live_server, editor, newsroom):
    page, base = browser_page, live_server.url
    found: dict[str, list[str]] = {}

    def visit(url: str) -> None:
        if english := screen_untranslated(page, url):
            found[url.removeprefix(base)] = english

    visit(f"{base}/admin/login/")
    page.locator("input[name=username]").fill("editor")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/admin/")

    section = newsroom["article"].get_parent()
    screens = sidebar_links(page, base) + [
        f"{base}/admin/",
        f"{base}/admin/pages/{section.pk}/",
        f"{base}/admin/pages/{newsroom['article'].pk}/edit/",
        f"{base}/admin/pages/{newsroom['in_review'].pk}/edit/",
        f"{base}/admin/pages/{newsroom['scheduled'].pk}/edit/",
        f"{base}/admin/pages/{section.pk}/add_subpage/",
        f"{base}/admin/pages/add/news/articlepage/{section.pk}/",
        f"{base}/admin/pages/{newsroom['article'].pk}/history/",
        f"{base}/admin/pages/{newsroom['article'].pk}/revisions/",
        f"{base}/admin/pages/search/?q=banjir",
        f"{base}/admin/account/",
    ]
    for url in dict.fromkeys(screens):
        visit(url)

    # The messages that answer an action: a draft saved, then the story's schedule dialog.
    page.goto(f"{base}/admin/pages/{newsroom['article'].pk}/edit/")
    page.get_by_role("button", name="Simpan konsep").click()
    expect(page.locator(".messages")).to_contain_text("diperbarui")
    if english := untranslated_in(page.evaluate(SCREEN_TEXTS_JS)):
        found["after saving a draft"] = english

    if os.environ.get("KABAR_UNTRANSLATED_REPORT"):
        with open(os.environ["KABAR_UNTRANSLATED_REPORT"], "w") as report:
            for url, english in found.items():
                report.write(f"## {url}\n" + "".join(f"{text}\n" for text in english))
    assert not found, "\n".join(f"{url}: {english}" for url, english in found.items())
