"""Demo articles for Teknologi (invented stories, companies and people)."""

from . import Article, Picture, Quote, Related, Subheading

W, E, F = "penulis", "editor", "fotografer"

ARTICLES = (
    Article(
        slug="tips-menjaga-baterai-ponsel-tetap-awet",
        title="Tips menjaga baterai ponsel tetap awet",
        section="teknologi",
        published="2024-09-27 13:00",
        kicker="Gawai",
        summary=(
            "Hindari mengisi daya semalaman di tempat panas. Baterai paling awet bila dijaga di "
            "kisaran 20 sampai 80 persen."
        ),
        authors=(("putri-maharani", W), ("rina-wulandari", E)),
        tags=("Gawai", "Tips"),
        image="teknologi",
        image_caption="Ilustrasi perangkat elektronik.",
        body=(
            "Baterai ponsel perlahan kehilangan kapasitasnya seiring waktu. Namun beberapa "
            "kebiasaan sederhana dapat membuat baterai tetap awet lebih lama.",
            Subheading("Jaga di kisaran 20 sampai 80 persen"),
            "Baterai litium paling cepat aus bila sering dikosongkan sampai habis atau diisi "
            "penuh lalu dibiarkan lama. Banyak ponsel kini punya pengaturan untuk membatasi "
            "pengisian hingga 80 persen.",
            Subheading("Hindari panas"),
            "Suhu tinggi adalah musuh utama baterai. Jangan meninggalkan ponsel di dasbor mobil "
            "yang terjemur atau mengisi daya di bawah bantal.",
            Quote(
                "Pakai pengisi daya yang sesuai. Pengisi daya murah tanpa pengaman bisa membuat "
                "baterai cepat panas.",
                "Bima Santoso, teknisi servis ponsel",
            ),
            "Jika baterai sudah menggembung, segera hentikan pemakaian dan bawa ponsel ke "
            "tempat servis resmi.",
        ),
    ),
    Article(
        slug="desa-di-bali-manfaatkan-internet-satelit-untuk-sekolah",
        title="Desa di Bali manfaatkan internet satelit untuk sekolah",
        section="teknologi",
        published="2024-10-08 15:30",
        kicker="Internet",
        summary=(
            "Tiga sekolah di lereng perbukitan Karangasem kini bisa mengikuti kelas daring. "
            "Biaya langganan ditanggung bersama oleh desa dan komite sekolah."
        ),
        dateline=("Karangasem", ""),
        authors=(("putri-maharani", W), ("dewi-anggraini", W), ("rina-wulandari", E)),
        tags=("Internet", "Pendidikan", "Bali"),
        image="teknologi",
        image_caption="Ilustrasi jaringan internet.",
        secondary_sections=("dalam-negeri",),
        body=(
            "Tiga sekolah di sebuah desa di lereng perbukitan Karangasem, Bali, kini terhubung "
            "internet melalui satelit. Sebelumnya sinyal telepon seluler di desa itu hanya "
            "tersedia di beberapa titik.",
            "Dengan koneksi baru, siswa dapat mengikuti kelas daring bersama sekolah lain dan "
            "mengakses perpustakaan digital.",
            Quote(
                "Dulu guru harus turun ke kota untuk mengunggah nilai rapor. Sekarang cukup dari "
                "ruang guru.",
                "I Made Sudarsana, kepala sekolah",
            ),
            "Biaya langganan bulanan ditanggung bersama oleh anggaran desa dan komite sekolah. "
            "Pada sore hari, warga boleh memakai jaringan itu di balai banjar.",
            Related(("ribuan-guru-honorer-ikuti-pelatihan-literasi-digital",)),
        ),
    ),
    Article(
        slug="startup-surabaya-kembangkan-aplikasi-pemantau-kualitas-air",
        title="Startup Surabaya kembangkan aplikasi pemantau kualitas air",
        section="teknologi",
        published="2024-10-21 10:00",
        kicker="Lingkungan",
        summary=(
            "Sensor murah di tambak dan sumur warga mengirim data keasaman dan kekeruhan air ke "
            "ponsel setiap 15 menit."
        ),
        dateline=("Surabaya", ""),
        authors=(("putri-maharani", W), ("agus-setiawan", F), ("rina-wulandari", E)),
        tags=("Startup", "Aplikasi", "Lingkungan", "Jawa Timur"),
        image="teknologi",
        image_caption="Ilustrasi sensor dan data digital.",
        body=(
            "Perusahaan rintisan asal Surabaya, Tirta Pantau, mengembangkan aplikasi pemantau "
            "kualitas air yang terhubung dengan sensor murah. Sensor dipasang di tambak udang "
            "dan sumur warga.",
            "Setiap 15 menit, sensor mengirim data keasaman, suhu dan kekeruhan air ke ponsel "
            "pemilik. Aplikasi akan memberi peringatan jika angka melewati batas aman.",
            Picture(
                "teknologi",
                "Data dari sensor dikirim ke ponsel petambak setiap 15 menit.",
                "Gambar garis sirkuit dan titik-titik sambungan berwarna hijau.",
            ),
            Subheading("Dipakai 200 petambak"),
            "Sejak diluncurkan awal tahun, aplikasi itu telah dipakai sekitar 200 petambak di "
            "pesisir Sidoarjo dan Gresik.",
            Quote(
                "Udang sangat sensitif. Kalau air berubah di malam hari dan kita terlambat tahu, "
                "panen bisa gagal.",
                "Rizky Ananda, pendiri Tirta Pantau",
            ),
            "Perusahaan itu kini menjajaki kerja sama dengan perusahaan air minum daerah untuk "
            "memantau sumber air baku.",
        ),
    ),
    Article(
        slug="waspadai-penipuan-lewat-undangan-pernikahan-palsu",
        title="Waspadai penipuan lewat undangan pernikahan palsu di aplikasi pesan",
        section="teknologi",
        published="2024-10-30 13:45",
        kicker="Keamanan Siber",
        summary=(
            "Berkas undangan berformat aplikasi dapat mencuri kode OTP dan menguras rekening. "
            "Jangan memasang berkas dari nomor yang tidak dikenal."
        ),
        authors=(("putri-maharani", W), ("rina-wulandari", E)),
        tags=("Keamanan Siber", "Aplikasi", "Tips"),
        image="teknologi",
        image_caption="Ilustrasi keamanan data di ponsel.",
        updated_after_hours=4,
        body=(
            "Modus penipuan lewat undangan pernikahan digital palsu kembali marak. Korban "
            "menerima pesan berisi berkas yang seolah-olah undangan, padahal berupa aplikasi.",
            "Begitu dipasang, aplikasi itu meminta izin membaca SMS. Pelaku lalu dapat membaca "
            "kode OTP yang dikirim bank dan mengambil alih akun korban.",
            Subheading("Cara mengenali"),
            "Undangan asli biasanya berupa gambar, PDF atau tautan ke situs. Berkas dengan "
            "akhiran .apk hampir pasti bukan undangan.",
            Quote(
                "Kalau ragu, tanyakan langsung kepada pengirim lewat telepon. Jangan pernah "
                "memberikan kode OTP kepada siapa pun.",
                "Tari Kusumawati, peneliti keamanan siber",
            ),
            "Korban yang terlanjur memasang berkas diminta segera menghubungi bank, mengganti "
            "kata sandi, dan memeriksa aplikasi yang terpasang di ponsel.",
            Related(("tips-menjaga-baterai-ponsel-tetap-awet",)),
        ),
    ),
    Article(
        slug="mahasiswa-rancang-drone-penyemprot-pupuk-untuk-petani",
        title="Mahasiswa rancang drone penyemprot pupuk untuk petani",
        section="teknologi",
        published="2024-11-20 09:30",
        kicker="Inovasi",
        summary=(
            "Drone seharga sepertiga produk impor itu dapat menyemprot satu hektare sawah "
            "dalam 12 menit."
        ),
        dateline=("Surabaya", ""),
        authors=(
            ("putri-maharani", W),
            ("hendra-siregar", W),
            ("agus-setiawan", F),
            ("rina-wulandari", E),
        ),
        tags=("Drone", "Pertanian", "Startup", "Jawa Timur"),
        image="pertanian",
        image_caption="Ilustrasi lahan pertanian dari udara.",
        secondary_sections=("ekonomi",),
        body=(
            "Lima mahasiswa teknik di Surabaya merancang drone penyemprot pupuk cair untuk "
            "petani kecil. Harganya sekitar sepertiga dari drone sejenis buatan luar negeri.",
            "Drone dengan tangki sepuluh liter itu dapat menyemprot satu hektare sawah dalam "
            "sekitar 12 menit. Jalur terbangnya diatur lewat aplikasi di ponsel.",
            Subheading("Disewakan per hektare"),
            "Agar terjangkau, tim berencana menyewakan drone kepada kelompok tani dengan tarif "
            "per hektare, lengkap dengan operatornya.",
            Quote(
                "Petani tidak perlu membeli drone. Cukup pesan lewat kelompok tani, kami yang "
                "datang.",
                "Galih Permana, ketua tim mahasiswa",
            ),
            "Uji coba sudah dilakukan di lahan seluas 30 hektare di Lamongan. Tim kini mencari "
            "pemodal untuk memproduksi sepuluh unit pertama.",
            Related(
                (
                    "startup-surabaya-kembangkan-aplikasi-pemantau-kualitas-air",
                    "petani-klaten-tanam-padi-varietas-tahan-kekeringan",
                )
            ),
        ),
    ),
)
