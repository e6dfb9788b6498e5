"""Article embeds as readers get them: the provider's frame or quote, never its script.

oEmbed providers answer with HTML of their choosing: YouTube and Vimeo with an <iframe>, X,
Instagram and TikTok with a <blockquote> followed by a <script> from their own servers. Public
pages run no third-party script (and the Content-Security-Policy would refuse it anyway), so the
script goes and the quote stays, a readable link to the original. Inline styles go too (the
policy refuses them); the stylesheet keeps an embedded frame's proportions. Frames load only
from the origins in EMBED_FRAME_ORIGINS (the policy's frame-src); docs/security.md says how to
add one.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedException

EMBED_TAGS = {"iframe", "blockquote", "p", "a", "br", "em", "strong", "span", "div", "figure"}
EMBED_ATTRIBUTES = {
    "iframe": {"src", "width", "height", "title", "allow", "allowfullscreen", "loading"},
    "a": {"href"},
    "blockquote": {"cite", "lang"},
    "p": {"lang", "dir"},
}


def embed_html_clean(html: str) -> SafeString:
    """The provider's HTML with only frames, quotes and links left."""
    cleaned = nh3.clean(
        html,
        tags=EMBED_TAGS,
        attributes=EMBED_ATTRIBUTES,
        url_schemes={"https"},
        link_rel="noopener nofollow",
        set_tag_attribute_values={"iframe": {"referrerpolicy": "strict-origin-when-cross-origin"}},
    )
    # Safe: nh3 has just removed every tag and attribute not listed above.
    return mark_safe(cleaned)


def embed_html(*, url: str) -> SafeString:
    """The embed of `url` for a public page, or "" when the provider cannot embed it."""
    try:
        embed = embeds.get_embed(url)
    except EmbedException:
        return mark_safe("")
    return embed_html_clean(embed.html)
