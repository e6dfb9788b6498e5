"""Load the demo newsroom into an empty database, published through Wagtail like real work."""

import datetime
import io
import uuid
import zoneinfo
from dataclasses import dataclass
from html import escape

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail import hooks
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Revision, Site

from kabar.core.models import BreakingNews, FooterLink, MenuItem, SiteSettings, SocialLink
from kabar.core.services import newsroom_roles_setup, review_workflow_setup
from kabar.news.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    AuthorRole,
    HomePage,
    HomeTopStory,
    LiveUpdate,
    SectionPage,
    StandardPage,
)
from kabar.news.tasks import articles_reindex
from kabar.pagecache.purge import purges_deferred

from . import images
from .content import (
    ILLUSTRATION_CREDIT,
    Article,
    Picture,
    Quote,
    Related,
    Subheading,
    articles_all,
    newsroom,
)
from .content import pages as static_pages
from .seed import SeedPage, seed_page_load
from .views import demo_views_create

DEMO_COLLECTION = "Demo"
# The newsroom's times are WIB whatever TIME_ZONE the site runs with.
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
# Stable block ids: a fresh load stores the same StreamField JSON every time.
BLOCK_ID_NAMESPACE = uuid.UUID("5b0c6f2e-3f7e-4c52-9a51-6b1f3c2d8e10")


@dataclass
class DemoSummary:
    sections: int = 0
    articles: int = 0
    authors: int = 0
    tags: int = 0
    images: int = 0


def demo_newsroom_blocked() -> bool:
    """True when the database already holds pages the demo must not touch.

    News pages always block; so does any page other than the tree root and the untouched
    welcome page that Wagtail's `migrate` creates.
    """
    if HomePage.objects.exists() or ArticlePage.objects.exists():
        return True
    others = Page.objects.filter(depth__gt=1)
    welcome = _welcome_page()
    if welcome is not None:
        others = others.exclude(pk=welcome.pk)
    return others.exists()


def demo_newsroom_load(*, stdout=None) -> bool:
    """Load the demo newsroom and return True, or return False if content already exists."""
    with purges_deferred(), transaction.atomic():
        if demo_newsroom_blocked():
            return False
        summary = _newsroom_build(seed_page_load())
        demo_views_create()
        # Apps above news add their part of the demo (corrections, withdrawals) through this
        # hook, so that news never imports them.
        for hook in hooks.get_hooks("demo_newsroom_loaded"):
            hook()
        # Indexed here and now rather than through the task queue, which the worker only
        # empties after `make run` says the site is up: search finds the stories at once.
        articles_reindex.call(list(ArticlePage.objects.values_list("pk", flat=True)))
    if stdout is not None:
        stdout.write(
            f"Loaded the demo newsroom: {summary.sections} sections, {summary.articles} articles, "
            f"{summary.authors} authors, {summary.tags} tags, {summary.images} images."
        )
    return True


def _jakarta(stamp: str) -> datetime.datetime:
    """A "YYYY-MM-DD HH:MM" Jakarta time from the content files, as an aware datetime."""
    return datetime.datetime.strptime(stamp, "%Y-%m-%d %H:%M").replace(tzinfo=JAKARTA)


def _person_roles(job_title: str) -> list[str]:
    """What a demo person does, read from their job title: for the authors' admin."""
    if "Fotografer" in job_title:
        return [AuthorRole.PHOTOGRAPHER.value]
    if job_title.startswith(("Redaktur", "Pemimpin")):
        return [AuthorRole.EDITOR.value, AuthorRole.WRITER.value]
    return [AuthorRole.WRITER.value]


def _welcome_page() -> Page | None:
    """Wagtail's default welcome page, if it is still the bare page `migrate` made."""
    candidates = list(Page.objects.filter(depth=2)[:2])
    if len(candidates) != 1:
        return None
    page = candidates[0]
    if page.numchild or page.specific_class is not Page:
        return None
    return page


def _tree_root() -> Page:
    """Wagtail's tree root, made as `migrate` would if a flushed database has none."""
    root = Page.get_first_root_node()
    if root is not None:
        return root
    if not Locale.all_objects.exists():
        Locale.objects.create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
    root = Page.add_root(title="Root", slug="root")
    # The newsroom roles' page permissions and the review workflow hang off the root.
    newsroom_roles_setup()
    review_workflow_setup()
    return root


def _publish(page: Page, *, first: datetime.datetime, last: datetime.datetime | None = None):
    """Publish through a revision, then date it as the newsroom did rather than today."""
    last = last or first
    revision = page.save_revision(clean=False)
    revision.publish()
    Revision.objects.filter(pk=revision.pk).update(created_at=last)
    type(page).objects.filter(pk=page.pk).update(
        first_published_at=first, last_published_at=last, latest_revision_created_at=last
    )


