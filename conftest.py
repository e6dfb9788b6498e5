"""Fixtures shared by every app's tests: a site whose root is the Kabar Harapan home page, its
stories, staff and a browser.

Factories for the news models live in kabar/news/tests/factories.py. The apps below news (core,
pagecache) may not import it, so the fixtures here hand the same factories to every app's tests:
`article_factory(parent=section, title=...)` is `ArticlePageFactory`.
"""

import freezegun
import pytest
from wagtail.models import Locale, Page, Site

from kabar.core.services import newsroom_roles_setup, review_workflow_setup
from kabar.news.tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    HomePageFactory,
    SectionPageFactory,
)


def site_tree_ensure() -> Page:
    """Wagtail's tree root; a transactional test's flush removes the one its migration made."""
    root = Page.get_first_root_node()
    if root is None:
        from django.conf import settings
        from wagtail.coreutils import get_supported_content_language_variant

        # The flush took the default locale too; pages cannot be made without it.
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(title="Root", slug="root")
        # The roles' page permissions and the review workflow hang off the root; put them back.
        newsroom_roles_setup()
        review_workflow_setup()
    return root


# pytest's own clock (the slowest-tests report) keeps real time while a test freezes it.
freezegun.configure(extend_ignore_list=["_pytest.timing"])


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Indonesian: a request under /en/ leaves English active in the thread,
    and page URLs worked out outside a request follow the active language."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def midday():
    """A fixed late morning in Jakarta, the clock still moving: for tests whose stories are
    "hours ago" and that look them up by local day, which at 00:30 WIB is the day before."""
    from freezegun import freeze_time

    with freeze_time("2024-10-29 03:00:00+00:00", tick=True):
        yield


@pytest.fixture(autouse=True)
def page_cache_empty():
    """Every test starts with no cached pages, and leaves none to the next one.

    The process-local default cache is emptied too: on SQLite a rolled-back test hands its
    ids to the next one, which would find values cached under them (the most-read ranking,
    kept a minute per root page). A Redis default cache is left alone: clearing it would
    flush a database others share, and PostgreSQL never gives an id twice."""
    from django.conf import settings
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    emptied = [caches[settings.PAGE_CACHE_ALIAS]]
    if isinstance(caches["default"], LocMemCache):
        emptied.append(caches["default"])
    for cache in emptied:
        cache.clear()
    yield
    for cache in emptied:
        cache.clear()


@pytest.fixture
def connections_kept():
    """As Django's test client does: the test's database connection outlives each request
    (for tests that call a WSGI application directly)."""
    from django.core import signals
    from django.db import close_old_connections

    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def page_cache_on(settings):
    """Serve anonymous readers from the page cache, as every deployment does."""
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def page_fragments_on(settings):
    """Keep parts of pages in the process until the next purge, as every deployment does."""
    from kabar.pagecache.fragments import fragments

    settings.PAGE_FRAGMENT_SECONDS = 600
    fragments.clear()
    yield
    fragments.clear()


@pytest.fixture
def cdn(settings):
    """A configured CDN; the list of addresses purged from it, one entry per purge."""
    from kabar.core.tests.recording_cdn import RecordingBackend

    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "kabar.core.tests.recording_cdn.RecordingBackend"},
    }
    RecordingBackend.purged = []
    return RecordingBackend.purged


@pytest.fixture
def home(db):
    root = site_tree_ensure()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="Kabar Harapan",
    )
    return home


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="Luar Negeri", slug="luar-negeri")


@pytest.fixture
def article(section):
    """A live story in the section, credited to one author: the article most tests need."""
    return ArticlePageFactory(
        parent=section,
        title="Banjir di Jakarta",
        slug="banjir-di-jakarta",
        authors=[AuthorFactory()],
    )


@pytest.fixture
def article_realistic(home, section):
    """The lead story of a dressed-up site: long body, pictures, bylines, tags, a dozen
    illustrated neighbours (kabar/news/tests/newsroom.py)."""
    from kabar.news.tests.newsroom import realistic_newsroom

    return realistic_newsroom(home, section)


@pytest.fixture
def article_factory(db):
    """ArticlePageFactory: `article_factory(parent=section, tags=[...], authors=[...])`."""
    return ArticlePageFactory


