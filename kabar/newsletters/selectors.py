"""What a digest holds: the front page's lead and top stories, the most read, and the latest
stories of each section the subscriber chose."""

import datetime
import importlib
from dataclasses import dataclass, field

from django.utils import timezone

from kabar.news.models import ArticlePage, HomePage, SectionPage
from kabar.news.selectors import home_page_context

# Stories per section in a subscriber's digest, and in the most-read list.
PER_SECTION = 3
MOST_READ_COUNT = 5
# A section's story older than this is not news for a daily digest.
SECTION_STORY_MAX_AGE = datetime.timedelta(days=2)


@dataclass
class DigestContent:
    """The stories every subscriber gets, and each chosen section's latest."""

    lead: ArticlePage | None
    top: list[ArticlePage]
    most_read: list[ArticlePage]
    by_section: dict[int, list[ArticlePage]] = field(default_factory=dict)

    def articles(self) -> list[ArticlePage]:
        """Every story in the edition, once each, in the order they appear."""
        seen = {}
        for article in [self.lead, *self.top, *self.most_read]:
            if article is not None:
                seen.setdefault(article.pk, article)
        for stories in self.by_section.values():
            for article in stories:
                seen.setdefault(article.pk, article)
        return list(seen.values())

    def is_empty(self) -> bool:
        return self.lead is None and not self.top


def most_read_articles(*, home: HomePage, count: int = MOST_READ_COUNT) -> list[ArticlePage]:
    """The site's most-read stories of the last 24 hours (`kabar.news.popular`, "Terpopuler").

    Looked up by name so the digest still goes, without the list, on a build without it.
    """
    try:
        popular = importlib.import_module("kabar.news.popular")
    except ImportError:
        return []
    lists = popular.most_read(root=home)
    return list(lists.get("day", []))[:count]


def section_latest(*, section: SectionPage, now=None, exclude=()) -> list[ArticlePage]:
    """The section's newest visible stories of the last two days, minus those in `exclude`."""
    now = now or timezone.now()
    return list(
        ArticlePage.objects.visible()
        .in_section(section)
        .filter(first_published_at__gte=now - SECTION_STORY_MAX_AGE)
        .exclude(pk__in=list(exclude))
        .defer_streamfields()
        .order_by("-first_published_at", "-pk")[:PER_SECTION]
    )


def digest_content(*, sections=(), now=None) -> DigestContent:
    """The edition's stories; `sections` are the ones any subscriber chose."""
    home = HomePage.objects.live().first()
    if home is None:
        return DigestContent(lead=None, top=[], most_read=[])
    front = home_page_context(home=home)
    lead, top = front["lead_story"], list(front["top_stories"])
    on_front = {a.pk for a in [lead, *top] if a is not None}
    most_read = [a for a in most_read_articles(home=home) if a.pk not in on_front]
    content = DigestContent(lead=lead, top=top, most_read=most_read)
    shown = {a.pk for a in content.articles()}
    for section in sections:
        content.by_section[section.pk] = section_latest(section=section, now=now, exclude=shown)
    return content
