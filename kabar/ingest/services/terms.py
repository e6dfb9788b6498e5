"""Authors, categories (as sections) and tags from a WordPress export."""

from urllib.parse import unquote

from anyascii import anyascii
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Page, Site

from kabar.core.services import WRITER_GROUP
from kabar.ingest.wxr.parse import WxrAuthor, WxrSite, WxrTerm
from kabar.news.models import Author, HomePage, SectionPage
from kabar.news.models.pages import RESERVED_SLUGS

from .redirects import redirect_upsert
from .run import ImportRun, checksum_of


def page_slug(raw: str, fallback: str) -> str:
    """A Wagtail slug from a WordPress slug, which may be percent-encoded."""
    return (
        slugify(unquote(raw), allow_unicode=True)
        or slugify(fallback, allow_unicode=True)
        or "halaman"
    )[:255]


def child_slug_free(parent: Page, slug: str, *, exclude_pk=None) -> str:
    """`slug`, or `slug-2`, `slug-3`... whichever no other child of `parent` has."""
    # One indexed lookup per candidate: a section can hold 100,000 articles, and scanning
    # them all for slugs that start alike would make an import quadratic.
    siblings = parent.get_children().exclude(pk=exclude_pk)
    candidate, n = slug, 2
    while (candidate in RESERVED_SLUGS and parent.depth <= 2) or siblings.filter(
        slug=candidate
    ).exists():
        suffix = f"-{n}"
        candidate, n = slug[: 255 - len(suffix)] + suffix, n + 1
    return candidate


def site_url(target, **kwargs) -> str:
    """An object's (or a URL name's) address in the site's default language, not the caller's."""
    with translation.override(settings.LANGUAGE_CODE):
        return (
            target.get_absolute_url()
            if hasattr(target, "get_absolute_url")
            else reverse(target, kwargs=kwargs)
        )


