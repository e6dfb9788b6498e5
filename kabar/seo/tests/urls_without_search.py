"""A URL configuration without the search app, as before it is installed."""

from django.urls import include, path

urlpatterns = [path("", include("kabar.seo.urls"))]
