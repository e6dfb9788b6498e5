"""manage.py backup and restore: a site put back into an empty data directory is the same site."""

import json
import subprocess
import sys
import tarfile

import pytest
from django.core.management import CommandError, call_command

from kabar.ops import backup

from .servers import BASE_DIR, server_env

# Printed by each site: its pages, uploads and what a reader gets at /, to compare them.
SITE_SNAPSHOT = """
import hashlib, json, pathlib
from django.conf import settings
from django.test import Client
from wagtail.models import Page
from wagtail.images import get_image_model
home = Client().get("/")
print(json.dumps({
    "pages": sorted(Page.objects.filter(depth__gt=1).values_list("url_path", "title", "live")),
    "images": sorted(
        (image.title, hashlib.sha256(
            (pathlib.Path(settings.MEDIA_ROOT) / image.file.name).read_bytes()).hexdigest())
        for image in get_image_model().objects.all()
    ),
    "home": [home.status_code, home.content.decode().count("<article")],
}))
"""


def manage(data_dir, *args, check=True):
    env = server_env(data_dir, port=0)
    env["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    # Static files are not part of a backup (collectstatic makes them); both sites share one.
    env["STATIC_ROOT"] = str(data_dir.parent / "static")
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert not check or done.returncode == 0, done.stderr[-3000:]
    return done


def snapshot(data_dir) -> dict:
    # The shell prints how many models it imported before the snapshot's line.
    return json.loads(manage(data_dir, "shell", "-c", SITE_SNAPSHOT).stdout.splitlines()[-1])


@pytest.mark.slow
def test_a_restored_site_in_an_empty_data_directory_is_the_same_site(tmp_path):
    original, restored, archives = tmp_path / "asli", tmp_path / "pulih", tmp_path / "cadangan"
    manage(original, "migrate", "--no-input", "-v0")
    manage(original, "collectstatic", "--no-input", "-v0")
    manage(original, "load_demo", "--if-empty")
    before = snapshot(original)
    assert before["pages"] and before["images"] and before["home"][0] == 200

    made = manage(original, "backup", "--destination", str(archives))
    archive = next(archives.glob("kabar-backup-*.tar.gz"))
    assert f"Backup written: {archive}" in made.stdout
    assert archive.stat().st_mode & 0o077 == 0  # readers' personal data: the owner's only
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert {"manifest.json", "database.sqlite3", "media", "secret_key"} <= names

    done = manage(restored, "restore", str(archive))
    assert "Restored the backup made at" in done.stdout
    after = snapshot(restored)
    assert after == before
    assert (restored / "secret_key").read_text() == (original / "secret_key").read_text()

    # A site with content is never overwritten by accident.
    again = manage(restored, "restore", str(archive), check=False)
    assert again.returncode != 0
    assert "This site already has content; add --force to replace it." in again.stderr


def test_only_the_newest_archives_are_kept(tmp_path):
    for stamp in ("20261101-010000", "20261102-010000", "20261103-010000", "20261104-010000"):
        (tmp_path / f"kabar-backup-{stamp}.tar.gz").write_bytes(b"x")
    (tmp_path / "catatan.txt").write_text("not a backup")
    removed = backup.backups_prune(destination=tmp_path, keep=2)
    assert sorted(p.name for p in removed) == [
        "kabar-backup-20261101-010000.tar.gz",
        "kabar-backup-20261102-010000.tar.gz",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "catatan.txt",
        "kabar-backup-20261103-010000.tar.gz",
        "kabar-backup-20261104-010000.tar.gz",
    ]


def test_restoring_something_that_is_not_a_backup_says_so(tmp_path):
    bogus = tmp_path / "bukan.tar.gz"
    with tarfile.open(bogus, "w:gz") as tar:
        tar.add(__file__, arcname="something.py")
    with pytest.raises(CommandError, match="not a Kabar backup"):
        call_command("restore", str(bogus))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "tidak-ada.tar.gz"))
