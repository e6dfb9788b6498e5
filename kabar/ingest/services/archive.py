"""The site's uploads folder, sent as a .zip or .tar.gz archive, unpacked safely.

An archive is untrusted: a member may name a path outside the folder (absolute, or with ``..``),
be a link to elsewhere, or unpack to far more than it weighs (a zip bomb). Such archives are
refused whole, before anything is written; sizes are counted as bytes are written, not trusted
from the archive's own headers.
"""

import stat
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

ARCHIVE_SUFFIXES = (".zip", ".tar.gz", ".tgz")
# A newsroom's uploads folder runs to gigabytes and tens of thousands of files (every image
# in several sizes).
DEFAULT_MAX_UNPACKED_BYTES = 20 * 1024**3
DEFAULT_MAX_FILES = 200_000


class ArchiveRefused(Exception):
    """The archive cannot be unpacked safely; the message says why, in editors' words."""


@dataclass
class _Member:
    name: str
    size: int
    open: object  # () -> binary stream


def archive_limits() -> tuple[int, int]:
    return (
        getattr(settings, "WORDPRESS_IMPORT_MAX_UNPACKED_SIZE", DEFAULT_MAX_UNPACKED_BYTES),
        getattr(settings, "WORDPRESS_IMPORT_MAX_ARCHIVE_FILES", DEFAULT_MAX_FILES),
    )


def _safe_name(name: str) -> str:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise ArchiveRefused(
            _("The archive holds “%(name)s”, a path outside its own folder.") % {"name": name}
        )
    return str(path)


def _link_refused(name: str) -> ArchiveRefused:
    return ArchiveRefused(
        _(
            "The archive holds “%(name)s”, a link or special file; only folders and files "
            "are accepted."
        )
        % {"name": name}
    )


def _zip_members(archive: zipfile.ZipFile):
    for info in archive.infolist():
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise _link_refused(info.filename)
        name = _safe_name(info.filename)
        if info.is_dir():
            continue
        yield _Member(name, info.file_size, lambda info=info: archive.open(info))


def _tar_members(archive: tarfile.TarFile):
    for info in archive.getmembers():
        name = _safe_name(info.name)
        if info.isdir():
            continue
        if not info.isfile():
            raise _link_refused(info.name)
        yield _Member(name, info.size, lambda info=info: archive.extractfile(info))


def _opened(source: Path):
    if zipfile.is_zipfile(source):
        archive = zipfile.ZipFile(source)
        return archive, list(_zip_members(archive))
    try:
        archive = tarfile.open(source, "r:*")
    except (tarfile.TarError, OSError) as exc:
        raise ArchiveRefused(_("This is not a .zip or .tar.gz archive.")) from exc
    try:
        return archive, list(_tar_members(archive))
    except (tarfile.TarError, EOFError, OSError) as exc:
        archive.close()
        raise ArchiveRefused(_("The archive is damaged or cut off.")) from exc


def _too_large(limit: int) -> ArchiveRefused:
    return ArchiveRefused(
        _("Unpacked, the archive is larger than %(limit)s, the most accepted.")
        % {"limit": filesizeformat(limit)}
    )


def uploads_archive_check(source: Path) -> int:
    """Refuse an archive that cannot be unpacked safely; its number of files otherwise."""
    max_bytes, max_files = archive_limits()
    archive, members = _opened(source)
    with archive:
        if len(members) > max_files:
            raise ArchiveRefused(
                _("The archive holds %(count)d files; at most %(limit)d are accepted.")
                % {"count": len(members), "limit": max_files}
            )
        if sum(member.size for member in members) > max_bytes:
            raise _too_large(max_bytes)
    return len(members)


def uploads_archive_extract(*, source: Path, target: Path) -> Path:
    """Unpack the archive into `target`; the folder that holds the year folders (2024/…)."""
    uploads_archive_check(source)
    max_bytes, _max_files = archive_limits()
    written = 0
    archive, members = _opened(source)
    try:
        with archive:
            for member in members:
                path = target / member.name
                path.parent.mkdir(parents=True, exist_ok=True)
                with member.open() as stream, path.open("wb") as out:
                    # The header's size may lie; what is written is what counts.
                    while chunk := stream.read(1 << 20):
                        written += len(chunk)
                        if written > max_bytes:
                            raise _too_large(max_bytes)
                        out.write(chunk)
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError) as exc:
        raise ArchiveRefused(_("The archive is damaged or cut off.")) from exc
    return uploads_folder(target)


def uploads_folder(root: Path) -> Path:
    """The archive's uploads folder: archives made of wp-content/uploads (or of uploads/)
    wrap the year folders in one or more folders of their own."""
    folder = root
    while True:
        entries = [entry for entry in folder.iterdir() if not entry.name.startswith(".")]
        if len(entries) != 1 or not entries[0].is_dir() or entries[0].name.isdigit():
            return folder
        folder = entries[0]
