from django import template

from kabar.search.related import related_articles

register = template.Library()


@register.inclusion_tag("search/related.html")
def related_stories(article):
    """ "Berita terkait" at the end of an article (kabar/search/related.py)."""
    return {"articles": related_articles(article)}


@register.simple_tag(takes_context=True)
def search_url(context, **changes):
    """The current search's query string with `changes` applied (empty values removed),
    back on the first page."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode()
