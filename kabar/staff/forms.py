from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from kabar.news.models import SectionPage

from . import selectors


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class TwoFactorSetupForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=8,
        help_text=_("Enter the six digits the app shows now to confirm it is set up."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class StaffLoginForm(LoginForm):
    """Wagtail's login form with its password field labelled in the staff member's language:
    Wagtail leaves the label to Django, which derives an English "Password" from the name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")


class PlanningFilterForm(forms.Form):
    """The planning calendar's choices, read from the query string; anything missing or wrong
    falls back to this week, every section and every status."""

    tampilan = forms.ChoiceField(
        label=_("View"),
        required=False,
        choices=[
            (selectors.WEEK, _("Week")),
            (selectors.MONTH, _("Month")),
            (selectors.LIST, _("List (30 days)")),
        ],
    )
    tanggal = forms.DateField(
        label=_("From the date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    rubrik = forms.ModelChoiceField(
        label=_("Section"),
        required=False,
        queryset=SectionPage.objects.order_by("path"),
        empty_label=_("All sections"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *selectors.KINDS.items()],
    )

    def choices(self) -> dict:
        """The valid choices, with the defaults for what is missing or not valid."""
        data = {}
        if self.is_bound:
            self.is_valid()
            # The fields that were valid still count when another one was not.
            data = self.cleaned_data
        return {
            "layout": data.get("tampilan") or selectors.WEEK,
            "anchor": data.get("tanggal") or timezone.localdate(),
            "section": data.get("rubrik"),
            "kind": data.get("status") or "",
        }
