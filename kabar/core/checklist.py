"""The editorial checklist: points an editor ticks before approving a story for publication.

The review workflow's step is an `EditorialChecklistTask`: a group approval whose "approve"
asks for every active item to be ticked, and records the ticks in the page's history.
"""

from django import forms
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.forms import TaskStateCommentForm
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask

CHECKLIST_LOG_ACTION = "kabar.checklist"


class ChecklistItemQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True).order_by("sort_order", "pk")


class ChecklistItem(models.Model):
    text = models.CharField(_("item"), max_length=200)
    help_text = models.CharField(_("explanation"), max_length=300, blank=True)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active items are asked before approval.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ChecklistItemQuerySet.as_manager()

    panels = [
        FieldPanel("text"),
        FieldPanel("help_text"),
        FieldPanel("active"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("editorial checklist item")
        verbose_name_plural = _("editorial checklist")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.text


def checklist_form_class(items: list[ChecklistItem]) -> type[forms.Form]:
    """The approval form: one required box per item, then the usual comment."""
    fields = {
        f"item_{item.pk}": forms.BooleanField(
            label=item.text,
            help_text=item.help_text,
            required=True,
            error_messages={"required": _("Tick this item before approving.")},
        )
        for item in items
    }
    return type("ChecklistApprovalForm", (TaskStateCommentForm,), fields)


class EditorialChecklistTask(AbstractGroupApprovalTask):
    """Approval by the chosen groups, once every item of the editorial checklist is ticked."""

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("Request changes"), True),
                # Always through the form: approval is the checklist.
                ("approve", _("Approve after the checklist"), True),
            ]
        return []

    def get_form_for_action(self, action):
        if action == "approve":
            return checklist_form_class(list(ChecklistItem.objects.active()))
        return super().get_form_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "approve":
            return super().on_action(task_state, user, action_name, **kwargs)
        items = list(ChecklistItem.objects.active())
        unticked = [item.text for item in items if not kwargs.get(f"item_{item.pk}")]
        if unticked:
            # The form refuses this already; a direct call must not slip past it either.
            raise ValueError(f"Checklist items not ticked: {unticked}")
        page = task_state.workflow_state.content_object
        log(
            instance=page,
            action=CHECKLIST_LOG_ACTION,
            user=user,
            revision=task_state.revision,
            data={"items": [item.text for item in items]},
        )
        task_state.approve(user=user, comment=kwargs.get("comment", ""))

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve, after ticking every item of the editorial "
            "checklist."
        )

    class Meta:
        verbose_name = _("editorial checklist approval")
        verbose_name_plural = _("editorial checklist approvals")


DEFAULT_ITEMS = [
    (
        "Sumber terverifikasi",
        "Setiap fakta dan kutipan dapat ditelusuri ke sumber yang jelas (PPMS 2).",
    ),
    (
        "Kedua pihak sudah dikonfirmasi",
        "Pihak yang dirugikan atau dituduh sudah diberi kesempatan menjawab (uji informasi "
        "dan keberimbangan).",
    ),
    (
        "Tidak ada identitas anak atau korban kekerasan seksual",
        "Nama, foto, alamat, sekolah dan keluarga yang dapat menunjukkan identitas mereka "
        "disamarkan (Kode Etik Jurnalistik Pasal 5).",
    ),
    (
        "Tidak mengandung SARA, fitnah atau kabar bohong",
        "Tidak memuat prasangka atau kebencian terhadap suku, agama, ras dan antargolongan.",
    ),
    (
        "Judul sesuai isi berita",
        "Judul tidak menyesatkan dan tidak melebih-lebihkan isi berita.",
    ),
]


def checklist_ticks_all() -> dict[str, str]:
    """The approval form's data with every active item ticked, as an editor sends it."""
    return {f"item_{item.pk}": "on" for item in ChecklistItem.objects.active()}


def checklist_items_ensure() -> None:
    """Fill an empty checklist with the default items; an edited one is left alone."""
    if ChecklistItem.objects.exists():
        return
    ChecklistItem.objects.bulk_create(
        ChecklistItem(text=text, help_text=help_text, sort_order=n)
        for n, (text, help_text) in enumerate(DEFAULT_ITEMS)
    )
