from django.urls import path

from . import views

app_name = "ingest_import"
urlpatterns = [
    path("", views.import_index, name="index"),
    path("<id:pk>/", views.import_job, name="job"),
    path("<id:pk>/status/", views.import_job_status, name="status"),
]
