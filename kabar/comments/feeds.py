"""RSS of the newest approved comments, site-wide and per article; never an email address."""

import copy

from django.contrib.syndication.views import Feed
from django.utils.translation import gettext as _

from kabar.core.addresses import absolute_url

from .models import ReaderComment
from .text import comment_text_render
from .views import article_for_comments

FEED_SIZE = 30


class LatestCommentsFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        # One feed object serves every thread: each request gets its own copy to hold it, so
        # links start with SITE_URL (or the request's host) like the article feeds'.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def title(self, obj=None):
        return _("Latest comments")

    def link(self, obj=None):
        return absolute_url(self.request, "/")

    def feed_url(self, obj=None):
        return absolute_url(self.request, self.request.path)

    def description(self, obj=None):
        return _("The newest readers' comments.")

    def comments(self, obj=None):
        return (
            ReaderComment.objects.approved()
            .on_visible_articles()
            .select_related("article")
            .order_by("-created_at", "-pk")
        )

    def items(self, obj=None):
        return self.comments(obj)[:FEED_SIZE]

    def item_title(self, item):
        return _("%(name)s on “%(title)s”") % {
            "name": item.author_name,
            "title": item.article.title,
        }

    def item_description(self, item):
        return comment_text_render(item.body)

    def item_link(self, item):
        return absolute_url(self.request, item.get_absolute_url())

    def item_author_name(self, item):
        return item.author_name

    def item_pubdate(self, item):
        return item.created_at

    def item_guid(self, item):
        return f"kabar-comment-{item.pk}"

    item_guid_is_permalink = False


class ArticleCommentsFeed(LatestCommentsFeed):
    def get_object(self, request, article_id):
        return article_for_comments(article_id)

    def title(self, obj=None):
        return _("Comments on “%(title)s”") % {"title": obj.title}

    def link(self, obj=None):
        return absolute_url(self.request, obj.url)

    def description(self, obj=None):
        return _("Readers' comments on “%(title)s”.") % {"title": obj.title}

    def comments(self, obj=None):
        return super().comments(obj).filter(article=obj)
