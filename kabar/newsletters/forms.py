"""The sign-up and preferences forms; the sign-up form carries the comment form's bot traps
(a honeypot and a signed start time, kabar.core.antispam)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kabar.core.antispam import FormStartedMixin, form_started_issue
from kabar.news.models import SectionPage

STARTED_SALT = "kabar.newsletters.form-started"
HONEYPOT_FIELD = "alamat_kantor"


def form_started_token(*, started: int | None = None) -> str:
    return form_started_issue(salt=STARTED_SALT, subject="newsletter", started=started)


class SectionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class ChoicesForm(forms.Form):
    """What a subscriber receives: the digest, alerts, and the sections of their digest."""

    wants_digest = forms.BooleanField(label=_("Ringkasan berita harian"), required=False)
    wants_alerts = forms.BooleanField(label=_("Peringatan berita terkini"), required=False)
    sections = SectionChoiceField(
        label=_("Rubrik pilihan (opsional)"),
        queryset=SectionPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Berita terbaru dari rubrik ini ikut dalam ringkasan harian Anda."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].queryset = SectionPage.objects.live().public().order_by("path")
        self.fields["sections"].error_messages["invalid_choice"] = _(
            "Rubrik yang dipilih tidak tersedia. Silakan pilih lagi."
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("wants_digest") and not cleaned.get("wants_alerts"):
            raise forms.ValidationError(
                _("Pilih sedikitnya satu: ringkasan harian atau peringatan berita terkini."),
                code="nothing_chosen",
            )
        return cleaned


class SubscribeForm(FormStartedMixin, ChoicesForm):
    started_salt = STARTED_SALT
    started_messages = {
        "too_fast": _("Terlalu cepat. Periksa isian Anda, lalu tekan Berlangganan sekali lagi."),
        "expired": _("Formulir ini sudah kedaluwarsa. Periksa isian Anda, lalu kirim lagi."),
        "spent": _("Formulir ini sudah pernah dikirim."),
    }

    email = forms.EmailField(
        label=_("Alamat email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Tulis alamat email Anda."),
            "invalid": _("Alamat email ini tidak valid. Contoh yang benar: nama@contoh.id."),
            "max_length": _("Alamat email ini terlalu panjang."),
        },
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    # Hidden from people by CSS and from assistive technology; bots fill every field they see.
    alamat_kantor = forms.CharField(
        label=_("Biarkan kosong"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    field_order = ["email", "wants_digest", "wants_alerts", "sections"]

    def started_min_seconds(self) -> float:
        return settings.COMMENTS_MIN_FILL_SECONDS

    def clean_alamat_kantor(self):
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(_("Permintaan Anda tidak dapat diterima."), code="honeypot")
        return ""

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
