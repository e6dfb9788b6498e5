"""Old WordPress query-string links (`/?p=123`) answered with their redirect.

Wagtail's redirect middleware only looks at 404s, but `/?p=123` is the home page's address
with a query string, so it answers 200; this middleware catches those few shapes first.
"""

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from wagtail.contrib.redirects.middleware import get_redirect

# The query keys WordPress answers on its front page, most specific first.
WORDPRESS_QUERY_KEYS = ("p", "page_id", "attachment_id", "cat", "tag", "author")


class WordPressQueryRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in {"GET", "HEAD"} and request.path == "/" and request.GET:
            for key in WORDPRESS_QUERY_KEYS:
                value = request.GET.get(key, "")
                if value and len(value) < 200:
                    redirect = get_redirect(request, f"/?{key}={value}")
                    if redirect is not None and redirect.link:
                        response_class = (
                            HttpResponsePermanentRedirect
                            if redirect.is_permanent
                            else HttpResponseRedirect
                        )
                        return response_class(redirect.link)
                    break
        return self.get_response(request)
