"""UU PDP: a subscriber's data in the readers' and the staff's export and erase
(registered in kabar.core.personal_data from NewslettersConfig.ready)."""

from .models import Subscriber


def _subscribers(email: str):
    return Subscriber.objects.filter(email__iexact=email.strip())


def subscriber_data_count(*, email: str) -> int:
    return _subscribers(email).count()


def subscriber_data_export(*, email: str) -> list[dict]:
    """The subscription held for the address (at most one), as JSON-ready data."""
    return [
        {
            "email": s.email,
            "status": s.status,
            "daily_digest": s.wants_digest,
            "breaking_news_alerts": s.wants_alerts,
            "sections": [section.title for section in s.sections.all()],
            "requested_at": s.requested_at.isoformat(),
            "confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else None,
            "unsubscribed_at": s.unsubscribed_at.isoformat() if s.unsubscribed_at else None,
        }
        for s in _subscribers(email).prefetch_related("sections")
    ]


def subscriber_data_erase(*, email: str) -> int:
    """Delete the subscription; past sends keep only their counts, never addresses."""
    deleted, _ = _subscribers(email).delete()
    return 1 if deleted else 0
