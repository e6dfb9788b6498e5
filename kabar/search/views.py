"""The search page: parse the form, ask the selectors, render."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from kabar.core.sites import site_root

from . import selectors, services
from .analysis import query_terms
from .forms import SearchForm


@never_cache
def search(request):
    root = site_root(request)
    form = SearchForm(request.GET, sections=selectors.sections_for_filter(root=root))
    form.is_valid()
    params = form.search_params()
    terms = query_terms(params["query"])
    filters = {k: params[k] for k in ("section", "date_from", "date_to")}
    context = {
        "form": form,
        "terms": terms,
        "query": params["query"],
        "sort": params["sort"],
        "query_was_cut": form.query_was_cut() or terms.shortened,
        "filtered": any(filters.values()),
    }
    if terms:
        outcome = selectors.article_search(
            root=root,
            terms=terms,
            sort=params["sort"],
            page_number=request.GET.get("page", 1),
            **filters,
        )
        context["outcome"] = outcome
        if outcome.page.number == 1:
            context["promotions"] = selectors.search_promotions_for(
                query=params["query"], terms=terms
            )
            # Page 1 is one search; reading on through its pages is not another.
            services.search_query_record(query=params["query"])
        if not outcome.total:
            context["suggestions"] = selectors.search_suggestions(
                root=root, terms=terms, filtered=context["filtered"], **filters
            )
    else:
        context["suggestions"] = selectors.search_suggestions(
            root=root, terms=terms, filtered=False
        )
    response = render(request, "search/search.html", context)
    # Result pages are endless and thin; crawlers should follow them but not index them.
    response["X-Robots-Tag"] = "noindex, follow"
    return response
