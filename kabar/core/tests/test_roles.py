"""Only the newsroom's four roles exist: Wagtail's default groups and workflow are removed,
on a fresh database and on a site that had them."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.sql import emit_post_migrate_signal
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from kabar.core.checklist import EditorialChecklistTask
from kabar.core.services import (
    EDITOR_GROUP,
    EDITOR_IN_CHIEF_GROUP,
    LIFT_EMBARGO_PERMISSION,
    NEWSROOM_GROUPS,
    REVIEW_TASK,
    REVIEW_WORKFLOW,
)

pytestmark = pytest.mark.django_db

migration = import_module("kabar.core.migrations.0005_remove_wagtail_default_roles")


def test_a_fresh_site_has_only_the_newsroom_roles(home):
    assert set(Group.objects.values_list("name", flat=True)) == set(NEWSROOM_GROUPS)
    assert set(Workflow.objects.values_list("name", flat=True)) == {REVIEW_WORKFLOW}


def test_the_editor_in_chief_can_do_what_an_editor_can_and_lift_embargoes(home):
    editor = Group.objects.get(name=EDITOR_GROUP)
    chief = Group.objects.get(name=EDITOR_IN_CHIEF_GROUP)
    assert set(editor.permissions.all()) < set(chief.permissions.all())
    assert set(editor.page_permissions.values_list("page", "permission")) == set(
        chief.page_permissions.values_list("page", "permission")
    )
    app_label, codename = LIFT_EMBARGO_PERMISSION.split(".")
    lift = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    assert lift in chief.permissions.all() and lift not in editor.permissions.all()
    reviewers = EditorialChecklistTask.objects.get(name=REVIEW_TASK).groups
    assert reviewers.filter(name=EDITOR_IN_CHIEF_GROUP).exists()


def wagtail_defaults_make(page):
    """What Wagtail's own migrations leave on a site: two groups and their workflow."""
    moderators = Group.objects.create(name="Moderators")
    Group.objects.create(name="Editors")
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.set([moderators])
    workflow = Workflow.objects.create(name="Moderators approval")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=page, workflow=workflow)
    return moderators


def test_the_migration_removes_wagtails_defaults_on_an_existing_site(home):
    moderators = wagtail_defaults_make(home)
    old_hand = get_user_model().objects.create_user("moderator", password="x")
    old_hand.groups.add(moderators)

    migration.wagtail_defaults_remove(apps, None)

    assert set(Group.objects.values_list("name", flat=True)) == set(NEWSROOM_GROUPS)
    assert list(old_hand.groups.values_list("name", flat=True)) == [EDITOR_GROUP]
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not GroupApprovalTask.objects.filter(name="Moderators approval").exists()
    # The page it covered now goes through the newsroom's review.
    assert WorkflowPage.objects.get(page=home).workflow.name == REVIEW_WORKFLOW
    # And setting the roles up again does not bring anything back.
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert set(Group.objects.values_list("name", flat=True)) == set(NEWSROOM_GROUPS)
