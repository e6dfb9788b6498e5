"""What readers see: the notes on a story, the 410 page, the log, feeds, sitemaps, JSON-LD."""

import datetime
import json

import pytest
from django.utils import timezone
from freezegun import freeze_time
from lxml import etree
from lxml import html as lxml_html

from kabar.corrections import services
from kabar.corrections.models import Correction
from kabar.news.models import ArticlePage
from kabar.news.tests.factories import ArticlePageFactory

from .conftest import article_publish

pytestmark = pytest.mark.django_db


def jsonld(response) -> list[dict]:
    doc = lxml_html.fromstring(response.content)
    return [json.loads(s.text) for s in doc.xpath('//script[@type="application/ld+json"]')]


def news_article(response) -> dict:
    found = [o for o in jsonld(response) if "NewsArticle" in o["@type"]]
    assert len(found) == 1
    return found[0]


def test_prominent_notes_sit_above_the_story_and_errata_at_its_end(client, article, editor):
    services.correction_add(
        article=article, kind="ralat", text="Salah ketik nama desa.", user=editor
    )
    services.correction_add(
        article=article, kind="koreksi", text="Korban 12 orang, bukan 21.", user=editor
    )
    services.correction_add(
        article=article, kind="hak_jawab", party="PT Maju Jaya", text="Kami membantah.", user=editor
    )
    doc = lxml_html.fromstring(client.get(article.url).content)
    top = doc.xpath('//section[contains(@class, "corrections--top")]')[0].text_content()
    end = doc.xpath('//section[contains(@class, "corrections--end")]')[0].text_content()
    assert "Koreksi" in top and "Korban 12 orang" in top
    assert "Hak Jawab: PT Maju Jaya" in top and "Kami membantah." in top
    assert "Ralat" in end and "Salah ketik" in end and "Korban" not in end
    # The box comes before the body, the errata after it.
    order = [el.get("class") for el in doc.xpath("//article/*")]
    assert order.index("corrections corrections--top") < order.index("article__body")
    assert order.index("article__body") < order.index("corrections corrections--end")


def test_updated_time_follows_the_newest_note(client, section, editor):
    with freeze_time("2024-10-29 03:00:00+00:00"):
        article = ArticlePageFactory(parent=section, first_published_at=timezone.now())
    with freeze_time("2024-10-30 07:05:00+00:00"):
        services.correction_add(article=article, kind="koreksi", text="Diperbaiki.", user=editor)
    body = client.get(article.url).content.decode()
    assert "Diperbarui" in body and "Rabu, 30 Oktober 2024 14:05 WIB" in body
    assert news_article(client.get(article.url))["dateModified"] == "2024-10-30T14:05:00+07:00"


def test_news_article_json_ld_carries_each_note_as_a_correction_comment(client, article, editor):
    with freeze_time("2024-10-29 07:05:00+00:00"):
        services.correction_add(article=article, kind="koreksi", text="Korban 12.", user=editor)
    with freeze_time("2024-10-29 08:00:00+00:00"):
        services.correction_add(
            article=article, kind="hak_jawab", party="Budi", text="Tidak benar.", user=editor
        )
    data = news_article(client.get(article.url))
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "name": "Koreksi",
            "text": "Korban 12.",
            "datePublished": "2024-10-29T14:05:00+07:00",
        },
        {
            "@type": "CorrectionComment",
            "name": "Hak Jawab",
            "text": "Budi: Tidak benar.",
            "datePublished": "2024-10-29T15:00:00+07:00",
        },
    ]


def test_article_without_notes_has_no_correction_in_json_ld(client, article):
    assert "correction" not in news_article(client.get(article.url))


