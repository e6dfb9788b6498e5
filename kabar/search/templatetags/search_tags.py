from django import template

register = template.Library()


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
