"""The reader's comment form, with its two bot traps: a honeypot and a signed start time."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kabar.core.antispam import FormStartError, form_started_check, form_started_issue

from .models import CommentReport

TIMESTAMP_SALT = "kabar.comments.form-started"
# A form older than this (a page held long in a cache) is re-issued rather than refused.
TIMESTAMP_MAX_AGE = 7 * 24 * 3600
HONEYPOT_FIELD = "alamat_kantor"


def form_timestamp_issue(article_id: int) -> str:
    """A signed token saying when a form for the article was handed out."""
    return form_started_issue(salt=TIMESTAMP_SALT, subject=article_id)


class CommentForm(forms.Form):
    article = forms.IntegerField(widget=forms.HiddenInput)
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    started = forms.CharField(widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 45, "maxlength": 5000}),
    )
    name = forms.CharField(
        label=_("Name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    url = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    remember = forms.BooleanField(
        label=_("Save my name, email, and website in this browser for the next time I comment."),
        required=False,
    )
    notify = forms.BooleanField(
        label=_("Notify me of replies to my comment by email."), required=False
    )
    # Hidden from people by CSS and from assistive technology; bots fill every field they see.
    alamat_kantor = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None and user.is_authenticated:
            # Logged-in readers and staff comment as themselves.
            for name in ("name", "email", "url", "remember"):
                del self.fields[name]

    def clean_alamat_kantor(self):
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(_("Your comment could not be accepted."), code="honeypot")
        return ""

    def clean_started(self):
        try:
            return form_started_check(
                self.cleaned_data["started"],
                salt=TIMESTAMP_SALT,
                min_seconds=settings.COMMENTS_MIN_FILL_SECONDS,
                max_age=TIMESTAMP_MAX_AGE,
            )
        except FormStartError as exc:
            if exc.code == "too_fast":
                raise forms.ValidationError(
                    _("That was too quick. Please take a moment and send your comment again."),
                    code="too_fast",
                ) from exc
            raise forms.ValidationError(
                _("This form has expired. Please check your comment and send it again."),
                code="expired",
            ) from exc

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Please write a comment."), code="required")
        return body

    def clean(self):
        cleaned = super().clean()
        started, article = cleaned.get("started"), cleaned.get("article")
        if started is not None and article is not None and started != article:
            self.add_error("started", _("This form belongs to another article."))
        return cleaned


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should a moderator look at this comment?"), widget=forms.RadioSelect
    )
    detail = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = CommentReport.Reason.choices
