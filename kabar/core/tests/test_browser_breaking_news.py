"""In a real Chromium, on a fixed clock: the breaking-news banner appears at once, stays still
for readers who ask for less motion, and is gone after its expiry."""

import datetime

import pytest
from freezegun import freeze_time
from playwright.sync_api import expect
from wagtail.models import Site

from kabar.core.models import BreakingNews

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOW = datetime.datetime(2024, 10, 29, 3, 0, tzinfo=datetime.UTC)
EXPIRES = NOW + datetime.timedelta(minutes=30)
# Only the site's clock is frozen: Playwright keeps real time for its own waits.
REAL_TIME = ["playwright", "asyncio", "greenlet", "pyee"]


def test_the_banner_appears_at_once_and_expires_by_itself(
    browser_page, live_server, article, section, page_cache_on
):
    page, base = browser_page, live_server.url
    with freeze_time(NOW, tick=True, ignore=REAL_TIME) as clock:
        page.goto(f"{base}/")
        banner = page.get_by_role("region", name="Berita terkini")
        expect(banner).to_have_count(0)

        setting = BreakingNews.for_site(Site.objects.get(is_default_site=True))
        setting.is_on, setting.article, setting.expires_at = True, article, EXPIRES
        setting.text = "Banjir besar melanda Jakarta"
        setting.save()

        for path in ["/", section.url]:
            page.goto(base + path)
            expect(banner).to_be_visible()
            expect(banner.get_by_role("link")).to_have_text("Banjir besar melanda Jakarta")
        banner.get_by_role("link").click()
        expect(page).to_have_url(f"{base}{article.url}")

        # Nothing moves for a reader who prefers less motion.
        page.emulate_media(reduced_motion="reduce")
        page.reload()
        still = page.locator(".breaking-news__label").evaluate(
            "el => getComputedStyle(el, '::before').animationName"
        )
        assert still == "none"

        clock.move_to(EXPIRES + datetime.timedelta(seconds=1))
        for path in ["/", section.url, article.url]:
            page.goto(base + path)
            expect(banner).to_have_count(0)
