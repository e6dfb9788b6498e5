"""The newsroom's front-page story as published, read from the copy kept in `seed/`."""

import re
from dataclasses import dataclass
from pathlib import Path

SEED_FILE = Path(__file__).resolve().parent / "seed" / "000_eca401a34d30784c.txt"
# The page ends with the WordPress comment form; the article stops where it begins.
COMMENT_FORM_START = "Leave a Reply"
# "BEIJING (ANTARA) – Kementerian ...": place in capitals, agency in brackets, then a dash.
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'-]*?) \((?P<agency>[A-Za-z]+)\) [–—-] (?P<rest>.+)$", re.S
)


@dataclass(frozen=True)
class SeedPage:
    site_name: str
    tagline: str
    headline: str
    dateline_place: str
    dateline_agency: str
    paragraphs: tuple[str, ...]


def seed_page_parse(text: str) -> SeedPage:
    """A seed page's site name, tagline and article, the dateline split off the first paragraph."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    if len(blocks) < 4:
        raise ValueError("A seed page needs a site name, a tagline, a headline and a body.")
    site_name, tagline, headline, *rest = blocks
    if COMMENT_FORM_START in rest:
        rest = rest[: rest.index(COMMENT_FORM_START)]
    place = agency = ""
    if match := DATELINE.match(rest[0]):
        place, agency = match["place"].title(), match["agency"]
        rest[0] = match["rest"]
    return SeedPage(
        site_name=site_name,
        tagline=tagline,
        headline=headline,
        dateline_place=place,
        dateline_agency=agency,
        paragraphs=tuple(rest),
    )


def seed_page_load(path: Path = SEED_FILE) -> SeedPage:
    """The seed page shipped with the demo."""
    return seed_page_parse(path.read_text(encoding="utf-8"))
