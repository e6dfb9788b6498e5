"""The search page: filters, order, pages, snippets, promotions, statistics, bad input."""

import datetime

import pytest
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query

from kabar.news.tests.factories import SectionPageFactory
from kabar.search import selectors

from .conftest import result_titles


def test_results_page_is_not_indexed_by_robots(publish, search):
    publish("Banjir di Jakarta")
    response = search("banjir")
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex, follow">' in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, follow"
    # Every search is counted for the editors' report, so no cache may answer it.
    assert "no-store" in response["Cache-Control"]


def test_section_filter_includes_subsections_and_secondary_listings(publish, search, home, section):
    economy = SectionPageFactory(parent=home, title="Ekonomi", slug="ekonomi")
    markets = SectionPageFactory(parent=economy, title="Pasar", slug="pasar")
    publish("Harga beras naik di Luar Negeri")
    publish("Harga beras naik di pasar induk", parent=markets)
    listed = publish("Harga beras dunia", secondary_sections=[economy])
    assert listed.secondary_sections.filter(pk=economy.pk).exists()
    titles = result_titles(search("beras", section=economy.pk))
    assert sorted(titles) == ["Harga beras dunia", "Harga beras naik di pasar induk"]


def test_date_filter_keeps_whole_local_days(publish, search):
    now = timezone.localtime()
    publish("Hujan es hari ini", days_ago=0)
    publish("Hujan es kemarin lusa", days_ago=2)
    publish("Hujan es sepekan lalu", days_ago=7)
    day = (now - datetime.timedelta(days=2)).date()
    assert result_titles(search("hujan", date_from=day, date_to=day)) == ["Hujan es kemarin lusa"]
    assert set(result_titles(search("hujan", date_from=day))) == {
        "Hujan es hari ini",
        "Hujan es kemarin lusa",
    }
    assert result_titles(search("hujan", date_to=now.date() - datetime.timedelta(days=3))) == [
        "Hujan es sepekan lalu"
    ]


def test_newest_first_sort_orders_by_publication(publish, search):
    publish("Pemilu: hasil hitung cepat pemilu pemilu pemilu", days_ago=9)
    publish("Pemilu berjalan lancar", days_ago=1)
    publish("Kampanye pemilu dimulai", days_ago=5)
    assert result_titles(search("pemilu", sort="newest")) == [
        "Pemilu berjalan lancar",
        "Kampanye pemilu dimulai",
        "Pemilu: hasil hitung cepat pemilu pemilu pemilu",
    ]


def test_relevance_ranks_the_newer_of_two_equal_matches_first(publish, search):
    publish("Festival kuliner Nusantara", body="Festival kuliner digelar.", days_ago=40)
    publish(
        "Festival kuliner Nusantara",
        body="Festival kuliner digelar.",
        days_ago=2,
        slug="festival-baru",
    )
    response = search("kuliner")
    assert [a.slug for a in response.context["outcome"].page.object_list][0] == "festival-baru"


def test_relevance_keeps_a_strong_match_above_a_passing_mention(publish, search):
    publish(
        "Sawit",
        body="Kebun sawit meluas. "
        + "Panen raya tiba di desa. " * 30
        + "Petani juga menanam kopi.",
        days_ago=1,
    )
    publish(
        "Kopi Gayo mendunia", body="Kopi Gayo diekspor. Kopi arabika kopi robusta.", days_ago=20
    )
    assert result_titles(search("kopi"))[0] == "Kopi Gayo mendunia"


def test_freshness_blend_prefers_newer_among_equals():
    now = timezone.now()

    class Hit:
        def __init__(self, pk, score, days):
            self.pk, self._score = pk, score
            self.first_published_at = now - datetime.timedelta(days=days)

    old, new, weak = Hit(1, -4.0, 60), Hit(2, -4.0, 1), Hit(3, -1.0, 0)
    assert [h.pk for h in selectors.search_rank([old, weak, new], now=now)] == [2, 1, 3]


