"""Where complainants' attachments live: a private folder outside the public media root.

An attachment may be an ID card, a letter or a lawyer's statement: it is never served to the
public. Editors download it through the admin, which checks their permission.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateAttachmentStorage(FileSystemStorage):
    """Files under COMPLAINTS_ATTACHMENT_ROOT, read at each use; they have no URL at all."""

    @property
    def base_location(self):
        return settings.COMPLAINTS_ATTACHMENT_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


private_storage = PrivateAttachmentStorage()


def private_storage_get():
    """The storage of the attachments; a callable so migrations do not record its path."""
    return private_storage
