import pytest

from kabar.search.analysis import query_terms, text_stems, word_stem, word_term


@pytest.mark.parametrize(
    ("forms", "root"),
    [
        (["membangun", "pembangunan", "dibangun", "bangun"], "bangun"),
        (["kementerian", "menteri"], "menteri"),
        (["penyelesaian", "menyelesaikan", "selesai"], "selesai"),
        (["pertemuan", "bertemu", "mempertemukan"], "temu"),
    ],
)
def test_affixed_and_root_forms_share_a_stem(forms, root):
    assert {word_stem(form) for form in forms} == {root}


@pytest.mark.parametrize("word", ["antara", "tni", "dpr", "bali", "kediri", "terawan", "pemilu"])
def test_protected_words_are_not_stemmed(word):
    assert word_stem(word) == word
    # Marked with a digit in the index, so PostgreSQL's own stemmer leaves them alone too.
    assert word_term(word) == word + "0"


def test_names_without_a_known_root_keep_their_form():
    assert text_stems("Prabowo Subianto bertemu Megawati") == "prabowo subianto temu megawati"


def test_indexed_text_drops_stopwords_but_keeps_the_news_agency():
    stems = text_stems("BEIJING (ANTARA) - Pembangunan jalan yang dibangun di antara desa dan kota")
    assert stems.split() == [
        "beijing",
        "antara0",
        "bangun",
        "jalan",
        "bangun",
        "antara0",
        "desa",
        "kota",
    ]


def test_query_leaves_stopwords_out_and_says_which():
    terms = query_terms("pembangunan jembatan yang di Jakarta")
    assert terms.words == ("pembangunan", "jembatan", "jakarta")
    assert terms.stems == ("bangun", "jembatan", "jakarta")
    assert terms.ignored == ("yang", "di")


def test_query_of_only_stopwords_is_searched_as_typed():
    terms = query_terms("yang dan")
    assert terms.words == ("yang", "dan") and terms.ignored == ()


@pytest.mark.parametrize("raw", ["", "   ", "!!! ??? ...", "'\"()*-+:^", "<>&;", "\x00\x00", "---"])
def test_query_without_words_is_empty(raw):
    assert not query_terms(raw)


def test_query_keeps_only_letters_and_digits():
    terms = query_terms('\'; DROP TABLE wagtailcore_page; -- <script>"G20" NEAR(')
    assert terms.words == ("drop", "table", "wagtailcore", "page", "script", "g20", "near")


def test_query_is_cut_to_a_dozen_words():
    terms = query_terms(" ".join(f"kata{n}" for n in range(40)))
    assert len(terms.words) == 12 and terms.shortened


def test_query_terms_match_article_words_by_form_or_root():
    terms = query_terms("Membangun")
    assert terms.matches("pembangunan") and terms.matches("MEMBANGUN")
    assert not terms.matches("jembatan")
