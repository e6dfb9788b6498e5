"""The benchmark's newsroom: a site, sections, authors, 200 tags, N articles and a hot article.

    uv run python -m tools.bench.generate --data-dir /tmp/kabar-bench-x/data --articles 10000

Articles come from the search benchmark's bulk generator (tools.bench.search.corpus_build);
this adds the rest of the tags, a hot article leading the home page with 20 approved
comments, checks the page tree and indexes everything for search. The command line form
migrates a fresh database in the data directory first and writes `bench.json` there,
naming the URLs to load.
"""

import argparse
import json
import os
import random
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

TAG_COUNT = 200
HOT_COMMENT_COUNT = 20
# The live-coverage story readers' browsers poll: as many updates as a busy day's coverage.
LIVE_UPDATE_COUNT = 40
# The comment POSTs come from this reader; one approved comment of theirs already exists,
# so with the default rules their new comments are published rather than held.
LOYAL_READER = ("Pembaca Setia", "pembaca.setia@example.com")
SEARCH_QUERY = "pembangunan"


@dataclass
class Newsroom:
    articles: int
    hot_article_id: int
    hot_article_url: str
    home_url: str
    section_url: str
    search_url: str
    feed_url: str
    live_url: str
    reader_name: str
    reader_email: str


def site_url(page, home) -> str:
    """The page's path on the site whose root is `home`."""
    return page.url_path[len(home.url_path) - 1 :]


