from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_form, name="form"),
    path("artikel/<id:article_id>/", views.complaint_form, name="article_form"),
    path("terkirim/", views.complaint_sent, name="sent"),
]