@pytest.fixture
def author_factory(db):
    return AuthorFactory


@pytest.fixture
def section_factory(db):
    return SectionPageFactory


# Newsroom staff: one user per role, made through the groups the post_migrate hook sets up.


def newsroom_user_make(*, username: str, group: str, **extra):
    """A staff account in the named group, with the password "kata-sandi-rahasia"."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    site_tree_ensure()
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@kabarharapan.test",
        password="kata-sandi-rahasia",
        **extra,
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def writer(db):
    from kabar.core.services import WRITER_GROUP

    return newsroom_user_make(
        username="penulis", group=WRITER_GROUP, first_name="Sari", last_name="Penulis"
    )


@pytest.fixture
def editor(db):
    from kabar.core.services import EDITOR_GROUP

    return newsroom_user_make(
        username="editor", group=EDITOR_GROUP, first_name="Budi", last_name="Editor"
    )


@pytest.fixture
def editor_in_chief(db):
    from kabar.core.services import EDITOR_IN_CHIEF_GROUP

    return newsroom_user_make(
        username="pemred", group=EDITOR_IN_CHIEF_GROUP, first_name="Dewi", last_name="Pemred"
    )


@pytest.fixture
def site_admin(db):
    from kabar.core.services import ADMIN_GROUP

    return newsroom_user_make(username="administrator", group=ADMIN_GROUP)


# Browser tests: Debian's chromium driven by Playwright's sync API.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_ensure() -> str:
    """The path of Debian's chromium, installing it with apt-get when it is missing."""
    import os
    import shutil
    import subprocess

    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    if shutil.which("apt-get") is None:
        pytest.fail(f"{CHROMIUM} is missing and apt-get is not available to install chromium.")
    install = ["apt-get", "install", "-y", "chromium"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, capture_output=True)
        done = subprocess.run(install, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            pytest.fail(f"Could not install chromium with apt-get:\n{done.stderr[-2000:]}")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"apt-get installed chromium but {CHROMIUM} is still missing.")
    return CHROMIUM


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the item so the browser fixture can see a failed test.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def chromium_executable():
    return chromium_ensure()


@pytest.fixture
def browser_page(request, chromium_executable, tmp_path, monkeypatch):
    """A Playwright page in a fresh Chromium profile; a failing test leaves a screenshot in /tmp."""
    from playwright.sync_api import expect, sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM must still work.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=chromium_executable,
            args=CHROMIUM_ARGS,
            headless=True,
            locale="id-ID",
            timezone_id="Asia/Jakarta",
            viewport={"width": 1280, "height": 900},
        )
        # Generous waits: the live server shares a busy machine with the rest of the suite.
        context.set_default_timeout(15_000)
        expect.set_options(timeout=15_000)
        page = context.pages[0] if context.pages else context.new_page()
        try:
            yield page
        finally:
            report = getattr(request.node, "report_call", None)
            if report is not None and report.failed:
                page.screenshot(path=f"/tmp/kabar-{request.node.name}.png", full_page=True)
            context.close()


@pytest.fixture
def article_form():
    """Builds the Wagtail admin's POST data for an article, as the editor form would send it."""
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    def build(
        *,
        title,
        slug,
        authors,
        summary="Ringkasan berita.",
        paragraph="<p>Isi berita.</p>",
        article=None,
        **fields,
    ):
        if article is not None:
            rows = [
                {"id": str(a.pk), "author": str(a.author_id), "role": a.role}
                for a in article.authorships.all()
            ]
        else:
            rows = [{"author": str(a.pk), "role": "penulis"} for a in authors]
        data = {
            "title": title,
            "slug": slug,
            "summary": summary,
            "kicker": "",
            "dateline_place": "",
            "dateline_agency": "",
            "featured_image": "",
            "featured_image_caption": "",
            "featured_image_credit": "",
            "body": streamfield([("paragraph", rich_text(paragraph))]),
            "authorships": inline_formset(rows, initial=len(rows) if article else 0, min=1),
            "tags": "",
            "source_name": "",
            "source_url": "",
            "seo_title": "",
            "search_description": "",
            "social_image": "",
            "go_live_at": "",
            "expire_at": "",
            "comments_open": "on",
        }
        data.update(fields)
        return nested_form_data(data)

    return build
