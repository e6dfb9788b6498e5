"""Changes to complaints: receiving one, handling it, and settling it on the story or not."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from kabar.core.antispam import rate_limit_hit

from . import notifications
from .models import Complaint
from .tasks import complaint_received_task, complaint_settled_task

Status = Complaint.Status


class ComplaintRejected(Exception):
    """The submission or the step was refused; `message` says why."""

    def __init__(self, message: str, *, status_code: int = 400):
        super().__init__(message)
        self.message = message
        self.status_code = status_code


def correction_add_function():
    """kabar.corrections' `correction_add`, or None while that app is not installed."""
    try:
        from kabar.corrections.services import correction_add
    except ImportError:
        return None
    return correction_add


def complaint_submit(
    *,
    kind: str,
    article,
    name: str,
    disputed: str,
    response: str,
    email: str = "",
    phone: str = "",
    attachment=None,
    ip: str | None = None,
) -> Complaint:
    """Store a complaint as new, confirm it to the complainant and tell the editors."""
    limit, window = settings.COMPLAINTS_RATE_LIMIT
    contact = email or phone
    if rate_limit_hit(scope="complaint-ip", key=ip or "", limit=limit, window=window) or (
        rate_limit_hit(scope="complaint-contact", key=contact, limit=limit, window=window)
    ):
        raise ComplaintRejected(
            _("You are sending complaints too quickly. Please wait a while and try again."),
            status_code=429,
        )
    complaint = Complaint(
        kind=kind,
        article=article,
        name=name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        disputed=disputed.strip(),
        response=response.strip(),
        ip=ip,
    )
    if attachment:
        complaint.attachment = attachment
    complaint.full_clean()
    with transaction.atomic():
        complaint.save()
        transaction.on_commit(lambda: complaint_received_task.enqueue(complaint.pk))
    return complaint


def _settle_check(complaint: Complaint) -> None:
    if not complaint.is_open:
        raise ComplaintRejected(_("This complaint has already been settled."))


def complaint_start(*, complaint: Complaint, user) -> Complaint:
    """An editor takes the complaint on: it is "in progress" and theirs unless assigned."""
    _settle_check(complaint)
    complaint.status = Status.IN_PROGRESS
    complaint.assigned_to = complaint.assigned_to or user
    with transaction.atomic():
        complaint.save(update_fields=["status", "assigned_to"])
        log(instance=complaint, action="complaints.start", user=user)
    return complaint


def complaint_accept(*, complaint: Complaint, user, text: str = "", party: str = "") -> Complaint:
    """Settle the complaint as published; a right of reply becomes the Hak Jawab note at once."""
    _settle_check(complaint)
    with transaction.atomic():
        if complaint.kind == Complaint.Kind.RIGHT_OF_REPLY:
            correction_add = correction_add_function()
            if correction_add is None:
                raise ComplaintRejected(
                    _(
                        "Correction notes are not available on this site, so the reply cannot be "
                        "published."
                    )
                )
            correction = correction_add(
                article=complaint.article,
                kind="hak_jawab",
                text=(text or complaint.response).strip(),
                party=(party or complaint.name).strip(),
                user=user,
            )
            complaint.correction_id = correction.pk
        complaint.status = Status.PUBLISHED
        complaint.settled_at, complaint.settled_by = timezone.now(), user
        complaint.assigned_to = complaint.assigned_to or user
        complaint.save(
            update_fields=["status", "settled_at", "settled_by", "assigned_to", "correction_id"]
        )
        log(instance=complaint, action="complaints.publish", user=user)
        transaction.on_commit(lambda: complaint_settled_task.enqueue(complaint.pk))
    return complaint


def complaint_reject(*, complaint: Complaint, user, reason: str) -> Complaint:
    """Settle the complaint as rejected; the reason is emailed to the complainant."""
    _settle_check(complaint)
    if not reason.strip():
        raise ComplaintRejected(_("Please give the reason for rejecting the complaint."))
    complaint.status = Status.REJECTED
    complaint.rejection_reason = reason.strip()
    complaint.settled_at, complaint.settled_by = timezone.now(), user
    with transaction.atomic():
        complaint.save(update_fields=["status", "rejection_reason", "settled_at", "settled_by"])
        log(instance=complaint, action="complaints.reject", user=user)
        transaction.on_commit(lambda: complaint_settled_task.enqueue(complaint.pk))
    return complaint


def complaints_overdue_notify(*, now=None) -> int:
    """Email the editors about complaints newly past the 2×24 hours; each is told of once."""
    now = now or timezone.now()
    overdue = list(
        Complaint.objects.overdue(now=now)
        .filter(overdue_notified_at__isnull=True)
        .select_related("article")
        .order_by("created_at")
    )
    if not overdue:
        return 0
    notifications.complaints_overdue_send(complaints=overdue)
    Complaint.objects.filter(pk__in=[c.pk for c in overdue]).update(overdue_notified_at=now)
    return len(overdue)
