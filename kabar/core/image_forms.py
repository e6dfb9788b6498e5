"""The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): Wagtail's, plus the photo's caption
and credit, kept in ImageDetails since Wagtail's own image model has no such fields."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm

from .models import ImageDetails
from .photos import image_details_save


class KabarImageForm(BaseImageForm):
    caption = forms.CharField(
        label=_("Caption"),
        max_length=ImageDetails._meta.get_field("caption").max_length,
        required=False,
        help_text=_(
            "Read from the photo's IPTC/XMP on upload. Used wherever the photo is placed "
            "without a caption of its own."
        ),
    )
    credit = forms.CharField(
        label=_("Photo credit"),
        max_length=ImageDetails._meta.get_field("credit").max_length,
        required=False,
        help_text=_("For example: ANTARA FOTO/Hafidz Mubarak A. Read from the photo on upload."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        details = ImageDetails.objects.filter(image_id=self.instance.pk).first()
        if details is not None:
            self.initial.setdefault("caption", details.caption)
            self.initial.setdefault("credit", details.credit)

    def details_submitted(self) -> bool:
        # The upload forms post the file alone: they must not blank what the file said.
        return self.add_prefix("caption") in self.data or self.add_prefix("credit") in self.data

    def save(self, commit=True):
        adding = self.instance._state.adding
        image = super().save(commit=commit)
        if commit and self.details_submitted():
            caption = self.cleaned_data.get("caption", "")
            credit = self.cleaned_data.get("credit", "")
            if adding:
                # Saving a new image has just read its file: empty boxes keep what it said.
                read = ImageDetails.objects.filter(image=image).first()
                caption = caption or (read.caption if read else "")
                credit = credit or (read.credit if read else "")
            image_details_save(image=image, caption=caption, credit=credit)
        return image
