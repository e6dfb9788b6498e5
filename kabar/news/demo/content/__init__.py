"""The demo newsroom's invented content: sections, people, pictures and articles.

Articles are written for this demo (ordinary, plausible news with invented people); only the
lead story comes from the newsroom's seed page, which `seed.py` reads.
"""

from dataclasses import dataclass, field

Colour = tuple[int, int, int]
ILLUSTRATION_CREDIT = "Ilustrasi: Kabar Harapan"


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    description: str
    parent: str = ""


@dataclass(frozen=True)
class Person:
    slug: str
    name: str
    job_title: str
    bio: str
    colour: Colour


@dataclass(frozen=True)
class Illustration:
    title: str
    label: str
    top: Colour
    bottom: Colour
    motif: str


@dataclass(frozen=True)
class Subheading:
    text: str


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str = ""


@dataclass(frozen=True)
class Picture:
    image: str
    caption: str
    alt: str


@dataclass(frozen=True)
class Related:
    slugs: tuple[str, ...]
    title: str = "Baca juga"


Block = str | Subheading | Quote | Picture | Related


@dataclass(frozen=True)
class Live:
    """One update of a live-coverage story, posted this many minutes after it went out."""

    minutes: int
    text: str
    headline: str = ""
    key_point: bool = False


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    section: str
    published: str  # "YYYY-MM-DD HH:MM", Jakarta time
    summary: str
    body: tuple[Block, ...]
    authors: tuple[tuple[str, str], ...]  # (person slug, role)
    tags: tuple[str, ...]
    image: str
    image_caption: str
    kicker: str = ""
    dateline: tuple[str, str] = ("", "")  # (place, agency)
    source: tuple[str, str] = ("", "")  # (name, original URL)
    updated_after_hours: float | None = None
    secondary_sections: tuple[str, ...] = field(default_factory=tuple)
    unverified: bool = False  # published awaiting verification (PPMS 2.b)
    sponsored: bool = False  # an advertorial
    live_updates: tuple[Live, ...] = ()  # live coverage when not empty


def articles_all() -> list[Article]:
    """Every written demo article, oldest first."""
    from . import dalam_negeri, ekonomi, luar_negeri, olahraga, teknologi

    modules = (dalam_negeri, luar_negeri, ekonomi, olahraga, teknologi)
    return sorted((a for m in modules for a in m.ARTICLES), key=lambda a: a.published)
