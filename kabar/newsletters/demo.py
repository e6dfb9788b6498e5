"""The demo newsroom's newsletter: a few subscribers and one past digest, so the admin's
listings show something on the first run (the sign-up form is in every page's footer).

Called by the news demo loader through the `demo_newsroom_loaded` hook, inside its
transaction. The past digest is dated the day before the newest story, never today: the
scheduler still sends today's.
"""

import datetime

from django.utils import timezone

from kabar.news.models import ArticlePage, SectionPage

from .models import NewsletterSend, Subscriber
from .services import digest_edition, digest_subject

# (address, status, digest, alerts, section slugs)
SUBSCRIBERS = (
    ("rina.pembaca@contoh.id", Subscriber.Status.CONFIRMED, True, True, ("ekonomi",)),
    ("budi.santoso@contoh.id", Subscriber.Status.CONFIRMED, True, False, ()),
    ("sari.wulandari@contoh.id", Subscriber.Status.CONFIRMED, False, True, ()),
    ("agus.pratama@contoh.id", Subscriber.Status.PENDING, True, False, ("olahraga",)),
    ("dewi.lestari@contoh.id", Subscriber.Status.UNSUBSCRIBED, True, False, ()),
)


def demo_newsletters_load() -> None:
    newest = ArticlePage.objects.visible().order_by("-first_published_at").first()
    moment = newest.first_published_at if newest else timezone.now()
    day = timezone.localtime(moment).date() - datetime.timedelta(days=1)
    sent_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(6, 0)))
    for email, status, digest, alerts, slugs in SUBSCRIBERS:
        subscriber, _ = Subscriber.objects.update_or_create(
            email=email,
            defaults={
                "status": status,
                "wants_digest": digest,
                "wants_alerts": alerts,
                "requested_at": sent_at - datetime.timedelta(days=3),
                "confirmed_at": (
                    sent_at - datetime.timedelta(days=3)
                    if status != Subscriber.Status.PENDING
                    else None
                ),
                "unsubscribed_at": (
                    sent_at - datetime.timedelta(days=1)
                    if status == Subscriber.Status.UNSUBSCRIBED
                    else None
                ),
            },
        )
        subscriber.sections.set(SectionPage.objects.filter(slug__in=slugs))
    confirmed_digest = Subscriber.objects.for_digest().count()
    send, _ = NewsletterSend.objects.update_or_create(
        edition=digest_edition(day),
        defaults={
            "kind": NewsletterSend.Kind.DIGEST,
            "subject": digest_subject(day),
            "started_at": sent_at,
            "sent_at": sent_at,
            "recipients": confirmed_digest,
        },
    )
    send.articles.set(ArticlePage.objects.visible().order_by("-first_published_at")[:5])