def test_pagination_is_numbered_and_forgiving(publish, search, monkeypatch):
    monkeypatch.setattr(selectors, "PER_PAGE", 3)
    for n in range(7):
        publish(f"Mudik lebaran bagian {n}", days_ago=n + 1)
    first = search("mudik")
    body = first.content.decode()
    assert 'aria-current="page"' in body and "page=3" in body and "q=mudik" in body
    pages = [result_titles(search("mudik", page=n)) for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [3, 3, 1]
    assert sorted(sum(pages, [])) == [f"Mudik lebaran bagian {n}" for n in range(7)]
    assert result_titles(search("mudik", page="99")) == pages[2]
    assert result_titles(search("mudik", page="abc")) == pages[0]
    newest = search("mudik", sort="newest", page=2)
    assert result_titles(newest) == [f"Mudik lebaran bagian {n}" for n in (3, 4, 5)]


def test_snippets_highlight_matches_and_escape_html(publish, search):
    publish(
        "Banjir <script>alert(1)</script> surut",
        summary="",
        body="Warga &lt;b&gt;Kampung&lt;/b&gt; bersiap. Pembangunan tanggul dilanjutkan.",
    )
    body = search("membangun banjir").content.decode()
    assert "<mark>Banjir</mark> &lt;script&gt;alert(1)&lt;/script&gt; surut" in body
    assert "<mark>Pembangunan</mark> tanggul" in body
    assert "&lt;b&gt;Kampung&lt;/b&gt;" in body
    assert "<script>alert(1)" not in body and "<b>Kampung" not in body


def test_editors_promotions_appear_above_results(publish, search):
    guide = publish("Panduan lengkap mencoblos", body="Cara memilih di TPS.")
    withdrawn = publish("Panduan lama")
    publish("Pemilu damai di desa")
    query = Query.get("pemilu")
    query.editors_picks.create(page=guide, sort_order=0, description="Semua yang perlu Anda tahu.")
    query.editors_picks.create(page=withdrawn, sort_order=1)
    query.editors_picks.create(
        external_link_url="https://kpu.go.id/", external_link_text="Situs KPU", sort_order=2
    )
    withdrawn.unpublish()
    body = search("  Pemilu ").content.decode()
    promoted = body[body.index('class="search-promotions"') : body.index('class="search-results"')]
    assert "Panduan lengkap mencoblos" in promoted and "Semua yang perlu Anda tahu." in promoted
    assert "https://kpu.go.id/" in promoted and "Panduan lama" not in promoted


def test_promotions_match_the_query_without_its_stopwords(publish, search):
    guide = publish("Panduan mudik")
    Query.get("jadwal mudik").editors_picks.create(page=guide, sort_order=0)
    assert "search-promotions" in search("jadwal yang mudik").content.decode()


def test_searches_are_counted_for_the_editors_report(publish, search):
    for n in range(12):
        publish(f"Harga emas hari ke-{n}")
    search("Harga  EMAS")
    search("harga emas", page=2)
    search("harga emas", sort="newest")
    search("!!!")
    assert Query.get("harga emas").hits == 2
    assert not Query.objects.filter(query_string="!!!").exists()


def test_empty_result_offers_the_search_without_filters(publish, search):
    publish("Gunung Merapi erupsi", days_ago=30)
    publish("Pasar murah digelar")
    response = search("merapi", date_from=timezone.localdate())
    body = response.content.decode()
    assert response.status_code == 200 and result_titles(response) == []
    assert "Cari di semua rubrik dan tanggal: 1 artikel." in body
    assert 'href="/cari/?q=merapi"' in body
    latest = [a.title for a in response.context["suggestions"]["latest"]]
    assert latest == ["Pasar murah digelar", "Gunung Merapi erupsi"]


def test_empty_result_offers_each_word_on_its_own(publish, search):
    publish("Gunung Merapi erupsi")
    publish("Bandara Adisutjipto sibuk")
    publish("Bandara Kualanamu sibuk")
    response = search("merapi bandara")
    assert result_titles(response) == []
    assert response.context["suggestions"]["single_words"] == [
        ("merapi", 1, False),
        ("bandara", 2, False),
    ]
    assert "Cari “bandara” saja: 2 artikel." in response.content.decode()


def test_empty_search_invites_a_query_and_shows_latest(publish, search):
    publish("Pasar murah digelar")
    response = search()
    assert response.status_code == 200
    assert [a.title for a in response.context["suggestions"]["latest"]] == ["Pasar murah digelar"]


def test_page_speaks_indonesian_by_default_and_english_under_en(publish, client, home):
    publish("Banjir di Jakarta")
    assert "1 artikel ditemukan" in client.get("/cari/", {"q": "banjir"}).content.decode()
    assert "1 article found" in client.get("/en/cari/", {"q": "banjir"}).content.decode()


def test_query_count_does_not_grow_with_results(publish, search, django_assert_max_num_queries):
    publish("Kereta cepat beroperasi")
    search("kereta")
    with django_assert_max_num_queries(40) as few:
        search("kereta")
    for n in range(8):
        publish(f"Kereta cepat hari ke-{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        search("kereta")


BAD_INPUT = [
    {"q": ""},
    {"q": "     "},
    {"q": "kereta " * 2000},
    {"q": "!!! ??? ..."},
    {"q": "'; DROP TABLE wagtailcore_page; --"},
    {"q": "' OR 1=1 --"},
    {"q": "<script>alert('x')</script>"},
    {"q": '"kereta cepat'},
    {"q": "kereta\x00cepat"},
    {"q": "\x00"},
    {"q": "AND OR NOT NEAR("},
    {"q": "title:kereta *"},
    {"q": "%_\\"},
    {"q": "kereta", "date_from": "2024-13-45"},
    {"q": "kereta", "date_to": "kemarin"},
    {"q": "kereta", "date_from": "0001-01-01"},
    {"q": "kereta", "date_from": "2025-01-02", "date_to": "2025-01-01"},
    {"q": "kereta", "section": "abc"},
    {"q": "kereta", "section": "999999"},
    {"q": "kereta", "section": "9" * 30},
    {"q": "kereta", "date_to": "99999-01-01"},
    {"q": "kereta", "sort": "bogus"},
    {"q": "kereta", "page": "-1"},
    {"q": "kereta", "page": "1e9"},
]


def test_bad_input_answers_with_a_clean_page(publish, search):
    publish("Kereta cepat beroperasi")
    for params in BAD_INPUT:
        response = search(**params)
        assert response.status_code == 200, params
        assert "search-status" in response.content.decode(), params


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "kereta", "date_from": "2024-13-45"}, "Masukkan tanggal mulai"),
        (
            {"q": "kereta", "date_from": "2025-01-02", "date_to": "2025-01-01"},
            "Tanggal akhir harus sama dengan atau sesudah tanggal mulai.",
        ),
        ({"q": "kereta", "section": "999999"}, "Rubrik itu tidak ada"),
        ({"q": "!!!"}, "Ketik setidaknya satu kata"),
        ({"q": "kereta " * 100}, "hanya kata-kata pertamanya"),
    ],
)
def test_bad_input_is_explained(publish, search, params, message):
    publish("Kereta cepat beroperasi")
    assert message in search(**params).content.decode()


