import datetime

from django_tasks import task

from . import services


@task()
def digest_send_task(day: str) -> int:
    """Send the digest of `day` (ISO date); how many received it (0 if already sent)."""
    send = services.digest_send(day=datetime.date.fromisoformat(day))
    return send.recipients if send else 0


@task()
def breaking_alert_task(article_id: int) -> int:
    """Send the alert about the article; how many received it (0 if already sent)."""
    from kabar.news.models import ArticlePage

    article = ArticlePage.objects.filter(pk=article_id).first()
    send = services.breaking_alert_send(article) if article else None
    return send.recipients if send else 0
