"""A photo's own caption and credit (read from its IPTC on upload) are the default wherever it is
placed: the featured image and the body's image blocks, when the story leaves them empty."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import rich_text, streamfield

from kabar.core.tests.photos import jpeg_with_iptc
from kabar.news.models import ArticlePage

pytestmark = pytest.mark.django_db

CAPTION = "Warga melintasi banjir di Kampung Melayu, Jakarta."
CREDIT = "ANTARA FOTO/Hafidz Mubarak A"


@pytest.fixture
def photo(db):
    data = jpeg_with_iptc([(2, 120, CAPTION), (2, 80, "Hafidz Mubarak A"), (2, 110, "ANTARA FOTO")])
    return get_image_model().objects.create(
        title="Banjir", file=SimpleUploadedFile("banjir.jpg", data, content_type="image/jpeg")
    )


def image_block(photo, caption="", credit=""):
    return ("image", {"image": photo, "alt_text": "Banjir", "caption": caption, "credit": credit})


def test_featured_image_takes_the_photos_caption_and_credit(article_factory, section, photo):
    article = article_factory(parent=section, featured_image=photo)
    article.refresh_from_db()
    assert (article.featured_image_caption, article.featured_image_credit) == (CAPTION, CREDIT)


def test_the_storys_own_caption_wins(article_factory, section, photo):
    article = article_factory(
        parent=section, featured_image=photo, featured_image_caption="Banjir, Senin pagi."
    )
    article.refresh_from_db()
    assert (article.featured_image_caption, article.featured_image_credit) == (
        "Banjir, Senin pagi.",
        CREDIT,
    )


def test_body_images_take_the_photos_caption_and_credit(client, article_factory, section, photo):
    article = article_factory(
        parent=section,
        body=[image_block(photo), image_block(photo, caption="Sudut lain.", credit="Redaksi")],
    )
    article = ArticlePage.objects.get(pk=article.pk)
    first, second = (block.value for block in article.body)
    assert (first["caption"], first["credit"]) == (CAPTION, CREDIT)
    assert (second["caption"], second["credit"]) == ("Sudut lain.", "Redaksi")
    html = client.get(article.url).content.decode()
    assert CAPTION in html and CREDIT in html


def test_a_saved_draft_shows_the_defaults_to_the_editor(
    client, article, editor, photo, article_form
):
    client.force_login(editor)
    data = article_form(
        title=article.title,
        slug=article.slug,
        authors=[],
        article=article,
        featured_image=str(photo.pk),
        body=streamfield(
            [
                ("paragraph", rich_text("<p>Isi berita.</p>")),
                (
                    "image",
                    {"image": str(photo.pk), "alt_text": "Banjir", "caption": "", "credit": ""},
                ),
            ]
        ),
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=(article.pk,)), data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert (draft.featured_image_caption, draft.featured_image_credit) == (CAPTION, CREDIT)
    image = next(block.value for block in draft.body if block.block_type == "image")
    assert (image["caption"], image["credit"]) == (CAPTION, CREDIT)
