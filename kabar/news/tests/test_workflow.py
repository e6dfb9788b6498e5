"""Drafts, preview, revisions and scheduling, through the admin views editors use."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from kabar.core.checklist import checklist_ticks_all
from kabar.news.models import ArticlePage
from kabar.news.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def admin_datetime(value: datetime.datetime) -> str:
    """A datetime as the admin's date-time field takes it, in Jakarta time."""
    from django.conf import settings

    return timezone.localtime(value).strftime(settings.WAGTAIL_DATETIME_FORMAT)


def test_draft_changes_stay_off_the_public_page(client, editor, article, article_form):
    client.force_login(editor)

    client.post(
        edit_url(article),
        article_form(title="Banjir di Bogor", slug=article.slug, authors=[], article=article),
    )

    article.refresh_from_db()
    assert article.live and article.has_unpublished_changes
    draft = client.get(reverse("wagtailadmin_pages:view_draft", args=(article.pk,)))
    assert "Banjir di Bogor" in draft.content.decode()
    client.logout()
    public = client.get(article.url).content.decode()
    assert "Banjir di Jakarta" in public and "Banjir di Bogor" not in public


def test_preview_renders_the_unsaved_article(client, editor, article, article_form):
    client.force_login(editor)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    data = article_form(
        title="Pratinjau banjir",
        slug=article.slug,
        authors=[],
        article=article,
        paragraph="<p>Paragraf yang belum disimpan.</p>",
    )

    check = client.post(preview_url, data)
    preview = client.get(preview_url)

    assert check.json()["is_valid"] is True
    body = preview.content.decode()
    assert preview.status_code == 200
    assert "Pratinjau banjir" in body and "Paragraf yang belum disimpan." in body
    assert ArticlePage.objects.get(pk=article.pk).title == "Banjir di Jakarta"


def test_revisions_compare_and_restore(client, editor, article, article_form):
    client.force_login(editor)
    first = article.save_revision(user=editor)
    first.publish()
    client.post(
        edit_url(article),
        {
            **article_form(
                title="Banjir di Bekasi", slug=article.slug, authors=[], article=article
            ),
            "action-publish": "Publish",
        },
    )
    article.refresh_from_db()
    second = article.latest_revision
    assert article.title == "Banjir di Bekasi"

    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=(article.pk, first.pk, second.pk))
    )
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=(article.pk, first.pk))
    restore_form = client.get(revert_url)
    client.post(
        revert_url,
        {
            **article_form(
                title="Banjir di Jakarta", slug=article.slug, authors=[], article=article
            ),
            "action-publish": "Publish",
        },
    )

    assert compare.status_code == 200
    diff = compare.content.decode()
    assert 'Banjir di <span class="deletion">Jakarta</span><span class="addition">Bekasi' in diff
    assert restore_form.status_code == 200
    assert 'name="title" value="Banjir di Jakarta"' in restore_form.content.decode()
    article.refresh_from_db()
    assert article.title == "Banjir di Jakarta"
    assert article.revisions.count() == 3


def test_scheduled_article_goes_live_at_its_time(client, editor, section, article_form):
    go_live = timezone.now() + datetime.timedelta(hours=2)
    client.force_login(editor)
    client.post(
        reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk)),
        {
            **article_form(
                title="Terbit nanti",
                slug="terbit-nanti",
                authors=[AuthorFactory()],
                go_live_at=admin_datetime(go_live),
            ),
            "action-publish": "Publish",
        },
    )
    article = ArticlePage.objects.get(slug="terbit-nanti")
    assert not article.live
    assert article.scheduled_revision is not None

    call_command("publish_scheduled")
    article.refresh_from_db()
    assert not article.live
    with freeze_time(go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")

    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live and article.scheduled_revision is None


def test_approved_submission_with_a_time_waits_for_it(
    client, writer, editor, section, article_form
):
    go_live = timezone.now() + datetime.timedelta(days=1)
    client.force_login(writer)
    client.post(
        reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk)),
        {
            **article_form(
                title="Embargo",
                slug="embargo",
                authors=[AuthorFactory()],
                go_live_at=admin_datetime(go_live),
            ),
            "action-submit": "Submit",
        },
    )
    article = ArticlePage.objects.get(slug="embargo")
    client.force_login(editor)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(article.pk, "approve", article.current_workflow_task_state.pk),
        ),
        checklist_ticks_all(),
    )
    article.refresh_from_db()
    assert not article.live and article.scheduled_revision is not None

    with freeze_time(go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")

    article.refresh_from_db()
    assert article.live


def test_scheduled_unpublish_takes_the_article_down(client, editor, article, article_form):
    expire = timezone.now() + datetime.timedelta(hours=3)
    client.force_login(editor)
    client.post(
        edit_url(article),
        {
            **article_form(
                title=article.title,
                slug=article.slug,
                authors=[],
                article=article,
                expire_at=admin_datetime(expire),
            ),
            "action-publish": "Publish",
        },
    )
    article.refresh_from_db()
    assert article.live

    with freeze_time(expire + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")

    article.refresh_from_db()
    assert not article.live and article.expired
    client.logout()
    assert client.get(article.url).status_code == 404


def test_editor_cancels_a_scheduled_publication(client, editor, section, article_form):
    client.force_login(editor)
    client.post(
        reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk)),
        {
            **article_form(
                title="Batal terbit",
                slug="batal-terbit",
                authors=[AuthorFactory()],
                go_live_at=admin_datetime(timezone.now() + datetime.timedelta(hours=1)),
            ),
            "action-publish": "Publish",
        },
    )
    article = ArticlePage.objects.get(slug="batal-terbit")

    client.post(
        reverse(
            "wagtailadmin_pages:revisions_unschedule",
            args=(article.pk, article.scheduled_revision.pk),
        )
    )
    with freeze_time(timezone.now() + datetime.timedelta(hours=2)):
        call_command("publish_scheduled")

    article = ArticlePage.objects.get(pk=article.pk)
    assert not article.live and article.scheduled_revision is None
