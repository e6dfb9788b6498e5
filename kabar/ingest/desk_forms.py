"""Forms of the wire desk: the filters, taking an item, and a source's settings."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from kabar.news.models import SectionPage

from .models import WireItem, WireSource


class DeskFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    source = forms.ModelChoiceField(
        label=_("Source"),
        queryset=WireSource.objects.all(),
        required=False,
        empty_label=_("All sources"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *WireItem.Status.choices],
        required=False,
    )
    section = forms.ModelChoiceField(
        label=_("Section"),
        queryset=SectionPage.objects.all().order_by("title"),
        required=False,
        empty_label=_("All sections"),
    )


class TakeForm(forms.Form):
    section = forms.ModelChoiceField(
        label=_("Section"),
        queryset=SectionPage.objects.all().order_by("title"),
        error_messages={"required": _("Choose the section the article goes in.")},
    )


class WireSourceForm(WagtailAdminModelForm):
    class Meta:
        model = WireSource
        fields = [
            "name",
            "kind",
            "url",
            "username",
            "password",
            "poll_minutes",
            "section",
            "credit",
            "keywords_include",
            "keywords_exclude",
            "rule",
            "active",
        ]
        widgets = {"password": forms.PasswordInput(render_value=True)}

    def clean(self):
        data = super().clean()
        if data.get("rule") in (WireSource.Rule.DRAFT, WireSource.Rule.PUBLISH) and not data.get(
            "section"
        ):
            self.add_error(
                "section", _("Drafting or publishing new items needs a default section.")
            )
        section, user = data.get("section"), getattr(self, "for_user", None)
        if data.get("rule") == WireSource.Rule.PUBLISH and section and user is not None:
            if not section.permissions_for_user(user).can_publish_subpage():
                self.add_error(
                    "rule", _("Only someone who may publish in this section can choose this rule.")
                )
        kind, url = data.get("kind"), (data.get("url") or "").strip()
        if kind and url and kind != WireSource.Kind.FOLDER:
            if not url.startswith(("http://", "https://")):
                self.add_error("url", _("Enter a web address starting with http:// or https://."))
        return data

    def save(self, commit=True):
        # Whoever chooses the rule (or the section it publishes in) answers for it.
        if self.instance.pk is None or {"rule", "section"} & set(self.changed_data):
            self.instance.rule_set_by = getattr(self, "for_user", None)
        return super().save(commit=commit)
