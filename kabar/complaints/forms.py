"""The public complaint form, with the bot traps the comment form has, and its checks."""

import re
from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from kabar.core.antispam import FormStartedMixin, form_started_issue
from kabar.news.models import ArticlePage

from .models import Complaint

STARTED_SALT = "kabar.complaints.form-started"
HONEYPOT_FIELD = "alamat_kantor"
# An Indonesian or international number: digits after an optional "+", once spaces, dots,
# dashes and brackets people write are taken out.
PHONE_RE = re.compile(r"^(\+\d{8,15}|0\d{8,13})$")
PHONE_SEPARATORS = re.compile(r"[\s().-]")
# What a file of each accepted type starts with: the name alone proves nothing.
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}


def form_started_token() -> str:
    """A signed, single-use token saying when the form was handed out."""
    return form_started_issue(salt=STARTED_SALT, subject="complaint")


def phone_normalize(value: str) -> str:
    return PHONE_SEPARATORS.sub("", value or "")


def attachment_check(upload) -> None:
    """Refuse a file that is too big, of another type, or not what its name says."""
    limit = settings.COMPLAINTS_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise forms.ValidationError(
            _("The attachment is too large: at most %(limit)s.") % {"limit": filesizeformat(limit)},
            code="too_large",
        )
    suffix = Path(upload.name).suffix.lower()
    if suffix not in SIGNATURES:
        raise forms.ValidationError(_("Please attach a PDF, JPG or PNG file."), code="wrong_type")
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(SIGNATURES[suffix]):
        raise forms.ValidationError(
            _("The attachment is not a genuine %(type)s file.") % {"type": suffix[1:].upper()},
            code="wrong_type",
        )


def article_from_url(request, value: str) -> ArticlePage | None:
    """The live article an address on this site points to, or None."""
    path = re.sub(r"^https?://[^/]+", "", value.strip()).split("?")[0].split("#")[0]
    if not path.startswith("/"):
        return None
    # English pages live under /en/; the page tree is the same.
    path = re.sub(r"^/en(/|$)", "/", path)
    page = Page.find_for_request(request, path)
    if page is None:
        return None
    return ArticlePage.objects.visible().filter(pk=page.pk).first()


class ComplaintForm(FormStartedMixin, forms.Form):
    started_salt = STARTED_SALT
    started_messages = {
        "too_fast": _("That was too quick. Please check your submission and send it again."),
        "expired": _("This form has expired. Please check your submission and send it again."),
        "spent": _(
            "This form has already been sent once. If you did not see the newsroom's "
            "confirmation, please send it again."
        ),
    }

    kind = forms.ChoiceField(
        label=_("What do you want to submit?"),
        choices=Complaint.Kind.choices,
        widget=forms.RadioSelect,
    )
    article_url = forms.CharField(
        label=_("Address (URL) of the article"),
        max_length=500,
        help_text=_("Copy it from your browser's address bar."),
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("For a right of reply: the person or organisation replying."),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone or WhatsApp"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text=_("An email address or a phone number, so the newsroom can reach you."),
    )
    disputed = forms.CharField(
        label=_("What in the article is disputed?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 5000}),
    )
    response = forms.CharField(
        label=_("Your response, correction or statement"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": 10000}),
        help_text=_("For a right of reply, the text the newsroom will publish with the article."),
    )
    attachment = forms.FileField(
        label=_("Attachment (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)
    # Hidden from people by CSS and from assistive technology; bots fill every field they see.
    alamat_kantor = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, request, article: ArticlePage | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request, self.article = request, article
        limit = filesizeformat(settings.COMPLAINTS_ATTACHMENT_MAX_BYTES)
        self.fields["attachment"].help_text = _(
            "A PDF, JPG or PNG file of at most %(limit)s, such as a letter or a document "
            "supporting your response. Only the newsroom sees it."
        ) % {"limit": limit}
        if article is not None:
            # The form under an article knows its article already.
            self.fields["article_url"].required = False
            self.fields["article_url"].widget = forms.HiddenInput()

    def started_min_seconds(self) -> float:
        return settings.COMPLAINTS_MIN_FILL_SECONDS

    def clean_alamat_kantor(self):
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                _("Your submission could not be accepted."), code="honeypot"
            )
        return ""

    def clean_article_url(self):
        if self.article is not None:
            return ""
        article = article_from_url(self.request, self.cleaned_data["article_url"])
        if article is None:
            raise forms.ValidationError(
                _("No published article was found at this address."), code="no_article"
            )
        self.article = article
        return self.cleaned_data["article_url"]

    def clean_phone(self):
        phone = phone_normalize(self.cleaned_data.get("phone", ""))
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError(
                _("Please enter a phone number such as 0812 3456 7890 or +62 812 3456 7890."),
                code="bad_phone",
            )
        return phone

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            attachment_check(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("email")
            and not cleaned.get("phone")
            and not (self.has_error("email") or self.has_error("phone"))
        ):
            self.add_error(
                "email",
                forms.ValidationError(
                    _("Please give an email address or a phone number."), code="no_contact"
                ),
            )
        return cleaned
