"""Names the view that answered, for the metrics of kabar.ops.request_context."""


class ViewNameMiddleware:
    """Marks each response with the name of the URL pattern (or view) that answered it.

    Outside URL resolution: a page answered by Django's page-cache middleware, or a 404
    resolved to nothing, has no view, and is named for that instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if match is not None:
            response.kabar_view = match.view_name or match._func_path
        elif response.get("X-Cache") in ("HIT", "STALE"):
            response.kabar_view = "page_cache"
        else:
            response.kabar_view = "unresolved"
        return response