def test_log_lists_notes_newest_first_filters_by_kind_and_paginates(client, article, editor):
    for n in range(22):
        with freeze_time(f"2024-10-{n + 1:02d} 07:00:00+00:00"):
            services.correction_add(
                article=article, kind="ralat", text=f"Ralat ke-{n}.", user=editor
            )
    with freeze_time("2024-11-01 07:00:00+00:00"):
        services.correction_add(article=article, kind="koreksi", text="Koreksi besar.", user=editor)
    body = client.get("/koreksi/").content.decode()
    assert body.index("Koreksi besar.") < body.index("Ralat ke-21.") < body.index("Ralat ke-3.")
    assert "Ralat ke-1." not in body  # on page 2
    assert "Ralat ke-1." in client.get("/koreksi/", {"page": 2}).content.decode()
    only = client.get("/koreksi/", {"jenis": "koreksi"}).content.decode()
    assert "Koreksi besar." in only and "Ralat ke-21." not in only
    assert client.get("/koreksi/", {"jenis": "gosip"}).status_code == 404
    assert client.get("/koreksi/", {"page": "x"}).status_code == 404
    assert client.get("/koreksi/", {"page": 9}).status_code == 404


def test_log_is_in_english_under_en(client, article, editor):
    services.correction_add(article=article, kind="koreksi", text="Korban 12.", user=editor)
    body = client.get("/en/koreksi/").content.decode()
    assert "Corrections and withdrawals" in body and "Correction" in body


def test_log_and_its_feeds_leave_out_notes_on_unpublished_stories(client, article, editor, section):
    services.correction_add(article=article, kind="koreksi", text="Terlihat.", user=editor)
    draft = ArticlePageFactory(parent=section, live=False)
    Correction.objects.create(article=draft, kind="koreksi", text="Tersembunyi.", created_by=editor)
    for url in ("/koreksi/", "/koreksi/feed/", "/koreksi/feed/atom/"):
        body = client.get(url).content.decode()
        assert "Terlihat." in body and "Tersembunyi." not in body, url


