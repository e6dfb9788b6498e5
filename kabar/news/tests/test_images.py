"""Every picture on the public pages is responsive, sized so nothing shifts while it loads,
offered as WebP (and AVIF where it pays), lazy below the fold, and the page's main image is
fetched first."""

import io

import pytest
from django.conf import settings
from lxml import html as lxml_html
from PIL import Image as PILImage
from wagtail.images import get_image_model

from kabar.news.models import Author

from .newsroom import caches_clear, photo

Rendition = get_image_model().get_rendition_model()


@pytest.fixture(autouse=True)
def caches_empty(db):
    caches_clear()
    yield
    caches_clear()


def images_of(client, url) -> list:
    response = client.get(url)
    assert response.status_code == 200, url
    images = lxml_html.fromstring(response.content).xpath("//img")
    assert images, f"{url} shows no image"
    return images


def rendition_for(url: str):
    return Rendition.objects.get(file=url.removeprefix(settings.MEDIA_URL))


def assert_responsive(img) -> None:
    """width/height match the file's own, srcset + sizes offered, WebP beside it."""
    where = lxml_html.tostring(img)[:300]
    for attribute in ("src", "srcset", "sizes", "width", "height", "alt", "loading"):
        assert img.get(attribute) is not None, f"{attribute} missing on {where!r}"
    rendition = rendition_for(img.get("src"))
    assert (int(img.get("width")), int(img.get("height"))) == (rendition.width, rendition.height)
    candidates = [c.strip().split() for c in img.get("srcset").split(",")]
    assert all(len(c) == 2 and c[1].endswith("w") for c in candidates), where
    # lxml's HTML 4 parser nests <img> in the void <source>; the <picture> is above both.
    [picture] = img.xpath("ancestor::picture")
    [webp] = picture.xpath(".//source[@type='image/webp']")
    assert webp.get("sizes") == img.get("sizes")
    for candidate in webp.get("srcset").split(","):
        url, width = candidate.split()
        assert url.endswith(".webp") and rendition_for(url).width == int(width.rstrip("w"))
    # AVIF where it pays (pictures shown 600 px wide or more), first so browsers prefer it.
    avif = picture.xpath(".//source[@type='image/avif']")
    assert len(avif) == (1 if rendition.width >= 600 else 0), where
    for source in avif:
        assert picture.xpath(".//source")[0] is source and source.get("sizes") == img.get("sizes")
        for candidate in source.get("srcset").split(","):
            url, width = candidate.split()
            assert url.endswith(".avif") and rendition_for(url).width == int(width.rstrip("w"))


def priority_images(images) -> list:
    return [img for img in images if img.get("fetchpriority") == "high"]


def test_article_lead_image_is_fetched_first_and_body_images_lazily(client, article_realistic):
    images = images_of(client, article_realistic.url)
    for img in images:
        assert_responsive(img)
    [lead] = priority_images(images)
    assert lead.xpath("ancestor::figure[@class='article__image']")
    assert lead.get("loading") == "eager"
    body = [img for img in images if img.xpath("ancestor::figure[@class='body-image']")]
    assert len(body) == 2 and all(img.get("loading") == "lazy" for img in body)
    [logo] = [img for img in images if img.get("class") == "brand__logo"]
    assert logo.get("loading") == "eager" and logo.get("alt")


def test_home_page_first_card_is_fetched_first_and_the_rest_lazily(client, article_realistic):
    images = images_of(client, "/")
    for img in images:
        assert_responsive(img)
    [lead] = priority_images(images)
    assert lead.xpath("ancestor::article[contains(@class, 'card--lead')]")
    cards = [img for img in images if img.xpath("ancestor::div[@class='card__media']")]
    assert len(cards) > 5
    assert all(img.get("loading") == "lazy" for img in cards if img is not lead)


@pytest.mark.parametrize("listing", ["section", "tag", "author"])
def test_listing_first_card_is_fetched_first_and_the_rest_lazily(
    client, article_realistic, listing
):
    url = {
        "section": article_realistic.get_parent().url,
        "tag": "/tag/china/",
        "author": Author.objects.get(name="Desca Lidya Natalia").get_absolute_url(),
    }[listing]
    images = images_of(client, url)
    for img in images:
        assert_responsive(img)
    cards = [img for img in images if img.xpath("ancestor::div[@class='card__media']")]
    assert cards
    assert cards[0].get("fetchpriority") == "high" and cards[0].get("loading") == "eager"
    assert all(img.get("loading") == "lazy" and not img.get("fetchpriority") for img in cards[1:])
    assert len(priority_images(images)) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(("spec", "pillow_format"), [("webp", "WEBP"), ("avif", "AVIF")])
def test_modern_format_renditions_are_really_encoded_in_that_format(spec, pillow_format):
    image = photo("uji-format")
    rendition = image.get_rendition(f"fill-640x360|format-{spec}")
    with rendition.file.open("rb") as file:
        decoded = PILImage.open(io.BytesIO(file.read()))
    assert decoded.format == pillow_format
    assert decoded.size == (640, 360) == (rendition.width, rendition.height)


def test_avif_is_offered_for_wide_pictures_only(client, article_realistic):
    images = images_of(client, article_realistic.url)
    avif_offered = {
        img.get("class") or img.xpath("ancestor::figure/@class")[0]: bool(
            img.xpath("ancestor::picture//source[@type='image/avif']")
        )
        for img in images
    }
    assert avif_offered["article__image"] and avif_offered["body-image"]
    assert not avif_offered["brand__logo"]


@pytest.mark.parametrize(
    ("image_width", "spec", "expected"),
    [
        (1200, "fill-640x360", True),
        (1200, "width-1280", True),
        (480, "width-1280", False),  # shown at the original's 480 px: too small to pay
        (1200, "fill-192x192", False),
        (720, "height-96", False),
    ],
)
def test_avif_pays_from_600_pixels_wide(image_width, spec, expected):
    from kabar.core.templatetags.kabar import avif_pays

    assert avif_pays(get_image_model()(width=image_width, height=100, collection_id=1), spec) is (
        expected
    )
