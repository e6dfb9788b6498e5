"""Search benchmark: query latency on a generated corpus, on SQLite or PostgreSQL.

    uv run python -m tools.bench.search --articles 100000
    uv run python -m tools.bench.search --articles 100000 \\
        --database-url postgres://postgres@127.0.0.1:5432/kabar_bench

It builds a throwaway database (a temporary SQLite file, or the named PostgreSQL database,
dropped and created afresh; its name must contain "bench"), fills it with synthetic
Indonesian-like articles by bulk insert, indexes them through Wagtail's search backend,
then times the site's own search (kabar.search.selectors.article_search, the code behind
/cari/) for a set of queries and prints p50/p95 latencies as a Markdown table.
Not part of the test suite.
"""

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

# Common Indonesian roots with the affixed forms news copy uses, so that stemming and the
# index see realistic variety.
FAMILIES = {
    "bangun": ["membangun", "pembangunan", "dibangun", "bangunan", "terbangun"],
    "menteri": ["kementerian", "menteri"],
    "selesai": ["penyelesaian", "menyelesaikan", "diselesaikan", "selesai"],
    "kerja": ["bekerja", "pekerjaan", "pekerja", "dikerjakan", "mengerjakan"],
    "ekonomi": ["perekonomian", "ekonomi"],
    "tahan": ["menahan", "pertahanan", "ketahanan", "ditahan", "bertahan"],
    "kerah": ["pengerahan", "mengerahkan", "dikerahkan"],
    "temu": ["pertemuan", "bertemu", "menemukan", "ditemukan"],
    "laku": ["dilakukan", "melakukan", "pelaku", "berlaku"],
    "jual": ["penjualan", "menjual", "dijual", "penjual"],
    "beli": ["pembelian", "membeli", "dibeli", "pembeli"],
    "bantu": ["bantuan", "membantu", "dibantu", "pembantu"],
    "usaha": ["pengusaha", "berusaha", "perusahaan", "usaha"],
    "pilih": ["pemilihan", "memilih", "terpilih", "pemilih"],
    "atur": ["peraturan", "mengatur", "diatur", "pengaturan"],
    "jaga": ["penjagaan", "menjaga", "dijaga", "penjaga"],
    "ajar": ["pelajaran", "belajar", "mengajar", "pengajar", "pelajar"],
    "sehat": ["kesehatan", "menyehatkan", "sehat"],
    "aman": ["keamanan", "mengamankan", "diamankan", "aman"],
    "tani": ["pertanian", "petani", "bertani"],
    "dagang": ["perdagangan", "pedagang", "berdagang"],
    "tambah": ["penambahan", "menambah", "bertambah", "tambahan"],
    "kurang": ["pengurangan", "mengurangi", "berkurang", "kekurangan"],
    "periksa": ["pemeriksaan", "memeriksa", "diperiksa"],
    "lapor": ["laporan", "melaporkan", "dilaporkan", "pelapor"],
    "umum": ["pengumuman", "mengumumkan", "diumumkan"],
    "tingkat": ["peningkatan", "meningkat", "meningkatkan", "tingkat"],
    "turun": ["penurunan", "menurun", "diturunkan", "turun"],
    "hasil": ["menghasilkan", "penghasilan", "berhasil", "hasil"],
    "rencana": ["perencanaan", "merencanakan", "direncanakan", "rencana"],
}
NOUNS = """
jembatan jalan tol pelabuhan bandara sekolah rumah sakit pasar desa kota provinsi kabupaten
sungai laut gunung hutan sawah kebun pabrik kantor gedung stadion terminal stasiun kereta
banjir gempa kebakaran longsor kemarau hujan cuaca harga beras minyak gas listrik air pangan
anggaran pajak utang investasi ekspor impor inflasi bunga saham rupiah dolar emas batu bara
nikel sawit kopi teh gula garam ikan nelayan buruh guru dokter perawat polisi tentara hakim
jaksa warga pemuda mahasiswa siswa keluarga anak ibu ayah presiden gubernur bupati wali
lembaga partai kampanye sidang undang hukum korupsi narkoba perbatasan diplomasi sanksi
konflik perang damai bencana pengungsi vaksin wabah teknologi internet data digital energi
""".split()
NAMES = """
Jakarta Surabaya Bandung Medan Semarang Makassar Denpasar Yogyakarta Palembang Pontianak
Balikpapan Jayapura Kupang Ambon Mataram Beijing Tokyo Seoul Moskow Kyiv Washington London
Canberra Singapura Bangkok Manila Hanoi TNI Polri DPR KPK KPU BUMN ASEAN PBB Bali Kediri
""".split()
RARE = ["Wakatobi", "Raja Ampat", "Mentawai", "Natuna", "Morotai"]
STOP = "yang dan di ke dari untuk dengan pada dalam ini itu adalah juga oleh akan telah".split()
PLACES = ["Jakarta", "Surabaya", "Beijing", "Tokyo", "Medan", "Makassar", "Kyiv", "Seoul"]
AGENCIES = ["ANTARA", "ANTARA", "ANTARA", "Reuters", "AFP", ""]

