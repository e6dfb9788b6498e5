from django.urls import path, re_path

from . import views

app_name = "news"
urlpatterns = [
    path("tag/<slug:slug>/", views.tag_detail, name="tag"),
    path("penulis/", views.author_list, name="authors"),
    path("langsung/<id:pk>/", views.live_updates, name="live_updates"),
    path("penulis/<slug:slug>/", views.author_detail, name="author"),
    re_path(r"^(?P<year>[0-9]{4})/$", views.archive, name="archive_year"),
    re_path(r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", views.archive, name="archive_month"),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$",
        views.archive,
        name="archive_day",
    ),
]
