"""A photo's caption and credit: read from the file on upload, and looked up where it is placed."""

import logging

from .models import ImageDetails
from .photo_metadata import photo_metadata_read

logger = logging.getLogger(__name__)


def image_details_fill(*, image) -> ImageDetails | None:
    """Fill the image's empty caption and credit, and its tags if it has none, from the IPTC/XMP
    in its file; None when the file says nothing."""
    try:
        with image.open_file() as file:
            metadata = photo_metadata_read(file)
    except OSError:
        # A file the storage cannot hand back now: the image stays usable, only undescribed.
        logger.warning("Could not open image %s to read its metadata.", image.pk, exc_info=True)
        return None
    if not metadata:
        return None
    details, _created = ImageDetails.objects.get_or_create(image=image)
    changed = []
    if metadata.caption and not details.caption:
        details.caption = metadata.caption
        changed.append("caption")
    if metadata.credit and not details.credit:
        details.credit = metadata.credit
        changed.append("credit")
    if changed:
        details.save(update_fields=changed)
    if metadata.keywords and not image.tags.exists():
        image.tags.add(*metadata.keywords)
    return details


def image_saved(sender, instance, created, raw=False, **kwargs):
    """post_save of the image model: a new photo is described from its file."""
    if created and not raw:
        image_details_fill(image=instance)


def image_details_for(image_ids) -> dict[int, ImageDetails]:
    """The details of the given images by image id, in one query (none for no ids)."""
    ids = {pk for pk in image_ids if pk is not None}
    if not ids:
        return {}
    return {details.image_id: details for details in ImageDetails.objects.filter(image_id__in=ids)}


def image_details_save(*, image, caption: str, credit: str) -> ImageDetails:
    """Set the photo's own caption and credit, as the editor typed them."""
    details, _created = ImageDetails.objects.update_or_create(
        image=image, defaults={"caption": caption.strip(), "credit": credit.strip()}
    )
    return details
