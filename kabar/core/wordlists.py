"""Word lists for Indonesian search: stopwords to leave out and words never to stem.

Settings can extend both: ``KABAR_SEARCH_STOPWORDS`` and ``KABAR_SEARCH_PROTECTED_WORDS``
(read once at start-up; run ``manage.py update_index`` after changing them).
"""

# Function words that say nothing about a story. Sastrawi ships a longer list, but it also
# drops words readers do search news for ("baru", "besar", "bulan", "bapak", "kerja").
STOPWORDS = frozenset(
    """
    ada adalah agar akan akhirnya aku amat anda apa apabila apakah atas atau bagaimana bagi
    bahkan bahwa banyak beberapa begitu belum beliau bila boleh bukan dahulu dalam dan dapat
    dari daripada demi demikian dengan di dia diri dirinya engkau hal hanya harus hingga ia ialah
    ini itu jadi jika juga justru kalau kami kamu karena ke kemudian kenapa kepada ketika kita
    lagi lain lalu maka masih mau melainkan menjadi mereka meski meskipun mungkin namun nanti
    oleh pada padahal para per pula pun saat saja sambil sampai sang sangat sebagai sebelum
    sedang sedangkan sehingga sejak selama seluruh semua sendiri seperti serta sesudah setelah
    si sini situ supaya tak tanpa tapi telah tentang tersebut tetapi tidak untuk walau walaupun
    yaitu yakni yang
    """.split()
)

# Names, places and acronyms the stemmer would otherwise cut down to an unrelated root
# ("Bali" -> "bal", "Kediri" -> "diri", "Terawan" -> "awan", "pemilu" -> "milu"), and
# newsroom acronyms that must survive stopword removal and stemming as written. "antara"
# is here rather than among the stopwords because ANTARA is the news agency.
PROTECTED_WORDS = frozenset(
    """
    antara afp ap reuters xinhua bernama kyodo yonhap tass
    tni polri dpr dprd mpr dpd kpk kpu bpk bi ojk bumn apbn apbd pbb asean nato who ikn
    dki ntt ntb pdip pkb pks pan golkar gerindra nasdem demokrat bawaslu basarnas bnpb bmkg
    bpjs bps bpom brin lapan pemilu pilkada pilpres
    bali bekasi kediri pemalang bangkalan tarakan labuan maluku berlin persebaya kumparan
    terawan
    """.split()
)
