from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "kabar.comments"
    label = "comments"
    verbose_name = _("Reader comments")

    def ready(self):
        from django.db.models.signals import post_save

        from kabar.pagecache.purge import everything_purge

        from .models import CommentSettings

        # The comment mode decides what every article page shows under the story.
        post_save.connect(
            everything_purge, sender=CommentSettings, dispatch_uid="kabar-purge-comments"
        )
