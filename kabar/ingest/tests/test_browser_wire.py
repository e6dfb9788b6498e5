"""In a real Chromium: a wire editor filters the desk, takes an item, edits and publishes it."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kabar.ingest.models import WireItem, WireSource
from kabar.ingest.services.wire import wire_item_upsert
from kabar.ingest.wire import wire_parse
from kabar.news.models import ArticlePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIRE = Path(__file__).parent / "files" / "wire"
HEADLINE = "Harga minyak dunia naik tipis"
EDITED = "Harga minyak dunia naik tipis pada Rabu pagi"


def test_wire_editor_filters_takes_edits_and_publishes(browser_page, live_server, section, editor):
    antara = WireSource.objects.create(
        name="ANTARA", kind="rss", url="https://a.example/rss", credit="ANTARA", section=section
    )
    reuters = WireSource.objects.create(
        name="Reuters", kind="rss", url="https://r.example/atom", credit="Reuters"
    )
    for source, name in [(antara, "antara-rss.xml"), (reuters, "reuters-atom.xml")]:
        for entry in wire_parse("rss", (WIRE / name).read_bytes()).entries:
            wire_item_upsert(source=source, entry=entry)

    page, base = browser_page, live_server.url
    page.goto(f"{base}/admin/login/")
    page.locator("input[name=username]").fill("editor")
    page.locator("input[name=password]").fill("kata-sandi-rahasia")
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/admin/")

    page.get_by_role("link", name="Meja kawat").first.click()
    expect(page).to_have_url(f"{base}/admin/kawat/")
    expect(page.locator("[data-status=new]")).to_have_text("4")
    page.locator("select[name=source]").select_option(label="ANTARA")
    page.locator("#id_q").fill("minyak")
    page.get_by_role("button", name="Saring").click()
    listing = page.locator("table.listing")
    expect(listing.get_by_role("link", name=HEADLINE)).to_be_visible()
    expect(listing).not_to_contain_text("Bank sentral Jepang")
    expect(listing).not_to_contain_text("China dan Indonesia")

    listing.get_by_role("link", name=HEADLINE).click()
    expect(page.locator("main")).to_contain_text("JAKARTA (ANTARA)")
    page.get_by_role("button", name="Ambil").click()

    article = ArticlePage.objects.get()
    expect(page).to_have_url(f"{base}/admin/pages/{article.pk}/edit/")
    expect(page.locator("input[name=dateline_place]")).to_have_value("Jakarta")
    expect(page.locator("input[name=source_name]")).to_have_value("ANTARA")
    page.locator("#id_title").fill(EDITED)
    page.locator("footer").get_by_role("button", name=re.compile("Tindakan|More", re.I)).click()
    page.locator("button[name=action-publish]").click()
    expect(page.locator(".messages")).to_contain_text(EDITED)

    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live and article.title == EDITED
    assert WireItem.objects.get(guid="antara-4002").status == "taken"

    page.goto(f"{base}{article.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(EDITED)
    expect(page.locator("main")).to_contain_text("JAKARTA (ANTARA)")
    expect(page.locator("main")).to_contain_text("Harga minyak dunia naik tipis pada perdagangan")
