"""Caption, credit and keywords read from real JPEGs carrying IPTC (APP13) and XMP."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model

from kabar.core.models import ImageDetails
from kabar.core.photo_metadata import credit_compose, photo_metadata_read
from kabar.core.tests.photos import jpeg_with_iptc, jpeg_with_xmp

CAPTION = "Warga melintasi banjir di Kampung Melayu, Jakarta, Senin (4/11/2024)."
ANTARA = [
    (2, 120, CAPTION),
    (2, 80, "Hafidz Mubarak A"),
    (2, 110, "ANTARA FOTO"),
    (2, 25, "banjir"),
    (2, 25, "Jakarta"),
]


def test_iptc_caption_credit_and_keywords_are_read():
    metadata = photo_metadata_read(io.BytesIO(jpeg_with_iptc(ANTARA)))
    assert metadata.caption == CAPTION
    assert metadata.credit == "ANTARA FOTO/Hafidz Mubarak A"
    assert metadata.keywords == ["banjir", "Jakarta"]


def test_xmp_is_read_when_there_is_no_iptc():
    photo = jpeg_with_xmp(
        caption="Petugas memeriksa pintu air Manggarai.",
        creator="Sigid Kurniawan",
        credit="ANTARA FOTO",
        keywords=["banjir", "pintu air"],
    )
    metadata = photo_metadata_read(io.BytesIO(photo))
    assert metadata.caption == "Petugas memeriksa pintu air Manggarai."
    assert metadata.credit == "ANTARA FOTO/Sigid Kurniawan"
    assert metadata.keywords == ["banjir", "pintu air"]


def test_copyright_notice_is_the_credit_when_nobody_is_named():
    photo = jpeg_with_iptc([(2, 116, "© Kabar Harapan")])
    assert photo_metadata_read(io.BytesIO(photo)).credit == "Kabar Harapan"
    assert credit_compose(agency="Reuters", person="Reuters/Ajeng Dinar", rights="") == (
        "Reuters/Ajeng Dinar"
    )


def test_photo_without_metadata_or_not_a_photo_gives_nothing():
    assert not photo_metadata_read(io.BytesIO(jpeg_with_iptc([])))
    assert not photo_metadata_read(io.BytesIO(b"not an image"))


def upload(name: str, data: bytes):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


@pytest.mark.django_db
def test_uploaded_photo_gets_caption_credit_and_tags(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload("banjir.jpg", jpeg_with_iptc(ANTARA))},
    )
    assert response.status_code == 200, response.content
    image = get_image_model().objects.get()
    assert image.details.caption == CAPTION
    assert image.details.credit == "ANTARA FOTO/Hafidz Mubarak A"
    assert sorted(tag.name for tag in image.tags.all()) == ["Jakarta", "banjir"]
    # The image's own edit form shows them, in Indonesian, and saves the editor's changes.
    edit = client.get(reverse("wagtailimages:edit", args=(image.pk,))).content.decode()
    assert CAPTION in edit and "Kredit foto" in edit


@pytest.mark.django_db
def test_editor_can_correct_the_photos_caption(client, editor):
    image = get_image_model().objects.create(
        title="Banjir", file=upload("banjir.jpg", jpeg_with_iptc(ANTARA))
    )
    client.force_login(editor)
    response = client.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {
            "title": "Banjir",
            "collection": image.collection_id,
            "tags": "banjir",
            "caption": "Banjir di Kampung Melayu.",
            "credit": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    details = ImageDetails.objects.get(image=image)
    assert (details.caption, details.credit) == ("Banjir di Kampung Melayu.", "")


@pytest.mark.django_db
def test_single_upload_with_empty_boxes_keeps_what_the_file_said(client, editor):
    client.force_login(editor)
    collection = get_image_model()._meta.get_field("collection").related_model.get_first_root_node()
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Banjir",
            "file": upload("banjir.jpg", jpeg_with_iptc(ANTARA)),
            "collection": collection.pk,
            "caption": "",
            "credit": "Foto: Redaksi",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    details = get_image_model().objects.get().details
    assert (details.caption, details.credit) == (CAPTION, "Foto: Redaksi")


def test_xmp_written_by_kabar_reads_back():
    from PIL import Image

    from kabar.core.photo_metadata import photo_xmp

    buffer = io.BytesIO()
    xmp = photo_xmp(caption='Hujan & "banjir" <Jakarta>', credit="Ilustrasi: Kabar Harapan")
    Image.new("RGB", (32, 32)).save(buffer, "JPEG", xmp=xmp)
    metadata = photo_metadata_read(io.BytesIO(buffer.getvalue()))
    assert metadata.caption == 'Hujan & "banjir" <Jakarta>'
    assert metadata.credit == "Ilustrasi: Kabar Harapan"
