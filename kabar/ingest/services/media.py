"""WordPress attachments → images in Wagtail's library, from a local folder or their URLs."""

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from kabar.ingest.models import WordPressItem
from kabar.ingest.wxr.content import upload_path
from kabar.ingest.wxr.parse import WxrItem
from kabar.ingest.wxr.permalinks import site_relative

from .fetch import FetchError, url_fetch
from .redirects import redirect_upsert
from .run import ImportRun, checksum_of

IMAGE_EXTENSIONS = {
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".avif",
    ".heic",
    ".bmp",
    ".tif",
    ".tiff",
    ".svg",
}
MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024
DOWNLOAD_TIMEOUT = 20


class MediaMissing(Exception):
    """The attachment's file could not be found or fetched."""


def php_meta_string(serialised: str, key: str) -> str:
    """One string value out of PHP-serialised attachment metadata (`s:6:"credit";s:N:"…"`)."""
    pattern = rf's:{len(key.encode())}:"{re.escape(key)}";s:(\d+):"'
    match = re.search(pattern, serialised)
    if not match:
        return ""
    start, length = match.end(), int(match.group(1))
    # PHP counts bytes, not characters.
    return serialised.encode()[len(serialised[:start].encode()) :][:length].decode(errors="ignore")


def attachment_file(*, run: ImportRun, item: WxrItem) -> tuple[str, bytes]:
    """The attachment's file name and bytes, from the uploads folder or its URL."""
    relative = item.meta.get("_wp_attached_file") or upload_path(item.attachment_url)
    name = PurePosixPath(relative or urlparse(item.attachment_url).path).name
    if run.options.media_dir:
        candidate = (run.options.media_dir / relative) if relative else None
        if candidate and candidate.resolve().is_relative_to(run.options.media_dir.resolve()):
            if candidate.is_file():
                return name, candidate.read_bytes()
        if not run.options.fetch_media:
            raise MediaMissing(
                _("The file %(path)s is not in the media folder.") % {"path": relative or name}
            )
    if run.options.fetch_media and item.attachment_url:
        try:
            # The same guarded fetcher as the wire desk: no file://, no private addresses.
            data = url_fetch(
                item.attachment_url,
                accept=("image/", "application/octet-stream"),
                max_bytes=MAX_DOWNLOAD_BYTES,
                timeout=DOWNLOAD_TIMEOUT,
            ).body
        except FetchError as exc:
            raise MediaMissing(
                _("Downloading %(url)s failed: %(error)s.")
                % {"url": item.attachment_url, "error": exc}
            ) from exc
        return unquote(name), data
    raise MediaMissing(
        _(
            "The image was not brought in: no uploads archive was sent and downloading images "
            "from the old site was not chosen."
        )
    )


def attachment_upsert(*, run: ImportRun, item: WxrItem) -> None:
    """An image for an image attachment; other, missing and corrupt files are reported."""
    relative = item.meta.get("_wp_attached_file") or upload_path(item.attachment_url)
    if Path(relative or item.attachment_url).suffix.lower() not in IMAGE_EXTENSIONS:
        run.summary.skip("attachment", item.label, _("Only images are imported, not other files."))
        return
    serialised = item.meta.get("_wp_attachment_metadata", "")
    meta = {
        "file": relative,
        "parent_id": item.parent_id,
        "caption": item.excerpt,
        "credit": php_meta_string(serialised, "credit"),
        "alt": item.meta.get("_wp_attachment_image_alt", ""),
    }
    # Whether a folder was given, not where: an uploads archive is unpacked to a new temporary
    # folder on every run, and a file moved to another folder is still the same image.
    checksum = checksum_of(item, bool(run.options.media_dir), run.options.fetch_media)
    record = run.record("attachment", item.id)
    image = record.target if record else None
    if image is not None and record.checksum == checksum:
        run.summary.count("attachment", "unchanged")
        return
    try:
        if image is None or record.meta.get("file") != relative:
            name, data = attachment_file(run=run, item=item)
        else:
            name, data = None, None
    except MediaMissing as exc:
        run.summary.skip("attachment", item.label, str(exc))
        return
    if run.options.dry_run:
        run.summary.count("attachment", "updated" if image else "created")
        return
    outcome = "updated" if image else "created"
    try:
        _attachment_save(
            run=run,
            item=item,
            image=image,
            name=name,
            data=data,
            meta=meta,
            checksum=checksum,
            relative=relative,
        )
    except Exception as exc:  # noqa: BLE001
        # A corrupt or unreadable file (Pillow, storage) costs this attachment, not the import.
        run.summary.skip(
            "attachment",
            item.label,
            _("The file could not be stored as an image: %(error)s.")
            % {"error": str(exc) or exc.__class__.__name__},
        )
        return
    run.summary.count("attachment", outcome)


def _attachment_save(*, run, item, image, name, data, meta, checksum, relative) -> None:
    """Store the image and remember it, in one transaction."""
    Image = get_image_model()
    with transaction.atomic():
        if image is None:
            image = Image(title=item.title[:255] or name)
        image.title = (item.title or name or "")[:255]
        if hasattr(image, "description"):
            image.description = meta["alt"][:255]
        if data is not None:
            image.file = ContentFile(data, name=name)
            image.file_size = len(data)
            image._set_file_hash()
        image.save()
        run.remember(
            "attachment",
            item.id,
            image,
            checksum=checksum,
            source_path=f"/wp-content/uploads/{relative}" if relative else "",
            meta=meta,
        )
        if relative:
            redirect_upsert(
                run=run, old_path=f"/wp-content/uploads/{relative}", link=image.file.url
            )


def attachment_page_redirect(*, run: ImportRun, item: WxrItem) -> None:
    """The attachment's own page now leads to its post, or to the file if it has none."""
    record = run.record("attachment", item.id)
    image = record.target if record else None
    if image is None or not item.link:
        return
    old_paths = {site_relative(item.link, run.site_url), f"/?attachment_id={item.id}"}
    parent = None
    if item.parent_id:
        parent = run.target("post", item.parent_id) or run.target("page", item.parent_id)
    for old in old_paths:
        if old.startswith("/"):
            if parent is not None and parent.live:
                redirect_upsert(run=run, old_path=old, page=parent)
            else:
                redirect_upsert(run=run, old_path=old, link=image.file.url)


def attachment_image(*, run: ImportRun, wp_id: int | None = None, src: str = ""):
    """The imported image for an attachment ID or an uploads URL, or None."""
    records = WordPressItem.objects.filter(site_url=run.site_url, kind="attachment")
    record = records.filter(wp_id=str(wp_id)).first() if wp_id else None
    if record is None and src:
        relative = upload_path(src)
        if relative:
            record = records.filter(source_path=f"/wp-content/uploads/{relative}").first()
    return (record.target, record.meta) if record else (None, {})
