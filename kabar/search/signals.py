"""Keep article index entries whole: tags and authors are saved after the page row."""

from wagtail.search.tasks import insert_or_update_object_task

from .tasks import author_articles_reindex, related_articles_refresh


def article_published(sender, instance, **kwargs):
    # Wagtail indexes a page when its row is saved, before modelcluster writes its tags and
    # authors; once publishing has finished they are all in the database.
    insert_or_update_object_task.enqueue(
        instance._meta.app_label, instance._meta.model_name, str(instance.pk)
    )
    related_articles_refresh.enqueue(instance.pk)


def author_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        author_articles_reindex.enqueue(instance.pk)
