"""The article editor's form: an embargo may be set or extended by anyone who edits the story,
but only lifted early by the Editor-in-chief or an Administrator."""

from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from kabar.core.services import LIFT_EMBARGO_PERMISSION

# How the admin writes an embargo or a scheduled time: "3 Des 2026 14.00 WIB".
EMBARGO_FORMAT = "j M Y H.i T"


def embargo_in_force(page) -> object | None:
    """The embargo time the story is held to now: the later of the published version's and
    the latest draft's, if it is still to come; None when nothing holds it."""
    now = timezone.now()
    moments = [page.embargo_until]
    if page.pk:
        published = type(page).objects.filter(pk=page.pk).values_list("embargo_until", flat=True)
        moments.append(published.first())
    moments = [moment for moment in moments if moment and moment > now]
    return max(moments) if moments else None


class ArticlePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if "embargo_until" not in self.fields:
            return cleaned_data
        held_until = embargo_in_force(self.instance)
        new = cleaned_data.get("embargo_until")
        lifted = held_until is not None and (new is None or new < held_until)
        user = self.for_user
        if lifted and not (user and user.has_perm(LIFT_EMBARGO_PERMISSION)):
            moment = dateformat.format(timezone.localtime(held_until), EMBARGO_FORMAT)
            self.add_error(
                "embargo_until",
                _(
                    "Only the Editor-in-chief (Pemimpin Redaksi) or an Administrator can lift "
                    "an embargo early. The embargo stays until %(time)s; you may only move it "
                    "later."
                )
                % {"time": moment},
            )
        return cleaned_data

    def save(self, commit=True):
        # A draft is saved as a revision without ArticlePage.save(): fill the photos' captions
        # and credits here too, so the editor sees them at once.
        self.instance.photo_defaults_fill()
        return super().save(commit=commit)
