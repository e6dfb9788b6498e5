"""The demo newsroom's structure: sections, staff, pictures and the front page's picks."""

from . import Illustration, Person, Section

SECTIONS = (
    Section(
        "dalam-negeri",
        "Dalam Negeri",
        "Berita politik, hukum, pendidikan, kesehatan dan peristiwa dari seluruh Indonesia.",
    ),
    Section(
        "daerah",
        "Daerah",
        "Kabar dari provinsi, kabupaten dan kota di seluruh Nusantara.",
        parent="dalam-negeri",
    ),
    Section("luar-negeri", "Luar Negeri", "Peristiwa dunia, diplomasi dan hubungan internasional."),
    Section("ekonomi", "Ekonomi", "Bisnis, keuangan, harga pangan dan ekonomi rakyat."),
    Section(
        "olahraga", "Olahraga", "Sepak bola, bulu tangkis, balap dan prestasi atlet Indonesia."
    ),
    Section("teknologi", "Teknologi", "Gawai, internet, sains dan inovasi digital."),
)

PEOPLE = (
    Person(
        "rina-wulandari",
        "Rina Wulandari",
        "Pemimpin Redaksi",
        "Rina memimpin redaksi Kabar Harapan sejak 2021. Sebelumnya ia dua belas tahun meliput "
        "politik dan pemerintahan di Jakarta. Lulusan Ilmu Komunikasi Universitas Padjadjaran.",
        (150, 40, 60),
    ),
    Person(
        "bayu-prasetyo",
        "Bayu Prasetyo",
        "Redaktur Luar Negeri",
        "Bayu menyunting berita internasional dan kiriman kantor berita. Ia pernah menjadi "
        "koresponden di Kuala Lumpur dan gemar menulis tentang diplomasi Asia Tenggara.",
        (30, 90, 150),
    ),
    Person(
        "dewi-anggraini",
        "Dewi Anggraini",
        "Wartawan Dalam Negeri",
        "Dewi meliput pendidikan, kesehatan dan pelayanan publik. Liputannya tentang sekolah di "
        "daerah terpencil masuk nominasi penghargaan jurnalistik tingkat nasional.",
        (40, 130, 100),
    ),
    Person(
        "hendra-siregar",
        "Hendra Siregar",
        "Wartawan Ekonomi",
        "Hendra menulis tentang harga pangan, UMKM dan pasar modal. Sebelum bergabung dengan "
        "Kabar Harapan, ia bekerja sebagai analis di sebuah koperasi di Medan.",
        (170, 110, 20),
    ),
    Person(
        "putri-maharani",
        "Putri Maharani",
        "Wartawan Olahraga dan Teknologi",
        "Putri meliput sepak bola, bulu tangkis dan dunia rintisan digital. Ia juga mengasuh "
        "rubrik tanya-jawab gawai setiap akhir pekan.",
        (100, 60, 160),
    ),
    Person(
        "agus-setiawan",
        "Agus Setiawan",
        "Fotografer",
        "Agus telah memotret peristiwa di 30 provinsi, dari letusan gunung api sampai final "
        "sepak bola. Karyanya beberapa kali dipamerkan di Galeri Foto Jurnalistik.",
        (60, 70, 80),
    ),
)

