from django.urls import path

from kabar.pagecache.headers import public_page

from . import views
from .feeds import ArticleCommentsFeed, LatestCommentsFeed

app_name = "comments"

urlpatterns = [
    path("kirim/", views.comment_post, name="post"),
    path("<id:article_id>/", public_page(views.comment_page), name="page"),
    path("artikel/<id:article_id>/", views.comment_section, name="section"),
    path("feed/", public_page(LatestCommentsFeed()), name="feed"),
    path("artikel/<id:article_id>/feed/", public_page(ArticleCommentsFeed()), name="article_feed"),
    path("laporkan/<id:comment_id>/", views.comment_report, name="report"),
    path("konfirmasi/<str:token>/", views.comment_confirm, name="confirm"),
    path("data-saya/", views.personal_data_request, name="my_data_request"),
    path("data-saya/<str:token>/", views.personal_data_manage, name="my_data"),
    path("berhenti/<str:token>/", views.comment_replies_unsubscribe, name="unsubscribe"),
]
