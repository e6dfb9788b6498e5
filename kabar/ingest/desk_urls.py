from django.urls import path

from . import desk_views

app_name = "ingest_wire"
urlpatterns = [
    path("", desk_views.desk_index, name="index"),
    path("<id:pk>/", desk_views.desk_item, name="item"),
    path("<id:pk>/ambil/", desk_views.desk_take, name="take"),
    path("<id:pk>/abaikan/", desk_views.desk_ignore, name="ignore"),
]