def _images_create(*, site_name: str) -> dict[str, object]:
    """The illustrations, author portraits and logo, keyed by name, in a "Demo" collection."""
    image_model = get_image_model()
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    collection = root.add_child(name=DEMO_COLLECTION)

    def create(title: str, filename: str, data: bytes):
        image = image_model(title=title, collection=collection)
        image.file = ImageFile(io.BytesIO(data), name=filename)
        image._set_image_file_metadata()
        image.save()
        return image

    made = {
        key: create(
            spec.title,
            f"kabar-demo-{key}.jpg",
            images.illustration_draw(
                key=key,
                label=spec.label,
                top=spec.top,
                bottom=spec.bottom,
                motif=spec.motif,
                caption=spec.title,
                credit=ILLUSTRATION_CREDIT,
            ),
        )
        for key, spec in newsroom.ILLUSTRATIONS.items()
    }
    for person in newsroom.PEOPLE:
        made[f"person:{person.slug}"] = create(
            f"Foto profil {person.name}",
            f"kabar-demo-{person.slug}.jpg",
            images.portrait_draw(name=person.name, colour=person.colour),
        )
    made["logo"] = create(
        f"Logo {site_name}", "kabar-demo-logo.png", images.logo_draw(name=site_name)
    )
    return made


def _body_json(article_slug: str, body, *, pictures: dict, pages: dict[str, ArticlePage]) -> list:
    """The StreamField's stored form of an article body written with the content classes."""
    stream = []
    for n, block in enumerate(body):
        if isinstance(block, str):
            item = ("paragraph", f"<p>{escape(block, quote=False)}</p>")
        elif isinstance(block, Subheading):
            item = ("subheading", block.text)
        elif isinstance(block, Quote):
            item = ("quote", {"quote": block.text, "attribution": block.attribution})
        elif isinstance(block, Picture):
            item = (
                "image",
                {
                    "image": pictures[block.image].pk,
                    "alt_text": block.alt,
                    "caption": block.caption,
                    # Left empty: the picture's own credit (its XMP) fills it.
                    "credit": "",
                },
            )
        elif isinstance(block, Related):
            links = [
                {
                    "type": "item",
                    "id": str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"{article_slug}>{slug}")),
                    "value": {"page": pages[slug].pk, "url": "", "text": ""},
                }
                for slug in block.slugs
            ]
            item = ("related_links", {"title": block.title, "links": links})
        else:
            raise TypeError(f"Unknown demo block {block!r}")
        block_id = str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"{article_slug}:{n}"))
        stream.append({"type": item[0], "value": item[1], "id": block_id})
    return stream


def _article_create(article: Article, *, sections, people, pictures, pages) -> ArticlePage:
    page = ArticlePage(
        title=article.title,
        slug=article.slug,
        kicker=article.kicker,
        summary=article.summary,
        dateline_place=article.dateline[0],
        dateline_agency=article.dateline[1],
        body=_body_json(article.slug, article.body, pictures=pictures, pages=pages),
        featured_image=pictures[article.image],
        featured_image_caption=article.image_caption,
        featured_image_credit="",  # the picture's own credit (its XMP) fills it
        source_name=article.source[0],
        source_url=article.source[1],
        unverified=article.unverified,
        sponsored=article.sponsored,
        live_coverage=bool(article.live_updates),
        live=False,
    )
    page.tags.add(*article.tags)
    page.authorships = [
        ArticleAuthor(author=people[slug], role=role, sort_order=n)
        for n, (slug, role) in enumerate(article.authors)
    ]
    page.secondary_sections = [sections[s] for s in article.secondary_sections]
    sections[article.section].add_child(instance=page)
    first = _jakarta(article.published)
    last = first
    if article.updated_after_hours:
        last = first + datetime.timedelta(hours=article.updated_after_hours)
    _publish(page, first=first, last=last)
    _live_updates_create(page, article, first=first)
    return page


def _breaking_news_set(site: Site, article: ArticlePage) -> None:
    """The banner on, for the running live coverage, until three days after the demo loaded:
    a newcomer sees it on the first visit, and it goes by itself as every banner does."""
    banner = BreakingNews.for_site(site)
    banner.is_on, banner.article = True, article
    banner.expires_at = timezone.now() + datetime.timedelta(days=3)
    banner.save()


def _live_updates_create(page: ArticlePage, article: Article, *, first) -> None:
    """A live-coverage story's updates, dated as the newsroom posted them. The coverage is
    left running, so the demo shows readers' pages picking up what an editor posts."""
    LiveUpdate.objects.bulk_create(
        LiveUpdate(
            article=page,
            posted_at=first + datetime.timedelta(minutes=entry.minutes),
            headline=entry.headline,
            text=entry.text,
            key_point=entry.key_point,
        )
        for entry in article.live_updates
    )


def _lead_article(seed: SeedPage) -> Article:
    lead = newsroom.LEAD_STORY
    return Article(
        slug=lead["slug"],
        title=seed.headline,
        section=lead["section"],
        published=lead["published"],
        summary=lead["summary"],
        body=seed.paragraphs,
        authors=lead["authors"],
        tags=lead["tags"],
        image=lead["image"],
        image_caption=lead["image_caption"],
        kicker=lead["kicker"],
        dateline=(seed.dateline_place, seed.dateline_agency),
        source=lead["source"],
    )


