"""Feeds, sitemaps, robots.txt and the icon: one address each, outside the language prefix.

Feeds live under /feed/, a slug sections may not take (news.models.pages.RESERVED_SLUGS).
"""

from django.urls import path

from . import views

app_name = "seo"
urlpatterns = [
    path("feed/", views.rss, name="rss"),
    path("feed/atom/", views.atom, name="atom"),
    path("feed/rubrik/<path:key>/", views.rss, {"kind": "section"}, name="section_rss"),
    path("feed/atom/rubrik/<path:key>/", views.atom, {"kind": "section"}, name="section_atom"),
    path("feed/tag/<slug:key>/", views.rss, {"kind": "tag"}, name="tag_rss"),
    path("feed/atom/tag/<slug:key>/", views.atom, {"kind": "tag"}, name="tag_atom"),
    path("feed/penulis/<slug:key>/", views.rss, {"kind": "author"}, name="author_rss"),
    path("feed/atom/penulis/<slug:key>/", views.atom, {"kind": "author"}, name="author_atom"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-news.xml", views.news_sitemap, name="news_sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
]
