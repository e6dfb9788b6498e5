"""The demo newsroom's corrections: one story of each kind of note, and one withdrawn story.

Called by the news demo loader through the `demo_newsroom_loaded` hook, inside its
transaction, so a fresh `make run` shows every part of the press code at once.
"""

import datetime

from kabar.news.models import ArticlePage

from .models import Correction

# (article slug, kind, party, text, hours after first publication)
NOTES = (
    (
        "kasus-demam-berdarah-naik-di-awal-musim-hujan",
        Correction.Kind.RALAT,
        "",
        "Sebelumnya tertulis dr. Maria Ulfa sebagai kepala dinas kesehatan. Yang benar, "
        "ia kepala puskesmas. Redaksi mohon maaf atas kekeliruan ini.",
        3,
    ),
    (
        "harga-cabai-rawit-melonjak-pedagang-keluhkan-sepi-pembeli",
        Correction.Kind.KOREKSI,
        "",
        "Versi sebelumnya menyebut harga cabai rawit merah Rp180.000 per kilogram. Harga "
        "yang benar menurut pantauan dinas perdagangan adalah Rp80.000 per kilogram. "
        "Judul dan isi berita telah diperbaiki.",
        6,
    ),
    (
        "pasar-tradisional-mulai-terima-pembayaran-qris",
        Correction.Kind.HAK_JAWAB,
        "Paguyuban Pedagang Pasar Klender",
        "Kami menegaskan bahwa pedagang tidak dikenai biaya tambahan untuk menerima "
        "pembayaran QRIS, berbeda dengan kesan yang mungkin timbul dari berita ini. "
        "Biaya layanan ditanggung pengelola pasar selama masa uji coba.",
        26,
    ),
)
WITHDRAWN = (
    "beredar-kabar-beras-plastik-di-pasar-cikarang",
    "Berita ini bersandar pada pesan berantai yang tidak dapat diverifikasi. Uji "
    "laboratorium Balai Besar POM tidak menemukan plastik pada sampel beras dari pasar "
    "tersebut. Redaksi mencabut berita ini dan meminta maaf kepada pedagang dan pembaca.",
    9,
)


def demo_corrections_load() -> int:
    """Attach the demo notes and withdraw the demo's unfounded story; returns how many notes."""
    made = 0
    for slug, kind, party, text, hours in NOTES:
        article = ArticlePage.objects.filter(slug=slug).first()
        if article is None:
            continue
        when = article.first_published_at + datetime.timedelta(hours=hours)
        Correction.objects.create(
            article=article, kind=kind, party=party, text=text, created_at=when
        )
        made += 1
    slug, reason, hours = WITHDRAWN
    article = ArticlePage.objects.filter(slug=slug).first()
    if article is not None:
        # The demo has no staff accounts yet: the service's role check has nobody to check.
        ArticlePage.objects.filter(pk=article.pk).update(
            withdrawn_at=article.first_published_at + datetime.timedelta(hours=hours),
            withdrawn_reason=reason,
        )
    return made
