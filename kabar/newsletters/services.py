"""Subscribing (double opt-in), preferences, unsubscribing, and sending digests and alerts."""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kabar.core.addresses import page_public_url
from kabar.news.models import ArticlePage, SectionPage

from . import emails
from .models import NewsletterSend, Subscriber
from .selectors import digest_content
from .tokens import confirm_token_read, manage_token_read

logger = logging.getLogger(__name__)


def email_normalize(email: str) -> str:
    return email.strip().lower()


def subscriber_request(
    *, email: str, wants_digest: bool, wants_alerts: bool, sections=()
) -> Subscriber:
    """Ask to subscribe `email`: a new or pending address gets these choices and a
    confirmation link; a confirmed one keeps its choices and gets its preferences link.

    The reader is told the same thing either way (the view never says which happened), so
    the form cannot be used to learn who reads the newsletter.
    """
    email = email_normalize(email)
    now = timezone.now()
    subscriber = Subscriber.objects.filter(email=email).first()
    if subscriber is not None and subscriber.status == Subscriber.Status.CONFIRMED:
        emails.messages_send(
            [emails.message_build(to=email, template="already", context={}, list_mail=False)]
        )
        return subscriber
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.update_or_create(
            email=email,
            defaults={
                "status": Subscriber.Status.PENDING,
                "wants_digest": wants_digest,
                "wants_alerts": wants_alerts,
                "requested_at": now,
            },
        )
        subscriber.sections.set(sections)
    message = emails.message_build(
        to=email,
        template="confirm",
        context={"confirm_url": emails.confirm_url(subscriber)},
        list_mail=False,
    )
    emails.messages_send([message])
    return subscriber


def subscriber_confirm(*, token: str) -> Subscriber | None:
    """Confirm the subscription a genuine, current confirmation link is for; None if not.

    A link confirms only the request it was sent for: after an unsubscribe or a newer request
    an old link does nothing. Confirming twice is harmless.
    """
    found = confirm_token_read(token)
    if found is None:
        return None
    email, stamp = found
    subscriber = Subscriber.objects.filter(email=email).first()
    if subscriber is None:
        return None
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return subscriber
    if subscriber.status != Subscriber.Status.PENDING or (
        abs(subscriber.requested_at.timestamp() - stamp) > 0.001
    ):
        return None
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.confirmed_at = timezone.now()
    subscriber.save(update_fields=["status", "confirmed_at"])
    return subscriber


def subscriber_for_token(token: str) -> Subscriber | None:
    """The subscriber a preferences/unsubscribe link is for, or None."""
    email = manage_token_read(token)
    if email is None:
        return None
    return Subscriber.objects.filter(email=email).first()


def subscriber_preferences_update(
    *, subscriber: Subscriber, wants_digest: bool, wants_alerts: bool, sections
) -> Subscriber:
    """Change what a subscriber receives; an unsubscribed address saving its choices from
    the link in an email it received is subscribed again (it has proved it reads the box)."""
    subscriber.wants_digest, subscriber.wants_alerts = wants_digest, wants_alerts
    fields = ["wants_digest", "wants_alerts"]
    if subscriber.status != Subscriber.Status.CONFIRMED:
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at, subscriber.unsubscribed_at = timezone.now(), None
        fields += ["status", "confirmed_at", "unsubscribed_at"]
    with transaction.atomic():
        subscriber.save(update_fields=fields)
        subscriber.sections.set(sections)
    return subscriber


def subscriber_unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    """Stop every email to the subscriber; their choices stay, should they come back."""
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
    return subscriber


def send_claim(*, kind: str, edition: str, subject: str) -> NewsletterSend | None:
    """Record the send before any email goes; None when this edition was already claimed
    (sent before, or being sent by another scheduler at this moment)."""
    try:
        with transaction.atomic():
            return NewsletterSend.objects.create(
                kind=kind, edition=edition, subject=subject, started_at=timezone.now()
            )
    except IntegrityError:
        return None


def digest_edition(day: datetime.date) -> str:
    return f"digest:{day.isoformat()}"


