import pytest

from kabar.search.analysis import query_terms


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
