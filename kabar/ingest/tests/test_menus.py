"""WordPress navigation menus → the site menu: which menu, where each item leads, re-runs."""

import pytest
from wagtail.models import Site

from kabar.core.models import MenuItem, SiteSettings
from kabar.ingest.services import wxr_import
from kabar.news.models import ArticlePage, SectionPage

from .wxr_samples import wxr_document, wxr_post

pytestmark = pytest.mark.django_db


def nav_item(
    post_id: int,
    *,
    order: int,
    kind: str = "custom",
    obj: str = "custom",
    object_id: int = 0,
    url: str = "",
    title: str = "",
    parent: int = 0,
    menu: str = "menu-utama",
) -> str:
    """A nav_menu_item post as WordPress exports it."""
    meta = {
        "_menu_item_type": kind,
        "_menu_item_menu_item_parent": parent,
        "_menu_item_object_id": object_id or post_id,
        "_menu_item_object": obj,
        "_menu_item_url": url,
    }
    postmeta = "".join(
        f"<wp:postmeta><wp:meta_key><![CDATA[{key}]]></wp:meta_key>"
        f"<wp:meta_value><![CDATA[{value}]]></wp:meta_value></wp:postmeta>"
        for key, value in meta.items()
    )
    return wxr_post(
        post_id,
        title=title,
        slug=str(post_id),
        content="",
        post_type="nav_menu_item",
        categories=(),
        extra=f"<wp:menu_order>{order}</wp:menu_order>"
        f'<category domain="nav_menu" nicename="{menu}"><![CDATA[{menu.title()}]]></category>'
        + postmeta,
    )


def site_menu() -> list[tuple[str, str]]:
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    return [
        (item.text, item.page.url if item.page else item.url)
        for item in settings.menu_items.order_by("sort_order")
    ]


EXPORT = wxr_document(
    wxr_post(1, title="Banjir di Jakarta"),
    wxr_post(2, title="Kemacetan di Puncak"),
    nav_item(50, order=1, kind="taxonomy", obj="category", object_id=2),
    nav_item(51, order=2, kind="post_type", obj="post", object_id=1, title="Liputan khusus"),
    nav_item(52, order=3, url="http://lama.test/2025/08/01/berita-2/", title="Lewat tautan"),
    nav_item(53, order=4, url="https://www.antaranews.com/", title="ANTARA"),
    nav_item(54, order=5, url="http://lama.test/arsip-lama/", title="Arsip"),
    nav_item(55, order=6, kind="taxonomy", obj="category", object_id=99, title="Hilang"),
    nav_item(60, order=1, url="https://kabarharapan.id/kontak/", menu="footer", title="Kontak"),
)


def test_the_biggest_menu_becomes_the_site_menu_with_each_item_resolved(home):
    summary = wxr_import(source=EXPORT)
    first, second = ArticlePage.objects.order_by("title")
    assert site_menu() == [
        ("Berita", SectionPage.objects.get(slug="berita").url),
        ("Liputan khusus", first.url),
        ("Lewat tautan", second.url),  # a link to the old site follows its redirect
        ("ANTARA", "https://www.antaranews.com/"),
    ]
    assert summary.counts["nav_menu_item"] == {"created": 4, "skipped": 3}
    reasons = dict(summary.skipped)
    assert reasons['nav_menu_item 54 "Arsip"'] == "Nothing imported lives at /arsip-lama/."
    assert reasons['nav_menu_item 55 "Hilang"'] == "Its category 99 was not imported."
    assert reasons['nav_menu_item 60 "Kontak"'] == (
        "It belongs to the menu “Footer”, which was not imported."
    )
    assert (
        "nav_menu",
        "The export has 2 menus; the one with the most items, “Menu-Utama”, became the site menu.",
    ) in summary.warnings


def test_running_again_adds_nothing_and_hand_made_items_stay(home):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    # As the admin's menu panel saves it: with its position (a NULL one sorts first on SQLite
    # and last on PostgreSQL).
    MenuItem.objects.create(
        settings=settings, url="https://example.id/", label="Mitra", sort_order=0
    )
    wxr_import(source=EXPORT)
    first = site_menu()
    summary = wxr_import(source=EXPORT)
    assert summary.counts["nav_menu_item"] == {"unchanged": 4, "skipped": 3}
    assert site_menu() == first and first[0] == ("Mitra", "https://example.id/")
    assert MenuItem.objects.count() == 5


def test_a_section_already_in_the_menu_is_not_added_twice(home):
    section = home.add_child(instance=SectionPage(title="Berita", slug="berita"))
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    MenuItem.objects.create(settings=settings, page=section)
    wxr_import(
        source=wxr_document(nav_item(50, order=1, kind="taxonomy", obj="category", object_id=2))
    )
    assert MenuItem.objects.filter(page=section).count() == 1


def test_submenus_follow_their_parent_in_order(home):
    wxr_import(
        source=wxr_document(
            wxr_post(1),
            nav_item(52, order=3, url="https://b.example/", title="Anak", parent=50),
            nav_item(50, order=1, url="https://a.example/", title="Induk"),
            nav_item(53, order=4, url="https://c.example/", title="Sesudahnya"),
            nav_item(51, order=2, url="https://d.example/", title="Cucu", parent=52),
        )
    )
    assert [text for text, _url in site_menu()] == ["Induk", "Anak", "Cucu", "Sesudahnya"]