def digest_due(*, now=None) -> datetime.date | None:
    """The day whose digest should be queued now: today, from NEWSLETTERS_DIGEST_HOUR on,
    unless it has been sent (or claimed) already. Cheap: one indexed lookup a round."""
    now = timezone.localtime(now)
    if now.hour < settings.NEWSLETTERS_DIGEST_HOUR:
        return None
    day = now.date()
    if NewsletterSend.objects.filter(edition=digest_edition(day)).exists():
        return None
    return day


def digest_send(*, day: datetime.date | None = None) -> NewsletterSend | None:
    """Send the day's digest to every confirmed subscriber who wants it, once per day.

    None when the day's digest was already sent (or is being sent) or there is nothing to
    send; otherwise the send's record, with its recipients and stories.
    """
    day = day or timezone.localdate()
    # Sections' stories are the latest as of the day's end (or now, for today's edition).
    day_end = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
    content = digest_content(
        sections=list(SectionPage.objects.live().filter(pk__in=_chosen_section_ids())),
        now=min(timezone.now(), day_end),
    )
    if content.is_empty():
        return None
    subject = digest_subject(day)
    send = send_claim(kind=NewsletterSend.Kind.DIGEST, edition=digest_edition(day), subject=subject)
    if send is None:
        return None
    site = emails.site_name()
    messages = []
    subscribers = Subscriber.objects.for_digest().prefetch_related("sections").order_by("pk")
    for subscriber in subscribers.iterator(chunk_size=500):
        sections = [
            (section, content.by_section.get(section.pk, []))
            for section in subscriber.sections.all()
            if content.by_section.get(section.pk)
        ]
        messages.append(
            emails.message_build(
                to=subscriber.email,
                template="digest",
                context={
                    "subject": subject,
                    "site_name": site,
                    "day": day,
                    "lead": content.lead,
                    "top": content.top,
                    "most_read": content.most_read,
                    "sections": sections,
                },
            )
        )
    return _send_finish(send, messages=messages, articles=content.articles())


def _chosen_section_ids():
    return Subscriber.objects.for_digest().values_list("sections", flat=True).distinct()


def digest_subject(day: datetime.date) -> str:
    """ "Kabar Harapan — Ringkasan berita 3 Desember 2026", in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("%(site)s — Ringkasan berita %(date)s") % {
            "site": emails.site_name(),
            "date": date_format(day, "j F Y"),
        }


def _send_finish(send: NewsletterSend, *, messages: list, articles) -> NewsletterSend:
    sent = 0
    for start in range(0, len(messages), settings.NEWSLETTERS_BATCH_SIZE):
        batch = messages[start : start + settings.NEWSLETTERS_BATCH_SIZE]
        try:
            sent += emails.messages_send(batch)
        except Exception:
            # One bad batch (the mail server away) must not stop the rest, nor send twice.
            logger.exception("A batch of newsletter emails could not be sent.")
    send.recipients, send.sent_at = sent, timezone.now()
    send.save(update_fields=["recipients", "sent_at"])
    send.articles.set([a.pk for a in articles if a is not None])
    return send


def breaking_alert_send(article: ArticlePage) -> NewsletterSend | None:
    """Email a breaking-news alert about `article` to confirmed subscribers who chose alerts;
    once per article (None when it was sent before or the article is not visible)."""
    if not ArticlePage.objects.visible().filter(pk=article.pk).exists():
        return None
    subject = _("Berita terkini: %(title)s") % {"title": article.title}
    send = send_claim(
        kind=NewsletterSend.Kind.ALERT, edition=f"alert:{article.pk}", subject=subject
    )
    if send is None:
        return None
    site = emails.site_name()
    context = {
        "subject": subject,
        "site_name": site,
        "article": article,
        "article_url": page_public_url(article),
    }
    messages = [
        emails.message_build(to=email, template="alert", context=context)
        for email in Subscriber.objects.for_alerts().order_by("pk").values_list("email", flat=True)
    ]
    return _send_finish(send, messages=messages, articles=[article])
