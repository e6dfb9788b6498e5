"""Remove Wagtail's default "Editors" and "Moderators" groups and "Moderators approval"
workflow, which sit beside Kabar's own roles and review workflow and invite the wrong choice.

Their members become Editors; pages and page types assigned to the old workflow move to
Kabar's review workflow (or, on a fresh database where it does not exist yet, are left for
`review_workflow_setup` to assign after migrate). Stories still in review under the old workflow
lose that review (it is cancelled with the workflow) and return to draft; the page history keeps
what happened.
"""

from django.conf import settings
from django.db import migrations

WAGTAIL_GROUPS = ("Editors", "Moderators")
WAGTAIL_WORKFLOW = "Moderators approval"
EDITOR_GROUP = "Editor"
REVIEW_WORKFLOW = "Tinjauan Redaksi"


def wagtail_defaults_remove(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    old_groups = Group.objects.filter(name__in=WAGTAIL_GROUPS)
    members = list(User.objects.filter(groups__in=old_groups).distinct())
    if members:
        editor, _created = Group.objects.get_or_create(name=EDITOR_GROUP)
        for user in members:
            user.groups.add(editor)

    kabar_workflow = Workflow.objects.filter(name=REVIEW_WORKFLOW).first()
    for workflow in Workflow.objects.filter(name=WAGTAIL_WORKFLOW):
        task_ids = list(WorkflowTask.objects.filter(workflow=workflow).values_list("task_id"))
        assigned = WorkflowPage.objects.filter(workflow=workflow)
        types = WorkflowContentType.objects.filter(workflow=workflow)
        if kabar_workflow is not None:
            assigned.update(workflow=kabar_workflow)
            types.update(workflow=kabar_workflow)
        else:
            assigned.delete()
            types.delete()
        workflow.delete()
        # Its approval step, unless another workflow uses it too.
        GroupApprovalTask.objects.filter(pk__in=[pk for (pk,) in task_ids]).exclude(
            workflow_tasks__isnull=False
        ).delete()
    old_groups.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_antispam_counters"),
        ("auth", "0012_alter_user_first_name_max_length"),
        # Where Wagtail creates the groups (0002) and the workflow (0048).
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [
        migrations.RunPython(wagtail_defaults_remove, migrations.RunPython.noop),
    ]
