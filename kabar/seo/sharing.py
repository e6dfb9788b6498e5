"""Share links for a story: plain addresses the networks publish for sharing, no scripts of theirs.

WhatsApp comes first, the way Indonesians pass news on; then Facebook, X and Telegram. Nothing
here tracks the reader: no counters, no campaign parameters, no third-party code on the page.
"""

from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass(frozen=True)
class ShareLink:
    network: str  # a CSS modifier and a test's handle
    label: str  # the network's own name, the same in every language
    url: str


def share_links(url: str, title: str) -> list[ShareLink]:
    """Where a reader can share the story at `url` (absolute) headed `title`, in order."""
    message = f"{title} {url}"
    return [
        ShareLink("whatsapp", "WhatsApp", "https://wa.me/?" + urlencode({"text": message})),
        ShareLink(
            "facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})
        ),
        ShareLink("x", "X", "https://x.com/intent/post?" + urlencode({"text": title, "url": url})),
        ShareLink(
            "telegram", "Telegram", "https://t.me/share/url?" + urlencode({"url": url, "text": title})
        ),
    ]
