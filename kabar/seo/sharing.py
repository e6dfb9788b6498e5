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
    addresses = [
        ("whatsapp", "WhatsApp", "https://wa.me/", {"text": f"{title} {url}"}),
        ("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php", {"u": url}),
        ("x", "X", "https://x.com/intent/post", {"text": title, "url": url}),
        ("telegram", "Telegram", "https://t.me/share/url", {"url": url, "text": title}),
    ]
    return [ShareLink(net, label, f"{base}?{urlencode(q)}") for net, label, base, q in addresses]
