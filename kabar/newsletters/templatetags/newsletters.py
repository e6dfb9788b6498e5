from django import template

from kabar.core.addresses import page_public_url

register = template.Library()


@register.filter
def public_url(page) -> str:
    """The page's address on SITE_URL, for emails (never the Site record's host)."""
    return page_public_url(page)


@register.inclusion_tag("newsletters/includes/signup.html", takes_context=True)
def newsletter_signup(context):
    """The footer's sign-up form; not on the newsletter's own pages, which have the full one,
    nor on the reader-account pages, where a second email field would confuse readers and
    their password managers.

    It carries no start token: the page it is on is cached and revalidated, so it must read the
    same for every reader and every second (a token would change its ETag each second). The
    sign-up page it posts to hands out the token (views.subscribe)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    hidden = match is not None and (
        match.namespace == "newsletters" or (match.url_name or "").startswith("account_")
    )
    # The request, for the fragment the form is kept in (it is the same on every page).
    return {"show": not hidden, "request": request}
