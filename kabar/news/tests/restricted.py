"""A story no reader may see: published, but in a section behind a password.

The section is restricted, not the story itself, and the story is also listed in a public
section: the case a check of the article's own restrictions misses.
"""

import datetime

from django.utils import timezone
from wagtail.models import PageViewRestriction

from .factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

HIDDEN_TITLE = "Notulen rapat redaksi tertutup"
HIDDEN_TAG = "rapat-redaksi"
HIDDEN_AUTHOR = "Penulis Tertutup"
# A word only the hidden story and the public control story use, for search.
SHARED_WORD = "anggaran"


def restricted_story(home, *, also_in=None, hours_ago: float = 1.0, **fields):
    """Published the way editors publish (so it is indexed), under a password-protected
    section; listed as a secondary story in `also_in` when given."""
    private = SectionPageFactory(parent=home, title="Internal Redaksi", slug="internal-redaksi")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )
    published = timezone.now() - datetime.timedelta(hours=hours_ago)
    story = ArticlePageFactory(
        parent=private,
        title=HIDDEN_TITLE,
        slug="notulen-rapat-redaksi",
        body=[("paragraph", f"<p>Pembahasan {SHARED_WORD} internal redaksi.</p>")],
        first_published_at=published,
        last_published_at=published,
        authors=[AuthorFactory(name=HIDDEN_AUTHOR, slug="penulis-tertutup")],
        **fields,
    )
    story.tags.add(HIDDEN_TAG)
    if also_in is not None:
        story.secondary_sections.add(also_in)
    story.save_revision().publish()
    return story
