"""Demo articles for Ekonomi (invented stories and people)."""

from . import Article, Picture, Quote, Related, Subheading

W, E, F = "penulis", "editor", "fotografer"

ARTICLES = (
    Article(
        slug="harga-cabai-rawit-melonjak-pedagang-keluhkan-sepi-pembeli",
        title="Harga cabai rawit melonjak, pedagang keluhkan sepi pembeli",
        section="ekonomi",
        published="2024-09-16 09:45",
        kicker="Harga Pangan",
        summary=(
            "Harga cabai rawit di pasar tradisional naik hampir dua kali lipat dalam dua pekan. "
            "Pasokan dari sentra produksi berkurang."
        ),
        dateline=("Bandung", ""),
        authors=(("hendra-siregar", W), ("rina-wulandari", E)),
        tags=("Harga Pangan", "Pasar", "Pertanian"),
        image="ekonomi",
        image_caption="Ilustrasi pergerakan harga bahan pangan.",
        body=(
            "Harga cabai rawit merah di sejumlah pasar tradisional Bandung naik menjadi "
            "Rp80.000 per kilogram, dari sekitar Rp45.000 dua pekan lalu. Kenaikan juga terjadi "
            "pada cabai merah keriting.",
            "Pedagang menyebutkan pasokan dari sentra produksi berkurang karena banyak tanaman "
            "rusak akibat cuaca panas yang berkepanjangan.",
            Quote(
                "Pembeli biasanya ambil sekilo, sekarang cuma seperempat. Warung makan juga "
                "mengurangi pesanan.",
                "Enok Sumiati, pedagang sayur",
            ),
            Subheading("Operasi pasar disiapkan"),
            "Dinas perdagangan setempat menyiapkan operasi pasar bersama gabungan kelompok tani "
            "untuk menjual cabai langsung dari petani dengan harga lebih rendah.",
            "Harga diperkirakan kembali turun dalam satu bulan, ketika panen di dataran tinggi "
            "Jawa Barat dan Jawa Tengah dimulai.",
        ),
    ),
    Article(
        slug="pasar-tradisional-mulai-terima-pembayaran-qris",
        title="Pasar tradisional mulai terima pembayaran QRIS",
        section="ekonomi",
        published="2024-10-01 08:45",
        kicker="Pembayaran Digital",
        summary=(
            "Sebanyak tiga perempat pedagang di satu pasar di Jakarta Timur kini memajang kode "
            "QR. Pembeli muda jadi lebih sering datang."
        ),
        dateline=("Jakarta", ""),
        authors=(("hendra-siregar", W), ("agus-setiawan", F), ("rina-wulandari", E)),
        tags=("Pembayaran Digital", "Pasar", "UMKM"),
        image="pasar-modal",
        image_caption="Ilustrasi transaksi digital.",
        body=(
            "Kode QR kini terpajang di lapak penjual sayur, ikan dan bumbu di sebuah pasar "
            "tradisional di Jakarta Timur. Sekitar tiga perempat dari 400 pedagang di pasar itu "
            "sudah menerima pembayaran nontunai.",
            "Pengelola pasar bekerja sama dengan beberapa bank untuk mendampingi pedagang "
            "membuka rekening dan memasang aplikasi pencatat penjualan.",
            Quote(
                "Tidak perlu lagi repot mencari uang kembalian. Catatan penjualan harian juga "
                "langsung kelihatan di ponsel.",
                "Slamet Riyadi, pedagang bumbu",
            ),
            "Meski begitu, sebagian pedagang lanjut usia masih memilih uang tunai. Pengelola "
            "pasar menyediakan petugas yang siap membantu setiap pagi.",
        ),
    ),
    Article(
        slug="umkm-makanan-ringan-bandung-tembus-pasar-ekspor-malaysia",
        title="UMKM makanan ringan Bandung tembus pasar ekspor Malaysia",
        section="ekonomi",
        published="2024-10-03 14:00",
        kicker="Ekspor",
        summary=(
            "Keripik singkong pedas buatan usaha rumahan kini dijual di jaringan minimarket "
            "Malaysia. Pengiriman pertama mencapai dua ton."
        ),
        dateline=("Bandung", ""),
        authors=(("hendra-siregar", W), ("rina-wulandari", E)),
        tags=("UMKM", "Ekspor", "Jawa Barat"),
        image="ekonomi",
        image_caption="Ilustrasi pertumbuhan usaha kecil.",
        body=(
            "Usaha keripik singkong rumahan di Bandung mengirim dua ton produknya ke Malaysia "
            "pekan ini. Keripik pedas itu akan dijual di sebuah jaringan minimarket di Selangor "
            "dan Johor.",
            "Usaha yang dirintis delapan tahun lalu itu kini mempekerjakan 25 warga sekitar, "
            "sebagian besar ibu rumah tangga.",
            Subheading("Urus sertifikat satu tahun"),
            "Pemilik usaha, Wulan Sari, mengatakan butuh hampir setahun untuk melengkapi izin "
            "edar, sertifikat halal dan label berbahasa Melayu.",
            Quote(
                "Yang paling sulit itu menjaga rasa tetap sama di setiap kemasan. Pembeli di "
                "luar negeri sangat memperhatikan itu.",
                "Wulan Sari, pemilik usaha",
            ),
            "Ia berencana menambah mesin pengemas agar dapat memenuhi pesanan rutin setiap dua "
            "bulan.",
        ),
    ),
    Article(
        slug="harga-beras-medium-turun-di-pasar-induk-jelang-panen-raya",
        title="Harga beras medium turun di pasar induk jelang panen raya",
        section="ekonomi",
        published="2024-10-17 10:30",
        kicker="Harga Pangan",
        summary=(
            "Pasokan gabah dari Jawa Tengah dan Jawa Timur mulai bertambah. Harga beras medium "
            "di tingkat grosir turun sekitar Rp500 per kilogram."
        ),
        dateline=("Jakarta", ""),
        authors=(("hendra-siregar", W), ("agus-setiawan", F), ("rina-wulandari", E)),
        tags=("Harga Pangan", "Pertanian", "Pasar"),
        image="pertanian",
        image_caption="Ilustrasi sawah menjelang panen.",
        updated_after_hours=2.5,
        body=(
            "Harga beras medium di pasar induk Jakarta turun sekitar Rp500 per kilogram dalam "
            "sepekan terakhir. Pedagang grosir menyebutkan pasokan dari Jawa Tengah dan Jawa "
            "Timur mulai bertambah.",
            "Stok beras di pasar induk kini cukup untuk kebutuhan sekitar tiga pekan ke depan, "
            "lebih tinggi dibandingkan bulan lalu.",
            Picture(
                "ekonomi",
                "Harga grosir beras medium bergerak turun sejak pertengahan Oktober.",
                "Grafik batang dengan garis harga yang naik lalu turun.",
            ),
            Subheading("Harga eceran menyusul"),
            "Penurunan harga di tingkat grosir biasanya baru terasa di warung dan pasar "
            "eceran satu sampai dua pekan kemudian.",
            Quote(
                "Kalau cuaca bagus sampai panen selesai, harga bisa turun lagi menjelang akhir "
                "tahun.",
                "Haji Darmawan, pedagang beras grosir",
            ),
            Related(
                (
                    "petani-klaten-tanam-padi-varietas-tahan-kekeringan",
                    "harga-cabai-rawit-melonjak-pedagang-keluhkan-sepi-pembeli",
                )
            ),
        ),
    ),
    Article(
        slug="koperasi-nelayan-di-maluku-dapat-akses-kredit-usaha",
        title="Koperasi nelayan di Maluku dapat akses kredit usaha",
        section="ekonomi",
        published="2024-10-24 16:00",
        kicker="Koperasi",
        summary=(
            "Kredit berbunga rendah dipakai untuk membeli mesin kapal dan kotak pendingin. "
            "Anggota koperasi bertambah dua kali lipat."
        ),
        dateline=("Ambon", ""),
        authors=(("hendra-siregar", W), ("bayu-prasetyo", E)),
        tags=("Koperasi", "Perikanan", "Maritim", "UMKM"),
        image="laut",
        image_caption="Ilustrasi perairan Maluku.",
        body=(
            "Koperasi nelayan di pesisir Pulau Ambon mendapat fasilitas kredit usaha senilai "
            "Rp2,4 miliar dari bank daerah. Dana itu disalurkan kepada 120 anggota koperasi.",
            "Sebagian besar nelayan memakai pinjaman untuk membeli mesin tempel baru dan kotak "
            "pendingin agar ikan tetap segar sampai di pasar.",
            Quote(
                "Dulu kami pinjam ke tengkulak dan wajib menjual ikan ke mereka dengan harga "
                "murah. Sekarang kami bebas menjual.",
                "Yakobus Latuheru, anggota koperasi",
            ),
            "Pengurus koperasi menyebutkan jumlah anggota bertambah dua kali lipat sejak kabar "
            "kredit itu tersebar.",
            Related(("umkm-makanan-ringan-bandung-tembus-pasar-ekspor-malaysia",)),
        ),
    ),
    Article(
        slug="penjualan-sepeda-motor-listrik-meningkat-di-kota-besar",
        title="Penjualan sepeda motor listrik meningkat di kota besar",
        section="ekonomi",
        published="2024-11-14 11:00",
        kicker="Otomotif",
        summary=(
            "Dealer di Jakarta, Surabaya dan Medan mencatat kenaikan penjualan. Ketersediaan "
            "tempat penukaran baterai masih menjadi pertimbangan pembeli."
        ),
        authors=(("hendra-siregar", W), ("putri-maharani", W), ("rina-wulandari", E)),
        tags=("Kendaraan Listrik", "Energi", "Transportasi"),
        image="energi",
        image_caption="Ilustrasi energi bersih.",
        body=(
            "Penjualan sepeda motor listrik di sejumlah kota besar meningkat dalam tiga bulan "
            "terakhir. Beberapa dealer di Jakarta, Surabaya dan Medan mencatat kenaikan lebih "
            "dari 30 persen.",
            "Pengemudi ojek daring menjadi pembeli terbanyak karena biaya pengisian daya jauh "
            "lebih murah dibandingkan bensin.",
            Subheading("Tempat tukar baterai"),
            "Calon pembeli masih mempertimbangkan ketersediaan tempat penukaran baterai. Di "
            "luar kota besar, jumlahnya masih sedikit.",
            Quote(
                "Sehari saya bisa hemat sekitar Rp25.000. Sebulan sudah cukup buat bayar cicilan.",
                "Darto, pengemudi ojek daring",
            ),
            "Produsen berencana menambah ratusan titik penukaran baterai di kota-kota kedua "
            "tahun depan.",
        ),
    ),
    Article(
        slug="beredar-kabar-beras-plastik-di-pasar-cikarang",
        title="Beredar kabar beras plastik di pasar Cikarang",
        section="ekonomi",
        published="2024-11-15 08:00",
        kicker="Pangan",
        summary=(
            "Sebuah pesan berantai menyebut beras plastik dijual di pasar Cikarang. "
            "Pedagang membantah."
        ),
        dateline=("Bekasi", ""),
        authors=(("hendra-siregar", W),),
        tags=("Harga Pangan", "Pasar"),
        image="pertanian",
        image_caption="Ilustrasi hasil pertanian.",
        body=(
            "Sebuah pesan berantai yang beredar di grup percakapan warga menyebut beras "
            "bercampur plastik dijual di sebuah pasar di Cikarang.",
            "Pedagang beras di pasar itu membantah dan menyatakan berasnya berasal dari "
            "penggilingan yang sama sejak bertahun-tahun.",
        ),
    ),
    Article(
        slug="tabungan-emas-digital-kini-bisa-dicicil-mulai-rp10-ribu",
        title="Tabungan emas digital kini bisa dicicil mulai Rp10 ribu",
        section="ekonomi",
        published="2024-11-16 10:00",
        kicker="Konten Bersponsor",
        summary=(
            "Aplikasi Emasku dari PT Logam Mulia Sejahtera memungkinkan warga menabung emas "
            "mulai Rp10.000, tersimpan di brankas yang diawasi."
        ),
        authors=(("hendra-siregar", E),),
        tags=("Investasi",),
        image="pasar-modal",
        image_caption="Ilustrasi tabungan emas digital.",
        source=("PT Logam Mulia Sejahtera", "https://emasku.example/"),
        sponsored=True,
        body=(
            "PT Logam Mulia Sejahtera meluncurkan fitur cicilan emas pada aplikasi Emasku. "
            "Nasabah dapat membeli emas mulai Rp10.000 dan mencetaknya dalam bentuk batangan "
            "setelah saldo mencapai satu gram.",
            "Emas nasabah disimpan di brankas yang diawasi lembaga kustodian. Informasi "
            "cicilan emas tersedia di situs perusahaan.",
        ),
    ),
)
