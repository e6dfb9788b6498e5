"""What the search box finds: Indonesian forms, stopwords, protected words, every field."""

import pytest

from .conftest import result_titles


@pytest.mark.parametrize(
    ("indexed", "query"),
    [
        ("Pembangunan jembatan Kali Bekasi", "membangun"),
        ("Warga membangun jembatan baru", "pembangunan"),
        ("Jembatan dibangun dalam tiga bulan", "bangun"),
        ("Kementerian Keuangan umumkan anggaran", "menteri"),
        ("Menteri Keuangan umumkan anggaran", "kementerian"),
        ("Penyelesaian sengketa lahan", "menyelesaikan"),
        ("Pemerintah menyelesaikan sengketa lahan", "selesai"),
        ("Sengketa lahan akhirnya selesai", "penyelesaian"),
    ],
)
def test_affixed_and_root_forms_find_each_other(publish, search, indexed, query):
    publish(indexed)
    publish("Cuaca cerah di pesisir utara")
    assert result_titles(search(query)) == [indexed]


def test_body_summary_tags_authors_and_dateline_are_searched(publish, search, author):
    publish("Satu", body="Nelayan menangkap ikan tongkol.")
    publish("Dua", summary="Harga cabai naik menjelang Lebaran.")
    publish("Tiga", tags=["Korea Utara"])
    publish("Empat", authors=[author])
    publish("Lima", dateline_place="Beijing", dateline_agency="ANTARA")
    assert result_titles(search("tongkol")) == ["Satu"]
    assert result_titles(search("cabai")) == ["Dua"]
    assert result_titles(search("korea utara")) == ["Tiga"]
    assert result_titles(search("Kartika")) == ["Empat"]
    assert result_titles(search("beijing")) == ["Lima"]


def test_every_word_must_match(publish, search):
    publish("Banjir melanda Jakarta")
    publish("Banjir melanda Semarang")
    assert result_titles(search("banjir jakarta")) == ["Banjir melanda Jakarta"]


def test_stopwords_in_the_query_do_not_narrow_the_search(publish, search):
    publish("Jembatan Suramadu diperbaiki")
    response = search("yang di jembatan dari Suramadu")
    assert result_titles(response) == ["Jembatan Suramadu diperbaiki"]
    assert "yang, di, dari" in response.content.decode()


def test_stopwords_do_not_drown_the_ranking(publish, search):
    publish(
        "Rapat warga yang ramai",
        body="Dan yang di sana dan yang di sini, dari pagi ke sore, yang datang dan pergi; "
        "sempat pula disebut soal irigasi.",
        days_ago=1,
    )
    publish("Irigasi sawah diperluas", body="Irigasi baru mengairi sawah petani.", days_ago=1)
    assert result_titles(search("irigasi yang di dan dari"))[0] == "Irigasi sawah diperluas"


def test_news_agency_is_found_as_a_word_not_as_a_stopword(publish, search):
    publish("Laporan dari Beijing", dateline_place="Beijing", dateline_agency="ANTARA")
    publish("Laporan dari Surabaya", dateline_place="Surabaya", dateline_agency="Reuters")
    assert result_titles(search("ANTARA")) == ["Laporan dari Beijing"]


@pytest.mark.parametrize(
    ("title", "query"),
    [
        ("Panglima TNI tinjau perbatasan", "tni"),
        ("DPR sahkan undang-undang", "DPR"),
        ("Wisata Bali pulih", "Bali"),
    ],
)
def test_protected_acronyms_and_names_match_as_written(publish, search, title, query):
    publish(title)
    publish("Berita lain tentang cuaca")
    assert result_titles(search(query)) == [title]


def test_protected_place_does_not_match_the_root_it_resembles(publish, search):
    publish("Banjir di Kediri")
    publish("Menjaga diri saat banjir", body="Cara menjaga diri sendiri.")
    assert result_titles(search("Kediri")) == ["Banjir di Kediri"]


def test_search_finds_only_live_articles(publish, search, section):
    from kabar.news.tests.factories import ArticlePageFactory

    publish("Gempa terasa di Cianjur")
    ArticlePageFactory(parent=section, title="Gempa draf belum terbit", live=False)
    withdrawn = publish("Gempa yang ditarik")
    withdrawn.unpublish()
    assert result_titles(search("gempa")) == ["Gempa terasa di Cianjur"]


def test_unpublished_changes_are_not_searchable(publish, search):
    article = publish("Gempa terasa di Cianjur")
    draft = article.get_latest_revision_as_object()
    draft.title = "Gempa rahasia redaksi"
    draft.save_revision()
    assert result_titles(search("rahasia")) == []
    assert result_titles(search("cianjur")) == ["Gempa terasa di Cianjur"]


def test_renamed_author_is_found_under_the_new_name(publish, search, author):
    publish("Liputan pasar", authors=[author])
    author.name = "Rina Wulandari"
    author.save()
    assert result_titles(search("wulandari")) == ["Liputan pasar"]
