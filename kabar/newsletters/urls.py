from django.urls import path

from . import views

app_name = "newsletters"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("terkirim/", views.sent, name="sent"),
    path("konfirmasi/<str:token>/", views.confirm, name="confirm"),
    path("pilihan/<str:token>/", views.preferences, name="preferences"),
    path("berhenti/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
