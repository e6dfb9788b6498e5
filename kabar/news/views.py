"""Listings that are not pages in the tree: tags, authors and date archives."""

from django.http import Http404
from django.shortcuts import render
from wagtail.models import Site

from . import selectors


def site_root(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site is configured for this host")
    return site.root_page


def tag_detail(request, slug):
    tag, articles = selectors.articles_for_tag(root=site_root(request), slug=slug)
    return render(
        request,
        "news/tag_page.html",
        {"tag": tag, "articles": selectors.paginate(request, articles)},
    )


def author_list(request):
    authors = selectors.authors_with_articles(root=site_root(request))
    return render(request, "news/author_index_page.html", {"authors": authors})


def author_detail(request, slug):
    author, articles = selectors.articles_for_author(root=site_root(request), slug=slug)
    return render(
        request,
        "news/author_page.html",
        {"author": author, "articles": selectors.paginate(request, articles)},
    )


def archive(request, year, month=None, day=None):
    first_day, articles = selectors.articles_for_archive(
        root=site_root(request),
        year=int(year),
        month=int(month) if month else None,
        day=int(day) if day else None,
    )
    period = "day" if day else "month" if month else "year"
    return render(
        request,
        "news/archive_page.html",
        {"period": period, "first_day": first_day, "articles": selectors.paginate(request, articles)},
    )
