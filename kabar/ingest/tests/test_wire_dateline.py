"""Datelines as agencies really write them, and openings that only look like one."""

import pytest

from kabar.ingest.wire.dateline import dateline_parse

REST = "Pemerintah menyatakan hal itu pada Rabu."

VARIANTS = [
    ("BEIJING (ANTARA) – ", "Beijing", "ANTARA"),
    ("BEIJING (ANTARA) - ", "Beijing", "ANTARA"),
    ("BEIJING (ANTARA) — ", "Beijing", "ANTARA"),
    ("Jakarta (ANTARA) - ", "Jakarta", "ANTARA"),
    ("Jakarta (ANTARA) -- ", "Jakarta", "ANTARA"),
    ("Jakarta (ANTARA)- ", "Jakarta", "ANTARA"),
    ("Jakarta (ANTARA)—", "Jakarta", "ANTARA"),
    ("JAKARTA, ANTARA - ", "Jakarta", "ANTARA"),
    ("JAKARTA, ANTARA–", "Jakarta", "ANTARA"),
    ("Jakarta, ANTARA News - ", "Jakarta", "ANTARA News"),
    ("JAKARTA (ANTARA News) - ", "Jakarta", "ANTARA News"),
    ("KUALA LUMPUR (ANTARA) – ", "Kuala Lumpur", "ANTARA"),
    ("Banda Aceh (ANTARA) - ", "Banda Aceh", "ANTARA"),
    ("Nusa Dua, Bali (ANTARA) - ", "Nusa Dua, Bali", "ANTARA"),
    ("Jakarta, 29/10 (ANTARA) - ", "Jakarta", "ANTARA"),
    ("Jakarta, 29/10/2024 (ANTARA) - ", "Jakarta", "ANTARA"),
    ("PARIS, 30 Okt (AFP) - ", "Paris", "AFP"),
    ("Jakarta, Selasa (ANTARA) - ", "Jakarta", "ANTARA"),
    ("Jakarta, Selasa (29/10) (ANTARA) - ", "Jakarta", "ANTARA"),
    ("LONDON (Reuters) - ", "London", "Reuters"),
    ("WASHINGTON (AP) — ", "Washington", "AP"),
    ("TOKYO (Kyodo) - ", "Tokyo", "Kyodo"),
    ("Kota Bharu (Bernama) -- ", "Kota Bharu", "Bernama"),
    ("Jakarta (ANTARA/JACX) - ", "Jakarta", "ANTARA"),
    ("JAKARTA, KOMPAS.com - ", "Jakarta", "KOMPAS.com"),
    ("Jakarta, CNN Indonesia -- ", "Jakarta", "CNN Indonesia"),
    ("JAKARTA, Kabar Harapan — ", "Jakarta", "Kabar Harapan"),
    ("RIO DE JANEIRO (Reuters) - ", "Rio de Janeiro", "Reuters"),
    ("NEW YORK (ANTARA) – ", "New York", "ANTARA"),
    ("JAKARTA - ", "Jakarta", ""),
    ("JAKARTA — ", "Jakarta", ""),
    ("DENPASAR, 30/10 - ", "Denpasar", ""),
    ("  Surabaya (ANTARA) - ", "Surabaya", "ANTARA"),
    ("Jakarta\u00a0(ANTARA)\u00a0-\u00a0", "Jakarta", "ANTARA"),
    ("Jakarta, (ANTARA) - ", "Jakarta", "ANTARA"),
    ("SÃO PAULO (Reuters) - ", "São Paulo", "Reuters"),
]


@pytest.mark.parametrize(("prefix", "place", "agency"), VARIANTS)
def test_dateline_variants(prefix, place, agency):
    dateline = dateline_parse(prefix + REST)
    assert (dateline.place, dateline.agency) == (place, agency)
    assert (prefix + REST)[dateline.length :] == REST


NOT_DATELINES = [
    REST,
    "Presiden Joko Widodo - yang hadir - mengatakan hal itu.",
    "Menurut dia, hal itu - kata sumber - tidak benar.",
    "Pemerintah - melalui kementerian - menyatakan.",
    "Nusa Dua, Bali - pulau dewata - ramai.",
    "2024 - tahun politik.",
    "",
]


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_text_without_dateline_has_none(text):
    assert not dateline_parse(text)


def test_an_agency_named_by_the_source_counts_after_a_comma():
    assert not dateline_parse("Palu, Sulteng Pos - Warga berkumpul.")
    dateline = dateline_parse("Palu, Sulteng Pos - Warga berkumpul.", agencies=("Sulteng Pos",))
    assert (dateline.place, dateline.agency) == ("Palu", "Sulteng Pos")
