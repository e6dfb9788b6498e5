import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kabar.settings.base")
django_application = get_wsgi_application()

from kabar.pagecache.fast import FastHits  # noqa: E402 (needs the settings configured above)

# Fresh cached pages are answered before Django's handler (kabar/pagecache/fast.py).
application = FastHits(django_application)
