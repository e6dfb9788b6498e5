"""How a story will look in a Google result and in a WhatsApp or Facebook share, worked out
from the same fields and fallbacks as the page's <title> and meta tags (kabar.seo.metadata).

The limits are what those services show, roughly: Google cuts a title at about 600 pixels (some
60 characters) and a description at about 160 characters; WhatsApp and Facebook show a card's
title on up to two lines and a line or two of the description. previews.js cuts the same way.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from kabar.core.addresses import site_origin
from kabar.core.models import SiteSettings

from .metadata import SOCIAL_IMAGE_SPECS, subject_describe

SEARCH_TITLE_CHARS = 60
SEARCH_DESCRIPTION_CHARS = 160
CARD_TITLE_CHARS = 80
CARD_DESCRIPTION_CHARS = 120
TRAILING_PUNCTUATION = " ,.;:-–—"


def text_cut(text: str, limit: int) -> str:
    """The text on one line, cut at a word boundary to at most `limit` characters with "…"."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        # Google and the share cards end on a whole word.
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(TRAILING_PUNCTUATION) + "…"


@dataclass
class SharePreview:
    site_name: str
    host: str
    folders: list[str]
    slug: str
    title: str
    search_title: str
    description: str
    # What stands in when the story has neither a search description nor a summary.
    fallback_description: str
    image_url: str = ""

    @property
    def search_title_shown(self) -> str:
        return text_cut(self.search_title, SEARCH_TITLE_CHARS)

    @property
    def search_description_shown(self) -> str:
        return text_cut(self.description, SEARCH_DESCRIPTION_CHARS)

    @property
    def card_title_shown(self) -> str:
        return text_cut(self.title, CARD_TITLE_CHARS)

    @property
    def card_description_shown(self) -> str:
        return text_cut(self.description, CARD_DESCRIPTION_CHARS)

    @property
    def search_title_too_long(self) -> bool:
        return len(self.search_title) > SEARCH_TITLE_CHARS

    @property
    def description_too_long(self) -> bool:
        return len(self.description) > SEARCH_DESCRIPTION_CHARS


def share_preview_read(*, page, parent, request) -> SharePreview:
    """The search result and share card of `page` (a draft or revision; `parent` is where it is
    filed), from its SEO title, search description and social or featured image."""
    site = parent.get_site()
    site_settings = SiteSettings.for_site(site)
    section = parent.specific
    title, description, image = subject_describe(
        {"section": section}, site_settings, page, None, None
    )
    fallback = getattr(section, "description", "") or site_settings.tagline
    root_path = site.root_page.url_path if site else "/"
    folders = [part for part in parent.url_path.removeprefix(root_path).split("/") if part]
    image_url = image.get_rendition(SOCIAL_IMAGE_SPECS[0]).url if image else ""
    return SharePreview(
        site_name=site_settings.site_name,
        host=urlsplit(site_origin(request)).netloc,
        folders=folders,
        slug=page.slug,
        title=title,
        # The page's <title>: "SEO title | site name" (kabar/templates/base.html).
        search_title=f"{title} | {site_settings.site_name}",
        description=" ".join((description or fallback).split()),
        fallback_description=" ".join(fallback.split()),
        image_url=image_url,
    )