QUERIES = [
    ("pembangunan", {}),
    ("bangun", {}),
    ("membangun jembatan", {}),
    ("kementerian keuangan anggaran", {}),
    ("penyelesaian sengketa", {}),
    ("ANTARA", {}),
    ("TNI perbatasan", {}),
    ("yang di dari", {}),
    ("Wakatobi", {}),
    ("xylofonika", {}),
    ("pembangunan", {"sort": "newest"}),
    ("pembangunan", {"section": True}),
    ("pembangunan", {"last_days": 30}),
]


def out(text: str = "") -> None:
    """Print a line of the report at once."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="corpus size")
    parser.add_argument("--database-url", default="", help="PostgreSQL URL (default: SQLite)")
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per query")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--index-workers",
        type=int,
        default=1,
        help="processes indexing the corpus in parallel (PostgreSQL only)",
    )
    parser.add_argument(
        "--sqlite-file", default="", help="SQLite file to build (default: a temporary one)"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="the database (--database-url or --sqlite-file) holds a corpus kept by an earlier "
        "run with --keep: only time the queries, and keep it",
    )
    parser.add_argument(
        "--unbounded",
        action="store_true",
        help="also time each query counting and ranking every match (the search before "
        "bounded reads), right after it in the same run",
    )
    return parser.parse_args()


def postgres_recreate(url: str) -> None:
    """Drop and create the benchmark database named in `url`."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"Refusing to drop {name!r}: the benchmark database's name must contain 'bench'.")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def postgres_drop(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}"')


