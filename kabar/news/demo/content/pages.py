"""The pages every Indonesian portal carries, written for Kabar Harapan's demo newsroom.

Each body is a list of ("h", subheading), ("p", paragraph HTML) and ("masthead", title, people)
entries; the paragraphs are our own text, written from Dewan Pers' public guidelines.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class StaticPage:
    slug: str
    title: str
    body: tuple


PPMS = StaticPage(
    "pedoman-pemberitaan-media-siber",
    "Pedoman Pemberitaan Media Siber",
    (
        (
            "p",
            "Kabar Harapan menjalankan Pedoman Pemberitaan Media Siber yang ditetapkan Dewan "
            "Pers bersama organisasi pers, pengelola media siber dan masyarakat pada 3 Februari "
            "2012 (Peraturan Dewan Pers Nomor 1/Peraturan-DP/III/2012). Halaman ini menjelaskan "
            "bagaimana pedoman itu kami terapkan di situs ini, di samping Kode Etik Jurnalistik "
            "dan Undang-Undang Nomor 40 Tahun 1999 tentang Pers.",
        ),
        ("h", "1. Ruang lingkup"),
        (
            "p",
            "Media siber adalah segala bentuk media yang menggunakan wahana internet dan "
            "melaksanakan kegiatan jurnalistik. Pedoman ini berlaku untuk semua berita di Kabar "
            "Harapan, termasuk berita yang diperbarui, dan untuk isi buatan pengguna: komentar, "
            "tanggapan dan kiriman lain dari pembaca yang dimuat di situs ini.",
        ),
        ("h", "2. Verifikasi dan keberimbangan berita"),
        (
            "p",
            "Setiap berita kami verifikasi lebih dulu. Berita yang dapat merugikan pihak lain "
            "memuat konfirmasi dari pihak itu agar adil dan berimbang. Editor memeriksa daftar "
            "periksa redaksi sebelum sebuah berita terbit: sumber terverifikasi, kedua pihak "
            "sudah dikonfirmasi, dan tidak ada identitas anak atau korban kekerasan seksual.",
        ),
        (
            "p",
            "Pedoman memberi pengecualian bila berita benar-benar mengandung kepentingan publik "
            "yang mendesak, sumber pertama jelas identitasnya dan kredibel, sedangkan pihak yang "
            "diberitakan belum dapat dihubungi. Berita seperti itu kami tandai <b>menunggu "
            "verifikasi</b>, verifikasi terus diupayakan, dan hasilnya dimuat sebagai pemutakhiran "
            "pada berita yang sama dengan tautan ke berita sebelumnya.",
        ),
        ("h", "3. Isi buatan pengguna"),
        (
            "p",
            "Pembaca yang ingin berkomentar mendaftar dan masuk dengan akun terlebih dulu. "
            "Komentar tidak boleh memuat kebohongan, fitnah, sadisme, cabul, prasangka atau "
            "kebencian terkait suku, agama, ras dan antargolongan, anjuran kekerasan, atau "
            "diskriminasi atas dasar jenis kelamin, bahasa, agama, penyakit, cacat jasmani "
            'maupun rohani. Aturan lengkapnya ada di <a href="/pedoman-komentar/">Pedoman '
            "Komentar</a>.",
        ),
        (
            "p",
            "Kami berwenang menyunting atau menghapus komentar yang melanggar aturan itu. "
            'Setiap komentar dapat dilaporkan pembaca lewat tautan "Laporkan"; laporan '
            "ditangani paling lambat 2×24 jam setelah diterima.",
        ),
        ("h", "4. Ralat, koreksi dan hak jawab"),
        (
            "p",
            "Ralat, koreksi dan hak jawab mengacu pada Undang-Undang Pers, Kode Etik "
            "Jurnalistik dan Pedoman Hak Jawab Dewan Pers. Setiap ralat, koreksi atau hak jawab "
            "ditautkan pada berita yang diralat, dikoreksi atau dijawab, dengan keterangan waktu "
            "pemuatannya, dan tersimpan bersama berita itu seterusnya.",
        ),
        (
            "p",
            "Siapa pun dapat mengajukan hak jawab, koreksi atau pengaduan lewat formulir di bawah "
            'setiap berita atau di halaman <a href="/pengaduan/">Hak Jawab dan Pengaduan</a>. '
            "Redaksi menanggapinya paling lambat 2×24 jam. Bila sebuah berita disebarkan media "
            "lain atas izin kami, ralat, koreksi dan hak jawabnya juga menjadi tanggung jawab "
            "media tersebut.",
        ),
        ("h", "5. Pencabutan berita"),
        (
            "p",
            "Berita yang sudah terbit tidak dicabut karena alasan penyensoran dari pihak luar "
            "redaksi, kecuali terkait masalah SARA, kesusilaan, masa depan anak, pengalaman "
            "traumatik korban, atau pertimbangan khusus lain yang ditetapkan Dewan Pers. Setiap "
            "pencabutan diumumkan disertai alasannya, dan alamat berita yang dicabut menampilkan "
            "pengumuman itu.",
        ),
        ("h", "6. Iklan"),
        (
            "p",
            "Iklan dan berita kami pisahkan dengan tegas. Setiap berita atau artikel berbayar "
            'diberi keterangan "Advertorial", "Iklan" atau "Konten Bersponsor".',
        ),
        ("h", "7. Hak cipta"),
        (
            "p",
            "Kami menghormati hak cipta sebagaimana diatur peraturan perundang-undangan. Foto, "
            "video dan tulisan pihak lain hanya dimuat dengan izin dan dengan menyebut sumbernya.",
        ),
        ("h", "8. Pencantuman pedoman"),
        (
            "p",
            "Pedoman ini kami cantumkan di tempat yang terlihat jelas: di kaki setiap halaman "
            "Kabar Harapan.",
        ),
        ("h", "9. Sengketa"),
        (
            "p",
            "Penilaian akhir atas sengketa mengenai pelaksanaan pedoman ini ada pada Dewan Pers. "
            "Jika Anda tidak puas dengan tanggapan kami, Anda dapat mengadu ke Dewan Pers di "
            '<a href="https://dewanpers.or.id">dewanpers.or.id</a>.',
        ),
    ),
)

MASTHEAD = StaticPage(
    "redaksi",
    "Redaksi",
    (
        (
            "p",
            "Kabar Harapan diterbitkan oleh redaksi yang bekerja di Jakarta. Wartawan kami "
            "mematuhi Kode Etik Jurnalistik dan Pedoman Pemberitaan Media Siber.",
        ),
        (
            "masthead",
            "Susunan Redaksi",
            (
                ("rina-wulandari", "Pemimpin Redaksi / Penanggung Jawab"),
                ("bayu-prasetyo", "Redaktur Luar Negeri"),
                ("dewi-anggraini", ""),
                ("hendra-siregar", ""),
                ("putri-maharani", ""),
                ("agus-setiawan", ""),
            ),
        ),
        ("h", "Alamat redaksi"),
        (
            "p",
            "Jalan Kebon Sirih Raya 17, Menteng, Jakarta Pusat 10340. Telepon (021) 3100 1234. "
            'Email <a href="mailto:redaksi@kabarharapan.id">redaksi@kabarharapan.id</a>.',
        ),
    ),
)

CONTACT = StaticPage(
    "kontak",
    "Kontak",
    (
        ("p", "Redaksi Kabar Harapan dapat dihubungi setiap hari, pukul 08.00–22.00 WIB."),
        ("h", "Redaksi"),
        (
            "p",
            "Jalan Kebon Sirih Raya 17, Menteng, Jakarta Pusat 10340<br>Telepon (021) 3100 1234"
            '<br>Email <a href="mailto:redaksi@kabarharapan.id">redaksi@kabarharapan.id</a>',
        ),
        ("h", "Hak jawab, koreksi dan pengaduan"),
        (
            "p",
            'Gunakan <a href="/pengaduan/">formulir hak jawab dan pengaduan</a> agar kiriman '
            "Anda tercatat dan ditangani dalam 2×24 jam, sesuai Pedoman Pemberitaan Media Siber.",
        ),
        ("h", "Iklan dan kerja sama"),
        (
            "p",
            'Email <a href="mailto:iklan@kabarharapan.id">iklan@kabarharapan.id</a>, telepon '
            "(021) 3100 1235.",
        ),
    ),
)

ABOUT = StaticPage(
    "tentang-kami",
    "Tentang Kami",
    (
        (
            "p",
            "Kabar Harapan adalah portal berita dalam negeri dan luar negeri yang terbit sejak "
            "2021 di Jakarta. Kami memuat liputan wartawan sendiri dan berita kantor berita "
            "ANTARA, disunting untuk pembaca di seluruh Indonesia.",
        ),
        (
            "p",
            "Kami percaya berita yang baik dimulai dari fakta yang diperiksa, suara dari semua "
            "pihak, dan kesediaan memperbaiki kesalahan secara terbuka. Karena itu setiap ralat, "
            "koreksi dan hak jawab kami muat bersama berita yang bersangkutan.",
        ),
        (
            "p",
            'Kenali orang-orang di balik berita kami di halaman <a href="/redaksi/">Redaksi'
            "</a>, dan baca cara kami bekerja di <a "
            'href="/pedoman-pemberitaan-media-siber/">Pedoman Pemberitaan Media Siber</a>.',
        ),
    ),
)

PRIVACY = StaticPage(
    "kebijakan-privasi",
    "Kebijakan Privasi",
    (
        (
            "p",
            "Kebijakan ini menjelaskan data pribadi apa yang kami kumpulkan, untuk apa, dan "
            "hak Anda atasnya menurut Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data "
            "Pribadi (UU PDP).",
        ),
        ("h", "Data yang kami kumpulkan"),
        (
            "p",
            "<b>Membaca berita</b> tidak memerlukan data pribadi. Situs ini tidak memuat skrip "
            "pihak ketiga dan tidak memasang kuki pelacak iklan.",
        ),
        (
            "p",
            "<b>Akun pembaca</b>: alamat email, nama pengguna dan kata sandi (tersimpan sebagai "
            "hash), untuk masuk dan berkomentar.",
        ),
        (
            "p",
            "<b>Komentar</b>: nama, email, situs web bila diisi, isi komentar, alamat IP dan "
            "jenis peramban, untuk menampilkan komentar, mencegah spam dan menanggapi laporan. "
            "Email dan alamat IP tidak pernah ditampilkan. Kuki kecil mengingat komentar Anda "
            "yang menunggu moderasi dan, bila Anda minta, nama serta email Anda.",
        ),
        (
            "p",
            "<b>Hak jawab dan pengaduan</b>: nama, email atau nomor telepon, isi kiriman dan "
            "lampiran, untuk menangani kiriman Anda. Lampiran hanya dapat dibuka redaksi.",
        ),
        ("h", "Hak Anda"),
        (
            "p",
            "Anda berhak mendapat informasi tentang data Anda, mengakses dan memperoleh "
            "salinannya, memperbaikinya, meminta penghapusannya, serta menarik persetujuan "
            "pemrosesannya. Salinan dan penghapusan data komentar dapat Anda lakukan sendiri di "
            'halaman <a href="/komentar/data-saya/">Komentar dan data pribadi Anda</a>: kami '
            "mengirim tautan ke email Anda untuk mengunduh data (JSON) atau menghapusnya.",
        ),
        (
            "p",
            "Untuk permintaan lain, hubungi petugas pelindungan data kami di <a "
            'href="mailto:privasi@kabarharapan.id">privasi@kabarharapan.id</a>. Kami menjawab '
            "paling lambat 3×24 jam.",
        ),
        ("h", "Penyimpanan"),
        (
            "p",
            "Data disimpan di server di Indonesia selama diperlukan untuk tujuannya: komentar "
            "selama dimuat, catatan pengaduan selama lima tahun sebagai bukti penanganan.",
        ),
    ),
)

COMMENT_GUIDELINES = StaticPage(
    "pedoman-komentar",
    "Pedoman Komentar",
    (
        (
            "p",
            "Kolom komentar adalah ruang diskusi bagi pembaca. Agar tetap sehat, kami "
            "menerapkan aturan berikut sesuai Pedoman Pemberitaan Media Siber.",
        ),
        ("h", "Siapa yang dapat berkomentar"),
        (
            "p",
            "Pembaca mendaftar dan masuk dengan akun lebih dulu. Dengan berkomentar Anda "
            "menyetujui pedoman ini.",
        ),
        ("h", "Yang tidak boleh dimuat"),
        (
            "p",
            "Kebohongan, fitnah, sadisme dan cabul; prasangka dan kebencian terkait suku, "
            "agama, ras dan antargolongan (SARA); anjuran tindakan kekerasan; diskriminasi atas "
            "dasar jenis kelamin, bahasa, agama, penyakit atau disabilitas; data pribadi orang "
            "lain; iklan dan spam.",
        ),
        ("h", "Moderasi"),
        (
            "p",
            "Komentar pertama dari pembaca baru menunggu persetujuan moderator. Komentar yang "
            "melanggar pedoman kami sunting atau hapus. Tanggung jawab atas isi komentar ada "
            "pada penulisnya.",
        ),
        ("h", "Melaporkan komentar"),
        (
            "p",
            'Klik "Laporkan" di bawah komentar yang melanggar dan pilih alasannya. Moderator '
            "menanggapi setiap laporan paling lambat 2×24 jam.",
        ),
    ),
)

STATIC_PAGES = (PPMS, MASTHEAD, CONTACT, ABOUT, PRIVACY, COMMENT_GUIDELINES)
# Footer order: the guideline first, as PPMS 8 asks it to be in plain sight.
FOOTER_PAGES = (
    "pedoman-pemberitaan-media-siber",
    "redaksi",
    "tentang-kami",
    "kontak",
    "kebijakan-privasi",
    "pedoman-komentar",
)
