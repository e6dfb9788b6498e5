import tarfile
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import translation
from freezegun import freeze_time

from kabar.ingest.services import ImportOptions, wxr_import

FILES = Path(__file__).parent / "files"
NEWSROOM = FILES / "wordpress-6.1-newsroom.xml"
# When the newsroom export was made (its generator comment, site time UTC+7). Imports of it run
# at that moment so its two scheduled posts stay scheduled whatever today's date is.
NEWSROOM_EXPORTED_AT = "2026-11-26 08:54:00"


def newsroom_clock():
    """The clock as it stood when the newsroom export was made, still ticking."""
    return freeze_time(NEWSROOM_EXPORTED_AT, tick=True)


@pytest.fixture(autouse=True)
def english():
    """Summaries are asserted in the source language; test_locale checks the translation."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def newsroom_uploads(tmp_path_factory) -> Path:
    """The newsroom's wp-content/uploads folder, unpacked once."""
    target = tmp_path_factory.mktemp("wp")
    with tarfile.open(FILES / "wordpress-6.1-newsroom-uploads.tar.gz") as archive:
        archive.extractall(target, filter="data")
    return target / "uploads"


@pytest.fixture(scope="module")
def newsroom(django_db_setup, django_db_blocker, newsroom_uploads):
    """The newsroom export imported once per module, rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic(), translation.override("en"):
        with newsroom_clock():
            summary = wxr_import(source=NEWSROOM, options=ImportOptions(media_dir=newsroom_uploads))
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def loopback(settings):
    """A loopback HTTP server that the safe fetcher may reach as "localhost" (only)."""
    from .http_server import LoopbackServer

    settings.INGEST_FETCH_LOOPBACK_HOSTS = ("localhost",)
    with LoopbackServer() as server:
        yield server