class TextMaker:
    """Synthetic news text: Zipf-weighted words from the vocabulary above."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        forms = [form for family in FAMILIES.values() for form in family]
        self.words = forms + NOUNS + NAMES + STOP * 6
        self.weights = [1 / (rank + 1) ** 0.8 for rank in range(len(self.words))]
        # Accumulated once: random.choices would add the weights up again for every call.
        self.cum_weights = list(itertools.accumulate(self.weights))
        rng.shuffle(self.words)

    def words_n(self, n: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cum_weights, k=n)

    def sentence(self, n: int) -> str:
        words = self.words_n(n)
        if self.rng.random() < 0.01:
            words[self.rng.randrange(n)] = self.rng.choice(RARE)
        sentence = " ".join(words)
        return sentence[0].upper() + sentence[1:] + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence(self.rng.randint(8, 16)) for _ in range(4))


def corpus_build(count: int, seed: int) -> dict:
    """Create a site, sections, authors and tags, then bulk-insert `count` live articles."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from taggit.models import Tag
    from wagtail.models import Locale, Page, Site

    from kabar.news.models import (
        ArticleAuthor,
        ArticlePage,
        ArticleTag,
        Author,
        HomePage,
        SectionPage,
    )

    rng = random.Random(seed)
    text = TextMaker(rng)
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Kabar Harapan", slug="beranda"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    sections = [
        home.add_child(instance=SectionPage(title=name, slug=name.lower().replace(" ", "-")))
        for name in ["Dalam Negeri", "Luar Negeri", "Ekonomi", "Olahraga", "Politik", "Hukum"]
    ]
    authors = Author.objects.bulk_create(
        [Author(name=f"{rng.choice(NAMES)} {n}", slug=f"penulis-{n}") for n in range(50)]
    )
    tags = Tag.objects.bulk_create(
        [Tag(name=f"{word} {n}", slug=f"tag-{n}") for n, word in enumerate(NOUNS + NAMES)]
    )
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    now = timezone.now()
    batch = 2000
    for start in range(0, count, batch):
        pages, details = [], []
        for n in range(start, min(start + batch, count)):
            section = sections[n % len(sections)]
            position = n // len(sections) + 1
            title = text.sentence(rng.randint(6, 10)).rstrip(".")
            published = now - timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
            slug = f"berita-{n}"
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    path=Page._get_path(section.path, section.depth + 1, position),
                    depth=section.depth + 1,
                    numchild=0,
                    url_path=f"{section.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    locale=locale,
                    translation_key=uuid.uuid4(),
                )
            )
            details.append(
                {
                    "summary": text.sentence(rng.randint(18, 28)),
                    "dateline_place": rng.choice(PLACES),
                    "dateline_agency": rng.choice(AGENCIES),
                    "body": [
                        {
                            "type": "paragraph",
                            "value": f"<p>{text.paragraph()}</p>",
                            "id": str(uuid.uuid4()),
                        }
                        for _ in range(rng.randint(3, 5))
                    ],
                }
            )
        with transaction.atomic():
            pages = Page.objects.bulk_create(pages)
            articles = [
                ArticlePage(page_ptr_id=p.pk, reading_minutes=2, **d)
                for p, d in zip(pages, details, strict=True)
            ]
            # Multi-table inheritance: the parent rows exist, insert only the child table.
            fields = ArticlePage._meta.local_concrete_fields
            ArticlePage._base_manager._insert(articles, fields=fields)
            ArticleAuthor.objects.bulk_create(
                [
                    ArticleAuthor(article_id=p.pk, author=rng.choice(authors), sort_order=0)
                    for p in pages
                ]
            )
            ArticleTag.objects.bulk_create(
                [
                    ArticleTag(content_object_id=p.pk, tag=tag)
                    for p in pages
                    for tag in rng.sample(tags, rng.randint(1, 3))
                ]
            )
    for section in sections:
        Page.objects.filter(pk=section.pk).update(numchild=count // len(sections) + 1)
    return {"home": home, "sections": sections}


def corpus_index(workers: int = 1) -> int:
    """Index every article through the configured Wagtail search backend; returns the count.

    On PostgreSQL `workers` processes share the work (indexing is Python-bound: about 50
    articles/s a process, so 100,000 take half an hour on one); each leaves the title norms
    for one full refresh at the end, as `update_index` does, instead of refreshing them per
    batch (concurrent refreshes of the same rows could deadlock)."""
    from django.db import connection, connections
    from wagtail.search.backends import get_search_backend

    from kabar.news.models import ArticlePage

    backend = get_search_backend()
    ids = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
    index = backend.get_index_for_model(ArticlePage)
    if connection.vendor != "postgresql" or workers <= 1:
        chunks_index(index, ids)
        return len(ids)
    connections.close_all()  # each child opens its own
    children = []
    for worker in range(workers):
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                index._refresh_title_norms = lambda full=False: None
                chunks_index(index, ids[worker::workers])
                status = 0
            finally:
                connections.close_all()
                os._exit(status)
        children.append(pid)
    failed = [pid for pid in children if os.waitpid(pid, 0)[1] != 0]
    if failed:
        sys.exit(f"{len(failed)} indexing worker(s) failed")
    index._refresh_title_norms(full=True)
    return len(ids)


def chunks_index(index, ids: list[int]) -> None:
    """Index the articles `ids` into the backend's `index`, a thousand at a time."""
    from kabar.news.models import ArticlePage

    qs = ArticlePage.objects.order_by("pk").prefetch_related("tags", "authorships__author")
    for start in range(0, len(ids), 1000):
        index.add_items(ArticlePage, list(qs.filter(pk__in=ids[start : start + 1000])))


def corpus_existing() -> dict:
    """The site and sections of a corpus an earlier run built and kept."""
    from kabar.news.models import HomePage, SectionPage

    home = HomePage.objects.get(slug="beranda")
    return {"home": home, "sections": list(SectionPage.objects.child_of(home).order_by("path"))}


def database_analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")


def query_time(kwargs: dict, repeat: int) -> dict:
    """p50/p95 of one search through the search page's selector, and what it found."""
    from kabar.search.selectors import article_search

    outcome = article_search(**kwargs)  # warm-up, and the hit count
    list(outcome.page.object_list)
    timings = []
    for _ in range(repeat):
        began = time.perf_counter()
        outcome = article_search(**kwargs)
        list(outcome.page.object_list)
        timings.append((time.perf_counter() - began) * 1000)
    timings.sort()
    hits = f"{outcome.total:,}" + ("+" if outcome.more else "")
    return {
        "hits": hits,
        "p50": statistics.median(timings),
        "p95": timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))],
    }


