"""Readers share a story with plain links, WhatsApp first, without any script of the networks'."""

from urllib.parse import parse_qs, urlsplit

import pytest
from lxml import html as lxml_html

from kabar.news.tests.factories import ArticlePageFactory
from kabar.seo.sharing import share_links

pytestmark = pytest.mark.django_db


def query(url):
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_each_network_gets_the_address_and_the_headline_intact():
    url = "https://kabarharapan.example/dalam-negeri/eropa-amerika/"
    links = share_links(url, "Eropa & Amerika sepakat? 100% ya")
    assert [link.network for link in links] == ["whatsapp", "facebook", "x", "telegram"]
    whatsapp, facebook, x, telegram = links
    assert whatsapp.url.startswith("https://wa.me/?")
    assert query(whatsapp.url) == {"text": f"Eropa & Amerika sepakat? 100% ya {url}"}
    assert query(facebook.url) == {"u": url}
    assert query(x.url) == {"text": "Eropa & Amerika sepakat? 100% ya", "url": url}
    assert query(telegram.url) == {"url": url, "text": "Eropa & Amerika sepakat? 100% ya"}


def test_the_article_offers_share_links_to_its_public_url(client, section, settings):
    settings.SITE_URL = "https://kabarharapan.example"
    title = "Harga beras turun & stabil"
    story = ArticlePageFactory(parent=section, title=title, slug="harga-beras")
    doc = lxml_html.fromstring(client.get(story.url).content)

    box = doc.xpath("//section[@class='share']")[0]
    assert box.xpath("string(h2)") == "Bagikan berita ini"
    public = f"https://kabarharapan.example{story.url}"
    assert box.get("data-share-url") == public
    links = box.xpath(".//a[contains(@class, 'share__link')]")
    hrefs = [a.get("href") for a in links]
    assert [urlsplit(h).netloc for h in hrefs] == ["wa.me", "www.facebook.com", "x.com", "t.me"]
    assert query(hrefs[0]) == {"text": f"Harga beras turun & stabil {public}"}
    assert all("noopener" in a.get("rel") for a in links)
    # The buttons that need a script wait hidden for it; every script is the site's own.
    for item in box.xpath(".//li[@data-share-copy or @data-share-native]"):
        assert item.get("hidden") is not None
    assert all(src.startswith("/") for src in doc.xpath("//script/@src"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_reader_copies_the_link_and_the_whatsapp_link_carries_title_and_address(
    browser_page, live_server, section
):
    story = ArticlePageFactory(parent=section, title="Gempa di Cianjur", slug="gempa-di-cianjur")
    page = browser_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + story.url)

    whatsapp = page.get_by_role("link", name="WhatsApp")
    assert query(whatsapp.get_attribute("href")) == {
        "text": f"Gempa di Cianjur {live_server.url}{story.url}"
    }
    page.get_by_role("button", name="Salin tautan").click()
    page.get_by_role("status").filter(has_text="Tautan disalin").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == live_server.url + story.url
