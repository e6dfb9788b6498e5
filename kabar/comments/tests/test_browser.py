"""Readers in a real Chromium: commenting, replying, moderation, the three modes and XSS."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from playwright.sync_api import expect

from kabar.comments import services
from kabar.comments.models import CommentSettings, ReaderComment

from .test_text import XSS_PAYLOADS

# Served through the page cache, as readers are: the form must work on a cached page.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("page_cache_on"),
]


@override_settings(COMMENTS_MIN_FILL_SECONDS=0)
def test_reader_comments_and_replies_in_place(
    browser_page, live_server, article, django_user_model
):
    page = browser_page
    page.goto(f"{live_server.url}{article.url}")
    # comments.js swaps in the live section, which carries the reader's own CSRF token.
    page.wait_for_selector(".comment-form input[name=csrfmiddlewaretoken]", state="attached")
    page.fill("textarea[name=body]", "Semoga warga cepat dievakuasi.")
    page.fill("input[name=name]", "Budi")
    page.fill("input[name=email]", "budi@example.id")
    page.click("text=Kirim Komentar")
    page.wait_for_selector(".comment--new")
    assert "Komentar Anda menunggu moderasi." in page.inner_text(".comment--new")
    assert "Komentar Anda menunggu moderasi." in page.inner_text(".comments__status")

    moderator = django_user_model.objects.create_user("mod", "mod@kabar.id", "x", is_staff=True)
    comment = ReaderComment.objects.get()
    services.comment_approve(comment=comment, moderator=moderator)

    page.goto(f"{live_server.url}{article.url}")
    page.wait_for_selector(".comment-form input[name=csrfmiddlewaretoken]", state="attached")
    page.click(f"#comment-{comment.pk} .comment__reply")
    # The form moves under the comment it answers.
    assert page.locator(f"#comment-{comment.pk} .comment-respond").count() == 1
    page.fill("textarea[name=body]", "Terima kasih infonya.")
    page.fill("input[name=name]", "Ani")
    page.fill("input[name=email]", "ani@example.id")
    page.click("text=Kirim Komentar")
    page.wait_for_selector(f"#comment-{comment.pk} .comment-list--replies .comment--new")
    reply = ReaderComment.objects.get(author_email="ani@example.id")
    assert reply.parent_id == comment.pk
    assert "budi@example.id" not in page.content()


@override_settings(COMMENTS_MIN_FILL_SECONDS=0)
def test_a_second_comment_from_the_same_form_goes_through(browser_page, live_server, article):
    """Each start token is good for one post: comments.js takes the next from each answer."""
    page = browser_page
    page.goto(f"{live_server.url}{article.url}")
    page.wait_for_selector(".comment-form input[name=csrfmiddlewaretoken]", state="attached")
    page.fill("input[name=name]", "Budi")
    page.fill("input[name=email]", "budi@example.id")
    for body in ("Komentar pertama saya.", "Komentar kedua saya."):
        page.fill("textarea[name=body]", body)
        page.click("text=Kirim Komentar")
        page.wait_for_selector(f".comment--new:has-text('{body}')")
    assert "sudah pernah dikirim" not in page.inner_text(".comments__status")
    assert ReaderComment.objects.count() == 2


def test_xss_payloads_never_execute_in_the_browser(browser_page, live_server, article):
    page = browser_page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    payloads = [
        *XSS_PAYLOADS,
        '<img src=x onerror="window.__xss=1">',
        '"><script>window.__xss=1</script>',
    ]
    for n, payload in enumerate(payloads):
        ReaderComment.objects.create(
            article=article,
            author_name=f"Peretas {n} {payload}",
            author_email=f"x{n}@example.id",
            body=payload,
            status=ReaderComment.Status.APPROVED,
        )
    page.goto(f"{live_server.url}{article.url}")
    page.wait_for_selector(".comment-form input[name=csrfmiddlewaretoken]", state="attached")
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.evaluate("window.__xss") is None
    texts = page.locator(".comment__text").all_inner_texts()
    assert any("<script>alert(1)</script>" in text for text in texts)
    injected = ".comment__text script, .comment__text img, .comment__text svg"
    assert page.locator(injected).count() == 0


def admin_login(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(f"{base_url}/admin/")


@override_settings(COMMENTS_MIN_FILL_SECONDS=0)
def test_held_comment_appears_after_approval_and_report_reaches_queue(
    browser_page, live_server, article, django_user_model
):
    page, base = browser_page, live_server.url
    page.goto(f"{base}{article.url}")
    page.wait_for_selector(".comment-form input[name=csrfmiddlewaretoken]", state="attached")
    page.fill("textarea[name=body]", "Tolong perbaiki jalan di kampung kami.")
    page.fill("input[name=name]", "Budi")
    page.fill("input[name=email]", "budi@example.id")
    page.click("text=Kirim Komentar")
    page.wait_for_selector(".comment--new")
    comment = ReaderComment.objects.get()

    django_user_model.objects.create_superuser("moderator", "mod@kabar.id", "kata-sandi-mod")
    admin_login(page, base, "moderator", "kata-sandi-mod")
    page.goto(f"{base}/admin/snippets/comments/readercomment/?status=pending")
    expect(page.locator("main")).to_contain_text("Tolong perbaiki jalan")
    page.locator(f"input[data-bulk-action-checkbox][data-object-id='{comment.pk}']").check()
    page.locator("[data-bulk-action-footer]").get_by_text("Setujui", exact=True).click()
    page.get_by_role("button", name="Ya, lanjutkan").click()
    expect(page.locator(".messages")).to_contain_text("disetujui")
    comment.refresh_from_db()
    assert comment.status == ReaderComment.Status.APPROVED

    page.context.clear_cookies()
    page.goto(f"{base}{article.url}")
    item = page.locator(f"#comment-{comment.pk}")
    expect(item).to_contain_text("Tolong perbaiki jalan")
    expect(item).not_to_contain_text("menunggu moderasi")

    item.get_by_role("link", name="Laporkan").click()
    page.get_by_label("Hinaan, ancaman, atau pelecehan").check()
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.locator("main")).to_contain_text("2×24 jam")

    admin_login(page, base, "moderator", "kata-sandi-mod")
    page.goto(f"{base}/admin/snippets/comments/readercomment/?reported=1")
    expect(page.locator("main")).to_contain_text("Tolong perbaiki jalan")
    expect(page.locator("main")).to_contain_text("1 laporan")


def link_from_last_email(pattern: str) -> str:
    return re.search(pattern, mail.outbox[-1].body).group(1)


def post_comment(page, body: str, name: str | None = None, email: str | None = None):
    page.wait_for_selector(".comment-form input[name=csrfmiddlewaretoken]", state="attached")
    page.fill("textarea[name=body]", body)
    if name:
        page.fill("input[name=name]", name)
        page.fill("input[name=email]", email)
    page.click("text=Kirim Komentar")


@override_settings(COMMENTS_MIN_FILL_SECONDS=0)
def test_confirmed_mode_end_to_end(browser_page, live_server, article, rules):
    rules.mode, rules.hold_first_comment = CommentSettings.Mode.CONFIRMED, False
    rules.save()
    page, base = browser_page, live_server.url
    page.goto(f"{base}{article.url}")
    post_comment(page, "Komentar yang perlu dikonfirmasi.", "Budi", "budi@example.id")
    expect(page.locator(".comments__status")).to_contain_text("Periksa email Anda")

    page.goto(
        link_from_last_email(r"(http://testserver/komentar/konfirmasi/\S+/)").replace(
            "http://testserver", base
        )
    )
    comment = ReaderComment.objects.get()
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text("perlu dikonfirmasi")
    comment.refresh_from_db()
    assert comment.status == ReaderComment.Status.APPROVED

    # The browser stays confirmed: the next comment is published without another email.
    sent = len(mail.outbox)
    post_comment(page, "Komentar kedua langsung tampil.", "Budi", "budi@example.id")
    expect(page.locator(".comments__status")).to_contain_text("telah diterbitkan")
    assert len(mail.outbox) == sent


@override_settings(COMMENTS_MIN_FILL_SECONDS=0)
def test_registered_mode_end_to_end(browser_page, live_server, article, rules):
    rules.mode, rules.hold_first_comment = CommentSettings.Mode.REGISTERED, False
    rules.save()
    page, base = browser_page, live_server.url
    page.goto(f"{base}{article.url}")
    page.wait_for_selector(".comment-respond__login")
    assert page.locator("textarea[name=body]").count() == 0
    page.locator(".comment-respond__login a").last.click()

    page.fill("input[name=email]", "dewi@example.id")
    page.fill("input[name=username]", "dewi")
    page.fill("input[name=password1]", "Kata-Sandi-Kuat-123")
    page.fill("input[name=password2]", "Kata-Sandi-Kuat-123")
    page.locator("form button[type=submit]").last.click()
    page.goto(
        link_from_last_email(r"(http://\S+/akun/confirm-email/\S+/)").replace(
            "http://testserver", base
        )
    )

    page.goto(f"{base}{article.url}")
    post_comment(page, "Komentar dari pembaca terdaftar.")
    expect(page.locator(".comments__status")).to_contain_text("telah diterbitkan")
    comment = ReaderComment.objects.get()
    assert comment.author_email == "dewi@example.id" and comment.user.username == "dewi"