def test_log_feeds_are_valid_rss_and_atom(client, article, editor, section):
    other = ArticlePageFactory(parent=section, title="Banjir Demak")
    with freeze_time("2024-10-29 07:05:00+00:00"):
        services.correction_add(article=article, kind="koreksi", text="Korban 12.", user=editor)
    with freeze_time("2024-10-30 07:05:00+00:00"):
        services.article_withdraw(article=other, reason="Hoaks.", user=editor)
    rss = etree.fromstring(client.get("/koreksi/feed/").content)
    titles = rss.xpath("//item/title/text()")
    assert titles == ["Dicabut: Banjir Demak", "Koreksi: Gempa di Cianjur"]
    assert rss.xpath("//item/description/text()") == ["Hoaks.", "Korban 12."]
    atom = etree.fromstring(client.get("/koreksi/feed/atom/").content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert len(atom.xpath("//a:entry", namespaces=ns)) == 2


def test_footer_links_to_the_log(client, article):
    doc = lxml_html.fromstring(client.get(article.url).content)
    assert doc.xpath('//footer[@class="site-footer"]//a[@href="/koreksi/"]')


def test_a_note_purges_the_story_and_the_log(
    client, article, editor, page_cache_on, django_capture_on_commit_callbacks
):
    before = [client.get(url).content for url in (article.url, "/koreksi/", "/koreksi/feed/")]
    # Served from the page cache: the same bytes again, without rendering.
    assert client.get(article.url).content == before[0]
    with django_capture_on_commit_callbacks(execute=True):
        services.correction_add(article=article, kind="koreksi", text="Baru saja.", user=editor)
    assert "Baru saja." in client.get("/koreksi/feed/").content.decode()
    assert "Baru saja." in client.get(article.url).content.decode()
    assert "Baru saja." in client.get("/koreksi/").content.decode()


# Withdrawal -----------------------------------------------------------------------------------


@pytest.fixture
def withdrawn(section, editor):
    standing = article_publish(section, title="Harga beras naik", body="beras mahal")
    article = article_publish(section, title="Beras plastik beredar", body="beras plastik")
    with freeze_time("2024-10-29 07:05:00+00:00"):
        services.article_withdraw(
            article=article, reason="Tidak ada bukti beras plastik; sumber keliru.", user=editor
        )
    return ArticlePage.objects.get(pk=article.pk), standing


def test_withdrawn_article_answers_410_with_headline_time_and_reason(client, withdrawn):
    article, _standing = withdrawn
    response = client.get(article.url)
    assert response.status_code == 410
    body = response.content.decode()
    assert "Beras plastik beredar" in body
    assert "Tidak ada bukti beras plastik; sumber keliru." in body
    assert "Selasa, 29 Oktober 2024 14:05 WIB" in body
    assert "Berita ini telah dicabut" in body
    assert "beras plastik</p>" not in body  # not the story itself
    assert '<meta name="robots" content="noindex' in body
    assert not [o for o in jsonld(response) if "NewsArticle" in str(o["@type"])]
    english = client.get(f"/en{article.url}")
    assert (
        english.status_code == 410 and "This article has been withdrawn" in english.content.decode()
    )


def test_withdrawn_article_leaves_home_section_and_search(client, withdrawn, section):
    article, standing = withdrawn
    for url in ("/", section.url, "/cari/?q=beras"):
        body = client.get(url).content.decode()
        assert standing.url in body, url
        assert article.url not in body, url


def test_withdrawn_article_leaves_feeds_and_sitemaps(client, withdrawn, section):
    article, standing = withdrawn
    urls = [
        "/feed/",
        "/feed/atom/",
        "/feed/rubrik/luar-negeri/",
        "/sitemap-articles.xml",
        "/sitemap-news.xml",
    ]
    for url in urls:
        body = client.get(url).content.decode()
        assert standing.url in body or standing.title in body, url
        assert article.title not in body and article.url not in body, url


def test_withdrawals_are_listed_in_the_public_log(client, withdrawn):
    article, _standing = withdrawn
    for url in ("/koreksi/", "/koreksi/?jenis=pencabutan"):
        body = client.get(url).content.decode()
        assert "Beras plastik beredar" in body and "sumber keliru" in body
    assert "Beras plastik" not in client.get("/koreksi/?jenis=koreksi").content.decode()


def test_a_story_withdrawn_under_embargo_stays_out_of_the_log(client, withdrawn):
    article, _standing = withdrawn
    ArticlePage.objects.filter(pk=article.pk).update(
        embargo_until=timezone.now() + datetime.timedelta(hours=2)
    )
    assert "Beras plastik beredar" not in client.get("/koreksi/").content.decode()
    assert client.get(article.url).status_code == 404


def test_readers_cannot_comment_on_a_withdrawn_article(client, withdrawn):
    article, standing = withdrawn
    # The live comment section of a standing story answers; a withdrawn one's is gone.
    assert client.get(f"/komentar/artikel/{standing.pk}/").status_code == 200
    assert client.get(f"/komentar/artikel/{article.pk}/").status_code == 404


def test_an_undone_withdrawal_brings_the_story_back_everywhere(
    client, withdrawn, section, editor, page_cache_on, django_capture_on_commit_callbacks
):
    article, _standing = withdrawn
    assert client.get(article.url).status_code == 410
    assert "Beras plastik beredar" not in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.article_reinstate(article=article, reason="Uji lab membuktikan.", user=editor)
    page = client.get(article.url)
    assert page.status_code == 200
    assert "Uji lab membuktikan." in page.content.decode()
    assert "Beras plastik beredar" in client.get("/").content.decode()
    assert "Beras plastik beredar" in client.get("/feed/").content.decode()
    assert article.url in client.get("/sitemap-articles.xml").content.decode()


# Unverified and advertorial -------------------------------------------------------------------


def test_unverified_story_carries_the_notice(client, section):
    article = ArticlePageFactory(parent=section, unverified=True)
    assert "Berita ini masih menunggu verifikasi." in client.get(article.url).content.decode()
    other = ArticlePageFactory(parent=section)
    assert "menunggu verifikasi" not in client.get(other.url).content.decode()


def test_unverified_story_is_labelled_on_cards_in_json_ld_and_feeds(client, section):
    article_publish(section, title="Kabar belum pasti", unverified=True)
    article_publish(section, title="Kabar pasti")
    home = lxml_html.fromstring(client.get("/").content)

    def card(title):
        return home.xpath(f'//article[contains(@class, "card")][.//a[text()="{title}"]]')[0]

    label = './/p[contains(@class, "label--unverified")]'
    assert card("Kabar belum pasti").xpath(f"{label}/text()") == ["Menunggu verifikasi"]
    assert not card("Kabar pasti").xpath(label)
    unverified = ArticlePage.objects.get(title="Kabar belum pasti")
    assert news_article(client.get(unverified.url))["creativeWorkStatus"] == "Unverified"
    checked = ArticlePage.objects.get(title="Kabar pasti")
    assert "creativeWorkStatus" not in news_article(client.get(checked.url))
    rss = etree.fromstring(client.get("/feed/").content)
    assert "Menunggu verifikasi" in rss.xpath('//item[title="Kabar belum pasti"]/category/text()')
    assert "Menunggu verifikasi" not in rss.xpath('//item[title="Kabar pasti"]/category/text()')


def test_advertorial_is_labelled_and_its_links_sponsored(client, section):
    article = ArticlePageFactory(
        parent=section,
        title="Promo pupuk organik",
        sponsored=True,
        body=[("paragraph", '<p>Kunjungi <a href="https://pupuk.example/">toko</a>.</p>')],
        source_name="PT Pupuk Organik",
        source_url="https://pupuk.example/siaran",
    )
    response = client.get(article.url)
    doc = lxml_html.fromstring(response.content)
    assert doc.xpath('//article//p[contains(@class, "label--sponsored")]/text()') == ["Advertorial"]
    for link in doc.xpath('//article//a[starts-with(@href, "https://pupuk.example")]'):
        assert "sponsored" in link.get("rel").split()
    assert news_article(response)["@type"] == ["NewsArticle", "AdvertiserContentArticle"]
    home = lxml_html.fromstring(client.get("/").content)
    card = home.xpath('//article[contains(@class, "card")][.//a[text()="Promo pupuk organik"]]')[0]
    assert "Advertorial" in card.text_content()


def test_plain_article_links_are_not_sponsored(client, section):
    article = ArticlePageFactory(
        parent=section, body=[("paragraph", '<p><a href="https://bmkg.go.id/">BMKG</a></p>')]
    )
    doc = lxml_html.fromstring(client.get(article.url).content)
    assert doc.xpath('//a[@href="https://bmkg.go.id/"]')[0].get("rel") is None


def test_advertorial_in_feeds_and_kept_out_of_google_news(client, section):
    promo = article_publish(section, title="Promo pupuk organik", sponsored=True)
    article_publish(section, title="Harga beras naik")
    rss = etree.fromstring(client.get("/feed/").content)
    item = rss.xpath('//item[title="Advertorial: Promo pupuk organik"]')[0]
    assert "Advertorial" in item.xpath("category/text()")
    news = client.get("/sitemap-news.xml").content.decode()
    assert "Harga beras naik" in news and "Promo pupuk" not in news
    # Still an ordinary page for search engines: only Google News leaves it out.
    assert promo.url in client.get("/sitemap-articles.xml").content.decode()


def test_retitling_a_corrected_story_purges_the_log(
    client, article, editor, page_cache_on, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.correction_add(article=article, kind="koreksi", text="Korban 12.", user=editor)
    assert "Gempa di Cianjur" in client.get("/koreksi/").content.decode()
    article.title = "Gempa M5,6 di Cianjur"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision(user=editor).publish(user=editor)
    assert "Gempa M5,6 di Cianjur" in client.get("/koreksi/").content.decode()