def tags_complete(*, total: int, seed: int) -> int:
    """Add tags up to `total`, each on a few random articles; returns how many were added."""
    from taggit.models import Tag

    from kabar.news.models import ArticlePage, ArticleTag
    from tools.bench.search import NOUNS

    rng = random.Random(seed)
    existing = Tag.objects.count()
    if existing >= total:
        return 0
    new_tags = Tag.objects.bulk_create(
        [Tag(name=f"{NOUNS[n % len(NOUNS)]} {n}", slug=f"tag-{n}") for n in range(existing, total)]
    )
    article_ids = list(ArticlePage.objects.values_list("pk", flat=True))
    per_tag = max(1, len(article_ids) // 150)
    ArticleTag.objects.bulk_create(
        [
            ArticleTag(content_object_id=article_id, tag=tag)
            for tag in new_tags
            for article_id in rng.sample(article_ids, min(per_tag, len(article_ids)))
        ]
    )
    return len(new_tags)


def live_coverage_prepare(*, section, hot) -> "ArticlePage":  # noqa: F821
    """Make the section's second article a live coverage with LIVE_UPDATE_COUNT updates."""
    import datetime

    from django.utils import timezone

    from kabar.news.models import ArticlePage, LiveUpdate

    article = ArticlePage.objects.child_of(section).exclude(pk=hot.pk).order_by("path").first()
    ArticlePage.objects.filter(pk=article.pk).update(live_coverage=True)
    now = timezone.now()
    LiveUpdate.objects.bulk_create(
        LiveUpdate(
            article=article,
            posted_at=now - datetime.timedelta(minutes=10 * n),
            headline=f"Perkembangan ke-{LIVE_UPDATE_COUNT - n}" if n % 3 == 0 else "",
            text="Petugas di lapangan melaporkan perkembangan terbaru dari lokasi kejadian. " * 3,
            key_point=n % 10 == 0,
        )
        for n in range(LIVE_UPDATE_COUNT)
    )
    return article


def hot_article_prepare(*, section) -> "ArticlePage":  # noqa: F821
    """Make the section's first article the newest story, with 20 approved comments."""
    from django.utils import timezone
    from wagtail.models import Page

    from kabar.comments.models import ReaderComment
    from kabar.news.models import ArticlePage

    article = ArticlePage.objects.child_of(section).order_by("path").first()
    now = timezone.now()
    # The newest story leads the home page, as a story everyone talks about does.
    Page.objects.filter(pk=article.pk).update(first_published_at=now, last_published_at=now)
    readers = [LOYAL_READER] + [
        (f"Pembaca {n}", f"pembaca{n}@example.com") for n in range(1, HOT_COMMENT_COUNT)
    ]
    ReaderComment.objects.bulk_create(
        [
            ReaderComment(
                article=article,
                author_name=name,
                author_email=email,
                author_ip="127.0.0.1",
                body=f"Tanggapan {name.lower()}: berita ini penting bagi warga kami.",
                status=ReaderComment.Status.APPROVED,
            )
            for name, email in readers
        ]
    )
    article.refresh_from_db()
    return article


def tree_children_counts() -> tuple[list[tuple], Counter]:
    from wagtail.models import Page

    rows = list(Page.objects.values_list("pk", "path", "depth", "numchild"))
    children = Counter(path[: -Page.steplen] for _, path, _, _ in rows if len(path) > Page.steplen)
    return rows, children


def tree_numchild_fix() -> int:
    """Set each page's numchild to its real number of children; returns how many changed."""
    from wagtail.models import Page

    rows, children = tree_children_counts()
    wrong = [(pk, children[path]) for pk, path, _, numchild in rows if numchild != children[path]]
    for pk, count in wrong:
        Page.objects.filter(pk=pk).update(numchild=count)
    return len(wrong)


def tree_problems() -> list[str]:
    """What is wrong with the page tree (bad depth, orphans, wrong numchild); empty if valid.

    Treebeard's find_problems() asks two queries per page; this reads the table once.
    """
    from wagtail.models import Page

    rows, children = tree_children_counts()
    paths = {path for _, path, _, _ in rows}
    problems = []
    for pk, path, depth, numchild in rows:
        if len(path) % Page.steplen or depth != len(path) // Page.steplen:
            problems.append(f"page {pk}: depth {depth} does not match path {path}")
        elif depth > 1 and path[: -Page.steplen] not in paths:
            problems.append(f"page {pk}: no parent for path {path}")
        elif numchild != children[path]:
            problems.append(f"page {pk}: numchild {numchild}, has {children[path]} children")
    return problems


def comments_open_to_everyone() -> None:
    """The open commenting mode (name and email): the comment POST row posts as a reader who
    has no account, as WordPress's default allows. A new site starts registered-readers only."""
    from wagtail.models import Site

    from kabar.comments.models import CommentSettings

    rules = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    rules.mode = CommentSettings.Mode.OPEN
    rules.save()


def newsroom_build(*, articles: int, seed: int = 2024) -> Newsroom:
    """Generate the whole newsroom into the current database; ValueError if the tree is bad."""
    from tools.bench.search import corpus_build

    site = corpus_build(articles, seed)
    home, sections = site["home"], site["sections"]
    tags_complete(total=TAG_COUNT, seed=seed)
    hot = hot_article_prepare(section=sections[0])
    live = live_coverage_prepare(section=sections[0], hot=hot)
    comments_open_to_everyone()
    # corpus_build rounds each section's child count up; treebeard needs it exact.
    tree_numchild_fix()
    if problems := tree_problems():
        raise ValueError("The generated page tree is invalid: " + "; ".join(problems[:5]))
    return Newsroom(
        articles=articles,
        hot_article_id=hot.pk,
        hot_article_url=site_url(hot, home),
        home_url="/",
        section_url=site_url(sections[2], home),
        search_url=f"/cari/?q={SEARCH_QUERY}",
        feed_url="/feed/",
        live_url=f"/langsung/{live.pk}/",
        reader_name=LOYAL_READER[0],
        reader_email=LOYAL_READER[1],
    )


def newsroom_search_check(*, newsroom: Newsroom) -> int:
    """How many articles the benchmark's search query finds; ValueError if none."""
    from kabar.news.models import HomePage
    from kabar.search.analysis import query_terms
    from kabar.search.selectors import article_search

    home = HomePage.objects.get()
    outcome = article_search(root=home, terms=query_terms(SEARCH_QUERY))
    if not outcome.total:
        raise ValueError(f"The search for {SEARCH_QUERY!r} finds nothing; is the index built?")
    return outcome.total


def manifest_path(data_dir: Path) -> Path:
    return data_dir / "bench.json"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Generate the benchmark newsroom.")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)

    args.data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["KABAR_DATA_DIR"] = str(args.data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kabar.settings.bench"
    # Index and reference updates the page creations queue run here, not in the measured server.
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    import django

    django.setup()
    from django.core.management import call_command

    from tools.bench.search import corpus_index, database_analyze

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    newsroom = newsroom_build(articles=args.articles, seed=args.seed)
    built = time.perf_counter()
    corpus_index()
    database_analyze()
    hits = newsroom_search_check(newsroom=newsroom)
    indexed = time.perf_counter()
    timings = {
        "migrate_seconds": round(migrated - began, 1),
        "generate_seconds": round(built - migrated, 1),
        "index_seconds": round(indexed - built, 1),
        "search_hits": hits,
    }
    manifest_path(args.data_dir).write_text(json.dumps({**asdict(newsroom), **timings}, indent=2))
    sys.stdout.write(
        f"{args.articles:,} articles: migrate {timings['migrate_seconds']} s · generate "
        f"{timings['generate_seconds']} s · index {timings['index_seconds']} s\n"
    )


if __name__ == "__main__":
    main()
