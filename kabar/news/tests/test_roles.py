"""The newsroom roles, exercised through the Wagtail admin as each role would use it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.sql import emit_post_migrate_signal
from django.urls import reverse
from wagtail.models import Page, Workflow, WorkflowPage

from conftest import newsroom_user_make
from kabar.core.checklist import EditorialChecklistTask, checklist_ticks_all
from kabar.core.services import (
    ADMIN_GROUP,
    EDITOR_GROUP,
    EDITOR_IN_CHIEF_GROUP,
    REVIEW_TASK,
    REVIEW_WORKFLOW,
    WRITER_GROUP,
)
from kabar.news.models import ArticlePage
from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def add_url(section):
    return reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def test_roles_and_review_workflow_are_made_by_migrate(home):
    Group.objects.filter(
        name__in=[WRITER_GROUP, EDITOR_GROUP, EDITOR_IN_CHIEF_GROUP, ADMIN_GROUP]
    ).delete()
    Workflow.objects.all().delete()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    writer, editor = Group.objects.get(name=WRITER_GROUP), Group.objects.get(name=EDITOR_GROUP)
    assert Group.objects.filter(name=ADMIN_GROUP).exists()
    root = Page.get_first_root_node()
    assert set(
        writer.page_permissions.filter(page=root).values_list("permission__codename", flat=True)
    ) == {"add_page"}
    assert {"change_page", "publish_page"} <= set(
        editor.page_permissions.filter(page=root).values_list("permission__codename", flat=True)
    )
    workflow = WorkflowPage.objects.get(page=root).workflow
    assert workflow.name == REVIEW_WORKFLOW and workflow.active
    task = EditorialChecklistTask.objects.get(name=REVIEW_TASK)
    assert set(task.groups.values_list("name", flat=True)) == {
        EDITOR_GROUP,
        EDITOR_IN_CHIEF_GROUP,
        ADMIN_GROUP,
    }


def test_roles_setup_runs_twice_without_duplicates(home):
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert Group.objects.filter(name=EDITOR_GROUP).count() == 1
    assert Workflow.objects.filter(name=REVIEW_WORKFLOW).count() == 1
    assert WorkflowPage.objects.count() == 1


def test_review_workflow_covers_every_article(section):
    article = ArticlePageFactory(parent=section)
    assert article.get_workflow().name == REVIEW_WORKFLOW


def test_writer_creates_a_draft_and_submits_it_for_review(client, section, writer, article_form):
    author = AuthorFactory(name="Sari Penulis")
    client.force_login(writer)
    data = article_form(title="Banjir di Bekasi", slug="banjir-di-bekasi", authors=[author])

    response = client.post(add_url(section), {**data, "action-submit": "Submit"})

    article = ArticlePage.objects.get(slug="banjir-di-bekasi")
    assert response.status_code == 302
    assert not article.live and article.has_unpublished_changes
    assert article.owner == writer
    assert article.authorships.get().author == author
    assert article.workflow_in_progress
    assert article.current_workflow_task.name == REVIEW_TASK


def test_writer_saves_a_draft_without_submitting(client, section, writer, article_form):
    client.force_login(writer)
    data = article_form(title="Draf saja", slug="draf-saja", authors=[AuthorFactory()])

    client.post(add_url(section), data)

    article = ArticlePage.objects.get(slug="draf-saja")
    assert not article.live and not article.workflow_in_progress
    assert article.latest_revision.user == writer


def test_writer_cannot_publish(client, section, writer, article_form):
    client.force_login(writer)
    data = article_form(title="Coba terbit", slug="coba-terbit", authors=[AuthorFactory()])

    form = client.get(add_url(section)).content.decode()
    client.post(add_url(section), {**data, "action-publish": "Publish"})

    assert 'name="action-publish"' not in form
    article = ArticlePage.objects.get(slug="coba-terbit")
    assert not article.live and article.first_published_at is None
    client.post(
        edit_url(article),
        {
            **article_form(
                title="Coba terbit lagi", slug="coba-terbit", authors=[], article=article
            ),
            "action-publish": "Publish",
        },
    )
    article.refresh_from_db()
    assert not article.live and article.get_latest_revision_as_object().title == "Coba terbit lagi"


def test_writer_cannot_edit_another_writers_article(client, section, writer, article_form):
    other = newsroom_user_make(username="penulis2", group=WRITER_GROUP)
    article = ArticlePageFactory(
        parent=section, title="Milik orang lain", owner=other, authors=[AuthorFactory()]
    )
    client.force_login(writer)

    page_response = client.get(edit_url(article))
    client.post(
        edit_url(article),
        {
            **article_form(
                title="Diubah diam-diam", slug=article.slug, authors=[], article=article
            ),
            "action-submit": "Submit",
        },
    )

    assert page_response.status_code == 302
    assert page_response.url == reverse("wagtailadmin_home")
    article.refresh_from_db()
    assert article.title == "Milik orang lain"
    assert article.get_latest_revision_as_object().title == "Milik orang lain"
    assert not article.workflow_in_progress


def test_writer_cannot_unpublish(client, section, writer):
    article = ArticlePageFactory(parent=section, owner=writer)
    client.force_login(writer)

    client.post(reverse("wagtailadmin_pages:unpublish", args=(article.pk,)))

    article.refresh_from_db()
    assert article.live


def submitted_article(client, section, writer, article_form, title="Gempa di Cianjur"):
    client.force_login(writer)
    data = article_form(title=title, slug="gempa-di-cianjur", authors=[AuthorFactory()])
    client.post(add_url(section), {**data, "action-submit": "Submit"})
    client.logout()
    return ArticlePage.objects.get(slug="gempa-di-cianjur")


def test_editor_sees_the_submission_awaiting_review_and_approves_it(
    client, section, writer, editor, article_form
):
    article = submitted_article(client, section, writer, article_form)
    client.force_login(editor)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    task_state = article.current_workflow_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=(article.pk, "approve", task_state.pk)
    )
    response = client.post(approve, checklist_ticks_all())

    assert "Gempa di Cianjur" in dashboard and approve in dashboard
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live and not article.workflow_in_progress
    assert article.live_revision.approved_go_live_at is None
    public = client.get(article.url)
    assert public.status_code == 200 and "Gempa di Cianjur" in public.content.decode()


def test_administrator_can_approve_a_submission(client, section, writer, site_admin, article_form):
    article = submitted_article(client, section, writer, article_form)
    client.force_login(site_admin)

    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(article.pk, "approve", article.current_workflow_task_state.pk),
        ),
        checklist_ticks_all(),
    )

    article.refresh_from_db()
    assert article.live


def test_writer_cannot_approve_own_submission(client, section, writer, article_form):
    article = submitted_article(client, section, writer, article_form)
    client.force_login(writer)
    task_state = article.current_workflow_task_state

    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "approve", task_state.pk))
    )

    article.refresh_from_db()
    assert not article.live and article.workflow_in_progress


def test_editor_edits_and_publishes_directly(client, section, editor, article_form):
    article = ArticlePageFactory(parent=section, live=False, authors=[AuthorFactory()])
    client.force_login(editor)

    client.post(
        edit_url(article),
        {
            **article_form(title="Langsung terbit", slug=article.slug, authors=[], article=article),
            "action-publish": "Publish",
        },
    )

    article.refresh_from_db()
    assert article.live and article.title == "Langsung terbit"


def test_editor_unpublishes_an_article(client, section, editor):
    article = ArticlePageFactory(parent=section)
    client.force_login(editor)

    response = client.post(reverse("wagtailadmin_pages:unpublish", args=(article.pk,)))

    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.live


def test_administrator_manages_users(client, home, site_admin):
    client.force_login(site_admin)
    writers = Group.objects.get(name=WRITER_GROUP)

    listing = client.get(reverse("wagtailusers_users:index"))
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "wartawan",
            "email": "wartawan@kabarharapan.test",
            "first_name": "Dewi",
            "last_name": "Wartawan",
            "password1": "Sandi-panjang-2024!",
            "password2": "Sandi-panjang-2024!",
            "groups": [writers.pk],
            "is_active": "on",
        },
    )

    assert listing.status_code == 200 and "administrator" in listing.content.decode()
    assert response.status_code == 302
    user = get_user_model().objects.get(username="wartawan")
    assert list(user.groups.all()) == [writers] and not user.is_superuser


def test_editor_cannot_manage_users(client, home, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailusers_users:index"))
    assert response.status_code == 302
