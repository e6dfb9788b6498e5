"""The editorial checklist: approval in the review workflow needs every item ticked, on record."""

import pytest
from django.urls import reverse
from wagtail.models import GroupApprovalTask, PageLogEntry, Workflow

from kabar.core.checklist import ChecklistItem, EditorialChecklistTask, checklist_ticks_all
from kabar.core.services import REVIEW_TASK, REVIEW_WORKFLOW, review_workflow_setup
from kabar.news.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(section, writer):
    """A draft a writer has submitted for review."""
    article = ArticlePageFactory(parent=section, title="Banjir rob di Jakarta Utara", live=False)
    article.save_revision(user=writer)
    workflow = article.get_workflow()
    workflow.start(article, writer)
    return article


def action_url(article) -> str:
    task_state = article.current_workflow_task_state
    return reverse(
        "wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk]
    )


def all_ticked(**extra) -> dict:
    return checklist_ticks_all() | extra


def test_the_review_step_is_the_checklist_with_the_default_items(home):
    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW)
    task = workflow.tasks.get().specific
    assert isinstance(task, EditorialChecklistTask) and task.name == REVIEW_TASK
    texts = list(ChecklistItem.objects.active().values_list("text", flat=True))
    assert "Sumber terverifikasi" in texts
    assert "Tidak ada identitas anak atau korban kekerasan seksual" in texts


def test_a_plain_approval_step_of_earlier_versions_is_replaced(home):
    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW)
    workflow.workflow_tasks.all().delete()
    old = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    workflow.workflow_tasks.create(task=old, sort_order=0)
    review_workflow_setup()
    assert isinstance(workflow.tasks.get().specific, EditorialChecklistTask)
    old.refresh_from_db()
    assert not old.active


def test_an_edited_checklist_is_left_alone_by_the_setup(home):
    ChecklistItem.objects.all().delete()
    ChecklistItem.objects.create(text="Foto berizin")
    review_workflow_setup()
    assert list(ChecklistItem.objects.values_list("text", flat=True)) == ["Foto berizin"]


def test_approval_without_every_tick_is_refused(client, editor, submitted):
    client.force_login(editor)
    ticks = all_ticked()
    ticks.pop(next(iter(ticks)))
    response = client.post(
        action_url(submitted), ticks, headers={"X-Requested-With": "XMLHttpRequest"}
    )
    assert "Centang butir ini sebelum menyetujui." in response.content.decode()
    submitted.refresh_from_db()
    assert not submitted.live and submitted.current_workflow_task_state.status == "in_progress"


def test_approval_with_every_tick_publishes_and_records_the_ticks(client, editor, submitted):
    client.force_login(editor)
    response = client.post(action_url(submitted), all_ticked(comment="Siap terbit."))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.live
    entry = PageLogEntry.objects.get(page=submitted, action="kabar.checklist")
    assert entry.user == editor and "Sumber terverifikasi" in entry.data["items"]
    history = client.get(reverse("wagtailadmin_pages:history", args=[submitted.pk]))
    html = history.content.decode()
    assert "Daftar periksa redaksi dicentang" in html and "Kedua pihak sudah dikonfirmasi" in html


def test_a_new_item_from_the_admin_is_asked_at_the_next_approval(client, editor, submitted):
    client.force_login(editor)
    client.post(
        reverse("wagtailsnippets_core_checklistitem:add"),
        {"text": "Foto berizin", "help_text": "", "active": "on", "sort_order": "9"},
    )
    item = ChecklistItem.objects.get(text="Foto berizin")
    ticks = all_ticked()
    ticks.pop(f"item_{item.pk}")
    client.post(action_url(submitted), ticks)
    submitted.refresh_from_db()
    assert not submitted.live
    form = client.get(action_url(submitted), headers={"X-Requested-With": "XMLHttpRequest"})
    assert "Foto berizin" in form.content.decode()


def test_a_writer_cannot_approve(client, writer, submitted):
    client.force_login(writer)
    response = client.post(action_url(submitted), all_ticked())
    assert response.status_code in (302, 403)
    submitted.refresh_from_db()
    assert not submitted.live
