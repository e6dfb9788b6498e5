"""Demo articles for Olahraga (invented stories, athletes and people)."""

from . import Article, Picture, Quote, Related, Subheading

W, E, F = "penulis", "editor", "fotografer"

ARTICLES = (
    Article(
        slug="pebulu-tangkis-muda-indonesia-juarai-turnamen-di-bangkok",
        title="Pebulu tangkis muda Indonesia juarai turnamen di Bangkok",
        section="olahraga",
        published="2024-09-20 21:30",
        kicker="Bulu Tangkis",
        summary=(
            "Pemain berusia 19 tahun itu menang rubber game di final. Ini gelar internasional "
            "pertamanya di level senior."
        ),
        dateline=("Bangkok", ""),
        authors=(("putri-maharani", W), ("agus-setiawan", F), ("bayu-prasetyo", E)),
        tags=("Bulu Tangkis", "Prestasi"),
        image="sepak-bola",
        image_caption="Ilustrasi arena pertandingan.",
        body=(
            "Pebulu tangkis tunggal putri Indonesia, Nadia Kusuma, menjuarai turnamen "
            "internasional di Bangkok setelah menang rubber game 21-18, 17-21, 21-16 di "
            "partai final.",
            "Gelar itu menjadi gelar internasional pertama Nadia di level senior. Pemain "
            "berusia 19 tahun itu baru setahun naik dari kelompok junior.",
            Subheading("Bangkit di gim ketiga"),
            "Nadia sempat tertinggal 8-12 di gim ketiga. Ia kemudian mengubah pola permainan "
            "dengan lebih banyak bola-bola panjang ke belakang lapangan.",
            Quote(
                "Pelatih bilang sabar, jangan buru-buru menyerang. Saya ikuti saja dan poinnya "
                "datang sendiri.",
                "Nadia Kusuma",
            ),
            "Dengan gelar ini, peringkat dunia Nadia diperkirakan naik lebih dari 20 tingkat. "
            "Ia dijadwalkan tampil di dua turnamen Eropa bulan depan.",
        ),
    ),
    Article(
        slug="timnas-u-20-lolos-ke-putaran-final-piala-asia",
        title="Timnas U-20 lolos ke putaran final Piala Asia",
        section="olahraga",
        published="2024-09-29 22:15",
        kicker="Sepak Bola",
        summary=(
            "Garuda Muda memastikan tiket setelah menjadi juara grup kualifikasi tanpa "
            "kekalahan. Pemain diminta tetap menjaga kondisi di klub."
        ),
        authors=(("putri-maharani", W), ("agus-setiawan", F), ("bayu-prasetyo", E)),
        tags=("Sepak Bola", "Timnas", "Prestasi"),
        image="sepak-bola",
        image_caption="Ilustrasi lapangan sepak bola.",
        updated_after_hours=2,
        body=(
            "Tim nasional sepak bola Indonesia U-20 memastikan diri lolos ke putaran final "
            "Piala Asia U-20. Garuda Muda menjadi juara grup kualifikasi tanpa kekalahan.",
            "Pada laga terakhir, Indonesia menang 3-1 dengan dua gol dicetak pada babak kedua. "
            "Dukungan penonton yang memadati stadion membuat pemain tampil percaya diri.",
            Picture(
                "sepak-bola",
                "Garuda Muda tampil tanpa kekalahan sepanjang babak kualifikasi.",
                "Gambar garis lapangan sepak bola dan bola putih.",
            ),
            Subheading("Persiapan berlanjut di klub"),
            "Tim pelatih meminta para pemain menjaga kondisi dan mendapat menit bermain di "
            "klub masing-masing sebelum pemusatan latihan berikutnya.",
            Quote(
                "Lolos baru langkah pertama. Di putaran final lawannya jauh lebih berat.",
                "Anggota tim pelatih timnas U-20",
            ),
            "Putaran final Piala Asia U-20 akan digelar tahun depan. Undian grup dijadwalkan "
            "berlangsung beberapa bulan sebelum turnamen dimulai.",
        ),
    ),
    Article(
        slug="liga-sepak-bola-antardesa-di-sleman-diikuti-64-tim",
        title="Liga sepak bola antardesa di Sleman diikuti 64 tim",
        section="olahraga",
        published="2024-10-05 19:45",
        kicker="Sepak Bola",
        summary=(
            "Kompetisi berlangsung tiga bulan di lapangan desa. Pemandu bakat dari akademi "
            "klub profesional ikut menonton."
        ),
        dateline=("Sleman", ""),
        authors=(("putri-maharani", W), ("bayu-prasetyo", E)),
        tags=("Sepak Bola", "Yogyakarta"),
        image="sepak-bola",
        image_caption="Ilustrasi pertandingan sepak bola.",
        body=(
            "Sebanyak 64 tim dari desa-desa di Kabupaten Sleman ambil bagian dalam liga "
            "sepak bola antardesa yang dimulai Sabtu. Kompetisi akan berlangsung selama tiga "
            "bulan.",
            "Setiap tim wajib menurunkan sedikitnya tiga pemain berusia di bawah 21 tahun. "
            "Aturan itu dibuat agar pemain muda mendapat jam terbang.",
            Quote(
                "Lapangan desa ini dulu tempat kami belajar main bola. Sekarang anak-anak kami "
                "yang bertanding di sini.",
                "Sutrisno, kepala desa tuan rumah",
            ),
            "Panitia mengundang pemandu bakat dari akademi klub profesional untuk menonton "
            "babak gugur. Pertandingan final dijadwalkan pada pekan kedua Januari.",
            Related(("timnas-u-20-lolos-ke-putaran-final-piala-asia",)),
        ),
    ),
    Article(
        slug="ribuan-pelari-ramaikan-lomba-lari-10k-di-makassar",
        title="Ribuan pelari ramaikan lomba lari 10K di Makassar",
        section="olahraga",
        published="2024-10-27 08:00",
        kicker="Lari",
        summary=(
            "Rute menyusuri Pantai Losari dan kawasan kota tua. Panitia menyediakan kategori "
            "khusus untuk pelari disabilitas."
        ),
        dateline=("Makassar", ""),
        authors=(("putri-maharani", W), ("agus-setiawan", F), ("rina-wulandari", E)),
        tags=("Lari", "Sulawesi Selatan", "Pariwisata"),
        image="kota",
        image_caption="Ilustrasi suasana kota saat pagi hari.",
        body=(
            "Sekitar 5.000 pelari mengikuti lomba lari 10 kilometer di Makassar, Minggu pagi. "
            "Rute lomba menyusuri Pantai Losari dan kawasan kota tua.",
            "Lomba dimulai pukul 05.30 WITA agar peserta tidak berlari di bawah terik "
            "matahari. Panitia menyiapkan enam pos air minum di sepanjang rute.",
            Subheading("Kategori pelari disabilitas"),
            "Tahun ini panitia untuk pertama kalinya membuka kategori khusus untuk pelari "
            "disabilitas. Sebanyak 48 peserta tercatat ikut dalam kategori tersebut.",
            Quote(
                "Yang penting bukan juara, tetapi kami bisa ikut berlari bersama warga kota.",
                "Irfan Hakim, peserta kategori disabilitas",
            ),
            "Pemerintah kota berencana menjadikan lomba ini agenda tahunan untuk menarik "
            "wisatawan olahraga.",
        ),
    ),
    Article(
        slug="pembalap-muda-indonesia-naik-podium-di-seri-asia",
        title="Pembalap muda Indonesia naik podium di seri Asia",
        section="olahraga",
        published="2024-11-10 20:30",
        kicker="Balap Motor",
        summary=(
            "Pembalap berusia 17 tahun itu finis kedua setelah start dari posisi kesembilan. "
            "Ia kini berada di posisi keempat klasemen."
        ),
        authors=(("putri-maharani", W), ("bayu-prasetyo", E)),
        tags=("Balap Motor", "Prestasi"),
        image="transportasi",
        image_caption="Ilustrasi lintasan balap.",
        body=(
            "Pembalap muda Indonesia, Raka Pratama, naik podium kedua pada seri balap motor "
            "tingkat Asia, Minggu. Ia start dari posisi kesembilan.",
            "Raka menyalip empat pembalap dalam tiga putaran terakhir. Selisihnya dengan "
            "pemenang lomba hanya 0,3 detik.",
            Quote(
                "Ban belakang sudah habis di lap terakhir, jadi saya harus sangat hati-hati di "
                "tikungan.",
                "Raka Pratama",
            ),
            "Hasil ini membawa Raka naik ke posisi keempat klasemen sementara dengan dua seri "
            "tersisa musim ini.",
            Related(("pebulu-tangkis-muda-indonesia-juarai-turnamen-di-bangkok",)),
        ),
    ),
)
