"""Switching the breaking-news banner on (kabar.core.breaking) alerts the subscribers who chose
alerts, once per article, through the task worker."""

from django.db import transaction

from .models import NewsletterSend
from .tasks import breaking_alert_task


def breaking_banner_saved(sender, instance, **kwargs) -> None:
    article_id = instance.article_id
    if not instance.is_on or not article_id:
        return
    if NewsletterSend.objects.filter(edition=f"alert:{article_id}").exists():
        return  # changing the text or the expiry of a banner alerts nobody again
    transaction.on_commit(lambda: breaking_alert_task.enqueue(article_id=article_id))
