"""Demo articles for Luar Negeri (invented stories and people); the lead story is the seed's."""

from . import Article, Picture, Quote, Related, Subheading

W, E, F = "penulis", "editor", "fotografer"

ARTICLES = (
    Article(
        slug="topan-landa-filipina-utara-ribuan-warga-mengungsi",
        # Casualty figures from a single local source, still being checked.
        unverified=True,
        title="Topan landa Filipina utara, ribuan warga mengungsi",
        section="luar-negeri",
        published="2024-09-08 20:00",
        kicker="Bencana",
        summary=(
            "Angin kencang dan hujan lebat memutus listrik di sejumlah kota. Tidak ada laporan "
            "warga negara Indonesia yang menjadi korban."
        ),
        dateline=("Manila", ""),
        authors=(("bayu-prasetyo", W), ("rina-wulandari", E)),
        tags=("Filipina", "Cuaca", "ASEAN"),
        image="cuaca",
        image_caption="Ilustrasi badai dan hujan lebat.",
        updated_after_hours=6,
        body=(
            "Topan disertai hujan lebat melanda wilayah utara Filipina sejak Minggu pagi. "
            "Lebih dari 8.000 warga dievakuasi ke gedung sekolah dan balai desa.",
            "Angin berkecepatan lebih dari 150 kilometer per jam menumbangkan pohon dan tiang "
            "listrik. Sejumlah penerbangan domestik dibatalkan hingga cuaca membaik.",
            Subheading("WNI diminta tetap waspada"),
            "Perwakilan Indonesia di Manila menyatakan terus memantau kondisi sekitar 300 warga "
            "negara Indonesia yang tinggal di wilayah terdampak. Hingga Minggu malam, tidak ada "
            "laporan WNI yang menjadi korban.",
            Quote(
                "Kami meminta WNI mengikuti arahan evakuasi setempat dan menyimpan nomor hotline "
                "perwakilan.",
                "Petugas perlindungan WNI di Manila",
            ),
            "Badan cuaca setempat memperkirakan topan akan bergerak ke arah barat laut dan "
            "melemah setelah melewati Laut China Selatan pada Selasa.",
        ),
    ),
    Article(
        slug="negara-asean-sepakati-peta-jalan-kurangi-sampah-plastik-laut",
        title="Negara ASEAN sepakati peta jalan kurangi sampah plastik laut",
        section="luar-negeri",
        published="2024-09-24 18:30",
        kicker="Lingkungan",
        summary=(
            "Peta jalan itu memuat target pengurangan plastik sekali pakai dan kerja sama "
            "pemantauan sampah di perairan perbatasan."
        ),
        dateline=("Kuala Lumpur", ""),
        authors=(("bayu-prasetyo", W), ("rina-wulandari", E)),
        tags=("ASEAN", "Lingkungan", "Maritim"),
        image="laut",
        image_caption="Ilustrasi perairan Asia Tenggara.",
        body=(
            "Pejabat lingkungan hidup dari negara-negara ASEAN menyepakati peta jalan bersama "
            "untuk mengurangi sampah plastik yang masuk ke laut. Kesepakatan dicapai setelah "
            "pertemuan tiga hari di Kuala Lumpur.",
            "Peta jalan itu mendorong setiap negara membatasi kantong plastik sekali pakai, "
            "memperbaiki pengelolaan sampah di kota pesisir dan berbagi data pemantauan sampah "
            "di perairan perbatasan.",
            Picture(
                "laut",
                "Sampah plastik terbawa arus lintas batas negara di perairan Asia Tenggara.",
                "Gambar gelombang laut berwarna biru tua.",
            ),
            Quote(
                "Sampah di laut tidak mengenal paspor. Arus membawa plastik dari satu pantai ke "
                "pantai negara tetangga.",
                "Salah seorang delegasi dalam pertemuan",
            ),
            "Setiap negara diminta melaporkan kemajuan pelaksanaan peta jalan itu dalam "
            "pertemuan tahunan berikutnya.",
        ),
    ),
    Article(
        slug="jepang-uji-coba-kereta-cepat-generasi-baru",
        title="Jepang uji coba kereta cepat generasi baru",
        section="luar-negeri",
        published="2024-10-10 21:00",
        kicker="Transportasi",
        summary=(
            "Rangkaian baru itu dirancang lebih hemat listrik dan lebih senyap saat melintas di "
            "kawasan permukiman."
        ),
        dateline=("Tokyo", ""),
        authors=(("bayu-prasetyo", W), ("putri-maharani", E)),
        tags=("Jepang", "Kereta Api", "Transportasi"),
        image="transportasi",
        image_caption="Ilustrasi jalur kereta cepat.",
        body=(
            "Operator kereta di Jepang mulai menguji rangkaian kereta cepat generasi baru pada "
            "malam hari, setelah jadwal perjalanan reguler berakhir.",
            "Kereta itu dirancang menggunakan listrik sekitar 10 persen lebih sedikit "
            "dibandingkan rangkaian yang kini beroperasi. Bentuk hidungnya yang lebih panjang "
            "mengurangi dentuman saat kereta memasuki terowongan.",
            Subheading("Kursi dengan colokan di setiap baris"),
            "Di dalam kabin, setiap kursi dilengkapi colokan listrik dan lampu baca. Ruang "
            "bagasi juga diperbesar untuk koper wisatawan.",
            "Uji coba direncanakan berlangsung sekitar dua tahun sebelum kereta mulai "
            "mengangkut penumpang.",
        ),
    ),
    Article(
        slug="pameran-batik-indonesia-di-paris-sedot-ribuan-pengunjung",
        title="Pameran batik Indonesia di Paris sedot ribuan pengunjung",
        section="luar-negeri",
        published="2024-10-18 22:30",
        kicker="Budaya",
        summary=(
            "Lebih dari 120 helai kain dari 15 daerah dipamerkan. Lokakarya membatik selalu "
            "penuh sejak hari pertama."
        ),
        dateline=("Paris", ""),
        authors=(("bayu-prasetyo", W), ("agus-setiawan", F), ("rina-wulandari", E)),
        tags=("Budaya", "Batik", "Prancis"),
        image="dunia",
        image_caption="Ilustrasi pertukaran budaya antarbangsa.",
        body=(
            "Pameran batik Indonesia di sebuah galeri di pusat kota Paris dikunjungi lebih dari "
            "6.000 orang dalam sepekan pertama. Pameran menampilkan 120 helai kain dari 15 "
            "daerah, dari Lasem hingga Bengkulu.",
            "Setiap kain disertai penjelasan tentang motif dan makna simbolnya dalam bahasa "
            "Prancis, Inggris dan Indonesia.",
            Subheading("Canting dan malam"),
            "Lokakarya membatik dengan canting menjadi acara yang paling diminati. Peserta "
            "belajar membuat motif sederhana di atas saputangan katun.",
            Quote(
                "Saya kira batik itu dicetak. Ternyata setiap titik digambar dengan tangan.",
                "Camille, pengunjung pameran",
            ),
            "Pameran masih dibuka hingga akhir bulan. Penyelenggara berencana membawa pameran "
            "yang sama ke kota lain di Eropa tahun depan.",
        ),
    ),
    Article(
        slug="pelajar-indonesia-di-korea-selatan-gelar-pekan-budaya",
        title="Pelajar Indonesia di Korea Selatan gelar pekan budaya",
        section="luar-negeri",
        published="2024-10-30 15:30",
        kicker="Diaspora",
        summary=(
            "Tari saman, gamelan dan nasi tumpeng memeriahkan kampus di Daejeon. Acara ini "
            "digelar setiap tahun oleh perhimpunan pelajar."
        ),
        dateline=("Daejeon", ""),
        authors=(("putri-maharani", W), ("bayu-prasetyo", E)),
        tags=("Korea Selatan", "Budaya", "Diaspora"),
        image="dunia",
        image_caption="Ilustrasi kegiatan diaspora Indonesia.",
        body=(
            "Perhimpunan pelajar Indonesia di Daejeon, Korea Selatan, menggelar pekan budaya "
            "selama tiga hari di kampus mereka. Acara itu dihadiri mahasiswa dari berbagai "
            "negara.",
            "Penampilan tari saman oleh 12 mahasiswa menjadi puncak acara. Pengunjung juga "
            "diajak mencoba memainkan gamelan dan mencicipi nasi tumpeng.",
            Quote(
                "Banyak teman dari Korea baru tahu Indonesia punya lebih dari 700 bahasa daerah.",
                "Aditya Nugraha, ketua panitia",
            ),
            "Panitia juga membuka kelas singkat bahasa Indonesia yang diikuti sekitar 60 peserta.",
            Related(("pameran-batik-indonesia-di-paris-sedot-ribuan-pengunjung",)),
        ),
    ),
    Article(
        slug="kapal-riset-internasional-petakan-terumbu-karang-pasifik",
        title="Kapal riset internasional petakan terumbu karang Pasifik",
        section="luar-negeri",
        published="2024-11-08 19:00",
        kicker="Sains",
        summary=(
            "Dua peneliti Indonesia ikut dalam pelayaran tiga bulan yang memetakan kesehatan "
            "terumbu karang di belasan pulau."
        ),
        dateline=("Suva", ""),
        authors=(("bayu-prasetyo", W), ("putri-maharani", W), ("rina-wulandari", E)),
        tags=("Lingkungan", "Maritim", "Pasifik"),
        image="laut",
        image_caption="Ilustrasi perairan Samudra Pasifik.",
        body=(
            "Sebuah kapal riset internasional memulai pelayaran tiga bulan untuk memetakan "
            "terumbu karang di belasan pulau di Samudra Pasifik. Dua peneliti Indonesia ikut "
            "dalam tim beranggotakan 30 ilmuwan.",
            "Tim akan memotret dasar laut dengan kamera bawah air dan mengambil sampel air "
            "untuk mengukur suhu serta keasaman laut.",
            Subheading("Pemutihan karang"),
            "Para peneliti ingin mengetahui seberapa luas karang yang memutih akibat suhu laut "
            "yang menghangat. Data itu akan dibandingkan dengan hasil pemetaan lima tahun lalu.",
            Quote(
                "Apa yang kami pelajari di Pasifik penting juga untuk Raja Ampat dan Wakatobi.",
                "Laras Wibisono, peneliti kelautan",
            ),
            "Hasil pemetaan akan dibuka untuk umum agar dapat dipakai pemerintah dan komunitas "
            "pesisir di negara-negara kepulauan.",
            Related(("negara-asean-sepakati-peta-jalan-kurangi-sampah-plastik-laut",)),
        ),
    ),
)