ILLUSTRATIONS = {
    "diplomasi": Illustration(
        "Ilustrasi diplomasi internasional", "Diplomasi", (110, 20, 40), (230, 110, 60), "rings"
    ),
    "dunia": Illustration("Ilustrasi bola dunia", "Dunia", (15, 45, 100), (40, 140, 200), "rings"),
    "kota": Illustration(
        "Ilustrasi gedung perkotaan", "Perkotaan", (20, 40, 90), (60, 120, 190), "skyline"
    ),
    "cuaca": Illustration(
        "Ilustrasi hujan dan banjir", "Cuaca", (20, 70, 90), (60, 170, 170), "waves"
    ),
    "laut": Illustration(
        "Ilustrasi laut Nusantara", "Maritim", (10, 30, 80), (20, 110, 160), "waves"
    ),
    "ekonomi": Illustration(
        "Ilustrasi grafik pertumbuhan", "Ekonomi", (20, 80, 45), (110, 190, 110), "bars"
    ),
    "pasar-modal": Illustration(
        "Ilustrasi pasar modal", "Pasar modal", (50, 20, 90), (140, 80, 190), "bars"
    ),
    "pertanian": Illustration(
        "Ilustrasi sawah dan perbukitan", "Pertanian", (30, 90, 110), (150, 200, 120), "hills"
    ),
    "energi": Illustration(
        "Ilustrasi energi surya", "Energi", (160, 60, 20), (240, 180, 60), "rays"
    ),
    "pendidikan": Illustration(
        "Ilustrasi pendidikan", "Pendidikan", (60, 30, 110), (200, 90, 140), "rays"
    ),
    "sepak-bola": Illustration(
        "Ilustrasi lapangan sepak bola", "Olahraga", (20, 90, 40), (80, 170, 80), "pitch"
    ),
    "teknologi": Illustration(
        "Ilustrasi sirkuit digital", "Teknologi", (10, 25, 60), (20, 120, 150), "grid"
    ),
    "transportasi": Illustration(
        "Ilustrasi jalur kereta", "Transportasi", (40, 50, 70), (120, 140, 170), "tracks"
    ),
}

# The seed story's furniture; its text, dateline and headline come from the seed page.
LEAD_STORY = {
    "slug": "china-minta-semua-menahan-diri-soal-pengerahan-tentara-korut-ke-rusia",
    "section": "luar-negeri",
    "published": "2024-10-30 10:00",
    "kicker": "Krisis Ukraina",
    "summary": (
        "Beijing menyerukan semua pihak meredakan ketegangan setelah Ukraina melaporkan "
        "pengerahan pasukan Korea Utara ke wilayah Kursk, Rusia."
    ),
    "tags": ("China", "Korea Utara", "Rusia", "Ukraina"),
    "authors": (("bayu-prasetyo", "editor"),),
    "image": "diplomasi",
    "image_caption": "Ilustrasi diplomasi dan hubungan antarnegara.",
    "source": ("ANTARA", ""),
}
TOP_STORIES = (
    "pemerintah-perpanjang-diskon-tiket-kereta-untuk-libur-akhir-tahun",
    "harga-beras-medium-turun-di-pasar-induk-jelang-panen-raya",
    "timnas-u-20-lolos-ke-putaran-final-piala-asia",
    "startup-surabaya-kembangkan-aplikasi-pemantau-kualitas-air",
)
# The front page's section blocks as the desk arranged them (section, stories shown, pinned
# stories): the economy desk leads with a pinned explainer, the regions get a block of their
# own, and Luar Negeri (which has the lead story) sits lower.
FRONT_SECTIONS = (
    ("ekonomi", 4, ("pasar-tradisional-mulai-terima-pembayaran-qris",)),
    ("dalam-negeri", 4, ()),
    ("daerah", 3, ()),
    ("olahraga", 4, ("pebulu-tangkis-muda-indonesia-juarai-turnamen-di-bangkok",)),
    ("teknologi", 3, ()),
    ("luar-negeri", 4, ()),
)
HOME_PUBLISHED = "2024-09-01 06:00"
FOOTER_TEXT = (
    "Kabar Harapan: berita dalam negeri dan luar negeri yang terpercaya. "
    "© 2024 Kabar Harapan. Hak cipta dilindungi undang-undang."
)
SOCIAL_LINKS = (
    ("facebook", "https://www.facebook.com/kabarharapan"),
    ("x", "https://x.com/kabarharapan"),
    ("instagram", "https://www.instagram.com/kabarharapan"),
    ("youtube", "https://www.youtube.com/@kabarharapan"),
)

# The breaking-news banner points at the running live coverage while the demo is fresh.
BREAKING_STORY = "laporan-langsung-banjir-rendam-jakarta-timur"
