"""In Chromium: a reader subscribes from an article's footer, confirms from the email, gets
the digest, and leaves with the mail program's one-click unsubscribe."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from kabar.news.tests.factories import ArticlePageFactory
from kabar.newsletters.models import NewsletterSend, Subscriber

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("page_cache_on"),
]


def test_subscribe_confirm_digest_and_one_click_unsubscribe(
    browser_page, live_server, section, settings
):
    settings.SITE_URL = live_server.url
    settings.COMMENTS_MIN_FILL_SECONDS = 0
    settings.NEWSLETTERS_DIGEST_HOUR = 0  # due at once, whatever the time of day
    story = ArticlePageFactory(parent=section, title="Eropa & Amerika sepakat", slug="sepakat")
    page, base = browser_page, live_server.url

    # The article page comes from the page cache: the footer form has no CSRF token.
    page.goto(f"{base}{story.url}")
    footer = page.locator(".newsletter-signup")
    footer.get_by_label("Alamat email").fill("rina@contoh.id")
    footer.get_by_label("Peringatan berita terkini").check()
    footer.get_by_role("button", name="Berlangganan").click()
    expect(page.locator(".form-message")).to_contain_text("Satu langkah lagi")
    expect(page.get_by_label("Alamat email")).to_have_value("rina@contoh.id")
    expect(page.get_by_label("Peringatan berita terkini")).to_be_checked()
    page.get_by_label("Luar Negeri").check()
    page.locator("main").get_by_role("button", name="Berlangganan").click()
    expect(page.locator("h1")).to_have_text("Periksa email Anda")

    (confirmation,) = mail.outbox
    link = re.search(r"http\S+/buletin/konfirmasi/\S+/", confirmation.body).group(0)
    assert link.startswith(base)
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Langganan Anda aktif")
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED and subscriber.wants_alerts
    assert list(subscriber.sections.all()) == [section]

    # The scheduler's round queues the digest; the (immediate) task worker sends it.
    mail.outbox.clear()
    call_command("newsletter_digest")
    call_command("newsletter_digest")  # a later round: already sent
    (digest,) = mail.outbox
    assert NewsletterSend.objects.get().recipients == 1
    assert "Eropa & Amerika sepakat" in digest.body
    unsubscribe = digest.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith(f"{base}/buletin/berhenti/")
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The mail program's button: a bare POST, no page, no cookie, no token.
    response = page.request.post(unsubscribe, form={"List-Unsubscribe": "One-Click"})
    assert response.status == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED

    # Opened in the browser instead, the link confirms it and offers the way back.
    page.goto(unsubscribe)
    expect(page.get_by_role("button", name="Ya, berhenti berlangganan")).to_be_visible()
