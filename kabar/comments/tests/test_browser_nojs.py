"""A reader whose browser runs no JavaScript comments in at most one confirmation step."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from kabar.comments.models import CommentSettings, ReaderComment
from kabar.news.tests.factories import ArticlePageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("page_cache_on"),
]


@pytest.fixture
def nojs_page(chromium_executable, tmp_path, monkeypatch):
    """A Chromium page with JavaScript switched off, as some readers browse."""
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM_ARGS

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=chromium_executable,
            args=CHROMIUM_ARGS,
            headless=True,
            java_script_enabled=False,
            locale="id-ID",
            timezone_id="Asia/Jakarta",
        )
        context.set_default_timeout(15_000)
        expect.set_options(timeout=15_000)
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


@override_settings(COMMENTS_MIN_FILL_SECONDS=2)
def test_a_registered_reader_without_javascript_posts_with_one_confirmation(
    nojs_page, live_server, section, rules, django_user_model
):
    from allauth.account.models import EmailAddress

    # The mode a new site starts in: registered readers, as the PPMS asks.
    rules.mode, rules.hold_first_comment = CommentSettings.Mode.REGISTERED, False
    rules.save()
    article = ArticlePageFactory(parent=section, title="Harga cabai naik", slug="harga-cabai")
    reader = django_user_model.objects.create_user(
        "dewi", "dewi@example.id", "Kata-Sandi-Kuat-123", first_name="Dewi"
    )
    EmailAddress.objects.create(user=reader, email=reader.email, verified=True, primary=True)

    page, base = nojs_page, live_server.url
    page.goto(f"{base}/akun/login/")
    page.fill("input[name=login]", "dewi@example.id")
    page.fill("input[name=password]", "Kata-Sandi-Kuat-123")
    page.locator("form button[type=submit]").last.click()

    page.goto(f"{base}{article.url}")
    # The article has no comments list of its own: a plain link leads to the comments page.
    page.click("text=Tulis komentar pertama")
    expect(page).to_have_url(f"{base}/komentar/{article.pk}/")
    page.fill("textarea[name=body]", "Pasar Kramat Jati juga naik.")
    page.wait_for_timeout(2500)  # a person takes a moment to write
    page.click("text=Kirim Komentar")
    # The cached article carries no CSRF token: one page asks to confirm...
    expect(page.locator(".comment-again__message")).to_contain_text("Konfirmasikan")
    expect(page.locator("textarea[name=body]")).to_have_value("Pasar Kramat Jati juga naik.")
    # ...and a prompt confirm is not refused as too quick.
    page.click("text=Kirim Komentar")
    thread = f"{base}/komentar/{article.pk}/"
    expect(page).to_have_url(f"{thread}#comment-{ReaderComment.objects.get().pk}")
    expect(page.locator(".comment-list")).to_contain_text("Pasar Kramat Jati juga naik.")
    comment = ReaderComment.objects.get()
    assert comment.user == reader and comment.status == ReaderComment.Status.APPROVED
