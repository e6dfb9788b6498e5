"""The admin's WordPress upload form: the export file and the importer's options."""

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import ImportJob
from .services.archive import ARCHIVE_SUFFIXES, ArchiveRefused, uploads_archive_check
from .wxr.permalinks import DEFAULT_PERMALINK_STRUCTURE

# WordPress exports of a large newsroom run to hundreds of megabytes.
DEFAULT_MAX_UPLOAD_SIZE = 1024 * 1024 * 1024
# Its uploads folder, packed, to several gigabytes.
DEFAULT_MAX_ARCHIVE_SIZE = 4 * 1024 * 1024 * 1024


def max_upload_size() -> int:
    return getattr(settings, "WORDPRESS_IMPORT_MAX_UPLOAD_SIZE", DEFAULT_MAX_UPLOAD_SIZE)


def max_archive_size() -> int:
    return getattr(settings, "WORDPRESS_IMPORT_MAX_ARCHIVE_SIZE", DEFAULT_MAX_ARCHIVE_SIZE)


@contextmanager
def _local_path(upload):
    """A path to the uploaded file: large uploads are on disk already, small ones in memory."""
    if hasattr(upload, "temporary_file_path"):
        yield Path(upload.temporary_file_path())
        return
    with tempfile.NamedTemporaryFile(suffix=".archive") as copy:
        upload.seek(0)
        shutil.copyfileobj(upload, copy, 1 << 20)
        copy.flush()
        yield Path(copy.name)


class ImportUploadForm(forms.Form):
    export = forms.FileField(
        label=_("WordPress export (WXR)"),
        help_text=_("The .xml file from Tools → Export in the WordPress admin."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,application/xml,text/xml"}),
    )
    media_archive = forms.FileField(
        label=_("Uploads archive (images)"),
        required=False,
        help_text=_(
            "Optional: the site's wp-content/uploads folder packed as .zip or .tar.gz. Its "
            "images go into the image library; the archive is deleted after the import."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".zip,.tar.gz,.tgz,application/zip,application/gzip"}
        ),
    )
    media_dir = forms.CharField(
        label=_("Media folder on the server"),
        required=False,
        help_text=_(
            "Optional: the full path of the site's wp-content/uploads folder, copied here."
        ),
    )
    fetch_media = forms.BooleanField(label=_("Download images from the old site"), required=False)
    permalink_structure = forms.CharField(
        label=_("Permalink structure"),
        initial=DEFAULT_PERMALINK_STRUCTURE,
        help_text=_("As in Settings → Permalinks on the WordPress site; old links redirect here."),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: show the summary without writing anything"), required=False
    )

    def clean_export(self):
        upload = self.cleaned_data["export"]
        if not upload.name.lower().endswith(".xml"):
            raise forms.ValidationError(
                _("“%(name)s” is not an .xml file. Upload the file WordPress exported."),
                params={"name": upload.name},
                code="extension",
            )
        if upload.size > max_upload_size():
            raise forms.ValidationError(
                _("The file is %(size)s; the largest export accepted is %(limit)s."),
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(max_upload_size()),
                },
                code="size",
            )
        upload.seek(0)
        head = upload.read(1024).lstrip(b"\xef\xbb\xbf \t\r\n")
        upload.seek(0)
        if not head.startswith(b"<"):
            raise forms.ValidationError(
                _("“%(name)s” does not look like XML, so it is not a WordPress export."),
                params={"name": upload.name},
                code="not_xml",
            )
        return upload

    def clean_media_archive(self):
        upload = self.cleaned_data["media_archive"]
        if not upload:
            return upload
        if not upload.name.lower().endswith(ARCHIVE_SUFFIXES):
            raise forms.ValidationError(
                _("“%(name)s” is not a .zip or .tar.gz archive."),
                params={"name": upload.name},
                code="extension",
            )
        if upload.size > max_archive_size():
            raise forms.ValidationError(
                _("The archive is %(size)s; the largest accepted is %(limit)s."),
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(max_archive_size()),
                },
                code="size",
            )
        # Refused now, with its reason, rather than in the middle of the import.
        try:
            with _local_path(upload) as path:
                uploads_archive_check(path)
        except ArchiveRefused as exc:
            raise forms.ValidationError(str(exc), code="archive") from exc
        upload.seek(0)
        return upload

    def clean(self):
        data = super().clean()
        if data.get("media_archive") and data.get("media_dir"):
            self.add_error(
                "media_dir",
                forms.ValidationError(
                    _("Choose either the uploads archive or a folder on the server, not both."),
                    code="both",
                ),
            )
        return data

    def clean_media_dir(self):
        value = self.cleaned_data["media_dir"].strip()
        if value and not (Path(value).is_absolute() and Path(value).is_dir()):
            raise forms.ValidationError(
                _("The folder %(path)s does not exist on the server."),
                params={"path": value},
                code="missing",
            )
        return value

    def clean_permalink_structure(self):
        value = self.cleaned_data["permalink_structure"].strip()
        if not value.startswith("/"):
            raise forms.ValidationError(
                _("The permalink structure starts with a slash, e.g. %(example)s."),
                params={"example": DEFAULT_PERMALINK_STRUCTURE},
                code="slash",
            )
        return value

    def job_create(self, *, user) -> ImportJob:
        """Store the upload and a queued job for it."""
        data = self.cleaned_data
        return ImportJob.objects.create(
            export=data["export"],
            media_archive=data["media_archive"] or "",
            export_name=data["export"].name[:255],
            options={
                "media_dir": data["media_dir"],
                "fetch_media": data["fetch_media"],
                "permalink_structure": data["permalink_structure"],
                "dry_run": data["dry_run"],
                # The summary is written in the uploader's language, even by the worker.
                "language": get_language(),
            },
            created_by=user,
        )
