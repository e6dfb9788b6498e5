"""WordPress's Theme Unit Test data, read from ../shared (it has no licence to ship here)."""

from pathlib import Path

import pytest
from django.conf import settings

from kabar.comments.models import ReaderComment
from kabar.ingest.models import WordPressItem
from kabar.ingest.services import wxr_import
from kabar.news.models import ArticlePage, StandardPage

THEME_DATA = (
    Path(settings.BASE_DIR).parent / "shared" / "fixtures" / ("wordpress-theme-unit-test-data.xml")
)
SITE = "https://wpthemetestdata.wordpress.com"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not THEME_DATA.exists(), reason="../shared/fixtures is not present"),
]


def test_theme_unit_test_data_is_accounted_for_item_by_item(home):
    summary = wxr_import(source=THEME_DATA)
    assert not summary.fatal
    assert summary.counts["post"] == {"created": 58}
    assert summary.counts["page"] == {"created": 21}
    # Five menus: "testing-menu" (23 items) becomes the site menu; the other 47 are reported.
    assert summary.counts["nav_menu_item"] == {"created": 23, "skipped": 47}
    assert any("has 5 menus" in message for _label, message in summary.warnings)
    # Its images live on wordpress.com; without --fetch-media each is reported, none fatal.
    assert summary.counts["attachment"] == {"skipped": 37}
    assert ArticlePage.objects.count() == 58 and StandardPage.objects.count() == 21
    assert ArticlePage.objects.filter(live=False, go_live_at__isnull=False).count() == 1
    assert summary.counts["comment"] == {"created": 14 + 9 + 1, "skipped": 4 + 5}
    replies = ReaderComment.objects.filter(parent__isnull=False)
    assert replies.count() == 9
    for reply in replies:
        parent_id = WordPressItem.objects.get(
            kind="comment", object_id=str(reply.parent_id), site_url=SITE
        ).wp_id
        assert int(parent_id) < int(
            WordPressItem.objects.get(kind="comment", object_id=str(reply.pk), site_url=SITE).wp_id
        )
    nested = StandardPage.objects.filter(depth__gt=home.depth + 1)
    assert nested.exists()  # hierarchical pages keep their parents
