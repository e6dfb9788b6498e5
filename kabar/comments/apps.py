from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "kabar.comments"
    label = "comments"
    verbose_name = _("Reader comments")

    def ready(self):
        from django.db.models.signals import post_save

        from kabar.news.invalidation import article_pages_register
        from kabar.news.selectors import card_extra_register
        from kabar.pagecache.purge import everything_purge

        from . import invalidation
        from .models import CommentSettings
        from .selectors import comment_counts_attach

        # The comment mode decides what every article page shows under the story.
        post_save.connect(
            everything_purge, sender=CommentSettings, dispatch_uid="kabar-purge-comments"
        )
        # The comments feeds show articles' titles: purged with each article that changes.
        article_pages_register(
            article_paths=invalidation.article_paths, all_paths=invalidation.all_paths
        )
        # Every card in a listing shows its article's comment count.
        card_extra_register(comment_counts_attach)
