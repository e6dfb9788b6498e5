"""Listings that are not pages in the tree (tags, authors, date archives), the live coverage
updates fragment, and the view beacon."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kabar.core.site_data import without_site_data
from kabar.core.sites import site_root
from kabar.pagecache.headers import public_page

from . import selectors, view_counts
from .live import live_updates_shown
from .models import ArticlePage


@public_page
def tag_detail(request, slug):
    tag, articles = selectors.articles_for_tag(root=site_root(request), slug=slug)
    # A tag no live article carries has nothing to show: 404 like an unknown one.
    page = selectors.paginate(request, articles, allow_empty=False)
    return render(request, "news/tag_page.html", {"tag": tag, "articles": page})


@public_page
def author_list(request):
    authors = selectors.authors_with_articles(root=site_root(request))
    return render(request, "news/author_index_page.html", {"authors": authors})


@public_page
def author_detail(request, slug):
    author, articles = selectors.articles_for_author(root=site_root(request), slug=slug)
    return render(
        request,
        "news/author_page.html",
        {"author": author, "articles": selectors.paginate(request, articles)},
    )


@public_page
def archive(request, year, month=None, day=None):
    root = site_root(request)
    period = {
        "year": int(year),
        "month": int(month) if month else None,
        "day": int(day) if day else None,
    }
    first_day, articles = selectors.articles_for_archive(root=root, **period)
    context = {
        "period": "day" if day else "month" if month else "year",
        "first_day": first_day,
        "articles": selectors.paginate(request, articles, allow_empty=False),
    }
    context.update(selectors.archive_neighbours(root=root, **period))
    return render(request, "news/archive_page.html", context)


@without_site_data
@public_page
def live_updates(request, pk):
    """A live-coverage story's updates alone, for readers' browsers to poll: the same for every
    reader, so the page cache and a CDN answer the polls; posting an update purges it."""
    article = get_object_or_404(
        ArticlePage.objects.visible().filter(live_coverage=True).descendant_of(site_root(request)),
        pk=pk,
    )
    context = {"article": article, "updates": live_updates_shown(article)}
    response = render(request, "news/live/updates.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@csrf_exempt
@require_POST
@never_cache
@without_site_data
def view_beacon(request, article_id):
    """Count one view of an article, sent by its page (cached or not) once shown."""
    view_counts.view_count(request, article_id=article_id)
    return HttpResponse(status=204)