def _static_body_json(page: static_pages.StaticPage, *, people: dict) -> list:
    """A static page's StreamField: paragraphs, subheadings and the masthead of profiles."""
    stream = []
    for n, entry in enumerate(page.body):
        if entry[0] == "p":
            item = ("paragraph", f"<p>{entry[1]}</p>")
        elif entry[0] == "h":
            item = ("subheading", entry[1])
        else:
            _kind, title, members = entry
            rows = [
                {
                    "type": "item",
                    "id": str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"{page.slug}>{slug}")),
                    "value": {"role": role, "author": people[slug].pk},
                }
                for slug, role in members
            ]
            item = ("masthead", {"title": title, "people": rows})
        block_id = str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"{page.slug}:{n}"))
        stream.append({"type": item[0], "value": item[1], "id": block_id})
    return stream


def _static_pages_create(home: HomePage, *, people: dict, published) -> dict[str, StandardPage]:
    """The pages every portal has: PPMS, Redaksi, Kontak, Tentang Kami, Privasi, Komentar."""
    made = {}
    for spec in static_pages.STATIC_PAGES:
        page = home.add_child(
            instance=StandardPage(
                title=spec.title,
                slug=spec.slug,
                body=_static_body_json(spec, people=people),
                live=False,
            )
        )
        _publish(page, first=published)
        made[spec.slug] = page
    return made


def _site_attach(home: HomePage, seed: SeedPage, *, welcome: Page | None, logo) -> Site:
    """Make the home page the default site's root, then drop the welcome page it replaces."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page, site.site_name = home, seed.site_name
    site.save()
    if welcome is not None:
        welcome.delete()
    site_settings = SiteSettings.for_site(site)
    site_settings.site_name, site_settings.tagline = seed.site_name, seed.tagline
    site_settings.logo = logo
    site_settings.footer_text = newsroom.FOOTER_TEXT
    site_settings.menu_items = [
        MenuItem(page=section, sort_order=n)
        for n, section in enumerate(home.get_children().type(SectionPage).order_by("path"))
    ]
    site_settings.social_links = [
        SocialLink(platform=platform, url=url, sort_order=n)
        for n, (platform, url) in enumerate(newsroom.SOCIAL_LINKS)
    ]
    pages = {p.slug: p for p in home.get_children().type(StandardPage)}
    site_settings.footer_links = [
        FooterLink(page=pages[slug], sort_order=n)
        for n, slug in enumerate(static_pages.FOOTER_PAGES)
        if slug in pages
    ]
    site_settings.save()
    return site


def _newsroom_build(seed: SeedPage) -> DemoSummary:
    welcome = _welcome_page()
    root = _tree_root()
    founded = _jakarta(newsroom.HOME_PUBLISHED)
    home = root.add_child(instance=HomePage(title=seed.site_name, slug="beranda", live=False))

    sections: dict[str, SectionPage] = {}
    for spec in newsroom.SECTIONS:
        parent = sections[spec.parent] if spec.parent else home
        sections[spec.slug] = parent.add_child(
            instance=SectionPage(
                title=spec.title, slug=spec.slug, description=spec.description, live=False
            )
        )
        _publish(sections[spec.slug], first=founded)

    pictures = _images_create(site_name=seed.site_name)
    people = {}
    for person in newsroom.PEOPLE:
        # Authors are not pages, so they may exist already (made by hand or an import); credit
        # the demo's articles to such a profile rather than fail on its slug or change it.
        people[person.slug], _created = Author.objects.get_or_create(
            slug=person.slug,
            defaults={
                "name": person.name,
                "job_title": person.job_title,
                "bio": person.bio,
                "photo": pictures[f"person:{person.slug}"],
                "roles": _person_roles(person.job_title),
            },
        )

    # Oldest first, so a "Baca juga" box can only point at stories already published.
    written = sorted([*articles_all(), _lead_article(seed)], key=lambda a: a.published)
    pages: dict[str, ArticlePage] = {}
    for article in written:
        pages[article.slug] = _article_create(
            article, sections=sections, people=people, pictures=pictures, pages=pages
        )

    home.lead_story = pages[newsroom.LEAD_STORY["slug"]]
    home.top_stories = [
        HomeTopStory(article=pages[slug], sort_order=n)
        for n, slug in enumerate(newsroom.TOP_STORIES)
    ]
    home.front_sections = [
        ("section", {"section": sections[slug], "count": count, "pinned": [pages[p] for p in pins]})
        for slug, count, pins in newsroom.FRONT_SECTIONS
    ]
    _publish(home, first=founded, last=max(_jakarta(a.published) for a in written))

    _static_pages_create(home, people=people, published=founded)

    site = _site_attach(home, seed, welcome=welcome, logo=pictures["logo"])
    _breaking_news_set(site, pages[newsroom.BREAKING_STORY])

    tags = {tag for a in written for tag in a.tags}
    return DemoSummary(
        sections=len(sections),
        articles=len(pages),
        authors=len(people),
        tags=len(tags),
        images=len(pictures),
    )
