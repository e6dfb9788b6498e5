from django.urls import path

from kabar.pagecache.headers import public_page

from . import views
from .feeds import CorrectionsAtomFeed, CorrectionsFeed

app_name = "corrections"
urlpatterns = [
    path("", views.correction_log, name="log"),
    path("feed/", public_page(CorrectionsFeed()), name="rss"),
    path("feed/atom/", public_page(CorrectionsAtomFeed()), name="atom"),
]
