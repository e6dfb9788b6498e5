"""In a real Chromium: no page a reader or an editor opens breaks the Content-Security-Policy.

Here, in the highest app the pages belong to (the complaint form, comments, corrections, search,
the admin), as the layers require of tests too.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Site

from kabar.comments.models import CommentSettings, ReaderComment
from kabar.comments.notifications import confirmation_token
from kabar.corrections.services import article_withdraw

# Served through the page cache, as readers are: cached copies must carry the policy too.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("page_cache_on"),
]

# Every violation the page sees, reported by the browser itself as it happens.
VIOLATIONS_LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def csp_watched(browser_page):
    """The browser page, and the list of CSP violations its console and events report."""
    violations: list[str] = []
    browser_page.add_init_script(VIOLATIONS_LISTEN)
    browser_page.on(
        "console",
        lambda message: (
            violations.append(f"{browser_page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return browser_page, violations


def visit(page, violations: list[str], url: str, *, status: int = 200) -> None:
    response = page.goto(url)
    assert response.status == status, url
    assert response.headers["content-security-policy"], url
    page.wait_for_load_state("networkidle")
    violations.extend(f"{url}: {v}" for v in page.evaluate("window.__cspViolations || []"))


@override_settings(COMMENTS_MIN_FILL_SECONDS=0)
def test_public_pages_run_without_a_policy_violation(
    csp_watched, live_server, article_realistic, article_factory, section, editor
):
    page, violations = csp_watched
    base, article = live_server.url, article_realistic
    # Comments by name and email (a new site starts in the registered-readers mode).
    rules = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    rules.mode = CommentSettings.Mode.OPEN
    rules.save()
    tag = article.tags.first()
    author = article.authorships.first().author
    day = timezone.localtime(article.first_published_at)
    withdrawn = article_factory(parent=section, title="Berita yang ditarik")
    article_withdraw(article=withdrawn, reason="Sumbernya tidak dapat dipastikan.", user=editor)
    held = ReaderComment.objects.create(
        article=article,
        author_name="Ani",
        author_email="ani@example.id",
        body="Terima kasih.",
        awaiting_confirmation=True,
    )

    for path in (
        "/",
        "/",  # again: the page cache's copy
        section.url,
        f"/tag/{tag.slug}/",
        f"/penulis/{author.slug}/",
        f"/{day:%Y/%m/%d}/",
        "/cari/?q=banjir",
        "/koreksi/",
        "/pengaduan/",
        "/en/",
    ):
        visit(page, violations, f"{base}{path}")
    visit(page, violations, f"{base}/tidak-ada-halaman-ini/", status=404)
    visit(page, violations, f"{base}{withdrawn.url}", status=410)
    # The confirmation link answers 303 to the comment on its article page.
    visit(page, violations, f"{base}/komentar/konfirmasi/{confirmation_token(held)}/")

    # The comment form still works: comments.js loads the live section and sends the comment.
    visit(page, violations, f"{base}{article.url}")
    page.wait_for_selector(".comment-form input[name=csrfmiddlewaretoken]", state="attached")
    page.fill("textarea[name=body]", "Semoga warga cepat dievakuasi.")
    page.fill("input[name=name]", "Budi")
    page.fill("input[name=email]", "budi@example.id")
    page.click("text=Kirim Komentar")
    page.wait_for_selector(".comment--new")
    violations.extend(page.evaluate("window.__cspViolations"))
    assert ReaderComment.objects.filter(author_email="budi@example.id").exists()

    assert violations == []


def test_admin_login_dashboard_and_page_editor_run_without_a_policy_violation(
    csp_watched, live_server, article
):
    page, violations = csp_watched
    base = live_server.url
    get_user_model().objects.create_superuser("redaksi", "redaksi@kabar.id", "kata-sandi-redaksi")

    visit(page, violations, f"{base}/admin/login/")
    page.locator("input[name=username]").fill("redaksi")
    page.locator("input[name=password]").fill("kata-sandi-redaksi")
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/admin/")
    page.wait_for_load_state("networkidle")
    violations.extend(page.evaluate("window.__cspViolations"))

    visit(page, violations, f"{base}/admin/pages/{article.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value(article.title)
    # The preview panel renders the reader's page inside an admin frame.
    page.locator("[data-side-panel-toggle=preview]").click()
    page.wait_for_load_state("networkidle")
    violations.extend(page.evaluate("window.__cspViolations"))

    assert violations == []