def home_ensure(*, run: ImportRun, wxr_site: WxrSite) -> HomePage:
    """The site's home page, made (with its Site) when the site has none yet."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, HomePage):
        run.home, run.site = site.root_page.specific, site
        return run.home
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = HomePage(
            title=wxr_site.title or "Kabar Harapan", slug=child_slug_free(root, "beranda")
        )
        root.add_child(instance=home)
        home.save_revision().publish(log_action=False)
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=wxr_site.title,
        )
    elif not isinstance(site.root_page.specific, HomePage) and site.root_page.depth <= 2:
        # A fresh Wagtail install serves its welcome page; the newsroom takes over.
        site.root_page = home
        site.save(update_fields=["root_page"])
    run.home, run.site = home, site
    return home


def author_upsert(*, run: ImportRun, author: WxrAuthor) -> Author:
    """The author profile (and, if asked for, a staff account without a password)."""
    checksum = checksum_of(author, run.options.staff_accounts)
    record = run.record("author", author.key)
    existing = record.target if record else None
    if existing and record.checksum == checksum:
        run.summary.count("author", "unchanged")
        return existing
    with transaction.atomic():
        profile = existing or Author.objects.filter(name=author.display_name).first()
        outcome = "updated" if existing else "created"
        if profile is None:
            profile = Author(name=author.display_name)
        profile.name = author.display_name
        if run.options.staff_accounts and not profile.user_id:
            profile.user = staff_account_ensure(author=author)
        profile.save()
        run.remember(
            "author", author.key, profile, checksum=checksum, source_path=f"/author/{author.login}/"
        )
        redirect_upsert(run=run, old_path=f"/author/{author.login}/", link=site_url(profile))
    run.summary.count("author", outcome)
    return profile


def staff_account_ensure(*, author: WxrAuthor):
    """A Penulis account for the author; it has no password until they reset it."""
    User = get_user_model()
    user = User.objects.filter(username=author.login).first()
    if user is None:
        user = User(
            username=author.login,
            email=author.email,
            first_name=author.first_name[:150],
            last_name=author.last_name[:150],
        )
        user.set_unusable_password()
        user.save()
        writers = Group.objects.filter(name=WRITER_GROUP).first()
        if writers:
            user.groups.add(writers)
    return user


def sections_upsert(*, run: ImportRun, categories: list[WxrTerm]) -> None:
    """Sections for the categories, parents before children, under the home page."""
    by_slug = {c.slug: c for c in categories}
    done: dict[str, SectionPage] = {}

    def ensure(term: WxrTerm, trail: tuple[str, ...] = ()) -> SectionPage | None:
        if term.slug in done:
            return done[term.slug]
        parent = run.home
        if term.parent_slug:
            parent_term = by_slug.get(term.parent_slug)
            if parent_term is None or parent_term.slug in trail:
                run.summary.warn(
                    f"category {term.slug}",
                    _(
                        "Its parent category “%(parent)s” is missing or circular; "
                        "it was filed at the top level."
                    )
                    % {"parent": term.parent_slug},
                )
            else:
                parent = ensure(parent_term, (*trail, term.slug)) or run.home
        done[term.slug] = section_upsert(run=run, term=term, parent=parent)
        return done[term.slug]

    for term in categories:
        ensure(term)
    for term in categories:
        section = done.get(term.slug)
        if section is None:
            continue
        chain, seen, current = [], set(), term
        while current and current.slug not in seen:
            seen.add(current.slug)
            chain.insert(0, current.slug)
            current = by_slug.get(current.parent_slug)
        for old in {"/category/" + "/".join(chain) + "/", f"/category/{term.slug}/"}:
            redirect_upsert(run=run, old_path=old, page=section)


def section_upsert(*, run: ImportRun, term: WxrTerm, parent: Page) -> SectionPage:
    checksum = checksum_of(term, parent.pk)
    record = run.record("category", term.key)
    section = record.target if record else None
    if section is not None and record.checksum == checksum:
        run.summary.count("category", "unchanged")
        return section.specific
    with transaction.atomic():
        slug = page_slug(term.slug, term.name)
        if section is None:
            # A section the newsroom already has (same place, same slug) is reused.
            section = SectionPage.objects.child_of(parent).filter(slug=slug).first()
            outcome = "created" if section is None else "updated"
        else:
            section, outcome = section.specific, "updated"
            if section.get_parent().pk != parent.pk:
                section.move(parent, pos="last-child")
                section.refresh_from_db()
        if section is None:
            section = SectionPage(title=term.name, slug=child_slug_free(parent, slug))
            parent.add_child(instance=section)
        section.title = term.name
        section.description = term.description
        section.save_revision(log_action=False).publish(log_action=False)
        run.remember(
            "category", term.key, section, checksum=checksum, source_path=f"/category/{term.slug}/"
        )
    run.summary.count("category", outcome)
    return section


def tag_upsert(*, run: ImportRun, term: WxrTerm) -> Tag:
    """A taggit tag for a WordPress tag, with an ASCII slug for a clean URL."""
    checksum = checksum_of(term)
    record = run.record("tag", term.key)
    tag = record.target if record else None
    if tag is not None and record.checksum == checksum:
        run.summary.count("tag", "unchanged")
        return tag
    outcome = "updated" if tag else "created"
    with transaction.atomic():
        name = term.name[:100]
        if tag is None:
            tag = Tag.objects.filter(name__iexact=name).first()
        if tag is None:
            slug = slugify(anyascii(unquote(term.slug))) or slugify(anyascii(name)) or "tag"
            base, n = slug[:90], 2
            while Tag.objects.filter(slug=slug).exists():
                slug, n = f"{base}-{n}", n + 1
            tag = Tag.objects.create(name=name, slug=slug)
        elif tag.name != name and not Tag.objects.filter(name=name).exclude(pk=tag.pk).exists():
            tag.name = name
            tag.save(update_fields=["name"])
        run.remember("tag", term.key, tag, checksum=checksum, source_path=f"/tag/{term.slug}/")
        redirect_upsert(
            run=run,
            old_path=f"/tag/{unquote(term.slug)}/",
            link=site_url("news:tag", slug=tag.slug),
        )
    run.summary.count("tag", outcome)
    return tag
