"""An embargoed story: published, yet invisible to readers everywhere until its time; lifted
early only by the Pemimpin Redaksi or an Administrator; brought out by the scheduler."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from kabar.news.models import ArticlePage
from kabar.news.services import embargoes_release

from .factories import ArticlePageFactory, AuthorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("midday")]

TITLE = "Laporan keuangan negara bocor"
SLUG = "laporan-keuangan-bocor"


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def form_moment(moment) -> str:
    """A time as the admin's date-time field sends it, in the site's time zone."""
    return "" if moment is None else timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def embargo_time():
    return (timezone.now() + datetime.timedelta(hours=3)).replace(second=0, microsecond=0)


@pytest.fixture
def embargoed(section, embargo_time):
    """A published story under embargo for three more hours, with a tag and an author."""
    story = ArticlePageFactory(
        parent=section,
        title=TITLE,
        slug=SLUG,
        summary="Ringkasan embargo.",
        authors=[AuthorFactory(name="Rina Embargo", slug="rina-embargo")],
        embargo_until=embargo_time,
        # Filed an hour ago (the factory would date it by its sequence, days back).
        first_published_at=timezone.now() - datetime.timedelta(hours=1),
    )
    story.tags.add("keuangan")
    story.save_revision().publish()
    return ArticlePage.objects.get(pk=story.pk)


def reader_addresses(section):
    return [
        "/",
        section.url,
        "/tag/keuangan/",
        "/penulis/rina-embargo/",
        reverse("seo:rss"),
        reverse("seo:atom"),
        reverse("search:search") + "?q=keuangan",
    ]


def sitemap_text(client) -> str:
    index = client.get("/sitemap.xml")
    body = index.content.decode()
    for url in body.split("<loc>")[1:]:
        address = url.split("</loc>")[0].split("://", 1)[-1].split("/", 1)[-1]
        body += client.get("/" + address).content.decode()
    return body


def test_visible_leaves_out_an_embargoed_story_until_its_time(embargoed, embargo_time):
    assert embargoed.live and embargoed.is_embargoed
    assert embargoed not in ArticlePage.objects.visible()
    assert list(ArticlePage.objects.embargoed()) == [embargoed]
    with freeze_time(embargo_time + datetime.timedelta(seconds=1)):
        assert embargoed in ArticlePage.objects.visible()
        assert not ArticlePage.objects.embargoed().exists()


def test_readers_find_the_story_nowhere_before_its_time(client, home, section, embargoed):
    # Not even when an editor already picked it as the front page's lead story.
    home.lead_story = embargoed
    home.save_revision().publish()
    assert client.get(embargoed.url).status_code == 404
    for address in reader_addresses(section):
        html = client.get(address).content.decode()
        assert TITLE not in html and SLUG not in html, address
    assert embargoed.url not in sitemap_text(client)


def test_the_scheduler_brings_the_story_out_at_its_time(
    client, section, embargoed, embargo_time, page_cache_on
):
    # Readers' pages cached while the embargo holds must not keep hiding the story.
    for address in ["/", section.url, reverse("seo:rss")]:
        assert TITLE not in client.get(address).content.decode()
    assert client.get("/").headers["X-Cache"] in {"HIT", "STALE"}

    with freeze_time(embargo_time + datetime.timedelta(seconds=30)):
        call_command("embargo_release")
        story = ArticlePage.objects.get(pk=embargoed.pk)
        # Dated at its embargo time, not when it was published under embargo.
        assert story.first_published_at == embargo_time
        assert client.get(story.url).status_code == 200
        for address in reader_addresses(section):
            assert SLUG in client.get(address).content.decode(), address
        assert story.url in sitemap_text(client)
        # Done once: the next round has nothing to release.
        assert embargoes_release() == []


def test_scheduler_leaves_a_story_still_under_embargo(embargoed):
    assert embargoes_release() == []
    assert ArticlePage.objects.get(pk=embargoed.pk).first_published_at < embargoed.embargo_until


def test_staff_preview_shows_the_story_but_a_preview_link_does_not_leak_it(
    client, editor, embargoed
):
    preview = reverse("wagtailadmin_pages:view_draft", args=(embargoed.pk,))
    anonymous = client.get(preview)
    assert anonymous.status_code == 302 and TITLE not in anonymous.content.decode()
    client.force_login(editor)
    assert TITLE in client.get(preview).content.decode()


def edit(client, article, article_form, *, embargo_until, publish=False):
    data = article_form(
        title=article.title,
        slug=article.slug,
        authors=[],
        article=article,
        embargo_until=form_moment(embargo_until),
    )
    if publish:
        data["action-publish"] = "action-publish"
    return client.post(edit_url(article), data)


LIFT_ERROR = "Hanya Pemimpin Redaksi atau Administrator yang dapat mencabut embargo lebih awal"


@pytest.mark.parametrize("new_time", [None, "earlier"])
def test_an_editor_cannot_lift_the_embargo(
    client, editor, embargoed, embargo_time, article_form, new_time
):
    client.force_login(editor)
    moment = embargo_time - datetime.timedelta(hours=2) if new_time else None
    response = edit(client, embargoed, article_form, embargo_until=moment, publish=True)

    assert response.status_code == 200
    assert LIFT_ERROR in response.content.decode()
    story = ArticlePage.objects.get(pk=embargoed.pk)
    assert story.embargo_until == embargo_time
    assert story.get_latest_revision().as_object().embargo_until == embargo_time
    assert client.get(story.url).status_code == 404


def test_a_writer_cannot_lift_the_embargo_of_a_draft(client, section, writer, article_form):
    client.force_login(writer)
    held = timezone.now() + datetime.timedelta(hours=5)
    draft = ArticlePageFactory(
        parent=section, live=False, owner=writer, authors=[AuthorFactory()], embargo_until=held
    )
    draft.save_revision(user=writer)
    response = edit(client, draft, article_form, embargo_until=None)
    assert LIFT_ERROR in response.content.decode()
    assert draft.get_latest_revision().as_object().embargo_until == held


def test_an_editor_may_set_or_extend_an_embargo(client, editor, embargoed, article_form):
    client.force_login(editor)
    later = embargoed.embargo_until + datetime.timedelta(days=1)
    response = edit(client, embargoed, article_form, embargo_until=later, publish=True)
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=embargoed.pk).embargo_until == later


@pytest.mark.parametrize("role", ["editor_in_chief", "site_admin"])
def test_the_editor_in_chief_or_an_administrator_lifts_the_embargo(
    request, client, embargoed, article_form, role
):
    client.force_login(request.getfixturevalue(role))
    response = edit(client, embargoed, article_form, embargo_until=None, publish=True)
    assert response.status_code == 302
    story = ArticlePage.objects.get(pk=embargoed.pk)
    assert story.embargo_until is None
    assert client.get(story.url).status_code == 200


def test_the_editor_shows_the_embargo_field(client, editor, embargoed):
    client.force_login(editor)
    html = client.get(edit_url(embargoed)).content.decode()
    assert 'name="embargo_until"' in html
    assert "Embargo hingga" in html


def test_the_editors_header_says_embargo_not_live(client, editor, embargoed, article):
    # Wagtail's header calls every live page "Terpublikasi" with a link to it; readers cannot
    # see an embargoed one yet, so its header names the embargo and its time instead.
    client.force_login(editor)
    header = client.get(edit_url(embargoed)).content.decode().split("</header>")[0]
    assert "data-embargo" in header and "embargo s.d." in header
    assert f'href="{embargoed.url}"' not in header
    # A story without an embargo keeps Wagtail's link to the live page.
    header = client.get(edit_url(article)).content.decode().split("</header>")[0]
    assert "data-embargo" not in header and f'href="{article.url}"' in header


def test_admin_listings_show_the_embargo_and_its_time(client, editor, section, embargoed):
    client.force_login(editor)
    moment = timezone.localtime(embargoed.embargo_until).strftime("%H.%M")
    for url in [
        reverse("wagtailadmin_explore", args=(section.pk,)),
        reverse("wagtailadmin_pages:search") + "?q=keuangan",
    ]:
        html = client.get(url).content.decode()
        assert "embargo s.d." in html and moment in html, url


def test_the_scheduler_runs_the_release_right_after_scheduled_publishing(settings):
    commands = settings.SCHEDULED_COMMANDS
    assert commands.index("embargo_release") == commands.index("publish_scheduled") + 1
