"""The reader's comment form, with its two bot traps: a honeypot and a signed, single-use
start time (kabar.core.antispam)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kabar.core.antispam import FormStartedMixin, form_started_issue
from kabar.core.converters import ID_MAX
from kabar.core.text import text_single_line

from .models import CommentReport

TIMESTAMP_SALT = "kabar.comments.form-started"
HONEYPOT_FIELD = "alamat_kantor"


def form_timestamp_issue(article_id: int, *, started: int | None = None) -> str:
    """A signed, single-use token saying when a form for the article was handed out."""
    return form_started_issue(salt=TIMESTAMP_SALT, subject=article_id, started=started)


class CommentForm(FormStartedMixin, forms.Form):
    started_salt = TIMESTAMP_SALT
    started_messages = {
        "too_fast": _("That was too quick. Please take a moment and send your comment again."),
        "expired": _("This form has expired. Please check your comment and send it again."),
        "spent": _(
            "This form has already been sent once. If your comment does not appear under the "
            "article, please send it again."
        ),
    }

    # Bounded as ids are: a bigger number is a form error, never a database overflow.
    article = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=ID_MAX)
    parent = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=ID_MAX
    )
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

    def started_min_seconds(self) -> float:
        return settings.COMMENTS_MIN_FILL_SECONDS

    def clean_alamat_kantor(self):
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(_("Your comment could not be accepted."), code="honeypot")
        return ""

    def clean_name(self):
        # A name is one line: it heads the comment and goes into email subjects.
        name = text_single_line(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Please write your name."), code="required")
        return name

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Please write a comment."), code="required")
        return body

    def clean(self):
        cleaned = super().clean()
        article = cleaned.get("article")
        if "started" in cleaned and article is not None and self.form_start.subject != article:
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