def test_invalid_filter_is_ignored_and_the_search_still_runs(publish, search):
    publish("Kereta cepat beroperasi")
    response = search("kereta", date_from="2024-13-45", section="abc")
    assert result_titles(response) == ["Kereta cepat beroperasi"]


def test_filters_fold_away_until_the_reader_uses_them(publish, search):
    publish("Banjir di Jakarta")
    folded = search("banjir").content.decode()
    assert '<details class="search-page__more">' in folded
    chosen = search("banjir", sort="newest").content.decode()
    assert '<details class="search-page__more" open>' in chosen
    wrong = search("banjir", date_from="kemarin").content.decode()
    assert '<details class="search-page__more" open>' in wrong


def test_a_long_query_is_cut_at_a_word_boundary(publish, search):
    publish("Pembangunan jalan tol")
    words = ["pembangunan"] * 16 + ["jalan"] * 10  # 16 × 12 + 10 × 6 = 252 characters
    response = search(" ".join(words))
    query = response.context["form"].cleaned_data["q"]
    assert len(query) <= 200 and query.split() == words[: len(query.split())]
    assert query.endswith("jalan") and len(query) > 190
    assert response.context["query_was_cut"]
    assert 'maxlength="200"' not in response.content.decode()


def test_a_single_overlong_word_is_cut_at_the_limit():
    from kabar.search.forms import query_shorten

    assert query_shorten("a" * 250) == "a" * 200
    assert query_shorten("kata " * 40 + "x") == ("kata " * 40).strip()
