import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kabar.settings.base")
django_application = get_wsgi_application()

from kabar.ops.request_context import RequestContext  # noqa: E402 (as below)
from kabar.pagecache.fast import FastHits  # noqa: E402 (needs the settings configured above)

# Fresh cached pages are answered before Django's handler (kabar/pagecache/fast.py); every
# request, those included, gets its id, access line and metrics (kabar/ops/request_context.py).
application = RequestContext(FastHits(django_application))
