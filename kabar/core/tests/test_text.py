"""Indonesian words, stopwords and stems, as the search index and the search box share them."""

import pytest

from kabar.core.text import text_single_line, text_stems, word_stem, word_term


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


def test_single_line_turns_breaks_and_control_characters_into_single_spaces():
    assert text_single_line(" Budi\r\n\tSantoso\x07 \u2028Jr. ") == "Budi Santoso Jr."
    assert text_single_line("Ni Luh Putu") == "Ni Luh Putu"