def queries_time(site: dict, repeat: int, *, unbounded: bool = False) -> list[dict]:
    """Time each benchmark query; with `unbounded`, also the way a search engine backend
    is asked (every match counted and ranked), which is how the database backends
    searched before the bounded reads, in the same run."""
    from unittest import mock

    from django.utils import timezone

    from kabar.search import selectors
    from kabar.search.analysis import query_terms

    rows = []
    for query, options in QUERIES:
        kwargs = {"root": site["home"], "terms": query_terms(query)}
        label = ""
        if options.get("sort"):
            kwargs["sort"], label = options["sort"], "newest first"
        if options.get("section"):
            kwargs["section"], label = site["sections"][2], "section filter"
        if options.get("last_days"):
            kwargs["date_from"] = timezone.localdate() - timedelta(days=options["last_days"])
            label = f"last {options['last_days']} days"
        row = {"query": query, "options": label, **query_time(kwargs, repeat)}
        if unbounded:
            with mock.patch.object(selectors, "matches_queryset", return_value=None):
                before = query_time(kwargs, repeat)
            row.update({f"{key} unbounded": value for key, value in before.items()})
        rows.append(row)
    return rows


def corpus_create(args) -> dict:
    """Migrate, build and index a fresh corpus, printing how long each step took."""
    from django.core.management import call_command

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    site = corpus_build(args.articles, args.seed)
    built = time.perf_counter()
    indexed_count = corpus_index(args.index_workers)
    database_analyze()
    indexed = time.perf_counter()
    out(
        f"migrate {migrated - began:.1f} s · generate {built - migrated:.1f} s · "
        f"index {indexed - built:.1f} s ({indexed_count / (indexed - built):.0f} "
        f"articles/s)\n"
    )
    return site


def main():
    args = parse_args()
    tmpdir = tempfile.mkdtemp(prefix="kabar-bench-")
    # Everything the settings would write (secret key, SQLite file, media) goes to tmpdir;
    # indexing and tasks run in this process.
    os.environ["KABAR_DATA_DIR"] = tmpdir
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ["DJANGO_SETTINGS_MODULE"] = "kabar.settings.base"
    if args.reuse and not (args.database_url or args.sqlite_file):
        sys.exit("--reuse needs the kept database: --database-url or --sqlite-file.")
    args.keep = args.keep or args.reuse
    if args.database_url:
        if not args.reuse:
            postgres_recreate(args.database_url)
        os.environ["DATABASE_URL"] = args.database_url
    else:
        sqlite_file = os.path.abspath(args.sqlite_file or f"{tmpdir}/bench.sqlite3")
        if args.sqlite_file and not args.reuse and os.path.exists(sqlite_file):
            sys.exit(f"{sqlite_file} exists; pass --reuse to time queries on it.")
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_file}"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    backend_name = connection.vendor
    if args.reuse:
        from kabar.news.models import ArticlePage

        args.articles = ArticlePage.objects.visible().count()
    out(f"# Kabar search benchmark: {args.articles:,} articles on {backend_name}")
    try:
        if args.reuse:
            call_command("migrate", verbosity=0)  # this branch's migrations, if any are new
            site = corpus_existing()
            out("reusing the kept corpus\n")
        else:
            site = corpus_create(args)
        rows = queries_time(site, args.repeat, unbounded=args.unbounded)
        head = "| backend | query | options | hits | p50 ms | p95 ms |"
        rule = "|---|---|---|--:|--:|--:|"
        if args.unbounded:
            head += " hits, unbounded | p50 ms, unbounded | p95 ms, unbounded |"
            rule += "--:|--:|--:|"
        out(f"{head}\n{rule}")
        for row in rows:
            line = (
                f"| {backend_name} | {row['query']} | {row['options']} | {row['hits']} | "
                f"{row['p50']:.1f} | {row['p95']:.1f} |"
            )
            if args.unbounded:
                line += (
                    f" {row['hits unbounded']} | {row['p50 unbounded']:.1f} | "
                    f"{row['p95 unbounded']:.1f} |"
                )
            out(line)
        out(
            f"\n{args.repeat} timed runs per query after one warm-up; each run is the "
            f"whole search behind /cari/: matching, ranking window, count and one page of "
            f"cards with snippets."
        )
    finally:
        connections.close_all()
        if args.database_url and not args.keep:
            postgres_drop(args.database_url)
        sqlite_kept = args.keep and not args.database_url
        if sqlite_kept and not args.sqlite_file:
            out(f"SQLite database kept in {tmpdir}")
        else:
            import shutil

            if sqlite_kept:
                out(f"SQLite database kept in {os.environ['DATABASE_URL'][len('sqlite:///') :]}")
            shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    main()
