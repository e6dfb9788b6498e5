import tracemalloc
from collections import Counter
from pathlib import Path

import pytest

from kabar.ingest.wxr.parse import (
    WxrAuthor,
    WxrError,
    WxrItem,
    WxrProblem,
    WxrSite,
    WxrTerm,
    wxr_read,
)

from .wxr_samples import wxr_document, wxr_post

NEWSROOM = Path(__file__).parent / "files" / "wordpress-6.1-newsroom.xml"


def records_by_type(records):
    return Counter(type(r).__name__ for r in records)


def test_newsroom_export_reads_every_item_author_and_term():
    records = list(wxr_read(NEWSROOM))
    site = records[0]
    assert isinstance(site, WxrSite)
    assert site.url == "http://127.0.0.1:8081" and site.wxr_version == "1.2"
    items = [r for r in records if isinstance(r, WxrItem)]
    assert Counter(i.post_type for i in items) == {
        "post": 120,
        "page": 5,
        "attachment": 20,
        "nav_menu_item": 7,
        "wp_block": 1,
    }
    assert sum(len(i.comments) for i in items) == 75
    assert [a.login for a in records if isinstance(a, WxrAuthor)] == [
        "admin",
        "rina.marlina",
        "bambang_s",
        "syafii",
        "niputu.ayu",
    ]
    terms = [t for t in records if isinstance(t, WxrTerm)]
    assert len({t.slug for t in terms if t.taxonomy == "category"}) == 19
    assert len({t.slug for t in terms if t.taxonomy == "post_tag"}) == 32
    assert not [r for r in records if isinstance(r, WxrProblem)]


def test_item_fields_come_out_decoded():
    items = {r.id: r for r in wxr_read(NEWSROOM) if isinstance(r, WxrItem)}
    post = items[161]
    assert post.meta["_wp_old_slug"] == "gempa-guncang-malang"
    assert [t.slug for t in post.categories()] == ["dalam-negeri", "jawa-timur"]
    assert post.date_gmt.isoformat() == "2025-09-27T11:35:00+00:00"
    assert items[255].date_gmt is None  # drafts carry the zero date
    # The exporter splits "]]>" in content across two CDATA sections; it comes back whole.
    assert "//]]>" in items[57].content
    names = {t.slug: t.name for r in wxr_read(NEWSROOM) if isinstance(r, WxrTerm) for t in [r]}
    assert names["eropa-amerika"] == "Eropa & Amerika"


def test_wxr_1_1_namespaces_are_read_too():
    records = list(wxr_read(wxr_document(wxr_post(7), version="1.1")))
    assert records_by_type(records) == {"WxrSite": 1, "WxrAuthor": 1, "WxrTerm": 1, "WxrItem": 1}
    assert records[-1].id == 7 and records[-1].categories()[0].slug == "berita"


def test_not_xml_is_rejected_with_a_clear_message():
    with pytest.raises(WxrError, match="not an XML file"):
        list(wxr_read(b"Ini bukan XML sama sekali"))


def test_xml_that_is_not_wxr_is_rejected():
    with pytest.raises(WxrError, match="not a WordPress export"):
        list(wxr_read(b"<?xml version='1.0'?><html><body/></html>"))
    rss = b"<rss version='2.0'><channel><title>Feed</title><item><title>x</title></item>"
    rss += b"</channel></rss>"
    with pytest.raises(WxrError, match="wxr_version"):
        list(wxr_read(rss))


def test_truncated_file_keeps_what_came_before_and_names_the_last_item():
    document = wxr_document(wxr_post(1), wxr_post(2), wxr_post(3))
    cut = document[: document.index(b"<wp:post_id>3")]
    read = []
    with pytest.raises(WxrError, match=r'after post 2 "Berita 2"'):
        for record in wxr_read(cut):
            read.append(record)
    assert [r.id for r in read if isinstance(r, WxrItem)] == [1, 2]


def test_bad_items_are_reported_and_the_rest_still_read():
    document = wxr_document(
        wxr_post(1),
        wxr_post(2, post_type="product"),
        wxr_post(3).replace("<wp:post_id>3</wp:post_id>", "<wp:post_id>tiga</wp:post_id>"),
        wxr_post(4, date_gmt="2025-13-45 99:00:00"),
        wxr_post(5),
    )
    records = list(wxr_read(document))
    assert [r.id for r in records if isinstance(r, WxrItem)] == [1, 5]
    problems = [r.reason for r in records if isinstance(r, WxrProblem)]
    assert problems[0] == 'product 2 "Berita 2": unknown post type “product”.'
    assert "no valid post ID ('tiga')" in problems[1]
    assert "post 4" in problems[2] and "unreadable date" in problems[2]


def peak_memory_reading(document: bytes) -> int:
    tracemalloc.start()
    try:
        for _record in wxr_read(document):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_however_many_items_the_file_has():
    small = wxr_document(*(wxr_post(n, content="Isi. " * 200) for n in range(50)))
    large = wxr_document(*(wxr_post(n, content="Isi. " * 200) for n in range(1000)))
    assert len(large) > 15 * len(small)
    assert peak_memory_reading(large) < 2 * peak_memory_reading(small)


def test_entity_expansion_is_refused():
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<rss version="2.0"><channel><title>&b;</title></channel></rss>"""
    with pytest.raises(WxrError, match="entities"):
        list(wxr_read(bomb))
