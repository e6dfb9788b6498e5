"""Demo articles for Dalam Negeri and its subsection Daerah (invented stories and people)."""

from . import Article, Live, Picture, Quote, Related, Subheading

W, E, F = "penulis", "editor", "fotografer"

ARTICLES = (
    Article(
        slug="laporan-langsung-banjir-rendam-jakarta-timur",
        title="Laporan langsung: banjir rendam Jakarta Timur, ribuan warga mengungsi",
        section="dalam-negeri",
        published="2024-11-20 05:40",
        kicker="Banjir",
        summary=(
            "Hujan deras sejak Selasa malam membuat Kali Sunter dan Kali Cipinang meluap. Ikuti "
            "perkembangan terbaru dari lapangan di halaman ini."
        ),
        dateline=("Jakarta", ""),
        authors=(("dewi-anggraini", W), ("rina-wulandari", E)),
        tags=("Banjir", "Jakarta", "Cuaca"),
        image="cuaca",
        image_caption="Ilustrasi hujan deras di Jakarta.",
        body=(
            "Hujan dengan intensitas tinggi yang turun sejak Selasa malam membuat sejumlah sungai "
            "di Jakarta Timur meluap. Redaksi memantau perkembangan dari posko-posko pengungsian "
            "dan menyampaikannya di halaman ini, pembaruan terbaru di bagian atas.",
        ),
        live_updates=(
            Live(
                5,
                "Petugas mencatat tinggi muka air di Pintu Air Kali Sunter mencapai 230 "
                "sentimeter, status Siaga 2.",
                headline="Kali Sunter berstatus Siaga 2",
                key_point=True,
            ),
            Live(
                50,
                "Sedikitnya 1.200 warga dari tiga kelurahan mengungsi ke masjid dan sekolah "
                "terdekat. Posko kesehatan dibuka di kantor kelurahan.",
                headline="1.200 warga mengungsi",
                key_point=True,
            ),
            Live(
                95,
                "Dinas Perhubungan mengalihkan arus lalu lintas di Jalan Raya Bekasi karena "
                "genangan setinggi lutut orang dewasa.",
            ),
            Live(
                180,
                "BPBD mengerahkan enam perahu karet untuk mengevakuasi warga lanjut usia dan "
                "anak-anak di permukiman bantaran sungai.",
                headline="Evakuasi dengan perahu karet",
            ),
            Live(
                420,
                "Air mulai surut di sebagian besar wilayah. Warga diimbau tetap waspada karena "
                "hujan diperkirakan turun lagi pada sore hari.",
                headline="Air mulai surut",
                key_point=True,
            ),
        ),
    ),
    Article(
        slug="musim-hujan-datang-lebih-awal-warga-diimbau-waspada-banjir",
        title="Musim hujan datang lebih awal, warga diimbau waspada banjir",
        section="dalam-negeri",
        published="2024-09-18 13:20",
        kicker="Cuaca",
        summary=(
            "Sejumlah wilayah di Jawa, Sumatra dan Kalimantan diperkirakan memasuki musim hujan "
            "lebih cepat dari biasanya. Pemerintah daerah diminta menyiapkan saluran air."
        ),
        dateline=("Jakarta", ""),
        authors=(("dewi-anggraini", W), ("rina-wulandari", E)),
        tags=("Cuaca", "Banjir", "Kesehatan"),
        image="cuaca",
        image_caption="Ilustrasi hujan deras yang mulai turun di sejumlah daerah.",
        body=(
            "Musim hujan tahun ini diperkirakan datang dua sampai tiga pekan lebih awal di "
            "sebagian besar wilayah Indonesia bagian barat. Prakiraan itu disampaikan dalam "
            "rapat koordinasi kesiapsiagaan bencana yang digelar di Jakarta, Rabu.",
            "Menurut prakirawan cuaca, hujan dengan intensitas sedang hingga lebat akan mulai "
            "sering turun pada awal Oktober, terutama pada sore dan malam hari. Puncak musim "
            "hujan diperkirakan terjadi antara Desember dan Februari.",
            Subheading("Saluran air dan tanggul diperiksa"),
            "Pemerintah kabupaten dan kota diminta segera memeriksa saluran air, gorong-gorong "
            "dan tanggul sungai. Sampah yang menyumbat drainase disebut sebagai penyebab utama "
            "genangan di kawasan permukiman padat.",
            Quote(
                "Kami minta warga tidak membuang sampah ke sungai. Satu kantong plastik bisa "
                "menyumbat gorong-gorong dan membuat satu gang tergenang.",
                "Sri Lestari, petugas kesiapsiagaan bencana",
            ),
            "Warga yang tinggal di bantaran sungai dan lereng bukit diimbau memantau informasi "
            "cuaca harian serta menyiapkan tas siaga berisi dokumen penting, obat-obatan dan "
            "senter.",
        ),
    ),
    Article(
        slug="ribuan-guru-honorer-ikuti-pelatihan-literasi-digital",
        title="Ribuan guru honorer ikuti pelatihan literasi digital",
        section="dalam-negeri",
        published="2024-10-07 08:00",
        kicker="Pendidikan",
        summary=(
            "Lebih dari 4.000 guru honorer dari 12 provinsi mengikuti pelatihan daring tentang "
            "cara mengajar dengan perangkat digital dan mengenali hoaks."
        ),
        authors=(("dewi-anggraini", W), ("rina-wulandari", E)),
        tags=("Pendidikan", "Literasi Digital"),
        image="pendidikan",
        image_caption="Ilustrasi kegiatan belajar mengajar.",
        body=(
            "Sebanyak 4.120 guru honorer dari 12 provinsi mengikuti pelatihan literasi digital "
            "yang berlangsung selama enam pekan. Pelatihan diadakan secara daring agar guru di "
            "daerah terpencil tetap dapat bergabung.",
            "Materi pelatihan mencakup penggunaan aplikasi presentasi sederhana, pembuatan "
            "kuis daring, hingga cara mengajarkan siswa memeriksa kebenaran informasi di media "
            "sosial.",
            Subheading("Sinyal masih jadi kendala"),
            "Panitia mencatat sekitar seperlima peserta sempat kesulitan mengikuti sesi "
            "langsung karena sinyal internet yang tidak stabil. Untuk mereka, rekaman setiap "
            "sesi dibagikan dalam ukuran kecil agar mudah diunduh.",
            Quote(
                "Dulu saya takut memakai proyektor. Sekarang anak-anak justru menunggu kuis di "
                "akhir pelajaran.",
                "Yohana Lede, guru SD di Sumba Barat Daya",
            ),
            "Penyelenggara berencana membuka angkatan kedua pada awal tahun depan dengan kuota "
            "yang lebih besar.",
        ),
    ),
    Article(
        slug="kasus-demam-berdarah-naik-di-awal-musim-hujan",
        title="Kasus demam berdarah naik di awal musim hujan",
        section="dalam-negeri",
        published="2024-10-15 11:30",
        kicker="Kesehatan",
        summary=(
            "Dinas kesehatan di sejumlah daerah mencatat kenaikan kasus demam berdarah dengue. "
            "Warga diminta rutin menguras bak mandi dan menutup tempat penampungan air."
        ),
        dateline=("Jakarta", ""),
        authors=(("dewi-anggraini", W), ("rina-wulandari", E)),
        tags=("Kesehatan", "Demam Berdarah", "Cuaca"),
        image="cuaca",
        image_caption="Ilustrasi genangan air saat musim hujan.",
        updated_after_hours=5,
        body=(
            "Kasus demam berdarah dengue (DBD) mulai meningkat seiring datangnya musim hujan. "
            "Sejumlah puskesmas di pinggiran kota melaporkan jumlah pasien dengan gejala demam "
            "tinggi naik hampir dua kali lipat dibandingkan bulan lalu.",
            "Genangan air di ban bekas, pot bunga dan talang rumah menjadi tempat favorit "
            "nyamuk Aedes aegypti bertelur. Telur nyamuk dapat menetas dalam waktu kurang dari "
            "sepekan.",
            Subheading("Gerakan 3M Plus"),
            "Petugas kesehatan kembali menggalakkan gerakan 3M Plus: menguras, menutup dan "
            "mendaur ulang barang bekas, ditambah memakai lotion antinyamuk serta memelihara "
            "ikan pemakan jentik.",
            Quote(
                "Jangan tunggu fogging. Pengasapan hanya membunuh nyamuk dewasa, jentiknya tetap "
                "hidup di rumah kita.",
                "dr. Maria Ulfa, kepala puskesmas",
            ),
            "Warga yang mengalami demam tinggi mendadak lebih dari dua hari, disertai nyeri "
            "otot atau bintik merah di kulit, diminta segera memeriksakan diri ke fasilitas "
            "kesehatan terdekat.",
            Related(("musim-hujan-datang-lebih-awal-warga-diimbau-waspada-banjir",)),
        ),
    ),
    Article(
        slug="jalur-mudik-natal-dan-tahun-baru-mulai-dibenahi",
        title="Jalur mudik Natal dan Tahun Baru mulai dibenahi",
        section="dalam-negeri",
        published="2024-10-22 16:45",
        kicker="Infrastruktur",
        summary=(
            "Perbaikan jalan berlubang di jalur utama Jawa dan Sumatra ditargetkan selesai "
            "sebelum pertengahan Desember."
        ),
        authors=(("dewi-anggraini", W), ("agus-setiawan", F), ("rina-wulandari", E)),
        tags=("Infrastruktur", "Transportasi", "Libur Akhir Tahun"),
        image="transportasi",
        image_caption="Ilustrasi jalan dan jalur transportasi antarkota.",
        body=(
            "Perbaikan jalan di sejumlah ruas jalur mudik mulai dikerjakan menjelang libur "
            "Natal dan Tahun Baru. Pekerjaan difokuskan pada jalan berlubang, marka yang pudar "
            "dan lampu penerangan yang mati.",
            "Petugas balai jalan menyebutkan sebagian besar kerusakan terjadi di ruas yang "
            "dilalui truk bermuatan berat. Penambalan dilakukan pada malam hari agar tidak "
            "menimbulkan kemacetan panjang.",
            Picture(
                "transportasi",
                "Pekerjaan perbaikan jalan dijadwalkan pada malam hari.",
                "Gambar garis jalan yang menyempit ke arah cakrawala.",
            ),
            Subheading("Posko di setiap 50 kilometer"),
            "Selain perbaikan jalan, posko kesehatan dan bengkel siaga akan didirikan kira-kira "
            "setiap 50 kilometer di jalur utama. Pemudik yang mengendarai sepeda motor diminta "
            "beristirahat setiap dua jam.",
            "Pemerintah daerah juga diminta memastikan rambu di jalur alternatif terpasang "
            "jelas, karena banyak pemudik kini mengandalkan aplikasi peta yang kerap menuntun "
            "ke jalan desa yang sempit.",
        ),
    ),
    Article(
        slug="perpustakaan-keliling-sambangi-300-desa-sepanjang-tahun",
        title="Perpustakaan keliling sambangi 300 desa sepanjang tahun",
        section="dalam-negeri",
        published="2024-11-05 07:30",
        kicker="Literasi",
        summary=(
            "Tiga mobil perpustakaan keliling meminjamkan lebih dari 25.000 buku kepada anak-anak "
            "di desa yang belum memiliki taman bacaan."
        ),
        authors=(("dewi-anggraini", W), ("rina-wulandari", E)),
        tags=("Pendidikan", "Literasi Digital"),
        image="pendidikan",
        image_caption="Ilustrasi kegiatan membaca bersama.",
        body=(
            "Tiga mobil perpustakaan keliling telah menyambangi 300 desa sejak Januari. Setiap "
            "mobil membawa sekitar 1.500 buku cerita, buku pelajaran dan majalah anak.",
            "Petugas perpustakaan biasanya berhenti di halaman sekolah atau balai desa selama "
            "tiga jam. Anak-anak boleh meminjam dua buku dan mengembalikannya pada kunjungan "
            "berikutnya.",
            Quote(
                "Buku yang paling cepat habis dipinjam justru buku cerita rakyat dari daerah "
                "mereka sendiri.",
                "Fitri Handayani, pustakawan",
            ),
            "Selain meminjamkan buku, petugas juga mengajak orang tua membacakan cerita untuk "
            "anak sebelum tidur. Kebiasaan sederhana itu dinilai ampuh menumbuhkan minat baca.",
            Related(("ribuan-guru-honorer-ikuti-pelatihan-literasi-digital",)),
        ),
    ),
    Article(
        slug="pemerintah-perpanjang-diskon-tiket-kereta-untuk-libur-akhir-tahun",
        title="Pemerintah perpanjang diskon tiket kereta untuk libur akhir tahun",
        section="dalam-negeri",
        published="2024-11-12 09:00",
        kicker="Transportasi",
        summary=(
            "Potongan harga tiket kereta antarkota berlaku hingga awal Januari. Penumpang "
            "diimbau memesan lebih awal karena kursi cepat habis."
        ),
        dateline=("Jakarta", "ANTARA"),
        source=("ANTARA", ""),
        authors=(
            ("dewi-anggraini", W),
            ("hendra-siregar", W),
            ("agus-setiawan", F),
            ("rina-wulandari", E),
        ),
        tags=("Transportasi", "Kereta Api", "Libur Akhir Tahun"),
        image="transportasi",
        image_caption="Ilustrasi jalur kereta api antarkota.",
        secondary_sections=("ekonomi",),
        updated_after_hours=3.5,
        body=(
            "Pemerintah memperpanjang program potongan harga tiket kereta api antarkota untuk "
            "periode libur Natal dan Tahun Baru. Diskon hingga 20 persen berlaku untuk kelas "
            "ekonomi dan bisnis pada jadwal keberangkatan tertentu.",
            "Program itu sebelumnya hanya berlaku sampai akhir November. Perpanjangan dilakukan "
            "karena tingkat keterisian kereta pada jadwal siang hari masih rendah.",
            Subheading("Pesan jauh hari"),
            "Operator kereta mengimbau calon penumpang memesan tiket melalui aplikasi resmi "
            "atau loket stasiun, dan tidak membeli dari calo. Kursi dengan harga diskon "
            "jumlahnya terbatas di setiap perjalanan.",
            Quote(
                "Tahun lalu tiket untuk tanggal 23 dan 24 Desember habis dalam hitungan jam.",
                "Rudi Hartono, petugas layanan penumpang",
            ),
            "Selain diskon, operator menambah 14 perjalanan kereta tambahan di lintas selatan "
            "Jawa dan lintas Sumatra bagian selatan.",
            Related(
                (
                    "jalur-mudik-natal-dan-tahun-baru-mulai-dibenahi",
                    "jepang-uji-coba-kereta-cepat-generasi-baru",
                )
            ),
        ),
    ),
    # Daerah
    Article(
        slug="petani-klaten-tanam-padi-varietas-tahan-kekeringan",
        title="Petani Klaten tanam padi varietas tahan kekeringan",
        section="daerah",
        published="2024-09-12 10:10",
        kicker="Pertanian",
        summary=(
            "Kelompok tani di lereng timur Merapi mencoba varietas padi yang hanya butuh "
            "separuh air dibandingkan padi biasa."
        ),
        dateline=("Klaten", ""),
        authors=(("hendra-siregar", W), ("agus-setiawan", F), ("rina-wulandari", E)),
        tags=("Pertanian", "Harga Pangan", "Jawa Tengah"),
        image="pertanian",
        image_caption="Ilustrasi hamparan sawah di kaki bukit.",
        body=(
            "Sebanyak 40 petani yang tergabung dalam Kelompok Tani Sri Rejeki mulai menanam "
            "padi varietas tahan kekeringan di lahan seluas 25 hektare. Uji tanam itu dilakukan "
            "karena debit air irigasi terus menurun selama musim kemarau.",
            "Varietas tersebut dapat dipanen dalam 105 hari dan tetap tumbuh meski sawah tidak "
            "digenangi terus-menerus. Petani cukup mengairi lahan setiap lima sampai tujuh "
            "hari.",
            Picture(
                "pertanian",
                "Sawah tadah hujan di Klaten bergantung pada air irigasi yang makin terbatas.",
                "Gambar matahari di atas perbukitan hijau.",
            ),
            Quote(
                "Kalau hasilnya sama dengan padi biasa, tahun depan seluruh anggota kelompok "
                "akan pindah ke varietas ini.",
                "Suparno, ketua kelompok tani",
            ),
            "Penyuluh pertanian setempat akan mencatat pertumbuhan tanaman setiap pekan. Hasil "
            "panen uji coba akan dibandingkan dengan lahan padi biasa di desa yang sama.",
        ),
    ),
    Article(
        slug="banjir-rob-rendam-ratusan-rumah-di-pesisir-semarang",
        title="Banjir rob rendam ratusan rumah di pesisir Semarang",
        section="daerah",
        published="2024-09-26 15:00",
        kicker="Bencana",
        summary=(
            "Air laut pasang setinggi 40 sentimeter masuk ke permukiman di tiga kelurahan. "
            "Warga meninggikan lantai rumah dengan swadaya."
        ),
        dateline=("Semarang", ""),
        authors=(("dewi-anggraini", W), ("agus-setiawan", F), ("bayu-prasetyo", E)),
        tags=("Banjir", "Jawa Tengah", "Cuaca"),
        image="laut",
        image_caption="Ilustrasi air laut pasang di kawasan pesisir.",
        updated_after_hours=4,
        body=(
            "Banjir rob merendam sekitar 350 rumah di tiga kelurahan di pesisir utara Semarang "
            "sejak Kamis pagi. Ketinggian air di jalan permukiman mencapai 40 sentimeter.",
            "Warga menyebutkan rob tahun ini datang lebih sering. Dalam sebulan terakhir, air "
            "laut pasang sudah empat kali masuk ke rumah mereka.",
            Subheading("Pompa air dikerahkan"),
            "Pemerintah kota mengerahkan enam pompa air bergerak untuk mempercepat surutnya "
            "genangan. Petugas juga membagikan air bersih karena sumur warga tercemar air asin.",
            Quote(
                "Lantai rumah sudah saya tinggikan dua kali dalam lima tahun. Sekarang pintunya "
                "tinggal setinggi bahu.",
                "Rukmini, warga pesisir",
            ),
            "Pembangunan tanggul laut di kawasan itu ditargetkan rampung dalam dua tahun. "
            "Sementara itu, warga diminta memantau jadwal pasang tertinggi yang diumumkan "
            "setiap pekan.",
            Related(("musim-hujan-datang-lebih-awal-warga-diimbau-waspada-banjir",)),
        ),
    ),
    Article(
        slug="festival-kuliner-nusantara-ramaikan-surabaya",
        title="Festival kuliner Nusantara ramaikan Surabaya akhir pekan ini",
        section="daerah",
        published="2024-10-15 09:00",
        kicker="Pariwisata",
        summary=(
            "Sebanyak 150 pelaku UMKM kuliner dari 20 provinsi ikut serta. Panitia menyiapkan "
            "area bebas plastik sekali pakai."
        ),
        dateline=("Surabaya", ""),
        authors=(("putri-maharani", W), ("agus-setiawan", F), ("rina-wulandari", E)),
        tags=("Pariwisata", "UMKM", "Jawa Timur"),
        image="kota",
        image_caption="Ilustrasi suasana kota pada malam hari.",
        body=(
            "Festival kuliner Nusantara kembali digelar di Surabaya pada Sabtu dan Minggu ini. "
            "Sebanyak 150 pedagang dari 20 provinsi akan menjajakan masakan khas daerah mereka.",
            "Pengunjung bisa mencicipi rawon, papeda, gulai ikan patin hingga kue lapis legit "
            "dalam satu lokasi. Panitia memperkirakan 40.000 orang akan datang selama dua hari.",
            Subheading("Bawa wadah sendiri"),
            "Tahun ini panitia menerapkan aturan bebas plastik sekali pakai. Pengunjung "
            "dianjurkan membawa wadah dan botol minum sendiri, sementara pedagang memakai "
            "piring yang bisa dicuci.",
            Quote(
                "Festival ini bukan sekadar tempat makan. Banyak pedagang mendapat pelanggan "
                "tetap dari luar kota setelah ikut tahun lalu.",
                "Ahmad Fauzi, ketua panitia",
            ),
            "Festival dibuka pukul 10.00 sampai 22.00 WIB. Tiket masuk tidak dipungut biaya.",
        ),
    ),
    Article(
        slug="jembatan-gantung-baru-hubungkan-dua-desa-di-lebak",
        title="Jembatan gantung baru hubungkan dua desa di Lebak",
        section="daerah",
        published="2024-10-30 07:15",
        kicker="Infrastruktur",
        summary=(
            "Anak sekolah kini tidak perlu lagi menyeberangi sungai dengan rakit. Jembatan "
            "sepanjang 84 meter itu dibangun dalam lima bulan."
        ),
        dateline=("Lebak", ""),
        authors=(("dewi-anggraini", W), ("agus-setiawan", F), ("rina-wulandari", E)),
        tags=("Infrastruktur", "Banten", "Pendidikan"),
        image="transportasi",
        image_caption="Ilustrasi jalur penghubung antardesa.",
        body=(
            "Jembatan gantung sepanjang 84 meter resmi dibuka untuk warga dua desa yang "
            "dipisahkan sungai di Kabupaten Lebak, Banten. Sebelumnya warga harus menyeberang "
            "dengan rakit bambu atau memutar sejauh 12 kilometer.",
            "Jembatan selebar 1,8 meter itu dapat dilalui pejalan kaki dan sepeda motor. "
            "Pembangunannya melibatkan warga setempat sebagai tenaga kerja.",
            Quote(
                "Kalau sungai sedang banjir, anak-anak terpaksa libur sekolah. Sekarang mereka "
                "bisa berangkat setiap hari.",
                "Nurhasanah, guru sekolah dasar",
            ),
            "Warga sepakat membentuk kelompok perawatan jembatan yang akan memeriksa kabel dan "
            "papan lantai setiap bulan.",
            Related(("jalur-mudik-natal-dan-tahun-baru-mulai-dibenahi",)),
        ),
    ),
    Article(
        slug="nelayan-bitung-panen-ikan-cakalang",
        title="Nelayan Bitung panen ikan cakalang",
        section="daerah",
        published="2024-11-18 12:00",
        kicker="Perikanan",
        summary=(
            "Hasil tangkapan cakalang naik sepertiga dibandingkan bulan lalu. Harga di tempat "
            "pelelangan ikan justru turun."
        ),
        dateline=("Bitung", ""),
        authors=(("hendra-siregar", W), ("bayu-prasetyo", E)),
        tags=("Perikanan", "Maritim", "Sulawesi Utara"),
        image="laut",
        image_caption="Ilustrasi laut tempat nelayan mencari ikan.",
        body=(
            "Nelayan di Bitung, Sulawesi Utara, tengah menikmati musim panen ikan cakalang. "
            "Kapal-kapal pole and line pulang dengan palka penuh setelah dua sampai tiga hari "
            "melaut.",
            "Pengelola tempat pelelangan ikan mencatat volume cakalang yang didaratkan naik "
            "sekitar sepertiga dibandingkan bulan sebelumnya.",
            Subheading("Harga turun, pabrik pengolahan untung"),
            "Melimpahnya pasokan membuat harga cakalang di pelelangan turun sekitar 15 persen. "
            "Pabrik pengolahan ikan kaleng dan ikan asap menambah pembelian untuk persediaan.",
            Quote(
                "Ikan sedang banyak, tetapi solar juga harus dihitung. Kami berharap harga tidak "
                "turun lebih jauh.",
                "Frans Lumintang, nakhoda kapal",
            ),
            "Nelayan berharap ada fasilitas penyimpanan dingin tambahan agar ikan dapat "
            "disimpan saat harga sedang rendah.",
            Related(("koperasi-nelayan-di-maluku-dapat-akses-kredit-usaha",)),
        ),
    ),
)
