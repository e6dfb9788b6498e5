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
from whitenoise.storage import CompressedManifestStaticFilesStorage

PRIVATE_STORAGE_ALIAS = "private"


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's storage (content-hashed names, compressed copies), each file's address
    worked out once per process: `{% static %}` cost ~50 us a call (parsing the name, the
    manifest lookup, quoting, joining), a tenth of a millisecond on every page. The manifest it
    answers from is read once when the process starts anyway."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        found = self._urls.get(name)
        if found is None:
            found = self._urls[name] = super().url(name)
        return found


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
