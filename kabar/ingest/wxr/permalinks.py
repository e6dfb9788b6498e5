"""Old WordPress addresses: permalinks from the site's structure, and paths of its links."""

import datetime
import re
from urllib.parse import quote, urlparse

DEFAULT_PERMALINK_STRUCTURE = "/%year%/%monthnum%/%day%/%postname%/"
STRUCTURE_TAGS = re.compile(r"%(\w+)%")


def permalink_path(
    structure: str,
    *,
    slug: str,
    post_id: int,
    date: datetime.datetime | None,
    category: str = "",
    author: str = "",
) -> str:
    """The path WordPress gave a post under the permalink structure (the slug as exported)."""
    if date is None and re.search(r"%(year|monthnum|day|hour|minute|second)%", structure):
        return ""
    values = {
        "postname": slug,
        "post_id": str(post_id),
        "category": category,
        "author": author,
    }
    if date is not None:
        values.update(
            year=f"{date.year:04d}",
            monthnum=f"{date.month:02d}",
            day=f"{date.day:02d}",
            hour=f"{date.hour:02d}",
            minute=f"{date.minute:02d}",
            second=f"{date.second:02d}",
        )
    unknown = [tag for tag in STRUCTURE_TAGS.findall(structure) if tag not in values]
    if unknown or (not slug and "%postname%" in structure):
        return ""
    path = STRUCTURE_TAGS.sub(lambda m: values[m.group(1)], structure)
    return "/" + path.lstrip("/")


def site_relative(url: str, site_url: str) -> str:
    """A link to the old site as a path with its query ("/2025/08/x/", "/?p=41"); others as is."""
    base = urlparse(site_url)
    parsed = urlparse(url)
    if parsed.scheme and parsed.netloc and parsed.netloc.lower() != base.netloc.lower():
        return url
    if not parsed.netloc and not url.startswith("/"):
        return url
    path = parsed.path or "/"
    prefix = base.path.rstrip("/")
    if prefix and path.startswith(prefix + "/"):
        path = path[len(prefix) :]
    result = quote(path, safe="/%:@!$&'()*+,;=-._~")
    if parsed.query:
        result += "?" + parsed.query
    if parsed.fragment:
        result += "#" + parsed.fragment
    return result
