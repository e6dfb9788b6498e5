"""Private storage: files staff upload that are not for the public (WordPress exports, with
commenters' emails and addresses, drafts and post passwords).

They live outside the public media root, under ``$KABAR_DATA_DIR/private/`` (or a private
location of the bucket), and have no URL: anything that must be read goes through a view that
checks permissions first.
"""

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

PRIVATE_STORAGE_ALIAS = "private"


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on local disk, readable by the server's own account only, with no URL."""

    def __init__(self, location=None, **kwargs):
        kwargs.setdefault("file_permissions_mode", 0o600)
        kwargs.setdefault("directory_permissions_mode", 0o700)
        super().__init__(location=location, base_url=None, **kwargs)

    def url(self, name):
        raise ValueError("Private files have no public address.")


class PrivateStorage(LazyObject):
    """The `private` storage of settings.STORAGES, looked up when first used (as Django's
    `default_storage` is), so tests that change STORAGES get theirs."""

    def _setup(self):
        self._wrapped = storages[PRIVATE_STORAGE_ALIAS]


private_storage = PrivateStorage()


def private_storage_get():
    """For FileField(storage=...): a callable keeps the instance out of migrations."""
    return private_storage


@receiver(setting_changed)
def private_storage_reset(*, setting, **kwargs):
    if setting == "STORAGES":
        private_storage._wrapped = empty
