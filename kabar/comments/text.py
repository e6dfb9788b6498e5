"""Comment text is plain text: paragraphs, line breaks and auto-linked URLs, nothing else."""

import re

import nh3
from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe

LINK_REL = "nofollow ugc noopener"
URL_RE = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)


def comment_link_count(text: str) -> int:
    """How many URLs the text holds, as the hold-after-N-links rule counts them."""
    return len(URL_RE.findall(text))


def comment_text_render(text: str) -> SafeString:
    """The text as HTML paragraphs with links; every character the reader typed is escaped."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    # urlize escapes everything that is not a link it makes itself.
    html = "".join(
        "<p>{}</p>".format(urlize(p, trim_url_limit=60, autoescape=True).replace("\n", "<br>"))
        for p in paragraphs
    )
    # nh3 then keeps only what we produce ourselves, as a second line of defence.
    cleaned = nh3.clean(
        html,
        tags={"p", "br", "a"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=LINK_REL,
    )
    # Safe: nh3 has just removed everything but the tags and attributes allowed above.
    return mark_safe(cleaned)
