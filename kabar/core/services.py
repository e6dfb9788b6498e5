"""Newsroom set-up that every site needs: roles as groups, and the review workflow."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .checklist import EditorialChecklistTask, checklist_items_ensure

WRITER_GROUP = "Penulis"
EDITOR_GROUP = "Editor"
EDITOR_IN_CHIEF_GROUP = "Pemimpin Redaksi"
ADMIN_GROUP = "Administrator"
# The only roles a newsroom has; Wagtail's own "Editors" and "Moderators" are removed by
# core's migration 0005.
NEWSROOM_GROUPS = (WRITER_GROUP, EDITOR_GROUP, EDITOR_IN_CHIEF_GROUP, ADMIN_GROUP)
# Lifting an embargo early (clearing it or moving it earlier) is the Editor-in-chief's call.
LIFT_EMBARGO_PERMISSION = "news.lift_embargo"
REVIEW_WORKFLOW = "Tinjauan Redaksi"
REVIEW_TASK = "Persetujuan Editor"

# Model permissions by group, as "app_label.codename".
MODEL_PERMISSIONS = {
    WRITER_GROUP: ["wagtailadmin.access_admin", "news.view_author", "ingest.use_wire_desk"],
    EDITOR_GROUP: [
        "wagtailadmin.access_admin",
        "news.add_author",
        "news.change_author",
        "news.view_author",
        "comments.view_readercomment",
        "comments.change_readercomment",
        "comments.delete_readercomment",
        "complaints.add_complaint",
        "complaints.change_complaint",
        "core.add_checklistitem",
        "core.change_checklistitem",
        "core.view_checklistitem",
        "core.change_breakingnews",
        "core.view_breakingnews",
        "news.view_articleviews",
        "corrections.add_correction",
        "corrections.change_correction",
        "corrections.view_correction",
        "newsletters.view_subscriber",
        "newsletters.view_newslettersend",
        "ingest.import_wordpress",
        "ingest.use_wire_desk",
        "ingest.add_wiresource",
        "ingest.change_wiresource",
        "ingest.delete_wiresource",
        "ingest.view_wiresource",
        "ingest.add_wirekeywordtag",
        "ingest.change_wirekeywordtag",
        "ingest.delete_wirekeywordtag",
        "ingest.view_wirekeywordtag",
        "taggit.add_tag",
        "taggit.change_tag",
        "taggit.view_tag",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        "wagtailsearchpromotions.add_searchpromotion",
        "wagtailsearchpromotions.change_searchpromotion",
        "wagtailsearchpromotions.delete_searchpromotion",
    ],
}
# The Editor-in-chief does everything an Editor does, and may lift embargoes.
MODEL_PERMISSIONS[EDITOR_IN_CHIEF_GROUP] = [
    *MODEL_PERMISSIONS[EDITOR_GROUP],
    LIFT_EMBARGO_PERMISSION,
]
PAGE_PERMISSIONS = {
    WRITER_GROUP: ["add_page"],
    EDITOR_GROUP: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ],
    ADMIN_GROUP: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ],
}
PAGE_PERMISSIONS[EDITOR_IN_CHIEF_GROUP] = PAGE_PERMISSIONS[EDITOR_GROUP]
COLLECTION_PERMISSIONS = {
    WRITER_GROUP: ["add_image", "choose_image", "add_document", "choose_document"],
    EDITOR_GROUP: [
        "add_image",
        "change_image",
        "delete_image",
        "choose_image",
        "add_document",
        "change_document",
        "delete_document",
        "choose_document",
    ],
    ADMIN_GROUP: [
        "add_image",
        "change_image",
        "delete_image",
        "choose_image",
        "add_document",
        "change_document",
        "delete_document",
        "choose_document",
    ],
}
COLLECTION_PERMISSIONS[EDITOR_IN_CHIEF_GROUP] = COLLECTION_PERMISSIONS[EDITOR_GROUP]


def _permission(dotted: str) -> Permission | None:
    app_label, codename = dotted.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


@transaction.atomic
def newsroom_roles_setup() -> dict[str, Group]:
    """Create or complete the Penulis, Editor, Pemimpin Redaksi and Administrator groups; safe
    to re-run."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in PAGE_PERMISSIONS}
    for name, perms in MODEL_PERMISSIONS.items():
        found = [p for p in map(_permission, perms) if p]
        groups[name].permissions.add(*found)
    # Administrators may do everything in the admin short of being superusers.
    groups[ADMIN_GROUP].permissions.add(*Permission.objects.all())

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for name, codenames in PAGE_PERMISSIONS.items():
        if root_page is None:
            break
        for perm in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        ):
            GroupPagePermission.objects.get_or_create(
                group=groups[name], page=root_page, permission=perm
            )
    for name, codenames in COLLECTION_PERMISSIONS.items():
        if root_collection is None:
            break
        for perm in Permission.objects.filter(codename__in=codenames):
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name], collection=root_collection, permission=perm
            )
    return groups


@transaction.atomic
def review_workflow_setup() -> Workflow | None:
    """Make "submit → an editor ticks the checklist and approves → published" the workflow."""
    root_page = Page.get_first_root_node()
    if root_page is None:
        return None
    checklist_items_ensure()
    reviewers = Group.objects.filter(name__in=[EDITOR_GROUP, EDITOR_IN_CHIEF_GROUP, ADMIN_GROUP])
    task, created = EditorialChecklistTask.objects.get_or_create(name=REVIEW_TASK)
    # Only a new task gets its reviewers; a newsroom may since have changed them in the admin.
    if created or not task.groups.exists():
        task.groups.set(reviewers)
    elif task.groups.filter(name=EDITOR_GROUP).exists():
        # The Editor-in-chief reviews wherever Editors do (a role added after the task).
        task.groups.add(*reviewers.filter(name=EDITOR_IN_CHIEF_GROUP))
    workflow, _created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    # Earlier versions approved in a plain group approval step of the same name: the checklist
    # step takes its place.
    plain = GroupApprovalTask.objects.filter(name=REVIEW_TASK)
    WorkflowTask.objects.filter(workflow=workflow, task__in=plain).delete()
    plain.update(active=False)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    return workflow


def newsroom_setup_after_migrate(*, apps=None, using="default", **kwargs):
    """post_migrate hook: keep the roles and the workflow in place on every database."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Our signal may come before other apps' permissions exist; make them all first.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    newsroom_roles_setup()
    review_workflow_setup()
